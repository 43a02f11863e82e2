"""Fixtures of the enforcement actions tests (service, verification, coercion).

The legal rules these services read (T12_REVERIFY_LONG, COERCION_FREEZE_RESOLVE,
COERCION_COST_NOTICE, COERCION_TET_BLACKOUT and the others) come from
``enforcement/rules/deadlines.json`` through the data migration; ``tests/fixtures/enforcement.py``
reloads them after a transactional test flushed the table.
"""
