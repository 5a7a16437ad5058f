"""Back office of the government structure: one menu group, one viewset per model.

Permissions come from government.access through the policies of government.policies; saving
goes through government.services (see government.backoffice).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from ventanilla.audit.services import diff, record, snapshot

from . import services
from .backoffice import AccessViewSet
from .forms import AgencyForm, MembershipForm, OfficeForm, UnitForm
from .models import AdministrativeUnit, Agency, Holiday, Jurisdiction, Membership, Office


class JurisdictionViewSet(AccessViewSet):
    model = Jurisdiction
    icon = "globe"
    menu_label = _("Levels of government")
    list_display = ["name", "level", "parent", "inegi_code", "is_active"]
    list_filter = ["level", "is_active"]
    list_select_related = ("parent",)
    search_fields = ["name", "name_en", "inegi_code"]
    ordering = ["level", "name"]
    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("inegi_code")]),
        FieldPanel("is_active"),
    ]
    create_service = staticmethod(services.create_jurisdiction)
    update_service = staticmethod(services.update_jurisdiction)


class AgencyViewSet(AccessViewSet):
    model = Agency
    icon = "site"
    menu_label = _("Agencies")
    list_display = ["name", "acronym", "jurisdiction", "is_active"]
    list_filter = ["jurisdiction", "is_active"]
    list_select_related = ("jurisdiction",)
    search_fields = ["name", "name_en", "acronym"]
    ordering = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("jurisdiction"), FieldPanel("parent")]),
                    FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                    FieldRowPanel([FieldPanel("acronym"), FieldPanel("slug")]),
                    FieldPanel("logo"),
                    FieldPanel("is_active"),
                ],
                heading=_("Identity"),
            ),
            ObjectList(
                [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website"), FieldPanel("address")],
                heading=_("Contact"),
            ),
            ObjectList(
                [
                    FieldPanel("head_name"),
                    FieldRowPanel([FieldPanel("head_title"), FieldPanel("head_title_en")]),
                    FieldPanel("welcome_message"),
                    FieldPanel("welcome_message_en"),
                    FieldPanel("mission"),
                    FieldPanel("mission_en"),
                    FieldPanel("vision"),
                    FieldPanel("vision_en"),
                    FieldPanel("organisation_chart"),
                ],
                heading=_("Head, mission and vision"),
            ),
        ],
        base_form_class=AgencyForm,
    )
    create_service = staticmethod(services.create_agency)
    update_service = staticmethod(services.update_agency)


class UnitViewSet(AccessViewSet):
    model = AdministrativeUnit
    icon = "list-ul"
    menu_label = _("Administrative units")
    list_display = ["name", "agency", "parent", "is_active"]
    list_filter = ["agency", "is_active"]
    list_select_related = ("agency", "parent")
    search_fields = ["name", "name_en", "head_name"]
    ordering = ["agency", "name"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("agency"), FieldPanel("parent")]),
            FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
            FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_title")]),
            FieldPanel("is_active"),
        ],
        base_form_class=UnitForm,
    )
    create_service = staticmethod(services.create_unit)
    update_service = staticmethod(services.update_unit)


class OfficeViewSet(AccessViewSet):
    model = Office
    icon = "home"
    menu_label = _("Offices")
    list_display = ["name", "agency", "municipality", "state", "is_active"]
    list_filter = ["agency", "state", "is_active"]
    list_select_related = ("agency",)
    search_fields = ["name", "name_en", "street", "municipality", "postal_code"]
    ordering = ["agency", "name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("agency"), FieldPanel("unit")]),
                    FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                    MultiFieldPanel(
                        [
                            FieldPanel("street"),
                            FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("postal_code")]),
                            FieldRowPanel([FieldPanel("municipality"), FieldPanel("state")]),
                            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                        ],
                        heading=_("Address"),
                    ),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldPanel("accessibility"),
                    FieldPanel("accessibility_en"),
                    FieldPanel("is_active"),
                ],
                heading=_("Office"),
            ),
            ObjectList(
                [
                    InlinePanel("hours", heading=_("Weekly hours"), label=_("Opening period")),
                    InlinePanel("exceptions", heading=_("Exceptions"), label=_("Exception")),
                ],
                heading=_("Opening hours"),
            ),
        ],
        base_form_class=OfficeForm,
    )
    create_service = staticmethod(services.create_office)
    update_service = staticmethod(services.update_office)


class HolidayViewSet(AccessViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Holidays")
    list_display = ["date", "name", "jurisdiction"]
    list_filter = ["jurisdiction"]
    list_select_related = ("jurisdiction",)
    search_fields = ["name", "name_en"]
    ordering = ["-date"]
    panels = [
        FieldRowPanel([FieldPanel("jurisdiction"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
    ]
    create_service = staticmethod(services.create_holiday)
    update_service = staticmethod(services.update_holiday)
    delete_service = staticmethod(services.delete_holiday)


def _grant(membership, *, actor):
    return services.grant_membership(
        actor=actor, user=membership.user, agency=membership.agency, role=membership.role
    )


class MembershipViewSet(AccessViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Staff roles")
    list_display = ["user", Column("email", accessor="user.email", label=_("E-mail")), "agency", "role"]
    list_filter = ["agency", "role"]
    list_select_related = ("user", "agency")
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    ordering = ["agency", "user__email"]
    edit_handler = ObjectList(
        [FieldPanel("email"), FieldPanel("agency"), FieldPanel("role")], base_form_class=MembershipForm
    )
    create_service = staticmethod(_grant)
    update_service = staticmethod(services.change_membership)
    delete_service = staticmethod(services.revoke_membership)


class GovernmentViewSetGroup(ViewSetGroup):
    menu_label = _("Government structure")
    menu_icon = "site"
    menu_order = 300
    items = (
        JurisdictionViewSet, AgencyViewSet, UnitViewSet, OfficeViewSet, HolidayViewSet, MembershipViewSet
    )


@hooks.register("register_admin_viewset")
def register_government_viewsets():
    return GovernmentViewSetGroup()


# Wagtail's user screens (platform administrators only, see the policy above) save users
# themselves; these hooks add the audit entries. Wagtail runs "after" hooks once its own save
# has committed, so each entry is written in a transaction of its own just after the change.
AUDITED_USER_FIELDS = ["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser"]


def _user_state(user) -> dict:
    """The audited fields, and the names of the user's groups (the screen's "groups" field)."""
    groups = sorted(user.groups.values_list("name", flat=True))
    return {**snapshot(user, AUDITED_USER_FIELDS), "groups": groups}


@hooks.register("before_edit_user")
def remember_user_before_change(request, user):
    request.ventanilla_user_before = _user_state(user)


@hooks.register("after_create_user")
def audit_user_created(request, user):
    with transaction.atomic():
        record("accounts.user.create", actor=request.user, target=user, changes=diff({}, _user_state(user)))


@hooks.register("after_edit_user")
def audit_user_edited(request, user):
    changes = diff(getattr(request, "ventanilla_user_before", {}), _user_state(user))
    if changes:
        with transaction.atomic():
            record("accounts.user.update", actor=request.user, target=user, changes=changes)
