"""Logging helpers: every record carries the request id and channel of the request it belongs to."""

import logging

from .context import current


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        ctx = current()
        record.request_id = ctx.request_id
        record.channel = str(ctx.channel)
        return True
