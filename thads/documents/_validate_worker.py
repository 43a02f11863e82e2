"""Check one uploaded file inside a child process with memory, CPU and time limits.

Run only by :mod:`thads.documents.validation`, never imported by the web or worker process::

    python -I _validate_worker.py PATH LIMITS_JSON

It sets its own ``RLIMIT_AS`` (address space), ``RLIMIT_CPU``, ``RLIMIT_FSIZE = 0`` (it writes
no file) and ``RLIMIT_CORE = 0`` before importing any parser, so a decompression bomb or a
parser bug can only kill this process (quality.md S3, "Measured here: a PDF decompression
bomb"). It imports no Django and no project module (``-I``: no user site, no ``PYTHONPATH``).
It prints one JSON object on stdout: ``{"ok": true, "kind": ..., "page_count": ...}`` or
``{"ok": false, "code": ..., "params": {...}}``; the parent turns the code into a Vietnamese
message.

What it checks, cheapest first:

1. the kind from the magic bytes at offset 0 (PDF, PNG, JPEG, TIFF), never the file name;
2. polyglots: another format's signature where the first format leaves room for it (``%PDF-``
   inside an image, a ZIP end-of-central-directory record at the end of any file, data after
   a PDF's last ``%%EOF``, a PNG's ``IEND`` or a JPEG's ``EOI`` that starts with a known
   signature);
3. PDF: encryption (refused even with an empty user password), page count, each page's size
   at the OCR resolution, every image's declared pixels, and the decoded size of every other
   stream (content, forms, fonts), decoded incrementally with a cap per stream and in total.
   pikepdf has no capped or incremental decoder (``Stream.read_bytes`` decodes all at once),
   so Flate, ASCIIHex, ASCII85 and RunLength are decoded here from ``read_raw_bytes`` in
   chunks; any other filter chain (LZW) is decoded by pikepdf under the address-space limit,
   whose failure is reported as a bomb. Image streams are not decoded: pdfium decodes them
   scanline by scanline up to the declared size, which the pixel limit bounds. Last, pdfium
   (the pipeline's reader) must open the file and agree on the page count;
4. images: each frame's declared size before decoding, then a full decode of every frame
   (a truncated file fails here).
"""

from __future__ import annotations

import json
import resource
import sys
import zlib
from pathlib import Path
from typing import Any

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
#: Signatures of other formats: found where a file leaves room for them, a polyglot.
FOREIGN_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"II*\x00",
    b"MM\x00*",
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
    b"MZ",
    b"\x7fELF",
    b"<!DOCTYPE",
    b"<html",
    b"<script",
    b"<?xml",
    b"<svg",
)
PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF"}
#: Data after a PDF's last %%EOF tolerated when it is not another format (scanner padding).
PDF_TRAILING_TOLERANCE = 4096
READ_CHUNK = 1024 * 1024


class Reject(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def apply_limits(limits: dict[str, Any]) -> None:
    memory = int(limits["memory_bytes"])
    cpu = int(limits["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def sniff(head: bytes) -> str | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _strip_padding(data: bytes) -> bytes:
    return data.strip(b" \t\r\n\f\x00")


def _zip_end_record(data: bytes) -> bool:
    """True when the file ends with a well-formed ZIP end-of-central-directory record."""
    tail = data[-(65535 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    while at != -1:
        if at + 22 <= len(tail):
            comment_length = int.from_bytes(tail[at + 20 : at + 22], "little")
            if at + 22 + comment_length == len(tail):
                return True
        at = tail.rfind(b"PK\x05\x06", 0, at)
    return False


def _starts_foreign(data: bytes) -> bool:
    stripped = _strip_padding(data)
    return any(stripped.startswith(magic) for magic in FOREIGN_MAGIC)


def _png_end(data: bytes) -> int:
    """Offset just after the IEND chunk; ``malformed`` when the chunk chain is broken."""
    at = 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        chunk_type = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            raise Reject("malformed")
        if chunk_type == b"IEND":
            return end
        at = end
    raise Reject("malformed")


def _jpeg_end(data: bytes) -> int:
    """Offset just after the EOI marker of the first JPEG image.

    A structure this walk cannot follow (damaged or truncated data) returns the file's end:
    the full decode below then decides.
    """
    at = 2
    size = len(data)
    while at + 4 <= size:
        if data[at] != 0xFF:
            return size
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            return at + 2
        if marker in (0x01, *range(0xD0, 0xD8)):
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        at += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            while True:
                at = data.find(b"\xff", at)
                if at == -1 or at + 1 >= size:
                    return size
                following = data[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    at += 1 if following == 0xFF else 2
                    continue
                break
    return size


def check_polyglot(kind: str, data: bytes) -> None:
    if _zip_end_record(data):
        raise Reject("polyglot")
    if kind != "pdf" and b"%PDF-" in data:
        raise Reject("polyglot")
    if kind == "pdf":
        eof = data.rfind(b"%%EOF")
        if eof == -1:
            raise Reject("malformed")
        trailing = _strip_padding(data[eof + 5 :])
        if trailing and (_starts_foreign(trailing) or len(trailing) > PDF_TRAILING_TOLERANCE):
            raise Reject("polyglot")
    elif kind == "png":
        if _strip_padding(data[_png_end(data) :]):
            raise Reject("polyglot")
    elif kind == "jpeg":
        trailing = data[_jpeg_end(data) :]
        # A second JPEG after the first is a multi-picture (MPO) photo, not a polyglot.
        if _starts_foreign(trailing) and not _strip_padding(trailing).startswith(b"\xff\xd8"):
            raise Reject("polyglot")


# --- PDF --------------------------------------------------------------------------------------


class Budget:
    """Decoded bytes allowed per stream and in total; exceeding either is a bomb."""

    def __init__(self, per_stream: int, total: int) -> None:
        self.per_stream = per_stream
        self.total = total
        self.used = 0

    def cap(self) -> int:
        return min(self.per_stream, self.total - self.used)


def _inflate(data: bytes, cap: int) -> bytes:
    decoder = zlib.decompressobj()
    out = bytearray()
    pending = data
    try:
        while pending:
            chunk = decoder.decompress(pending, READ_CHUNK)
            out += chunk
            if len(out) > cap:
                raise Reject("bomb")
            pending = decoder.unconsumed_tail
            if not chunk and not pending:
                break
            if decoder.eof:
                break
    except zlib.error:
        # Damaged streams are common and tolerated by readers: count what decodes.
        pass
    return bytes(out)


def _run_length(data: bytes, cap: int) -> bytes:
    out = bytearray()
    at = 0
    while at < len(data):
        length = data[at]
        if length == 128:
            break
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += 2 + length
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) > cap:
            raise Reject("bomb")
    return bytes(out)


def _decode_filter(name: str, data: bytes, cap: int) -> bytes | None:
    """Decode one filter with a cap; None when this script has no capped decoder for it."""
    import base64

    if name in ("/FlateDecode", "/Fl"):
        return _inflate(data, cap)
    if name in ("/RunLengthDecode", "/RL"):
        return _run_length(data, cap)
    if name in ("/ASCIIHexDecode", "/AHx"):
        text = bytes(c for c in data.split(b">", 1)[0] if chr(c) in "0123456789abcdefABCDEF")
        return bytes.fromhex((text + b"0" * (len(text) % 2)).decode("ascii"))
    if name in ("/ASCII85Decode", "/A85"):
        body = data.strip()
        body = body.removeprefix(b"<~").split(b"~>", 1)[0]
        if body.count(b"z") * 4 > cap:
            raise Reject("bomb")
        try:
            return base64.a85decode(body, ignorechars=b" \t\r\n\f\x00")
        except ValueError:
            return b""
    return None


def _filters(stream: Any) -> list[str]:
    import pikepdf

    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(item) for item in value]
    return [str(value)]


IMAGE_ONLY_FILTERS = {"/DCTDecode", "/DCT", "/JPXDecode", "/CCITTFaxDecode", "/CCF", "/JBIG2Decode"}


def check_stream(stream: Any, budget: Budget, limits: dict[str, Any]) -> None:
    import pikepdf

    subtype = stream.get("/Subtype")
    if subtype == pikepdf.Name.Image:
        width = int(stream.get("/Width", 0))
        height = int(stream.get("/Height", 0))
        if width < 0 or height < 0:
            raise Reject("malformed")
        if width * height > limits["max_pixels"]:
            raise Reject("too_many_pixels", pixels=width * height)
        return
    if stream.get("/Type") in (pikepdf.Name.XRef, pikepdf.Name.ObjStm):
        return  # decoded by qpdf while opening the file, under the same memory limit
    filters = _filters(stream)
    if not filters:
        budget.used += len(stream.read_raw_bytes())
        return
    data = stream.read_raw_bytes()
    for name in filters:
        if name in IMAGE_ONLY_FILTERS:
            return
        decoded = _decode_filter(name, data, budget.cap())
        if decoded is None:
            # No capped decoder (LZW, Crypt): let qpdf decode the whole chain under RLIMIT_AS.
            try:
                data = stream.read_bytes()
            except MemoryError:
                raise Reject("bomb") from None
            except pikepdf.PdfError:
                return
            if len(data) > budget.cap():
                raise Reject("bomb")
            break
        data = decoded
    budget.used += len(data)
    if budget.used > budget.total:
        raise Reject("bomb")


def validate_pdf(path: str, limits: dict[str, Any]) -> dict[str, Any]:
    import pikepdf
    import pypdfium2

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise Reject("encrypted") from None
    except MemoryError:
        raise Reject("bomb") from None
    except pikepdf.PdfError:
        raise Reject("malformed") from None
    with pdf:
        if pdf.is_encrypted:
            raise Reject("encrypted")
        page_count = len(pdf.pages)
        if page_count == 0:
            raise Reject("no_pages")
        if page_count > limits["max_pages"]:
            raise Reject("too_many_pages", pages=page_count)
        dpi = limits["dpi"]
        for number, page in enumerate(pdf.pages, start=1):
            box = page.mediabox
            unit = float(page.obj.get("/UserUnit", 1) or 1)
            width = abs(float(box[2]) - float(box[0])) * unit * dpi / 72
            height = abs(float(box[3]) - float(box[1])) * unit * dpi / 72
            if width * height > limits["max_pixels"]:
                raise Reject("page_too_large", page=number)
        budget = Budget(limits["max_stream_bytes"], limits["max_inflated_bytes"])
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                check_stream(obj, budget, limits)
        version = pdf.pdf_version
    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        raise Reject("malformed") from None
    try:
        if len(document) != page_count:
            raise Reject("malformed")
    finally:
        document.close()
    return {"page_count": page_count, "pdf_version": version, "inflated_bytes": budget.used}


# --- Images -----------------------------------------------------------------------------------


def validate_image(path: str, kind: str, limits: dict[str, Any]) -> dict[str, Any]:
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits["max_pixels"]
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    try:
        image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Reject("too_many_pixels", pixels=0) from None
    except (OSError, SyntaxError, ValueError):
        raise Reject("malformed") from None
    with image:
        if image.format != PIL_FORMATS[kind]:
            raise Reject("polyglot")
        frames = getattr(image, "n_frames", 1)
        if frames > limits["max_pages"]:
            raise Reject("too_many_pages", pages=frames)
        first = None
        for index in range(frames):
            if index:
                image.seek(index)
            width, height = image.size
            if width <= 0 or height <= 0:
                raise Reject("malformed")
            if width * height > limits["max_pixels"]:
                raise Reject("too_many_pixels", pixels=width * height)
            try:
                image.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise Reject("too_many_pixels", pixels=width * height) from None
            except MemoryError:
                raise Reject("bomb") from None
            except (OSError, SyntaxError, ValueError, EOFError):
                raise Reject("malformed") from None
            if first is None:
                dpi = image.info.get("dpi")
                first = {
                    "width": width,
                    "height": height,
                    "dpi": round(float(dpi[0])) if dpi else None,
                }
    return {"page_count": frames, **(first or {})}


# --- Entry point ------------------------------------------------------------------------------


def validate(path: str, limits: dict[str, Any]) -> dict[str, Any]:
    file = Path(path)
    size = file.stat().st_size
    if size == 0:
        raise Reject("empty")
    if size > limits["max_bytes"]:
        raise Reject("too_large")
    data = file.read_bytes()
    kind = sniff(data[:16])
    if kind is None:
        if b"%PDF-" in data[:1024]:
            raise Reject("polyglot")
        raise Reject("unsupported")
    check_polyglot(kind, data)
    del data
    details = validate_pdf(path, limits) if kind == "pdf" else validate_image(path, kind, limits)
    return {"ok": True, "kind": kind, **details}


def main(argv: list[str]) -> int:
    path, limits_json = argv[1], argv[2]
    limits = json.loads(limits_json)
    apply_limits(limits)
    try:
        result = validate(path, limits)
    except Reject as reject:
        result = {"ok": False, "code": reject.code, "params": reject.params}
    except MemoryError:
        result = {"ok": False, "code": "bomb", "params": {}}
    except RecursionError:
        result = {"ok": False, "code": "malformed", "params": {}}
    except Exception as exc:  # any parser failure on hostile input is a refusal, not a crash
        result = {"ok": False, "code": "malformed", "params": {}, "detail": repr(exc)[:300]}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
