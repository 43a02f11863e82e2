"""The hostile upload corpus of quality.md S3, generated in memory (nothing is downloaded).

Each function returns the bytes of one file the store must refuse. ``HOSTILE`` lists them with
the reason code and the exact Vietnamese message the user must see.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.samples.generate import png_bytes
from tests.samples.generate import scan_image
from tests.samples.generate import text_pdf

MB = 1024 * 1024


def pdf_from_objects(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose numbered objects are ``objects`` (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def one_page_pdf(
    content: bytes, *, filters: bytes = b"", media_box: bytes = b"0 0 595 842"
) -> bytes:
    """A one-page PDF whose content stream holds ``content`` (already encoded by ``filters``)."""
    stream_dict = b"<< /Length %d %s>>" % (len(content), filters)
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R /Resources << >> >>"
            % media_box,
            stream_dict + b"\nstream\n" + content + b"\nendstream",
        ]
    )


@functools.cache
def zeros_deflated(size: int) -> bytes:
    """``size`` zero bytes, zlib-compressed in 1 MB steps (never held inflated in memory)."""
    compressor = zlib.compressobj(9)
    chunk = bytes(MB)
    parts = [compressor.compress(chunk) for _ in range(size // MB)]
    parts.append(compressor.flush())
    return b"".join(parts)


def flate_bomb_pdf(inflated: int = 200 * MB) -> bytes:
    """quality.md's measured bomb: one Flate content stream of ~200 KB inflating to 200 MB."""
    return one_page_pdf(zeros_deflated(inflated), filters=b"/Filter /FlateDecode ")


def nested_flate_bomb_pdf() -> bytes:
    """Three Flate layers: under a kilobyte that would inflate to 200 MB."""
    data = zeros_deflated(200 * MB)
    data = zlib.compress(data, 9)
    data = zlib.compress(data, 9)
    return one_page_pdf(data, filters=b"/Filter [/FlateDecode /FlateDecode /FlateDecode] ")


def huge_page_pdf() -> bytes:
    """A page of 5 x 5 metres: rendered at 300 dpi it would be 3.5 gigapixels."""
    return one_page_pdf(b"BT ET", media_box=b"0 0 14400 14400")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def pixel_flood_png() -> bytes:
    """A ~100-byte PNG declaring 100,000 x 100,000 pixels (10 gigapixels)."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(bytes(1024)))
        + _png_chunk(b"IEND", b"")
    )


def good_pdf_bytes(tmp_dir: Path) -> bytes:
    return text_pdf(tmp_dir / "good.pdf").read_bytes()


def truncated_pdf(tmp_dir: Path) -> bytes:
    data = good_pdf_bytes(tmp_dir)
    return data[: len(data) * 6 // 10]


def encrypted_pdf(tmp_dir: Path, *, user_password: str = "") -> bytes:
    """AES-256 encrypted; with an empty user password it even opens without one."""
    import pikepdf

    source = text_pdf(tmp_dir / "plain.pdf")
    out = io.BytesIO()
    with pikepdf.open(source) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="chu-so-huu", user=user_password, R=6))
    return out.getvalue()


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    scan_image().save(out, format="JPEG", quality=80)
    return out.getvalue()


def pdf_in_jpeg_polyglot(tmp_dir: Path) -> bytes:
    """A JPEG whose comment segment holds a whole PDF (readers of both formats open it)."""
    jpeg = jpeg_bytes()
    pdf = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (polyglot) Tj ET")
    comment = b"\xff\xfe" + struct.pack(">H", len(pdf) + 2) + pdf
    return jpeg[:2] + comment + jpeg[2:]


def jpeg_after_pdf_polyglot(tmp_dir: Path) -> bytes:
    """A valid PDF with a JPEG appended after its last %%EOF."""
    return good_pdf_bytes(tmp_dir) + jpeg_bytes()


def zip_appended_to_png() -> bytes:
    """A PNG followed by a ZIP archive (read from its end by ZIP tools)."""
    return png_bytes(scan_image()) + zip_bytes()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ban-an.txt", "Bản án số 12/2025/DS-ST")
    return out.getvalue()


def text_as_png() -> bytes:
    return "Đây là một tệp văn bản, không phải ảnh.\n".encode()


#: name -> (file name sent by the client, builder(tmp_dir) -> bytes, reason code, message)
HOSTILE: dict[str, tuple[str, Callable[[Path], bytes], str, str]] = {
    "flate-bomb": (
        "ban-an.pdf",
        lambda tmp: flate_bomb_pdf(),
        "bomb",
        "Tệp có nội dung nén quá lớn so với kích thước (nghi ngờ tệp độc hại).",
    ),
    "nested-flate-bomb": (
        "ban-an.pdf",
        lambda tmp: nested_flate_bomb_pdf(),
        "bomb",
        "Tệp có nội dung nén quá lớn so với kích thước (nghi ngờ tệp độc hại).",
    ),
    "pixel-flood-png": (
        "anh-chup.png",
        lambda tmp: pixel_flood_png(),
        "too_many_pixels",
        "Ảnh có kích thước quá lớn (tối đa 60 triệu điểm ảnh mỗi trang).",
    ),
    "huge-pdf-page": (
        "ban-ve.pdf",
        lambda tmp: huge_page_pdf(),
        "page_too_large",
        "Trang 1 có khổ giấy quá lớn (tối đa 60 triệu điểm ảnh ở độ phân giải 300 dpi).",
    ),
    "truncated-pdf": (
        "ban-an.pdf",
        truncated_pdf,
        "malformed",
        "Tệp bị hỏng hoặc không đầy đủ, không đọc được.",
    ),
    "encrypted-pdf": (
        "ban-an.pdf",
        encrypted_pdf,
        "encrypted",
        "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa.",
    ),
    "password-pdf": (
        "ban-an.pdf",
        lambda tmp: encrypted_pdf(tmp, user_password="mat-khau"),
        "encrypted",
        "Tệp PDF được đặt mật khẩu hoặc mã hóa; hãy tải lên bản không mã hóa.",
    ),
    "pdf-in-jpeg": (
        "anh.jpg",
        pdf_in_jpeg_polyglot,
        "polyglot",
        "Tệp có cấu trúc không hợp lệ (nhiều định dạng lồng nhau).",
    ),
    "jpeg-after-pdf": (
        "ban-an.pdf",
        jpeg_after_pdf_polyglot,
        "polyglot",
        "Tệp có cấu trúc không hợp lệ (nhiều định dạng lồng nhau).",
    ),
    "zip-after-png": (
        "anh.png",
        lambda tmp: zip_appended_to_png(),
        "polyglot",
        "Tệp có cấu trúc không hợp lệ (nhiều định dạng lồng nhau).",
    ),
    "zip-named-pdf": (
        "ban-an.pdf",
        lambda tmp: zip_bytes(),
        "unsupported",
        "Định dạng tệp không được hỗ trợ. Chỉ nhận tệp PDF, TIFF, PNG hoặc JPEG.",
    ),
    "text-named-png": (
        "anh.png",
        lambda tmp: text_as_png(),
        "unsupported",
        "Định dạng tệp không được hỗ trợ. Chỉ nhận tệp PDF, TIFF, PNG hoặc JPEG.",
    ),
    "empty": (
        "trong.pdf",
        lambda tmp: b"",
        "empty",
        "Tệp rỗng, không có nội dung.",
    ),
}
