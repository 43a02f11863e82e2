"""Row locks of the numbering app, named so a reader sees every place that takes one."""

from __future__ import annotations

from django.db.models import QuerySet

from thads.numbering.models import NumberSequence


def number_sequence_qs_select_for_update() -> QuerySet[NumberSequence]:
    """Counters locked ``FOR UPDATE`` (held until the caller's transaction ends).

    Only this row is locked (``of=("self",)``), never the office it points to.
    """
    return NumberSequence.objects.select_for_update(of=("self",))
