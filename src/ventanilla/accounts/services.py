"""State changes of citizen accounts: sign-up consent, profile, ARCO access and cancellation.

Each function takes the account it acts on and a keyword-only `actor`, checks that the actor may
act on it (a citizen only ever on their own account), runs in one transaction and writes the
audit entry in it. Views, the allauth adapter and tests all go through here.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ventanilla.audit.models import AuditEntry
from ventanilla.audit.services import diff, record, snapshot

# Bump when the text of the privacy notice (accounts/jinja2/accounts/privacy.html) changes in
# substance: acceptance is recorded with the version the citizen saw.
PRIVACY_NOTICE_VERSION = "2026-1"

# What a citizen may edit on their profile page. E-mail and password have allauth's own flows.
PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "curp",
    "rfc",
    "phone",
    "street",
    "neighbourhood",
    "municipality",
    "state",
    "postal_code",
    "preferred_language",
    "notification_channels",
]

# Personal data in the export, besides the editable fields.
_EXPORT_EXTRA_FIELDS = [
    "email",
    "date_joined",
    "last_login",
    "privacy_notice_accepted_at",
    "privacy_notice_version",
]

LOGIN_ACTION = "accounts.user.login"


def _ensure_own_account(user, actor) -> None:
    """A citizen acts only on their own account; staff tools will have their own services."""
    if not getattr(actor, "is_authenticated", False) or actor.pk != user.pk:
        raise PermissionDenied("a citizen may only act on their own account")


def record_sign_up(user, *, actor) -> None:
    """Audit a new account (the caller, allauth's adapter, creates it in the same transaction)."""
    _ensure_own_account(user, actor)
    record(
        "accounts.user.sign_up",
        actor=actor,
        target=user,
        changes=snapshot(user, ["email", "first_name", "last_name", "curp", "preferred_language"]),
    )


def update_profile(user, *, actor, data: dict) -> dict:
    """Set the profile fields in `data` (already validated by ProfileForm); return what changed."""
    _ensure_own_account(user, actor)
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        before = snapshot(user, PROFILE_FIELDS)
        for name, value in data.items():
            setattr(user, name, value)
        # An empty CURP is stored as NULL so the unique constraint ignores it.
        user.curp = user.curp or None
        changes = diff(before, snapshot(user, PROFILE_FIELDS))
        if changes:
            user.save(update_fields=list(changes))
            record("accounts.user.update_profile", actor=actor, target=user, changes=changes)
    return changes


def record_security_event(action: str, user, *, actor, changes: dict | None = None) -> None:
    """Audit an allauth security change (password, e-mail, two-factor) that allauth performed.

    allauth announces these through signals, several of them after its own transaction has
    committed, so the entry is written in a transaction of its own.
    """
    with transaction.atomic():
        record(action, actor=actor, target=user, changes=changes or {})


def _iso(value):
    return value.isoformat() if value else None


def _profile_data(user) -> dict:
    data = snapshot(user, PROFILE_FIELDS + _EXPORT_EXTRA_FIELDS)
    data["full_name"] = user.get_full_name()
    return data


def export_personal_data(user, *, actor) -> dict:
    """Everything Ventanilla holds about `user`, for an ARCO access request (never secrets)."""
    _ensure_own_account(user, actor)
    with transaction.atomic():
        username = user.get_username()
        data = {
            "generated_at": timezone.now().isoformat(),
            "profile": _profile_data(user),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
            # Types and dates only: TOTP secrets and recovery codes are never exported.
            "two_factor_methods": [
                {"type": a.type, "created_at": _iso(a.created_at), "last_used_at": _iso(a.last_used_at)}
                for a in Authenticator.objects.filter(user=user).order_by("created_at")
            ],
            "connected_accounts": [
                {"provider": s.provider, "uid": s.uid, "date_joined": _iso(s.date_joined)}
                for s in SocialAccount.objects.filter(user=user).order_by("date_joined")
            ],
            "login_history": [
                {
                    "time": _iso(log.attempt_time),
                    "logout_time": _iso(log.logout_time),
                    "ip_address": log.ip_address,
                    "user_agent": log.user_agent,
                }
                for log in AccessLog.objects.filter(username__iexact=username).order_by("-attempt_time")
            ],
            "activity": [
                {
                    "time": _iso(e.timestamp),
                    "action": e.action,
                    "object": e.object_repr,
                    "changes": e.changes,
                    "channel": e.channel,
                    "ip_address": e.ip_address,
                }
                for e in AuditEntry.objects.filter(actor_id=user.pk).order_by("timestamp", "id")
            ],
        }
        record("accounts.user.export_data", actor=actor, target=user)
    return data


def delete_account(user, *, actor) -> None:
    """ARCO cancellation: delete the account and the personal data attached to it.

    The audit log keeps its entries (they reference users without a database constraint and
    are append-only); the entry written here is the last one about this account. Records of
    login attempts are keyed by e-mail address, so they are deleted explicitly.
    """
    _ensure_own_account(user, actor)
    with transaction.atomic():
        username = user.get_username()
        record("accounts.user.delete", actor=actor, target=user)
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=username).delete()
        # E-mail addresses, authenticators, connected accounts and memberships cascade.
        user.delete()
