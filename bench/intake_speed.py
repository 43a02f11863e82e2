"""Benchmark of judgment intake: upload to extracted judgment, OCR throughput, scan on workers.

Targets (issue 3): (a) a 500-page text PDF from upload to extracted judgment in at most 15 s;
(b) OCR throughput per worker within 10 % of the bare ``tesseract`` command on the same pages;
(c) the wall time of a 50-page scan read by two real Celery workers.

    .venv/bin/python bench/intake_speed.py [--text-pages 500] [--ocr-pages 4] [--scan-pages 50]
    .venv/bin/python bench/intake_speed.py --ocr-pages 0 --scan-pages 0   # (a) only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thads_bench \\
    REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/intake_speed.py

Creates a throwaway test database (migrations) and a temporary MEDIA_ROOT. Everything is
generated, no real case file:

(a) a synthetic commercial judgment (``decisions.synthetic``) whose first page (header,
    parties) and last pages (dispositive part, fees) frame ``--text-pages`` pages of facts,
    rendered as a text PDF, received through ``decisions.services.judgment_intake`` with the
    tasks in-process (eager): store (checks in the sandboxed child, sha256, immutable copy),
    text layer (one ``document_text_layer_task``: the PDF opened once, pages stored 50 per
    transaction; ``split_text_layer_read_s`` is the pages' own reading time), extraction
    (``decisions.extraction.extract``, rules) and ``judgment_apply_extraction``. The split
    comes from the rows' own timestamps.
(b) ``bench/ocr_throughput.py``'s pages (40 lines of Vietnamese, 300 dpi) read by the
    pipeline's OCR and by bare ``tesseract`` back to back (its ``time_ocr_pairs``).
(c) with ``REDIS_URL``: a ``--scan-pages`` scanned PDF (no text layer) received while two
    ``celery worker --concurrency 1`` processes consume the queues; wall time until the judgment
    is in review. Skipped (null) without Redis.

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings.test")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES_PER_PAGE = 42
WRAP = 95


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-pages", type=int, default=500)
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--ocr-rounds", type=int, default=2)
    parser.add_argument("--scan-pages", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def judgment_pages(total: int, seed: int) -> tuple[list[str], dict]:
    """Page texts of a ``total``-page judgment: the synthetic judgment's first page, facts,
    then its remaining pages (dispositive part); and its gold labels."""
    from ocr_throughput import LINES

    from decisions.synthetic import generate

    synthetic = generate(1, seed=seed, case_types=["KDTM"])[0]
    head, tail = synthetic.pages[0], synthetic.pages[1:]
    fillers = max(0, total - 1 - len(tail))
    facts = []
    for page in range(fillers):
        lines = [f"NỘI DUNG VỤ ÁN (tiếp theo, trang {page + 2})"]
        lines += [LINES[(page + i) % len(LINES)] for i in range(LINES_PER_PAGE - 1)]
        facts.append("\n".join(lines))
    return [head, *facts, *tail], synthetic.labels


def render_pdf(pages: list[str], path: Path) -> Path:
    """A text PDF (reportlab, DejaVu Serif), lines wrapped to the page, one text per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for text in pages:
        pdf.setFont("DejaVuSerif", 10)
        y = 805
        for raw in text.split("\n"):
            for line in textwrap.wrap(raw, WRAP) or [""]:
                if y < 30:
                    break
                pdf.drawString(45, y, line)
                y -= 14
        pdf.showPage()
    pdf.save()
    return path


def office_and_clerk():
    from thads.org.models import Office
    from thads.org.models import Province
    from thads.org.models import User
    from thads.org.services import roles_sync
    from thads.permissions import Role

    roles_sync()
    province = Province.objects.create(
        code=101, codename="tinh_bench", name="Tỉnh Đo", division_type="tỉnh"
    )
    central = Office.objects.create(code="CQL", name="Cục", level=Office.Level.CENTRAL)
    agency = Office.objects.create(
        code="T101",
        name="THADS Tỉnh Đo",
        level=Office.Level.PROVINCIAL,
        province=province,
        parent=central,
    )
    office = Office.objects.create(
        code="T101-KV01",
        name="Phòng THADS KV1",
        level=Office.Level.REGIONAL,
        province=province,
        parent=agency,
    )
    clerk = User.objects.create(
        username="bench-clerk", full_name="Thư ký Đo", office=office, role=Role.CLERK
    )
    return office, clerk


def bench_text_pdf(office, clerk, folder: Path, pages: int, seed: int) -> dict:
    from django.db.models import Sum

    import decisions.extraction as extraction
    from decisions import services
    from decisions.models import Judgment
    from thads.audit.models import AuditEvent

    texts, labels = judgment_pages(pages, seed)
    pdf = render_pdf(texts, folder / "ban-an-500-trang.pdf")

    timings: list[float] = []
    real_extract = extraction.extract

    def timed_extract(page_inputs, *, mode):
        started = time.perf_counter()
        try:
            return real_extract(page_inputs, mode=mode)
        finally:
            timings.append(time.perf_counter() - started)

    extraction.extract = timed_extract
    try:
        started = time.perf_counter()
        judgment = services.judgment_intake(actor=clerk, office=office, file=pdf)
        total = time.perf_counter() - started
    finally:
        extraction.extract = real_extract
    judgment.refresh_from_db()
    document = judgment.document
    received = AuditEvent.objects.get(
        action="decisions.judgment_received", object_id=str(judgment.pk)
    )
    extracted = AuditEvent.objects.filter(
        action="decisions.judgment_extracted", object_id=str(judgment.pk)
    ).first()
    store_s = (received.occurred_at - document.created_at).total_seconds()
    text_s = (document.processed_at - received.occurred_at).total_seconds()
    extraction_s = (
        (extracted.occurred_at - document.processed_at).total_seconds() if extracted else None
    )
    read_ms = document.pages.aggregate(total=Sum("duration_ms"))["total"] or 0
    return {
        "text_pdf_pages": document.page_count,
        "text_pdf_bytes": document.size_bytes,
        "status": judgment.status,
        "number_correct": judgment.number == labels["judgment_number"],
        "parties_found": judgment.parties.count(),
        "upload_to_extracted_s": round(total, 2),
        "split_store_s": round(total - text_s - (extraction_s or 0), 2),
        "split_store_rows_s": round(store_s, 2),
        "split_text_layer_s": round(text_s, 2),
        "split_text_layer_read_s": round(read_ms / 1000, 2),
        "split_extraction_s": round(extraction_s, 2) if extraction_s is not None else None,
        "extract_function_s": round(timings[0], 2) if timings else None,
        "ok": judgment.status == Judgment.Status.REVIEW and total <= 15,
    }


def bench_ocr(pages: int, rounds: int, folder: Path) -> dict:
    from ocr_throughput import make_pdf
    from ocr_throughput import render_pages
    from ocr_throughput import time_ocr_pairs

    source = make_pdf(folder / "ocr-source.pdf", pages)
    images = render_pages(source, folder)
    time_ocr_pairs(images[:1], 1)  # warm-up: page cache, model file
    pipeline, bare, _texts = time_ocr_pairs(images, rounds)
    pipeline_s, bare_s = statistics.median(pipeline), statistics.median(bare)
    return {
        "ocr_pages": len(images),
        "pipeline_pages_per_min_per_worker": round(60 / pipeline_s, 1),
        "bare_tesseract_pages_per_min": round(60 / bare_s, 1),
        "pipeline_vs_bare": round(pipeline_s / bare_s, 3),
        "ocr_ok": pipeline_s / bare_s <= 1.10,
    }


def _database_url() -> str | None:
    from django.db import connection

    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        return None
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def bench_scan_workers(
    office, clerk, folder: Path, pages: int, workers: int, media: Path
) -> dict | None:
    from django.conf import settings
    from ocr_throughput import make_pdf
    from ocr_throughput import render_pages
    from ocr_throughput import scanned_pdf

    from decisions import services
    from decisions.models import Judgment
    from thads.celery import app

    database_url = _database_url()
    if not os.environ.get("REDIS_URL") or database_url is None:
        return None
    scan_dir = folder / "scan"
    scan_dir.mkdir()
    images = render_pages(make_pdf(scan_dir / "source.pdf", pages), scan_dir)
    scan = scanned_pdf(images, folder / "ban-an-quet.pdf")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thads.settings.base",
        "THADS_TASKS_EAGER": "false",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PYTHONUNBUFFERED": "1",
    }
    app.control.purge()
    processes = []
    for n in range(workers):
        log = (folder / f"worker-{n}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "thads",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "-Q",
                    "default,ocr,pdf",
                    "-n",
                    f"bench-{n}-{os.getpid()}@%h",
                    "--without-mingle",
                    "--without-gossip",
                    "-l",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    try:
        deadline = time.monotonic() + 60
        while len(app.control.ping(timeout=0.5)) < workers:
            if time.monotonic() > deadline:
                raise SystemExit("the Celery workers did not start")
        previous = app.conf.task_always_eager
        app.conf.task_always_eager = False
        settings.CELERY_TASK_ALWAYS_EAGER = False
        try:
            started = time.perf_counter()
            judgment = services.judgment_intake(actor=clerk, office=office, file=scan)
            stored = time.perf_counter() - started
            while True:
                judgment.refresh_from_db()
                if judgment.status in (Judgment.Status.REVIEW, Judgment.Status.FAILED):
                    break
                if time.perf_counter() - started > 1800:
                    break
                time.sleep(0.5)
            wall = time.perf_counter() - started
        finally:
            app.conf.task_always_eager = previous
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    return {
        "scan_pages": pages,
        "scan_workers": workers,
        "scan_store_s": round(stored, 2),
        "scan_wall_s": round(wall, 1),
        "scan_s_per_page": round(wall / pages, 2),
        "scan_status": judgment.status,
    }


def main() -> int:
    args = parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases
    from django.test.utils import setup_test_environment
    from django.test.utils import teardown_databases
    from django.test.utils import teardown_test_environment

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    folder = Path(tempfile.mkdtemp(prefix="intake-bench-"))
    media = folder / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    try:
        office, clerk = office_and_clerk()
        text = bench_text_pdf(office, clerk, folder, args.text_pages, args.seed)
        print(f"(a) {args.text_pages}-page text PDF: {text}", flush=True)
        ocr = bench_ocr(args.ocr_pages, args.ocr_rounds, folder) if args.ocr_pages else {}
        print(f"(b) OCR: {ocr}", flush=True)
        scan = None
        if args.scan_pages:
            scan = bench_scan_workers(office, clerk, folder, args.scan_pages, args.workers, media)
        print(f"(c) scan on workers: {scan}", flush=True)
        figures = {
            **text,
            **ocr,
            "scan": scan,
            "cpu_count": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "targets": {"upload_to_extracted_s_max": 15, "pipeline_vs_bare_max": 1.10},
        }
        print(json.dumps(figures, ensure_ascii=False))
    finally:
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
