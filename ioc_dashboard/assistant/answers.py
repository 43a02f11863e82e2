"""The answer sentence, the "how I understood it" lines and the suggestions, in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc_dashboard.assistant.entities import Catalogue
from ioc_dashboard.assistant.entities import province_names
from ioc_dashboard.assistant.periods import stat_year_start
from ioc_dashboard.types import MONEY_METRICS
from ioc_dashboard.types import RATE_METRICS
from ioc_dashboard.types import STOCK_METRICS
from ioc_dashboard.types import Intent
from ioc_dashboard.types import MetricResult

METRIC_LABELS = {
    "cases_received": gettext_lazy("Số việc thụ lý"),
    "cases_completed": gettext_lazy("Số việc thi hành xong"),
    "cases_pending": gettext_lazy("Số việc còn phải thi hành"),
    "cases_overdue": gettext_lazy("Số việc quá hạn"),
    "cases_with_conditions": gettext_lazy("Số việc có điều kiện thi hành"),
    "cases_without_conditions": gettext_lazy("Số việc chưa có điều kiện thi hành"),
    "completion_rate_cases": gettext_lazy("Tỷ lệ thi hành xong về việc"),
    "completion_rate_money": gettext_lazy("Tỷ lệ thi hành xong về tiền"),
    "money_collected": gettext_lazy("Số tiền đã thu"),
    "money_paid_out": gettext_lazy("Số tiền đã chi trả"),
    "money_pending": gettext_lazy("Số tiền còn phải thi hành"),
    "decisions_issued": gettext_lazy("Số quyết định thi hành án đã ra"),
    "receipts_issued": gettext_lazy("Số biên lai đã phát hành"),
    "receipts_voided": gettext_lazy("Số biên lai bị hủy"),
    "petitions_received": gettext_lazy("Số đơn khiếu nại, tố cáo đã nhận"),
    "petitions_pending": gettext_lazy("Số đơn chưa giải quyết xong"),
    "complaints_overdue": gettext_lazy("Số đơn khiếu nại quá hạn giải quyết"),
}
GROUP_LABELS = {
    "province": gettext_lazy("theo tỉnh, thành phố"),
    "office": gettext_lazy("theo đơn vị"),
    "officer": gettext_lazy("theo chấp hành viên"),
    "month": gettext_lazy("theo tháng"),
    "case_type": gettext_lazy("theo loại án"),
}
CASE_TYPE_LABELS = {
    "DS": gettext_lazy("dân sự"),
    "HNGD": gettext_lazy("hôn nhân và gia đình"),
    "KDTM": gettext_lazy("kinh doanh, thương mại"),
    "LD": gettext_lazy("lao động"),
    "HC": gettext_lazy("hành chính"),
    "HS": gettext_lazy("hình sự"),
}
STATUS_LABELS = {
    "verification": gettext_lazy("đang xác minh điều kiện"),
    "coercion": gettext_lazy("đang cưỡng chế"),
    "postponed": gettext_lazy("hoãn thi hành án"),
    "suspended": gettext_lazy("tạm đình chỉ"),
    "terminated": gettext_lazy("đình chỉ thi hành án"),
    "voluntary_period": gettext_lazy("trong thời hạn tự nguyện"),
    "partially_executed": gettext_lazy("đã thi hành một phần"),
    "request_returned": gettext_lazy("đã gửi lại yêu cầu"),
}
SUGGESTIONS = (
    gettext_lazy("Tháng trước Hà Tĩnh thu được bao nhiêu tiền?"),
    gettext_lazy("Số việc quá hạn theo từng phòng ở Sơn La năm nay"),
    gettext_lazy("Tỷ lệ thi hành xong về việc theo từng tỉnh năm thống kê này"),
    gettext_lazy("Quý 2/2026 TP.HCM thụ lý bao nhiêu việc dân sự?"),
    gettext_lazy("Số đơn khiếu nại quá hạn giải quyết tháng này"),
)


def format_number(value: int | float) -> str:
    """``1234567`` → ``"1.234.567"``; a fraction keeps one decimal with a comma."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.1f}".split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def format_value(metric: str, value: int | float | None) -> str:
    if value is None:
        return _("chưa có số liệu")
    if metric in RATE_METRICS:
        return format_number(round(float(value) * 100, 1)) + "%"
    if metric in MONEY_METRICS:
        return _("%(amount)s đồng") % {"amount": format_number(int(value))}
    unit = _("đơn") if "petitions" in metric or "complaints" in metric else ""
    unit = unit or (_("quyết định") if metric == "decisions_issued" else "")
    unit = unit or (_("biên lai") if metric.startswith("receipts") else _("việc"))
    return f"{format_number(int(value))} {unit}"


def scope_text(intent: Intent, catalogue: Catalogue) -> str:
    f = intent.filters
    if f.get("officer"):
        name = catalogue.officers.get(f["officer"], (f["officer"], ""))[0]
        return _("chấp hành viên %(name)s") % {"name": name}
    if f.get("office"):
        return catalogue.offices.get(f["office"], f["office"])
    if f.get("province"):
        return province_names().get(f["province"], str(f["province"]))
    return _("toàn quốc")


def period_text(intent: Intent, today: dt.date) -> str:
    if intent.period is None:
        # metric_compute's default: the statistical year so far (a stock: as of today)
        if intent.metric in STOCK_METRICS:
            return _("đến ngày %(d)s") % {"d": f"{today:%d/%m/%Y}"}
        return _("từ %(a)s đến %(b)s (năm thống kê)") % {
            "a": f"{stat_year_start(today):%d/%m/%Y}",
            "b": f"{today:%d/%m/%Y}",
        }
    start, end = intent.period.start, intent.period.end
    if start == end:
        return _("ngày %(d)s") % {"d": f"{start:%d/%m/%Y}"}
    return _("từ %(a)s đến %(b)s") % {"a": f"{start:%d/%m/%Y}", "b": f"{end:%d/%m/%Y}"}


def qualifier_text(intent: Intent) -> str:
    parts = []
    if intent.filters.get("case_type"):
        parts.append(_("án %(t)s") % {"t": CASE_TYPE_LABELS[intent.filters["case_type"]]})
    if intent.filters.get("status"):
        parts.append(
            _("trạng thái %(s)s")
            % {"s": STATUS_LABELS.get(intent.filters["status"], intent.filters["status"])}
        )
    return f" ({', '.join(parts)})" if parts else ""


def sentence(result: MetricResult, catalogue: Catalogue, today: dt.date) -> str:
    """One Vietnamese sentence for the figure (and the first rows of a breakdown)."""
    intent = result.intent
    head = _("%(label)s%(qual)s của %(scope)s %(period)s") % {
        "label": METRIC_LABELS[intent.metric],
        "qual": qualifier_text(intent),
        "scope": scope_text(intent, catalogue),
        "period": period_text(intent, today),
    }
    if intent.group_by and result.rows:
        top = "; ".join(
            f"{row.label}: {format_value(intent.metric, row.value)}" for row in result.rows[:3]
        )
        more = (
            _(" (và %(n)s dòng khác)") % {"n": len(result.rows) - 3} if len(result.rows) > 3 else ""
        )
        return _("%(head)s, %(group)s: %(top)s%(more)s.") % {
            "head": head,
            "group": GROUP_LABELS[intent.group_by],
            "top": top,
            "more": more,
        }
    if intent.group_by:
        return _("%(head)s, %(group)s: không có dòng nào.") % {
            "head": head,
            "group": GROUP_LABELS[intent.group_by],
        }
    return _("%(head)s là %(value)s.") % {
        "head": head,
        "value": format_value(intent.metric, result.value),
    }


def understood_lines(intent: Intent, catalogue: Catalogue, today: dt.date) -> list[str]:
    """ "How I understood it": one line per part of the intent."""
    lines = [_("Chỉ tiêu: %(m)s") % {"m": METRIC_LABELS[intent.metric]}]
    lines.append(_("Phạm vi: %(s)s") % {"s": scope_text(intent, catalogue)})
    lines.append(_("Thời gian: %(p)s") % {"p": period_text(intent, today)})
    if intent.filters.get("case_type"):
        lines.append(_("Loại án: %(t)s") % {"t": CASE_TYPE_LABELS[intent.filters["case_type"]]})
    if intent.filters.get("status"):
        lines.append(
            _("Trạng thái: %(s)s") % {"s": STATUS_LABELS.get(intent.filters["status"], "")}
        )
    if intent.group_by:
        lines.append(_("Chia %(g)s") % {"g": GROUP_LABELS[intent.group_by]})
    return lines


def not_understood() -> str:
    return _(
        "Tôi chưa hiểu câu hỏi. Tôi trả lời được các câu hỏi về số liệu thi hành án (việc thụ "
        "lý, thi hành xong, quá hạn, tiền thu, chi trả, quyết định, biên lai, đơn khiếu nại) theo "
        "tỉnh, đơn vị, chấp hành viên, loại án và thời gian. Anh/chị thử hỏi, ví dụ:"
    )


def suggestions() -> list[str]:
    return [str(s) for s in SUGGESTIONS]


def rows_json(result: MetricResult | None) -> list[dict[str, Any]]:
    if result is None:
        return []
    return [{"key": r.key, "label": r.label, "value": r.value} for r in result.rows]


def no_figures() -> str:
    return _("Tôi đã hiểu câu hỏi nhưng chưa tính được số liệu: bảng tổng hợp chưa sẵn sàng.")
