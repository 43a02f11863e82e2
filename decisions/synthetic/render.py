# ruff: noqa: S311 -- random is for synthetic data only
"""Render a synthetic judgment as a PDF with a text layer, or as a degraded scan.

``render_text_pdf`` draws each page's lines with reportlab in the document font family of
``thads.documents.pdf`` (Liberation Serif or another family with every Vietnamese letter): the
header in two columns (court | national motto), titles centred and bold, body lines left.
``render_scan_images`` rasterises that PDF (pypdfium2) and degrades every page with PIL only:
a small skew, blur, speckle noise, a red round stamp over the text, JPEG artefacts, and, now and
then, a page turned to landscape. ``render_scan_pdf`` wraps those images in an image-only PDF.
"""

from __future__ import annotations

import io
import math
import random

import pypdfium2
from PIL import Image
from PIL import ImageDraw
from PIL import ImageFilter
from PIL import ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from decisions.synthetic.document import SyntheticJudgment
from thads.documents.pdf import find_font_family
from thads.documents.pdf import registered_fonts

MARGIN_LEFT = 62.0
MARGIN_RIGHT = 42.0
MARGIN_TOP = 48.0
MAX_SIZE = 13.0


def render_text_pdf(sj: SyntheticJudgment) -> bytes:
    """A4 PDF, one page per ``sj.pages`` entry, whose text layer reads back as the page text."""
    fonts = registered_fonts()
    regular, bold = fonts["regular"], fonts["bold"]
    width, height = A4
    usable = width - MARGIN_LEFT - MARGIN_RIGHT
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(sj.doc_id)
    for lines in sj.layout:
        size = MAX_SIZE
        for line in lines:
            if line.style.startswith("columns"):
                continue
            font = bold if line.style in ("title", "bold") else regular
            w = pdfmetrics.stringWidth(line.text, font, 1)
            if w:
                size = min(size, usable / w)
        size = max(size, 8.0)
        leading = min(size * 1.3, (height - 2 * MARGIN_TOP) / max(len(lines), 1))
        y = height - MARGIN_TOP - size
        for line in lines:
            if line.style.startswith("columns"):
                split = line.split or 0
                left, right = line.text[:split].strip(), line.text[split:].strip()
                half = usable / 2
                for text, x0, font in (
                    (left, MARGIN_LEFT, bold),
                    (right, MARGIN_LEFT + half, bold),
                ):
                    if not text:
                        continue
                    fs = min(size, (half - 6) / max(pdfmetrics.stringWidth(text, font, 1), 1))
                    c.setFont(font, fs)
                    if line.style == "columns_left" and x0 == MARGIN_LEFT:
                        c.drawString(x0, y, text)
                    else:
                        c.drawCentredString(x0 + half / 2, y, text)
            elif line.style in ("title", "center"):
                font = bold if line.style == "title" else regular
                c.setFont(font, size)
                c.drawCentredString(MARGIN_LEFT + usable / 2, y, line.text)
            else:
                font = bold if line.style == "bold" else regular
                c.setFont(font, size)
                c.drawString(MARGIN_LEFT, y, line.text)
            y -= leading
        c.showPage()
    c.save()
    return buf.getvalue()


def _stamp(rng: random.Random, size: int) -> Image.Image:
    """A red round court stamp (RGBA), drawn with PIL."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (200, 30, 40, rng.randint(140, 200))
    lw = max(3, size // 60)
    d.ellipse((lw, lw, size - lw, size - lw), outline=red, width=lw)
    inner = size // 7
    d.ellipse((inner, inner, size - inner, size - inner), outline=red, width=max(2, lw // 2))
    font_path = str(find_font_family().bold)
    font = ImageFont.truetype(font_path, max(10, size // 11))
    text = "TÒA ÁN NHÂN DÂN"
    radius = size / 2 - inner / 2 - lw
    for i, ch in enumerate(text):
        angle = math.radians(200 + i * (140 / max(len(text) - 1, 1)))
        x = size / 2 + radius * math.cos(angle)
        y = size / 2 + radius * math.sin(angle)
        d.text((x, y), ch, fill=red, font=font, anchor="mm")
    r_out, r_in = size / 9, size / 22
    points = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = math.radians(-90 + k * 36)
        points.append((size / 2 + r * math.cos(a), size / 2 + r * math.sin(a)))
    d.polygon(points, fill=red)
    return img


def _degrade(
    img: Image.Image, rng: random.Random, *, dpi: int, stamp: bool, landscape: bool, last: bool
) -> Image.Image:
    img = img.convert("RGB")
    if stamp:
        s = _stamp(rng, int(dpi * rng.uniform(1.3, 1.7)))
        x = int(img.width * rng.uniform(0.45, 0.7))
        y = int(img.height * (rng.uniform(0.05, 0.25) if last else rng.uniform(0.3, 0.7)))
        img.paste(s, (x, y), s)
    angle = rng.uniform(-1.2, 1.2)
    img = img.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255)
    )
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    noise = Image.effect_noise(img.size, rng.uniform(8, 22)).convert("RGB")
    img = Image.blend(img, noise, rng.uniform(0.04, 0.09))
    # paper tint and slightly uneven brightness
    tint = Image.new(
        "RGB", img.size, (rng.randint(240, 255), rng.randint(236, 252), rng.randint(225, 245))
    )
    img = Image.blend(img, tint, 0.08)
    if landscape:
        img = img.rotate(90, expand=True)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=rng.randint(35, 70))
    out.seek(0)
    return Image.open(out).convert("RGB")


def render_scan_images(
    sj: SyntheticJudgment, *, seed: int, dpi: int = 200, landscape_rate: float = 0.1
) -> list[Image.Image]:
    """The pages as degraded scan images (RGB), deterministic per ``seed``."""
    rng = random.Random(f"thads-scan:{sj.doc_id}:{seed}")
    pdf = pypdfium2.PdfDocument(render_text_pdf(sj))
    images = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            bitmap = page.render(scale=dpi / 72)
            pil = bitmap.to_pil()
            images.append(
                _degrade(
                    pil,
                    rng,
                    dpi=dpi,
                    stamp=i == len(pdf) - 1 or rng.random() < 0.3,
                    landscape=rng.random() < landscape_rate,
                    last=i == len(pdf) - 1,
                )
            )
            page.close()
    finally:
        pdf.close()
    return images


def render_scan_pdf(sj: SyntheticJudgment, *, seed: int, dpi: int = 200) -> bytes:
    """An image-only PDF of the degraded scan (no text layer), one page per page."""
    images = render_scan_images(sj, seed=seed, dpi=dpi)
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return buf.getvalue()
