"""Shared steps of the account tests (two-factor set-up and codes, reauthentication)."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt

from .factories import DEFAULT_PASSWORD


def enable_totp(user) -> str:
    """Activate TOTP and recovery codes for `user` with allauth's own services; return the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret`."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def user_totp_code(user) -> str:
    secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
    return totp_code(secret)


def reauthenticate(client, prefix: str = "") -> None:
    """Confirm the password again, as pages that change two-factor settings require."""
    response = client.post(f"{prefix}/cuenta/reauthenticate/", {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
