"""Deterministic parser of a Vietnamese court judgment or decision (domain.md §3.3).

Reads the standard structure: the two-column header (court | national motto), the number
(``311/2025/HS-ST``, ``1161/2025/QĐST-DS``, ``5835 /2025/QĐ-SCBSQĐ``) and date, the parties
with their roles, and the dispositive part ("QUYẾT ĐỊNH:" / "XỬ:"), the only part that yields
obligations and court fees. Patterns are matched on the folded text (``text.Document``), so
OCR damage to diacritics does not hide a keyword and every value keeps the span of what the
page prints.

Confidence of a field = strength of the pattern that found it (how specific the pattern is, how
well the value validates) x the OCR confidence of its page (1.0 for typed text, 0.98 for a
PDF text layer, mean word confidence / 100 for OCR). Names of debtors, creditors and payers are
normalised to the names of the parties (the State is ``STATE``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

from decisions.extraction.numwords import Amount
from decisions.extraction.numwords import find_amounts
from decisions.extraction.text import Document
from decisions.extraction.text import clean_spaces
from decisions.extraction.text import fold
from decisions.extraction.text import modern_tones
from decisions.extraction.text import unify_dashes
from decisions.types import STATE
from decisions.types import ExtractedFee
from decisions.types import ExtractedJudgment
from decisions.types import ExtractedObligation
from decisions.types import ExtractedParty
from decisions.types import Field
from decisions.types import PageInput

# --------------------------------------------------------------------------------------------
# Case-type codes and judgment numbers
# --------------------------------------------------------------------------------------------

#: Case-type code as printed -> ASCII code of labels.json.
CASE_CODES = {"DS": "DS", "HNGĐ": "HNGD", "KDTM": "KDTM", "LĐ": "LD", "HC": "HC", "HS": "HS"}
_CODE_FIX = {"HNGD": "HNGĐ", "LD": "LĐ", "QD": "QĐ", "GDT": "GĐT", "QDST": "QĐST", "QDPT": "QĐPT"}
_STAGES = "ST|PT|GĐT|TT"
_KINDS = "DS|HNGĐ|KDTM|LĐ|HC|HS"
#: A judgment number's code after repair: "HS-ST", "QĐST-DS", "QĐ-SCBSQĐ", "QĐPT-HNGĐ"...
NUMBER_CODE = re.compile(
    rf"^(?:(?:{_KINDS})-(?:{_STAGES})|(?:QĐ|BA)?(?:{_STAGES})-(?:{_KINDS})|QĐ-[A-ZĐ]{{2,10}})$"
)
_NUMBER = re.compile(
    r"(?<![\d/])(\d{1,6})\s*/\s*((?:19|20)\d{2})\s*/\s*"
    r"([A-ZĐÐ]{1,6}(?:[ ]?[A-ZĐÐ]{1,6})?(?:\s*-\s*[A-ZĐÐ]{1,9})?)(?![^\W\d_])"
)
#: Keywords of the title or the dispute when the number carries no case type (folded).
_TYPE_KEYWORDS = (
    ("hon nhan", "HNGD"),
    ("kinh doanh thuong mai", "KDTM"),
    ("lao dong", "LD"),
    ("hanh chinh", "HC"),
    ("hinh su", "HS"),
    ("dan su", "DS"),
)


def normalise_code(raw: str) -> str:
    """ "QĐÐST-DS" -> "QĐST-DS", "Q ST-KDTM" -> "QĐST-KDTM", "hs - st" -> "HS-ST"."""
    code = raw.upper().replace("Ð", "Đ")
    code = re.sub(r"Đ{2,}", "Đ", code)
    code = re.sub(r"\s*-\s*", "-", code).strip("- ")
    code = re.sub(r"^Q\s+(ST|PT)", r"QĐ\1", code)  # OCR lost the "Đ" of "QĐST"
    code = code.replace(" ", "")
    parts = [_CODE_FIX.get(part, part) for part in code.split("-")]
    code = "-".join(parts).replace("QD", "QĐ").replace("GDT", "GĐT")
    code = re.sub(r"^QD(?=ST|PT|GĐT|TT)", "QĐ", code)
    return code


def code_case_type(code: str) -> str | None:
    for part in code.split("-"):
        if part in CASE_CODES:
            return CASE_CODES[part]
    return None


@dataclass
class _Number:
    value: str
    code: str
    year: int
    start: int
    end: int
    valid: bool


def _numbers(doc: Document, start: int, end: int) -> list[_Number]:
    found = []
    for match in _NUMBER.finditer(doc.text, start, end):
        code = normalise_code(match.group(3))
        found.append(
            _Number(
                value=f"{match.group(1)}/{match.group(2)}/{code}",
                code=code,
                year=int(match.group(2)),
                start=match.start(),
                end=match.end(),
                valid=bool(NUMBER_CODE.match(code)),
            )
        )
    return found


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------

_HEADER_END = re.compile(
    r"nhan danh|can cu\b|thanh phan|xet thay|noi dung|nhan thay|\bvi cac le|trong ngay|^\s*ngay \d"
    r"|tai tru so|quyet\s+dinh\s*:|(?:nguyen\s+don|bi\s+don|nguoi\s+yeu\s+cau)[^:\n]{0,40}:",
    re.MULTILINE,
)
_BODY_HEADINGS = re.compile(
    r"noi dung vu an|noi dung viec|nhan thay\s*:|xet thay\s*:|nhan dinh cua toa|"
    r"theo (?:don|cac tai lieu)",
)
_DISPOSITIVE = re.compile(
    r"(?:^|\n)[^\n]{0,12}?(quyet\s+dinh|xu)\s*[:;]|(?:^|\n)[ \t]*(quyet\s+dinh|xu)[ \t]*(?=\n)"
)
_DISPOSITIVE_END = re.compile(r"noi nhan\s*:|\bnoi nhan\b")


def _header_end(doc: Document) -> int:
    if not doc.starts:
        return 0
    first_end = doc.page_end(doc.numbers[0])
    match = _HEADER_END.search(doc.folded, 0, first_end)
    end = match.start() if match else min(first_end, 1500)
    return min(end, 2500)


_REASONS_END = re.compile(r"\bvi\s+cac\s+le\s+tren\s*,?")
_SETTLEMENT_ITEM = re.compile(r"\n\s*1\s*[.)]\s*cong\s+nhan\s+su\s+thoa\s+thuan")


def _dispositive(doc: Document) -> tuple[int, int] | None:
    """Start and end of the dispositive part: after the last "QUYẾT ĐỊNH:" (or "XỬ:")
    printed in capitals, up to "Nơi nhận"."""
    best = None
    header_end = _header_end(doc)
    for match in _DISPOSITIVE.finditer(doc.folded, header_end):
        group = 1 if match.group(1) else 2
        original = doc.text[match.start(group) : match.end(group)]
        letters = [c for c in original if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= len(letters) - 1:
            best = match
    if best is None:
        # the heading lost under a stamp: the dispositive follows "Vì các lẽ trên,"
        all_reasons = list(_REASONS_END.finditer(doc.folded, header_end))
        settlement = _SETTLEMENT_ITEM.search(doc.folded, header_end)
        if all_reasons:
            start = all_reasons[-1].end()
        elif settlement:  # a settlement decision: "1. Công nhận sự thỏa thuận ..."
            start = settlement.start()
        else:
            return None
    else:
        start = best.end()
    end_match = _DISPOSITIVE_END.search(doc.folded, start)
    return start, end_match.start() if end_match else len(doc.text)


# --------------------------------------------------------------------------------------------
# Court name
# --------------------------------------------------------------------------------------------

_MOTTO = re.compile(
    r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam|doc\s*lap\s*[-\u2013\u2014.,\s]*tu\s*do"
    r"\s*[-\u2013\u2014.,\s]*hanh\s*phuc"
)
_UNIT_WORDS = (
    ("thanh pho", "thành phố"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("thi xa", "thị xã"),
    ("huyen", "huyện"),
    ("quan", "quận"),
    ("tinh", "tỉnh"),
    ("khu vuc", "khu vực"),
)
_COURT_HEAD = re.compile(r"toa\s*\.?\s*an\s+nhan\s+dan")
_COURT_STOP = re.compile(
    r"(?:ban an|quyet dinh|so\s*[:.)]|\bso\b\s*\S{0,4}\s*:|\d+\s*/\s*(?:19|20)\d\d)"
)


def _title_words(text: str) -> str:
    words = []
    for word in text.split():
        if word.isupper() or word.islower():
            word = word[:1].upper() + word[1:].lower()
        words.append(word)
    return " ".join(words)


def _unit_separators(text: str) -> str:
    """Commas and dashes between administrative units become spaces; a dash inside a unit's
    name stays ("thị xã Chân Mây - Lăng Cô")."""
    text = re.sub(r"[,;]", " ", text)
    out = []
    last = 0
    for match in re.finditer(r"\s*[-\u2013\u2014]+\s*", text):
        out.append(text[last : match.start()])
        after = fold(text[match.end() : match.end() + 12])
        before = text[: match.start()].strip()
        is_unit = any(after.startswith(k) for k, _ in _UNIT_WORDS)
        out.append(" " if is_unit or not before or match.end() >= len(text.rstrip()) else " - ")
        last = match.end()
    out.append(text[last:])
    return clean_spaces("".join(out))


def _format_court(raw: str, doc: Document) -> str:
    """ "TÒA ÁN NHÂN DÂN THÀNH PHÓ THỦ ĐỨC THÀNH PHÓ HÒ CHÍ MINH" ->
    "Tòa án nhân dân thành phố Thủ Đức, Thành phố Hồ Chí Minh"."""
    head_match = _COURT_HEAD.search(fold(raw))
    original = raw[head_match.end() :] if head_match else raw
    text = _unit_separators(original)
    folded = fold(text)
    unit_pattern = "|".join(
        re.escape(k) + (r"(?=\s)" if not k.endswith(".") else "") for k, _ in _UNIT_WORDS
    )
    pieces = []
    for piece in re.finditer(rf"(?:^|\s)({unit_pattern})", folded):
        if pieces and not folded[pieces[-1].end(1) : piece.start(1)].strip(" .,-"):
            continue  # "thành phố Quan Triều": a unit word right after another one is a name
        pieces.append(piece)
    units: list[str] = []
    region = re.match(r"(.*?)\bkhu vuc\s+(\d+)\s*-?\s*(.+)$", folded)
    if region:
        # 2025 regional courts: "Tòa án nhân dân khu vực 2 - Lạng Sơn"
        province = text[region.start(3) :].strip(" .-")
        province = doc.best_spelling(province) or _title_words(province)
        lead = _title_words(text[: region.start(2) - len("khu vuc ")].strip())
        lead = f"{lead} " if lead else ""
        return modern_tones(
            clean_spaces(f"Tòa án nhân dân {lead}khu vực {region.group(2)} - {province}")
        )
    if not pieces:
        name = _title_words(text)
        return modern_tones(f"Tòa án nhân dân {name}".strip())
    prefix = text[: pieces[0].start(1)].strip()
    for index, piece in enumerate(pieces):
        keyword = dict(_UNIT_WORDS)[piece.group(1)]
        name_end = pieces[index + 1].start(1) if index + 1 < len(pieces) else len(text)
        name = text[piece.end(1) : name_end].strip(" .")
        phrase = f"{keyword} {name}"
        spelled = doc.best_spelling(phrase) or f"{keyword} {_title_words(name)}"
        # keyword in lower case, name as voted; the province-level city after a comma is
        # written "Thành phố" (as courts print "..., Thành phố Hồ Chí Minh").
        spelled_words = spelled.split()
        keyword_len = len(keyword.split())
        name_part = " ".join(spelled_words[keyword_len:])
        name_part = _title_words(name_part) if name_part.isupper() else name_part
        lead = keyword
        if index > 0 and keyword == "thành phố":
            lead = "Thành phố"
        units.append(f"{lead} {name_part}".strip())
    court = "Tòa án nhân dân"
    if prefix:
        court += " " + _title_words(prefix)
    court += " " + ", ".join(units)
    return modern_tones(clean_spaces(court))


def _court(doc: Document, header_end: int) -> Field | None:
    head = _COURT_HEAD.search(doc.folded, 0, max(header_end, 200))
    if head is None:
        return None
    # Header lines: strip the motto column, stop at the number / title line.
    segment_end = header_end
    stop = _COURT_STOP.search(doc.folded, head.end(), header_end)
    if stop:
        segment_end = stop.start()
    place_date = re.search(r"[^\n,]*,\s*ngay\s*\d", doc.folded[head.end() : segment_end])
    if place_date:
        segment_end = head.end() + place_date.start()
    segment = doc.text[head.start() : segment_end]
    segment_folded = doc.folded[head.start() : segment_end]
    pieces = []
    last = 0
    for motto in _MOTTO.finditer(segment_folded):
        pieces.append(segment[last : motto.start()])
        last = motto.end()
    pieces.append(segment[last:])
    raw = " ".join(p for p in pieces)
    raw = re.sub(r"[^\w\s.,'’\-\u2013\u2014]|_", " ", raw)
    raw = clean_spaces(raw)
    if len(fold(raw).split()) <= 4:
        # header court without a place: take the court named after "NHÂN DANH ..."
        body = re.search(
            r"nhan danh[^\n]*\n[^\n]*\n\s*(toa\s*\.?\s*an\s+nhan\s+dan[^\n]*)", doc.folded
        )
        if not body:
            return None
        raw = doc.text[body.start(1) : body.end(1)]
        start, end = body.start(1), body.end(1)
    else:
        start, end = head.start(), segment_end
    value = _format_court(raw, doc)
    strength = 0.9 if len(value.split()) >= 6 else 0.6
    return Field(value, round(strength * doc.ocr_confidence(start), 3), doc.span(start, end))


# --------------------------------------------------------------------------------------------
# Date
# --------------------------------------------------------------------------------------------

_DATE = re.compile(
    r"ngay\s*[:.]?\s*(\d{1,2})\s*(?:thang|[-/.])\s*(\d{1,2})\s*(?:nam|[-/.])\s*((?:19|20)\d{2})"
)


def _date(doc: Document, header_end: int, number_end: int | None) -> Field | None:
    search_from = number_end or 0
    match = _DATE.search(doc.folded, search_from, header_end) or _DATE.search(
        doc.folded, 0, header_end
    )
    if match is None:
        return None
    try:
        value = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    strength = 0.95 if "thang" in match.group(0) else 0.9
    return Field(
        value,
        round(strength * doc.ocr_confidence(match.start()), 3),
        doc.span(match.start(), match.end()),
    )


# --------------------------------------------------------------------------------------------
# Parties
# --------------------------------------------------------------------------------------------

#: Role labels (folded), most specific first.
_ROLE_LABELS = (
    (r"n[a-z]{2}yen\s+don\s+dan\s+su", "civil_plaintiff"),
    (r"bi\s+don\s+dan\s+su", "civil_defendant"),
    (r"nguoi\s+co\s+quyen\s+loi\s*,?\s*nghia\s+vu\s+lien\s+quan", "related_party"),
    (
        r"nguoi\s+yeu\s+cau(?:\s+giai\s+quyet\s+viec\s+(?:dan\s+su|hon\s+nhan[^:\n]{0,30}))?",
        "petitioner",
    ),
    (r"nguoi\s+khoi\s+kien", "plaintiff"),
    (r"nguoi\s+bi\s+kien", "defendant"),
    (r"nguoi\s+bi\s+yeu\s+cau", "other"),
    (r"n[a-z]{2}yen\s+don", "plaintiff"),
    (r"bi\s+don", "defendant"),
    (r"(?:doi\s+voi\s+)?(?:cac\s+)?bi\s+cao", "accused"),
    (r"(?:nguoi\s+)?bi\s+hai", "victim"),
)
#: Labels of people who are not parties (their block ends the party's block).
_OTHER_LABELS = (
    r"nguoi\s+dai\s+dien",
    r"dai\s+dien\s+(?:theo|hop\s+phap|cua)",
    r"nguoi\s+bao\s+ve",
    r"nguoi\s+lam\s+chung",
    r"nguoi\s+chung\s+kien",
    r"nguoi\s+phien\s+dich",
    r"nguoi\s+giam\s+dinh",
    r"nguoi\s+giam\s+ho",
    r"nguoi\s+tham\s+gia\s+to\s+tung\s+khac",
    r"tham\s+phan",
    r"thu\s+ky",
    r"kiem\s+sat\s+vien",
)
_LABEL = re.compile(
    r"(?:^|\n|[.;,]\s|\s(?=doi\s+voi\s))[\s\-+•*e=]{0,4}("
    + "|".join(f"(?P<r{i}>{p})" for i, (p, _r) in enumerate(_ROLE_LABELS))
    + "|"
    + "|".join(f"(?P<o{i}>{p})" for i, p in enumerate(_OTHER_LABELS))
    + r")\s*(?:[^\n:]{0,40}?)?:",
)
_HONORIFIC = re.compile(r"^(?:ong|ba|anh|chi|chau|em|cu|co)\s+(?=\S)")
_ORG_HEADS = (
    "cong ty",
    "ngan hang",
    "tong cong ty",
    "hop tac xa",
    "doanh nghiep",
    "chi nhanh",
    "uy ban",
    "co quan",
    "truong dai hoc",
    "truong cao dang",
    "truong trung hoc",
    "truong tieu hoc",
    "truong mam non",
    "benh vien",
    "quy tin dung",
    "tap doan",
    "cuc",
    "chi cuc",
    "so",
    "ban quan ly",
    "to chuc",
)
_ORG_WORDS = {
    "co phan": "Cổ phần",
    "thuong mai": "Thương mại",
    "dau tu": "Đầu tư",
    "dich vu": "Dịch vụ",
    "xay dung": "Xây dựng",
    "trach nhiem huu han": "Trách nhiệm hữu hạn",
    "ngan hang": "Ngân hàng",
    "cong ty": "Công ty",
    "quoc te": "Quốc tế",
    "san xuat": "Sản xuất",
    "xuat nhap khau": "Xuất nhập khẩu",
    "bat dong san": "Bất động sản",
    "thuc pham": "Thực phẩm",
    "cong nghe": "Công nghệ",
    "mot thanh vien": "Một thành viên",
}
_ABBREVIATIONS = {
    "tmcp": "thuong mai co phan",
    "cp": "co phan",
    "tnhh": "trach nhiem huu han",
    "mtv": "mot thanh vien",
    "cty": "cong ty",
    "nh": "ngan hang",
    "tm": "thuong mai",
    "dv": "dich vu",
    "xd": "xay dung",
}
_SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Lương",
    "Đoàn",
    "Trịnh",
    "Cao",
    "Lâm",
    "Mai",
    "Tạ",
    "Hà",
    "Chu",
    "Tô",
    "Lưu",
    "Quách",
    "Triệu",
    "Thái",
    "Văn",
    "Kiều",
    "Đào",
    "Nông",
)
_SURNAME_BY_FOLD = {fold(s): s for s in _SURNAMES}
_ADDRESS_LABEL = re.compile(
    r"(?:noi\s+dang\s+ky\s+(?:ho\s+khau\s+)?thuong\s+tru|dia\s+chi\s+thuong\s+tru|"
    r"noi\s+thuong\s+tru|thuong\s+tru|noi\s+cu\s+tru|dia\s+chi\s+tru\s+so|tru\s+so(?:\s+chinh)?|"
    r"dia\s+chi(?!\s+(?:noi\s+o|lien\s+he))|cu\s+tru\s+tai|tru\s+tai)\s*[:]?\s*"
)
_ID = re.compile(
    r"(?:(?P<cccd>cccd|can\s+cuoc(?:\s+cong\s+dan)?|so\s+dinh\s+danh(?:\s+ca\s+nhan)?|the\s+can\s+cuoc)"
    r"|(?P<cmnd>cmnd|chung\s+minh\s+nhan\s+dan))"
    r"\s*(?:so|s[oô])?\s*[:.]?\s*(?P<num>\d[\d\s.]{7,16}\d)"
)
_BIRTH = re.compile(
    r"(?:sinh\s*(?:nam|ngay)|nam\s+sinh|ngay\s+sinh)\s*[:]?\s*(?:[^;]{0,25}?)((?:19|20)\d{2})(?!\d)"
)
_BIRTH_LOOSE = re.compile(r"sinh\s*(?:nam|ngay)?\s*[:]?\s*\n?\s*((?:19|20)\d{2})(?!\d)")


@dataclass
class _Party:
    role: str
    name: str
    name_span: tuple[int, int]
    strength: float
    birth_year: tuple[int, int, int] | None = None  # value, start, end
    id_number: tuple[str, int, int, float] | None = None
    address: tuple[str, int, int] | None = None
    representative: tuple[str, int, int] | None = None
    aliases: list[list[str]] = dc_field(default_factory=list)
    is_org: bool = False


def _tokens(folded: str) -> list[str]:
    out: list[str] = []
    for token in re.findall(r"[a-z0-9]+", folded):
        out += _ABBREVIATIONS.get(token, token).split()
    return out


def _repair_words(name: str) -> str:
    """OCR repairs of entity-type words ("Cô phần" -> "Cổ phần") and a person's surname."""
    folded = fold(name)
    for key, good in _ORG_WORDS.items():
        for match in re.finditer(rf"(?<![a-z]){key}(?![a-z])", folded):
            found = name[match.start() : match.end()]
            if fold(found) == key and found.lower() != good.lower():
                replacement = good if found[:1].isupper() else good.lower()
                if found.isupper():
                    replacement = good.upper()
                name = name[: match.start()] + replacement + name[match.end() :]
    return name


#: A capital that OCR split from the rest of its syllable: "N gọc", "T hành", "K hánh".
_DIGRAPHS = {"ng", "nh", "ch", "th", "tr", "kh", "ph", "gh", "gi", "qu"}


def _split_digraph(capital: str, rest: str) -> bool:
    return (
        len(capital) == 1 and capital.isupper() and (capital + fold(rest[:1])).lower() in _DIGRAPHS
    )


def _join_split_capitals(name: str) -> str:
    return re.sub(
        r"(?<![^\W\d_])([A-Z]) (?=[^\W\d_])",
        lambda m: m.group(1) if _split_digraph(m.group(1), name[m.end() :]) else m.group(0),
        name,
    )


def _person_name(text: str, folded: str) -> tuple[int, int] | None:
    """Start and end (in ``text``) of the capitalised words that make a person's name."""
    pos = 0
    match = _HONORIFIC.match(folded)
    if match:
        pos = match.end()
    words = list(re.finditer(r"\S+", text[pos:]))
    taken: list[re.Match[str]] = []
    for word in words:
        raw = word.group(0)
        core = raw.rstrip(",;:.()")
        split_tail = bool(taken) and _split_digraph(taken[-1].group(0), core)
        if not split_tail and (
            not core or not core[0].isupper() or not core.replace("-", "").isalpha()
        ):
            break
        following = text[pos + word.end() : pos + word.end() + 8]
        if (
            taken
            and fold(core) in ("sinh", "ngay")
            and re.match(r"\s*(?:ngay|nam|:)", fold(following))
        ):
            break
        stop_words = {
            "dia": "chi",
            "tru": "so",
            "noi": "",
            "so": "",
            "ten": "goi",
            "quoc": "tich",
            "gioi": "tinh",
        }
        if (
            taken
            and fold(core) in stop_words
            and re.match(r"\s*" + stop_words[fold(core)], fold(following))
        ):
            break
        if taken and fold(core) in ("cccd", "cmnd", "hktt"):
            break
        taken.append(word)
        if core != raw or len(taken) >= 6:
            break
    if not taken:
        return None
    start = pos + taken[0].start()
    end = pos + taken[-1].start() + len(taken[-1].group(0).rstrip(",;:.()"))
    return start, end


def _org_name(text: str, folded: str) -> tuple[int, int] | None:
    match = re.match(r"[^;(:]+", text)
    if not match:
        return None
    end = match.end()
    cut = re.search(
        r"[,.]\s*(?:dia\s+chi|tru\s+so|ma\s+so|do\s+ong|do\s+ba|nguoi|co\s+mat|vang)"
        r"|\s(?:dia\s+chi|tru\s+so)\s*:",
        folded[:end],
    )
    if cut:
        end = cut.start()
    elif "\n" in text[:end]:
        end = text.index("\n")
    return 0, len(text[:end].rstrip(" .,-"))


def _clean_name(name: str) -> str:
    name = _join_split_capitals(clean_spaces(unify_dashes(name)).strip(" .,;-"))
    name = _repair_words(name)
    words = name.split()
    if words and not _is_org(fold(name)) and fold(words[0]) == words[0].lower():
        # a surname OCR printed without any diacritic ("Nguyen"): the usual spelling
        first = _SURNAME_BY_FOLD.get(fold(words[0]))
        if first:
            words[0] = first
        name = " ".join(words)
    return modern_tones(name)


def _is_org(folded_name: str) -> bool:
    return any(folded_name.startswith(h + " ") for h in _ORG_HEADS)


def _entries(block_start: int, block_end: int, doc: Document) -> list[tuple[int, int]]:
    """Split a role block into entries: "1. Name...", "2. Name..." (sequential numbers)."""
    text = doc.text[block_start:block_end]
    starts = []
    expected = 1
    for match in re.finditer(r"(?:^|\n|[.;]\s+|\s)(\d{1,2})\s*[.)]\s+(?=[A-ZĐÀ-Ỹ])", text):
        if int(match.group(1)) == expected:
            starts.append(match.start(1))
            expected += 1
    if len(starts) < 1 or (len(starts) == 1 and text[: starts[0]].strip(" \n:-")):
        return [(block_start, block_end)]
    bounds = [*starts, len(text)]
    out = []
    for index in range(len(starts)):
        out.append((block_start + bounds[index], block_start + bounds[index + 1]))
    return out


def _field_end(text: str, start: int) -> int:
    """End of a field value: ";" or a full stop at a line end, or a following label."""
    match = re.search(
        r";|\.\s*\n|\.\s*$|\n\s*[-+•]|\(\s*(?=[^\W\d])(?!\w{1,3}\d)|[.,]\s*(?=co\s+mat|vang\s+mat)",
        fold(text[start:]),
    )
    end = start + match.start() if match else len(text)
    label = re.search(
        r"(?:nghe\s+nghiep|noi\s+o|cho\s+o|dia\s+chi\s+noi\s+o|dia\s+chi\s+lien\s+he|so\s+cccd|"
        r"so\s+cmnd|nguoi\s+dai\s+dien|dien\s+thoai|giay\s+uy\s+quyen|trinh\s+do|dan\s+toc|"
        r"gioi\s+tinh|quoc\s+tich)",
        fold(text[start:end]),
    )
    if label:
        end = start + label.start()
    return end


def _parse_entry(doc: Document, start: int, end: int, role: str, strength: float) -> _Party | None:
    text = doc.text[start:end]
    folded = doc.folded[start:end]
    lead = re.match(r"[\s\-+•*e=]*(?:\d{1,2}\s*[.)]\s*)?[\s\-+•*]*", text)
    pos = lead.end() if lead else 0
    rest, rest_folded = text[pos:], folded[pos:]
    honor = _HONORIFIC.match(rest_folded)
    name_from = honor.end() if honor else 0
    if _is_org(rest_folded[name_from:]):
        bounds = _org_name(rest[name_from:], rest_folded[name_from:])
        is_org = True
    else:
        bounds = _person_name(rest, rest_folded)
        is_org = False
        name_from = 0
    if bounds is None:
        return None
    name_start = start + pos + name_from + bounds[0]
    name_end = start + pos + name_from + bounds[1]
    name = _clean_name(doc.text[name_start:name_end])
    if len(name) < 2 or len(name.replace(" - ", " ").split()) > 20:
        return None
    party = _Party(role, name, (name_start, name_end), strength, is_org=is_org)
    # The party's own data stop where its representative's begin.
    own_end = end
    rep = re.search(r"(?:nguoi\s+)?dai\s+dien(?:\s+theo[^:\n]{0,60})?\s*:", folded)
    if rep:
        own_end = start + rep.start()
        rep_text = doc.text[start + rep.end() : end]
        rep_bounds = _person_name(rep_text.strip(), fold(rep_text.strip()))
        if rep_bounds:
            offset = start + rep.end() + (len(rep_text) - len(rep_text.lstrip()))
            party.representative = (
                _clean_name(doc.text[offset + rep_bounds[0] : offset + rep_bounds[1]]),
                offset + rep_bounds[0],
                offset + rep_bounds[1],
            )
    own = doc.folded[start:own_end]
    birth = _BIRTH.search(own) or _BIRTH_LOOSE.search(own)
    if birth and not is_org:
        party.birth_year = (int(birth.group(1)), start + birth.start(1), start + birth.end(1))
    ident = None
    for match in _ID.finditer(own):
        digits = re.sub(r"\D", "", match.group("num"))
        if len(digits) not in (9, 11, 12):
            continue
        kind_strength = 0.95 if match.group("cccd") else 0.75
        if len(digits) == 11:
            kind_strength -= 0.2
        if ident is None or kind_strength > ident[3]:
            ident = (digits, start + match.start("num"), start + match.end("num"), kind_strength)
    party.id_number = ident
    address = _ADDRESS_LABEL.search(own, name_end - start)
    if address:
        a_start = start + address.end()
        a_end = start + _field_end(doc.text[start:own_end], address.end())
        value = clean_spaces(doc.text[a_start:a_end]).strip(" ,.;")
        value = _repair_address(value, doc)
        if value:
            party.address = (value, a_start, a_end)
    return party


_ADDRESS_WORDS = (
    ("thanh pho", "thành phố"),
    ("tinh", "tỉnh"),
    ("huyen", "huyện"),
    ("phuong", "phường"),
    ("quan", "quận"),
    ("so", "số"),
)


def _repair_address(value: str, doc: Document) -> str:
    """Unit words as printed in the body ("thành phô" -> "thành phố"); tones modernised."""

    def repl(match: re.Match[str]) -> str:
        found = match.group(0)
        good = dict(_ADDRESS_WORDS).get(fold(found).lower())
        if good is None:
            return found
        return good[:1].upper() + good[1:] if found[:1].isupper() else good

    pattern = re.compile(
        r"(?:(?<=^)|(?<=,\s)|(?<=,))(?:"
        + "|".join(_any_spelling(k) for k, _ in _ADDRESS_WORDS)
        + r")(?![^\W\d_])"
    )
    value = pattern.sub(repl, value)
    return modern_tones(value)


def _any_spelling(folded_phrase: str) -> str:
    """A regex matching ``folded_phrase`` with any diacritics (letters as character classes)."""
    classes = {
        "a": "[aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ]",
        "e": "[eèéẻẽẹêềếểễệEÈÉẺẼẸÊỀẾỂỄỆ]",
        "i": "[iìíỉĩịIÌÍỈĨỊ]",
        "o": "[oòóỏõọôồốổỗộơờớởỡợOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ]",
        "u": "[uùúủũụưừứửữựUÙÚỦŨỤƯỪỨỬỮỰ]",
        "y": "[yỳýỷỹỵYỲÝỶỸỴ]",
        "d": "[dđDĐ]",
    }
    out = []
    for char in folded_phrase:
        if char == " ":
            out.append(r"\s+")
        elif char in classes:
            out.append(classes[char])
        else:
            out.append(f"[{char}{char.upper()}]")
    return "".join(out)


def _labels(doc: Document, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Role labels in ``start..end``: (label start, label end, role or None for non-parties)."""
    found = []
    for match in _LABEL.finditer(doc.folded, start, end):
        role = None
        for name, value in match.groupdict().items():
            if value is not None and name.startswith("r"):
                role = _ROLE_LABELS[int(name[1:])][1]
                break
        found.append((match.start(1), match.end(), role))
    return found


def _attach_representative(doc: Document, party: _Party, start: int) -> None:
    """The representative named after a "Người đại diện ...:" label, for the party before it."""
    if party.representative is not None:
        return
    text = doc.text[start : start + 120]
    stripped = text.lstrip()
    offset = start + len(text) - len(stripped)
    bounds = _person_name(stripped, fold(stripped))
    if bounds:
        name = _clean_name(doc.text[offset + bounds[0] : offset + bounds[1]])
        party.representative = (name, offset + bounds[0], offset + bounds[1])


def _parties_in(doc: Document, start: int, end: int, case_type: str | None) -> list[_Party]:
    labels = _labels(doc, start, end)
    parties: list[_Party] = []
    for index, (l_start, l_end, role) in enumerate(labels):
        if role is None:
            if parties and re.match(r"(?:nguoi\s+)?dai\s+dien", doc.folded[l_start:l_end]):
                _attach_representative(doc, parties[-1], l_end)
            continue
        block_end = labels[index + 1][0] if index + 1 < len(labels) else end
        if role == "accused":
            # the accused's block runs to the first section heading
            heading = _BODY_HEADINGS.search(doc.folded, l_end, block_end)
            if heading:
                block_end = heading.start()
        preamble = re.match(
            r"\s*(?:do|theo|co)\b[^\n]*?(?:ban\s+an|khang\s+cao|khang\s+nghi)[^.]*\.[ \t]*\n",
            doc.folded[l_end:block_end],
        )
        if preamble:  # "Do Bản án sơ thẩm số ... bị kháng cáo." before the accused
            l_end += preamble.end()
        for e_start, e_end in _entries(l_end, block_end, doc):
            party = _parse_entry(doc, e_start, e_end, role, 0.9)
            if party:
                parties.append(party)
    if case_type == "HS" and not any(p.role == "accused" for p in parties):
        anchor = re.search(
            r"dua\s+vu\s+an\s+ra\s+xet\s+xu[^.;]{0,120}?(?:19|20)\d\d\s*[.:]", doc.folded[start:end]
        )
        if anchor:
            a_start = start + anchor.end()
            a_end = labels[0][0] if labels and labels[0][0] > a_start else end
            heading = _BODY_HEADINGS.search(doc.folded, a_start, a_end)
            if heading:
                a_end = heading.start()
            for e_start, e_end in _entries(a_start, a_end, doc):
                party = _parse_entry(doc, e_start, e_end, "accused", 0.75)
                if party:
                    parties.append(party)
    return parties


def _party_item_end(doc: Document, dispositive: tuple[int, int]) -> int:
    """End of the dispositive item that lists the parties ("1. Công nhận sự thỏa thuận của
    các đương sự: Nguyên đơn: ...") : the start of the next item at the same level."""
    start, end = dispositive
    labels = [label for label in _labels(doc, start, end) if label[2]]
    if not labels:
        return end
    first = labels[0][0]
    enclosing = None
    for match in re.finditer(r"(?:^|\n)\s*(\d{1,2})\s*[.)]\s", doc.folded[start:first]):
        if "\n" in doc.folded[start + match.end() : first]:
            enclosing = int(match.group(1))
    if enclosing is None:
        return end
    following = re.compile(rf"\n\s*{enclosing + 1}\s*[.)]\s")
    role_start = re.compile("|".join(p for p, _r in _ROLE_LABELS))
    for match in following.finditer(doc.folded, first, end):
        if not role_start.match(doc.folded, match.end()):
            return match.start()
    return end


def _find_ids_in_reasoning(doc: Document, parties: list[_Party]) -> None:
    """Identity numbers quoted only later ("ông X, sinh năm ..., CCCD số ...")."""
    for party in parties:
        if party.id_number or party.is_org:
            continue
        name = r"\s+".join(re.escape(w) for w in fold(party.name).split())
        taken = {p.id_number[0] for p in parties if p.id_number}
        others = [fold(p.name) for p in parties if p is not party]
        role_words = re.compile("|".join(p for p, _r in _ROLE_LABELS))
        for match in re.finditer(name, doc.folded):
            window = doc.folded[match.end() : match.end() + 160]
            cuts = [window.find(o) for o in others if o in window]
            role = role_words.search(window)
            if role:
                cuts.append(role.start())
            if cuts:
                window = window[: min(cuts)]
            ident = _ID.search(window)
            if ident:
                digits = re.sub(r"\D", "", ident.group("num"))
                if len(digits) in (9, 12) and digits not in taken:
                    at = match.end() + ident.start("num")
                    party.id_number = (digits, at, match.end() + ident.end("num"), 0.6)
                    break


def _party_aliases(parties: list[_Party]) -> None:
    given_counts: dict[str, int] = {}
    for party in parties:
        if not party.is_org:
            given = _tokens(fold(party.name))[-1:]
            if given:
                given_counts[given[0]] = given_counts.get(given[0], 0) + 1
    for party in parties:
        tokens = _tokens(fold(party.name))
        party.aliases = [tokens]
        if party.is_org:
            # distinctive tail after the entity-type words: "Việt Úc", "Quốc Dân"
            generic = set()
            for key in list(_ORG_WORDS) + list(_ORG_HEADS) + ["mot thanh vien", "tong"]:
                generic.update(key.split())
            tail: list[str] = []
            for token in reversed(tokens):
                if token in generic:
                    break
                tail.insert(0, token)
            if tail and len(tail) < len(tokens):
                party.aliases.append(["@org", *tail])
        elif tokens and given_counts.get(tokens[-1]) == 1:
            party.aliases.append(["@honorific", tokens[-1]])
    # a short alias shared by two parties names neither of them
    short = [tuple(a) for p in parties for a in p.aliases[1:]]
    for party in parties:
        party.aliases = party.aliases[:1] + [
            a for a in party.aliases[1:] if short.count(tuple(a)) == 1
        ]


# --------------------------------------------------------------------------------------------
# Mentions of parties inside a sentence
# --------------------------------------------------------------------------------------------


@dataclass
class _Mention:
    party: _Party | None  # None: the State
    start: int  # token index
    end: int


_HONORIFIC_TOKENS = {"ong", "ba", "anh", "chi", "chau", "em"}
_ROLE_WORDS = {
    ("bi", "cao"): "accused",
    ("nguyen", "don"): "plaintiff",
    ("bi", "don"): "defendant",
    ("nguoi", "yeu", "cau"): "petitioner",
    ("bi", "hai"): "victim",
}
_ORG_HEAD_TOKENS = {tuple(h.split()) for h in _ORG_HEADS}


def _mentions(tokens: list[str], parties: list[_Party]) -> list[_Mention]:
    found: list[_Mention] = []
    taken: set[int] = set()
    ordered = [(p, a) for p in parties for a in p.aliases[:1]]
    ordered += [(p, a) for p in parties for a in p.aliases[1:]]
    for party, alias in ordered:
        kind = alias[0] if alias and alias[0].startswith("@") else None
        words = alias[1:] if kind else alias
        n = len(words)
        if not n:
            continue
        for i in range(len(tokens) - n + 1):
            if tokens[i : i + n] != words or any(j in taken for j in range(i, i + n)):
                continue
            if kind == "@honorific" and not (i > 0 and tokens[i - 1] in _HONORIFIC_TOKENS):
                continue
            if kind == "@org":
                window = tokens[max(0, i - 10) : i]
                if not any(
                    tuple(window[k : k + len(h)]) == h
                    for h in _ORG_HEAD_TOKENS
                    for k in range(len(window))
                ):
                    continue
            found.append(_Mention(party, i, i + n))
            taken.update(range(i, i + n))
    for i in range(len(tokens)):
        for words, role in _ROLE_WORDS.items():
            n = len(words)
            if tuple(tokens[i : i + n]) == words and not any(j in taken for j in range(i, i + n)):
                holders = [p for p in parties if p.role == role]
                # "bị cáo Nguyễn Văn A": the name that follows is the mention
                following = [m for m in found if m.start in (i + n, i + n + 1)]
                if following:
                    continue
                if len(holders) == 1:
                    found.append(_Mention(holders[0], i, i + n))
                    taken.update(range(i, i + n))
    for i in range(len(tokens) - 1):
        if tokens[i : i + 2] == ["nha", "nuoc"] and i not in taken:
            found.append(_Mention(None, i, i + 2))
    found.sort(key=lambda m: m.start)
    return found


# --------------------------------------------------------------------------------------------
# Dispositive: obligations and fees
# --------------------------------------------------------------------------------------------

_ITEM_SPLIT = re.compile(
    r"\n(?=\s*(?:[-+•*]\s|\d{1,2}(?:\.\d{1,2})*\s*[.,)]\s|[a-zđ]\)\s))|\n\s*\n"
)
_SENTENCE_SPLIT = re.compile(
    r"(?<!\b[Tt][Pp])(?<!\bTp)\.\s+(?:\d{1,3}[ \t]*\n\s*)?(?=[A-ZĐÀ-Ỹ])"
    r"|;\s*\n(?!\s*(?:\d{1,3}[ \t]*\n\s*)?(?:[Tt]ổng|TỔNG)\s)"
)
_MONEY_VERBS = re.compile(
    r"\b(?:tra\s+(?:cho|lai\s+cho|no)|thanh\s+toan|boi\s+thuong|hoan\s+tra|cap\s+duong|"
    r"phai\s+tra|co\s+trach\s+nhiem\s+tra|chiu\s+trach\s+nhiem\s+tra|giao\s+tra|tra\s+(?:tong\s+)?so\s+tien|"
    r"hoan\s+lai\s+cho|tra\s+lai)"
)
_FINE = re.compile(r"\bphat\s+(?:tien|bo\s+sung|vi\s+pham)|\bnop\s+phat\b")
_CONFISCATE = re.compile(r"\btich\s+thu\b|\btruy\s+thu\b|\bsung\s+(?:cong|quy|vao\s+ngan\s+sach)")
_ACT = re.compile(
    r"\blam\s+thu\s+tuc\b|\bxoa\s+the\s+chap\b|\bthao\s+do\b|\bdi\s+doi\b|\bchuyen\s+giao\b|"
    r"\bchuyen\s+nhuong\b|\bban\s+giao\b|\bgiao\s+(?:lai\s+)?(?:cho|nha|dat|xe|tai\s+san)\b|"
    r"\bchiu\s+trach\s+nhiem\s+(?!tra)|\bnhan\s+nuoi\b|\btrao\s+tra\b|\bco\s+nghia\s+vu\b|"
    r"\bthuc\s+hien\b|\bphai\s+(?:cham\s+dut|khoi\s+phuc|nhan\s+lai)|\bnhan\s+(?:tro\s+)?lai\b"
)
_FEE = re.compile(r"\ban\s+phi\b|\ble\s+phi\b")
_ADVANCE = re.compile(
    r"tam\s+ung|\bhoan\s+lai\b|\bkhau\s+tru\b|\bda\s+nop\b|\btra\s+lai\b|\bhoan\s+tra\b"
)
_RIGHT_ONLY = re.compile(r"\bco\s+quyen\b")
_DUTY = re.compile(r"\bphai\b|\btrach\s+nhiem\b|\bbuoc\b|\bchiu\b")
_CONTINUE_INTEREST = re.compile(
    r"tiep\s+tuc\s+chiu\s+(?:khoan\s+)?(?:tien\s+)?lai|lai\s+suat\s+.{0,60}chua\s+thi\s+hanh"
)
_DEADLINE = re.compile(r"han\s+(?:chot|cuoi|tra)|thoi\s+han\s+tra")
_DATE_ANY = re.compile(
    r"(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*((?:19|20)\d{2})|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d{2})"
)
_PROCEDURAL_COST = re.compile(
    r"chi\s+phi\s+(?:to\s+tung|xem\s+xet|tham\s+dinh|giam\s+dinh|dinh\s+gia)"
)
_PERIODIC = re.compile(r"hang\s+thang|moi\s+thang|cap\s+duong|hang\s+nam|moi\s+nam")
_PAID_ALREADY = re.compile(
    r"\bxac\s+nhan\b.{0,60}\bda\b|\bda\s+(?:tieu\s+huy|thi\s+hanh|nop\s+xong|tra\s+xong)"
)


@dataclass
class _Obligation:
    debtors: list[_Party | None]
    creditor: _Party | None
    kind: str
    amount: Amount | None
    description: str
    start: int
    end: int
    strength: float
    joint: bool = False
    interest: str | None = None
    deadline: dt.date | None = None
    periodic: dict | None = None
    components: list[dict] | None = None


@dataclass
class _Fee:
    payer: _Party
    amount: Amount
    kind: str
    start: int
    end: int
    strength: float


def _token_spans(folded: str) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    offsets: list[int] = []
    for match in re.finditer(r"[a-z0-9]+", folded):
        expanded = _ABBREVIATIONS.get(match.group(0), match.group(0)).split()
        tokens += expanded
        offsets += [match.start()] * len(expanded)
    return tokens, offsets


def _merge_split_words(
    tokens: list[str], offsets: list[int], vocabulary: set[str]
) -> tuple[list[str], list[int]]:
    """Join two tokens that OCR split inside a name ("N ghĩa") when together they make a word
    of the parties' names and apart they do not."""
    out_tokens: list[str] = []
    out_offsets: list[int] = []
    index = 0
    while index < len(tokens):
        if index + 1 < len(tokens):
            joined = tokens[index] + tokens[index + 1]
            apart = tokens[index] in vocabulary and tokens[index + 1] in vocabulary
            if joined in vocabulary and not apart:
                out_tokens.append(joined)
                out_offsets.append(offsets[index])
                index += 2
                continue
        out_tokens.append(tokens[index])
        out_offsets.append(offsets[index])
        index += 1
    return out_tokens, out_offsets


def _token_at(offsets: list[int], char: int) -> int:
    for index, offset in enumerate(offsets):
        if offset >= char:
            return index
    return len(offsets)


def _parse_date(text: str) -> dt.date | None:
    match = _DATE_ANY.search(text)
    if not match:
        return None
    groups = match.groups()
    day, month, year = (groups[0], groups[1], groups[2]) if groups[0] else groups[3:]
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _description(text: str) -> str:
    text = clean_spaces(text).strip(" -+•*;:.")
    text = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.,)]\s*)", "", text)
    if len(text) > 500:
        text = text[:500].rsplit(" ", 1)[0] + " …"
    return text


def _dispositive_items(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    items = []
    last = start
    for match in _ITEM_SPLIT.finditer(doc.text, start, end):
        if match.start() > last:
            items.append((last, match.start()))
        last = match.end()
    items.append((last, end))
    return [(s, e) for s, e in items if doc.text[s:e].strip()]


def _sentences(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    last = start
    for match in _SENTENCE_SPLIT.finditer(doc.text, start, end):
        out.append((last, match.start() + 1))
        last = match.end()
    out.append((last, end))
    return [(s, e) for s, e in out if doc.text[s:e].strip()]


def _consequence(folded: str) -> int:
    """Offset where the consequence of a "Trường hợp ..., thì ..." sentence starts."""
    matches = list(re.finditer(r"(?:,\s*|\s)thi\s", folded))
    match = matches[-1] if matches else None
    conditional = re.match(r"\s*(?:trong\s+)?(?:truong\s+hop|neu|khi)\b", folded)
    if match and conditional:
        return match.end()
    if conditional:
        for comma in re.finditer(r",\s*", folded):
            if _DUTY.search(folded, comma.end()):
                return comma.end()
    return 0


_FEE_KIND = re.compile(
    r"(?:an|le)\s+phi(?:\s+(?:dan\s+su|hinh\s+su|kinh\s+doanh|thuong\s+mai|lao\s+dong|"
    r"hanh\s+chinh|hon\s+nhan|va|gia\s+dinh|cap\s+duong|nuoi\s+con|so\s+tham|phuc\s+tham|"
    r"hoa\s+giai\s+thanh|(?:khong\s+)?co\s+gia\s+ngach),?)*"
)


def _fee_amounts(clause: str, clause_start: int, amounts: list[Amount]) -> list[Amount]:
    """The fee amounts of a fee sentence: each amount named next to "án phí"/"lệ phí" when
    the sentence orders several ("200.000 đồng án phí hình sự và 3.000.000 đồng án phí dân
    sự"), else the first one."""
    if len(amounts) == 1:
        return amounts
    near = []
    for amount in amounts:
        after = clause[amount.end - clause_start : amount.end - clause_start + 25]
        if re.match(r"\s*(?:tien\s+)?(?:an|le)\s+phi", after):
            near.append(amount)
    return near or amounts[:1]


def _fee_kind(doc: Document, clause: str, clause_start: int, amount: Amount) -> str:
    """The fee's name ("án phí dân sự sơ thẩm") nearest to ``amount`` in the sentence."""
    best = None
    for match in _FEE_KIND.finditer(clause):
        distance = abs(clause_start + match.start() - amount.end) - 0.5  # after it: preferred
        if match.end() + clause_start <= amount.start:
            distance = amount.start - (clause_start + match.end())
        if best is None or distance < best[0]:
            best = (distance, match)
    if best is None:
        return ""
    match = best[1]
    kind = clean_spaces(doc.text[clause_start + match.start() : clause_start + match.end()])
    return re.sub(r"(?:\s+và)+$", "", kind.strip(" ,"))


def _obligations_and_fees(
    doc: Document, parties: list[_Party], span: tuple[int, int], case_type: str | None
) -> tuple[list[_Obligation], list[_Fee]]:
    obligations: list[_Obligation] = []
    fees: list[_Fee] = []
    accused = [p for p in parties if p.role == "accused"]
    vocabulary = {token for p in parties for alias in p.aliases for token in alias}
    for item_start, item_end in _dispositive_items(doc, *span):
        item_folded = doc.folded[item_start:item_end]
        if re.match(r"\s*\(", item_folded):
            continue
        item_amounts = find_amounts(
            doc.text[item_start:item_end], folded=item_folded, offset=item_start
        )
        cost_item = bool(_PROCEDURAL_COST.search(item_folded)) and not _FEE.search(item_folded[:60])
        cost: _Obligation | None = None
        for s_start, s_end in _sentences(doc, item_start, item_end):
            folded = doc.folded[s_start:s_end]
            if re.match(r"\s*\(", folded):
                continue
            shift = _consequence(folded)
            clause_start = s_start + shift
            clause = doc.folded[clause_start:s_end]
            amounts = [
                a
                for a in find_amounts(
                    doc.text[clause_start:s_end], folded=clause, offset=clause_start
                )
            ]
            tokens, offsets = _merge_split_words(*_token_spans(clause), vocabulary)
            mentions = _mentions(tokens, parties)
            ocr = doc.ocr_confidence(s_start)
            # ---- court fees ------------------------------------------------------------
            if _FEE.search(clause) and not re.match(r"\s*(?:hoan|tra\s+lai)", clause):
                fee_match = _FEE.search(clause)
                cut = _ADVANCE.search(clause, fee_match.start() if fee_match else 0)
                limit = clause_start + (cut.start() if cut else len(clause))
                fee_amounts = [a for a in amounts if a.start < limit]
                exempt = re.search(r"\bmien\b|\bkhong\s+phai\s+chiu\b", clause)
                if fee_amounts and not exempt and re.search(r"chiu|nop|buoc", clause):
                    cut_token = _token_at(offsets, limit - clause_start)
                    payers = [
                        m.party for m in mentions if m.party is not None and m.start < cut_token
                    ]
                    each = re.search(r"\bmoi\s+bi\s+cao\b|\bcac\s+bi\s+cao\b.{0,40}\bmoi\b", clause)
                    if each and accused:
                        payers = list(accused)
                    seen: list[_Party] = []
                    for payer in payers:
                        if payer not in seen:
                            seen.append(payer)
                    if not seen and len(accused) == 1 and case_type == "HS":
                        seen = [accused[0]]
                    if not each:
                        seen = seen[:1]
                    for amount in _fee_amounts(clause, clause_start, fee_amounts):
                        kind = _fee_kind(doc, clause, clause_start, amount)
                        good_words = amount.words_value in (None, amount.value)
                        strength = 0.9 if good_words else 0.7
                        for payer in seen:
                            fees.append(_Fee(payer, amount, kind, s_start, s_end, strength * ocr))
                    continue
                if fee_amounts or _ADVANCE.search(clause):
                    continue
            if _FEE.search(clause) and _ADVANCE.search(clause):
                continue
            if re.search(r"\bbien\s+lai\b", clause) and re.search(
                r"\b(?:hoan|tra\s+lai)\b", clause
            ):
                continue  # a refund of an advance paid under a receipt
            # ---- continuing interest, deadline: attach to the last obligation ----------
            if _CONTINUE_INTEREST.search(clause) and obligations and not amounts:
                obligations[-1].interest = _description(doc.text[s_start:s_end])
                continue
            if _DEADLINE.search(clause) and obligations and not amounts:
                obligations[-1].deadline = _parse_date(clause)
                continue
            if _PAID_ALREADY.search(clause):
                continue
            if _RIGHT_ONLY.search(clause) and not _DUTY.search(clause):
                continue
            # ---- procedural costs: amount, who bears it, to whom it is repaid ----------
            if cost_item:
                if cost is None and item_amounts:
                    cost = _Obligation(
                        [],
                        None,
                        "money",
                        item_amounts[0],
                        _description(doc.text[item_start:item_end]),
                        item_start,
                        item_end,
                        0.8 * ocr,
                    )
                    obligations.append(cost)
                if cost is not None:
                    named = [m.party for m in mentions if m.party is not None]
                    if re.search(r"\bchiu\b", clause) and named and not cost.debtors:
                        cost.debtors = [named[0]]
                    cho = re.search(r"\bcho\b", clause)
                    if cho:
                        after = _token_at(offsets, cho.end())
                        creditors = [
                            m.party for m in mentions if m.start >= after and m.party is not None
                        ]
                        if creditors:
                            cost.creditor = creditors[0]
                        if not cost.debtors:
                            before = [
                                m.party for m in mentions if m.start < after and m.party is not None
                            ]
                            if before:
                                cost.debtors = [before[0]]
                continue
            # ---- obligations -------------------------------------------------------------
            verb = None
            kind = None
            for pattern, name in (
                (_CONFISCATE, "confiscation"),
                (_FINE, "fine"),
                (_MONEY_VERBS, "money"),
                (_ACT, "act"),
            ):
                match = pattern.search(clause)
                if match and verb is None:
                    verb, kind = match, name
                elif match and verb is not None and match.start() < verb.start():
                    verb = match  # the earliest verb splits debtor from creditor
            if verb is None:
                continue
            if (
                kind == "act"
                and fold(verb.group(0)).startswith("thuc hien")
                and not re.search(
                    r"\bbuoc\b|\bphai\b|nghia\s+vu|trach\s+nhiem", clause[: verb.start()]
                )
            ):
                continue
            if kind == "money" and (re.search(r"an\s+phi", clause) and not amounts):
                continue
            verb_token = _token_at(offsets, verb.start())
            before = [m for m in mentions if m.start < verb_token]
            after = [m for m in mentions if m.start >= verb_token]
            amount = amounts[0] if amounts else None
            total = re.search(r"\btong\s+(?:cong|so(?:\s+tien)?|tien)\b", clause)
            if total and amounts:
                amount = next(
                    (a for a in amounts if a.start >= clause_start + total.start()), amount
                )
            if (
                amount is None
                and re.search(r"so\s+tien\s+(?:tren|nay|noi\s+tren)", clause)
                and item_amounts
            ):
                amount = item_amounts[0]
            debtors: list[_Party | None] = []
            creditor: _Party | None = None
            strength = 0.85
            if kind in ("confiscation", "fine"):
                creditor = None  # the State
                owner = re.search(r"(?:thu\s+giu\s+cua|cua\s+bi\s+cao)", clause)
                named = [m.party for m in mentions if m.party is not None]
                if before and before[-1].party is not None:
                    debtors = [before[-1].party]
                elif owner and named:
                    debtors = [named[0]]
                elif len(accused) == 1:
                    debtors = [accused[0]]
                    strength = 0.7
                elif named:
                    debtors = [named[0]]
                if re.search(r"\btieu\s+huy\b", clause) and kind == "confiscation":
                    amount = None
            else:
                subject = [m for m in before if m.party is not None]
                cho = re.search(r"\bcho\b", clause[verb.start() :])
                if subject:
                    # "A và B có trách nhiệm liên đới ...": every party named before the verb
                    last = subject[-1]
                    group = [last]
                    for mention in reversed(subject[:-1]):
                        between = tokens[mention.end : group[0].start]
                        if between == [] or (between[:1] == ["va"] and len(between) <= 5):
                            group.insert(0, mention)
                        else:
                            break
                    debtors = [m.party for m in group]
                elif verb.group(0).startswith(("hoan tra", "tra lai", "giao tra", "trao tra")):
                    debtors = [None]  # the item is held by the State (enforcement office)
                    strength = 0.65
                if cho:
                    cho_token = _token_at(offsets, verb.start() + cho.end())
                    targets = [m for m in after if m.start >= cho_token]
                    if targets:
                        creditor = targets[0].party
                elif after:
                    creditor = after[0].party
                if (
                    kind == "money"
                    and amount is None
                    and not re.search(r"khoan\s+no|so\s+no|con\s+lai|tien", clause)
                ):
                    kind = "asset"
                if not debtors:
                    continue
            if kind == "money" and _PERIODIC.search(clause):
                kind = "periodic_money"
            joint = bool(re.search(r"lien\s+doi", clause))
            components = None
            if amount is not None:
                marker = re.search(
                    r"\b(?:gom|trong\s+do|bao\s+gom)\b", clause[amount.end - clause_start :]
                )
                if marker:
                    marker_at = amount.end + marker.end()
                    parts = [a for a in amounts if a.start >= marker_at]
                    if len(parts) >= 2:
                        components = []
                        previous = marker_at
                        for part in parts:
                            label = clean_spaces(doc.text[previous : part.start]).strip(" ,;:.")
                            label = re.sub(r"^(?:và|là)\s+|\s+(?:là|:)$", "", label)
                            components.append({"label": label, "amount_vnd": part.value})
                            previous = part.end
            obligation = _Obligation(
                debtors=debtors,
                creditor=creditor,
                kind=kind,
                amount=amount
                if kind in ("money", "periodic_money", "fine", "confiscation")
                else None,
                description=_description(doc.text[clause_start:s_end]),
                start=clause_start,
                end=s_end,
                strength=strength * ocr,
                joint=joint,
            )
            if kind == "periodic_money" and amount is not None:
                every = "year" if re.search(r"hang\s+nam|moi\s+nam", clause) else "month"
                obligation.periodic = {"every": every, "amount_vnd": amount.value}
            obligation.components = components
            obligations.append(obligation)
    return [o for o in obligations if o.debtors], fees


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------


def _party_name(party: _Party | None) -> str:
    return STATE if party is None else party.name


def parse(pages: Sequence[PageInput]) -> ExtractedJudgment:
    """Read ``pages`` with the deterministic rules (see the module docstring)."""
    doc = Document.from_pages(pages)
    warnings: list[str] = []
    header_end = _header_end(doc)
    # number: the first well-formed number in the header
    numbers = _numbers(doc, 0, header_end)
    number = next((n for n in numbers if n.valid), numbers[0] if numbers else None)
    number_field = Field(None, 0.0)
    case_type = None
    case_strength = 0.0
    if number is not None:
        strength = 0.95 if number.valid else 0.5
        number_field = Field(
            number.value,
            round(strength * doc.ocr_confidence(number.start), 3),
            doc.span(number.start, number.end),
        )
        case_type = code_case_type(number.code)
        case_strength = 0.95 if case_type else 0.0
    else:
        warnings.append("Không tìm thấy số bản án/quyết định ở phần đầu văn bản.")
    type_span = number_field.span
    if case_type is None:
        for ref in _numbers(doc, 0, len(doc.text)):
            ref_type = code_case_type(ref.code)
            if ref_type and ref.valid:
                case_type, case_strength = ref_type, 0.75
                type_span = doc.span(ref.start, ref.end)
                break
    if case_type is None:
        window = doc.folded[: min(len(doc.folded), header_end + 600)]
        for keyword, code in _TYPE_KEYWORDS:
            found = window.find(keyword)
            if found >= 0:
                case_type, case_strength = code, 0.6
                type_span = doc.span(found, found + len(keyword))
                break
    court = _court(doc, header_end) or Field(None, 0.0)
    date = _date(doc, header_end, number.end if number else None) or Field(None, 0.0)
    # parties: in the opening part; else (decisions on a settlement) in the dispositive part
    dispositive = _dispositive(doc)
    body = _BODY_HEADINGS.search(doc.folded, header_end)
    opening_end = body.start() if body else (dispositive[0] if dispositive else len(doc.text))
    if dispositive and dispositive[0] < opening_end:
        opening_end = dispositive[0]
    parties = _parties_in(doc, header_end, opening_end, case_type)
    if not parties and dispositive:
        parties = _parties_in(doc, dispositive[0], _party_item_end(doc, dispositive), case_type)
    # one party per name and role (the same person may be listed again in the dispositive)
    unique: list[_Party] = []
    for party in parties:
        if not any(fold(p.name) == fold(party.name) and p.role == party.role for p in unique):
            unique.append(party)
    parties = unique
    for party in parties:
        # a name damaged by OCR in one place is read right in others: spelling by vote
        voted = doc.best_spelling(party.name)
        if voted and fold(voted) == fold(party.name) and voted != party.name:
            party.name = _clean_name(voted)
    _find_ids_in_reasoning(doc, parties)
    _party_aliases(parties)
    obligations: list[_Obligation] = []
    fees: list[_Fee] = []
    if dispositive:
        obligations, fees = _obligations_and_fees(doc, parties, dispositive, case_type)
    else:
        warnings.append('Không tìm thấy phần quyết định ("QUYẾT ĐỊNH:") của văn bản.')
    ext_parties = []
    for party in parties:
        conf = doc.ocr_confidence(party.name_span[0])
        ext_parties.append(
            ExtractedParty(
                role=Field(party.role, round(party.strength * conf, 3), doc.span(*party.name_span)),
                name=Field(party.name, round(party.strength * conf, 3), doc.span(*party.name_span)),
                birth_year=Field(
                    party.birth_year[0],
                    round(0.9 * conf, 3),
                    doc.span(party.birth_year[1], party.birth_year[2]),
                )
                if party.birth_year
                else None,
                id_number=Field(
                    party.id_number[0],
                    round(party.id_number[3] * conf, 3),
                    doc.span(party.id_number[1], party.id_number[2]),
                )
                if party.id_number
                else None,
                address=Field(
                    party.address[0],
                    round(0.8 * conf, 3),
                    doc.span(party.address[1], party.address[2]),
                )
                if party.address
                else None,
                representative=Field(
                    party.representative[0],
                    round(0.8 * conf, 3),
                    doc.span(party.representative[1], party.representative[2]),
                )
                if party.representative
                else None,
            )
        )
    ext_obligations = []
    for ob in obligations:
        span = doc.span(ob.start, ob.end)
        debtor = " và ".join(_party_name(p) for p in ob.debtors)
        amount_field = None
        words_field = None
        if ob.amount is not None:
            amount_field = Field(
                ob.amount.value, round(ob.strength, 3), doc.span(ob.amount.start, ob.amount.end)
            )
            if ob.amount.words:
                words_field = Field(
                    ob.amount.words, round(ob.strength, 3), doc.span(ob.amount.start, ob.amount.end)
                )
        ext_obligations.append(
            ExtractedObligation(
                debtor=Field(debtor, round(ob.strength, 3), span),
                creditor=Field(
                    _party_name(ob.creditor),
                    round(
                        ob.strength
                        * (0.9 if ob.creditor or ob.kind in ("fine", "confiscation") else 0.6),
                        3,
                    ),
                    span,
                ),
                kind=Field(ob.kind, round(ob.strength, 3), span),
                amount_vnd=amount_field,
                description=Field(ob.description, round(ob.strength, 3), span),
                amount_words=words_field,
                periodic=Field(ob.periodic, round(ob.strength, 3), span) if ob.periodic else None,
                joint=Field(ob.joint, round(ob.strength, 3), span),
                interest_clause=Field(ob.interest, round(ob.strength, 3), span)
                if ob.interest
                else None,
                deadline=Field(ob.deadline, round(ob.strength, 3), span) if ob.deadline else None,
                components=Field(ob.components, round(ob.strength, 3), span)
                if ob.components
                else None,
            )
        )
    ext_fees = []
    for fee in fees:
        span = doc.span(fee.start, fee.end)
        ext_fees.append(
            ExtractedFee(
                payer=Field(fee.payer.name, round(fee.strength, 3), span),
                amount_vnd=Field(
                    fee.amount.value,
                    round(fee.strength, 3),
                    doc.span(fee.amount.start, fee.amount.end),
                ),
                kind=Field(fee.kind, round(fee.strength, 3), span) if fee.kind else None,
                amount_words=Field(fee.amount.words, round(fee.strength, 3), span)
                if fee.amount.words
                else None,
            )
        )
    return ExtractedJudgment(
        court=court,
        judgment_number=number_field,
        date=date,
        case_type=Field(
            case_type,
            round(case_strength * doc.ocr_confidence(number.start if number else 0), 3),
            type_span,
        )
        if case_type
        else Field(None, 0.0),
        parties=tuple(ext_parties),
        obligations=tuple(ext_obligations),
        court_fees=tuple(ext_fees),
        dispositive_span=doc.span(*dispositive) if dispositive else None,
        mode="rules",
        warnings=tuple(warnings),
    )
