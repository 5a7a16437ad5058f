"""Logging helpers: every record carries the request id and channel of the request it belongs to."""

import logging

from .context import current


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``channel`` to every record (the formatters print them).

    Inside a request they come from the request context. Django logs an error response
    ("Not Found: /...") after the middleware has returned, but passes the request with the
    record, so the context the middleware left on the request is used then.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        ctx = current()
        request_ctx = getattr(getattr(record, "request", None), "request_context", None)
        if ctx.request_id == "-" and request_ctx is not None:
            ctx = request_ctx
        record.request_id = ctx.request_id
        record.channel = str(ctx.channel)
        return True
