"""Request id and request context: set for every request, echoed in X-Request-ID."""

import re

import pytest

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from ventanilla.core.channels import SESSION_CHANNEL_KEY, Channel
from ventanilla.core.context import current
from ventanilla.core.middleware import ChannelMiddleware, RequestContextMiddleware


def _context_seen_by_view(request, *middleware):
    seen = {}

    def view(request):
        seen["context"] = current()
        return HttpResponse("ok")

    handler = view
    for layer in reversed(middleware):
        handler = layer(handler)
    response = handler(request)
    return seen["context"], response


@pytest.mark.django_db
class TestRequestId:
    def test_every_response_carries_a_new_request_id(self, client):
        first = client.get("/healthz")["X-Request-ID"]
        second = client.get("/healthz")["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", first)
        assert first != second

    def test_a_well_formed_incoming_id_is_kept(self, client):
        response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42_x"})
        assert response["X-Request-ID"] == "lb-7f3a.42_x"

    @pytest.mark.parametrize("incoming", ["", "a" * 65, "id with spaces", "id\nforged-log-line", "<script>"])
    def test_a_malformed_incoming_id_is_replaced(self, client, incoming):
        response = client.get("/healthz", headers={"X-Request-ID": incoming})
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


class TestRequestContext:
    def test_the_view_sees_request_id_channel_and_ip(self):
        request = RequestFactory().get("/tramites/", REMOTE_ADDR="198.51.100.4")
        ctx, response = _context_seen_by_view(request, RequestContextMiddleware)
        assert ctx.request_id == response["X-Request-ID"] == request.request_id
        assert ctx.channel == Channel.WEB
        assert ctx.ip_address == "198.51.100.4"

    def test_the_api_is_its_own_channel(self):
        request = RequestFactory().get("/api/v1/offices/")
        ctx, _response = _context_seen_by_view(request, RequestContextMiddleware)
        assert ctx.channel == Channel.API

    def test_the_context_ends_with_the_request(self):
        _context_seen_by_view(RequestFactory().get("/"), RequestContextMiddleware)
        assert current().request_id == "-"
        assert current().channel == Channel.SYSTEM


class _User:
    def __init__(self, pk, *, is_staff):
        self.pk = pk
        self.is_staff = is_staff
        self.is_authenticated = True


class TestChannel:
    def _request(self, user, session):
        request = RequestFactory().get("/")
        request.user = user
        request.session = session
        return request

    def test_staff_at_a_counter_act_on_the_counter_channel(self):
        request = self._request(_User(5, is_staff=True), {SESSION_CHANNEL_KEY: Channel.COUNTER})
        ctx, _response = _context_seen_by_view(request, RequestContextMiddleware, ChannelMiddleware)
        assert ctx.channel == Channel.COUNTER
        assert ctx.user_id == 5

    def test_a_citizen_cannot_claim_an_assisted_channel(self):
        request = self._request(_User(6, is_staff=False), {SESSION_CHANNEL_KEY: Channel.COUNTER})
        ctx, _response = _context_seen_by_view(request, RequestContextMiddleware, ChannelMiddleware)
        assert ctx.channel == Channel.WEB
        assert ctx.user_id == 6

    def test_staff_cannot_pick_a_channel_that_is_not_assisted(self):
        request = self._request(_User(5, is_staff=True), {SESSION_CHANNEL_KEY: Channel.SYSTEM})
        ctx, _response = _context_seen_by_view(request, RequestContextMiddleware, ChannelMiddleware)
        assert ctx.channel == Channel.WEB

    def test_anonymous_visitors_have_no_user(self):
        request = self._request(AnonymousUser(), {})
        ctx, _response = _context_seen_by_view(request, RequestContextMiddleware, ChannelMiddleware)
        assert ctx.user_id is None
