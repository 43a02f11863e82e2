"""System checks: the programs and fonts the platform needs, and production-only settings.

Runtime tools (run with every ``manage.py`` command, as warnings, so the embedded demo still
starts on a machine without them and tells the operator what is missing):

- ``thads.W001`` the ``tesseract`` binary (OCR of scanned judgments and receipts);
- ``thads.W002`` tesseract's Vietnamese model (``vie.traineddata``, package tesseract-ocr-vie);
- ``thads.W003`` poppler's ``pdftoppm`` (PDF pages to images for OCR and previews);
- ``thads.W004`` fonts with Vietnamese glyphs: Noto Sans and Liberation Sans 2.x (PDF output);
- ``thads.W005`` Chromium (HTML to PDF rendering and the browser tests).

Deploy checks (``manage.py check --deploy`` only), errors because production must not run so:

- ``thads.E001`` ``THADS_SECRET_KEY`` is still the demo default;
- ``thads.E002`` ``THADS_DEBUG`` is on.

``make run`` and ``make test`` install the Debian packages behind W001-W005 when run as root
(scripts/system_packages.sh); ``tests/test_settings.py`` runs ``check --deploy --fail-level
WARNING`` so CI fails when one of them is missing. The model is Paperless-ngx's ``checks.py``.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from typing import Any

from django.conf import settings
from django.core.checks import Error
from django.core.checks import Tags
from django.core.checks import Warning
from django.core.checks import register

#: The embedded demo's key starts with this; production must set its own (thads.E001).
DEMO_SECRET_KEY_PREFIX = "insecure-demo-key"  # noqa: S105 (a marker, not a secret)
#: Font families that must cover Vietnamese (``fc-list :lang=vi``).
REQUIRED_FONT_FAMILIES = ("Noto Sans", "Liberation Sans")
#: Binaries tried, in order, for Chromium (Debian ships ``chromium``).
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
SYSTEM_PACKAGES_HINT = "Chạy `make run` với quyền root, hoặc: apt-get install {packages}"
TOOL_TIMEOUT_SECONDS = 10


def _hint(*packages: str) -> str:
    return SYSTEM_PACKAGES_HINT.format(packages=" ".join(packages))


@functools.cache
def _run(*args: str) -> str | None:
    """Standard output of a short command, or None when it cannot run (cached per process)."""
    try:
        completed = subprocess.run(  # noqa: S603 (fixed argument list)
            args,
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    # tesseract < 4 printed its language list on stderr.
    return (completed.stdout or "") + (completed.stderr or "")


def tesseract_languages() -> set[str] | None:
    """Languages tesseract has data for, or None when the binary is missing."""
    if shutil.which("tesseract") is None:
        return None
    output = _run("tesseract", "--list-langs")
    if output is None:
        return None
    return {line.strip() for line in output.splitlines()[1:] if line.strip()}


def vietnamese_font_families() -> set[str] | None:
    """Font families that cover Vietnamese according to fontconfig, or None without fc-list."""
    if shutil.which("fc-list") is None:
        return None
    output = _run("fc-list", ":lang=vi", "family")
    if output is None:
        return None
    families: set[str] = set()
    for line in output.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def chromium_path() -> str | None:
    """Path of the Chromium binary: ``settings.THADS_CHROMIUM_PATH`` if set, else the PATH."""
    configured = getattr(settings, "THADS_CHROMIUM_PATH", "")
    if configured:
        return shutil.which(configured)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@register("thads")
def check_runtime_tools(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Warn about each program or font the platform needs that this machine lacks."""
    messages: list[Warning] = []
    languages = tesseract_languages()
    if languages is None:
        messages.append(
            Warning(
                "Không tìm thấy chương trình tesseract: không thể nhận dạng chữ (OCR) bản scan.",
                hint=_hint("tesseract-ocr", "tesseract-ocr-vie"),
                id="thads.W001",
            )
        )
    elif "vie" not in languages:
        messages.append(
            Warning(
                "Tesseract chưa có dữ liệu tiếng Việt (vie.traineddata).",
                hint=_hint("tesseract-ocr-vie"),
                id="thads.W002",
            )
        )
    if shutil.which("pdftoppm") is None:
        messages.append(
            Warning(
                "Không tìm thấy pdftoppm (poppler): không thể chuyển trang PDF thành ảnh.",
                hint=_hint("poppler-utils"),
                id="thads.W003",
            )
        )
    families = vietnamese_font_families() or set()
    missing_fonts = [name for name in REQUIRED_FONT_FAMILIES if name not in families]
    if missing_fonts:
        messages.append(
            Warning(
                "Thiếu phông chữ có đủ dấu tiếng Việt: {}.".format(", ".join(missing_fonts)),
                hint=_hint("fontconfig", "fonts-noto-core", "fonts-liberation2"),
                id="thads.W004",
            )
        )
    if chromium_path() is None:
        messages.append(
            Warning(
                "Không tìm thấy Chromium: không thể kết xuất HTML thành PDF và chạy kiểm thử "
                "trên trình duyệt.",
                hint=_hint("chromium"),
                id="thads.W005",
            )
        )
    return messages


@register(Tags.security, deploy=True)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Refuse the demo secret key and DEBUG in a production deployment (``check --deploy``)."""
    messages: list[Error] = []
    if str(settings.SECRET_KEY).startswith(DEMO_SECRET_KEY_PREFIX):
        messages.append(
            Error(
                "THADS_SECRET_KEY đang là khóa mặc định của bản demo.",
                hint="Đặt THADS_SECRET_KEY là một chuỗi ngẫu nhiên dài ít nhất 50 ký tự, "
                'ví dụ: python -c "import secrets; print(secrets.token_urlsafe(64))".',
                id="thads.E001",
            )
        )
    if settings.DEBUG:
        messages.append(
            Error(
                "THADS_DEBUG đang bật trong môi trường triển khai.",
                hint="Đặt THADS_DEBUG=false.",
                id="thads.E002",
            )
        )
    return messages
