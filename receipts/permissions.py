"""Who may do what in the receipts app (role sets used by views and services).

TT04/2023 Art 16: an e-receipt is prepared by the assigned executor or the staff in charge of
collecting; the office head approves payments out (L2008 Art 47; TT04 Art 18).
"""

from thads.permissions import Role

#: Issue a receipt for money collected.
RECEIPT_ISSUE_ROLES = frozenset(
    {Role.ENFORCEMENT_OFFICER, Role.ACCOUNTANT, Role.CASHIER, Role.OFFICE_HEAD}
)
#: Void a receipt (keeps its number, with a reason and the replacement).
RECEIPT_VOID_ROLES = frozenset({Role.ACCOUNTANT, Role.OFFICE_HEAD})
#: Propose a payment out to a creditor or a refund.
PAYMENT_PROPOSE_ROLES = frozenset({Role.ENFORCEMENT_OFFICER, Role.ACCOUNTANT, Role.OFFICE_HEAD})
#: Approve a payment out (Thủ trưởng cơ quan THADS).
PAYMENT_APPROVE_ROLES = frozenset({Role.OFFICE_HEAD})
#: Read receipts, payments and case ledgers of their scope (leaders read only).
RECEIPT_VIEW_ROLES = (
    RECEIPT_ISSUE_ROLES
    | RECEIPT_VOID_ROLES
    | PAYMENT_PROPOSE_ROLES
    | frozenset({Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER})
)
