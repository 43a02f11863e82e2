"""Frozen values handed across the audit app's boundary (no Django imports)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any
from typing import Literal

ProblemKind = Literal["altered", "missing", "inserted", "reordered", "head_mismatch"]
PROBLEM_KINDS: tuple[ProblemKind, ...] = (
    "altered",
    "missing",
    "inserted",
    "reordered",
    "head_mismatch",
)


@dataclass(frozen=True)
class VerifyProblem:
    """One break in a chain: where (chain, seq), what kind, and a Vietnamese explanation."""

    chain: str
    seq: int | None
    kind: ProblemKind
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"chain": self.chain, "seq": self.seq, "kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class VerifyReport:
    """Result of checking the audit chains.

    ``problems`` holds at most the first ``MAX_PROBLEMS`` problems (in chain, seq order);
    ``problem_count`` counts them all.
    """

    ok: bool
    checked: int
    chains: int
    problems: tuple[VerifyProblem, ...] = ()
    problem_count: int = 0
    elapsed_s: float = 0.0
    counts_by_kind: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "chains": self.chains,
            "problem_count": self.problem_count,
            "counts_by_kind": dict(self.counts_by_kind),
            "elapsed_s": round(self.elapsed_s, 3),
            "problems": [problem.as_dict() for problem in self.problems],
        }


@dataclass(frozen=True)
class AuditEventFilters:
    """Filters of the audit trail page; empty values filter nothing."""

    action: str = ""
    username: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class FieldChange:
    """One key of an event's before/after, for the side-by-side view."""

    key: str
    before: str
    after: str
    changed: bool
    in_before: bool
    in_after: bool

    @property
    def multiline(self) -> bool:
        """Whether a value spans lines (an object or a list), shown as a block."""
        return "\n" in self.before or "\n" in self.after
