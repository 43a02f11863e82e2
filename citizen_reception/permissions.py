"""Who may do what with petitions and the reception log (role sets used by services and
views; domain.md §1.2, §5.2 "who resolves")."""

from thads.permissions import Role

#: Receive petitions at the counter (for any office) and write the reception log.
RECEIVE_ROLES = frozenset(
    {
        Role.COUNTER_STAFF,
        Role.RECEPTION_OFFICER,
        Role.CLERK,
        Role.ENFORCEMENT_OFFICER,
        Role.OFFICE_HEAD,
        Role.PROVINCIAL_HEAD,
    }
)
#: Handle a petition of their office: classify, notes, guidance, forwarding, storing, splitting.
HANDLE_ROLES = frozenset(
    {
        Role.RECEPTION_OFFICER,
        Role.CLERK,
        Role.ENFORCEMENT_OFFICER,
        Role.OFFICE_HEAD,
        Role.PROVINCIAL_HEAD,
    }
)
#: Decide: accept, refuse, resolve, close (the head: L2008 Art 142; TT13 Art 7); assign.
DECIDE_ROLES = frozenset({Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.MINISTRY_LEADER})
#: Read petitions of their scope (leaders up the chain see).
VIEW_ROLES = RECEIVE_ROLES | HANDLE_ROLES | DECIDE_ROLES
#: Plan the heads' reception days.
SCHEDULE_ROLES = frozenset({Role.OFFICE_HEAD, Role.PROVINCIAL_HEAD, Role.RECEPTION_OFFICER})
#: May be assigned a petition to handle.
ASSIGNEE_ROLES = HANDLE_ROLES
