"""Back office of the catalog: service sheets (Wagtail snippets with drafts, revisions,
moderation, scheduling, locking, preview and translation) and the lists that organise them.

Permissions come from government.access through the policies of catalog.permissions. The
sheets' screens are government.editorial's EditorialViewSet: every view that opens one sheet
checks the policy *for that sheet*, so another agency's sheet is refused whatever URL is typed;
publishing goes through government.editorial.publish, which checks the sheet's agency again
(the Publish buttons and wagtail-localize's screens are held to the policy there too).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.admin.viewsets.base import ViewSetGroup

from ventanilla.government.backoffice import AccessViewSet
from ventanilla.government.editorial import EditorialForm, EditorialViewSet

from . import services
from .models import LifeEvent, Segment, ServiceSheet, Synonym, Topic


class ServiceSheetForm(EditorialForm):
    """Agency and unit choices limited to the agencies where the user edits content."""


class ServiceSheetViewSet(EditorialViewSet):
    model = ServiceSheet
    icon = "doc-full"
    menu_label = _("Service sheets")
    menu_order = 100
    list_select_related = ("agency", "locale", "latest_revision")
    list_display = ["name", "agency", "homoclave", "locale", UpdatedAtColumn()]
    list_filter = ["agency", "kind", "live", "topics"]
    list_per_page = 25
    search_fields = ["name", "homoclave", "keywords", "summary"]
    ordering = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("slug"), FieldPanel("homoclave")]),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldPanel("keywords"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("modality")]),
                    FieldRowPanel([FieldPanel("agency"), FieldPanel("unit")]),
                    FieldPanel("last_reviewed_on"),
                ],
                heading=_("General"),
            ),
            ObjectList(
                [FieldPanel("applicant"), FieldPanel("when_applicable")],
                heading=_("Who and when"),
            ),
            ObjectList(
                [
                    FieldPanel("requirements"),
                    FieldPanel("steps"),
                    FieldPanel("submission_format"),
                    FieldPanel("forms"),
                    MultiFieldPanel(
                        [FieldPanel("inspection_required"), FieldPanel("inspection_purpose")],
                        heading=_("Inspections"),
                    ),
                ],
                heading=_("Requirements and steps"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("is_free"), FieldPanel("fees")], heading=_("Fees"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("max_response_time"), FieldPanel("response_day_type")]),
                            FieldPanel("immediate_response"),
                            FieldPanel("silence_effect"),
                            FieldRowPanel([
                                FieldPanel("prevention_agency_days"), FieldPanel("prevention_applicant_days"),
                            ]),
                        ],
                        heading=_("Response times"),
                    ),
                ],
                heading=_("Costs and times"),
            ),
            ObjectList(
                [FieldPanel("offices"), FieldPanel("contacts")],
                heading=_("Where"),
            ),
            ObjectList(
                [
                    FieldPanel("legal_basis"),
                    FieldPanel("result_document"),
                    FieldPanel("result_validity"),
                    FieldPanel("resolution_criteria"),
                    FieldPanel("records_to_keep"),
                ],
                heading=_("Legal and results"),
            ),
            ObjectList(
                [FieldPanel("topics"), FieldPanel("life_events"), FieldPanel("segments")],
                heading=_("Classification"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("can_apply_online"), FieldPanel("online_url")]),
                    FieldPanel("can_book_appointment"),
                    FieldPanel("can_pay_online"),
                    PublishingPanel(),
                ],
                heading=_("Flows and publication"),
            ),
        ],
        base_form_class=ServiceSheetForm,
    )


class _ListViewSet(AccessViewSet):
    """Topics, life events, segments and synonyms: saved and audited by catalog.services."""

    create_service = staticmethod(services.create_list_entry)
    update_service = staticmethod(services.update_list_entry)
    delete_service = staticmethod(services.delete_list_entry)
    search_fields = ["name", "name_en", "description"]
    list_display = ["name", "name_en", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("slug_en")]),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]


class TopicViewSet(_ListViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")


class LifeEventViewSet(_ListViewSet):
    model = LifeEvent
    icon = "date"
    menu_label = _("Life events")


class SegmentViewSet(_ListViewSet):
    model = Segment
    icon = "group"
    menu_label = _("Audiences")


class SynonymViewSet(_ListViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
    ordering = ["language", "terms"]
    panels = [FieldPanel("language"), FieldPanel("terms")]


class CatalogViewSetGroup(ViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "doc-full"
    menu_order = 250
    items = (ServiceSheetViewSet, TopicViewSet, LifeEventViewSet, SegmentViewSet, SynonymViewSet)


@hooks.register("register_admin_viewset")
def register_catalog_viewsets():
    return CatalogViewSetGroup()
