"""audit.services.record(): who, when, what, channel, IP and request id, in the change's transaction."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from ventanilla.audit.models import AuditEntry
from ventanilla.audit.services import diff, record, snapshot
from ventanilla.core.channels import Channel
from ventanilla.core.context import RequestContext, reset_context, set_context
from ventanilla.core.middleware import RequestContextMiddleware


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user(email="oficial@example.mx", password="x", is_staff=True)


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user(
        email="ciudadana@example.mx", password="x", first_name="María", last_name="Pérez"
    )


@pytest.mark.django_db
class TestRecord:
    def test_writes_who_when_what_and_where_from_the_request_context(self, officer, citizen):
        token = set_context(
            RequestContext(request_id="req-42", channel=Channel.COUNTER, ip_address="203.0.113.7")
        )
        try:
            with transaction.atomic():
                entry = record(
                    "accounts.user.update",
                    actor=officer,
                    target=citizen,
                    changes={"first_name": ["Maria", "María"]},
                    agency=7,
                    on_behalf_of=citizen,
                )
        finally:
            reset_context(token)

        entry = AuditEntry.objects.get(pk=entry.pk)
        assert entry.actor == officer
        assert entry.actor_label == "oficial@example.mx"
        assert entry.on_behalf_of == citizen
        assert timezone.now() - entry.timestamp < timedelta(seconds=5)
        assert entry.action == "accounts.user.update"
        assert entry.content_type == ContentType.objects.get_for_model(citizen)
        assert entry.object_id == str(citizen.pk)
        assert entry.object_repr == str(citizen)
        assert entry.changes == {"first_name": ["Maria", "María"]}
        assert entry.agency_id == 7
        assert entry.channel == Channel.COUNTER
        assert entry.ip_address == "203.0.113.7"
        assert entry.request_id == "req-42"

    def test_takes_request_id_and_ip_from_the_request_being_served(self, officer):
        def view(request):
            with transaction.atomic():
                record("tests.audit.from_view", actor=officer)
            return HttpResponse("ok")

        request = RequestFactory().post("/api/example", REMOTE_ADDR="198.51.100.20")
        response = RequestContextMiddleware(view)(request)

        entry = AuditEntry.objects.get(action="tests.audit.from_view")
        assert entry.request_id == response.headers["X-Request-ID"]
        assert entry.ip_address == "198.51.100.20"
        assert entry.channel == Channel.API

    def test_outside_a_request_it_records_the_system_channel(self):
        with transaction.atomic():
            entry = record("tests.audit.nightly_job", actor=None)
        assert entry.actor is None
        assert entry.actor_label == "system"
        assert entry.channel == Channel.SYSTEM
        assert entry.request_id == ""
        assert entry.ip_address is None

    def test_values_are_stored_as_json(self, citizen):
        when = timezone.now()
        with transaction.atomic():
            entry = record(
                "tests.audit.values", actor=None, changes={"user": citizen, "at": when, "ids": {1, 2}}
            )
        entry = AuditEntry.objects.get(pk=entry.pk)
        assert entry.changes == {"user": citizen.pk, "at": when.isoformat(), "ids": [1, 2]}


@pytest.mark.django_db(transaction=True)
class TestRecordNeedsTheTransactionOfTheChange:
    def test_refuses_outside_a_transaction(self):
        with pytest.raises(RuntimeError, match="inside the transaction"):
            record("tests.audit.autocommit", actor=None)
        assert not AuditEntry.objects.exists()

    def test_a_rolled_back_change_leaves_no_entry(self):
        with pytest.raises(ValueError), transaction.atomic():
            record("tests.audit.rolled_back", actor=None)
            raise ValueError("the change failed")
        assert not AuditEntry.objects.exists()


@pytest.mark.django_db
class TestSnapshotAndDiff:
    def test_snapshot_leaves_out_secrets(self, citizen):
        values = snapshot(citizen)
        assert values["email"] == "ciudadana@example.mx"
        assert "password" not in values

    def test_snapshot_of_chosen_fields(self, citizen):
        assert snapshot(citizen, ["first_name", "last_name"]) == {"first_name": "María", "last_name": "Pérez"}

    def test_diff_lists_changed_fields_only_and_never_secrets(self):
        before = {"first_name": "Maria", "last_name": "Pérez", "password": "old"}
        after = {"first_name": "María", "last_name": "Pérez", "password": "new", "phone": "5555555555"}
        assert diff(before, after) == {"first_name": ["Maria", "María"], "phone": [None, "5555555555"]}
