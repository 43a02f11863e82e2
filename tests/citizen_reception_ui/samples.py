"""A scanned paper petition for the counter-intake tests: drawn with PIL (a font that prints
Vietnamese), saved as a PNG or a one-page PDF, with the values the prefill must read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
FONTS = {
    "regular": ("LiberationSerif-Regular.ttf", "NotoSerif-Regular.ttf", "DejaVuSerif.ttf"),
    "bold": ("LiberationSerif-Bold.ttf", "NotoSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
}
DPI = 200
PAGE = (1654, 2339)  # A4 at 200 dpi


@dataclass(frozen=True)
class SamplePetition:
    path: Path
    kind: str
    title: str
    name: str
    id_number: str
    birth_year: int
    address: str
    phone: str
    day: dt.date
    respondent: str
    content_start: str


def _font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    for name in FONTS[kind]:
        for folder in FONT_DIRS:
            if (folder / name).exists():
                return ImageFont.truetype(str(folder / name), size)
    raise RuntimeError("no TrueType font that prints Vietnamese was found")


def draw_petition(
    folder: Path,
    *,
    kind: str = "complaint",
    fmt: str = "png",
    name: str = "Nguyễn Thị Hồng Nhung",
    id_number: str = "001186012345",
    day: dt.date = dt.date(2026, 11, 20),
) -> SamplePetition:
    """Draw a petition of ``kind`` (complaint, denunciation, enforcement_request) and save it."""
    title, party, respondent_label, respondent, content = {
        "complaint": (
            "ĐƠN KHIẾU NẠI",
            "người khiếu nại",
            "Người bị khiếu nại",
            "Chấp hành viên Trần Văn Bình",
            "Ngày 10/11/2026 Chấp hành viên kê biên nhà của tôi khi chưa hết thời hạn",
        ),
        "denunciation": (
            "ĐƠN TỐ CÁO",
            "người tố cáo",
            "Người bị tố cáo",
            "Ông Lê Văn Cường, cán bộ thi hành án",
            "Ông Cường đã nhận tiền của người phải thi hành án để trì hoãn việc kê biên",
        ),
        "enforcement_request": (
            "ĐƠN YÊU CẦU THI HÀNH ÁN",
            "người yêu cầu",
            "Người phải thi hành án",
            "Phạm Văn Dũng",
            "Đề nghị thi hành khoản tiền 150.000.000 đồng theo bản án",
        ),
    }[kind]
    lines: list[tuple[str, str, int]] = [
        ("c", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 38),
        ("c", "Độc lập - Tự do - Hạnh phúc", 36),
        ("gap", "", 30),
        ("r", f"Hà Nội, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", 34),
        ("gap", "", 30),
        ("c", title, 48),
        ("gap", "", 20),
        ("l", "Kính gửi: Phòng Thi hành án dân sự khu vực 1", 34),
        ("l", f"Họ và tên {party}: {name}", 34),
        ("l", "Năm sinh: 1986", 34),
        ("l", f"Số CCCD: {id_number}", 34),
        ("l", "Địa chỉ: Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội", 34),
        ("l", "Số điện thoại: 0912345678", 34),
        ("l", f"{respondent_label}: {respondent}", 34),
        ("l", "Bản án số: 45/2025/DS-PT ngày 12/3/2025 của Tòa án nhân dân Hà Nội", 34),
        ("l", "Nội dung:", 34),
        ("l", content + ".", 34),
        ("l", "Tôi đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định.", 34),
        ("l", "Tôi xin cam đoan những nội dung trên là đúng sự thật.", 34),
        ("gap", "", 40),
        ("r", "Người làm đơn", 34),
        ("r", name, 34),
    ]
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    y = 160
    for style, text, size in lines:
        if style == "gap":
            y += size
            continue
        font = _font("bold" if style == "c" else "regular", size)
        width = draw.textlength(text, font=font)
        x = {"c": (PAGE[0] - width) / 2, "r": PAGE[0] - 160 - width, "l": 160}[style]
        draw.text((x, y), text, font=font, fill=0)
        y += int(size * 1.8)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"don-{kind}.{fmt}"
    if fmt == "pdf":
        page.save(path, "PDF", resolution=DPI)
    else:
        page.save(path, dpi=(DPI, DPI))
    return SamplePetition(
        path=path,
        kind=kind,
        title=title,
        name=name,
        id_number=id_number,
        birth_year=1986,
        address="Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        phone="0912345678",
        day=day,
        respondent=respondent,
        content_start=content,
    )
