"""Idempotency under concurrency: the same transfer sent twice at once makes one judgment."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from decisions.api.auth import signed_headers
from decisions.models import CourtTransfer
from decisions.models import Judgment
from tests.court_api.conftest import BOUNDARY
from tests.court_api.conftest import CREATE_PATH
from tests.court_api.conftest import transfer_body
from thads.documents.models import Document


@pytest.mark.django_db(transaction=True)
def test_simultaneous_identical_transfers_make_one_judgment(court, metadata, pdf_bytes):
    body = transfer_body(metadata(), pdf_bytes("race"))
    now = int(time.time())
    statuses: list[int] = []
    ids: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(3, timeout=60)

    def send(offset: int) -> None:
        try:
            headers = signed_headers(
                key_id=court.key_id,
                secret=court.secret,
                method="POST",
                path=CREATE_PATH,
                body=body,
                timestamp=now - offset,  # distinct signatures: two retries, not a replay
            )
            start.wait()
            response = Client().generic(
                "POST",
                CREATE_PATH,
                data=body,
                content_type=f"multipart/form-data; boundary={BOUNDARY}",
                headers=headers,
            )
            statuses.append(response.status_code)
            ids.append(response.json()["judgment_id"])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(offset,)) for offset in (0, 1)]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join(timeout=300)

    assert not [t for t in threads if t.is_alive()]
    assert errors == []
    assert sorted(statuses) == [200, 201]
    assert len(set(ids)) == 1
    assert Judgment.objects.count() == 1
    assert CourtTransfer.objects.count() == 1
    assert Document.objects.count() == 1
