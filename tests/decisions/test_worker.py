"""Intake to review on a real Celery worker over Redis: pages, receiver, extraction task.

Skipped without REDIS_URL and a database another process can open (tests/fixtures/celery.py).
The worker has its own settings, so this test stores into the real MEDIA_ROOT (the worker's)
and removes the files it created.
"""

from pathlib import Path

import pytest
from django.conf import settings

from decisions import services
from decisions.models import ExtractedField
from decisions.models import Judgment
from tests.fixtures.celery import wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def created_media():
    """Files this test adds under MEDIA_ROOT, removed afterwards (originals are 0444)."""
    root = Path(settings.MEDIA_ROOT)
    before = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    yield root
    for path in {p for p in root.rglob("*") if p.is_file()} - before:
        path.chmod(0o644)
        path.unlink()


def test_a_text_judgment_reaches_review_on_the_worker(
    office, officer, tmp_path, created_media, celery_worker
):
    from decisions.synthetic import generate
    from decisions.synthetic.render import render_text_pdf

    synthetic = generate(1, seed=11, case_types=["DS"])[0]
    source = tmp_path / "ban-an-ds.pdf"
    source.write_bytes(render_text_pdf(synthetic))

    judgment = services.judgment_intake(actor=officer, office=office, file=source)

    judgment = wait_for(
        lambda: (
            (j := Judgment.objects.get(pk=judgment.pk)).status
            in (Judgment.Status.REVIEW, Judgment.Status.FAILED)
            and j
        ),
        timeout=90,
        what="the judgment to be extracted",
    )
    assert judgment.status == Judgment.Status.REVIEW
    assert judgment.number == synthetic.labels["judgment_number"]
    assert ExtractedField.objects.filter(judgment=judgment, path="judgment_number").count() == 1
    assert "decisions.tasks.judgments.judgment_extract_task" in celery_worker.log_text()
