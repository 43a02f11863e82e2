"""Scale seed of the decisions app (``seed_demo --size large``): court judgments received by
every office over five years, and the signed opening decision of every seeded case.

Set-based SQL only (``INSERT … SELECT generate_series``), so a million rows take seconds, not
hours. Everything random comes from ``hashint8extended(key, seed)``: the same seed and plan
give the same rows. Rows are marked so a second run adds nothing: judgments carry
``extraction_mode = 'seed_large'``, decisions ``source_key = 'seed-large:<case id>'``.

- ``seed_judgments_large`` (order 31, before the enforcement seeder, which opens cases from
  these judgments): confirmed judgments, case types spread like the sector's statistics.
- ``seed_decisions_large`` (order 45, after the cases): one signed decision per seeded case
  that got past "received", numbered without gaps in the office's ``QĐ-THADS`` series of the
  issue year (continuing ``thads.numbering``'s counter, which is moved to the last number).
  Seeded decisions have no PDF file: ``pdf_sha256`` is the hash of a marker text.

The plan (``ctx.shared``): ``large.judgments`` (total, default :data:`JUDGMENTS`),
``large.provinces`` (province codes; default all 34), ``large.years`` (default 5).
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.db import transaction
from django.utils import timezone

from thads.org.models import Office
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder
from thads.seeding_sql import first_user_by_office
from thads.seeding_sql import reserve_ids

__all__ = [
    "JUDGMENTS",
    "MARK",
    "office_plan",
    "register",
    "seed_decisions_large",
    "seed_judgments_large",
]

#: Judgments of the large seed: with 4 in 3 judgments opening a case, over a million cases.
JUDGMENTS = 760_000
#: ``Judgment.extraction_mode`` of seeded judgments.
MARK = "seed_large"
#: Weight of a provincial agency's caseload against a regional office's.
_PROVINCIAL_WEIGHT = 0.5
DECISION_SERIES = "QĐ-THADS"
_L2025_FROM = dt.date(2026, 7, 1)


def _plan_value(ctx: SeedContext, key: str, default: object) -> object:
    return ctx.shared.get(f"large.{key}", default)


def office_plan(ctx: SeedContext) -> list[tuple[Office, int]]:
    """(office, judgments) for every regional office and provincial agency in the plan's
    provinces, in code order; the total is exactly ``large.judgments``."""
    total = int(_plan_value(ctx, "judgments", JUDGMENTS))  # type: ignore[call-overload]
    provinces = _plan_value(ctx, "provinces", None)
    offices = Office.objects.filter(
        level__in=[Office.Level.REGIONAL, Office.Level.PROVINCIAL]
    ).select_related("province")
    if provinces is not None:
        offices = offices.filter(province__code__in=list(provinces))  # type: ignore[call-overload]
    offices = list(offices.order_by("code"))
    weights = [_PROVINCIAL_WEIGHT if o.level == Office.Level.PROVINCIAL else 1.0 for o in offices]
    whole = sum(weights) or 1.0
    counts = [int(total * w / whole) for w in weights]
    for i in range(total - sum(counts)):  # the remainder, one each, to the first offices
        counts[i % len(counts)] += 1
    return list(zip(offices, counts, strict=True))


def _anchor() -> dt.datetime:
    """Today's local midnight: every seeded moment lies before it (same seed, same rows)."""
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today, dt.time()))


@transaction.atomic
def seed_judgments_large(ctx: SeedContext) -> int:
    """Insert the plan's judgments (confirmed, over ``large.years`` years); returns the count
    added (0 when this seed's judgments are already there)."""
    if ctx.size != "large":
        return 0
    started = time.monotonic()
    plan = office_plan(ctx)
    office_ids = [o.pk for o, _n in plan]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM decisions_judgment WHERE extraction_mode = %s "
            "AND office_id = ANY(%s)",
            [MARK, office_ids],
        )
        if cursor.fetchone()[0]:
            ctx.out("  decisions.large: judgments already seeded, skipped")
            return 0
        clerks = first_user_by_office(office_ids, [Role.CLERK, Role.OFFICE_HEAD])
        total = sum(n for _o, n in plan)
        base = reserve_ids(cursor, "decisions_judgment", total)
        offsets, running = [], 0
        for _office, n in plan:
            offsets.append(running)
            running += n
        years = int(_plan_value(ctx, "years", 5))  # type: ignore[call-overload]
        days = years * 365 + years // 4
        cursor.execute(
            """
            INSERT INTO decisions_judgment (id, office_id, source, court, number, issued_on,
                case_type, effective_on, status, extraction, extraction_mode, message,
                received_at, received_by_id, confirmed_at, confirmed_by_id, version)
            SELECT s.id, s.office_id,
                CASE WHEN s.h1 %% 5 = 0 THEN 'court_api' ELSE 'upload' END,
                'Tòa án nhân dân khu vực ' || (1 + s.h2 %% 6) || ' - ' || s.pname,
                s.i || '/' || extract(year FROM s.received_on - s.lag)::int || '/' || s.ct
                    || CASE WHEN s.h2 %% 4 = 0 THEN '-PT' ELSE '-ST' END,
                s.received_on - s.lag, s.ct, s.received_on - (s.h3 %% 10)::int, 'confirmed',
                '{}'::jsonb, %(mark)s, '', s.received_at, s.clerk_id,
                s.received_at + interval '2 hours', s.clerk_id, 1
            FROM (
                SELECT p.office_id, p.pname, p.clerk_id, g.i,
                    %(base)s + p.k0 + g.i AS id,
                    r.h1, r.h2, r.h3,
                    (%(start)s::timestamptz + make_interval(days => r.day_offset,
                        mins => 420 + (r.h3 %% 600)::int)) AS received_at,
                    ((%(start)s::timestamptz + make_interval(days => r.day_offset,
                        mins => 420 + (r.h3 %% 600)::int))
                        AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_on,
                    30 + (r.h1 %% 60)::int AS lag,
                    CASE WHEN r.h2 %% 100 < 45 THEN 'DS' WHEN r.h2 %% 100 < 57 THEN 'HNGD'
                         WHEN r.h2 %% 100 < 67 THEN 'KDTM' WHEN r.h2 %% 100 < 71 THEN 'LD'
                         WHEN r.h2 %% 100 < 75 THEN 'HC' ELSE 'HS' END AS ct
                FROM unnest(%(offices)s::bigint[], %(counts)s::int[], %(k0)s::bigint[],
                            %(pnames)s::text[], %(clerks)s::bigint[])
                     AS p(office_id, n, k0, pname, clerk_id)
                CROSS JOIN LATERAL generate_series(1, p.n) AS g(i)
                CROSS JOIN LATERAL (
                    SELECT abs(hashint8extended(p.k0 + g.i, %(seed)s)) AS h1,
                           abs(hashint8extended(p.k0 + g.i, %(seed)s + 1)) AS h2,
                           abs(hashint8extended(p.k0 + g.i, %(seed)s + 2)) AS h3,
                           -- more judgments in recent years: density grows linearly
                           floor(%(days)s * sqrt((abs(hashint8extended(p.k0 + g.i,
                               %(seed)s + 3)) %% 1000003) / 1000003.0))::int AS day_offset
                ) AS r
            ) AS s
            """,
            {
                "mark": MARK,
                "base": base,
                "start": _anchor() - dt.timedelta(days=days),
                "days": days - 1,
                "seed": ctx.seed * 16,
                "offices": office_ids,
                "counts": [n for _o, n in plan],
                "k0": offsets,
                "pnames": [o.province.name if o.province else "" for o, _n in plan],
                "clerks": [clerks.get(o.pk) for o, _n in plan],
            },
        )
        made = cursor.rowcount
    ctx.out(
        f"  decisions.large: {made} bản án ở {len(plan)} đơn vị ({time.monotonic() - started:.1f}s)"
    )
    return made


@transaction.atomic
def seed_decisions_large(ctx: SeedContext) -> int:
    """One signed opening decision for each seeded case past "received" (gapless numbers per
    office and year, continuing the counter); returns the count added."""
    if ctx.size != "large":
        return 0
    started = time.monotonic()
    office_ids = [o.pk for o, _n in office_plan(ctx)]
    heads = first_user_by_office(
        office_ids, [Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.ENFORCEMENT_OFFICER]
    )
    clerks = first_user_by_office(office_ids, [Role.CLERK, Role.OFFICE_HEAD])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM decisions_decision WHERE office_id = ANY(%s) "
            "AND source_key LIKE 'seed-large:%%'",
            [office_ids],
        )
        if cursor.fetchone()[0]:
            ctx.out("  decisions.large: decisions already seeded, skipped")
            return 0
        # The cases this seed opened (enforcement_case, read as a table: no app import).
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_decision ON COMMIT DROP AS
            SELECT c.id AS case_id, c.office_id, c.kind, c.judgment_id, c.debtor_name,
                c.creditor_name, c.total_due_vnd, e.at AS signed_at,
                (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS issued_on,
                extract(year FROM e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year
            FROM enforcement_case c
            JOIN enforcement_caseevent e ON e.case_id = c.id AND e.kind = 'decision_issued'
            JOIN decisions_judgment j ON j.id = c.judgment_id AND j.extraction_mode = %s
            WHERE c.office_id = ANY(%s)
            """,
            [MARK, office_ids],
        )
        cursor.execute("SELECT count(*) FROM tmp_seed_decision")
        (n,) = cursor.fetchone()
        base = reserve_ids(cursor, "decisions_decision", n)
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_decision_last ON COMMIT DROP AS
            SELECT d.office_id, d.year, COALESCE(max(s.last_number), 0) AS last_number
            FROM (SELECT DISTINCT office_id, year FROM tmp_seed_decision) d
            LEFT JOIN numbering_numbersequence s ON s.office_id = d.office_id
                AND s.year = d.year AND s.series = %s
            GROUP BY d.office_id, d.year
            """,
            [DECISION_SERIES],
        )
        cursor.execute(
            """
            INSERT INTO decisions_decision (id, office_id, case_id, judgment_id, source_key,
                position, template_id, kind, law_version, legal_bases, fields, debtor_name,
                creditor_name, obligations, total_vnd, deadline, deadline_basis, status, number,
                year, number_symbol, issued_on, preview_name, pdf_name, pdf_sha256, error,
                created_at, created_by_id, approved_at, approved_by_id, signed_at, signed_by_id,
                version)
            SELECT %(base)s + row_number() OVER (ORDER BY d.case_id), d.office_id, d.case_id,
                d.judgment_id, 'seed-large:' || d.case_id, 0, t.id, t.kind,
                CASE WHEN d.issued_on < %(l2025)s THEN 'L2008' ELSE 'L2025' END,
                '[]'::jsonb, '{}'::jsonb, d.debtor_name, d.creditor_name, '[]'::jsonb,
                d.total_due_vnd, d.issued_on, '', 'signed', d.number, d.year,
                d.number || '/QĐ-THADS', d.issued_on, '', '',
                encode(sha256(convert_to('seed-large:decision:' || d.case_id, 'UTF8')), 'hex'),
                '', d.signed_at - interval '3 hours', cl.user_id,
                d.signed_at - interval '1 hour', hd.user_id, d.signed_at, hd.user_id, 1
            FROM (
                SELECT x.*, l.last_number + row_number() OVER (
                    PARTITION BY x.office_id, x.year ORDER BY x.signed_at, x.case_id) AS number
                FROM tmp_seed_decision x
                JOIN tmp_seed_decision_last l ON l.office_id = x.office_id AND l.year = x.year
            ) AS d
            JOIN decisions_decisiontemplate t ON t.kind = d.kind
                AND t.valid_from <= d.issued_on
                AND (t.valid_to IS NULL OR t.valid_to >= d.issued_on)
            LEFT JOIN unnest(%(offices)s::bigint[], %(heads)s::bigint[]) AS hd(office_id, user_id)
                ON hd.office_id = d.office_id
            LEFT JOIN unnest(%(offices)s::bigint[], %(clerks)s::bigint[]) AS cl(office_id, user_id)
                ON cl.office_id = d.office_id
            """,
            {
                "base": base,
                "l2025": _L2025_FROM,
                "offices": office_ids,
                "heads": [heads.get(pk) for pk in office_ids],
                "clerks": [clerks.get(pk) for pk in office_ids],
            },
        )
        made = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO numbering_numbersequence (office_id, series, year, last_number, updated_at)
            SELECT office_id, %s, year, max(number), now() FROM decisions_decision
            WHERE office_id = ANY(%s) AND source_key LIKE 'seed-large:%%'
            GROUP BY office_id, year
            ON CONFLICT (office_id, series, year) DO UPDATE
                SET last_number = GREATEST(numbering_numbersequence.last_number,
                                           EXCLUDED.last_number),
                    updated_at = EXCLUDED.updated_at
            """,
            [DECISION_SERIES, office_ids],
        )
    ctx.out(f"  decisions.large: {made} quyết định đã ký ({time.monotonic() - started:.1f}s)")
    return made


def register() -> None:
    """Register both seeders (they do nothing unless the size is ``large``)."""
    register_seeder("decisions.large_judgments", 31, seed_judgments_large)
    register_seeder("decisions.large_decisions", 45, seed_decisions_large)
