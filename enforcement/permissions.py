"""Who may do what in the enforcement app (role sets used by views and services)."""

from thads.permissions import Role

#: Work a case: service, verification, coercion steps, notes (the assigned executor and helpers).
CASE_WORK_ROLES = frozenset({Role.ENFORCEMENT_OFFICER, Role.CLERK, Role.OFFICE_HEAD})
#: Head's decisions on a case: assign, reassign, postpone, suspend, terminate, entrust, close.
CASE_HEAD_ROLES = frozenset({Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD})
#: Read cases of their scope.
CASE_VIEW_ROLES = (
    CASE_WORK_ROLES
    | CASE_HEAD_ROLES
    | frozenset({Role.MINISTRY_LEADER, Role.ACCOUNTANT, Role.CASHIER, Role.RECEPTION_OFFICER})
)
