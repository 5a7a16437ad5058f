"""Back office of the catalog: service sheets (Wagtail snippets with drafts, revisions,
moderation, scheduling, locking, preview and translation) and the lists that organise them.

Permissions come from government.access through the policies of catalog.permissions. Every
view that opens one sheet checks the policy *for that sheet*, so another agency's sheet is
refused whatever URL is typed; publishing goes through catalog.services.publish_sheet, which
checks the sheet's agency again.
"""

from django.core.exceptions import PermissionDenied
from django.urls import include, path
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
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from ventanilla.government import access
from ventanilla.government.access import Action
from ventanilla.government.backoffice import AccessForm, AccessViewSet

from . import services
from .models import LifeEvent, Segment, ServiceSheet, Synonym, Topic


def sheet_policy():
    """Some of Wagtail's views (workflow actions) have no permission_policy attribute."""
    return policy_registry.get_by_type(ServiceSheet)


class ServiceSheetForm(AccessForm):
    """Agency and unit choices limited to the agencies where the user edits content."""

    form_action = Action.EDIT_CONTENT


class _InstanceChecked:
    """Refuse the view unless the policy allows `instance_permission` on this very sheet."""

    instance_permission = "change"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not sheet_policy().user_has_permission_for_instance(
            self.request.user, self.instance_permission, obj
        ):
            raise PermissionDenied
        return obj


class _PublishesThroughService:
    """The editor's "Publish" runs catalog.services.publish_sheet (agency check, audit)."""

    def get_available_actions(self):
        actions = super().get_available_actions()
        obj = getattr(self, "object", None)
        policy = sheet_policy()
        if "publish" in actions and obj is not None and not policy.user_has_permission_for_instance(
            self.request.user, "publish", obj
        ):
            actions = [action for action in actions if action != "publish"]
        return actions

    def publish_action(self):
        hook_response = self.run_hook("before_publish", self.request, self.object)
        if hook_response is not None:
            return hook_response
        services.publish_sheet(self.object, actor=self.request.user, revision=self.new_revision)
        return self.run_hook("after_publish", self.request, self.object)


class SheetIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("agency", "locale", "latest_revision")
        return self.permission_policy.scope(queryset, self.request.user, ["view"])


class SheetCreateView(_PublishesThroughService, snippet_views.CreateView):
    pass


class SheetEditView(_PublishesThroughService, _InstanceChecked, snippet_views.EditView):
    pass


def _checked(base, permission="change"):
    return type(base.__name__, (_InstanceChecked, base), {"instance_permission": permission})


class ServiceSheetViewSet(SnippetViewSet):
    model = ServiceSheet
    icon = "doc-full"
    menu_label = _("Service sheets")
    menu_order = 100
    menu_item_is_registered = True  # in the Catalog menu, not under Snippets
    copy_view_enabled = False  # a copy would repeat the slug and homoclave
    index_view_class = SheetIndexView
    add_view_class = SheetCreateView
    edit_view_class = SheetEditView
    delete_view_class = _checked(snippet_views.DeleteView, "delete")
    usage_view_class = _checked(snippet_views.UsageView, "view")
    history_view_class = _checked(snippet_views.HistoryView)
    inspect_view_class = _checked(snippet_views.InspectView, "view")
    revisions_view_class = _checked(snippet_views.PreviewRevisionView)
    revisions_compare_view_class = _checked(snippet_views.RevisionsCompareView)
    revisions_unschedule_view_class = _checked(snippet_views.RevisionsUnscheduleView, "publish")
    unpublish_view_class = _checked(snippet_views.UnpublishView, "publish")
    lock_view_class = _checked(snippet_views.LockView, "lock")
    unlock_view_class = _checked(snippet_views.UnlockView, "lock")
    workflow_action_view_class = _checked(snippet_views.WorkflowActionView)
    collect_workflow_action_data_view_class = _checked(snippet_views.CollectWorkflowActionDataView)
    confirm_workflow_cancellation_view_class = _checked(snippet_views.ConfirmWorkflowCancellationView)
    workflow_history_view_class = _checked(snippet_views.WorkflowHistoryView)
    workflow_history_detail_view_class = _checked(snippet_views.WorkflowHistoryDetailView)
    inspect_view_enabled = True
    list_display = ["name", "agency", "homoclave", "locale", UpdatedAtColumn()]
    list_filter = ["agency", "kind", "live", "topics"]
    list_per_page = 25
    search_fields = ["name", "homoclave", "keywords", "summary"]
    search_backend_name = None  # the listing searches with the ORM, on the fields above
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


@hooks.register("construct_snippet_action_menu")
def hide_publishing_from_other_agencies(menu_items, request, context):
    """The Publish / Unpublish buttons follow the policy for this sheet, not the model permission."""
    instance = context.get("instance")
    if context.get("model") is not ServiceSheet or instance is None or instance.pk is None:
        return
    if not sheet_policy().user_has_permission_for_instance(
        request.user, "publish", instance
    ):
        hidden = ("action-publish", "action-unpublish")
        menu_items[:] = [item for item in menu_items if item.name not in hidden]


# wagtail-localize's screens (submit a translation, translate strings, upload a PO file,
# publish the translation...) check Django's model permissions only, not the agency. The same
# paths are registered here first, in front of them: for a service sheet they go on only for a
# user who edits content in the sheet's agency; anything else goes straight through.
def _sheet_of_source(translation_source_id):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(pk=translation_source_id).first()
    return source.get_source_instance() if source is not None else None


def _sheet_of_translation(translation_id):
    from wagtail_localize.models import Translation

    translation = Translation.objects.select_related("source").filter(pk=translation_id).first()
    return translation.source.get_source_instance() if translation is not None else None


def _agency_guarded(view, find):
    def guarded(request, *args, **kwargs):
        obj = find(kwargs)
        if isinstance(obj, ServiceSheet) and not access.can(request.user, Action.EDIT_CONTENT, obj.agency_id):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@hooks.register("register_admin_urls", order=-1)
def guard_translation_screens():
    from wagtail_localize.views import edit_translation, submit_translations, update_translations

    by_translation = lambda kwargs: _sheet_of_translation(kwargs["translation_id"])  # noqa: E731
    translation_views = [
        ("translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
         edit_translation.edit_string_translation),
        ("translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
         edit_translation.edit_override),
        ("translate/<int:translation_id>/pofile/download/", edit_translation.download_pofile),
        ("translate/<int:translation_id>/pofile/upload/", edit_translation.upload_pofile),
        ("translate/<int:translation_id>/machine_translate/", edit_translation.machine_translate),
        ("translate/<int:translation_id>/preview/", edit_translation.preview_translation),
        ("translate/<int:translation_id>/preview/<str:mode>/", edit_translation.preview_translation),
        ("translate/<int:translation_id>/disable/", edit_translation.stop_translation),
    ]
    submit = submit_translations.SubmitSnippetTranslationView.as_view()
    urls = [
        path(
            "submit/snippet/catalog/servicesheet/<str:pk>/",
            _agency_guarded(submit, lambda kwargs: ServiceSheet.objects.filter(pk=kwargs["pk"]).first()),
            {"app_label": "catalog", "model_name": "servicesheet"},
        ),
        path(
            "update/<int:translation_source_id>/",
            _agency_guarded(
                update_translations.UpdateTranslationsView.as_view(),
                lambda kwargs: _sheet_of_source(kwargs["translation_source_id"]),
            ),
        ),
        *[path(route, _agency_guarded(view, by_translation)) for route, view in translation_views],
    ]
    return [path("localize/", include(urls))]
