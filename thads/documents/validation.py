"""Check an uploaded file in a sandboxed child process before anything parses it in full.

:func:`validate_upload` runs ``_validate_worker.py`` with ``python -I`` under an address-space
limit, a CPU limit and a wall-clock timeout (quality.md S3 and its measured PDF bomb): a bomb,
a pixel flood or a parser bug kills only the child. The child reports a reason code; this
module turns it into the Vietnamese message of :class:`DocumentRejectedError`. Every refusal
takes at most the timeout (4.5 s by default, under the 5 s of S3).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thads.documents.conf import MB
from thads.documents.conf import documents_setting
from thads.documents.exceptions import DocumentRejectedError

logger = logging.getLogger(__name__)

WORKER = Path(__file__).with_name("_validate_worker.py")

MIME_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg", "tiff": "tif"}

#: reason code -> Vietnamese message (``%(name)s`` filled from the limits and the child's params).
REJECTION_MESSAGES = {
    "empty": _("Tệp rỗng, không có nội dung."),
    "too_large": _("Tệp vượt quá dung lượng cho phép (tối đa %(max_mb)s MB)."),
    "unsupported": _("Định dạng tệp không được hỗ trợ. Chỉ nhận tệp PDF, TIFF, PNG hoặc JPEG."),
    "encrypted": _("Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa."),
    "malformed": _("Tệp bị hỏng hoặc không đầy đủ, không đọc được."),
    "no_pages": _("Tệp PDF không có trang nào."),
    "polyglot": _("Tệp có cấu trúc không hợp lệ (nhiều định dạng lồng nhau)."),
    "bomb": _("Tệp có nội dung nén quá lớn so với kích thước (nghi ngờ tệp độc hại)."),
    "too_many_pages": _("Tệp có quá nhiều trang (%(pages)s trang; tối đa %(max_pages)s trang)."),
    "too_many_pixels": _(
        "Ảnh có kích thước quá lớn (tối đa %(max_mpx)s triệu điểm ảnh mỗi trang)."
    ),
    "page_too_large": _(
        "Trang %(page)s có khổ giấy quá lớn (tối đa %(max_mpx)s triệu điểm ảnh "
        "ở độ phân giải %(dpi)s dpi)."
    ),
    "timeout": _(
        "Không kiểm tra xong tệp trong thời gian cho phép "
        "(tệp quá phức tạp hoặc nghi ngờ tệp độc hại)."
    ),
}


@dataclass(frozen=True)
class ValidationLimits:
    """The limits one validation runs under (from the ``DOCUMENTS_*`` settings)."""

    max_bytes: int
    max_pages: int
    max_pixels: int
    max_stream_bytes: int
    max_inflated_bytes: int
    memory_bytes: int
    cpu_seconds: int
    timeout_seconds: float
    dpi: int

    @classmethod
    def from_settings(cls) -> ValidationLimits:
        return cls(
            max_bytes=int(documents_setting("DOCUMENTS_MAX_UPLOAD_BYTES")),
            max_pages=int(documents_setting("DOCUMENTS_MAX_PAGES")),
            max_pixels=int(documents_setting("DOCUMENTS_MAX_PIXELS")),
            max_stream_bytes=int(documents_setting("DOCUMENTS_MAX_STREAM_BYTES")),
            max_inflated_bytes=int(documents_setting("DOCUMENTS_MAX_INFLATED_BYTES")),
            memory_bytes=int(documents_setting("DOCUMENTS_VALIDATION_MEMORY_BYTES")),
            cpu_seconds=int(documents_setting("DOCUMENTS_VALIDATION_CPU_SECONDS")),
            timeout_seconds=float(documents_setting("DOCUMENTS_VALIDATION_TIMEOUT_SECONDS")),
            dpi=int(documents_setting("DOCUMENTS_OCR_DPI")),
        )

    def as_json(self) -> str:
        return json.dumps(
            {
                "max_bytes": self.max_bytes,
                "max_pages": self.max_pages,
                "max_pixels": self.max_pixels,
                "max_stream_bytes": self.max_stream_bytes,
                "max_inflated_bytes": self.max_inflated_bytes,
                "memory_bytes": self.memory_bytes,
                "cpu_seconds": self.cpu_seconds,
                "dpi": self.dpi,
            }
        )


@dataclass(frozen=True)
class ValidatedFile:
    """What the checks learnt about an accepted file."""

    kind: str  # pdf, png, jpeg, tiff (Document.Kind values)
    mime: str
    extension: str
    page_count: int
    size_bytes: int
    sha256: str
    width: int | None = None  # images: first frame, pixels
    height: int | None = None
    dpi: int | None = None


def rejection(code: str, limits: ValidationLimits, **params: Any) -> DocumentRejectedError:
    """The :class:`DocumentRejectedError` for ``code`` with its Vietnamese message."""
    values = {
        "max_mb": _number(limits.max_bytes // MB),
        "max_pages": _number(limits.max_pages),
        "max_mpx": _number(limits.max_pixels // 1_000_000),
        "dpi": limits.dpi,
        "pages": _number(int(params.get("pages", 0) or 0)),
        "page": int(params.get("page", 0) or 0),
    }
    template = REJECTION_MESSAGES.get(code, REJECTION_MESSAGES["malformed"])
    return DocumentRejectedError(code, gettext(str(template)) % values)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def validate_upload(
    path: Path | str, *, sha256: str | None = None, limits: ValidationLimits | None = None
) -> ValidatedFile:
    """Check the file at ``path`` in a sandboxed child process; return what it is.

    The child applies ``RLIMIT_AS``/``RLIMIT_CPU`` and the parent a wall-clock timeout; on
    any overrun the child is killed and the file refused. Raises ``DocumentRejectedError``
    (empty, too large, unsupported type by magic bytes, encrypted, malformed or truncated,
    polyglot, decompression bomb, too many pages or pixels, timeout). Reads the file; writes
    nothing.
    """
    path = Path(path)
    limits = limits or ValidationLimits.from_settings()
    size = path.stat().st_size
    if size == 0:
        raise rejection("empty", limits)
    if size > limits.max_bytes:
        raise rejection("too_large", limits)
    report = _run_worker(path, limits)
    if not report.get("ok"):
        code = str(report.get("code", "malformed"))
        logger.info("document refused (%s): %s %s", code, path.name, report.get("detail", ""))
        raise rejection(code, limits, **(report.get("params") or {}))
    kind = str(report["kind"])
    return ValidatedFile(
        kind=kind,
        mime=MIME_TYPES[kind],
        extension=EXTENSIONS[kind],
        page_count=int(report["page_count"]),
        size_bytes=size,
        sha256=sha256 or file_sha256(path),
        width=report.get("width"),
        height=report.get("height"),
        dpi=report.get("dpi"),
    )


def _run_worker(path: Path, limits: ValidationLimits) -> dict[str, Any]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "OMP_THREAD_LIMIT": "1",
    }
    command = [sys.executable, "-I", str(WORKER), str(path), limits.as_json()]
    try:
        completed = subprocess.run(  # noqa: S603 (fixed interpreter and script, path as argument)
            command,
            capture_output=True,
            timeout=limits.timeout_seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "code": "timeout"}
    if completed.returncode != 0 or not completed.stdout:
        return {"ok": False, "code": _code_for_crash(completed), "detail": _tail(completed)}
    try:
        return json.loads(completed.stdout)
    except ValueError:
        return {"ok": False, "code": "malformed", "detail": _tail(completed)}


def _code_for_crash(completed: subprocess.CompletedProcess[bytes]) -> str:
    """Reason for a child that died: out of CPU is a timeout, out of memory a bomb."""
    stderr = completed.stderr or b""
    if completed.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "timeout"
    if b"MemoryError" in stderr or b"bad_alloc" in stderr or b"Cannot allocate" in stderr:
        return "bomb"
    return "malformed"


def _tail(completed: subprocess.CompletedProcess[bytes]) -> str:
    return (completed.stderr or b"")[-500:].decode("utf-8", "replace")


def supported_extensions() -> str:
    """Accept attribute of the upload input: the extensions the store takes."""
    return ".pdf,.png,.jpg,.jpeg,.tif,.tiff"


def limits_hint() -> str:
    """One line telling the user the limits (shown under the file input)."""
    limits = ValidationLimits.from_settings()
    return gettext("PDF, TIFF, PNG hoặc JPEG; tối đa %(max_mb)s MB và %(max_pages)s trang.") % {
        "max_mb": _number(limits.max_bytes // MB),
        "max_pages": _number(limits.max_pages),
    }
