"""Settings of the document store and the text/OCR pipeline, with their defaults.

Read at call time through :func:`documents_setting` (never at import), so tests may override
them with ``settings`` and the project's ``base.py`` may set them from the environment
(``THADS_DOCUMENTS_*``). Every limit here is a safety limit (quality.md S3, P4, P5).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

MB = 1024 * 1024

#: setting name -> default. ``base.py`` may set any of them; missing ones take these values.
DEFAULTS: dict[str, Any] = {
    # Upload limits, checked before any full parse.
    "DOCUMENTS_MAX_UPLOAD_BYTES": 50 * MB,
    "DOCUMENTS_MAX_PAGES": 500,
    # Pixels of one image frame, or of one PDF page rendered at DOCUMENTS_OCR_DPI.
    "DOCUMENTS_MAX_PIXELS": 60_000_000,
    # Decoded size of one PDF stream (content, font, form) and of all of them together.
    "DOCUMENTS_MAX_STREAM_BYTES": 50 * MB,
    "DOCUMENTS_MAX_INFLATED_BYTES": 200 * MB,
    # The validating child process: address space, CPU seconds and wall-clock seconds.
    "DOCUMENTS_VALIDATION_MEMORY_BYTES": 512 * MB,
    "DOCUMENTS_VALIDATION_CPU_SECONDS": 4,
    "DOCUMENTS_VALIDATION_TIMEOUT_SECONDS": 4.5,
    # Where uploads are written while they are hashed and checked (same file system as
    # MEDIA_ROOT, so the final move is an atomic rename). None: MEDIA_ROOT / "staging".
    "DOCUMENTS_STAGING_DIR": None,
    # OCR: tesseract language, rendering resolution, time limit of one tesseract run.
    "DOCUMENTS_OCR_LANG": "vie",
    "DOCUMENTS_OCR_DPI": 300,
    "DOCUMENTS_OCR_TIMEOUT_SECONDS": 120,
    # A page is rendered for OCR at no more than this many pixels (the dpi is lowered).
    "DOCUMENTS_OCR_MAX_RENDER_PIXELS": 40_000_000,
    # Below this mean word confidence the page is checked for rotation and read again.
    "DOCUMENTS_OCR_ROTATION_CHECK_BELOW": 60,
    # A PDF page whose text layer has fewer letters and digits than this is OCRed instead.
    "DOCUMENTS_TEXT_LAYER_MIN_CHARS": 20,
    "DOCUMENTS_TESSERACT_CMD": "tesseract",
}


def documents_setting(name: str) -> Any:
    """The value of the documents setting ``name`` (``settings`` first, then the default)."""
    return getattr(settings, name, DEFAULTS[name])


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def staging_dir() -> Path:
    """Folder of uploads being checked; created on first use."""
    configured = documents_setting("DOCUMENTS_STAGING_DIR")
    path = Path(configured) if configured else media_root() / "staging"
    path.mkdir(parents=True, exist_ok=True)
    return path
