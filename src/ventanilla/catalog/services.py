"""Changes to the catalog, and the audit of the editorial life cycle of service sheets.

Sheets are edited in Wagtail's snippet editor, which saves drafts as revisions itself; what
changes what citizens see — publishing, unpublishing, translating, moderation — goes through the
functions below (or Wagtail's own actions, audited by government.editorial's signal handlers):
each runs in one transaction, asks government.access, and appends an audit entry with the
sheet's agency. Publishing needs Action.REVIEW_CONTENT in the sheet's agency; drafting and
translating need Action.EDIT_CONTENT.

Topics, life events and segments are platform-wide lists (platform administrators); search
synonyms belong to every editor. Their back-office screens save through these functions too.
"""

from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from ventanilla.audit.services import diff, record, snapshot
from ventanilla.government import access, editorial
from ventanilla.government.access import Action

from .models import LifeEvent, Segment, ServiceSheet, Synonym, Topic

# Who may change the catalog's shared lists.
LIST_ACTIONS = {Topic: Action.MANAGE_PLATFORM, LifeEvent: Action.MANAGE_PLATFORM,
                Segment: Action.MANAGE_PLATFORM, Synonym: Action.EDIT_CONTENT}
SHEET_FIELDS = ["name", "slug", "homoclave", "agency", "live", "go_live_at", "expire_at"]


# ---------------------------------------------------------------------------------------------
# Service sheets
# ---------------------------------------------------------------------------------------------
def publish_sheet(sheet: ServiceSheet, *, actor, revision=None) -> ServiceSheet:
    """Publish `revision` (by default the latest) of `sheet`: reviewers of its agency only.

    A revision with a future go_live_at is scheduled instead; publish_scheduled_sheets makes it
    live when the time comes.
    """
    return editorial.publish(sheet, actor=actor, revision=revision)


def unpublish_sheet(sheet: ServiceSheet, *, actor) -> ServiceSheet:
    """Take a sheet off the public site (it stays as a draft): reviewers of its agency only."""
    return editorial.unpublish(sheet, actor=actor)


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
    translation.save_target(user=editorial.wagtail_user(actor), publish=False)
    target = ServiceSheet.objects.get(translation_key=sheet.translation_key, locale=locale)
    record("catalog.servicesheet.translate", actor=actor, target=target,
           changes={"language": [sheet.locale.language_code, language_code]}, agency=sheet.agency_id)
    return target


def publish_scheduled_sheets() -> None:
    """Make live the revisions whose go_live_at has passed and unpublish expired content.

    Wagtail's publish_scheduled command does the work (for every model with drafts); the
    published / unpublished handlers of government.editorial audit each sheet as done by the system.
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


def connect_signals() -> None:
    """Called from CatalogConfig.ready(): audit the editorial events of service sheets."""
    editorial.register(ServiceSheet, SHEET_FIELDS)
