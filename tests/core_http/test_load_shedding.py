"""Beyond capacity the service answers 503 with Retry-After, never 500 (quality.md P8): a request
that waited behind the proxy longer than ``SHED_QUEUE_MS`` is shed before any work."""

import time

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def stamp(seconds_ago: float) -> str:
    return f"t={(time.time() - seconds_ago) * 1000:.0f}"


@override_settings(SHED_QUEUE_MS=1000, AXES_IPWARE_PROXY_COUNT=1, SHED_RETRY_AFTER=7)
def test_a_request_that_queued_too_long_gets_503_with_retry_after(client):
    response = client.get("/tra-cuu/bien-lai/", HTTP_X_REQUEST_START=stamp(2.5))

    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Cache-Control"] == "no-store"
    assert "Hệ thống đang quá tải" in response.content.decode()


@override_settings(SHED_QUEUE_MS=1000, AXES_IPWARE_PROXY_COUNT=1)
def test_a_fresh_request_is_served(client):
    response = client.get("/tra-cuu/bien-lai/", HTTP_X_REQUEST_START=stamp(0.05))

    assert response.status_code == 200


@override_settings(SHED_QUEUE_MS=1000, AXES_IPWARE_PROXY_COUNT=1)
def test_a_stamp_in_seconds_is_read_too(client):
    response = client.get("/tra-cuu/bien-lai/", HTTP_X_REQUEST_START=f"t={time.time() - 3:.3f}")

    assert response.status_code == 503


@override_settings(SHED_QUEUE_MS=1000, AXES_IPWARE_PROXY_COUNT=0)
def test_the_stamp_is_ignored_without_a_trusted_proxy(client):
    response = client.get("/tra-cuu/bien-lai/", HTTP_X_REQUEST_START=stamp(10))

    assert response.status_code == 200


@override_settings(SHED_QUEUE_MS=0, AXES_IPWARE_PROXY_COUNT=1)
def test_shedding_is_off_by_default(client):
    response = client.get("/tra-cuu/bien-lai/", HTTP_X_REQUEST_START=stamp(10))

    assert response.status_code == 200


@override_settings(SHED_QUEUE_MS=1000, AXES_IPWARE_PROXY_COUNT=1)
def test_a_malformed_stamp_is_served(client):
    response = client.get("/tra-cuu/bien-lai/", HTTP_X_REQUEST_START="t=yesterday")

    assert response.status_code == 200
