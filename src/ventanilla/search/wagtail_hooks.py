"""The back-office report of searches that found nothing, most frequent first (read-only)."""

import django_filters

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet

from ventanilla.government.backoffice import AccessViewSet

from .models import LANGUAGES, ZeroResultSearch


class ZeroResultSearchFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(label=_("Language"), choices=LANGUAGES)

    class Meta:
        model = ZeroResultSearch
        fields = ["language"]


class ZeroResultSearchViewSet(AccessViewSet):
    model = ZeroResultSearch
    icon = "search"
    menu_label = _("Searches with no results")
    menu_order = 850
    add_to_admin_menu = True
    list_display = ["query", "language", "count", "first_seen", "last_seen"]
    filterset_class = ZeroResultSearchFilterSet
    search_fields = ["query"]
    ordering = ["-count", "-last_seen"]
    list_per_page = 50
    add_to_reference_index = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        # Read-only: only the list exists.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for action in ("add", "edit", "delete", "history", "usage", "inspect"):
            kwargs[f"{action}_url_name"] = None
        return kwargs

    def register_admin_url_finder(self):
        """No edit URL to find."""


@hooks.register("register_admin_viewset")
def register_zero_result_viewset():
    return ZeroResultSearchViewSet("zero_result_searches")
