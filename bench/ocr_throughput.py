"""Benchmark of the text pipeline: OCR pages per minute and text-layer milliseconds per page.

Targets (quality.md P4, P5): OCR at least 25 pages/min per core at 300 dpi with
``OMP_THREAD_LIMIT=1``, and the pipeline's OCR function within 10 % of the bare ``tesseract``
command on the same page images; text-layer extraction at most 10 ms a page (pypdfium2).

    .venv/bin/python bench/ocr_throughput.py --pages 4 --workers 2 --text-pages 500

Generates everything (no real case file): ``--pages`` A4 pages of 40 lines of Vietnamese set
in DejaVu Serif, rendered at 300 dpi in grayscale (2480 x 3508, as in quality.md), read

- by ``thads.documents.ocr.ocr_image`` (the pipeline's OCR: PNG through stdin, TSV words,
  orientation check only when the reading is poor), one process, and right after (or before,
  alternating) by ``tesseract page.png stdout -l vie --dpi 300`` with ``OMP_THREAD_LIMIT=1``,
  ``--rounds`` times, so both see the same load;
- by ``pages.extract_page`` on a scanned PDF of the same pages (rendering included), and the
  same over ``--workers`` processes (pages/min for the whole machine);

then a ``--text-pages`` text PDF through ``pages.extract_page`` (opens the file and the page,
as a task does) and through ``text.extract_text_layer`` on an open document. The last line
printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.base")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - Độc lập - Tự do - Hạnh phúc",
    "QUYẾT ĐỊNH THI HÀNH ÁN THEO YÊU CẦU của Chi cục Thi hành án dân sự",
    "Căn cứ Điều 23, Điều 35 và Điều 36 Luật Thi hành án dân sự năm 2008,",
    "đã được sửa đổi, bổ sung năm 2014; Bản án số 12/2025/DS-ST ngày 15 tháng 3",
    "của Tòa án nhân dân thành phố Thủ Đức; Đơn yêu cầu thi hành án ngày 02/4/2025",
    "của bà Nguyễn Thị Hồng Nhung, sinh năm 1982, địa chỉ: số 18 đường Lê Lợi,",
    "Người phải thi hành án: ông Trần Văn Đức, sinh năm 1978, phải trả số tiền",
    "là 125.500.000 đồng (một trăm hai mươi lăm triệu năm trăm nghìn đồng) và",
    "chịu án phí dân sự sơ thẩm là 6.275.000 đồng nộp tại cơ quan thi hành án.",
    "Chấp hành viên có trách nhiệm tổ chức thi hành quyết định này theo luật định.",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4, help="OCR pages (each read 3 ways)")
    parser.add_argument("--rounds", type=int, default=2, help="times each page is read")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pool run")
    parser.add_argument("--text-pages", type=int, default=500, help="pages of the text PDF")
    return parser.parse_args()


def make_pdf(path: Path, pages: int, lines_per_page: int = 40) -> Path:
    """A text PDF: ``pages`` A4 pages of ``lines_per_page`` Vietnamese lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(pages):
        pdf.setFont("DejaVuSerif", 10.5)
        for index in range(lines_per_page):
            line = LINES[(index + page) % len(LINES)]
            pdf.drawString(50, 800 - index * 19, line)
        pdf.showPage()
    pdf.save()
    return path


def render_pages(pdf_path: Path, out: Path) -> list[Path]:
    """Each page at 300 dpi, grayscale, as PNG files; returns their paths."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(pdf_path))
    paths = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=300 / 72, grayscale=True).to_pil()
            page.close()
            path = out / f"page-{index + 1}.png"
            image.save(path, dpi=(300, 300))
            paths.append(path)
    finally:
        pdf.close()
    return paths


def scanned_pdf(images: list[Path], path: Path) -> Path:
    """A PDF with no text layer: the page images, one per page."""
    from PIL import Image

    frames = [Image.open(p) for p in images]
    frames[0].save(path, format="PDF", save_all=True, append_images=frames[1:], resolution=300)
    return path


def time_ocr_pairs(images: list[Path], rounds: int) -> tuple[list[float], list[float], list[str]]:
    """Each page read by the pipeline and by bare tesseract, back to back, order alternating,
    so both share whatever else the machine is doing at that moment."""
    from PIL import Image

    from thads.documents import ocr

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    pipeline: list[float] = []
    bare: list[float] = []
    texts: list[str] = []

    def run_pipeline(path: Path) -> None:
        image = Image.open(path)
        image.load()
        started = time.perf_counter()
        result = ocr.ocr_image(image, dpi=300)
        pipeline.append(time.perf_counter() - started)
        texts.append(result.text)

    def run_bare(path: Path) -> None:
        started = time.perf_counter()
        subprocess.run(
            ["tesseract", str(path), "stdout", "-l", "vie", "--dpi", "300"],
            check=True,
            capture_output=True,
            env=env,
        )
        bare.append(time.perf_counter() - started)

    for round_number in range(rounds):
        for index, path in enumerate(images):
            if (index + round_number) % 2:
                run_bare(path)
                run_pipeline(path)
            else:
                run_pipeline(path)
                run_bare(path)
    return pipeline, bare, texts


def _extract(args: tuple[str, int]) -> float:
    import django

    django.setup()
    from thads.documents.pages import extract_page

    path, number = args
    started = time.perf_counter()
    extract_page(Path(path), kind="pdf", number=number)
    return time.perf_counter() - started


def time_text_layer(pdf_path: Path) -> dict[str, float]:
    import pypdfium2

    from thads.documents.pages import extract_page
    from thads.documents.text import extract_text_layer

    pdf = pypdfium2.PdfDocument(str(pdf_path))
    count = len(pdf)
    started = time.perf_counter()
    chars = 0
    for index in range(count):
        page = pdf[index]
        layer = extract_text_layer(page, dpi=300)
        chars += len(layer.text)
        page.close()
    open_doc = (time.perf_counter() - started) / count * 1000
    pdf.close()
    started = time.perf_counter()
    for number in range(1, count + 1):
        result = extract_page(pdf_path, kind="pdf", number=number)
        if result.source != "text_layer":
            raise SystemExit(f"page {number} was not read from its text layer")
    per_task = (time.perf_counter() - started) / count * 1000
    return {
        "text_pages": count,
        "text_chars_per_page": round(chars / count),
        "text_layer_ms_per_page_open_document": round(open_doc, 2),
        "text_layer_ms_per_page_extract_page": round(per_task, 2),
    }


def main() -> int:
    args = parse_args()
    import django

    django.setup()
    from thads.documents.ocr import tesseract_version

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        source = make_pdf(out / "source.pdf", args.pages)
        images = render_pages(source, out)
        scan = scanned_pdf(images, out / "scan.pdf")

        # Warm up once (page cache, model file) so neither path pays the first load.
        time_ocr_pairs(images[:1], 1)
        pipeline, bare, texts = time_ocr_pairs(images, args.rounds)
        extract = [_extract((str(scan), n)) for n in range(1, len(images) + 1)]
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(_extract, [(str(scan), n) for n in range(1, len(images) + 1)]))
        pool_seconds = time.perf_counter() - started

        text_pdf = make_pdf(out / "text.pdf", args.text_pages)
        text_figures = time_text_layer(text_pdf)

    found = sum("Luật Thi hành án dân sự" in text for text in texts[: len(images)])
    pipeline_s = statistics.median(pipeline)
    bare_s = statistics.median(bare)
    figures = {
        "tesseract": tesseract_version(),
        "cpu_count": os.cpu_count(),
        "ocr_pages": len(images),
        "page_pixels": "2480x3508",
        "pipeline_ocr_s_per_page": round(pipeline_s, 3),
        "bare_tesseract_s_per_page": round(bare_s, 3),
        "pipeline_vs_bare": round(pipeline_s / bare_s, 3),
        "pipeline_vs_bare_pairwise_median": round(
            statistics.median(p / b for p, b in zip(pipeline, bare, strict=True)), 3
        ),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "pipeline_pages_per_min_per_worker": round(60 / pipeline_s, 1),
        "bare_pages_per_min_per_worker": round(60 / bare_s, 1),
        "extract_page_scan_s_per_page": round(statistics.median(extract), 3),
        "workers": args.workers,
        "extract_page_pages_per_min_all_workers": round(60 * len(images) / pool_seconds, 1),
        "heading_found_on_pages": found,
        **text_figures,
        "targets": {
            "pipeline_vs_bare_max": 1.10,
            "ocr_pages_per_min_per_core_min": 25,
            "text_layer_ms_per_page_max": 10,
        },
    }
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
