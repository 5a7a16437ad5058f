"""Writing to the audit log. Every service that changes state calls `record` in its transaction."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from ventanilla.core.context import current

from .models import AuditEntry

# Never written to the log, whatever a caller passes.
SECRET_FIELDS = frozenset({"password", "secret", "token", "totp_secret", "recovery_codes"})


def _json_value(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # a file field
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The auditable values of `instance` (concrete fields, foreign keys as ids)."""
    result = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in SECRET_FIELDS:
            continue
        result[field.name] = _json_value(getattr(instance, field.attname))
    return result


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs."""
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key) and key not in SECRET_FIELDS
    }


def record(
    action: str,
    *,
    actor,
    target: models.Model | None = None,
    changes: dict | None = None,
    agency=None,
    on_behalf_of=None,
) -> AuditEntry:
    """Append one entry: who (`actor`, None for the system), did what (`action`, dotted verb
    such as "government.office.update"), to which object, what changed, for which agency.

    Channel, IP and request id come from the request context (ventanilla.core.context).
    Must run inside the caller's transaction, so the entry exists if and only if the change does.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must run inside the transaction of the change it records")
    ctx = current()
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=actor_user,
        actor_label=(actor_user.get_username() if actor_user else "system")[:254],
        on_behalf_of=on_behalf_of,
        action=action,
        agency_id=getattr(agency, "pk", agency),
        changes=_json_value(changes or {}),
        channel=ctx.channel,
        ip_address=ctx.ip_address,
        request_id=ctx.request_id if ctx.request_id != "-" else "",
    )
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:255]
    entry.save()
    return entry
