# ruff: noqa: E501 -- judgment wording templates
"""Synthetic Vietnamese court judgments with gold labels, for training and measuring extraction.

One judgment per call of :func:`make_judgment`: a case type (DS, HNGD, KDTM, LD, HC, HS), a
variant (first-instance judgment ``BA-ST``, appeal judgment ``BA-PT``, decision recognising the
parties' settlement ``QD-CNTT``), a court, parties, the facts (with money amounts that are NOT
obligations), the procurator's proposal (a trap), the reasoning, and the dispositive part with
obligations, court fees, refunds of fee advances (NOT fees), the effect clause and recipients.

Label conventions follow ``../shared/samples/judgments/labels.json``: names without Ông/Bà,
the State as "Nhà nước", confiscations with ``amount_vnd`` null, periodic maintenance as
``periodic_money`` with the amount of one instalment, joint debtors joined with " và ".
Court fee figures follow the schedule of Nghị quyết 326/2016/UBTVQH14 (Annex, section II) in a
simplified form; they are synthetic data, not a fee calculator.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from decisions.synthetic import vocab
from decisions.synthetic.document import SyntheticJudgment
from decisions.synthetic.document import Writer
from decisions.types import STATE

CT_PRINT = {"DS": "DS", "HNGD": "HNGĐ", "KDTM": "KDTM", "LD": "LĐ", "HC": "HC", "HS": "HS"}
CT_WORDS = {
    "DS": "dân sự",
    "HNGD": "hôn nhân và gia đình",
    "KDTM": "kinh doanh, thương mại",
    "LD": "lao động",
    "HC": "hành chính",
    "HS": "hình sự",
}
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO2 = ("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")
MERGER = dt.date(2025, 7, 1)


@dataclass
class Party:
    role: str
    name: str
    org: bool
    female: bool = False
    birth_year: int | None = None
    id_number: str | None = None
    address: str = ""
    place: vocab.Place | None = None

    @property
    def title(self) -> str:
        if self.org:
            return ""
        return "bà" if self.female else "ông"

    def label(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "birth_year": self.birth_year,
            "id_number": self.id_number,
            "address": self.address,
        }


def _f(amount: int) -> str:
    """1250000 -> "1.250.000"."""
    return f"{amount:,}".replace(",", ".")


def _fee_schedule(value: int) -> int:
    """Án phí dân sự sơ thẩm on a money value (simplified NQ 326/2016 Annex II.1.3)."""
    if value <= 6_000_000:
        return 300_000
    if value <= 400_000_000:
        return value * 5 // 100
    if value <= 800_000_000:
        return 20_000_000 + (value - 400_000_000) * 4 // 100
    if value <= 2_000_000_000:
        return 36_000_000 + (value - 800_000_000) * 3 // 100
    if value <= 4_000_000_000:
        return 72_000_000 + (value - 2_000_000_000) * 2 // 100
    return 112_000_000 + (value - 4_000_000_000) // 1000


def _round_amount(rng: random.Random, low: int, high: int, step: int = 1_000_000) -> int:
    return rng.randint(low // step, high // step) * step


class Builder:
    def __init__(self, rng: random.Random, case_type: str, variant: str, doc_id: str) -> None:
        self.rng = rng
        self.ct = case_type
        self.variant = variant
        self.doc_id = doc_id
        self.w = Writer(rng)
        self.parties: list[Party] = []
        self.obligations: list[dict[str, Any]] = []
        self.fees: list[dict[str, Any]] = []
        self.bullet_style = rng.choice(("num", "dash", "plus", "alpha"))
        self.unit = rng.choice(("đồng", "đồng", "đồng", "đ", "VNĐ", " đ"))
        self.words_style = rng.choice(("paren", "paren", "bang_chu", "none"))
        self.judge = vocab.person_name(rng, female=rng.random() < 0.5)
        self.clerk = vocab.person_name(rng, female=rng.random() < 0.6)
        self.procurator = vocab.person_name(rng, female=rng.random() < 0.4)

    # -- small writers ---------------------------------------------------------------------

    def bullet(self, i: int) -> str:
        return {
            "num": f"{i}. ",
            "dash": "- ",
            "plus": "+ ",
            "alpha": f"{'abcdefghijklmnop'[i - 1]}) ",
        }[self.bullet_style]

    def money(self, amount: int, label: str | None) -> list[Any]:
        """Figures (tagged), unit, and maybe the amount in words."""
        from thads.money import vnd_in_words

        figures = f"{_f(amount)}"
        unit = self.unit
        if unit == " đ":
            segs: list[Any] = [(figures, label, amount) if label else figures, " đ"]
        elif unit == "đ":
            segs = [(figures, label, amount) if label else figures, "đ"]
        else:
            segs = [(figures, label, amount) if label else figures, f" {unit}"]
        words = vnd_in_words(amount)
        if self.rng.random() < 0.3:
            words = words.replace("nghìn", "ngàn")
        if self.words_style == "paren":
            segs.append(f" ({words})")
        elif self.words_style == "bang_chu":
            segs.append(f" (Bằng chữ: {words[0].lower() + words[1:]})")
        return segs

    def who(self, p: Party, label: str | None, *, with_role: bool = False) -> list[Any]:
        """A reference to a party: "ông Nguyễn Văn A" with the name tagged."""
        prefix = ""
        if with_role:
            prefix = ROLE_WORDS.get(p.role, "")
            prefix = f"{prefix} " if prefix else ""
        title = f"{p.title} " if p.title and self.rng.random() < 0.85 else ""
        if p.role == "accused":
            title = ""
        name: Any = (p.name, label, p.name) if label else p.name
        return [prefix + title, name]

    def date_words(self, d: dt.date) -> str:
        style = self.rng.random()
        if style < 0.4:
            return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
        if style < 0.7:
            return f"ngày {d.day} tháng {d.month} năm {d.year}"
        return f"ngày {d.day:02d}/{d.month:02d}/{d.year}"

    def other_date(self, before: dt.date, days: tuple[int, int]) -> dt.date:
        return before - dt.timedelta(days=self.rng.randint(*days))

    # -- parties ---------------------------------------------------------------------------

    def person(self, role: str, *, near: vocab.Place | None = None, adult: bool = True) -> Party:
        rng = self.rng
        female = rng.random() < 0.45
        by = rng.randint(1950, 2003) if adult else rng.randint(1960, 2004)
        pl = near if (near and rng.random() < 0.6) else vocab.place(rng)
        if near and pl is near:
            pl = vocab.place(rng, province_code=near.code)
        idn = None
        if rng.random() < 0.6:
            idn = vocab.id_number(rng, birth_year=by, female=female, province_code=pl.code)
        return Party(
            role,
            vocab.person_name(rng, female=female),
            False,
            female,
            by,
            idn,
            vocab.street_address(rng, pl),
            pl,
        )

    def org(self, role: str, name: str, *, near: vocab.Place | None = None) -> Party:
        pl = (
            vocab.place(self.rng, province_code=near.code)
            if near and self.rng.random() < 0.5
            else vocab.place(self.rng)
        )
        return Party(role, name, True, address=vocab.street_address(self.rng, pl), place=pl)

    def intro(self, p: Party, heading: str) -> None:
        """The paragraph introducing a party (name, birth year, id number, address)."""
        rng = self.rng
        segs: list[Any] = [heading]
        if p.org:
            segs += [(p.name, "NAME", p.name, p.role)]
            segs += [rng.choice(("; địa chỉ trụ sở: ", "; trụ sở: ", "; địa chỉ: ", ". Địa chỉ: "))]
            segs += [(p.address, "ADDRESS", p.address), "."]
            if rng.random() < 0.7:
                rep = vocab.person_name(rng, female=rng.random() < 0.5)
                d = self.other_date(self.date, (30, 400))
                segs += [
                    f" Người đại diện theo ủy quyền: {rng.choice(('Ông', 'Bà'))} {rep} "
                    f"(Văn bản ủy quyền số {rng.randint(1, 999)}/{d.year}/UQ {self.date_words(d)}).",
                    rng.choice((" Có mặt.", " Vắng mặt.", " Có đơn xin xét xử vắng mặt.", "")),
                ]
            self.w.para(*segs)
            return
        title = {True: "Bà ", False: "Ông "}[p.female] if p.role != "accused" else ""
        if p.role != "accused" and (p.birth_year or 0) > 1985 and rng.random() < 0.3:
            title = "Anh " if not p.female else "Chị "
        segs += [title, (p.name, "NAME", p.name, p.role)]
        r = rng.random()
        if r < 0.6:
            segs += [", sinh năm ", (str(p.birth_year), "BIRTH_YEAR", p.birth_year)]
        elif r < 0.85:
            segs += [
                f", sinh ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/",
                (str(p.birth_year), "BIRTH_YEAR", p.birth_year),
            ]
        else:
            segs += [
                f", sinh ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm ",
                (str(p.birth_year), "BIRTH_YEAR", p.birth_year),
            ]
        if p.role == "accused":
            segs += [f" tại {p.place.province if p.place else 'tỉnh Nghệ An'}"]
        if p.id_number:
            label = rng.choice(
                (
                    "; CCCD số: ",
                    "; Căn cước công dân số ",
                    "; số định danh cá nhân: ",
                    "; CCCD số ",
                    ", số CCCD: ",
                    "; Căn cước số ",
                )
            )
            segs += [label, (p.id_number, "ID_NUMBER", p.id_number)]
            if rng.random() < 0.4:
                issued = self.other_date(self.date, (200, 2500))
                segs += [f" cấp ngày {issued.day:02d}/{issued.month:02d}/{issued.year}"]
        addr_label = rng.choice(
            (
                "; địa chỉ: ",
                "; cư trú tại: ",
                "; nơi cư trú: ",
                "; trú tại: ",
                "; địa chỉ thường trú: ",
                "; HKTT: ",
                ". Địa chỉ: ",
            )
        )
        segs += [addr_label, (p.address, "ADDRESS", p.address)]
        if p.role == "accused":
            job = rng.choice(vocab.JOBS)
            father = vocab.person_name(rng, female=False)
            mother = vocab.person_name(rng, female=True)
            segs += [
                f"; nghề nghiệp: {job}; trình độ văn hoá: {rng.randint(5, 12)}/12; dân tộc: Kinh; "
                f"giới tính: {'Nữ' if p.female else 'Nam'}; tôn giáo: Không; quốc tịch: Việt Nam; "
                f"con ông {father} và bà {mother}; tiền án, tiền sự: Không. "
                + rng.choice(
                    (
                        f"Bị cáo bị tạm giữ, tạm giam từ ngày {self.other_date(self.date, (60, 200)):%d/%m/%Y} đến nay, có mặt.",
                        "Bị cáo bị áp dụng biện pháp cấm đi khỏi nơi cư trú, có mặt.",
                        "Bị cáo đang tại ngoại, có mặt.",
                    )
                )
            ]
        else:
            segs += [rng.choice((". Có mặt.", ". Vắng mặt.", ". (Có mặt)", ".", "; có mặt."))]
        self.w.para(*segs)

    # -- court, header ---------------------------------------------------------------------

    def pick_court(self) -> None:
        rng = self.rng
        start = dt.date(2020, 1, 1)
        self.date = start + dt.timedelta(days=rng.randint(0, (dt.date(2026, 10, 31) - start).days))
        self.home = vocab.place(rng)
        prov = self.home.province
        prov_cap = prov[0].upper() + prov[1:]
        if self.variant == "BA-PT":
            self.court = f"Tòa án nhân dân {prov}"
            self.court_header = ["TÒA ÁN NHÂN DÂN", prov.upper()]
            self.court_kind = "provincial"
            # the first-instance court (a trap name in the text)
            self.lower_court = self._local_court(rng, prov)[0]
        else:
            self.court, self.court_header = self._local_court(rng, prov)
            self.court_kind = "local"
        self.court_cap = prov_cap

    def _local_court(self, rng: random.Random, prov: str) -> tuple[str, list[str]]:
        if self.date >= MERGER:
            n = rng.randint(1, 12 if self.home.is_city else 6)
            region = prov if self.home.is_city else self.home.province_bare
            name = f"Tòa án nhân dân khu vực {n} - {region}"
            return name, ["TÒA ÁN NHÂN DÂN", f"KHU VỰC {n} - {region.upper()}"]
        kind = rng.choice(
            ("huyện", "thành phố", "thị xã", "quận" if self.home.is_city else "huyện")
        )
        local = vocab.place(rng, province_code=self.home.code).ward_bare
        name = f"Tòa án nhân dân {kind} {local}, {prov}"
        return name, ["TÒA ÁN NHÂN DÂN", f"{kind.upper()} {local.upper()}", prov.upper()]

    def number(self) -> str:
        seq = self.rng.randint(1, 2500)
        ct = CT_PRINT[self.ct]
        if self.variant == "QD-CNTT":
            return f"{seq:02d}/{self.date.year}/QĐST-{ct}"
        stage = "PT" if self.variant == "BA-PT" else "ST"
        return f"{seq:02d}/{self.date.year}/{ct}-{stage}"

    def header(self) -> None:
        rng = self.rng
        w = self.w
        self.jnum = self.number()
        left = self.court_header
        right = [MOTTO, rng.choice(MOTTO2)]
        rows = max(len(left), len(right))
        left = left + [""] * (rows - len(left))
        right = right + [""] * (rows - len(right))
        gap = rng.choice((1, 2, 6))
        for lt, rt in zip(left, right, strict=True):
            if lt and rt:
                w.columns([lt], [rt], gap=gap)
            elif lt:
                w.para(lt, style="center")
            else:
                w.columns([" " * 20], [rt], gap=gap)
        d = self.date
        num_print = self.jnum
        if rng.random() < 0.1:  # a stray space before the slash, as in real scans
            num_print = num_print.replace("/", " /", 1)
        num_seg = (num_print, "NUMBER", self.jnum)
        if self.variant == "QD-CNTT":
            place_name = self.home.province_bare
            date_txt = f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
            w.columns(
                [rng.choice(("Số: ", "Số:", "Quyết định số: ")), num_seg],
                [f"{place_name}, ", (date_txt, "DATE", d.isoformat())],
            )
            w.para("QUYẾT ĐỊNH", style="title")
            w.para("CÔNG NHẬN SỰ THỎA THUẬN CỦA CÁC ĐƯƠNG SỰ", style="title")
            w.para((self.court.upper(), "COURT", self.court), style="title")
            return
        w.para(rng.choice(("Bản án số: ", "Bản án số ", "Số: ", "BẢN ÁN ")), num_seg, style="bold")
        r = rng.random()
        if r < 0.4:
            date_txt = f"{d.day} - {d.month} - {d.year}"
        elif r < 0.7:
            date_txt = f"{d.day:02d}/{d.month:02d}/{d.year}"
        else:
            date_txt = f"{d.day:02d} tháng {d.month:02d} năm {d.year}"
        w.para("Ngày: ", (date_txt, "DATE", d.isoformat()))
        if rng.random() < 0.6:
            w.para(f"V/v {self.dispute}", style="center")
        w.para("NHÂN DANH", style="title")
        w.para("NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="title")
        w.para((self.court.upper(), "COURT", self.court), style="title")

    def panel(self) -> None:
        rng = self.rng
        w = self.w
        stage = "phúc thẩm" if self.variant == "BA-PT" else "sơ thẩm"
        w.para(f"- Thành phần Hội đồng xét xử {stage} gồm có:")
        w.para(f"Thẩm phán - Chủ tọa phiên tòa: {rng.choice(('Ông', 'Bà'))} {self.judge}")
        if self.variant == "BA-PT":
            w.para(
                f"Các Thẩm phán: Ông {vocab.person_name(rng, female=False)} và Bà "
                f"{vocab.person_name(rng, female=True)}"
            )
        else:
            w.para(
                f"Các Hội thẩm nhân dân: Ông {vocab.person_name(rng, female=False)}; "
                f"Bà {vocab.person_name(rng, female=True)}."
            )
        w.para(
            f"- Thư ký phiên tòa: Bà {self.clerk} - Thư ký Tòa án nhân dân "
            f"{self.court.removeprefix('Tòa án nhân dân ')}."
        )
        if self.ct in ("HS", "HC") or rng.random() < 0.5:
            w.para(
                f"- Đại diện Viện kiểm sát nhân dân {self.court.removeprefix('Tòa án nhân dân ')} "
                f"tham gia phiên tòa: Ông {self.procurator} - Kiểm sát viên."
            )

    def opening(self) -> None:
        rng = self.rng
        w = self.w
        d = self.date
        accept = self.other_date(d, (60, 500))
        ct = CT_PRINT[self.ct]
        stage = "PT" if self.variant == "BA-PT" else "ST"
        hearing = "phúc thẩm" if self.variant == "BA-PT" else "sơ thẩm"
        court_body = [
            ("Tòa án nhân dân " + self.court.removeprefix("Tòa án nhân dân "), "COURT", self.court)
        ]
        intro = [f"{self.date_words(d).capitalize()} tại trụ sở ", *court_body]
        if self.ct == "HS":
            w.para(
                *intro,
                f" xét xử {hearing} công khai vụ án hình sự thụ lý số {rng.randint(1, 900):02d}/"
                f"{accept.year}/TL{stage}-HS {self.date_words(accept)} theo Quyết định đưa vụ án ra "
                f"xét xử số {rng.randint(1, 900)}/{d.year}/QĐXX{stage}-HS đối với bị cáo:",
            )
        else:
            w.para(
                *intro,
                f" xét xử {hearing} công khai vụ án {CT_WORDS[self.ct]} thụ lý số "
                f"{rng.randint(1, 900):02d}/{accept.year}/TL{stage}-{ct} {self.date_words(accept)} "
                f'về việc "{self.dispute}" theo Quyết định đưa vụ án ra xét xử số '
                f"{rng.randint(1, 900)}/{d.year}/QĐXX{stage}-{ct} giữa các đương sự:",
            )
        if self.variant == "BA-PT":
            st_date = self.other_date(d, (60, 200))
            st_num = f"{rng.randint(1, 500):02d}/{st_date.year}/{ct}-ST"
            self.appeal_ref = (st_num, st_date)
            w.para(
                f"Do Bản án {CT_WORDS[self.ct]} sơ thẩm số {st_num} {self.date_words(st_date)} "
                f"của {self.lower_court} bị kháng cáo."
            )

    def intro_parties(self) -> None:
        heads = {
            "plaintiff": ("Nguyên đơn: ", "- Nguyên đơn: ", "1. Nguyên đơn: "),
            "defendant": ("Bị đơn: ", "- Bị đơn: ", "2. Bị đơn: "),
            "related_party": (
                "Người có quyền lợi, nghĩa vụ liên quan: ",
                "- Người có quyền lợi, nghĩa vụ liên quan: ",
                "3. Người có quyền lợi, nghĩa vụ liên quan: ",
            ),
            "accused": ("", "", ""),
            "victim": ("Bị hại: ", "- Bị hại: ", "* Bị hại: "),
            "petitioner": ("Người yêu cầu: ", "- Người yêu cầu: ", "1. Người yêu cầu: "),
        }
        style = self.rng.randint(0, 2)
        for p in self.parties:
            if p.role == "accused":
                continue
            self.intro(p, heads[p.role][style])

    def facts(self, trap_sentences: list[str]) -> None:
        w = self.w
        heading = self.rng.choice(("NỘI DUNG VỤ ÁN:", "NỘI DUNG VỤ ÁN", "NỘI DUNG VỤ VIỆC:"))
        w.para(heading, style="title")
        for s in trap_sentences:
            w.para(s)

    def reasoning(self, sentences: list[str]) -> None:
        w = self.w
        heading = self.rng.choice(("NHẬN ĐỊNH CỦA TÒA ÁN:", "NHẬN ĐỊNH CỦA TÒA ÁN", "XÉT THẤY:"))
        w.para(heading, style="title")
        w.para(
            "Trên cơ sở nội dung vụ án, căn cứ vào các tài liệu trong hồ sơ vụ án đã được tranh "
            "tụng tại phiên tòa, Hội đồng xét xử nhận định như sau:"
        )
        for i, s in enumerate(sentences, start=1):
            w.para(f"[{i}] {s}")

    def dispositive_heading(self, bases: str) -> None:
        w = self.w
        w.para("Vì các lẽ trên,")
        w.para(self.rng.choice(("QUYẾT ĐỊNH:", "QUYẾT ĐỊNH", "QUYẾT  ĐỊNH:")), style="title")
        w.para(bases)

    def interest_clause(self) -> None:
        self.w.para(
            "Kể từ ngày có đơn yêu cầu thi hành án của người được thi hành án, nếu người phải thi "
            "hành án chậm trả tiền thì hàng tháng còn phải chịu thêm khoản tiền lãi đối với số tiền "
            "chậm trả theo mức lãi suất quy định tại khoản 2 Điều 468 của Bộ luật Dân sự năm 2015, "
            "tương ứng với thời gian chậm thi hành án (Điều 357 Bộ luật Dân sự)."
        )

    def oblige(
        self,
        debtors: list[Party] | str,
        creditor: Party | str,
        kind: str,
        amount: int | None,
        description: str,
        segs: list[Any],
    ) -> None:
        debtor = debtors if isinstance(debtors, str) else " và ".join(p.name for p in debtors)
        cred = creditor if isinstance(creditor, str) else creditor.name
        self.obligations.append(
            {
                "debtor": debtor,
                "creditor": cred,
                "kind": kind,
                "amount_vnd": amount,
                "description": description,
            }
        )
        self.w.para(*segs)

    def fee(self, payer: Party, amount: int, what: str, *, paid_from_advance: bool = False) -> None:
        rng = self.rng
        self.fees.append({"payer": payer.name, "amount_vnd": amount})
        verb = rng.choice(("phải chịu", "phải nộp", "chịu"))
        who = self.who(payer, "FEE_PAYER", with_role=rng.random() < 0.5)
        if who[0]:
            who[0] = who[0][0].upper() + who[0][1:]
        segs: list[Any] = [
            "- ",
            *who,
            f" {verb} {what} là ",
            *self.money(amount, "FEE_AMOUNT"),
            ".",
        ]
        if paid_from_advance:
            segs.append(
                f" Được khấu trừ vào số tiền tạm ứng án phí đã nộp theo Biên lai thu số "
                f"{rng.randint(1, 9999999):07d}."
            )
        self.w.para(*segs)

    def refund(self, p: Party, amount: int) -> None:
        """A refund of the fee advance: money in the dispositive part that is NOT a fee."""
        rng = self.rng
        d = self.other_date(self.date, (100, 700))
        series = f"AA/{d.year}/{rng.randint(1, 9999999):07d}"
        agency = (
            f"Phòng Thi hành án dân sự khu vực {rng.randint(1, 9)} - {self.court_cap}"
            if self.date >= MERGER
            else f"Chi cục Thi hành án dân sự {self.court.removeprefix('Tòa án nhân dân ')}"
        )
        self.w.para(
            "- Hoàn trả cho ",
            *self.who(p, None, with_role=True),
            " số tiền tạm ứng án phí đã nộp là ",
            *self.money(amount, None),
            f" theo Biên lai thu tiền số {series} {self.date_words(d)} của {agency}.",
        )

    def closing(self) -> None:
        rng = self.rng
        w = self.w
        if self.variant == "QD-CNTT":
            w.para(
                "Quyết định này có hiệu lực pháp luật ngay sau khi được ban hành và không bị kháng "
                "cáo, kháng nghị theo thủ tục phúc thẩm."
            )
        elif self.variant == "BA-PT":
            w.para("Bản án phúc thẩm có hiệu lực pháp luật kể từ ngày tuyên án.")
        else:
            w.para(
                "Các đương sự có quyền kháng cáo bản án trong hạn 15 ngày kể từ ngày tuyên án; đương "
                "sự vắng mặt có quyền kháng cáo trong hạn 15 ngày kể từ ngày nhận được bản án hoặc "
                "bản án được niêm yết."
            )
        w.para(
            "Trường hợp bản án, quyết định được thi hành theo quy định tại Điều 2 Luật Thi hành án "
            "dân sự thì người được thi hành án dân sự, người phải thi hành án dân sự có quyền thỏa "
            "thuận thi hành án, quyền yêu cầu thi hành án, tự nguyện thi hành án hoặc bị cưỡng chế "
            "thi hành án theo quy định tại các Điều 6, 7, 7a và 9 Luật Thi hành án dân sự; thời hiệu "
            "thi hành án được thực hiện theo quy định tại Điều 30 Luật Thi hành án dân sự."
        )
        agency = (
            f"- Phòng Thi hành án dân sự khu vực {rng.randint(1, 9)};"
            if self.date >= MERGER
            else f"- THADS {self.home.province_bare};"
        )
        sign = "THẨM PHÁN" if self.variant == "QD-CNTT" else "TM. HỘI ĐỒNG XÉT XỬ"
        rows = [
            ("Nơi nhận:", sign),
            (
                "- Các đương sự;",
                "THẨM PHÁN - CHỦ TỌA PHIÊN TÒA" if self.variant != "QD-CNTT" else "",
            ),
            ("- VKSND cùng cấp;", "(Đã ký)"),
            (agency, ""),
            ("- Lưu hồ sơ vụ án.", self.judge),
        ]
        for lt, rt in rows:
            if rt:
                w.columns([lt], [rt], gap=rng.choice((4, 10, 20)), style="columns_left")
            else:
                w.para(lt)

    def labels(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "court": self.court,
            "judgment_number": self.jnum,
            "date": self.date.isoformat(),
            "case_type": self.ct,
            "parties": [p.label() for p in self.parties],
            "obligations": self.obligations,
            "court_fees": self.fees,
        }


ROLE_WORDS = {
    "plaintiff": "nguyên đơn",
    "defendant": "bị đơn",
    "related_party": "người có quyền lợi, nghĩa vụ liên quan",
    "accused": "bị cáo",
    "victim": "bị hại",
    "petitioner": "người yêu cầu",
}


def _bases(b: Builder, laws: str) -> str:
    return f"Căn cứ {laws}; Nghị quyết số 326/2016/UBTVQH14 ngày 30/12/2016 của Ủy ban Thường vụ Quốc hội quy định về mức thu, miễn, giảm, thu, nộp, quản lý và sử dụng án phí và lệ phí Tòa án;"


# -- per case type -------------------------------------------------------------------------


def _civil_common(b: Builder) -> tuple[str, list[str]]:
    """Shared opening of a civil-procedure case (everything except HS)."""
    b.pick_court()
    b.header()
    if b.variant == "QD-CNTT":
        d = b.date
        accept = b.other_date(d, (60, 500))
        b.w.para(
            "Căn cứ vào Điều 212 và Điều 213 của Bộ luật Tố tụng dân sự; Căn cứ vào biên bản hòa "
            f"giải thành {b.date_words(b.other_date(d, (7, 10)))} về việc các đương sự thỏa thuận được "
            f"với nhau về việc giải quyết toàn bộ vụ án {CT_WORDS[b.ct]} thụ lý số "
            f"{b.rng.randint(1, 900)}/{accept.year}/TLST-{CT_PRINT[b.ct]} {b.date_words(accept)}, "
            f'về việc "{b.dispute}".'
        )
        b.w.para("XÉT THẤY:", style="title")
        b.w.para(
            "Các thỏa thuận của các đương sự được ghi trong biên bản hòa giải thành về việc giải "
            "quyết toàn bộ vụ án là tự nguyện; nội dung thỏa thuận giữa các đương sự không vi phạm "
            "điều cấm của luật và không trái đạo đức xã hội. Đã hết thời hạn 07 ngày, kể từ ngày lập "
            "biên bản hòa giải thành, không có đương sự nào thay đổi ý kiến về sự thỏa thuận đó."
        )
        b.w.para("QUYẾT ĐỊNH:", style="title")
        b.w.para("1. Công nhận sự thỏa thuận của các đương sự:")
        b.intro_parties()
        b.w.para("2. Sự thỏa thuận của các đương sự cụ thể như sau:")
        return "qd", []
    b.panel()
    b.opening()
    b.intro_parties()
    return "ba", []


def _ds(b: Builder) -> None:
    rng = b.rng
    b.dispute = rng.choice(
        (
            "Tranh chấp hợp đồng vay tài sản",
            "Tranh chấp hợp đồng mua bán tài sản",
            "Tranh chấp đòi lại tài sản",
            "Tranh chấp hợp đồng đặt cọc",
            "Tranh chấp bồi thường thiệt hại ngoài hợp đồng",
        )
    )
    plaintiff = b.person("plaintiff")
    defendants = [b.person("defendant")]
    joint = rng.random() < 0.35
    if joint:
        spouse = b.person("defendant", near=defendants[0].place)
        spouse.female = not defendants[0].female
        spouse.name = vocab.person_name(rng, female=spouse.female)
        spouse.address = defendants[0].address
        defendants.append(spouse)
    b.parties = [plaintiff, *defendants]
    related = None
    if rng.random() < 0.3:
        related = b.person("related_party")
        b.parties.append(related)
    principal = _round_amount(rng, 20_000_000, 1_500_000_000, 500_000)
    interest = _round_amount(rng, 0, principal // 3, 1_000) if rng.random() < 0.7 else 0
    total = principal + interest
    kind, _ = _civil_common(b)
    contract = b.other_date(b.date, (400, 1500))
    if kind == "ba":
        b.facts(
            [
                f"Theo đơn khởi kiện, nguyên đơn trình bày: {b.date_words(contract).capitalize()}, "
                f"{plaintiff.title or ''} {plaintiff.name} cho {defendants[0].name} vay số tiền "
                f"{_f(principal)} đồng, lãi suất thỏa thuận 1,5%/tháng. Bị đơn đã trả được "
                f"{_f(_round_amount(rng, 1_000_000, 30_000_000))} đồng tiền lãi rồi ngừng trả.",
                f"Nguyên đơn yêu cầu bị đơn trả {_f(total + _round_amount(rng, 1_000_000, 50_000_000))} "
                "đồng gồm nợ gốc và lãi; bị đơn thừa nhận có vay nhưng xin trả dần mỗi tháng "
                f"{_f(_round_amount(rng, 2_000_000, 10_000_000))} đồng.",
            ]
        )
        b.reasoning(
            [
                f'Về quan hệ tranh chấp: đây là vụ án "{b.dispute}" thuộc thẩm quyền giải quyết '
                "của Tòa án theo khoản 3 Điều 26, Điều 35 và Điều 39 của Bộ luật Tố tụng dân sự.",
                f"Yêu cầu của nguyên đơn được chấp nhận một phần: buộc bị đơn trả nợ gốc "
                f"{_f(principal)} đồng và tiền lãi {_f(interest)} đồng.",
                "Về án phí: bị đơn phải chịu án phí dân sự sơ thẩm trên số tiền phải trả theo quy "
                "định tại Điều 147 Bộ luật Tố tụng dân sự.",
            ]
        )
        b.dispositive_heading(
            _bases(
                b,
                "khoản 3 Điều 26, Điều 35, Điều 147, Điều 271, Điều 273 Bộ luật Tố tụng dân sự; "
                "các Điều 357, 463, 466, 468 Bộ luật Dân sự năm 2015",
            )
        )
        if b.variant == "BA-PT":
            b.w.para(
                f"{b.bullet(1)}Không chấp nhận kháng cáo của bị đơn. Giữ nguyên Bản án dân sự sơ thẩm số "
                f"{b.appeal_ref[0]} của {b.lower_court}."
            )
        b.w.para(f"{b.bullet(2)}Chấp nhận một phần yêu cầu khởi kiện của nguyên đơn.")
    verb = "liên đới trả" if joint else rng.choice(("trả", "thanh toán", "có nghĩa vụ trả"))
    debtor_segs: list[Any] = []
    for i, d in enumerate(defendants):
        if i:
            debtor_segs.append(" và ")
        debtor_segs += b.who(d, "DEBTOR")
    parts = ""
    if interest:
        parts = f", trong đó nợ gốc {_f(principal)} đồng, tiền lãi {_f(interest)} đồng"
    b.oblige(
        defendants,
        plaintiff,
        "money",
        total,
        f"Trả nợ gốc và lãi ({b.dispute.lower()})",
        [
            "Buộc " if b.variant != "QD-CNTT" else "",
            *debtor_segs,
            f" {'phải ' if b.variant != 'QD-CNTT' else ''}{verb} cho ",
            *b.who(plaintiff, "CREDITOR"),
            " số tiền ",
            *b.money(total, "AMOUNT"),
            parts + ".",
        ],
    )
    if b.variant == "QD-CNTT" and rng.random() < 0.6:
        deadline = b.date + dt.timedelta(days=rng.randint(20, 120))
        b.w.para(f"Thời hạn thanh toán: chậm nhất đến ngày {deadline:%d/%m/%Y}.")
    b.interest_clause()
    if rng.random() < 0.3:
        asset = rng.choice(
            (
                "01 xe mô tô hiệu Honda Wave biển số 59X1-234.56",
                "01 tivi Samsung 55 inch",
                "01 bộ bàn ghế gỗ",
            )
        )
        d0 = defendants[0]
        b.oblige(
            [d0],
            plaintiff,
            "asset",
            None,
            f"Trả lại {asset}",
            [
                "Buộc ",
                *b.who(d0, "DEBTOR"),
                " trả lại cho ",
                *b.who(plaintiff, "CREDITOR"),
                f" {asset}.",
            ],
        )
    b.w.para(rng.choice(("Về án phí:", "3. Về án phí dân sự sơ thẩm:", "- Án phí:")))
    fee = _fee_schedule(total)
    if b.variant == "QD-CNTT":
        fee //= 2
        what = "án phí dân sự sơ thẩm (50% do hòa giải thành)"
    else:
        what = "án phí dân sự sơ thẩm"
    if joint and rng.random() < 0.5:
        # each spouse pays half
        for d in defendants:
            b.fee(d, fee // 2, what)
    else:
        b.fee(defendants[0], fee, what)
    if b.variant == "BA-PT":
        b.fee(defendants[0], 300_000, "án phí dân sự phúc thẩm", paid_from_advance=True)
    b.refund(plaintiff, _round_amount(rng, 300_000, max(400_000, fee // 2), 1_000))
    b.closing()


def _hngd(b: Builder) -> None:
    rng = b.rng
    b.dispute = rng.choice(
        (
            "Ly hôn, tranh chấp nuôi con, chia tài sản khi ly hôn",
            "Ly hôn",
            "Tranh chấp về nuôi con, cấp dưỡng",
        )
    )
    plaintiff = b.person("plaintiff")
    defendant = b.person("defendant", near=plaintiff.place)
    defendant.female = not plaintiff.female
    defendant.name = vocab.person_name(rng, female=defendant.female)
    b.parties = [plaintiff, defendant]
    kind, _ = _civil_common(b)
    child = vocab.person_name(rng, female=rng.random() < 0.5)
    child_by = rng.randint(max(plaintiff.birth_year or 1980, 2008) + 1, b.date.year - 1)
    mother, father = (plaintiff, defendant) if plaintiff.female else (defendant, plaintiff)
    monthly = rng.choice((1_500_000, 2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000))
    split = _round_amount(rng, 50_000_000, 900_000_000, 1_000_000) if rng.random() < 0.5 else 0
    if kind == "ba":
        b.facts(
            [
                f"{plaintiff.name} và {defendant.name} kết hôn năm {rng.randint(2005, 2018)}, có đăng ký kết hôn tại "
                f"Ủy ban nhân dân {plaintiff.place.ward if plaintiff.place else 'xã'}. Quá trình chung sống phát sinh "
                "mâu thuẫn, vợ chồng đã sống ly thân.",
                f"Về tài sản chung: hai bên có căn nhà trị giá khoảng {_f(_round_amount(rng, 500_000_000, 3_000_000_000))} "
                f"đồng và khoản nợ chung {_f(_round_amount(rng, 10_000_000, 200_000_000))} đồng.",
                f"Nguyên đơn yêu cầu bị đơn cấp dưỡng nuôi con mỗi tháng {_f(monthly + 1_000_000)} đồng.",
            ]
        )
        b.reasoning(
            [
                "Mâu thuẫn vợ chồng đã trầm trọng, đời sống chung không thể kéo dài, mục đích hôn "
                "nhân không đạt được nên chấp nhận yêu cầu ly hôn theo Điều 56 Luật Hôn nhân và gia đình.",
                "Về cấp dưỡng: căn cứ Điều 82, 83 Luật Hôn nhân và gia đình, xét khả năng kinh tế của "
                f"bên không trực tiếp nuôi con, buộc cấp dưỡng mỗi tháng {_f(monthly)} đồng là phù hợp.",
            ]
        )
        b.dispositive_heading(
            _bases(
                b,
                "các Điều 28, 35, 39, 147 Bộ luật Tố tụng dân sự; các Điều 51, 56, 59, 81, 82, 83 Luật Hôn nhân và gia đình năm 2014",
            )
        )
        b.w.para(
            f"{b.bullet(1)}Xử cho {plaintiff.title} {plaintiff.name} được ly hôn với {defendant.title} {defendant.name}."
        )
    else:
        b.w.para(
            f"{b.bullet(1)}Thuận tình ly hôn giữa {plaintiff.title} {plaintiff.name} và {defendant.title} {defendant.name}."
        )
    b.w.para(
        f"{b.bullet(2)}Về con chung: Giao con chung là cháu {child}, sinh năm {child_by} cho "
        f"{mother.title} {mother.name} trực tiếp trông nom, chăm sóc, nuôi dưỡng."
    )
    b.oblige(
        [father],
        mother,
        "periodic_money",
        monthly,
        "Cấp dưỡng nuôi con chung hàng tháng đến khi con đủ 18 tuổi",
        [
            *b.who(father, "DEBTOR"),
            " có nghĩa vụ cấp dưỡng nuôi con chung cho ",
            *b.who(mother, "CREDITOR"),
            " mỗi tháng ",
            *b.money(monthly, "AMOUNT"),
            f", kể từ tháng {b.date.month:02d}/{b.date.year} cho đến khi cháu {child} đủ 18 tuổi.",
        ],
    )
    if split:
        payer, payee = (plaintiff, defendant) if rng.random() < 0.5 else (defendant, plaintiff)
        b.w.para(
            f"{b.bullet(3)}Về tài sản chung: Giao cho {payer.title} {payer.name} được quyền sở hữu căn nhà và quyền sử dụng đất."
        )
        b.oblige(
            [payer],
            payee,
            "money",
            split,
            "Thanh toán giá trị chênh lệch tài sản chung khi ly hôn",
            [
                *b.who(payer, "DEBTOR"),
                " có nghĩa vụ thanh toán cho ",
                *b.who(payee, "CREDITOR"),
                " giá trị chênh lệch tài sản là ",
                *b.money(split, "AMOUNT"),
                ".",
            ],
        )
        b.interest_clause()
    b.w.para("Về án phí:")
    half = 2 if b.variant == "QD-CNTT" else 1
    b.fee(
        plaintiff,
        300_000 // half,
        "án phí hôn nhân và gia đình sơ thẩm",
        paid_from_advance=rng.random() < 0.5,
    )
    b.fee(father, 300_000 // half, "án phí cấp dưỡng nuôi con")
    if split:
        b.fee(
            payer,
            _fee_schedule(split) // half,
            "án phí dân sự sơ thẩm đối với phần tài sản được chia",
        )
    if b.variant == "BA-PT":
        b.fee(defendant, 300_000, "án phí dân sự phúc thẩm", paid_from_advance=True)
    b.closing()


def _kdtm(b: Builder) -> None:
    rng = b.rng
    b.dispute = rng.choice(
        (
            "Tranh chấp hợp đồng tín dụng",
            "Tranh chấp hợp đồng mua bán hàng hóa",
            "Tranh chấp hợp đồng dịch vụ",
        )
    )
    credit = "tín dụng" in b.dispute
    plaintiff = b.org("plaintiff", rng.choice(vocab.BANKS) if credit else vocab.company_name(rng))
    defendant = b.org("defendant", vocab.company_name(rng))
    b.parties = [plaintiff, defendant]
    guarantor = None
    if rng.random() < 0.5:
        guarantor = b.person("related_party")
        b.parties.append(guarantor)
    principal = _round_amount(rng, 200_000_000, 9_000_000_000, 1_000)
    in_term = _round_amount(rng, 0, principal // 5, 1)
    overdue = _round_amount(rng, 0, principal // 10, 1)
    total = principal + in_term + overdue
    kind, _ = _civil_common(b)
    contract = f"{rng.randint(1, 999):03d}/{rng.randint(2015, 2023)}/HĐTD"
    if kind == "ba":
        b.facts(
            [
                f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2016, 2023)}, {plaintiff.name} và "
                f"{defendant.name} ký Hợp đồng số {contract}, hạn mức {_f(principal + _round_amount(rng, 100_000_000, 900_000_000))} đồng. "
                f"Bị đơn đã thanh toán được {_f(_round_amount(rng, 10_000_000, 500_000_000))} đồng rồi vi phạm nghĩa vụ.",
                f"Tài sản bảo đảm là quyền sử dụng đất trị giá {_f(_round_amount(rng, 1_000_000_000, 9_000_000_000))} đồng "
                f"theo Hợp đồng thế chấp số {contract}/TC.",
            ]
        )
        b.reasoning(
            [
                "Hợp đồng được ký kết tự nguyện, đúng quy định pháp luật nên có hiệu lực; bị đơn vi phạm "
                "nghĩa vụ thanh toán nên yêu cầu của nguyên đơn là có căn cứ theo Điều 91, 95 Luật Các tổ chức tín dụng.",
            ]
        )
        b.dispositive_heading(
            _bases(
                b,
                "khoản 1 Điều 30, Điều 35, Điều 147 Bộ luật Tố tụng dân sự; Điều 357, 468 Bộ luật Dân sự năm 2015",
            )
        )
        b.w.para(f"{b.bullet(1)}Chấp nhận yêu cầu khởi kiện của nguyên đơn.")
    debtors = [defendant]
    debtor_segs = [*b.who(defendant, "DEBTOR")]
    if guarantor and rng.random() < 0.5:
        debtors.append(guarantor)
        debtor_segs += [" và người bảo lãnh ", *b.who(guarantor, "DEBTOR")]
        verb = "liên đới trả"
    else:
        verb = "trả"
    b.oblige(
        debtors,
        plaintiff,
        "money",
        total,
        f"Trả nợ gốc và lãi theo Hợp đồng {contract}",
        [
            "Buộc " if kind == "ba" else "",
            *debtor_segs,
            f" phải {verb} cho ",
            *b.who(plaintiff, "CREDITOR"),
            f" tổng số tiền tính đến {b.date_words(b.date)} là ",
            *b.money(total, "AMOUNT"),
            f"; trong đó: nợ gốc {_f(principal)} đồng; lãi trong hạn {_f(in_term)} đồng; lãi quá hạn {_f(overdue)} đồng.",
        ],
    )
    b.w.para(
        "Kể từ ngày tiếp theo ngày xét xử sơ thẩm, bị đơn còn phải tiếp tục chịu khoản tiền lãi quá "
        f"hạn của số tiền nợ gốc chưa thanh toán theo mức lãi suất các bên thỏa thuận trong Hợp đồng {contract} "
        "cho đến khi thanh toán xong khoản nợ gốc."
    )
    b.w.para(
        "Trường hợp bị đơn không trả được nợ thì nguyên đơn có quyền yêu cầu cơ quan thi hành án "
        "dân sự có thẩm quyền kê biên, phát mãi tài sản thế chấp để thu hồi nợ."
    )
    b.w.para("Về án phí:")
    fee = _fee_schedule(total) // (2 if kind == "qd" else 1)
    b.fee(defendant, fee, "án phí kinh doanh, thương mại sơ thẩm")
    if b.variant == "BA-PT":
        b.fee(
            defendant, 2_000_000, "án phí kinh doanh, thương mại phúc thẩm", paid_from_advance=True
        )
    b.refund(plaintiff, _round_amount(rng, 1_000_000, max(2_000_000, fee // 2), 1_000))
    b.closing()


def _ld(b: Builder) -> None:
    rng = b.rng
    b.dispute = rng.choice(
        (
            "Tranh chấp về đơn phương chấm dứt hợp đồng lao động",
            "Tranh chấp đòi tiền lương",
            "Tranh chấp về bồi thường thiệt hại và bảo hiểm xã hội",
        )
    )
    worker = b.person("plaintiff")
    company = b.org("defendant", vocab.company_name(rng), near=worker.place)
    b.parties = [worker, company]
    wages = _round_amount(rng, 5_000_000, 150_000_000, 1_000)
    comp = _round_amount(rng, 0, 120_000_000, 1_000)
    total = wages + comp
    kind, _ = _civil_common(b)
    if kind == "ba":
        b.facts(
            [
                f"{worker.title.capitalize()} {worker.name} làm việc tại {company.name} từ năm {rng.randint(2012, 2022)} với "
                f"mức lương {_f(_round_amount(rng, 5_000_000, 25_000_000, 100_000))} đồng/tháng.",
                "Công ty đơn phương chấm dứt hợp đồng lao động không báo trước và chưa thanh toán tiền lương.",
            ]
        )
        b.reasoning(
            [
                "Việc đơn phương chấm dứt hợp đồng lao động là trái pháp luật theo Điều 36, 41 Bộ luật Lao động năm 2019."
            ]
        )
        b.dispositive_heading(
            _bases(
                b, "Điều 32, 35, 147 Bộ luật Tố tụng dân sự; Điều 36, 41 Bộ luật Lao động năm 2019"
            )
        )
    b.oblige(
        [company],
        worker,
        "money",
        total,
        "Trả tiền lương còn nợ và tiền bồi thường do đơn phương chấm dứt hợp đồng lao động",
        [
            "Buộc " if kind == "ba" else "",
            *b.who(company, "DEBTOR"),
            " phải trả cho ",
            *b.who(worker, "CREDITOR"),
            f" tiền lương còn nợ {_f(wages)} đồng và tiền bồi thường {_f(comp)} đồng; tổng cộng ",
            *b.money(total, "AMOUNT"),
            ".",
        ],
    )
    if rng.random() < 0.5:
        b.oblige(
            [company],
            worker,
            "act",
            None,
            "Chốt sổ và trả sổ bảo hiểm xã hội",
            [
                *b.who(company, "DEBTOR"),
                " có nghĩa vụ chốt sổ và trả sổ bảo hiểm xã hội cho ",
                *b.who(worker, "CREDITOR"),
                ".",
            ],
        )
    b.interest_clause()
    b.w.para("Về án phí:")
    fee = max(300_000, total * 3 // 100) // (2 if kind == "qd" else 1)
    b.fee(company, fee, "án phí lao động sơ thẩm")
    b.w.para(
        f"- {worker.title.capitalize()} {worker.name} được miễn án phí theo điểm a khoản 1 Điều 12 Nghị quyết 326/2016/UBTVQH14."
    )
    if b.variant == "BA-PT":
        b.fee(company, 300_000, "án phí lao động phúc thẩm", paid_from_advance=True)
    b.closing()


def _hc(b: Builder) -> None:
    rng = b.rng
    b.dispute = rng.choice(
        (
            "Khiếu kiện quyết định hành chính trong lĩnh vực quản lý đất đai",
            "Khiếu kiện quyết định xử phạt vi phạm hành chính",
        )
    )
    plaintiff = b.person("plaintiff")
    b.pick_court()
    authority = f"Ủy ban nhân dân {vocab.place(rng, province_code=b.home.code).ward}"
    defendant = Party("defendant", authority, True, address=f"{b.home.province}")
    defendant.address = vocab.street_address(rng, vocab.place(rng, province_code=b.home.code))
    b.parties = [plaintiff, defendant]
    b.pick_court = lambda: None  # type: ignore[method-assign]
    _civil_common(b)
    qd = f"{rng.randint(1, 9999)}/QĐ-UBND"
    won = rng.random() < 0.7
    b.facts(
        [
            f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{b.date.year - 1}, {authority} ban hành Quyết định số {qd} xử phạt {plaintiff.name} số tiền {_f(_round_amount(rng, 2_000_000, 80_000_000, 500_000))} đồng."
        ]
    )
    b.reasoning(
        [
            "Quyết định bị kiện được ban hành không đúng trình tự, thủ tục theo Luật Xử lý vi phạm hành chính."
            if won
            else "Quyết định bị kiện được ban hành đúng thẩm quyền, trình tự, thủ tục."
        ]
    )
    b.dispositive_heading(_bases(b, "Điều 30, 32, 116, 193, 348 Luật Tố tụng hành chính"))
    if won:
        b.w.para(
            f"{b.bullet(1)}Chấp nhận yêu cầu khởi kiện của {plaintiff.title} {plaintiff.name}. Hủy Quyết định số {qd}."
        )
        b.oblige(
            [defendant],
            plaintiff,
            "act",
            None,
            f"Thực hiện nhiệm vụ, công vụ theo quy định của pháp luật sau khi hủy Quyết định {qd}",
            [
                "Buộc ",
                *b.who(defendant, "DEBTOR"),
                " thực hiện nhiệm vụ, công vụ theo quy định của pháp luật đối với ",
                *b.who(plaintiff, "CREDITOR"),
                ".",
            ],
        )
        b.w.para("Về án phí:")
        b.fee(defendant, 300_000, "án phí hành chính sơ thẩm")
        b.refund(plaintiff, 300_000)
    else:
        b.w.para(f"{b.bullet(1)}Bác yêu cầu khởi kiện của {plaintiff.title} {plaintiff.name}.")
        b.w.para("Về án phí:")
        b.fee(plaintiff, 300_000, "án phí hành chính sơ thẩm", paid_from_advance=True)
    if b.variant == "BA-PT":
        b.fee(plaintiff if not won else defendant, 300_000, "án phí hành chính phúc thẩm")
    b.closing()


CRIMES = (
    ("Trộm cắp tài sản", "khoản 1 Điều 173"),
    ("Lừa đảo chiếm đoạt tài sản", "khoản 2 Điều 174"),
    ("Cố ý gây thương tích", "khoản 1 Điều 134"),
    ("Tàng trữ trái phép chất ma túy", "điểm c khoản 1 Điều 249"),
    ("Đánh bạc", "khoản 1 Điều 321"),
    ("Vận chuyển hàng cấm", "điểm c khoản 1 Điều 191"),
)


def _hs(b: Builder) -> None:
    rng = b.rng
    crime, article = rng.choice(CRIMES)
    b.dispute = crime
    accused = [b.person("accused") for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    victim = (
        b.person("victim")
        if crime in ("Trộm cắp tài sản", "Lừa đảo chiếm đoạt tài sản", "Cố ý gây thương tích")
        else None
    )
    b.parties = [*accused, *([victim] if victim else [])]
    b.pick_court()
    b.header()
    b.panel()
    b.opening()
    for i, a in enumerate(accused, start=1):
        b.intro(a, f"{i}. " if len(accused) > 1 else "")
    if victim:
        b.intro(victim, rng.choice(("- Bị hại: ", "Bị hại: ", "* Bị hại: ")))
    loss = _round_amount(rng, 3_000_000, 300_000_000, 100_000) if victim else 0
    fine = _round_amount(rng, 5_000_000, 50_000_000, 1_000_000) if rng.random() < 0.4 else 0
    b.facts(
        [
            f"Khoảng {rng.randint(7, 22)} giờ {b.date_words(b.other_date(b.date, (90, 400)))}, bị cáo {accused[0].name} "
            f'đã thực hiện hành vi phạm tội "{crime}". Số tiền thu lợi là {_f(_round_amount(rng, 200_000, 20_000_000, 100_000))} đồng.',
            "Tại Cáo trạng số "
            + f'{rng.randint(1, 300)}/CT-VKS ngày {b.other_date(b.date, (20, 60)):%d/%m/%Y}, Viện kiểm sát truy tố bị cáo về tội "{crime}" theo {article} Bộ luật Hình sự.',
            f"Tại phiên tòa, đại diện Viện kiểm sát đề nghị xử phạt bị cáo từ {rng.randint(6, 24)} đến {rng.randint(25, 48)} tháng tù"
            + (f"; phạt bổ sung {_f(fine + 5_000_000)} đồng" if fine else "")
            + (
                f"; buộc bị cáo bồi thường cho bị hại {_f(loss + _round_amount(rng, 1_000_000, 20_000_000))} đồng"
                if victim
                else ""
            )
            + ".",
        ]
    )
    b.reasoning(
        [
            f'Hành vi của bị cáo đã đủ yếu tố cấu thành tội "{crime}" theo {article} Bộ luật Hình sự.',
            "Bị cáo thành khẩn khai báo, ăn năn hối cải nên được hưởng tình tiết giảm nhẹ quy định tại điểm s khoản 1 Điều 51 Bộ luật Hình sự.",
            "Bị cáo phải chịu án phí hình sự sơ thẩm theo khoản 2 Điều 136 Bộ luật Tố tụng hình sự.",
        ]
    )
    b.dispositive_heading(
        _bases(
            b,
            f"{article}; điểm s khoản 1 Điều 51; Điều 47 Bộ luật Hình sự; Điều 106, 136 Bộ luật Tố tụng hình sự; Điều 357, 468, 584, 585 Bộ luật Dân sự",
        )
    )
    if b.variant == "BA-PT":
        b.w.para(
            f"Không chấp nhận kháng cáo của bị cáo, giữ nguyên Bản án hình sự sơ thẩm số {b.appeal_ref[0]}."
        )
    for i, a in enumerate(accused, start=1):
        b.w.para(
            f'{b.bullet(i)}Tuyên bố bị cáo {a.name} phạm tội "{crime}". Xử phạt bị cáo {a.name} {rng.randint(6, 48):02d} tháng tù, thời hạn tù tính từ ngày bắt tạm giam.'
        )
    a0 = accused[0]
    if fine:
        b.oblige(
            [a0],
            STATE,
            "fine",
            fine,
            "Phạt tiền bổ sung sung vào ngân sách Nhà nước",
            [
                "Hình phạt bổ sung: phạt bị cáo ",
                (a0.name, "DEBTOR", a0.name),
                " số tiền ",
                *b.money(fine, "AMOUNT"),
                " để sung vào ngân sách Nhà nước.",
            ],
        )
    if victim:
        b.oblige(
            [a0],
            victim,
            "money",
            loss,
            "Bồi thường thiệt hại cho bị hại",
            [
                "Về trách nhiệm dân sự: Buộc bị cáo ",
                (a0.name, "DEBTOR", a0.name),
                " phải bồi thường cho bị hại ",
                *b.who(victim, "CREDITOR"),
                " số tiền ",
                *b.money(loss, "AMOUNT"),
                ".",
            ],
        )
        b.interest_clause()
    b.w.para("Về xử lý vật chứng:")
    item = rng.choice(
        (
            "01 điện thoại di động hiệu Samsung Galaxy A12 màu đen",
            "01 xe mô tô biển số 29B1-123.45",
            "01 con dao dài 25cm",
            "số tiền",
        )
    )
    seized = _round_amount(rng, 500_000, 30_000_000, 100_000) if item == "số tiền" else None
    item_segs: list[Any] = [item]
    if seized is not None:
        item_segs = ["số tiền ", *b.money(seized, "AMOUNT")]
        item = f"số tiền {_f(seized)} đồng"
    b.oblige(
        [a0],
        STATE,
        "confiscation",
        seized,
        f"Tịch thu sung vào ngân sách Nhà nước {item}",
        [
            "- Tịch thu sung vào ngân sách Nhà nước ",
            *item_segs,
            " thu giữ của bị cáo ",
            (a0.name, "DEBTOR", a0.name),
            ".",
        ],
    )
    if rng.random() < 0.4:
        back = rng.choice(
            ("01 giấy phép lái xe", "01 ví da màu nâu", "01 điện thoại di động hiệu Oppo")
        )
        b.oblige(
            STATE,
            a0,
            "asset",
            None,
            f"Trả lại cho {a0.name} {back}",
            ["- Trả lại cho bị cáo ", (a0.name, "CREDITOR", a0.name), f" {back}."],
        )
    b.w.para("Về án phí:")
    for a in accused:
        b.fee(a, 200_000, "án phí hình sự sơ thẩm")
    if victim and loss:
        b.fee(a0, max(300_000, loss * 5 // 100), "án phí dân sự sơ thẩm")
    if b.variant == "BA-PT":
        b.fee(a0, 200_000, "án phí hình sự phúc thẩm")
    b.closing()


MAKERS = {"DS": _ds, "HNGD": _hngd, "KDTM": _kdtm, "LD": _ld, "HC": _hc, "HS": _hs}


def make_judgment(rng: random.Random, case_type: str, doc_id: str) -> SyntheticJudgment:
    if case_type in ("HS", "HC"):
        variant = "BA-PT" if rng.random() < 0.2 else "BA-ST"
    else:
        variant = rng.choices(("BA-ST", "BA-PT", "QD-CNTT"), weights=(45, 20, 35))[0]
    b = Builder(rng, case_type, variant, doc_id)
    MAKERS[case_type](b)
    pages, layout, annotations = b.w.build()
    return SyntheticJudgment(
        doc_id=doc_id,
        pages=pages,
        labels=b.labels(),
        annotations=annotations,
        layout=layout,
        variant=variant,
        meta={"landscape_pages": [], "width": b.w.width},
    )
