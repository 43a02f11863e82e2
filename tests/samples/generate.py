"""Generate the small, well-formed test documents of the document store and OCR tests.

Nothing here is a real case file: ``../shared/samples`` holds the real scans, which are never
copied into the repository. Each function writes one file and returns its path; the OCR images
are kept small (a few lines at 300 dpi) so the whole suite stays fast on two cores.

    python -m tests.samples.generate OUTPUT_DIR    # writes every sample, for a look by eye
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont

FONT_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

#: Lines of the three pages of the text PDF; tests compare the text layer with them exactly.
TEXT_PDF_PAGES: tuple[tuple[str, ...], ...] = (
    (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH THI HÀNH ÁN",
        "Căn cứ Điều 23 và Điều 36 Luật Thi hành án dân sự;",
    ),
    (
        "Người phải thi hành án: Ông Nguyễn Văn Đức, sinh năm 1978.",
        "Khoản phải nộp: 12.500.000 đồng án phí dân sự sơ thẩm.",
    ),
    (
        "Nơi nhận: Viện kiểm sát nhân dân; Lưu hồ sơ thi hành án.",
        "Chấp hành viên: Trần Thị Hương Giang.",
    ),
)

#: Lines drawn on the scan-like images; OCR tests look for robust substrings of them.
SCAN_LINES: tuple[str, ...] = (
    "QUYẾT ĐỊNH",
    "Thi hành án dân sự",
    "Cục Quản lý thi hành án",
)


def text_pdf(path: Path, pages: tuple[tuple[str, ...], ...] = TEXT_PDF_PAGES) -> Path:
    """A PDF with a real text layer (reportlab, DejaVu Sans), one page per entry of ``pages``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_SANS)))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        pdf.setFont("DejaVuSans", 12)
        for index, line in enumerate(lines):
            pdf.drawString(72, 770 - index * 24, line)
        pdf.showPage()
    pdf.save()
    return path


def scan_image(lines: tuple[str, ...] = SCAN_LINES, *, rotate: int = 0) -> Image.Image:
    """A grayscale "scan" at 300 dpi: black serif text on an off-white page, a little noise.

    ``rotate`` turns the page counter-clockwise by 90, 180 or 270 degrees (a sideways scan).
    """
    font = ImageFont.truetype(str(FONT_SERIF), 44)
    width, line_height = 1400, 90
    image = Image.new("L", (width, 80 + line_height * len(lines)), color=238)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((80, 40 + index * line_height), line, fill=25, font=font)
    for x in range(0, width, 97):  # sparse specks, as on a real scan
        draw.point([(x, (x * 7) % image.height), (x + 3, (x * 13) % image.height)], fill=120)
    if rotate:
        image = image.rotate(rotate, expand=True, fillcolor=238)
    return image


def scan_png(path: Path, *, rotate: int = 0) -> Path:
    scan_image(rotate=rotate).save(path, format="PNG", dpi=(300, 300))
    return path


def scan_jpeg(path: Path) -> Path:
    scan_image().save(path, format="JPEG", quality=90, dpi=(300, 300))
    return path


def scan_tiff(path: Path, frames: int = 2) -> Path:
    """A multi-page TIFF; frame ``n`` says "Trang n" after the usual lines."""
    images = [scan_image((*SCAN_LINES[:2], f"Trang {n}")) for n in range(1, frames + 1)]
    images[0].save(
        path,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        compression="tiff_deflate",
        dpi=(300, 300),
    )
    return path


def scan_pdf(path: Path, pages: int = 2) -> Path:
    """A scanned PDF without text layer: one scan image per page (Pillow's PDF writer)."""
    images = [scan_image((*SCAN_LINES[:2], f"Trang {n}")).convert("L") for n in range(1, pages + 1)]
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=300)
    return path


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    text_pdf(out / "text-3-pages.pdf")
    scan_png(out / "scan.png")
    scan_png(out / "scan-rotated-90.png", rotate=90)
    scan_jpeg(out / "scan.jpg")
    scan_tiff(out / "scan-2-frames.tif")
    scan_pdf(out / "scan-2-pages.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
