"""The visible signature stamp, in a TrueType font that prints Vietnamese.

pyHanko's default stamp font is the standard Type 1 Courier, which has no Vietnamese letters;
its own TrueType engine (``pyhanko.pdf_utils.font.opentype``) needs fontTools and uharfbuzz,
which the platform does not install. Vietnamese needs no shaping (every letter is a
precomposed code point), so :class:`TrueTypeFontEngine` maps characters to glyphs itself and
embeds a subset made by reportlab's TrueType code, the same font the document body uses
(:func:`thads.documents.pdf.find_font_family`). The subset is a simple TrueType font with a
``ToUnicode`` map, so text extraction from the stamp gives back the Vietnamese text.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngine
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.api import ShapeResult
from pyhanko.pdf_utils.layout import AxisAlignment
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.layout import Margins
from pyhanko.pdf_utils.layout import SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp import TextStamp
from pyhanko.stamp import TextStampStyle
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap

pdf_name = generic.NameObject

#: Characters every stamp subset starts with, so stamps of one office differ only in digits
#: and share the cached subset.
_SEED = " 0123456789/:.,-+()"
#: A simple font addresses 256 codes; code 0 is the missing glyph.
_MAX_CODES = 256

_SUBSET_LOCK = threading.Lock()


@functools.cache
def _face(path: str) -> TTFontFile:
    return TTFontFile(path)


@functools.lru_cache(maxsize=64)
def _subset_bytes(path: str, codes: tuple[int, ...]) -> bytes:
    # TTFontFile reads through a shared cursor: one subset at a time.
    with _SUBSET_LOCK:
        return _face(path).makeSubset(list(codes))


class TrueTypeFontEngine(FontEngine):
    """A pyHanko font engine over one TrueType file: one byte per character, no shaping."""

    def __init__(self, writer: BasePdfFileWriter, path: str, obj_stream: Any = None) -> None:
        self.path = path
        self.face = _face(path)
        super().__init__(
            writer, self.face.name.decode("latin-1"), embedded_subset=True, obj_stream=obj_stream
        )
        self.unicode_of_code: list[int] = [0]
        self.code_of_unicode: dict[int, int] = {}
        for char in _SEED:
            self._code(char)
        self._font_ref = writer.allocate_placeholder()
        self._written = False

    @property
    def uses_complex_positioning(self) -> bool:
        return False

    def _code(self, char: str) -> int:
        point = ord(char)
        if point == 0xA0:
            point = 0x20
        if point not in self.face.charToGlyph:
            return 0
        code = self.code_of_unicode.get(point)
        if code is None:
            if len(self.unicode_of_code) >= _MAX_CODES:
                return 0
            code = len(self.unicode_of_code)
            self.unicode_of_code.append(point)
            self.code_of_unicode[point] = code
        return code

    def _width(self, code: int) -> float:
        if code == 0:
            return float(self.face.defaultWidth)
        return float(self.face.charWidths.get(self.unicode_of_code[code], self.face.defaultWidth))

    def shape(self, txt: str) -> ShapeResult:
        codes = [self._code(char) for char in txt]
        ops = b"<" + bytes(codes).hex().encode("ascii") + b"> Tj"
        advance = sum(self._width(code) for code in codes) / 1000
        return ShapeResult(graphics_ops=ops, x_advance=advance, y_advance=0)

    def as_resource(self) -> generic.IndirectObject:
        return self._font_ref

    def prepare_write(self) -> None:
        if self._written:  # the writer may write more than once
            return
        writer = self.writer
        face = self.face
        codes = tuple(self.unicode_of_code)
        base_font = f"{self.subset_prefix}+{face.name.decode('latin-1')}"
        font_file = generic.StreamObject(
            {pdf_name("/Length1"): generic.NumberObject(0)},
            stream_data=_subset_bytes(self.path, codes),
        )
        font_file[pdf_name("/Length1")] = generic.NumberObject(len(font_file.data))
        font_file.compress()
        descriptor = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/FontDescriptor"),
                pdf_name("/FontName"): pdf_name("/" + base_font),
                # symbolic: the codes are this subset's own, not a standard encoding
                pdf_name("/Flags"): generic.NumberObject(4),
                pdf_name("/FontBBox"): generic.ArrayObject(
                    generic.NumberObject(round(v)) for v in face.bbox
                ),
                pdf_name("/ItalicAngle"): generic.NumberObject(round(face.italicAngle)),
                pdf_name("/Ascent"): generic.NumberObject(round(face.ascent)),
                pdf_name("/Descent"): generic.NumberObject(round(face.descent)),
                pdf_name("/CapHeight"): generic.NumberObject(round(face.capHeight)),
                pdf_name("/StemV"): generic.NumberObject(round(face.stemV)),
                pdf_name("/MissingWidth"): generic.NumberObject(round(face.defaultWidth)),
                pdf_name("/FontFile2"): writer.add_object(font_file),
            }
        )
        to_unicode = generic.StreamObject(
            stream_data=makeToUnicodeCMap(base_font, list(codes)).encode("ascii")
        )
        to_unicode.compress()
        font = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/TrueType"),
                pdf_name("/BaseFont"): pdf_name("/" + base_font),
                pdf_name("/FirstChar"): generic.NumberObject(0),
                pdf_name("/LastChar"): generic.NumberObject(len(codes) - 1),
                pdf_name("/Widths"): generic.ArrayObject(
                    generic.NumberObject(round(self._width(code))) for code in range(len(codes))
                ),
                pdf_name("/FontDescriptor"): writer.add_object(descriptor),
                pdf_name("/ToUnicode"): writer.add_object(to_unicode),
            }
        )
        writer.add_object(font, self.obj_stream, idnum=self._font_ref.idnum)
        self._written = True


class TrueTypeFontEngineFactory(FontEngineFactory):
    """Makes :class:`TrueTypeFontEngine` instances for the TrueType file at ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: Any = None
    ) -> TrueTypeFontEngine:
        return TrueTypeFontEngine(writer, self.path, obj_stream=obj_stream)


#: pyHanko formats the signing time with this; :class:`LocalTimeStampStyle` parses it back.
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"  # always carries %z


def stamp_time_text(moment: dt.datetime) -> str:
    """The signing time as the stamp shows it: ISO 8601 in Vietnam's time zone,
    "2026-11-23T14:05:09+07:00" (Decree 30/2020/NĐ-CP, Annex I: an organisation's digital
    signature shows its name and the signing time, date, time and Vietnamese time zone per
    ISO 8601, in Times New Roman 10 pt, upright, black)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


@dataclass(frozen=True)
class LocalTimeStampStyle(TextStampStyle):
    """A text stamp whose ``%(ts)s`` is the signing time in the platform's time zone.

    pyHanko fills ``ts`` from the signature's own time (the ``/M`` entry), in the server's
    zone and its ``timestamp_format``; this style reads it back and writes it the Vietnamese
    way, so the stamp and the signature always agree.
    """

    timestamp_format: str = _TS_FORMAT

    def create_stamp(
        self, writer: BasePdfFileWriter, box: BoxConstraints, text_params: dict
    ) -> TextStamp:
        params = dict(text_params)
        raw = params.get("ts")
        if raw:
            params["ts"] = stamp_time_text(dt.datetime.strptime(raw, _TS_FORMAT))  # noqa: DTZ007
        return super().create_stamp(writer, box, params)


#: Stamp text size (Decree 30/2020/NĐ-CP, Annex I: 10 pt), leading and inner margin, in points.
STAMP_FONT_SIZE = 10
STAMP_LEADING = 13
STAMP_MARGIN = 6
#: Stands for the signing time when measuring lines (the widest form it takes).
_TS_SAMPLE = "2026-12-28T23:59:59+07:00"


def _wrap(line: str, face: TTFontFile, width: float) -> list[str]:
    """Greedy word wrap of one line to ``width`` points at the stamp's font size."""

    def measure(text: str) -> float:
        text = text.replace("%(ts)s", _TS_SAMPLE).replace("%%", "%")
        total = sum(face.charWidths.get(ord(ch), face.defaultWidth) for ch in text)
        return total * STAMP_FONT_SIZE / 1000

    out: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
    return out


def stamp_template(
    *, font_path: str, template: str, office: str, signer: str, box_width: float
) -> str:
    """The stamp text with office and signer filled in and lines wrapped to the box, so the
    text keeps its 10 pt instead of being shrunk; ``%(ts)s`` stays for pyHanko to fill."""
    text = template % {
        "office": office.replace("%", "%%"),
        "signer": signer.replace("%", "%%"),
        "ts": "%(ts)s",
    }
    width = box_width - 2 * STAMP_MARGIN - 2
    face = _face(font_path)
    return "\n".join(wrapped for line in text.split("\n") for wrapped in _wrap(line, face, width))


@functools.lru_cache(maxsize=1024)
def stamp_style(font_path: str, stamp_text: str) -> TextStampStyle:
    """The stamp: a thin dark-red frame around left-aligned text, shrunk to fit the box."""
    return LocalTimeStampStyle(
        stamp_text=stamp_text,
        text_box_style=TextBoxStyle(
            font=TrueTypeFontEngineFactory(font_path),
            font_size=STAMP_FONT_SIZE,
            leading=STAMP_LEADING,
        ),
        border_width=1,
        border_color=(0.6, 0.1, 0.1),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(STAMP_MARGIN),
        ),
    )
