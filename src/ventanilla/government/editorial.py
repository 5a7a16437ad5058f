"""The editorial life cycle of agency-owned content with drafts: service sheets, news, banners,
service charters, library documents, the head's welcome.

Such a model mixes in Wagtail's DraftStateMixin / RevisionMixin (and usually LockableMixin,
WorkflowMixin, PreviewableMixin, TranslatableMixin) and has an `agency` foreign key (null for
portal-wide content, which only platform administrators handle). An app wires one up with:

- `EditorialPolicy(model)`: AccessPolicy plus Wagtail's publish / lock / unlock actions
  (editors draft, reviewers of the agency publish); register it like any AccessPolicy.
- `register(model, fields)`: audit Wagtail's editorial events for the model (publish, unpublish,
  delete, submit for review, approve, reject, cancel), each entry carrying the row's agency.
- `EditorialViewSet`: a SnippetViewSet whose every view that opens one object asks the policy for
  *that* object (another agency's row is refused whatever URL is typed), whose listing is
  scoped, and whose "Publish" button runs `publish()` below.
- `publish(obj, actor=...)` / `unpublish(obj, actor=...)`: the services, in a transaction,
  permission-checked for the object (so for its agency) through its policy, which answers from
  government.access.

The Publish / Unpublish menu items and wagtail-localize's translation screens (which check only
Django's model permissions) are also held to the policy here, for every registered model.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.signals import pre_delete
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import TaskState, WorkflowState
from wagtail.permissions import policy_registry
from wagtail.signals import (
    published,
    task_approved,
    task_rejected,
    unpublished,
    workflow_cancelled,
    workflow_submitted,
)
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from ventanilla.audit.services import diff, record, snapshot
from ventanilla.core.context import channel_context, current

from . import access
from .access import Action
from .backoffice import AccessForm, AccessPolicy

# Editorial models and the fields their audit entries snapshot, filled by register().
_REGISTERED: dict[type, list[str]] = {}


def is_editorial(obj_or_model) -> bool:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return model in _REGISTERED


class EditorialPolicy(AccessPolicy):
    """AccessPolicy with the actions of content that has drafts: publish, lock and unlock.

    By default editors of the agency (Action.EDIT_CONTENT) see, create, change, delete and lock;
    its reviewers (Action.REVIEW_CONTENT) publish, unpublish and unlock someone else's lock.
    Portal-wide rows (no agency) are platform administrators' (AccessPolicy's rule).
    """

    def __init__(self, model, *, edit: Action = Action.EDIT_CONTENT, review: Action = Action.REVIEW_CONTENT,
                 **kwargs):
        super().__init__(model, view=edit, add=edit, change=edit, delete=edit, **kwargs)
        self.actions.update(publish=review, lock=edit, unlock=review)

    def user_has_permission_for_instance(self, user, action, instance):
        # Deleting live content takes it off the public site: as for unpublishing, a reviewer's call.
        if action == "delete" and getattr(instance, "live", False):
            action = "publish"
        return super().user_has_permission_for_instance(user, action, instance)


def policy_for(model):
    """The model's registered policy (some of Wagtail's views have no permission_policy attribute)."""
    return policy_registry.get_by_type(model)


def allowed(user, action: str, obj) -> bool:
    return policy_for(type(obj)).user_has_permission_for_instance(user, action, obj)


def require(user, action: str, obj) -> None:
    """PermissionDenied unless the object's policy (hence government.access) allows `action` on it."""
    if not allowed(user, action, obj):
        raise PermissionDenied(f"{action} not allowed on this {type(obj)._meta.model_name}")


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------
def as_actor(actor):
    """Run a block with `actor` as the request's user, so the signal handlers below audit them."""
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else current().user_id
    return channel_context(current().channel, user_id=user_id)


def wagtail_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def publish(obj, *, actor, revision=None):
    """Publish `revision` (by default the latest) of `obj`: its agency's reviewers only.

    A revision with a future go_live_at is scheduled instead; Wagtail's `publish_scheduled`
    command makes it live when the time comes. Both the revision and the row are checked, so a
    draft moved to another agency is published only by someone who may publish in both.
    """
    revision = revision or obj.get_latest_revision() or obj.save_revision(user=wagtail_user(actor))
    require(actor, "publish", revision.as_object())
    require(actor, "publish", obj)
    with as_actor(actor):
        revision.publish(user=wagtail_user(actor), skip_permission_checks=True)
    obj.refresh_from_db()
    return obj


@transaction.atomic
def unpublish(obj, *, actor):
    """Take `obj` off the public site (it stays as a draft): its agency's reviewers only."""
    require(actor, "publish", obj)
    with as_actor(actor):
        obj.unpublish(user=wagtail_user(actor))
    return obj


# ---------------------------------------------------------------------------------------------
# Audit of Wagtail's own editorial actions (editor buttons, workflow, scheduled publishing)
# ---------------------------------------------------------------------------------------------
def acting_user(user=None):
    """The user who acted: given by the signal, else the request's user, else the system."""
    if getattr(user, "is_authenticated", False):
        return user
    if (user_id := current().user_id) is not None:
        return get_user_model().objects.filter(pk=user_id).first()
    return None


def _audit(verb: str, obj, user=None, changes=None) -> None:
    meta = obj._meta
    with transaction.atomic():
        record(f"{meta.app_label}.{meta.model_name}.{verb}", actor=acting_user(user), target=obj,
               changes=changes or {}, agency=getattr(obj, "agency_id", None))


def _fields(obj) -> list[str]:
    return _REGISTERED[type(obj)]


def _on_published(sender, instance, revision=None, **kwargs):
    _audit("publish", instance, changes={"revision": [None, getattr(revision, "pk", None)],
                                          **diff({}, snapshot(instance, _fields(instance)))})


def _on_unpublished(sender, instance, **kwargs):
    _audit("unpublish", instance, changes={"expired": [False, instance.expired]})


def _on_deleting(sender, instance, **kwargs):
    # pre_delete runs inside the deletion's transaction: the entry exists only if the row goes.
    _audit("delete", instance, changes=diff(snapshot(instance, _fields(instance)), {}))


def _registered_object(workflow_state: WorkflowState):
    obj = workflow_state.content_object
    return obj if is_editorial(obj) else None


def _on_workflow_event(verb):
    def handler(sender, instance: WorkflowState, user=None, **kwargs):
        if (obj := _registered_object(instance)) is not None:
            _audit(verb, obj, user)

    return handler


def _on_task_event(verb):
    def handler(sender, instance: TaskState, user=None, **kwargs):
        if (obj := _registered_object(instance.workflow_state)) is not None:
            comment = instance.get_comment() if hasattr(instance, "get_comment") else ""
            _audit(verb, obj, user, {"comment": [None, comment]} if comment else None)

    return handler


# Kept at module level: signals hold weak references to their receivers.
_WORKFLOW_HANDLERS = [
    (workflow_submitted, _on_workflow_event("submit"), "submit"),
    (workflow_cancelled, _on_workflow_event("cancel_review"), "cancel"),
    (task_approved, _on_task_event("approve"), "approve"),
    (task_rejected, _on_task_event("reject"), "reject"),
]


def register(model, fields: list[str]) -> None:
    """Audit the editorial events of `model` (from its app's ready()); `fields` go in the entries."""
    _REGISTERED[model] = list(fields)
    label = model._meta.label_lower
    published.connect(_on_published, sender=model, dispatch_uid=f"editorial_audit_published_{label}")
    unpublished.connect(_on_unpublished, sender=model, dispatch_uid=f"editorial_audit_unpublished_{label}")
    pre_delete.connect(_on_deleting, sender=model, dispatch_uid=f"editorial_audit_deleted_{label}")
    for signal, handler, name in _WORKFLOW_HANDLERS:
        signal.connect(handler, dispatch_uid=f"editorial_audit_{name}")


# ---------------------------------------------------------------------------------------------
# Back office
# ---------------------------------------------------------------------------------------------
class EditorialForm(AccessForm):
    """Agency and unit choices limited to the agencies where the user edits content.

    When the agency may be left empty (portal-wide content), only platform administrators may
    leave it empty: anyone else's content belongs to one of their agencies.
    """

    form_action = Action.EDIT_CONTENT

    def clean(self):
        cleaned = super().clean()
        field = self.fields.get("agency")
        user = self.for_user
        if (field is not None and not field.required and not cleaned.get("agency")
                and "agency" not in self.errors and user is not None and not access.is_platform_admin(user)):
            self.add_error("agency", _("Choose your agency: only platform administrators publish "
                                       "portal-wide content."))
        return cleaned


class InstanceChecked:
    """Refuse the view unless the policy allows `instance_permission` on this very object."""

    instance_permission = "change"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not allowed(self.request.user, self.instance_permission, obj):
            raise PermissionDenied
        return obj


class PublishesThroughService:
    """The editor's "Publish" runs `publish()` (agency check; the signal handlers audit it)."""

    def get_available_actions(self):
        actions = super().get_available_actions()
        obj = getattr(self, "object", None)
        if "publish" in actions and obj is not None and not allowed(self.request.user, "publish", obj):
            actions = [action for action in actions if action != "publish"]
        return actions

    def publish_action(self):
        hook_response = self.run_hook("before_publish", self.request, self.object)
        if hook_response is not None:
            return hook_response
        publish(self.object, actor=self.request.user, revision=self.new_revision)
        return self.run_hook("after_publish", self.request, self.object)


class EditorialIndexView(snippet_views.IndexView):
    """The listing, scoped to the rows the user may see, with `select_related` rows."""

    select_related: tuple[str, ...] = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return policy_for(self.model).scope(queryset, self.request.user, ["view"])


class EditorialCreateView(PublishesThroughService, snippet_views.CreateView):
    pass


class EditorialEditView(PublishesThroughService, InstanceChecked, snippet_views.EditView):
    pass


def checked(base, permission="change"):
    return type(base.__name__, (InstanceChecked, base), {"instance_permission": permission})


class EditorialViewSet(SnippetViewSet):
    """A snippet viewset for an editorial model; set `model`, the panels and `list_select_related`.

    Give the edit handler `base_form_class=EditorialForm` (or a subclass) so the agency choices
    follow the user's roles.
    """

    menu_item_is_registered = True  # in its app's menu group, not under Snippets
    copy_view_enabled = False  # a copy would repeat the slug, and skip the create checks
    inspect_view_enabled = True
    search_backend_name = None  # listings search with the ORM, on search_fields
    list_per_page = 25
    list_select_related: tuple[str, ...] = ()
    index_view_class = EditorialIndexView
    add_view_class = EditorialCreateView
    edit_view_class = EditorialEditView
    delete_view_class = checked(snippet_views.DeleteView, "delete")
    usage_view_class = checked(snippet_views.UsageView, "view")
    history_view_class = checked(snippet_views.HistoryView)
    inspect_view_class = checked(snippet_views.InspectView, "view")
    revisions_view_class = checked(snippet_views.PreviewRevisionView)
    revisions_compare_view_class = checked(snippet_views.RevisionsCompareView)
    revisions_unschedule_view_class = checked(snippet_views.RevisionsUnscheduleView, "publish")
    unpublish_view_class = checked(snippet_views.UnpublishView, "publish")
    lock_view_class = checked(snippet_views.LockView, "lock")
    unlock_view_class = checked(snippet_views.UnlockView, "lock")
    workflow_action_view_class = checked(snippet_views.WorkflowActionView)
    collect_workflow_action_data_view_class = checked(snippet_views.CollectWorkflowActionDataView)
    confirm_workflow_cancellation_view_class = checked(snippet_views.ConfirmWorkflowCancellationView)
    workflow_history_view_class = checked(snippet_views.WorkflowHistoryView)
    workflow_history_detail_view_class = checked(snippet_views.WorkflowHistoryDetailView)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(select_related=self.list_select_related, **kwargs)


@hooks.register("construct_snippet_action_menu")
def _hide_publishing_without_permission(menu_items, request, context):
    """The Publish / Unpublish buttons follow the policy for this object, not the model permission."""
    instance = context.get("instance")
    if instance is None or instance.pk is None or not is_editorial(instance):
        return
    if not allowed(request.user, "publish", instance):
        hidden = ("action-publish", "action-unpublish")
        menu_items[:] = [item for item in menu_items if item.name not in hidden]


# wagtail-localize's screens (submit a translation, translate strings, upload a PO file,
# publish the translation...) check Django's model permissions only, not the agency. The same
# paths are registered here first, in front of them: for an editorial object they go on only for
# a user the policy lets change it; anything else goes straight through.
def _object_of_source(translation_source_id):
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(pk=translation_source_id).first()
    return source.get_source_instance() if source is not None else None


def _object_of_translation(translation_id):
    from wagtail_localize.models import Translation

    translation = Translation.objects.select_related("source").filter(pk=translation_id).first()
    return translation.source.get_source_instance() if translation is not None else None


def _snippet(kwargs):
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        return None
    if not is_editorial(model):
        return None
    try:
        return model._default_manager.filter(pk=kwargs["pk"]).first()
    except (ValueError, ValidationError):  # a malformed id: wagtail-localize answers 404 itself
        return None


def _guarded(view, find):
    def guarded(request, *args, **kwargs):
        obj = find(kwargs)
        if obj is not None and is_editorial(obj) and not allowed(request.user, "change", obj):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


@hooks.register("register_admin_urls", order=-1)
def _guard_translation_screens():
    from wagtail_localize.views import edit_translation, submit_translations, update_translations

    by_translation = lambda kwargs: _object_of_translation(kwargs["translation_id"])  # noqa: E731
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
    urls = [
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            _guarded(submit_translations.SubmitSnippetTranslationView.as_view(), _snippet),
        ),
        path(
            "update/<int:translation_source_id>/",
            _guarded(
                update_translations.UpdateTranslationsView.as_view(),
                lambda kwargs: _object_of_source(kwargs["translation_source_id"]),
            ),
        ),
        *[path(route, _guarded(view, by_translation)) for route, view in translation_views],
    ]
    return [path("localize/", include(urls))]
