"""QR codes of the platform (segno): PNG and SVG for pages, the module matrix for PDFs.

Every code uses error-correction level M (15 % of the symbol may be damaged: a stamp or a
fold over it still reads) and is never boosted, so a given text always gives the same symbol.
The PDF layer (:mod:`thads.documents.pdf`) draws :func:`qr_matrix` as vector rectangles, so the
printed code is sharp at any zoom.
"""

from __future__ import annotations

import io

import segno

#: Error-correction level of every QR code the platform prints (ISO/IEC 18004 level M).
ERROR_LEVEL = "m"
#: Quiet zone around the symbol, in modules (the standard asks for 4).
QUIET_ZONE = 4


def qr_make(data: str) -> segno.QRCode:
    """The QR symbol for ``data`` at level M (the smallest version that holds it)."""
    return segno.make_qr(data, error=ERROR_LEVEL, boost_error=False)


def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The symbol's modules as rows of booleans (True is dark), without the quiet zone."""
    return tuple(tuple(bool(cell) for cell in row) for row in qr_make(data).matrix)


def qr_png(data: str, scale: int = 4) -> bytes:
    """A PNG of the QR code for ``data``: ``scale`` pixels per module, 4-module quiet zone."""
    buffer = io.BytesIO()
    qr_make(data).save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()


def qr_svg(data: str, scale: int = 4) -> str:
    """An inline ``<svg>`` element of the QR code for ``data`` (no XML declaration).

    Safe to insert into a page as is: segno writes only a path, and ``data`` does not appear
    in the markup.
    """
    return qr_make(data).svg_inline(scale=scale, border=QUIET_ZONE, svgclass="qr-code")
