"""Structured logs: every line carries the request id and channel; production writes JSON."""

import copy
import io
import json
import logging
import logging.config

from django.conf import settings
from django.http import HttpRequest

from ventanilla.core.channels import Channel
from ventanilla.core.context import RequestContext, reset_context, set_context
from ventanilla.core.logging import RequestContextFilter


def _json_logger(stream) -> logging.Logger:
    """A logger wired like settings.LOGGING's console handler with the "json" formatter."""
    config = copy.deepcopy(settings.LOGGING["formatters"]["json"])
    formatter = logging.config.DictConfigurator({}).configure_formatter(config)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestContextFilter())
    logger = logging.Logger("ventanilla.tests.logging")
    logger.addHandler(handler)
    return logger


class TestJsonFormat:
    def test_a_line_inside_a_request_carries_its_id_and_channel(self):
        stream = io.StringIO()
        ctx = RequestContext(request_id="abc123", channel=Channel.KIOSK, ip_address="192.0.2.1")
        token = set_context(ctx)
        try:
            _json_logger(stream).warning("cita reservada %s", "F-0001")
        finally:
            reset_context(token)

        line = json.loads(stream.getvalue())
        assert line["message"] == "cita reservada F-0001"
        assert line["level"] == "WARNING"
        assert line["logger"] == "ventanilla.tests.logging"
        assert line["request_id"] == "abc123"
        assert line["channel"] == "kiosk"
        assert "time" in line

    def test_a_line_outside_any_request_says_system(self):
        stream = io.StringIO()
        _json_logger(stream).warning("tarea nocturna")
        line = json.loads(stream.getvalue())
        assert line["request_id"] == "-"
        assert line["channel"] == "system"

    def test_a_line_logged_after_the_middleware_uses_the_context_left_on_the_request(self):
        # Django logs "Not Found: ..." once the middleware has returned, passing the request along.
        request = HttpRequest()
        request.request_context = RequestContext(request_id="late-1", channel=Channel.API)
        stream = io.StringIO()
        _json_logger(stream).warning("Not Found: /api/x", extra={"request": request, "status_code": 404})
        line = json.loads(stream.getvalue())
        assert (line["request_id"], line["channel"]) == ("late-1", "api")

