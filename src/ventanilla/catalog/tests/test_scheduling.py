"""Scheduled publication and expiry take effect when the minute job runs, audited as the system."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from ventanilla.audit.models import AuditEntry
from ventanilla.catalog import services, tasks
from ventanilla.government.models import Role
from ventanilla.government.tests.factories import staff

from .factories import ServiceSheetFactory

pytestmark = pytest.mark.django_db


def schedule(sheet, go_live_at):
    """Publish the sheet's latest draft for `go_live_at`, as a reviewer does in the editor."""
    sheet.go_live_at = go_live_at
    revision = sheet.save_revision()
    services.publish_sheet(sheet, actor=staff(Role.REVIEWER, sheet.agency), revision=revision)
    return revision


def move_to_the_past(revision, when):
    """The moment comes: the revision's go-live time is now behind us."""
    revision.content["go_live_at"] = when.isoformat()
    revision.approved_go_live_at = when
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_a_sheet_whose_go_live_time_has_passed_becomes_live():
    sheet = ServiceSheetFactory(publish=False)
    revision = schedule(sheet, timezone.now() + datetime.timedelta(hours=1))
    sheet.refresh_from_db()
    assert not sheet.live  # scheduled, not published yet
    tasks.run_jobs()
    sheet.refresh_from_db()
    assert not sheet.live  # its time has not come
    move_to_the_past(revision, timezone.now() - datetime.timedelta(minutes=1))
    tasks.run_jobs()
    sheet.refresh_from_db()
    assert sheet.live and sheet.live_revision == revision
    entry = AuditEntry.objects.filter(action="catalog.servicesheet.publish").latest("pk")
    assert entry.actor is None and entry.agency_id == sheet.agency_id


def test_a_sheet_whose_expiry_has_passed_goes_away():
    sheet = ServiceSheetFactory()
    type(sheet).objects.filter(pk=sheet.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("catalog_jobs", "--once")
    sheet.refresh_from_db()
    assert not sheet.live and sheet.expired
    entry = AuditEntry.objects.get(action="catalog.servicesheet.unpublish")
    assert entry.actor is None and entry.changes == {"expired": [False, True]}


def test_a_sheet_expiring_later_stays():
    sheet = ServiceSheetFactory()
    type(sheet).objects.filter(pk=sheet.pk).update(expire_at=timezone.now() + datetime.timedelta(days=1))
    tasks.run_jobs()
    sheet.refresh_from_db()
    assert sheet.live


def test_one_failing_job_does_not_stop_the_others(monkeypatch):
    sheet = ServiceSheetFactory()
    type(sheet).objects.filter(pk=sheet.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))

    def broken():
        raise RuntimeError("cache unavailable")

    logged = []
    monkeypatch.setattr("ventanilla.catalog.popularity.flush_views", broken)
    monkeypatch.setattr(tasks.logger, "exception", lambda message, *args: logged.append(message % args))
    tasks.run_jobs()
    sheet.refresh_from_db()
    assert not sheet.live
    assert logged == [f"catalog job {tasks.flush_sheet_views.name} failed"]
