"""Request-wide middleware: request id and context, channel, back-office CSP."""

import os
import re

from django.conf import settings

from .channels import ASSISTED_CHANNELS, SESSION_CHANNEL_KEY, Channel
from .context import RequestContext, current, reset_context, set_context, update_context

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def client_ip(request) -> str | None:
    """The client address. Behind a proxy, the proxy must set REMOTE_ADDR (granian does)."""
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Gives every request an id (kept from a trusted X-Request-ID, else new) and a context.

    The id is echoed in the response so a citizen's report can be matched to the logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # META, not request.headers: that builds a dict of every header on first use, which a
        # request that never reads another header pays for nothing.
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        # 32 random hex digits, as uuid4().hex gives, without building a UUID.
        request_id = incoming if incoming and _REQUEST_ID_RE.match(incoming) else os.urandom(16).hex()
        request.request_id = request_id
        channel = Channel.API if request.path.startswith("/api/") else Channel.WEB
        token = set_context(
            RequestContext(request_id=request_id, channel=channel, ip_address=client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            # Django logs 4xx/5xx responses after the middleware has returned; the log filter
            # finds the request's context here (ventanilla.core.logging.RequestContextFilter).
            request.request_context = current()
            reset_context(token)
        response.headers["X-Request-ID"] = request_id
        return response


class ChannelMiddleware:
    """Sets the channel and user of the request context once the session and user are known.

    Staff serving a citizen at a counter, on the phone or at a kiosk choose that channel for
    their session; everyone else is on the web (or the API).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        changes = {}
        session_channel = request.session.get(SESSION_CHANNEL_KEY) if hasattr(request, "session") else None
        if session_channel in ASSISTED_CHANNELS and request.user.is_authenticated and request.user.is_staff:
            changes["channel"] = session_channel
        if request.user.is_authenticated:
            changes["user_id"] = request.user.pk
        if changes:
            update_context(**changes)
        return self.get_response(request)


class BackOfficeCSPMiddleware:
    """Applies settings.ADMIN_CSP to the Wagtail and Django admins, the strict policy elsewhere.

    Listed after Django's CSP middleware so it sees the response first and marks it.
    """

    prefixes = ("/admin/", "/django-admin/", "/en/admin/", "/en/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefixes):
            response._csp_config = settings.ADMIN_CSP
        return response
