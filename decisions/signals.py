"""Domain events sent by the decisions app (style.md 2.4): downstream apps receive them.

``decision_signed``: sent after commit of the signing of one decision, with keyword arguments
``decision_id`` (int) and ``data`` (a ``decisions.types.SignedDecision``). ``enforcement``
opens or updates the case from it; the receiver must be idempotent (a decision may be
announced twice after a worker restart).
"""

from django.dispatch import Signal

decision_signed = Signal()
