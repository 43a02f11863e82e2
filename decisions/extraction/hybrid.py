"""Hybrid extraction: the rules result, checked and completed by the token classifier.

``refine(rules, pages)`` runs the model (``decisions.extraction.model``) over the pages and:

* fills header fields the rules left empty (court, judgment number, date);
* adds the birth year, identity number or address of a party the rules found without them, and
  adds a party the rules missed when the model tags a name in the parties' part with a role
  word before it;
* raises the confidence of a value both read alike (source "hybrid") and lowers it where they
  disagree (a warning says so), never replacing the rules' value on its own;
* adds a court fee whose amount and payer the model tags in the dispositive part when the rules
  have no fee of that amount;
* never creates an obligation: the model only confirms or questions the amounts, debtors and
  creditors of the rules' obligations, and only with spans inside the dispositive part
  (``ExtractedJudgment.dispositive_span``). Without a dispositive span, obligations and fees are
  left as the rules read them.

``available()`` says whether torch and the shipped weights are there; when not, ``refine``
returns the rules result unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import re
import unicodedata
from collections.abc import Sequence

from decisions.extraction import model as model_mod
from decisions.extraction.model import TaggedSpan
from decisions.types import ExtractedFee
from decisions.types import ExtractedJudgment
from decisions.types import ExtractedParty
from decisions.types import Field
from decisions.types import PageInput
from decisions.types import Span

#: Model spans below this score are ignored.
MIN_SCORE = 0.6
#: Spans to add a value the rules did not find at all need this score.
MIN_SCORE_TO_ADD = 0.85
MODEL_CONFIDENCE_FACTOR = 0.75
#: Header fields (court, number, date) are read from the start of page 1 only.
HEADER_CHARS = 1500


def available() -> bool:
    """torch and transformers importable and the weights shipped."""
    return (
        importlib.util.find_spec("torch") is not None
        and importlib.util.find_spec("transformers") is not None
        and model_mod.weights_present(model_mod.WEIGHTS_DIR)
    )


# -- normalising ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" as "d", single spaces: for comparing values."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    base = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(base.casefold().split())


def _name(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.;:")
    return re.sub(r"^(ông|bà|anh|chị|Ông|Bà|Anh|Chị)\s+", "", text)


def _number(text: str) -> str:
    return re.sub(r"\s+", "", text).strip(".,;:")


_DATE_PATTERNS = (
    re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})"),
    re.compile(r"(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})", re.IGNORECASE),
)


def parse_date(text: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None


def parse_amount(text: str) -> int | None:
    digits = re.sub(r"[.,\s]", "", text)
    return int(digits) if digits.isdigit() else None


_UNITS = ("thành phố", "thị trấn", "thị xã", "khu vực", "tỉnh", "huyện", "quận", "phường", "xã")
_CITIES = ("hồ chí minh", "hà nội", "hải phòng", "đà nẵng", "cần thơ", "huế")


def court_name(text: str) -> str:
    """The court as labels write it: "Tòa án nhân dân thành phố Lạng Sơn, tỉnh Lạng Sơn".

    Text already in mixed case is kept; an all-capitals header line is lowered, with place
    names capitalised after each unit word ("tỉnh", "khu vực 1 -", ...).
    """
    text = " ".join(text.split()).strip(" .,;:")
    if not text or not text.isupper():
        return text[:1].upper() + text[1:]
    low = text.lower()
    prefix = "tòa án nhân dân"
    body = low.removeprefix(prefix).strip() if low.startswith(prefix) else low
    out: list[str] = []
    words = body.split(" ")
    i = 0
    capital = False
    while i < len(words):
        unit = next((u for u in _UNITS if " ".join(words[i : i + len(u.split())]) == u), None)
        if unit:
            out.append(unit)
            i += len(unit.split())
            capital = True
            continue
        w = words[i]
        if capital and w[:1].isalpha():
            w = w[0].upper() + w[1:]
        out.append(w)
        if w.endswith(","):
            capital = False
        if w in ("-", "–"):
            capital = True
        i += 1
    result = " ".join(out)
    if not result.startswith("khu vực"):
        result = re.sub(r"\s+[-–]\s+", ", ", result)
    for city in _CITIES:
        titled = " ".join(p[0].upper() + p[1:] for p in city.split())
        result = result.replace(f"thành phố {titled}", f"Thành phố {titled}")
    return (
        f"Tòa án nhân dân {result}" if low.startswith(prefix) else result[:1].upper() + result[1:]
    )


# -- helpers -------------------------------------------------------------------------------


def _span(s: TaggedSpan) -> Span:
    return Span(page=s.page, start=s.start, end=s.end)


def _pos(span: Span | None) -> tuple[int, int]:
    return (span.page, span.start) if span else (0, 0)


def _agree(f: Field, *, same: bool, warnings: list[str], what: str) -> Field:
    """Raise or lower the confidence of a rules value the model read too."""
    if same:
        return dataclasses.replace(
            f, confidence=round(1 - (1 - f.confidence) / 2, 4), source="hybrid"
        )
    warnings.append(f"Mô hình đọc {what} khác với luật trích xuất; cần kiểm tra.")
    return dataclasses.replace(f, confidence=round(f.confidence * 0.7, 4))


def _model_field(value: object, s: TaggedSpan) -> Field:
    return Field(
        value=value,
        confidence=round(s.score * MODEL_CONFIDENCE_FACTOR, 4),
        span=_span(s),
        source="model",
    )


def _v_or_none(f: Field | None) -> object:
    return None if f is None else f.value


def _best(spans: list[TaggedSpan], label: str) -> TaggedSpan | None:
    found = [s for s in spans if s.label == label and s.score >= MIN_SCORE]
    return max(found, key=lambda s: s.score) if found else None


_ROLE_WORDS = (
    ("nguoi co quyen loi", "related_party"),
    ("nguyen don dan su", "civil_plaintiff"),
    ("bi don dan su", "civil_defendant"),
    ("nguyen don", "plaintiff"),
    ("bi don", "defendant"),
    ("bi hai", "victim"),
    ("nguoi yeu cau", "petitioner"),
    ("bi cao", "accused"),
)


def _role_before(pages: dict[int, str], s: TaggedSpan, case_type: object) -> str | None:
    text = pages.get(s.page, "")
    line_start = text.rfind("\n", 0, s.start) + 1
    before = fold(text[max(0, s.start - 90) : s.start])
    # the role word must be in the same paragraph: cut at the last sentence end
    cut = max(before.rfind(". "), before.rfind(";"))
    near = before[cut + 1 :] if cut >= 0 else before
    for word, role in _ROLE_WORDS:
        if word in near:
            return role
    if case_type == "HS" and re.match(r"^\s*(\d+\.\s*)?$", text[line_start : s.start]):
        return "accused"
    return None


# -- refine --------------------------------------------------------------------------------


def refine(
    rules: ExtractedJudgment,
    pages: Sequence[PageInput],
    *,
    spans: Sequence[TaggedSpan] | None = None,
) -> ExtractedJudgment:
    """The rules result completed and cross-checked by the model (mode "hybrid").

    ``spans`` lets a caller pass model output already computed (tests, benchmarks).
    """
    if spans is None:
        if not available():
            return rules
        spans = model_mod.predict(pages, loaded=model_mod.get(model_mod.WEIGHTS_DIR))
    tagged = [s for s in spans if s.score >= MIN_SCORE]
    texts = {p.number: p.text for p in pages}
    warnings = list(rules.warnings)
    disp = _pos(rules.dispositive_span) if rules.dispositive_span else None

    def in_dispositive(s: TaggedSpan) -> bool:
        return disp is not None and (s.page, s.start) >= disp

    def before_dispositive(s: TaggedSpan) -> bool:
        return disp is None or (s.page, s.start) < disp

    # header fields ------------------------------------------------------------------------
    header = [t for t in tagged if t.page == 1 and t.start < HEADER_CHARS and before_dispositive(t)]
    court = rules.court
    s = _best(header, "COURT")
    if s is not None:
        value = court_name(s.text)
        if court.is_empty:
            court = _model_field(value, s)
        else:
            court = _agree(
                court,
                same=fold(value) == fold(str(court.value)),
                warnings=warnings,
                what="tên tòa án",
            )

    number = rules.judgment_number
    s = _best(header, "NUMBER")
    if s is not None:
        value = _number(s.text)
        if number.is_empty:
            number = _model_field(value, s)
        else:
            number = _agree(
                number,
                same=fold(value) == fold(_number(str(number.value))),
                warnings=warnings,
                what="số bản án",
            )

    date = rules.date
    s = _best(header, "DATE")
    parsed = parse_date(s.text) if s is not None else None
    if s is not None and parsed is not None:
        if date.is_empty:
            date = _model_field(parsed, s)
        else:
            date = _agree(date, same=parsed == date.value, warnings=warnings, what="ngày bản án")

    # parties -------------------------------------------------------------------------------
    parties = list(rules.parties)
    by_name = {fold(str(p.name.value)): i for i, p in enumerate(parties) if not p.name.is_empty}
    order = sorted(tagged, key=lambda t: (t.page, t.start))
    names = [t for t in order if t.label == "NAME" and before_dispositive(t)]
    for k, ns in enumerate(names):
        nxt = names[k + 1] if k + 1 < len(names) else None
        details = [
            t
            for t in order
            if t.label in ("BIRTH_YEAR", "ID_NUMBER", "ADDRESS")
            and (t.page, t.start) > (ns.page, ns.end)
            and (nxt is None or (t.page, t.start) < (nxt.page, nxt.start))
            and before_dispositive(t)
        ]
        found: dict[str, TaggedSpan] = {}
        for t in details:
            found.setdefault(t.label, t)
        name = _name(ns.text)
        idx = by_name.get(fold(name))
        if idx is None:
            if rules.parties:
                continue  # the rules read the parties' part: the model does not add to it
            role = _role_before(texts, ns, rules.case_type.value)
            if role is None or ns.score < MIN_SCORE_TO_ADD or len(name.split()) < 2:
                continue
            party = ExtractedParty(
                role=Field(role, round(ns.score * 0.6, 4), _span(ns), "model"),
                name=_model_field(name, ns),
            )
            parties.append(party)
            idx = len(parties) - 1
            by_name[fold(name)] = idx
        party = parties[idx]
        updates: dict[str, Field] = {}
        for label, attr in (
            ("BIRTH_YEAR", "birth_year"),
            ("ID_NUMBER", "id_number"),
            ("ADDRESS", "address"),
        ):
            t = found.get(label)
            if t is None:
                continue
            if label == "BIRTH_YEAR":
                value: object = int(t.text) if t.text.strip().isdigit() else None
            elif label == "ID_NUMBER":
                value = re.sub(r"\s", "", t.text)
                used = {str(_v_or_none(p.id_number)) for p in parties}
                if (
                    not re.fullmatch(r"\d{12}", value)
                    or t.score < MIN_SCORE_TO_ADD
                    or value in used
                ):
                    continue  # only a well-formed citizen number, read with confidence
            else:
                value = " ".join(t.text.split()).strip(" .;,")
            if value is None:
                continue
            current: Field | None = getattr(party, attr)
            if current is None or current.is_empty:
                updates[attr] = _model_field(value, t)
            else:
                same = fold(str(value)) == fold(str(current.value))
                updates[attr] = _agree(
                    current, same=same, warnings=warnings, what=f"{attr} của {name}"
                )
        if updates:
            parties[idx] = dataclasses.replace(party, **updates)

    # obligations: confirm or question, never create ---------------------------------------
    obligations = list(rules.obligations)
    if disp is not None:
        amounts = [t for t in tagged if t.label == "AMOUNT" and in_dispositive(t)]
        for i, ob in enumerate(obligations):
            if ob.amount_vnd is None or ob.amount_vnd.is_empty or ob.amount_vnd.span is None:
                continue
            sp = ob.amount_vnd.span
            hit = [
                t for t in amounts if t.page == sp.page and t.start < sp.end and sp.start < t.end
            ]
            if hit:
                same = parse_amount(hit[0].text) == ob.amount_vnd.value
                obligations[i] = dataclasses.replace(
                    ob,
                    amount_vnd=_agree(
                        ob.amount_vnd, same=same, warnings=warnings, what="số tiền nghĩa vụ"
                    ),
                )

    # court fees ---------------------------------------------------------------------------------
    fees = list(rules.court_fees)
    if disp is not None:
        known = {
            (fold(str(f.payer.value)), f.amount_vnd.value)
            for f in fees
            if not f.amount_vnd.is_empty
        }
        payers = [t for t in order if t.label == "FEE_PAYER" and in_dispositive(t)]
        for t in order:
            if t.label != "FEE_AMOUNT" or not in_dispositive(t):
                continue
            amount = parse_amount(t.text)
            if amount is None:
                continue
            payer = next(
                (
                    p
                    for p in reversed(payers)
                    if (p.page, p.start) < (t.page, t.start)
                    and p.page == t.page
                    and t.start - p.start <= 300
                ),
                None,
            )
            same_amount = [j for j, f in enumerate(fees) if f.amount_vnd.value == amount]
            if (payer is not None and (fold(_name(payer.text)), amount) in known) or (
                payer is None and same_amount
            ):
                for j in same_amount:
                    f = fees[j]
                    if f.amount_vnd.source == "rules" and (
                        payer is None or fold(str(f.payer.value)) == fold(_name(payer.text))
                    ):
                        fees[j] = dataclasses.replace(
                            f,
                            amount_vnd=_agree(
                                f.amount_vnd, same=True, warnings=warnings, what="án phí"
                            ),
                        )
                        break
                continue
            if payer is None or t.score < MIN_SCORE_TO_ADD or payer.score < MIN_SCORE_TO_ADD:
                continue
            fees.append(
                ExtractedFee(
                    payer=_model_field(_name(payer.text), payer), amount_vnd=_model_field(amount, t)
                )
            )
            known.add((fold(_name(payer.text)), amount))

    return dataclasses.replace(
        rules,
        court=court,
        judgment_number=number,
        date=date,
        parties=tuple(parties),
        obligations=tuple(obligations),
        court_fees=tuple(fees),
        mode="hybrid",
        warnings=tuple(dict.fromkeys(warnings)),
    )
