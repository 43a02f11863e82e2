"""Helpers of the job tests: jobs in a given state, and a recorder of audit calls."""

from collections.abc import Callable
from typing import Any

import pytest

from thads.documents.models import Job


@pytest.fixture
def make_job(db) -> Callable[..., Job]:
    """``make_job(office=..., created_by=..., **fields)``: a job row, PENDING by default."""

    def make(**fields: Any) -> Job:
        fields.setdefault("kind", "tests.job")
        fields.setdefault("title", "Tác vụ thử")
        return Job.objects.create(**fields)

    return make


@pytest.fixture
def audit_calls(monkeypatch) -> list[dict[str, Any]]:
    """Every ``audit_log`` call made by the job services, in order (keyword arguments)."""
    calls: list[dict[str, Any]] = []

    def record(**kwargs: Any) -> None:
        calls.append(kwargs)

    monkeypatch.setattr("thads.documents.services.audit_log", record)
    return calls
