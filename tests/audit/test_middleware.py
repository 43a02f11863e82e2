import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from thads.audit.context import current_context
from thads.audit.context import normalize_ip
from thads.audit.middleware import AuditContextMiddleware

seen = []


def _view(request):
    seen.append(current_context())
    return HttpResponse("ok")


def _call(**meta):
    seen.clear()
    request = RequestFactory().get("/", **meta)
    response = AuditContextMiddleware(_view)(request)
    return seen[0], response


def test_context_is_bound_during_the_request_and_reset_after():
    ctx, response = _call(REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Edge")
    assert (ctx.ip, ctx.user_agent) == ("203.0.113.5", "Edge")
    assert response["X-Request-ID"] == ctx.request_id
    assert current_context() is None


def test_proxy_request_id_is_kept_when_well_formed():
    ctx, _ = _call(HTTP_X_REQUEST_ID="lb-7f3a-0001")
    assert ctx.request_id == "lb-7f3a-0001"
    ctx, _ = _call(HTTP_X_REQUEST_ID="bad id <script>")
    assert ctx.request_id != "bad id <script>"
    assert len(ctx.request_id) == 32


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    ctx, _ = _call(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ctx.ip == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.9", "198.51.100.9"),
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # the client cannot spoof the left part
        (2, "6.6.6.6, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        (2, "198.51.100.9", "10.0.0.1"),  # fewer entries than proxies: not through the proxies
        (1, "garbage", "10.0.0.1"),
    ],
)
def test_forwarded_for_behind_trusted_proxies(settings, count, forwarded, expected):
    settings.AXES_IPWARE_PROXY_COUNT = count
    ctx, _ = _call(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert ctx.ip == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("192.0.2.1:5000", "192.0.2.1"),
        ("[2001:DB8::1]:443", "2001:db8::1"),
        ("2001:0db8:0000::0001", "2001:db8::1"),
        ("::FFFF:192.0.2.1", "::ffff:192.0.2.1"),
        ("fe80::1%eth0", "fe80::1"),
        ("", None),
        ("unknown", None),
    ],
)
def test_normalize_ip(value, expected):
    assert normalize_ip(value) == expected


def test_request_client_ip_matches_the_audit_context(settings):
    from thads.audit.context import request_client_ip

    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert request_client_ip(request) == "9.9.9.9"
