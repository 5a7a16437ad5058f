"""Back office of editorial content: news, action-plan banners, service charters, library
documents and the head's welcome, in one "Content" menu.

Every screen is government.editorial's EditorialViewSet, scoped and checked per object by the
policies of content.permissions: an editor sees and edits only their agency's content, its
reviewers publish (directly or by approving a submitted draft), platform administrators handle
portal-wide content and the head's welcome. Publishing goes through government.editorial.publish
and every editorial event is audited with the content's agency.
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
from wagtail.models import Locale

from ventanilla.government import access
from ventanilla.government.access import Action
from ventanilla.government.editorial import EditorialForm, EditorialViewSet

from .models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter


def _publishing(*panels):
    return ObjectList([*panels, PublishingPanel()], heading=_("Publication"))


class NewsViewSet(EditorialViewSet):
    model = NewsItem
    icon = "doc-full-inverse"
    menu_label = _("News")
    menu_order = 100
    list_select_related = ("agency", "locale", "latest_revision")
    list_display = ["title", "agency", "published_on", "locale", UpdatedAtColumn()]
    list_filter = ["agency", "live", "locale"]
    search_fields = ["title", "summary"]
    ordering = ["-published_on", "-pk"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    FieldPanel("body"),
                    MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
                ],
                heading=_("Content"),
            ),
            _publishing(FieldPanel("agency"), FieldPanel("published_on")),
        ],
        base_form_class=EditorialForm,
    )


class BannerViewSet(EditorialViewSet):
    model = Banner
    icon = "pick"
    menu_label = _("Action-plan banners")
    menu_order = 200
    list_select_related = ("agency", "locale", "latest_revision")
    list_display = ["title", "agency", "starts_on", "ends_on", "priority", "locale", UpdatedAtColumn()]
    list_filter = ["agency", "live", "locale"]
    search_fields = ["title", "text"]
    ordering = ["-priority", "-starts_on", "-pk"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("text"),
                    FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
                    MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
                ],
                heading=_("Content"),
            ),
            _publishing(
                FieldPanel("agency"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("priority"),
            ),
        ],
        base_form_class=EditorialForm,
    )


class CharterForm(EditorialForm):
    """The services a charter covers: sheets of its own agency, in its language.

    Choices are bounded: the charter's agency once it has one, else the agencies where the user
    edits content (a platform administrator first saves the charter with its agency). `clean`
    refuses a sheet of another agency.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("sheets")
        if field is None:
            return
        from ventanilla.catalog.models import ServiceSheet

        instance = self.instance
        if instance.agency_id:
            agencies = [instance.agency_id]
        elif self.for_user is not None and not access.is_platform_admin(self.for_user):
            agencies = access.agencies_for(self.for_user, Action.EDIT_CONTENT)
        else:
            agencies = []
        locale = instance.locale if instance.locale_id else Locale.get_default()
        field.queryset = ServiceSheet.objects.filter(agency__in=agencies, locale=locale).order_by("name")
        if not agencies:
            # A platform administrator's new charter: listing every sheet of every agency here
            # would be thousands of choices, most of them refused by `clean`.
            field.help_text = _(
                "Choose the agency and save the charter: the services of that agency then appear here."
            )

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        sheets = cleaned.get("sheets")
        if agency is not None and sheets and any(sheet.agency_id != agency.pk for sheet in sheets):
            self.add_error("sheets", _("A charter covers only services of its own agency."))
        return cleaned


class CharterViewSet(EditorialViewSet):
    model = ServiceCharter
    icon = "list-ul"
    menu_label = _("Service charters")
    menu_order = 300
    list_select_related = ("agency", "locale", "latest_revision")
    list_display = ["title", "agency", "valid_from", "valid_until", "locale", UpdatedAtColumn()]
    list_filter = ["agency", "live", "locale"]
    search_fields = ["title", "introduction"]
    ordering = ["-valid_from", "-pk"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("agency"),
                    FieldPanel("introduction"),
                    FieldPanel("commitments"),
                    FieldPanel("sheets"),
                    FieldPanel("document"),
                ],
                heading=_("Charter"),
            ),
            ObjectList(
                [
                    FieldPanel("complaints"),
                    FieldRowPanel([FieldPanel("complaints_phone"), FieldPanel("complaints_email")]),
                    FieldPanel("complaints_url"),
                ],
                heading=_("Complaints"),
            ),
            _publishing(FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])),
        ],
        base_form_class=CharterForm,
    )


class LibraryDocumentViewSet(EditorialViewSet):
    model = LibraryDocument
    icon = "doc-empty"
    menu_label = _("Documents library")
    menu_order = 400
    list_select_related = ("agency", "document", "latest_revision")
    list_display = ["title", "kind", "agency", "language", "published_on", UpdatedAtColumn()]
    list_filter = ["kind", "agency", "language", "live"]
    search_fields = ["title", "title_en", "description"]
    ordering = ["-published_on", "title"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
                    FieldPanel("description"),
                    FieldPanel("description_en"),
                    FieldPanel("document"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
                ],
                heading=_("Document"),
            ),
            _publishing(FieldPanel("agency"), FieldPanel("published_on")),
        ],
        base_form_class=EditorialForm,
    )


class HeadWelcomeViewSet(EditorialViewSet):
    model = HeadWelcome
    icon = "user"
    menu_label = _("Head's welcome")
    menu_order = 500
    list_select_related = ("locale", "latest_revision")
    list_display = ["name", "title", "locale", UpdatedAtColumn()]
    list_filter = ["live", "locale"]
    search_fields = ["name", "title"]
    ordering = ["-pk"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
                    MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
                    FieldPanel("message"),
                ],
                heading=_("Welcome"),
            ),
            _publishing(),
        ],
        base_form_class=EditorialForm,
    )


class ContentViewSetGroup(ViewSetGroup):
    menu_label = _("Content")
    menu_icon = "doc-full-inverse"
    menu_order = 260
    items = (NewsViewSet, BannerViewSet, CharterViewSet, LibraryDocumentViewSet, HeadWelcomeViewSet)


@hooks.register("register_admin_viewset")
def register_content_viewsets():
    return ContentViewSetGroup()
