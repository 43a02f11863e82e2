"""``manage.py extract_judgment`` and the file readers it uses (decisions.extraction.sources)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from decisions.extraction.sources import SourceError
from decisions.extraction.sources import cached_pages
from decisions.extraction.sources import pages_from_path
from decisions.extraction.sources import pages_from_text
from decisions.types import PageInput
from tests.extraction import snippets
from tests.samples.generate import SCAN_LINES
from tests.samples.generate import scan_png
from tests.samples.generate import scan_tiff

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LABEL_KEYS = [
    "court",
    "judgment_number",
    "date",
    "case_type",
    "parties",
    "obligations",
    "court_fees",
]


def judgment_pdf(path: Path) -> Path:
    """The civil snippet as a two-page PDF with a text layer (reportlab, DejaVu Serif 9 pt)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for page in (snippets.CIVIL_PAGE_1, snippets.CIVIL_PAGE_2):
        pdf.setFont("DejaVuSerif", 9)
        for index, line in enumerate(page.splitlines()):
            pdf.drawString(40, 800 - index * 14, line)
        pdf.showPage()
    pdf.save()
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("extract_judgment", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_pages_from_text_markers() -> None:
    pages = pages_from_text("<Page:1>Trang một\n<Page:2>Trang hai")
    assert pages == [PageInput(1, "Trang một\n"), PageInput(2, "Trang hai")]
    assert pages_from_text("Không có dấu trang") == [PageInput(1, "Không có dấu trang")]


def test_json_from_a_text_pdf(tmp_path: Path) -> None:
    out, err = run(str(judgment_pdf(tmp_path / "ban-an.pdf")), "--json", "--mode", "rules")
    assert err == ""
    data = json.loads(out)  # exactly one JSON object
    assert list(data)[:7] == LABEL_KEYS
    assert set(data) == {*LABEL_KEYS, "mode", "confidence", "spans", "warnings", "cross_checks"}
    assert data["judgment_number"] == "76/2025/DS-ST"
    assert data["date"] == "2025-03-12"
    assert data["court"] == "Tòa án nhân dân huyện Đông Anh, Thành phố Hà Nội"
    assert [(p["role"], p["name"]) for p in data["parties"]] == [
        ("plaintiff", "Phùng Thị Lựu"),
        ("defendant", "Kiều Văn Tám"),
        ("related_party", "Mạc Thị Hoa"),
    ]
    assert data["court_fees"] == [{"payer": "Kiều Văn Tám", "amount_vnd": 7_500_000}]
    assert [o["amount_vnd"] for o in data["obligations"]] == [150_000_000, 20_000_000]
    assert data["mode"] == "rules"
    # a text layer: pattern strength x 0.98
    assert data["confidence"]["judgment_number"] == 0.931
    assert data["spans"]["judgment_number"]["page"] == 1
    assert data["spans"]["court_fees"][0]["amount_vnd"]["page"] == 2
    assert data["cross_checks"] == []


def test_summary_from_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "ban-an.txt"
    path.write_text(f"<Page:1>{snippets.CRIMINAL}", encoding="utf-8")
    out, _err = run(str(path), "--mode", "rules")
    assert "Số: 08/2024/HS-PT" in out
    assert "Ngày: 05/04/2024" in out
    assert "  - Bị cáo: Hà Văn Quý (sinh năm 1995; địa chỉ: thôn Nà Làng" in out
    assert "  - Hà Văn Quý → Nhà nước: phạt tiền, 5.000.000 đồng" in out
    assert "  - Hà Văn Quý: 200.000 đồng" in out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("khong-co.pdf", "Không tìm thấy tệp hoặc thư mục: "),
        ("ban-an.docx", "Định dạng tệp không được hỗ trợ (.docx)"),
        ("hong.pdf", "Không đọc được tệp PDF: hong.pdf"),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(
    tmp_path: Path, name: str, message: str
) -> None:
    path = tmp_path / name
    if name != "khong-co.pdf":
        path.write_bytes(b"khong phai tep that")
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract_judgment", str(path), "--json", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert message in err.getvalue()


def test_images_and_folders_are_ocred(tmp_path: Path) -> None:
    png = scan_png(tmp_path / "trang-1.png")
    pages = pages_from_path(png)
    assert len(pages) == 1
    assert SCAN_LINES[0] in pages[0].text
    assert pages[0].mean_confidence > 60
    folder = tmp_path / "trang"
    folder.mkdir()
    scan_tiff(folder / "b.tif", frames=2)
    (folder / "a.txt").write_text("Trang đầu", encoding="utf-8")
    (folder / "ghi-chu.md").write_text("bỏ qua", encoding="utf-8")
    pages = pages_from_path(folder)
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[0].text == "Trang đầu"
    assert all(SCAN_LINES[0] in p.text for p in pages[1:])
    with pytest.raises(SourceError, match="Thư mục không có ảnh trang nào"):
        pages_from_path(_empty_folder(tmp_path))


def _empty_folder(tmp_path: Path) -> Path:
    empty = tmp_path / "rong"
    empty.mkdir()
    (empty / "ghi-chu.md").write_text("không phải trang", encoding="utf-8")
    return empty


def test_cached_pages_reads_once(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("<Page:1>một<Page:2>hai", encoding="utf-8")
    calls = []

    def reader(path: Path) -> list[PageInput]:
        calls.append(path)
        return pages_from_path(path)

    first = cached_pages(source, tmp_path / "cache", reader=reader)
    second = cached_pages(source, tmp_path / "cache", reader=reader)
    assert first == second == [PageInput(1, "một"), PageInput(2, "hai")]
    assert calls == [source]
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
