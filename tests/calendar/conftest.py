"""Fixtures of the calendar tests: a recorded audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

import pytest


@dataclass
class AuditRecorder:
    """The ``audit_log`` calls a service made, in order (keyword arguments as passed)."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    #: ``target.pk`` at the moment of each call (a deleted row's instance loses it afterwards).
    target_pks: list[Any] = field(default_factory=list)

    def __call__(self, **kwargs: Any) -> None:
        self.calls.append(kwargs)
        self.target_pks.append(getattr(kwargs.get("target"), "pk", None))

    @property
    def actions(self) -> list[str]:
        return [call["action"] for call in self.calls]


@pytest.fixture
def audit_calls(monkeypatch) -> AuditRecorder:
    """Record the calendar services' audit events instead of writing them."""
    recorder = AuditRecorder()
    monkeypatch.setattr("thads.calendar.services.audit_log", recorder)
    return recorder
