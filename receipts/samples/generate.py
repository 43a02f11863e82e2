"""Generator of sample payment documents (PIL) with their gold labels.

Each sample is drawn as text on a page image (a sans font that prints Vietnamese), then saved
either as a scanned PDF or as a degraded photo: paper on a grey table, slightly turned,
uneven light, blur, sensor noise and JPEG compression. The labels say what the prefill must
read: ``payer``, ``amount_vnd``, ``date`` (ISO), ``bank_reference``, ``account_number``,
``bank_name``, ``content``, ``case_reference`` and ``doc_type``; a field a layout does not
carry is the empty string (and is not scored).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import asdict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PIL import ImageDraw
from PIL import ImageFilter
from PIL import ImageFont

from thads.money import vnd_in_words

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
FONT_FILES = {
    "regular": ("LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    "bold": ("LiberationSans-Bold.ttf", "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}
DPI = 200
PAGE = (1240, 1120)  # a slip on A5-wide paper at ~200 dpi

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Lan", "Long", "Mai", "Nam", "Tâm"]
COMPANIES = [
    "CÔNG TY TNHH THƯƠNG MẠI HÒA PHÁT",
    "CÔNG TY CỔ PHẦN XÂY DỰNG MINH AN",
    "CÔNG TY TNHH DỊCH VỤ VẬN TẢI BẮC NAM",
]
BANKS = {
    "vcb": "Ngân hàng TMCP Ngoại thương Việt Nam",
    "bidv": "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
    "agribank": "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
    "vietinbank": "Ngân hàng TMCP Công thương Việt Nam",
}
OFFICE = "Phòng Thi hành án dân sự khu vực 1"
LAYOUTS = ("vcb", "bidv", "agribank", "vietinbank", "cash")


@dataclass(frozen=True)
class SampleLabels:
    file: str
    layout: str
    doc_type: str
    degraded: bool
    payer: str
    amount_vnd: int
    date: str
    bank_reference: str
    account_number: str
    bank_name: str
    content: str
    case_reference: str


def _font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    for name in FONT_FILES[kind]:
        for folder in FONT_DIRS:
            if (folder / name).exists():
                return ImageFont.truetype(str(folder / name), size)
    raise RuntimeError("no TrueType font that prints Vietnamese was found")


def _ascii_upper(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()


def _group(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _draw(lines: list[tuple[str, str, int]], rng: random.Random) -> Image.Image:
    """Lines of (kind, text, size) top-down on a white page; kind "c" centres a bold line."""
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    y = 90
    left = 90 + rng.randint(-10, 10)
    for kind, text, size in lines:
        if kind == "gap":
            y += size
            continue
        font = _font("bold" if kind in ("c", "b") else "regular", size)
        if kind == "c":
            width = draw.textlength(text, font=font)
            draw.text(((PAGE[0] - width) / 2, y), text, font=font, fill=0)
        elif kind == "hr":
            draw.line((left, y + size // 2, PAGE[0] - left, y + size // 2), fill=80, width=2)
        else:
            draw.text((left, y), text, font=font, fill=20)
        y += int(size * 1.75)
    return page


def _degrade(
    page: Image.Image, rng: random.Random, *, hard: bool = False, scale: float = 0.7
) -> Image.Image:
    """A phone photo of the page: table margin, small turn, light gradient, blur, noise;
    ``hard``: a smaller (``scale``), blurrier, noisier shot."""
    table = Image.new("L", (PAGE[0] + 160, PAGE[1] + 160), rng.randint(90, 140))
    table.paste(page, (80 + rng.randint(-20, 20), 80 + rng.randint(-20, 20)))
    photo = table.rotate(rng.uniform(-1.6, 1.6), resample=Image.Resampling.BICUBIC, fillcolor=110)
    gradient = Image.linear_gradient("L").resize(photo.size).rotate(rng.choice([0, 90, 180, 270]))
    photo = Image.blend(photo, Image.eval(gradient, lambda v: 255 - v // 5), 0.18)
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))
    noise = Image.effect_noise(photo.size, rng.uniform(8, 16))
    photo = Image.blend(photo, noise, 0.08)
    if hard:
        photo = photo.filter(ImageFilter.GaussianBlur(0.9))
        photo = photo.resize((int(photo.width * scale), int(photo.height * scale)))
        photo = Image.blend(photo, Image.effect_noise(photo.size, 24), 0.12)
    return photo


def _sample(rng: random.Random, layout: str, index: int) -> tuple[Image.Image, dict]:
    amount = rng.choice([1, 2, 3, 5, 8, 12, 25, 40, 75, 150]) * 1_000_000 + rng.choice(
        [0, 0, 250_000, 500_000, 125_000, 35_000]
    )
    day = dt.date(2026, rng.randint(7, 11), rng.randint(1, 28))
    case_ref = f"{rng.randint(1, 900)}/2026"
    words = vnd_in_words(amount)
    words = words[:1].upper() + words[1:]
    person = _person(rng)
    account = "".join(rng.choice("0123456789") for _ in range(rng.choice([10, 13, 14])))
    labels = {
        "payer": person,
        "amount_vnd": amount,
        "date": day.isoformat(),
        "bank_reference": "",
        "account_number": account,
        "bank_name": BANKS.get(layout, ""),
        "content": "",
        "case_reference": case_ref,
        "doc_type": "transfer_slip",
    }
    d = day.strftime("%d/%m/%Y")
    if layout == "vcb":
        ref = f"{rng.randint(1000, 9999)}.{rng.randint(100000, 999999)}"
        content = f"NOP TIEN THI HANH AN HO SO {case_ref} {_ascii_upper(person)}"
        payer = _ascii_upper(person)
        lines = [
            ("c", BANKS["vcb"].upper(), 30),
            ("c", "BIÊN LAI CHUYỂN TIỀN", 40),
            ("gap", "", 30),
            ("t", f"Ngày giao dịch: {d} {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}", 30),
            ("t", f"Số tham chiếu: {ref}", 30),
            ("t", f"Tài khoản nguồn: {account}", 30),
            ("t", f"Tên người chuyển: {payer}", 30),
            ("t", "Tài khoản nhận: 1017394258", 30),
            ("t", f"Tên người nhận: {_ascii_upper(OFFICE)}", 26),
            ("t", f"Số tiền: {_group(amount, ',')} VND", 30),
            ("t", f"Số tiền bằng chữ: {words}", 26),
            ("t", f"Nội dung: {content}", 26),
            ("gap", "", 40),
            ("t", "Cảm ơn Quý khách đã sử dụng dịch vụ.", 24),
        ]
        labels.update(payer=payer, bank_reference=ref.replace(".", ""), content=content)
    elif layout == "bidv":
        company = rng.random() < 0.5
        payer = rng.choice(COMPANIES) if company else person
        number = f"{rng.randint(1, 99999):06d}"
        content = f"Nộp tiền thi hành án theo hồ sơ số {case_ref}"
        lines = [
            ("c", "ỦY NHIỆM CHI", 44),
            ("t", f"Số: {number}    Lập ngày: {d}", 30),
            ("hr", "", 20),
            ("t", f"Tên đơn vị trả tiền: {payer}", 28),
            ("t", f"Số tài khoản: {account}", 30),
            ("t", f"Tại ngân hàng: {BANKS['bidv']}", 26),
            ("hr", "", 20),
            ("t", f"Tên đơn vị nhận tiền: {OFFICE}", 28),
            ("t", "Tài khoản nhận: 3711.2.1045678", 28),
            ("t", "Tại: Kho bạc Nhà nước khu vực I", 28),
            ("hr", "", 20),
            ("t", f"Số tiền bằng số: {_group(amount, '.')}", 30),
            ("t", f"Số tiền bằng chữ: {words}", 26),
            ("t", f"Nội dung thanh toán: {content}", 26),
            ("gap", "", 30),
            ("t", "Đơn vị trả tiền          Ngân hàng A          Ngân hàng B", 24),
        ]
        labels.update(payer=payer, bank_reference=number, content=content, doc_type="payment_order")
    elif layout == "agribank":
        ref = f"{rng.randint(1000, 9999)}LDT{rng.randint(10000000, 99999999)}"
        content = f"THA HS {case_ref} {_ascii_upper(person)} NOP TIEN"
        lines = [
            ("c", BANKS["agribank"].upper(), 24),
            ("c", "GIẤY BÁO CÓ", 40),
            ("t", f"Ngày: {d}", 30),
            ("t", f"Mã giao dịch: {ref}", 30),
            ("gap", "", 20),
            ("t", f"Người chuyển tiền: {person}", 30),
            ("t", f"Tài khoản người chuyển: {account}", 30),
            ("t", f"Ngân hàng chuyển: {BANKS['agribank']}", 24),
            ("t", f"Đơn vị hưởng: {OFFICE}", 28),
            ("t", f"Số tiền: {_group(amount, '.')} đ", 30),
            ("t", f"Bằng chữ: {words}", 26),
            ("t", f"Diễn giải: {content}", 26),
        ]
        labels.update(bank_reference=ref, content=content)
    elif layout == "vietinbank":
        ref = f"{rng.randint(100000000, 999999999)}"
        content = f"{_ascii_upper(person)} CHUYEN TIEN THA HO SO {case_ref}"
        lines = [
            ("c", "XÁC NHẬN GIAO DỊCH CHUYỂN KHOẢN", 32),
            ("c", BANKS["vietinbank"], 26),
            ("gap", "", 30),
            (
                "t",
                f"Thời gian giao dịch: {d} {rng.randint(7, 20):02d}:{rng.randint(0, 59):02d}",
                28,
            ),
            ("t", f"Số giao dịch: {ref}", 30),
            ("t", f"Từ tài khoản: {account}", 30),
            ("t", f"Người chuyển: {person}", 30),
            ("t", "Đến tài khoản: 1140 2639 8812", 28),
            ("t", f"Số tiền giao dịch: {_group(amount, ',')} VND", 30),
            ("t", f"Số tiền bằng chữ: {words}", 26),
            ("t", f"Nội dung: {content}", 26),
        ]
        labels.update(bank_reference=ref, content=content)
    else:
        content = f"Nộp tiền thi hành án hồ sơ số {case_ref}"
        lines = [
            ("c", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 28),
            ("c", "Độc lập - Tự do - Hạnh phúc", 26),
            ("gap", "", 20),
            ("c", "BIÊN BẢN GIAO NHẬN TIỀN", 40),
            (
                "t",
                f"Hôm nay, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}, tại trụ sở",
                28,
            ),
            ("t", f"{OFFICE}, chúng tôi gồm:", 28),
            ("t", f"Bên giao: Ông/Bà {person}", 30),
            ("t", f"Số CCCD: 0{rng.randint(10**10, 10**11 - 1)}", 28),
            ("t", "Bên nhận: Chấp hành viên Lê Văn Nhận", 28),
            ("t", f"Số tiền: {_group(amount, '.')} đồng", 30),
            ("t", f"Bằng chữ: {words}", 26),
            ("t", f"Nội dung: {content}", 26),
            ("gap", "", 30),
            ("t", "BÊN GIAO                              BÊN NHẬN", 26),
        ]
        labels.update(account_number="", bank_name="", content=content, doc_type="cash_record")
    del index
    return _draw(lines, rng), labels


def make_samples(
    folder: Path, count: int = 30, seed: int = 2026, *, stress: bool = False
) -> list[SampleLabels]:
    """Write ``count`` samples into ``folder`` (layouts in turn; every third a scanned PDF, the
    others degraded JPEG photos, every fourth of those a hard one) and ``labels.json``; return
    the labels. ``stress``: every sample a hard photo shrunk to about 100 dpi, JPEG quality 30
    (a distant, blurred phone shot), to see where the reading breaks."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not a secret
    result: list[SampleLabels] = []
    for index in range(count):
        layout = LAYOUTS[index % len(LAYOUTS)]
        page, labels = _sample(rng, layout, index)
        as_pdf = index % 3 == 2 and not stress
        if as_pdf:
            name = f"sample-{index + 1:02d}-{layout}.pdf"
            page.save(folder / name, format="PDF", resolution=DPI)
        else:
            name = f"sample-{index + 1:02d}-{layout}.jpg"
            hard = stress or index % 4 == 3
            scale = 0.5 if stress else 0.7
            dpi = int(DPI * scale) if hard else DPI
            quality = 30 if stress else 40 if hard else 60
            _degrade(page, rng, hard=hard, scale=scale).save(
                folder / name, format="JPEG", quality=quality, dpi=(dpi, dpi)
            )
        result.append(SampleLabels(file=name, layout=layout, degraded=not as_pdf, **labels))
    (folder / "labels.json").write_text(
        json.dumps([asdict(s) for s in result], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return result
