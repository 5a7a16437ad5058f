"""The layout's macros, rendered from strings with the project's Jinja2 engine."""

import datetime

import pytest

from django import forms
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from ventanilla.portal.widgets import DateInput

from .html import find, find_all, parse

FORM_MACROS = '{% from "macros/forms.html" import field, form_errors, submit with context %}'
COMPONENT_MACROS = (
    '{% from "macros/components.html" import alert, pagination, step_indicator, table, breadcrumbs '
    "with context %}"
)


@pytest.fixture(autouse=True)
def english():
    """The assertions read the English message ids."""
    with translation.override("en"):
        yield


def render(source: str, **context) -> str:
    return engines["jinja2"].env.from_string(source).render(**context)


class SampleForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on your ID.")
    email = forms.EmailField(label="E-mail")
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    state = forms.ChoiceField(label="State", choices=[("", "Choose"), ("jal", "Jalisco"), ("oax", "Oaxaca")])
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    born = forms.DateField(label="Date of birth", widget=DateInput)
    agree = forms.BooleanField(label="I accept the terms")
    contact = forms.ChoiceField(
        label="Contact me by", widget=forms.RadioSelect, choices=[("mail", "E-mail"), ("phone", "Phone")]
    )
    topics = forms.MultipleChoiceField(
        label="Topics", widget=forms.CheckboxSelectMultiple, required=False,
        choices=[("tax", "Taxes"), ("water", "Water")],
    )


VALID = {
    "name": "Ana López",
    "email": "ana@example.mx",
    "password": "s3cret-passphrase",
    "state": "oax",
    "notes": "Hola",
    "born": "1990-05-17",
    "agree": "on",
    "contact": "phone",
    "topics": ["water"],
}


def render_field(form, name, **kwargs) -> str:
    return render(FORM_MACROS + "{{ field(form[name], **kwargs) }}", form=form, name=name, kwargs=kwargs)


# (field name, tag of the control, its USWDS class, the control's type attribute or None)
TEXT_LIKE = [
    ("name", "input", "usa-input", "text"),
    ("email", "input", "usa-input", "email"),
    ("password", "input", "usa-input", "password"),
    ("state", "select", "usa-select", None),
    ("notes", "textarea", "usa-textarea", None),
    ("born", "input", "usa-input", "date"),
]


class TestFieldMacro:
    @pytest.mark.parametrize(("name", "tag", "css_class", "input_type"), TEXT_LIKE)
    def test_renders_a_labelled_uswds_control(self, name, tag, css_class, input_type):
        html = render_field(SampleForm(), name)
        control = find(html, tag, id=f"id_{name}")
        assert css_class in control.classes
        if input_type:
            assert control.attrs["type"] == input_type
        label = find(html, "label", for_=f"id_{name}")
        assert "usa-label" in label.classes
        assert "usa-form-group" in find_all(html, "div")[0].classes
        assert "aria-invalid" not in control.attrs

    @pytest.mark.parametrize(("name", "tag", "css_class", "input_type"), TEXT_LIKE)
    def test_an_error_is_linked_to_the_control(self, name, tag, css_class, input_type):
        form = SampleForm(data={})
        form.add_error(name, "Something is wrong here.")
        html = render_field(form, name)
        control = find(html, tag, id=f"id_{name}")
        assert control.attrs["aria-invalid"] == "true"
        error = find(html, "span", class_="usa-error-message")
        assert error.attrs["id"] in control.attrs["aria-describedby"].split()
        assert "Something is wrong here." in error.text
        assert "usa-form-group--error" in find_all(html, "div")[0].classes
        assert "usa-label--error" in find(html, "label").classes

    def test_hint_is_linked_to_the_control(self):
        html = render_field(SampleForm(), "name")
        control = find(html, "input", id="id_name")
        hint = find(html, "span", class_="usa-hint")
        assert hint.text == "As on your ID."
        assert control.attrs["aria-describedby"] == hint.attrs["id"] == "id_name-hint"

    def test_hint_argument_replaces_the_help_text(self):
        html = render_field(SampleForm(), "email", hint="We write only about your requests.")
        assert find(html, "span", class_="usa-hint").text == "We write only about your requests."

    def test_hint_and_error_are_both_described(self):
        form = SampleForm(data={"name": ""})
        form.is_valid()
        control = find(render_field(form, "name"), "input", id="id_name")
        assert control.attrs["aria-describedby"].split() == ["id_name-hint", "id_name-error"]

    @pytest.mark.parametrize(
        ("name", "required"), [("name", True), ("notes", False), ("agree", True), ("contact", True)]
    )
    def test_required_fields_are_marked(self, name, required):
        html = render_field(SampleForm(), name)
        markers = find_all(html, "abbr", class_="usa-hint--required")
        assert len(markers) == (1 if required else 0)

    @pytest.mark.parametrize(
        ("name", "tag", "expected"),
        [
            ("name", "input", "Ana López"),
            ("email", "input", "ana@example.mx"),
            ("born", "input", "1990-05-17"),
        ],
    )
    def test_keeps_the_typed_value_when_the_form_has_errors(self, name, tag, expected):
        form = SampleForm(data={**VALID, "agree": ""})
        assert not form.is_valid()
        control = find(render_field(form, name), tag, id=f"id_{name}")
        assert control.attrs["value"] == expected

    def test_keeps_typed_text_select_and_textarea(self):
        form = SampleForm(data={**VALID, "agree": ""})
        form.is_valid()
        assert find(render_field(form, "notes"), "textarea").text.strip() == "Hola"
        options = find_all(render_field(form, "state"), "option")
        assert [option.attrs["value"] for option in options if "selected" in option.attrs] == ["oax"]

    def test_never_echoes_a_password(self):
        form = SampleForm(data={**VALID, "agree": ""})
        form.is_valid()
        assert "value" not in find(render_field(form, "password"), "input", id="id_password").attrs

    def test_checkbox(self):
        form = SampleForm(data={**VALID, "agree": ""})
        form.is_valid()
        html = render_field(form, "agree")
        control = find(html, "input", id="id_agree")
        assert control.attrs["type"] == "checkbox"
        assert "usa-checkbox__input" in control.classes
        assert control.attrs["aria-invalid"] == "true"
        assert control.attrs["aria-describedby"] == "id_agree-error"
        assert "usa-checkbox__label" in find(html, "label", for_="id_agree").classes

    @pytest.mark.parametrize(
        ("name", "item_class", "input_type", "data_value", "checked"),
        [
            ("contact", "usa-radio", "radio", "phone", ["phone"]),
            ("topics", "usa-checkbox", "checkbox", ["water"], ["water"]),
        ],
    )
    def test_choice_lists_are_a_fieldset_and_keep_the_choice(
        self, name, item_class, input_type, data_value, checked
    ):
        form = SampleForm(data={**VALID, name: data_value, "agree": ""})
        form.is_valid()
        form.add_error(name, "Pick again.")
        html = render_field(form, name)
        fieldset = find(html, "fieldset", class_="usa-fieldset")
        assert fieldset.attrs["aria-describedby"] == f"id_{name}-error"
        assert find(html, "legend", class_="usa-legend").text.startswith(form[name].label)
        inputs = find_all(html, "input", class_=f"{item_class}__input")
        assert {element.attrs["type"] for element in inputs} == {input_type}
        assert [element.attrs["value"] for element in inputs if "checked" in element.attrs] == checked
        for element in inputs:
            assert find(html, "label", for_=element.attrs["id"]).classes == {f"{item_class}__label"}

    def test_hidden_field_renders_only_the_input(self):
        class HiddenForm(forms.Form):
            token = forms.CharField(widget=forms.HiddenInput)

        html = render_field(HiddenForm(initial={"token": "abc"}), "token")
        assert [element.tag for element in parse(html)] == ["input"]


class TestFormErrors:
    def test_nothing_without_errors(self):
        assert render(FORM_MACROS + "{{ form_errors(form) }}", form=SampleForm()).strip() == ""

    def test_summary_links_each_error_to_its_field(self):
        form = SampleForm(data={**VALID, "email": "not-an-address", "contact": ""})
        form.is_valid()
        form.add_error(None, "These dates overlap.")
        html = render(FORM_MACROS + "{{ form_errors(form) }}", form=form)
        summary = find(html, "div", id="error-summary")
        assert {"usa-alert", "usa-alert--error"} <= summary.classes
        assert summary.attrs["role"] == "alert"
        assert summary.attrs["tabindex"] == "-1"
        assert "There are 3 problems with this form" in find(html, "h2").text
        links = {element.attrs["href"] for element in find_all(html, "a")}
        assert links == {"#id_email", "#id_contact_0"}
        assert "These dates overlap." in html

    def test_singular_heading(self):
        form = SampleForm(data={**VALID, "email": "nope"})
        form.is_valid()
        html = render(FORM_MACROS + "{{ form_errors(form) }}", form=form)
        assert "There is 1 problem with this form" in find(html, "h2").text


class TestSubmit:
    @pytest.mark.parametrize(
        ("call", "classes", "attrs"),
        [
            ('submit("Send")', {"usa-button"}, {"type": "submit"}),
            ('submit("Save draft", name="draft", value="1", secondary=True)',
             {"usa-button", "usa-button--outline"}, {"type": "submit", "name": "draft", "value": "1"}),
        ],
    )
    def test_button(self, call, classes, attrs):
        button = find(render(FORM_MACROS + "{{ " + call + " }}"), "button")
        assert button.classes == classes
        assert attrs.items() <= button.attrs.items()


class TestAlert:
    @pytest.mark.parametrize(
        ("kind", "role"),
        [("info", "status"), ("success", "status"), ("warning", "status"), ("error", "alert"),
         ("emergency", "alert")],
    )
    def test_kind_and_role(self, kind, role):
        html = render(COMPONENT_MACROS + '{{ alert(kind, "Heading", "Body <b>text</b>") }}', kind=kind)
        box = find(html, "div", class_="usa-alert")
        assert f"usa-alert--{kind}" in box.classes
        assert box.attrs["role"] == role
        assert find(html, "h2", class_="usa-alert__heading").text == "Heading"
        assert "Body &lt;b&gt;text&lt;/b&gt;" in html  # body text is escaped

    def test_slim_without_heading(self):
        html = render(COMPONENT_MACROS + '{{ alert("success", None, "Saved.", slim=True) }}')
        assert "usa-alert--slim" in find(html, "div", class_="usa-alert").classes
        assert find_all(html, "h2") == []


class TestPagination:
    @pytest.fixture
    def rf_request(self):
        return RequestFactory().get("/tramites/", {"q": "agua", "page": "5"})

    def render_page(self, number, request, count=200):
        page = Paginator(range(count), 10).page(number)
        return render(COMPONENT_MACROS + "{{ pagination(page, request) }}", page=page, request=request)

    def test_marks_the_current_page_and_keeps_the_query(self, rf_request):
        html = self.render_page(5, rf_request)
        nav = find(html, "nav", class_="usa-pagination")
        assert nav.attrs["aria-label"] == "Pagination"
        current = find(html, "a", aria_current="page")
        assert current.text == "5"
        assert current.attrs["href"] == "/tramites/?q=agua&page=5"
        assert "usa-current" in current.classes
        previous = find(html, "a", class_="usa-pagination__previous-page")
        assert previous.attrs["href"] == "/tramites/?q=agua&page=4"
        assert find(html, "a", class_="usa-pagination__next-page").attrs["href"] == "/tramites/?q=agua&page=6"
        assert len(find_all(html, "li", class_="usa-pagination__overflow")) == 2

    @pytest.mark.parametrize(("number", "previous", "next_"), [(1, 0, 1), (20, 1, 0)])
    def test_no_link_past_the_ends(self, rf_request, number, previous, next_):
        html = self.render_page(number, rf_request)
        assert len(find_all(html, "a", class_="usa-pagination__previous-page")) == previous
        assert len(find_all(html, "a", class_="usa-pagination__next-page")) == next_

    def test_nothing_for_a_single_page(self, rf_request):
        assert self.render_page(1, rf_request, count=5).strip() == ""


class TestStepIndicator:
    @pytest.mark.parametrize("current", [0, 1, 2])
    def test_marks_done_current_and_pending_steps(self, current):
        steps = ["Your details", "Documents", "Review"]
        html = render(COMPONENT_MACROS + "{{ step_indicator(steps, current) }}", steps=steps, current=current)
        segments = find_all(html, "li", class_="usa-step-indicator__segment")
        assert len(segments) == 3
        for index, segment in enumerate(segments):
            assert ("usa-step-indicator__segment--complete" in segment.classes) == (index < current)
            assert ("usa-step-indicator__segment--current" in segment.classes) == (index == current)
            assert (segment.attrs.get("aria-current") == "step") == (index == current)
        assert find(html, "span", class_="usa-step-indicator__current-step").text.strip() == str(current + 1)
        assert find(html, "span", class_="usa-step-indicator__heading-text").text == steps[current]
        assert html.count("not completed") == 2 - current


class TestTable:
    @pytest.mark.parametrize(("stacked", "row_headers"), [(True, False), (False, True)])
    def test_headers_caption_and_labels(self, stacked, row_headers):
        html = render(
            COMPONENT_MACROS
            + "{{ table('Offices', ['Name', 'Town'], rows, stacked=stacked, row_headers=row_headers) }}",
            rows=[["Centro", "Oaxaca"], ["Norte", "Tlaxiaco"]], stacked=stacked, row_headers=row_headers,
        )
        table = find(html, "table", class_="usa-table")
        assert ("usa-table--stacked" in table.classes) == stacked
        assert find(html, "caption").text == "Offices"
        assert [th.text for th in find_all(html, "th", scope="col")] == ["Name", "Town"]
        assert len(find_all(html, "th", scope="row")) == (2 if row_headers else 0)
        assert [cell.attrs["data-label"] for cell in find_all(html, "td")] == (
            ["Town", "Town"] if row_headers else ["Name", "Town", "Name", "Town"]
        )


class TestBreadcrumbs:
    def test_last_item_is_the_current_page(self):
        html = render(
            COMPONENT_MACROS
            + "{{ breadcrumbs([('Home', '/'), ('Offices', '/oficinas/'), ('Centro', None)]) }}"
        )
        assert find(html, "nav", class_="usa-breadcrumb").attrs["aria-label"] == "Breadcrumbs"
        assert [a.attrs["href"] for a in find_all(html, "a")] == ["/", "/oficinas/"]
        current = find(html, "li", aria_current="page")
        assert current.text.strip() == "Centro"


def test_date_widget_shows_iso_dates():
    html = render_field(SampleForm(initial={"born": datetime.date(1990, 5, 17)}), "born")
    assert find(html, "input", id="id_born").attrs["value"] == "1990-05-17"
