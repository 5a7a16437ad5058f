"""The audit log is append-only: in the model, in the ORM and in the database itself."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ventanilla.audit.models import AuditEntry
from ventanilla.audit.services import record


def _entry(actor=None, action="tests.audit.example"):
    with transaction.atomic():
        return record(action, actor=actor)


def _raw(sql, params=()):
    # A savepoint, so that on PostgreSQL the refused statement does not abort the test's transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
class TestAppendOnlyInTheORM:
    def test_saving_an_existing_entry_is_refused(self):
        entry = _entry()
        entry.action = "tests.audit.rewritten"
        with pytest.raises(TypeError, match="append-only"):
            entry.save()
        assert AuditEntry.objects.get(pk=entry.pk).action == "tests.audit.example"

    def test_deleting_an_entry_is_refused(self):
        entry = _entry()
        with pytest.raises(TypeError, match="append-only"):
            entry.delete()
        assert AuditEntry.objects.filter(pk=entry.pk).exists()

    def test_queryset_update_and_delete_are_refused(self):
        _entry()
        with pytest.raises(TypeError, match="append-only"):
            AuditEntry.objects.update(action="tests.audit.rewritten")
        with pytest.raises(TypeError, match="append-only"):
            AuditEntry.objects.all().delete()
        assert AuditEntry.objects.get().action == "tests.audit.example"


@pytest.mark.django_db
class TestAppendOnlyInTheDatabase:
    """Raw SQL bypasses the ORM; the triggers of migration 0003 refuse it, on SQLite and PostgreSQL."""

    def test_raw_update_is_refused(self):
        entry = _entry()
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["tests.audit.rewritten", entry.pk])
        assert AuditEntry.objects.get(pk=entry.pk).action == "tests.audit.example"

    def test_raw_delete_is_refused(self):
        entry = _entry()
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()

    def test_deleting_the_whole_table_is_refused(self):
        _entry()
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("DELETE FROM audit_auditentry")
        assert AuditEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
class TestTestRunnerFlush:
    """src/conftest.py lets the test runner's flush empty the table; the trigger must survive it."""

    def test_flush_empties_the_log_and_leaves_the_trigger_in_force(self):
        _entry()
        call_command("flush", interactive=False, verbosity=0)
        assert not AuditEntry.objects.exists()

        entry = _entry()
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
class TestHistorySurvivesItsActors:
    def test_entries_survive_deletion_of_the_actor(self):
        user = get_user_model().objects.create_user(email="Ana.Lopez@example.mx", password="x")
        entry = _entry(actor=user, action="accounts.user.update")
        user_id = user.pk

        user.delete()

        entry = AuditEntry.objects.get(pk=entry.pk)
        assert entry.actor_id == user_id
        assert entry.actor_label == "ana.lopez@example.mx"
        assert entry.action == "accounts.user.update"
