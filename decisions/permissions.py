"""Who may do what in the decisions app (role sets used by views and services)."""

from thads.permissions import Role

#: Upload or scan a judgment, start its extraction.
JUDGMENT_INTAKE_ROLES = frozenset(
    {Role.COUNTER_STAFF, Role.CLERK, Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD}
)
#: Review the extraction: correct and confirm fields.
JUDGMENT_REVIEW_ROLES = frozenset({Role.CLERK, Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD})
#: Read judgments of their scope (leaders read; they do not edit).
JUDGMENT_VIEW_ROLES = JUDGMENT_INTAKE_ROLES | frozenset(
    {Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER}
)
#: Draft decisions and edit drafts' free-text fields.
DECISION_DRAFT_ROLES = frozenset({Role.CLERK, Role.ENFORCEMENT_OFFICER, Role.OFFICE_HEAD})
#: Approve and sign decisions (Thủ trưởng: L2008 Art 23; ND152 Art 13).
DECISION_SIGN_ROLES = frozenset({Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD})
#: Read decisions of their scope.
DECISION_VIEW_ROLES = (
    DECISION_DRAFT_ROLES | DECISION_SIGN_ROLES | frozenset({Role.MINISTRY_LEADER, Role.ACCOUNTANT})
)
