"""Alerts of the operations centre (issue 8, item 2): overdue steps, bottlenecks, and
irregularities. Each alert names its office, the objects behind it (``object_kind`` and
``object_ids``) and the list URL that shows them.

Thresholds are the IOC's own settings (``ALERT_SETTINGS``), not legal rules: what counts as a
"spike" or "far above" is a management choice to tune with the agency. The one legal period used
(money to be paid out within 10 days of collection, L2008 Art 47(5), T18 in domain.md §2.3) is
read from the enforcement rules as data (``T18_PAY_OUT``) when that rule exists.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from enforcement.selectors import legal_rule_in_force
from enforcement.selectors.ioc import ioc_case_open_counts_by_officer
from enforcement.selectors.ioc import ioc_cases_idle
from enforcement.selectors.ioc import ioc_deadlines_overdue
from enforcement.selectors.ioc import ioc_step_durations
from receipts.selectors.ioc import ioc_money_unpaid_cases
from receipts.selectors.ioc import ioc_receipts_large_cash
from receipts.selectors.ioc import ioc_receipts_voided_counts
from thads.org.models import Office

__all__ = ["ALERT_KINDS", "ALERT_SETTINGS", "Alert", "alerts_compute"]

#: Tunable thresholds (management settings, see the module docstring).
ALERT_SETTINGS: dict[str, Any] = {
    # Bottleneck: an office's median duration of a step at least this many times the national
    # median of the same step, over at least ``bottleneck_min_samples`` steps met in the window.
    "bottleneck_ratio": 2.0,
    "bottleneck_min_samples": 3,
    "bottleneck_window_days": 180,
    # Voided receipts: this week's voids at least ``ratio`` times the weekly average of the
    # previous ``weeks`` weeks, and at least ``min_count``.
    "void_spike_ratio": 3.0,
    "void_spike_weeks": 12,
    "void_spike_min_count": 3,
    # Large cash receipts collected in the last ``days`` days.
    "large_cash_vnd": 100_000_000,
    "large_cash_days": 30,
    # Pay-out period when the rule T18_PAY_OUT is not in the data (L2008 Art 47(5)).
    "pay_out_days_fallback": 10,
    # Cases untouched for this many days.
    "idle_days": 90,
    # An officer whose open cases are at least ``ratio`` times the average of the officers of
    # the scope (with at least ``min_cases``).
    "overload_ratio": 2.0,
    "overload_min_cases": 10,
}

ALERT_KINDS: dict[str, str] = {
    "overdue_steps": gettext_noop("Bước thực hiện quá hạn"),
    "bottleneck": gettext_noop("Điểm nghẽn: thời gian xử lý vượt xa trung vị toàn quốc"),
    "void_spike": gettext_noop("Số biên lai bị hủy tăng đột biến"),
    "large_cash": gettext_noop("Biên lai thu tiền mặt lớn"),
    "unpaid_money": gettext_noop("Tiền đã thu chưa chi trả quá thời hạn"),
    "idle_cases": gettext_noop("Hồ sơ không có hoạt động quá lâu"),
    "officer_overload": gettext_noop("Chấp hành viên quá tải so với bình quân"),
}


@dataclass(frozen=True)
class Alert:
    kind: str
    title: str
    detail: str
    severity: str  # "danger" | "warn"
    office_id: int | None
    office_code: str
    office_name: str
    count: int
    amount_vnd: int = 0
    object_kind: str = "case"  # "case" | "receipt"
    object_ids: list[int] = field(default_factory=list)
    list_url: str | None = None


def _url(name: str, **params: Any) -> str | None:
    try:
        base = reverse(name)
    except NoReverseMatch:
        return None
    params = {k: v for k, v in params.items() if v is not None}
    return f"{base}?{urlencode(params)}" if params else base


def _offices(ids: set[int]) -> dict[int, tuple[str, str]]:
    return {
        pk: (code, name)
        for pk, code, name in Office.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    }


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def alerts_compute(
    *, office_ids: list[int] | None, today: dt.date, kinds: set[str] | None = None
) -> list[Alert]:
    """Every alert for the offices (None: the whole country), most serious first."""
    s = ALERT_SETTINGS
    raw: list[dict[str, Any]] = []
    want = kinds or set(ALERT_KINDS)

    if "overdue_steps" in want:
        got = ioc_deadlines_overdue(office_ids=office_ids, on_date=today, limit=20_000)
        for office_id, n in got["per_office"].items():
            raw.append(
                {
                    "kind": "overdue_steps",
                    "office_id": office_id,
                    "count": n,
                    "detail": _("%(n)s bước thực hiện đã quá hạn luật định.") % {"n": n},
                    "severity": "danger",
                    "ids_all": got["ids_by_office"].get(office_id, []),
                }
            )

    if "bottleneck" in want:
        since = today - dt.timedelta(days=s["bottleneck_window_days"])
        rows = ioc_step_durations(since=since, office_ids=None)
        national: dict[str, list[int]] = defaultdict(list)
        per_office: dict[tuple[int, str], list[int]] = defaultdict(list)
        for row in rows:
            national[row["rule_code"]].append(row["days"])
            per_office[(row["office_id"], row["rule_code"])].append(row["days"])
        for (office_id, code), days in sorted(per_office.items()):
            if office_ids is not None and office_id not in office_ids:
                continue
            if len(days) < s["bottleneck_min_samples"]:
                continue
            nat = statistics.median(national[code])
            mine = statistics.median(days)
            if nat > 0 and mine >= s["bottleneck_ratio"] * nat:
                raw.append(
                    {
                        "kind": "bottleneck",
                        "office_id": office_id,
                        "count": len(days),
                        "detail": _(
                            "Bước %(code)s: trung vị %(mine)s ngày, gấp %(x)s lần trung vị "
                            "toàn quốc (%(nat)s ngày)."
                        )
                        % {"code": code, "mine": mine, "nat": nat, "x": round(mine / nat, 1)},
                        "severity": "warn",
                    }
                )

    if "void_spike" in want:
        week_start = today - dt.timedelta(days=6)
        this_week = ioc_receipts_voided_counts(
            office_ids=office_ids,
            start=_start_of(week_start),
            end=_start_of(today + dt.timedelta(days=1)),
        )
        weeks = s["void_spike_weeks"]
        before = ioc_receipts_voided_counts(
            office_ids=office_ids,
            start=_start_of(week_start - dt.timedelta(days=7 * weeks)),
            end=_start_of(week_start),
        )
        for office_id, n in this_week.items():
            average = before.get(office_id, 0) / weeks
            if n >= s["void_spike_min_count"] and n >= s["void_spike_ratio"] * max(
                average, 1 / weeks
            ):
                raw.append(
                    {
                        "kind": "void_spike",
                        "office_id": office_id,
                        "count": n,
                        "detail": _(
                            "%(n)s biên lai bị hủy trong 7 ngày qua; bình quân %(avg)s mỗi tuần "
                            "trong %(w)s tuần trước."
                        )
                        % {"n": n, "avg": round(average, 1), "w": weeks},
                        "severity": "danger",
                        "object_kind": "receipt",
                    }
                )

    if "large_cash" in want:
        got = ioc_receipts_large_cash(
            office_ids=office_ids,
            since=_start_of(today - dt.timedelta(days=s["large_cash_days"])),
            min_amount_vnd=s["large_cash_vnd"],
        )
        for office_id, n in got["per_office"].items():
            raw.append(
                {
                    "kind": "large_cash",
                    "office_id": office_id,
                    "count": n,
                    "detail": _(
                        "%(n)s biên lai thu tiền mặt từ %(min)s đồng trở lên trong %(d)s ngày qua."
                    )
                    % {
                        "n": n,
                        "min": f"{s['large_cash_vnd']:,}".replace(",", "."),
                        "d": s["large_cash_days"],
                    },
                    "severity": "warn",
                    "object_kind": "receipt",
                    "ids_all": got["ids_by_office"].get(office_id, []),
                }
            )

    if "unpaid_money" in want:
        rule = legal_rule_in_force(code="T18_PAY_OUT", on=today)
        days = rule.length if rule is not None else s["pay_out_days_fallback"]
        got = ioc_money_unpaid_cases(
            office_ids=office_ids, collected_before=_start_of(today - dt.timedelta(days=days))
        )
        for office_id, entry in got["per_office"].items():
            raw.append(
                {
                    "kind": "unpaid_money",
                    "office_id": office_id,
                    "count": entry["cases"],
                    "amount_vnd": entry["held_vnd"],
                    "detail": _("%(n)s hồ sơ có tiền đã thu quá %(d)s ngày chưa chi trả.")
                    % {"n": entry["cases"], "d": days},
                    "severity": "danger",
                    "ids_all": got["ids_by_office"].get(office_id, []),
                }
            )

    if "idle_cases" in want:
        got = ioc_cases_idle(
            office_ids=office_ids,
            before=_start_of(today - dt.timedelta(days=s["idle_days"])),
        )
        for office_id, n in got["per_office"].items():
            raw.append(
                {
                    "kind": "idle_cases",
                    "office_id": office_id,
                    "count": n,
                    "detail": _("%(n)s hồ sơ đang thi hành không có hoạt động trên %(d)s ngày.")
                    % {"n": n, "d": s["idle_days"]},
                    "severity": "warn",
                    "ids_all": got["ids_by_office"].get(office_id, []),
                }
            )

    if "officer_overload" in want:
        loads = ioc_case_open_counts_by_officer(office_ids=office_ids)
        if loads:
            average = sum(v["open"] for v in loads.values()) / len(loads)
            for user_id, entry in sorted(loads.items()):
                n = entry["open"]
                if n >= s["overload_min_cases"] and n >= s["overload_ratio"] * average:
                    raw.append(
                        {
                            "kind": "officer_overload",
                            "office_id": entry["office_id"],
                            "count": n,
                            "detail": _(
                                "Chấp hành viên #%(u)s đang giữ %(n)s việc; bình quân %(avg)s việc."
                            )
                            % {"u": user_id, "n": n, "avg": round(average, 1)},
                            "severity": "warn",
                            "officer_id": user_id,
                        }
                    )

    offices = _offices({r["office_id"] for r in raw if r["office_id"]})
    alerts = []
    for r in raw:
        code, name = offices.get(r["office_id"], ("", ""))
        kind = r["kind"]
        object_kind = r.get("object_kind", "case")
        if object_kind == "receipt":
            list_url = _url("receipts:receipt-list", office=r["office_id"])
        else:
            list_url = _url(
                "enforcement:case-list", office=r["office_id"], officer=r.get("officer_id")
            )
        alerts.append(
            Alert(
                kind=kind,
                title=_(ALERT_KINDS[kind]),
                detail=str(r["detail"]),
                severity=r["severity"],
                office_id=r["office_id"],
                office_code=code,
                office_name=name,
                count=int(r["count"]),
                amount_vnd=int(r.get("amount_vnd", 0)),
                object_kind=object_kind,
                object_ids=list(r.get("ids_all", [])),
                list_url=list_url,
            )
        )
    order = {"danger": 0, "warn": 1}
    alerts.sort(key=lambda a: (order[a.severity], -a.count, a.kind, a.office_code))
    return alerts
