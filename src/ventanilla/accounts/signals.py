"""Audit entries for the security changes allauth performs (password, e-mail, two-factor).

allauth owns these flows; it announces each change with a signal, and here each one becomes an
audit entry through services.record_security_event. Connected in AccountsConfig.ready().
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals


def _actor(request, user):
    request_user = getattr(request, "user", None)
    return request_user if getattr(request_user, "is_authenticated", False) else user


def _on_user_event(action):
    def handler(sender, request, user, **kwargs):
        from . import services

        services.record_security_event(action, user, actor=_actor(request, user))

    return handler


def _on_email_event(action):
    def handler(sender, request, email_address=None, user=None, **kwargs):
        from . import services

        address = email_address or kwargs.get("to_email_address")
        owner = user or address.user
        services.record_security_event(
            action, owner, actor=_actor(request, owner), changes={"email": address.email}
        )

    return handler


def _on_authenticator_event(action):
    def handler(sender, request, user, authenticator, **kwargs):
        from . import services

        # The type only: secrets and recovery codes never reach the audit log.
        services.record_security_event(
            action, user, actor=_actor(request, user), changes={"type": authenticator.type}
        )

    return handler


# Kept at module level: signals hold weak references to their receivers.
HANDLERS = [
    (account_signals.password_changed, _on_user_event("accounts.password.change")),
    (account_signals.password_set, _on_user_event("accounts.password.set")),
    (account_signals.password_reset, _on_user_event("accounts.password.reset")),
    (account_signals.email_added, _on_email_event("accounts.email.add")),
    (account_signals.email_removed, _on_email_event("accounts.email.remove")),
    (account_signals.email_confirmed, _on_email_event("accounts.email.confirm")),
    (account_signals.email_changed, _on_email_event("accounts.email.change_primary")),
    (mfa_signals.authenticator_added, _on_authenticator_event("accounts.mfa.add")),
    (mfa_signals.authenticator_removed, _on_authenticator_event("accounts.mfa.remove")),
    (mfa_signals.authenticator_reset, _on_authenticator_event("accounts.mfa.reset")),
]


def connect() -> None:
    for index, (signal, handler) in enumerate(HANDLERS):
        signal.connect(handler, dispatch_uid=f"ventanilla.accounts.audit.{index}")
