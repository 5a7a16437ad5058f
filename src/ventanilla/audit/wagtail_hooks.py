"""The audit log in the back office: read-only, scoped by government.access.

Supervisors and agency administrators read their agencies' entries; platform administrators
read all, including entries that belong to no agency (the permission policy is registered
with the others in ventanilla.government.policies). Only the list and the inspect view
exist: there is no URL to add, edit or delete an entry.
"""

import django_filters

from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from ventanilla.core.channels import Channel
from ventanilla.government.backoffice import AccessViewSet
from ventanilla.government.backoffice import InspectView as ScopedInspectView

from .models import AuditEntry


class AuditEntryFilterSet(WagtailFilterSet):
    action = django_filters.CharFilter(label=_("Action"), lookup_expr="icontains")
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    timestamp = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    # By the recorded label, so the filter never lists every account of the site.
    actor_label = django_filters.CharFilter(label=_("Who (e-mail)"), lookup_expr="icontains")

    class Meta:
        model = AuditEntry
        fields = ["action", "channel", "timestamp", "actor_label"]


class AuditEntryInspectView(ScopedInspectView):
    def get_changes_display_value(self):
        changes = self.object.changes or {}
        if not changes:
            return "-"
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((field, _display(values, 0), _display(values, 1)) for field, values in sorted(changes.items())),
        )
        return format_html(
            "<table class='listing'><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("Field"), _("Before"), _("After"), rows,
        )


def _display(values, index):
    """One side of a [before, after] pair; "-" when the field did not exist on that side."""
    if isinstance(values, list | tuple) and len(values) == 2:
        value = values[index]
    else:  # a free-form change record: show it whole as the "after" side
        value = values if index == 1 else None
    if value in (None, "", [], {}):
        return "-"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


class AuditEntryViewSet(AccessViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_class = AuditEntryInspectView
    list_display = ["timestamp", "actor_label", "action", "object_repr", "channel"]
    filterset_class = AuditEntryFilterSet
    search_fields = ["object_repr", "action", "actor_label"]
    ordering = ["-timestamp"]
    list_per_page = 50
    add_to_reference_index = False
    inspect_view_fields = [
        "timestamp", "actor_label", "on_behalf_of", "action", "content_type", "object_id", "object_repr",
        "agency", "changes", "channel", "ip_address", "request_id",
    ]

    def get_urlpatterns(self):
        # Read-only: no add, edit, delete, copy, history or usage URL exists.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for action in ("add", "edit", "delete", "history", "usage"):
            kwargs[f"{action}_url_name"] = None
        return kwargs

    def register_admin_url_finder(self):
        """No edit URL to find."""


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit_log")
