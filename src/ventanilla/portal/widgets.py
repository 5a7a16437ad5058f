"""Form widgets that fit the layout's field macro."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker (<input type="date">), which sends and shows ISO dates.

    Django's DateInput is a text box; passing attrs={"type": "date"} would repeat the type
    attribute, so the input type is changed here instead, with the ISO format the date input
    requires for its value.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
