"""Scale seed of citizen reception (``seed_demo --size large``): petitions in proportion to the
cases of ``enforcement.seeding_large`` (one in :data:`PER_CASES`), over the same five years.

Set-based SQL. Each petition concerns a seeded case (its office handles it; its debtor writes
it): complaints (first and, one in ten, second time, against one of the five objects of
L2008 Art 140), denunciations, proposals and reports. Older petitions are resolved or closed
(some refused, withdrawn, guided, stored); recent ones are received or accepted. Complaints and
denunciations carry the clock of their resolution, computed from the petition rule in force on
the acceptance day (``thads.calendar``, once per rule and day); some were met late and some
recent ones are overdue, as the operations centre should show. Petition codes start with
``L<seed>-``; the seeder adds nothing when they exist.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import connection
from django.db import transaction
from django.utils import timezone

from citizen_reception.models import PetitionRule
from thads.calendar.workdays import explain_calendar_days
from thads.calendar.workdays import explain_working_days
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder
from thads.seeding_sql import first_user_by_office
from thads.seeding_sql import large_office_ids
from thads.seeding_sql import reserve_ids

__all__ = ["PER_CASES", "register", "seed_petitions_large"]

#: One petition per this many seeded cases.
PER_CASES = 16

_STATE_SQL = """
CASE
  WHEN age < 5 THEN CASE WHEN u < 700 THEN 'received' ELSE 'accepted' END
  WHEN age < 60 THEN CASE WHEN u < 100 THEN 'received' WHEN u < 550 THEN 'accepted'
                          WHEN u < 850 THEN 'resolved' WHEN u < 900 THEN 'guided'
                          WHEN u < 950 THEN 'refused' ELSE 'withdrawn' END
  ELSE CASE WHEN u < 20 THEN 'accepted' WHEN u < 600 THEN 'resolved' WHEN u < 800 THEN 'closed'
            WHEN u < 850 THEN 'guided' WHEN u < 900 THEN 'refused' WHEN u < 940 THEN 'stored'
            WHEN u < 970 THEN 'forwarded' ELSE 'withdrawn' END
END"""


@transaction.atomic
def seed_petitions_large(ctx: SeedContext) -> int:
    """Petitions, their timeline and resolution clocks; returns the petitions added."""
    if ctx.size != "large":
        return 0
    started = time.monotonic()
    office_ids = large_office_ids(ctx)
    today = timezone.localdate()
    anchor = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    prefix = f"L{ctx.seed}-"
    seed = ctx.seed * 16 + 14
    receivers = first_user_by_office(
        office_ids, [Role.RECEPTION_OFFICER, Role.CLERK, Role.OFFICE_HEAD]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM citizen_reception_petition WHERE office_id = ANY(%s) "
            "AND code LIKE %s",
            [office_ids, prefix + "%"],
        )
        if cursor.fetchone()[0]:
            ctx.out("  citizen_reception.large: petitions already seeded, skipped")
            return 0
        cursor.execute(
            f"""
            CREATE TEMP TABLE tmp_seed_petition ON COMMIT DROP AS
            SELECT b.*, ({_STATE_SQL}) AS state
            FROM (
                SELECT a.*, (%(today)s::date
                             - (a.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS age
                FROM (
                    SELECT c.id AS case_id, c.office_id, c.judgment_id, c.judgment_number,
                        c.debtor_name, c.debtor_id_number, c.debtor_address,
                        c.assigned_officer_id, h.h1, h.h2, (h.h2 %% 1000) AS u,
                        LEAST(c.opened_at + make_interval(days => 20 + (h.h1 %% 400)::int),
                              %(anchor)s::timestamptz - make_interval(
                                  mins => 30 + (h.h2 %% 600)::int)) AS received_at,
                        CASE WHEN h.h1 %% 100 < 45 THEN 'complaint'
                             WHEN h.h1 %% 100 < 55 THEN 'denunciation'
                             WHEN h.h1 %% 100 < 75 THEN 'proposal' ELSE 'report' END AS kind
                    FROM enforcement_case c
                    CROSS JOIN LATERAL (
                        SELECT abs(hashint8extended(c.id, %(seed)s + 1)) AS h1,
                               abs(hashint8extended(c.id, %(seed)s + 2)) AS h2
                    ) AS h
                    WHERE c.office_id = ANY(%(offices)s) AND c.number LIKE %(mark)s
                        AND abs(hashint8extended(c.id, %(seed)s)) %% %(per)s = 0
                ) AS a
            ) AS b
            """,  # noqa: S608
            {
                "today": today,
                "anchor": anchor,
                "seed": seed,
                "offices": office_ids,
                "mark": f"%/L{ctx.seed}",
                "per": PER_CASES,
            },
        )
        cursor.execute("SELECT count(*) FROM tmp_seed_petition")
        (n,) = cursor.fetchone()
        base = reserve_ids(cursor, "citizen_reception_petition", n)
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_petition2 ON COMMIT DROP AS
            SELECT t.*, %(base)s + row_number() OVER (ORDER BY t.case_id) AS id,
                (t.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_on,
                CASE WHEN t.state IN ('accepted', 'resolved', 'closed')
                     THEN (t.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                          + (1 + t.h2 %% 4)::int END AS accepted_on,
                CASE WHEN t.state IN ('resolved', 'closed', 'guided', 'refused', 'stored',
                                      'forwarded', 'withdrawn')
                     THEN LEAST(t.received_at + make_interval(days => 2 + (t.h1 %% 50)::int),
                                %(anchor)s::timestamptz - interval '10 minutes') END
                     AS resolved_at,
                CASE WHEN t.kind = 'complaint' THEN 1 + (t.h2 %% 10 = 0)::int END AS level,
                CASE WHEN t.kind = 'complaint' THEN (ARRAY['pre_measure', 'account_freeze',
                    'security_other', 'coercion', 'post_coercion'])[1 + t.h1 %% 5] ELSE '' END
                    AS object
            FROM tmp_seed_petition t
            """,
            {"base": base, "anchor": anchor},
        )
        cursor.execute(
            """
            INSERT INTO citizen_reception_petition (id, code, kind, complaint_level,
                complaint_object, channel, forwarded_by, state, received_office_id, office_id,
                received_at, received_on, petitioner_name, petitioner_id_number,
                petitioner_id_kind, petitioner_birth_year, petitioner_address, petitioner_phone,
                petitioner_email, anonymous, signatory_count, representatives, subject, content,
                respondent, case_id, judgment_id, judgment_reference, assigned_to_id,
                accepted_on, complex_case, remote_area, refusal_reason, resolution_summary,
                resolved_at, flags, notify_email, notify_phone, idempotency_key, version,
                created_by_id, created_at, updated_at)
            SELECT p.id, %(prefix)s || p.id, p.kind, p.level, p.object,
                (ARRAY['counter', 'online', 'post', 'forwarded'])[1 + p.h2 %% 4],
                CASE WHEN p.h2 %% 4 = 3 THEN 'Ủy ban nhân dân cấp xã' ELSE '' END,
                p.state, p.office_id, p.office_id, p.received_at, p.received_on,
                p.debtor_name, p.debtor_id_number, 'CCCD', 1950 + (p.h1 %% 50)::int,
                p.debtor_address, '', '', false, 1, '',
                CASE p.kind WHEN 'complaint' THEN 'Khiếu nại quyết định, hành vi của chấp hành viên'
                            WHEN 'denunciation' THEN 'Tố cáo hành vi vi phạm trong thi hành án'
                            WHEN 'proposal' THEN 'Kiến nghị về việc thi hành án'
                            ELSE 'Phản ánh về tiến độ thi hành án' END,
                'Nội dung đơn (dữ liệu mẫu) về việc thi hành bản án số ' || p.judgment_number,
                CASE WHEN p.kind IN ('complaint', 'denunciation') THEN 'Chấp hành viên' ELSE ''
                END,
                p.case_id, p.judgment_id, p.judgment_number,
                CASE WHEN p.state = 'received' THEN NULL
                     ELSE COALESCE(p.assigned_officer_id, rc.user_id) END,
                p.accepted_on, p.h1 %% 20 = 0, p.h2 %% 25 = 0,
                CASE WHEN p.state = 'refused' THEN 'Đơn không đủ điều kiện thụ lý (dữ liệu mẫu)'
                     ELSE '' END,
                CASE WHEN p.state IN ('resolved', 'closed')
                     THEN 'Đã giải quyết (dữ liệu mẫu)' ELSE '' END,
                p.resolved_at, '[]'::jsonb, '', '', NULL, 1, rc.user_id, p.received_at,
                COALESCE(p.resolved_at, p.received_at)
            FROM tmp_seed_petition2 p
            LEFT JOIN unnest(%(offices)s::bigint[], %(receivers)s::bigint[])
                AS rc(office_id, user_id) ON rc.office_id = p.office_id
            """,
            {
                "prefix": prefix,
                "offices": office_ids,
                "receivers": [receivers.get(pk) for pk in office_ids],
            },
        )
        made = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO citizen_reception_petitionevent (petition_id, action, from_state,
                to_state, actor_id, at, note, public_text)
            SELECT p.id, 'receive', '', 'received', NULL::bigint, p.received_at, '',
                   'Đã tiếp nhận đơn'
            FROM tmp_seed_petition2 p
            UNION ALL
            SELECT p.id, 'accept', 'received', 'accepted', NULL::bigint,
                   GREATEST(p.received_at, p.accepted_on::timestamp AT TIME ZONE
                            'Asia/Ho_Chi_Minh' + interval '9 hours'),
                   '', 'Đã thụ lý đơn'
            FROM tmp_seed_petition2 p WHERE p.accepted_on IS NOT NULL
            UNION ALL
            SELECT p.id, 'seed_' || p.state,
                   CASE WHEN p.accepted_on IS NULL THEN 'received' ELSE 'accepted' END,
                   p.state, NULL::bigint,
                   GREATEST(p.resolved_at, p.accepted_on::timestamp AT TIME ZONE
                            'Asia/Ho_Chi_Minh' + interval '10 hours', p.received_at),
                   '', 'Đã xử lý đơn'
            FROM tmp_seed_petition2 p WHERE p.resolved_at IS NOT NULL
            """
        )
        clocks = _seed_clocks(cursor, today)
    ctx.out(
        f"  citizen_reception.large: {made} đơn, {clocks} thời hạn giải quyết "
        f"({time.monotonic() - started:.1f}s)"
    )
    return made


def _seed_clocks(cursor: Any, today: dt.date) -> int:
    """The resolution clock of accepted complaints and denunciations, from the rule in force
    on the acceptance day; met when the petition was resolved (late for some)."""
    cursor.execute(
        """
        CREATE TEMP TABLE tmp_seed_clock ON COMMIT DROP AS
        SELECT p.id AS petition_id, p.accepted_on AS starts_on, p.resolved_at, p.state,
            CASE WHEN p.kind = 'denunciation' THEN 'denunciation.resolve'
                 WHEN p.level = 2 AND p.object = 'account_freeze'
                 THEN 'complaint.second.resolve.security_other'
                 ELSE 'complaint.' || CASE WHEN p.level = 2 THEN 'second' ELSE 'first' END
                      || '.resolve.' || p.object END AS code
        FROM tmp_seed_petition2 p
        WHERE p.kind IN ('complaint', 'denunciation') AND p.accepted_on IS NOT NULL
        """
    )
    cursor.execute("SELECT DISTINCT code, starts_on FROM tmp_seed_clock ORDER BY 1, 2")
    rows = []
    for code, starts_on in cursor.fetchall():
        rule = PetitionRule.objects.in_force(code=code, on=starts_on)
        if rule is None:
            continue
        if rule.unit == PetitionRule.Unit.WORKING_DAYS:
            span = explain_working_days(starts_on, rule.length)
            due_on, text = span.end, str(span.rule)
        else:
            cspan = explain_calendar_days(starts_on, rule.length)
            due_on, text = cspan.end, str(cspan.rule)
        rows.append((code, starts_on, rule.pk, rule.title, due_on, text))
    cursor.execute(
        "CREATE TEMP TABLE tmp_seed_prule (code text, starts_on date, rule_id bigint, "
        "title text, due_on date, explanation text) ON COMMIT DROP"
    )
    if rows:
        with cursor.copy(
            "COPY tmp_seed_prule (code, starts_on, rule_id, title, due_on, explanation) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
    cursor.execute(
        """
        INSERT INTO citizen_reception_petitiondeadline (petition_id, rule_id, title, starts_on,
            due_on, explanation, met_at, cancelled, code)
        SELECT c.petition_id, r.rule_id, r.title, c.starts_on, r.due_on, r.explanation,
            CASE WHEN c.state IN ('resolved', 'closed') THEN c.resolved_at END,
            c.state NOT IN ('accepted', 'resolved', 'closed'), c.code
        FROM tmp_seed_clock c
        JOIN tmp_seed_prule r ON r.code = c.code AND r.starts_on = c.starts_on
        """
    )
    return cursor.rowcount


def register() -> None:
    """Register the seeder (it does nothing unless the size is ``large``)."""
    register_seeder("citizen_reception.large", 71, seed_petitions_large)
