"""Scale seed of the enforcement app (``seed_demo --size large``): the cases opened from the
judgments of ``decisions.seeding_large``, over five years and every office in the plan.

Set-based SQL only. Each seeded judgment opens one case, or two (one in three: a second,
proactive case for the court fee or fine). A case's state follows its age, so the figures of
the operations centre look like an office's: recent cases are still being received, notified
or in their voluntary period; older ones are verified (with or without conditions), coerced,
partly executed, or ended (completed, terminated, returned, entrusted, closed). The money
collected is a multiple of 500,000 VND that ``receipts.seeding_large`` splits into receipts
(the case's ``collected_vnd`` is the sum of its valid receipts). Each case gets its parties,
its obligation, its timeline (opened, decision issued, the state reached) and the statutory
deadlines its state runs, computed from the legal rules in force on the trigger day (the real
``deadline_compute``, once per rule and day): some are overdue, as in any office.

Random draws are ``hashint8extended(key, seed)``; seeded case numbers end in ``/L<seed>``
(never a live number) and the seeder adds nothing when they exist.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from django.db import connection
from django.db import transaction
from django.utils import timezone

from enforcement.seeding import _Rules
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder
from thads.seeding_sql import large_office_ids
from thads.seeding_sql import reserve_ids

__all__ = ["ACTIVE_DEADLINES", "CASE_MARK", "register", "seed_enforcement_large"]

#: Judgments of the large seed (``decisions.seeding_large``).
JUDGMENT_MARK = "seed_large"
#: Rule codes a seeded case in each state runs (trigger: the day it entered the state).
ACTIVE_DEADLINES: dict[str, tuple[str, ...]] = {
    "received": ("ISSUE",),
    "decision_issued": ("T7_SEND_PROCURACY", "T8_SERVE_DECISION"),
    "notified": ("T10_VERIFY_INTERIM",),
    "voluntary_period": ("T9_VOLUNTARY_PERIOD", "T10_START_VERIFICATION"),
    "no_conditions": ("T12_REVERIFY",),
    "separate_tracking": ("T13_SEPARATE_TRACKING",),
}
_L2025_FROM = dt.date(2026, 7, 1)


def CASE_MARK(seed: int) -> str:
    """The suffix of every case number the large seed makes for ``seed``."""
    return f"/L{seed}"


# Names and places drawn by index ((ARRAY[...])[1 + h % n]).
_SURNAMES = "Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý"
_MIDDLE = "Văn,Thị,Minh,Thanh,Hữu,Ngọc,Đức,Thu,Quốc,Xuân"
_GIVEN = (
    "An,Bình,Cường,Dung,Giang,Hà,Hải,Hoa,Khánh,Lan,Long,Mai,Nam,Phúc,Sơn,Tâm,Thảo,Trang,Tuấn,Yến"
)
_COMPANIES = (
    "Công ty TNHH Thương mại Minh Phát,Công ty CP Xây dựng Hòa Bình,Ngân hàng TMCP Á Châu,"
    "Công ty TNHH Vận tải Sao Mai,Hợp tác xã Nông nghiệp Tân Tiến"
)
_STREETS = "Lê Lợi,Trần Hưng Đạo,Nguyễn Huệ,Hai Bà Trưng,Lý Thường Kiệt,Quang Trung,Hùng Vương"

# State by age (days since opening): (upper bound of h % 1000, state) per age bucket.
_STATE_SQL = """
CASE
  WHEN age < 7 THEN CASE WHEN u < 400 THEN 'received' WHEN u < 800 THEN 'decision_issued'
                         ELSE 'notified' END
  WHEN age < 30 THEN CASE WHEN u < 30 THEN 'received' WHEN u < 150 THEN 'decision_issued'
                          WHEN u < 250 THEN 'notified' WHEN u < 700 THEN 'voluntary_period'
                          ELSE 'verification' END
  WHEN age < 180 THEN CASE WHEN u < 30 THEN 'voluntary_period' WHEN u < 280 THEN 'verification'
                           WHEN u < 430 THEN 'has_conditions' WHEN u < 550 THEN 'no_conditions'
                           WHEN u < 610 THEN 'coercion' WHEN u < 730 THEN 'partially_executed'
                           WHEN u < 750 THEN 'postponed' WHEN u < 760 THEN 'suspended'
                           WHEN u < 960 THEN 'completed' WHEN u < 990 THEN 'terminated'
                           ELSE 'entrusted_out' END
  ELSE CASE WHEN u < 30 THEN 'verification' WHEN u < 110 THEN 'has_conditions'
            WHEN u < 290 THEN 'no_conditions' WHEN u < 320 THEN 'coercion'
            WHEN u < 400 THEN 'partially_executed' WHEN u < 420 THEN 'postponed'
            WHEN u < 440 THEN 'suspended' WHEN u < 480 THEN 'separate_tracking'
            WHEN u < 840 THEN 'completed' WHEN u < 900 THEN 'terminated'
            WHEN u < 920 THEN 'request_returned' WHEN u < 940 THEN 'entrusted_out'
            ELSE 'closed' END
END"""


def _anchor() -> dt.datetime:
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today, dt.time()))


@transaction.atomic
def seed_enforcement_large(ctx: SeedContext) -> int:
    """Open the cases of the seeded judgments; returns the number of cases added."""
    if ctx.size != "large":
        return 0
    started = time.monotonic()
    office_ids = large_office_ids(ctx)
    mark = CASE_MARK(ctx.seed)
    anchor = _anchor()
    today = anchor.date()
    seed = ctx.seed * 16 + 8
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM enforcement_case WHERE office_id = ANY(%s) AND number LIKE %s",
            [office_ids, f"%{mark}"],
        )
        if cursor.fetchone()[0]:
            ctx.out("  enforcement.large: cases already seeded, skipped")
            return 0
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_officer ON COMMIT DROP AS
            SELECT office_id, (row_number() OVER (PARTITION BY office_id ORDER BY id)) - 1 AS idx,
                   count(*) OVER (PARTITION BY office_id) AS cnt, id AS user_id
            FROM org_user WHERE role = %s AND is_active AND office_id = ANY(%s)
            """,
            [Role.ENFORCEMENT_OFFICER, office_ids],
        )
        # 1. The cases, drawn from the judgments (one, or two for one judgment in three).
        cursor.execute(
            f"""
            CREATE TEMP TABLE tmp_seed_case ON COMMIT DROP AS
            SELECT b.*, ({_STATE_SQL}) AS state
            FROM (
                SELECT a.*, (%(today)s::date - (a.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                       AS age
                FROM (
                    SELECT j.id AS judgment_id, j.office_id, j.case_type, j.number AS jnumber,
                        j.court, c.n AS nth, r.h1, r.h2, r.h3, (r.h1 %% 1000) AS u,
                        row_number() OVER (PARTITION BY j.office_id ORDER BY j.id, c.n) AS idx,
                        LEAST(j.received_at + make_interval(days => 1 + (r.h2 %% 10)::int,
                                                            hours => c.n::int),
                              %(anchor)s::timestamptz - interval '1 hour') AS opened_at,
                        p.name AS pname
                    FROM decisions_judgment j
                    JOIN org_office o ON o.id = j.office_id
                    LEFT JOIN org_province p ON p.id = o.province_id
                    CROSS JOIN LATERAL generate_series(1,
                        1 + (abs(hashint8extended(j.id, %(seed)s)) %% 3 = 0)::int) AS c(n)
                    CROSS JOIN LATERAL (
                        SELECT abs(hashint8extended(j.id * 2 + c.n, %(seed)s + 1)) AS h1,
                               abs(hashint8extended(j.id * 2 + c.n, %(seed)s + 2)) AS h2,
                               abs(hashint8extended(j.id * 2 + c.n, %(seed)s + 3)) AS h3
                    ) AS r
                    WHERE j.extraction_mode = %(jmark)s AND j.office_id = ANY(%(offices)s)
                ) AS a
            ) AS b
            """,  # noqa: S608
            {
                "today": today,
                "anchor": anchor,
                "seed": seed,
                "jmark": JUDGMENT_MARK,
                "offices": office_ids,
            },
        )
        cursor.execute("SELECT count(*) FROM tmp_seed_case")
        (n_cases,) = cursor.fetchone()
        base = reserve_ids(cursor, "enforcement_case", n_cases)
        # 2. Money, moments, officer: everything a case row needs.
        cursor.execute(
            f"""
            CREATE TEMP TABLE tmp_seed_case2 ON COMMIT DROP AS
            SELECT t.*,
                CASE WHEN t.state IN ('received', 'decision_issued', 'notified')
                     THEN LEAST(t.opened_at + make_interval(days => (t.h2 %% 3)::int),
                                %(anchor)s::timestamptz - interval '30 minutes')
                     WHEN t.state = 'voluntary_period'
                     THEN LEAST(t.opened_at + make_interval(days => 2 + (t.h2 %% 4)::int),
                                %(anchor)s::timestamptz - interval '30 minutes')
                     ELSE t.opened_at + make_interval(
                         days => (GREATEST(t.age - 1, 1) * (20 + t.h3 %% 80) / 100)::int)
                END AS state_changed_at,
                CASE WHEN t.state IN ('completed', 'closed') THEN t.total_due
                     WHEN t.state = 'partially_executed'
                     THEN GREATEST(500000, (t.total_due * (20 + t.h2 %% 60) / 100 / 500000)
                                           * 500000)
                     WHEN t.state IN ('coercion', 'has_conditions', 'terminated')
                          AND t.h2 %% 3 = 0
                     THEN (t.total_due * (t.h3 %% 30) / 100 / 500000) * 500000
                     ELSE 0
                END AS collected
            FROM (
                SELECT s.*, %(base)s + row_number() OVER (ORDER BY s.office_id, s.idx) AS id,
                    CASE WHEN s.nth = 2 OR s.case_type = 'HS' THEN 'proactive'
                         ELSE 'on_request' END AS kind,
                    CASE WHEN s.nth = 2 OR s.case_type = 'HS'
                         THEN (1 + s.h3 %% 40) * 500000
                         WHEN s.h3 %% 100 = 0 THEN (1 + s.h2 %% 20) * 1000000000
                         ELSE (1 + (s.h3 %% 1000) * (s.h3 %% 1000) / 1000) * 1000000
                    END AS total_due,
                    (ARRAY[{_arr(_SURNAMES)}])[1 + s.h1 %% 16] || ' '
                        || (ARRAY[{_arr(_MIDDLE)}])[1 + s.h2 %% 10] || ' '
                        || (ARRAY[{_arr(_GIVEN)}])[1 + s.h3 %% 20] AS debtor,
                    CASE WHEN s.h2 %% 4 = 0
                         THEN (ARRAY[{_arr(_COMPANIES)}])[1 + s.h1 %% 5]
                         ELSE (ARRAY[{_arr(_SURNAMES)}])[1 + s.h3 %% 16] || ' '
                            || (ARRAY[{_arr(_MIDDLE)}])[1 + s.h1 %% 10] || ' '
                            || (ARRAY[{_arr(_GIVEN)}])[1 + s.h2 %% 20] END AS creditor,
                    '0' || lpad((s.h3 %% 100000000000)::text, 11, '0') AS debtor_id,
                    'Số ' || (1 + s.h2 %% 300) || ' đường '
                        || (ARRAY[{_arr(_STREETS)}])[1 + s.h1 %% 7] || ', ' || COALESCE(s.pname, '')
                        AS debtor_address,
                    extract(year FROM s.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year
                FROM tmp_seed_case s
            ) AS t
            """,  # noqa: S608
            {"anchor": anchor, "base": base},
        )
        # 3. The cases themselves.
        cursor.execute(
            """
            INSERT INTO enforcement_case (id, office_id, year, number, kind, state,
                paused_from_state, assigned_officer_id, judgment_id, judgment_number, court,
                opened_at, closed_at, end_reason, version, debtor_name, debtor_id_number,
                debtor_address, creditor_name, total_due_vnd, collected_vnd, legal_regime,
                state_changed_at, created_at, updated_at)
            SELECT c.id, c.office_id, c.year, c.idx || '/' || c.year || %(mark)s, c.kind, c.state,
                CASE WHEN c.state IN ('postponed', 'suspended') THEN 'verification' ELSE '' END,
                CASE WHEN c.state = 'received' THEN NULL ELSE o.user_id END,
                c.judgment_id, c.jnumber, c.court, c.opened_at,
                CASE WHEN c.state IN ('completed', 'terminated', 'request_returned',
                                      'entrusted_out', 'closed')
                     THEN c.state_changed_at END,
                CASE c.state WHEN 'completed' THEN 'Đã thi hành xong'
                             WHEN 'closed' THEN 'Đã thi hành xong'
                             WHEN 'terminated' THEN 'Đình chỉ thi hành án'
                             WHEN 'request_returned' THEN 'Trả đơn yêu cầu'
                             WHEN 'entrusted_out' THEN 'Ủy thác thi hành án' ELSE '' END,
                1, c.debtor, c.debtor_id, c.debtor_address,
                CASE WHEN c.kind = 'proactive' THEN 'Nhà nước' ELSE c.creditor END,
                c.total_due, c.collected,
                CASE WHEN (c.opened_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < %(l2025)s
                     THEN 'L2008' ELSE 'L2025' END,
                c.state_changed_at, c.opened_at, c.state_changed_at
            FROM tmp_seed_case2 c
            LEFT JOIN tmp_seed_officer o ON o.office_id = c.office_id
                AND o.idx = c.h2 %% o.cnt
            """,
            {"mark": mark, "l2025": _L2025_FROM},
        )
        made = cursor.rowcount
        # 4. Parties (debtor, creditor) and the one obligation.
        cursor.execute(
            """
            INSERT INTO enforcement_caseparty (case_id, position, role, name, id_number, address,
                phone, vneid)
            SELECT c.id, 0, 'debtor', c.debtor, c.debtor_id, c.debtor_address, '',
                   c.h1 % 10 < 7
            FROM tmp_seed_case2 c
            UNION ALL
            SELECT c.id, 1, 'creditor',
                   CASE WHEN c.kind = 'proactive' THEN 'Nhà nước' ELSE c.creditor END,
                   '', '', '', false
            FROM tmp_seed_case2 c
            """
        )
        cursor.execute(
            """
            INSERT INTO enforcement_caseobligation (case_id, position, kind, amount_vnd,
                description, creditor_name, periodic)
            SELECT c.id, 0,
                CASE WHEN c.kind = 'on_request' THEN 'money'
                     WHEN c.case_type = 'HS' AND c.nth = 1 THEN 'fine' ELSE 'court_fee' END,
                c.total_due,
                CASE WHEN c.kind = 'on_request' THEN 'Trả tiền theo bản án'
                     WHEN c.case_type = 'HS' AND c.nth = 1 THEN 'Tiền phạt'
                     ELSE 'Án phí' END,
                CASE WHEN c.kind = 'proactive' THEN 'Nhà nước' ELSE c.creditor END,
                '{}'::jsonb
            FROM tmp_seed_case2 c
            """
        )
        # 5. The timeline: opened, decision issued, the state reached.
        cursor.execute(
            """
            INSERT INTO enforcement_caseevent (case_id, at, actor_id, kind, title, detail,
                state_before, state_after)
            SELECT c.id, c.opened_at, NULL::bigint, 'opened', 'Tiếp nhận, mở hồ sơ thi hành án',
                   '{}'::jsonb, '', 'received'
            FROM tmp_seed_case2 c
            UNION ALL
            SELECT c.id, LEAST(c.opened_at + make_interval(hours => 4 + (c.h3 % 60)::int),
                               c.state_changed_at),
                   NULL, 'decision_issued', 'Ra quyết định thi hành án', '{}'::jsonb,
                   'received', 'decision_issued'
            FROM tmp_seed_case2 c WHERE c.state <> 'received'
            UNION ALL
            SELECT c.id, c.state_changed_at, NULL, 'seeded_state',
                   'Chuyển trạng thái: ' || c.state, jsonb_build_object('seed', 'large'),
                   'decision_issued', c.state
            FROM tmp_seed_case2 c WHERE c.state NOT IN ('received', 'decision_issued')
            """
        )
        deadlines = _seed_deadlines(cursor, today)
    ctx.out(
        f"  enforcement.large: {made} hồ sơ, {deadlines} thời hạn "
        f"({time.monotonic() - started:.1f}s)"
    )
    return made


def _arr(csv: str) -> str:
    return ",".join("'" + item.replace("'", "''") + "'" for item in csv.split(","))


def _seed_deadlines(cursor: Any, today: dt.date) -> int:
    """The deadlines the seeded cases' states run, from the rules in force on the trigger day
    (computed once per rule and day with the real ``deadline_compute``)."""
    pairs = [(state, code) for state, codes in ACTIVE_DEADLINES.items() for code in codes]
    cursor.execute(
        """
        CREATE TEMP TABLE tmp_seed_deadline ON COMMIT DROP AS
        SELECT c.id AS case_id,
            CASE WHEN p.code = 'ISSUE' AND c.kind = 'proactive' THEN 'T5_ISSUE_PROACTIVE'
                 WHEN p.code = 'ISSUE' THEN 'T4_ISSUE_ON_REQUEST' ELSE p.code END AS code,
            (c.state_changed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS trigger_on,
            c.state_changed_at AS trigger_at
        FROM tmp_seed_case2 c
        JOIN unnest(%s::text[], %s::text[]) AS p(state, code) ON p.state = c.state
        """,
        [[s for s, _c in pairs], [c for _s, c in pairs]],
    )
    cursor.execute("SELECT DISTINCT code, trigger_on FROM tmp_seed_deadline ORDER BY 1, 2")
    rules = _Rules()
    rows = []
    for code, trigger_on in cursor.fetchall():
        computed = rules.compute(code, trigger_on, "Ngày phát sinh sự kiện (dữ liệu mẫu)")
        if computed is None:
            continue
        rule, due_on, explanation = computed
        rows.append(
            (code, trigger_on, rule.pk, rule.title, due_on, json.dumps(explanation, default=str))
        )
    cursor.execute(
        "CREATE TEMP TABLE tmp_seed_rule (code text, trigger_on date, rule_id bigint, "
        "title text, due_on date, explanation jsonb) ON COMMIT DROP"
    )
    if rows:
        with cursor.copy(
            "COPY tmp_seed_rule (code, trigger_on, rule_id, title, due_on, explanation) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
    cursor.execute(
        """
        INSERT INTO enforcement_deadline (case_id, rule_id, rule_code, title, trigger_event,
            trigger_on, due_on, due_at, status, explanation, recomputed, history, created_at)
        SELECT d.case_id, r.rule_id, d.code, r.title, 'Ngày phát sinh sự kiện (dữ liệu mẫu)',
            d.trigger_on, r.due_on,
            CASE WHEN r.due_on = d.trigger_on THEN d.trigger_at + interval '1 day' END,
            CASE WHEN r.due_on < %s THEN 'overdue' ELSE 'open' END,
            r.explanation, false, '[]'::jsonb, d.trigger_at
        FROM tmp_seed_deadline d
        JOIN tmp_seed_rule r ON r.code = d.code AND r.trigger_on = d.trigger_on
        """,
        [today],
    )
    return cursor.rowcount


def register() -> None:
    """Register the seeder (it does nothing unless the size is ``large``)."""
    register_seeder("enforcement.large", 41, seed_enforcement_large)
