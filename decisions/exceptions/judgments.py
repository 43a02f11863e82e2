"""Domain errors of the decisions app, with Vietnamese messages. Judgments and extraction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from decisions.types import CrossCheckIssue

__all__ = [
    "JudgmentConfirmBlockedError",
    "JudgmentError",
    "JudgmentFieldInvalidError",
    "JudgmentIntakeRejectedError",
    "JudgmentNotEditableError",
    "JudgmentStaleVersionError",
]


class JudgmentError(Exception):
    """A judgment operation that cannot be done; ``message`` is shown to the user."""

    default_message = _("Không thể thực hiện thao tác với bản án.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class JudgmentIntakeRejectedError(JudgmentError):
    """The uploaded file was refused by the document store (its Vietnamese message)."""

    default_message = _("Tệp bản án không hợp lệ.")


class JudgmentStaleVersionError(JudgmentError):
    """The form was built from an older version of the judgment (someone saved in between)."""

    default_message = _(
        "Bản án đã được người khác cập nhật sau khi bạn mở trang. "
        "Hãy tải lại trang để xem nội dung mới nhất rồi thực hiện lại."
    )


class JudgmentNotEditableError(JudgmentError):
    """Only a judgment waiting for review may be corrected or confirmed."""

    default_message = _("Bản án không ở trạng thái chờ rà soát nên không thể sửa hoặc xác nhận.")


class JudgmentFieldInvalidError(JudgmentError):
    """A corrected value that does not fit its field (``path`` names the field)."""

    def __init__(self, message: str, *, path: str = "") -> None:
        self.path = path
        super().__init__(message)


class JudgmentConfirmBlockedError(JudgmentError):
    """Blocking cross-check issues remain; ``issues`` lists them (Vietnamese messages)."""

    default_message = _("Chưa thể xác nhận bản án: còn vấn đề phải xử lý.")

    def __init__(self, issues: Sequence[CrossCheckIssue]) -> None:
        self.issues = list(issues)
        lines = "; ".join(issue.message for issue in self.issues)
        super().__init__(f"{self.default_message} {lines}".strip())
