"""OCR of one page image with tesseract (``vie``), one thread per process, word boxes from TSV.

Tesseract runs as a subprocess with ``OMP_THREAD_LIMIT=1``: its default threading is about 7
times slower on the 2-core machines measured (quality.md P4: 1.9 s a page with the limit,
14 s without). The image goes in through stdin as a quickly compressed PNG (no temporary
file) with its resolution given by ``--dpi``, and one run prints TSV, from which both the word
boxes and the text are built.

Orientation ("where it pays"): an upright page costs one run. Orientation detection
(``--psm 0``, about 1 s) runs first only on a landscape image, and otherwise only when the
first reading is poor (mean word confidence below a threshold, 60 by default): a sideways or
upside-down scan reads at about 40, a good one at about 90. Small skew is left to tesseract's
own line finding; no numpy/OpenCV deskew is done (none is installed, and on the sample scans
tesseract's result did not need it).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from PIL import Image

from thads.documents.conf import documents_setting

#: PIL transpose that undoes tesseract's "Rotate: N" (N degrees clockwise to turn the page).
_ROTATIONS = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}
_ROTATE = re.compile(rb"Rotate:\s*(\d+)")
_ORIENTATION_CONFIDENCE = re.compile(rb"Orientation confidence:\s*([\d.]+)")
#: Orientation detection below this confidence is ignored (tesseract's own scale).
MIN_ORIENTATION_CONFIDENCE = 1.5
#: OSD reads a copy scaled to about this resolution: faster, and as reliable.
OSD_DPI = 150


class OcrEngineError(Exception):
    """Tesseract is missing, failed or ran past its time limit."""


@dataclass
class OcrResult:
    """Words (``models.WORD_FIELDS`` rows), the text built from them, and how it was read."""

    text: str
    words: list[list[Any]] = field(default_factory=list)
    mean_confidence: float | None = None
    rotation: int = 0  # degrees clockwise applied to the image before reading
    width_px: int = 0
    height_px: int = 0
    runs: int = 0  # tesseract invocations (recognition and orientation)


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1", "LC_ALL": "C.UTF-8"}


def _encode(image: Image.Image) -> bytes:
    """PNG at the fastest compression: measured here, tesseract reads a PNG about 8 % faster
    than the same pixels as PGM, TIFF or BMP, and the encoding costs about 0.07 s a page."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _run(args: list[str], image: Image.Image, *, timeout: float) -> bytes:
    command = [str(documents_setting("DOCUMENTS_TESSERACT_CMD")), "stdin", "stdout", *args]
    try:
        completed = subprocess.run(  # noqa: S603 (fixed program, arguments built here)
            command,
            input=_encode(image),
            capture_output=True,
            timeout=timeout,
            env=_env(),
            check=False,
        )
    except FileNotFoundError as exc:
        raise OcrEngineError("tesseract is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise OcrEngineError(f"tesseract ran past {timeout} s") from exc
    if completed.returncode != 0:
        tail = completed.stderr[-300:].decode("utf-8", "replace")
        raise OcrEngineError(f"tesseract failed ({completed.returncode}): {tail}")
    return completed.stdout


def prepare(image: Image.Image) -> Image.Image:
    """Grayscale, 8 bits: what tesseract reads fastest (it binarises by itself)."""
    if image.mode == "L":
        return image
    if image.mode.startswith("I;16") or image.mode == "I":  # 16-bit scans: keep the top byte
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("L")


def parse_tsv(tsv: bytes) -> list[list[Any]]:
    """Word rows of tesseract's TSV (level 5) as ``WORD_FIELDS`` lists, text NFC-normalised."""
    words: list[list[Any]] = []
    for line in tsv.decode("utf-8", "replace").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = unicodedata.normalize("NFC", parts[11]).strip()
        if not text:
            continue
        block, par, line_no = int(parts[2]), int(parts[3]), int(parts[4])
        left, top, width, height = (int(parts[i]) for i in (6, 7, 8, 9))
        conf = round(float(parts[10]))
        words.append([text, conf, left, top, width, height, block, par, line_no])
    return words


def words_to_text(words: list[list[Any]]) -> str:
    """The page text from its words: spaces within a line, a line break between lines and a
    blank line between paragraphs, as tesseract's plain text output does."""
    lines: list[str] = []
    current: list[str] = []
    last_line: tuple[int, int, int] | None = None
    last_par: tuple[int, int] | None = None
    for text, _conf, *_box, block, par, line in words:
        key = (block, par, line)
        if last_line is not None and key != last_line:
            lines.append(" ".join(current))
            current = []
            if (block, par) != last_par:
                lines.append("")
        current.append(text)
        last_line, last_par = key, (block, par)
    if current:
        lines.append(" ".join(current))
    return "\n".join(lines)


def mean_confidence(words: list[list[Any]]) -> float | None:
    scores = [word[1] for word in words if word[1] >= 0]
    return round(sum(scores) / len(scores), 1) if scores else None


def recognise(
    image: Image.Image, *, dpi: int, lang: str | None = None, timeout: float | None = None
) -> list[list[Any]]:
    """One tesseract run (page segmentation 3, automatic): the words of ``image``."""
    lang = lang or str(documents_setting("DOCUMENTS_OCR_LANG"))
    timeout = timeout or float(documents_setting("DOCUMENTS_OCR_TIMEOUT_SECONDS"))
    tsv = _run(["-l", lang, "--psm", "3", "--dpi", str(dpi), "tsv"], image, timeout=timeout)
    return parse_tsv(tsv)


def detect_rotation(image: Image.Image, *, dpi: int, timeout: float | None = None) -> int:
    """Degrees clockwise (0, 90, 180, 270) that turn ``image`` upright; 0 when unsure."""
    timeout = timeout or float(documents_setting("DOCUMENTS_OCR_TIMEOUT_SECONDS"))
    scale = min(1.0, OSD_DPI / dpi) if dpi else 1.0
    sample = image
    if scale < 1.0:
        sample = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.BILINEAR,
        )
    osd_dpi = max(70, round(dpi * scale))
    try:
        out = _run(["--psm", "0", "--dpi", str(osd_dpi)], sample, timeout=timeout)
    except OcrEngineError:
        return 0  # too few characters to tell: tesseract exits non-zero
    rotate = _ROTATE.search(out)
    confidence = _ORIENTATION_CONFIDENCE.search(out)
    if not rotate or not confidence or float(confidence.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    degrees = int(rotate.group(1)) % 360
    return degrees if degrees in _ROTATIONS else 0


def rotate(image: Image.Image, degrees: int) -> Image.Image:
    """``image`` turned ``degrees`` clockwise (0, 90, 180, 270)."""
    return image.transpose(_ROTATIONS[degrees]) if degrees in _ROTATIONS else image


def ocr_image(
    image: Image.Image,
    *,
    dpi: int,
    lang: str | None = None,
    auto_rotate: bool = True,
    rotation_check_below: float | None = None,
) -> OcrResult:
    """Read ``image`` (any mode) at ``dpi``; turn it upright first when that pays.

    Returns the words, the text built from them, the mean confidence and the rotation applied
    (the word boxes are in the rotated image's pixels). Raises ``OcrEngineError`` when
    tesseract is missing, fails or runs past ``DOCUMENTS_OCR_TIMEOUT_SECONDS``.
    """
    image = prepare(image)
    threshold = (
        float(documents_setting("DOCUMENTS_OCR_ROTATION_CHECK_BELOW"))
        if rotation_check_below is None
        else rotation_check_below
    )
    runs = 0
    applied = 0
    checked = False
    if auto_rotate and image.width > image.height * 1.15:
        applied = detect_rotation(image, dpi=dpi)
        runs += 1
        checked = True
        image = rotate(image, applied)
    words = recognise(image, dpi=dpi, lang=lang)
    runs += 1
    confidence = mean_confidence(words)
    if auto_rotate and not checked and (confidence is None or confidence < threshold):
        degrees = detect_rotation(image, dpi=dpi)
        runs += 1
        if degrees:
            turned = rotate(image, degrees)
            again = recognise(turned, dpi=dpi, lang=lang)
            runs += 1
            again_confidence = mean_confidence(again)
            better = again_confidence is not None and (
                confidence is None or again_confidence > confidence
            )
            if better:
                image, words, confidence, applied = turned, again, again_confidence, degrees
    return OcrResult(
        text=words_to_text(words),
        words=words,
        mean_confidence=confidence,
        rotation=applied,
        width_px=image.width,
        height_px=image.height,
        runs=runs,
    )


def tesseract_version() -> str:
    """First line of ``tesseract --version`` (for benchmarks and the system check)."""
    completed = subprocess.run(  # noqa: S603
        [str(documents_setting("DOCUMENTS_TESSERACT_CMD")), "--version"],
        capture_output=True,
        timeout=10,
        check=False,
    )
    output = (completed.stdout or completed.stderr).decode("utf-8", "replace")
    return output.splitlines()[0] if output else ""
