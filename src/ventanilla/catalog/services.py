"""Changes to the catalog, and the audit of the editorial life cycle of service sheets.

Sheets are edited in Wagtail's snippet editor, which saves drafts as revisions itself; what
changes what citizens see — publishing, unpublishing, translating, moderation — goes through the
functions below (or Wagtail's own actions, audited by the signal handlers at the end):
each runs in one transaction, asks government.access, and appends an audit entry with the
sheet's agency. Publishing needs Action.REVIEW_CONTENT in the sheet's agency; drafting and
translating need Action.EDIT_CONTENT.

Topics, life events and segments are platform-wide lists (platform administrators); search
synonyms belong to every editor. Their back-office screens save through these functions too.
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import Locale, TaskState, WorkflowState
from wagtail.signals import (
    published,
    task_approved,
    task_rejected,
    unpublished,
    workflow_cancelled,
    workflow_submitted,
)

from ventanilla.audit.services import diff, record, snapshot
from ventanilla.core.context import channel_context, current
from ventanilla.government import access
from ventanilla.government.access import Action

from .models import LifeEvent, Segment, ServiceSheet, Synonym, Topic

# Who may change the catalog's shared lists.
LIST_ACTIONS = {Topic: Action.MANAGE_PLATFORM, LifeEvent: Action.MANAGE_PLATFORM,
                Segment: Action.MANAGE_PLATFORM, Synonym: Action.EDIT_CONTENT}
SHEET_FIELDS = ["name", "slug", "homoclave", "agency", "live", "go_live_at", "expire_at"]


def _as_actor(actor):
    """Run a block with `actor` as the request's user, so the signal handlers below audit them."""
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else current().user_id
    return channel_context(current().channel, user_id=user_id)


def _wagtail_user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# ---------------------------------------------------------------------------------------------
# Service sheets
# ---------------------------------------------------------------------------------------------
@transaction.atomic
def publish_sheet(sheet: ServiceSheet, *, actor, revision=None) -> ServiceSheet:
    """Publish `revision` (by default the latest) of `sheet`: reviewers of its agency only.

    A revision with a future go_live_at is scheduled instead; publish_scheduled_sheets makes it
    live when the time comes.
    """
    revision = revision or sheet.get_latest_revision() or sheet.save_revision(user=_wagtail_user(actor))
    access.require(actor, Action.REVIEW_CONTENT, revision.as_object().agency_id)
    access.require(actor, Action.REVIEW_CONTENT, sheet.agency_id)
    with _as_actor(actor):
        revision.publish(user=_wagtail_user(actor), skip_permission_checks=True)
    sheet.refresh_from_db()
    return sheet


@transaction.atomic
def unpublish_sheet(sheet: ServiceSheet, *, actor) -> ServiceSheet:
    """Take a sheet off the public site (it stays as a draft): reviewers of its agency only."""
    access.require(actor, Action.REVIEW_CONTENT, sheet.agency_id)
    with _as_actor(actor):
        sheet.unpublish(user=_wagtail_user(actor))
    return sheet


@transaction.atomic
def translate_sheet(sheet: ServiceSheet, *, actor, language_code: str = "en") -> ServiceSheet:
    """Create (or bring up to date) the translation of `sheet` into `language_code` as a draft.

    Uses wagtail-localize, so the editor then translates it segment by segment, and fields
    that are not text (agency, offices, topics, flags) stay synchronised with the source.
    """
    from wagtail_localize.models import Translation, TranslationSource

    access.require(actor, Action.EDIT_CONTENT, sheet.agency_id)
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(sheet)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(user=_wagtail_user(actor), publish=False)
    target = ServiceSheet.objects.get(translation_key=sheet.translation_key, locale=locale)
    record("catalog.servicesheet.translate", actor=actor, target=target,
           changes={"language": [sheet.locale.language_code, language_code]}, agency=sheet.agency_id)
    return target


def publish_scheduled_sheets() -> None:
    """Make live the revisions whose go_live_at has passed and unpublish expired content.

    Wagtail's publish_scheduled command does the work (for every model with drafts); the
    published / unpublished handlers below audit each sheet as done by the system.
    """
    call_command("publish_scheduled", verbosity=0)


# ---------------------------------------------------------------------------------------------
# Topics, life events, segments and search synonyms
# ---------------------------------------------------------------------------------------------
def _list_change(instance, *, actor, verb: str, before: dict):
    access.require(actor, LIST_ACTIONS[type(instance)])
    if verb != "delete":
        instance.full_clean()
        instance.save()
    after = {} if verb == "delete" else snapshot(instance)
    record(f"catalog.{instance._meta.model_name}.{verb}", actor=actor, target=instance,
           changes=diff(before, after))
    if verb == "delete":
        instance.delete()
    return instance


@transaction.atomic
def create_list_entry(instance, *, actor):
    """Add a topic, life event, segment or synonym group."""
    return _list_change(instance, actor=actor, verb="create", before={})


@transaction.atomic
def update_list_entry(instance, *, actor):
    before = snapshot(type(instance)._default_manager.get(pk=instance.pk))
    return _list_change(instance, actor=actor, verb="update", before=before)


@transaction.atomic
def delete_list_entry(instance, *, actor):
    return _list_change(instance, actor=actor, verb="delete", before=snapshot(instance))


# ---------------------------------------------------------------------------------------------
# Audit of Wagtail's own editorial actions (editor buttons, workflow, scheduled publishing)
# ---------------------------------------------------------------------------------------------
def _actor(user=None):
    """The user who acted: given by the signal, else the request's user, else the system."""
    if getattr(user, "is_authenticated", False):
        return user
    if (user_id := current().user_id) is not None:
        return get_user_model().objects.filter(pk=user_id).first()
    return None


def _audit(verb: str, sheet, user=None, changes=None) -> None:
    with transaction.atomic():
        record(f"catalog.servicesheet.{verb}", actor=_actor(user), target=sheet,
               changes=changes or {}, agency=sheet.agency_id)


def _sheet_of(workflow_state: WorkflowState):
    obj = workflow_state.content_object
    return obj if isinstance(obj, ServiceSheet) else None


def on_published(sender, instance, revision=None, **kwargs):
    _audit("publish", instance, changes={"revision": [None, getattr(revision, "pk", None)],
                                          **diff({}, snapshot(instance, SHEET_FIELDS))})


def on_unpublished(sender, instance, **kwargs):
    _audit("unpublish", instance, changes={"expired": [False, instance.expired]})


def on_deleting(sender, instance, **kwargs):
    # pre_delete runs inside the deletion's transaction: the entry exists only if the row goes.
    _audit("delete", instance, changes=diff(snapshot(instance, SHEET_FIELDS), {}))


def on_workflow_event(verb):
    def handler(sender, instance: WorkflowState, user=None, **kwargs):
        if (sheet := _sheet_of(instance)) is not None:
            _audit(verb, sheet, user)

    return handler


def on_task_event(verb):
    def handler(sender, instance: TaskState, user=None, **kwargs):
        if (sheet := _sheet_of(instance.workflow_state)) is not None:
            comment = instance.get_comment() if hasattr(instance, "get_comment") else ""
            _audit(verb, sheet, user, {"comment": [None, comment]} if comment else None)

    return handler


# Kept at module level: signals hold weak references to their receivers.
_HANDLERS = [
    (workflow_submitted, on_workflow_event("submit"), "submit"),
    (workflow_cancelled, on_workflow_event("cancel_review"), "cancel"),
    (task_approved, on_task_event("approve"), "approve"),
    (task_rejected, on_task_event("reject"), "reject"),
]


def connect_signals() -> None:
    """Called from CatalogConfig.ready()."""
    published.connect(on_published, sender=ServiceSheet, dispatch_uid="catalog_audit_published")
    unpublished.connect(on_unpublished, sender=ServiceSheet, dispatch_uid="catalog_audit_unpublished")
    pre_delete.connect(on_deleting, sender=ServiceSheet, dispatch_uid="catalog_audit_deleted")
    for signal, handler, name in _HANDLERS:
        signal.connect(handler, dispatch_uid=f"catalog_audit_{name}")
