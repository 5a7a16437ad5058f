"""Per-request context (request id, channel, client IP, user) for logs and the audit log.

Kept in a context variable so the service layer can record *where* a change came from
without every function taking the request as an argument. Tasks and commands run with
the default: channel "system", no request id.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, replace

from .channels import Channel


@dataclass(frozen=True, slots=True)
class RequestContext:
    request_id: str = "-"
    channel: str = Channel.SYSTEM
    ip_address: str | None = None
    user_id: int | None = None


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "ventanilla_request_context", default=RequestContext()  # noqa: B039 (frozen: never mutated)
)


def current() -> RequestContext:
    return _current.get()


def set_context(ctx: RequestContext) -> contextvars.Token:
    return _current.set(ctx)


def reset_context(token: contextvars.Token) -> None:
    _current.reset(token)


def update_context(**changes) -> None:
    _current.set(replace(_current.get(), **changes))


@contextmanager
def channel_context(channel: str, **changes):
    """Run a block as coming from `channel` (e.g. a management command or a task)."""
    token = _current.set(replace(_current.get(), channel=channel, **changes))
    try:
        yield
    finally:
        _current.reset(token)
