"""Domain errors of the enforcement app, with Vietnamese messages. Cases, state machine,
deadlines, worklists, tasks.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

__all__ = [
    "CaseError",
    "CaseTaskError",
    "CaseTransitionError",
    "CaseVersionConflictError",
    "LegalRuleMissingError",
]


class CaseError(Exception):
    """Base of the enforcement case errors; ``message`` is Vietnamese, ``code`` is stable."""

    default_message = _("Không thực hiện được thao tác trên hồ sơ.")
    code = "case_error"

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        self.message = str(message if message is not None else self.default_message)
        if code is not None:
            self.code = code
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class CaseTransitionError(CaseError):
    """An action refused: not allowed in the case's state, for the actor's role, or its
    precondition does not hold (the message says which)."""

    default_message = _("Thao tác không được phép ở trạng thái hiện tại của hồ sơ.")
    code = "transition_refused"


class CaseVersionConflictError(CaseTransitionError):
    """Somebody changed the case since the form was opened (optimistic locking)."""

    default_message = _(
        "Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang và thực hiện lại thao tác."
    )
    code = "version_conflict"


class LegalRuleMissingError(CaseError):
    """No version of a legal rule governs the trigger date (the rules data must be fixed)."""

    default_message = _("Chưa có quy định về thời hạn áp dụng cho ngày này.")
    code = "rule_missing"


class CaseTaskError(CaseError):
    default_message = _("Không thực hiện được thao tác trên công việc.")
    code = "task_error"
