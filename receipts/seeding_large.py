"""Scale seed of the receipts app (``seed_demo --size large``): millions of receipts over five
years, the creditors' balances and the money paid out, all as the live services would leave
them, in set-based SQL.

For every case of ``enforcement.seeding_large`` with money collected (``collected_vnd``, a
multiple of 500,000 VND) the seeder issues its instalments between the opening and the end of
the case (2 to 21 each, in multiples of 250,000 VND), in the series the purpose is receipted
in (``BL`` enforcement money for cases on request, ``AP`` court fees and fines for proactive
cases), plus the enforcement fee (``PL``) of completed cases and, for one case in 200, a
receipt voided for a wrong amount (with its reason). What the database and
``manage.py receipts_check`` demand holds:

- numbers start at 1 each year, per office and series, with no gap, in order of collection,
  continuing the ``thads.numbering`` counter (moved to the last number);
- every receipt carries the hash of the previous one of its series and its own, computed in
  SQL exactly as ``receipts.services.receipt_hash`` does (``sha256`` over the previous hash and
  the JSON of its facts, keys sorted), chained by a window aggregate in key order;
- the balance of each creditor is the sum of their valid receipts; what was paid out (one
  approved payment) never exceeds it; a few completed cases keep money not paid out.

Seeded receipts are marked signed with ``pdf_name = 'seed-large'`` (no PDF file was made:
the signature sweep leaves them alone). Amounts in words come from ``thads.money``.
Lookup codes derive from the seed (demo data only; no public token is attached).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import connection
from django.db import transaction
from django.utils import timezone

from receipts.models import GENESIS_HASH
from receipts.services.money import DEFAULT_SYMBOL_PREFIX
from thads.money import vnd_in_words
from thads.permissions import Role
from thads.seeding import SeedContext
from thads.seeding import register_seeder
from thads.seeding_sql import first_user_by_office
from thads.seeding_sql import large_office_ids
from thads.seeding_sql import reserve_ids

__all__ = ["PDF_MARK", "UNIT_VND", "register", "seed_receipts_large"]

#: ``pdf_name`` of seeded receipts (signed history without a PDF file).
PDF_MARK = "seed-large"
#: Instalments are multiples of this amount.
UNIT_VND = 250_000
_ENDED_PAID = ("completed", "closed")
_PREFIX = {str(kind): prefix for kind, prefix in DEFAULT_SYMBOL_PREFIX.items()}

# The facts of ``receipt_hash`` as Python's ``json.dumps(sort_keys=True, ensure_ascii=False)``
# writes them: keys sorted, ", " and ": " separators, strings escaped by to_json.
_FACTS_SQL = """
'{"amount_vnd": ' || r.amount || ', "bank_reference": ' || to_json(r.bank_reference)::text
|| ', "case": ' || r.case_id || ', "collected_at": "'
|| to_char(r.collected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
|| '", "collector": ' || r.collector_id || ', "creditor": ' || to_json(r.creditor)::text
|| ', "lookup_code_sha256": "' || encode(sha256(convert_to(r.lookup_code, 'UTF8')), 'hex')
|| '", "method": ' || to_json(r.method)::text || ', "number": ' || r.number
|| ', "office": ' || to_json(r.office_code)::text || ', "payer": ' || to_json(r.payer)::text
|| ', "payer_id": ' || to_json(r.payer_id)::text || ', "purpose": ' || to_json(r.purpose)::text
|| ', "symbol": ' || to_json(r.symbol)::text || ', "year": ' || r.year || '}'
"""


def _anchor() -> dt.datetime:
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today, dt.time()))


def _chain_functions(cursor: Any) -> None:
    """``pg_temp.receipt_chain(prev0, facts)``: running SHA-256 chain of a series, as a window
    aggregate (session-local: nothing is added to the schema)."""
    cursor.execute(
        """
        CREATE OR REPLACE FUNCTION pg_temp.receipt_chain_step(state text, prev0 text, facts text)
        RETURNS text LANGUAGE sql IMMUTABLE AS $$
            SELECT encode(sha256(convert_to(coalesce(state, prev0) || facts, 'UTF8')), 'hex')
        $$
        """
    )
    cursor.execute("DROP AGGREGATE IF EXISTS pg_temp.receipt_chain(text, text)")
    cursor.execute(
        "CREATE AGGREGATE pg_temp.receipt_chain(text, text) "
        "(SFUNC = pg_temp.receipt_chain_step, STYPE = text)"
    )


@transaction.atomic
def seed_receipts_large(ctx: SeedContext) -> int:
    """Receipts, balances and payments for the large seed's cases; returns receipts added."""
    if ctx.size != "large":
        return 0
    started = time.monotonic()
    office_ids = large_office_ids(ctx)
    mark = f"/L{ctx.seed}"
    key_prefix = f"seed-large-{ctx.seed}-"
    anchor = _anchor()
    seed = ctx.seed * 16 + 12
    collectors = first_user_by_office(
        office_ids, [Role.CASHIER, Role.ACCOUNTANT, Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD]
    )
    accountants = first_user_by_office(
        office_ids, [Role.ACCOUNTANT, Role.CASHIER, Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD]
    )
    heads = first_user_by_office(office_ids, [Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM receipts_receipt WHERE office_id = ANY(%s) "
            "AND idempotency_key LIKE %s",
            [office_ids, key_prefix + "%"],
        )
        if cursor.fetchone()[0]:
            ctx.out("  receipts.large: receipts already seeded, skipped")
            return 0
        # Sorts of millions of rows: in memory where they fit (this transaction only).
        cursor.execute("SET LOCAL work_mem = '256MB'")
        _chain_functions(cursor)
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_staff ON COMMIT DROP AS
            SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[])
                AS s(office_id, collector_id, accountant_id, head_id)
            """,
            [
                office_ids,
                [collectors.get(pk) for pk in office_ids],
                [accountants.get(pk) for pk in office_ids],
                [heads.get(pk) for pk in office_ids],
            ],
        )
        # 1. The cases with money, and the window their money came in.
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_money ON COMMIT DROP AS
            SELECT c.id AS case_id, c.office_id, o.code AS office_code, c.kind, c.state,
                c.debtor_name, c.debtor_id_number, c.debtor_address, c.creditor_name,
                c.collected_vnd / %(unit)s AS units,
                LEAST(2 + abs(hashint8extended(c.id, %(seed)s)) %% 20,
                      c.collected_vnd / %(unit)s) AS n,
                abs(hashint8extended(c.id, %(seed)s + 1)) AS h,
                c.opened_at + interval '10 days' AS t0,
                GREATEST(COALESCE(c.closed_at, %(anchor)s::timestamptz - interval '1 day'),
                         c.opened_at + interval '11 days') AS t1,
                c.collected_vnd
            FROM enforcement_case c JOIN org_office o ON o.id = c.office_id
            WHERE c.office_id = ANY(%(offices)s) AND c.number LIKE %(mark)s
                AND c.collected_vnd > 0
            """,
            {
                "unit": UNIT_VND,
                "seed": seed,
                "anchor": anchor,
                "offices": office_ids,
                "mark": "%" + mark,
            },
        )
        # 2. Every receipt's facts (number and hash come later, per series).
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_receipt ON COMMIT DROP AS
            SELECT x.*, extract(year FROM x.collected_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int
                AS year
            FROM (
                -- instalments
                SELECT m.case_id, m.office_id, m.office_code, g.j AS seq,
                    CASE WHEN m.kind = 'on_request' THEN 'enforcement_money'
                         ELSE 'court_fee' END AS purpose,
                    CASE WHEN m.kind = 'on_request' THEN m.creditor_name ELSE '' END AS creditor,
                    CASE WHEN g.j < m.n THEN (m.units / m.n) * %(unit)s
                         ELSE (m.units - (m.units / m.n) * (m.n - 1)) * %(unit)s END AS amount,
                    LEAST(m.t0 + (m.t1 - m.t0) * g.j / (m.n + 1)
                              + make_interval(mins => ((m.h + g.j * 7919) %% 480)::int),
                          %(anchor)s::timestamptz - interval '1 minute') AS collected_at,
                    (m.h + g.j) %% 5 < 2 AS transfer, false AS voided,
                    m.debtor_name, m.debtor_id_number, m.debtor_address
                FROM tmp_seed_money m CROSS JOIN LATERAL generate_series(1, m.n::int) AS g(j)
                UNION ALL
                -- the enforcement fee of completed cases on request (3 per cent, simplified)
                SELECT m.case_id, m.office_id, m.office_code, 100, 'enforcement_fee', '',
                    (m.collected_vnd * 3 / 100 / 1000) * 1000,
                    LEAST(m.t1 + interval '2 days', %(anchor)s::timestamptz - interval '1 minute'),
                    m.h %% 2 = 0, false, m.debtor_name, m.debtor_id_number, m.debtor_address
                FROM tmp_seed_money m
                WHERE m.kind = 'on_request' AND m.state IN ('completed', 'closed')
                    AND m.collected_vnd >= 5000000
                UNION ALL
                -- one case in 200: a receipt voided for a wrong amount, before the first
                SELECT m.case_id, m.office_id, m.office_code, 0,
                    CASE WHEN m.kind = 'on_request' THEN 'enforcement_money'
                         ELSE 'court_fee' END,
                    CASE WHEN m.kind = 'on_request' THEN m.creditor_name ELSE '' END,
                    (m.units / m.n) * %(unit)s + 100000,
                    LEAST(m.t0 + (m.t1 - m.t0) / (m.n + 1), %(anchor)s::timestamptz
                          - interval '1 minute') - interval '20 minutes',
                    false, true, m.debtor_name, m.debtor_id_number, m.debtor_address
                FROM tmp_seed_money m WHERE m.h %% 200 = 0
            ) AS x
            """,
            {"unit": UNIT_VND, "anchor": anchor},
        )
        # 3. The series (one per office, kind and year), created where missing.
        cursor.execute(
            """
            INSERT INTO receipts_receiptseries (office_id, kind, template_symbol, symbol, year,
                active, created_at)
            SELECT DISTINCT r.office_id, k.kind, 'BLTHA',
                p.prefix || '/' || lpad((r.year %% 100)::text, 2, '0') || 'E', r.year, true,
                make_timestamptz(r.year, 1, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh')
            FROM tmp_seed_receipt r
            JOIN (VALUES ('enforcement_money', 'enforcement'), ('court_fee', 'court_fee'),
                         ('enforcement_fee', 'fee')) AS k(purpose, kind)
                ON k.purpose = r.purpose
            JOIN unnest(%s::text[], %s::text[]) AS p(kind, prefix) ON p.kind = k.kind
            ON CONFLICT (office_id, symbol, year) DO NOTHING
            """,
            [list(_PREFIX), list(_PREFIX.values())],
        )
        cursor.execute("SELECT count(*) FROM tmp_seed_receipt")
        (n_receipts,) = cursor.fetchone()
        # 4. Number each series in order of collection, after what the counter holds; the
        #    chain continues from the series' last hash (genesis for a new series).
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_series ON COMMIT DROP AS
            SELECT DISTINCT ON (d.office_id, d.year, d.purpose) d.office_id, d.year, d.purpose,
                s.id AS series_id, s.symbol, s.kind AS series_kind,
                COALESCE(q.last_number, 0) AS last_number,
                COALESCE((SELECT x.hash FROM receipts_receipt x WHERE x.series_id = s.id
                          ORDER BY x.number DESC LIMIT 1), %(genesis)s) AS prev0
            FROM (SELECT DISTINCT office_id, year, purpose FROM tmp_seed_receipt) AS d
            JOIN (VALUES ('enforcement_money', 'enforcement'), ('court_fee', 'court_fee'),
                         ('enforcement_fee', 'fee')) AS k(purpose, kind)
                ON k.purpose = d.purpose
            JOIN receipts_receiptseries s ON s.office_id = d.office_id AND s.year = d.year
                AND s.kind = k.kind AND s.active
            LEFT JOIN numbering_numbersequence q ON q.office_id = d.office_id
                AND q.year = d.year AND q.series = 'BL:' || s.kind || ':' || s.symbol
            ORDER BY d.office_id, d.year, d.purpose, s.id
            """,
            {"genesis": GENESIS_HASH},
        )
        cursor.execute(
            """
            CREATE TEMP TABLE tmp_seed_numbered ON COMMIT DROP AS
            SELECT r.*, s.series_id, s.symbol, s.series_kind, s.prev0,
                s.last_number + row_number() OVER (
                    PARTITION BY s.series_id ORDER BY r.collected_at, r.case_id, r.seq) AS number
            FROM tmp_seed_receipt r
            JOIN tmp_seed_series s ON s.office_id = r.office_id AND s.year = r.year
                AND s.purpose = r.purpose
            """
        )
        words = _amount_words(cursor)
        base = reserve_ids(cursor, "receipts_receipt", n_receipts)
        # 5. Facts, hash chain and the rows. The facts are computed in the window aggregate's
        #    argument, after the sort by (series, number): the sort carries no long text.
        cursor.execute(
            f"""
            INSERT INTO receipts_receipt (id, series_id, office_id, year, number, case_id,
                creditor_name, payer_name, payer_id_number, payer_address, purpose, description,
                amount_vnd, amount_words, over_due_reason, method, bank_reference, collected_at,
                collector_id, approver_id, status, void_reason, voided_at, voided_by_id,
                idempotency_key, prev_hash, hash, lookup_code, pdf_name, pdf_sha256, signed_at,
                sign_error, created_at)
            SELECT %(base)s + row_number() OVER (ORDER BY c.series_id, c.number),
                c.series_id, c.office_id, c.year, c.number, c.case_id, c.creditor, c.payer,
                c.payer_id, c.debtor_address, c.purpose,
                CASE c.purpose WHEN 'enforcement_fee' THEN 'Phí thi hành án'
                               WHEN 'court_fee' THEN 'Thu án phí, tiền phạt theo bản án'
                               ELSE 'Thu tiền thi hành án' END,
                c.amount, w.words, '', c.method, c.bank_reference, c.collected_at,
                c.collector_id, NULL,
                CASE WHEN c.voided THEN 'voided' ELSE 'signed' END,
                CASE WHEN c.voided THEN 'Lập sai số tiền (dữ liệu mẫu)' ELSE '' END,
                CASE WHEN c.voided THEN c.collected_at + interval '10 minutes' END,
                CASE WHEN c.voided THEN c.collector_id END,
                c.idem, c.prev_hash, c.hash, c.lookup_code,
                CASE WHEN c.voided THEN '' ELSE %(pdf)s END, '',
                CASE WHEN c.voided THEN NULL ELSE c.collected_at + interval '2 minutes' END,
                '', c.collected_at
            FROM (
                SELECT f.*,
                    COALESCE(lag(f.hash) OVER (PARTITION BY f.series_id ORDER BY f.number),
                             f.prev0) AS prev_hash
                FROM (
                    SELECT r.*, pg_temp.receipt_chain(r.prev0, {_FACTS_SQL}) OVER (
                        PARTITION BY r.series_id ORDER BY r.number) AS hash
                    FROM (
                        SELECT n.*, st.collector_id,
                            CASE WHEN n.transfer THEN 'transfer' ELSE 'cash' END AS method,
                            CASE WHEN n.transfer
                                 THEN 'FT' || lpad((abs(hashint8extended(n.case_id * 128 + n.seq,
                                     %(seed)s)) %% 10000000000)::text, 10, '0')
                                 ELSE '' END AS bank_reference,
                            n.debtor_name AS payer, n.debtor_id_number AS payer_id,
                            %(key)s || n.case_id || '-' || n.seq AS idem,
                            'S' || translate(encode(sha256(convert_to(
                                %(key)s || n.case_id || '-' || n.seq, 'UTF8')), 'base64'),
                                '+/=', '-_') AS lookup_code
                        FROM tmp_seed_numbered n
                        JOIN tmp_seed_staff st ON st.office_id = n.office_id
                    ) AS r
                ) AS f
            ) AS c
            JOIN tmp_seed_words w ON w.amount = c.amount
            """,  # noqa: S608
            {"base": base, "pdf": PDF_MARK, "seed": seed, "key": key_prefix},
        )
        made = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO numbering_numbersequence (office_id, series, year, last_number, updated_at)
            SELECT n.office_id, 'BL:' || n.series_kind || ':' || n.symbol, n.year, max(n.number),
                   now()
            FROM tmp_seed_numbered n GROUP BY n.office_id, n.series_kind, n.symbol, n.year
            ON CONFLICT (office_id, series, year) DO UPDATE
                SET last_number = GREATEST(numbering_numbersequence.last_number,
                                           EXCLUDED.last_number),
                    updated_at = EXCLUDED.updated_at
            """
        )
        balances, payments = _seed_ledger(cursor, seed=seed, key_prefix=key_prefix, anchor=anchor)
    ctx.out(
        f"  receipts.large: {made} biên lai, {balances} số dư, {payments} khoản chi, "
        f"{len(words)} cách đọc số tiền ({time.monotonic() - started:.1f}s)"
    )
    return made


def _amount_words(cursor: Any) -> list[tuple[int, str]]:
    """Amounts in words (``thads.money.vnd_in_words``) for every distinct amount, as a temp
    table ``tmp_seed_words`` (a few thousand values, computed once each)."""
    cursor.execute("SELECT DISTINCT amount FROM tmp_seed_numbered ORDER BY 1")
    words = [(int(a), vnd_in_words(int(a))[:500]) for (a,) in cursor.fetchall()]
    cursor.execute(
        "CREATE TEMP TABLE tmp_seed_words (amount bigint PRIMARY KEY, words text) ON COMMIT DROP"
    )
    with cursor.copy("COPY tmp_seed_words (amount, words) FROM STDIN") as copy:
        for row in words:
            copy.write_row(row)
    return words


def _seed_ledger(
    cursor: Any, *, seed: int, key_prefix: str, anchor: dt.datetime
) -> tuple[int, int]:
    """Creditor balances (collected = valid enforcement-money receipts) and one approved
    payout per balance with money paid out; returns (balances, payments)."""
    cursor.execute(
        """
        CREATE TEMP TABLE tmp_seed_balance ON COMMIT DROP AS
        SELECT r.office_id, r.case_id, r.creditor, sum(r.amount) AS collected,
            max(r.collected_at) AS last_at, m.state, m.h, m.debtor_id_number
        FROM tmp_seed_numbered r JOIN tmp_seed_money m ON m.case_id = r.case_id
        WHERE r.purpose = 'enforcement_money' AND NOT r.voided
        GROUP BY r.office_id, r.case_id, r.creditor, m.state, m.h, m.debtor_id_number
        """
    )
    cursor.execute(
        """
        CREATE TEMP TABLE tmp_seed_paid ON COMMIT DROP AS
        SELECT b.*,
            CASE WHEN b.state IN ('completed', 'closed') AND b.h %% 33 <> 0 THEN b.collected
                 WHEN b.state IN ('completed', 'closed') THEN 0
                 ELSE (b.collected * (b.h %% 90) / 100 / 500000) * 500000 END AS paid,
            LEAST(b.last_at + make_interval(days => 3 + (b.h %% 25)::int),
                  %s::timestamptz - interval '2 hours') AS paid_at
        FROM tmp_seed_balance b
        """,
        [anchor],
    )
    cursor.execute(
        """
        INSERT INTO receipts_creditorbalance (office_id, case_id, creditor_name, collected_vnd,
            paid_vnd, updated_at)
        SELECT office_id, case_id, creditor, collected, paid,
               CASE WHEN paid > 0 THEN paid_at + interval '1 hour' ELSE last_at END
        FROM tmp_seed_paid
        ON CONFLICT (case_id, creditor_name) DO UPDATE
            SET collected_vnd = receipts_creditorbalance.collected_vnd + EXCLUDED.collected_vnd,
                paid_vnd = receipts_creditorbalance.paid_vnd + EXCLUDED.paid_vnd,
                updated_at = EXCLUDED.updated_at
        """
    )
    balances = cursor.rowcount
    cursor.execute(
        """
        INSERT INTO receipts_payment (office_id, case_id, kind, creditor_name,
            recipient_id_number, amount_vnd, method, bank_reference, note, status,
            idempotency_key, created_by_id, created_at, approved_by_id, approved_at)
        SELECT p.office_id, p.case_id, 'payout', p.creditor, '', p.paid,
            CASE WHEN p.h %% 3 = 0 THEN 'cash' ELSE 'transfer' END,
            CASE WHEN p.h %% 3 = 0 THEN '' ELSE 'TK ' || lpad((p.h %% 10000000000)::text, 10, '0')
            END,
            'Chi trả tiền thi hành án (dữ liệu mẫu)', 'approved',
            %s || 'pay-' || p.case_id, st.accountant_id, p.paid_at, st.head_id,
            p.paid_at + interval '1 hour'
        FROM tmp_seed_paid p JOIN tmp_seed_staff st ON st.office_id = p.office_id
        WHERE p.paid > 0
        """,
        [key_prefix],
    )
    return balances, cursor.rowcount


def register() -> None:
    """Register the seeder (it does nothing unless the size is ``large``)."""
    register_seeder("receipts.large", 61, seed_receipts_large)
