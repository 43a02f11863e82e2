"""Property test (hypothesis, stateful): random sequences of actions by random staff.

Checks after every step: the case is in a known state; an ended case has no running deadline;
each state has the deadlines it requires (STATE_REQUIRED_DEADLINES); a paused case has only
paused deadlines (besides its resumption deadline) and resumption brings every one of them
back (none lost); refused actions change nothing (state, version, deadlines, events, audit).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.stateful import initialize
from hypothesis.stateful import invariant
from hypothesis.stateful import rule
from hypothesis.stateful import run_state_machine_as_test

from enforcement.exceptions import CaseTransitionError
from enforcement.models import ACTIVE_DEADLINE_STATUSES
from enforcement.models import ENDED_STATES
from enforcement.models import Case
from enforcement.models import CaseEvent
from enforcement.models import Deadline
from enforcement.services import STATE_REQUIRED_DEADLINES
from enforcement.services import TRANSITIONS
from enforcement.services import case_allowed_actions
from enforcement.services import case_open_from_decision
from enforcement.services import case_transition
from tests.enforcement.helpers import at
from tests.enforcement.helpers import signed_decision
from thads.audit.models import AuditEvent
from thads.permissions import Role

pytestmark = pytest.mark.django_db

RESUME_CODES = {"T14A_RESUME_POSTPONED", "T15A_RESUME_SUSPENDED"}


def _snapshot(case_pk: int) -> tuple:
    case = Case.objects.get(pk=case_pk)
    deadlines = tuple(
        Deadline.objects.filter(case_id=case_pk)
        .order_by("pk")
        .values_list("pk", "rule_code", "status", "due_on")
    )
    return (
        case.state,
        case.version,
        case.paused_from_state,
        case.assigned_officer_id,
        deadlines,
        CaseEvent.objects.filter(case_id=case_pk).count(),
        AuditEvent.objects.count(),
    )


def _machine(office, other_office, users):
    class CaseMachine(RuleBasedStateMachine):
        @initialize(
            kind=st.sampled_from(["proactive", "on_request"]),
            issued=st.sampled_from(
                [dt.date(2026, 5, 18), dt.date(2026, 6, 29), dt.date(2026, 9, 14)]
            ),
        )
        def open_case(self, kind, issued):
            self.case = case_open_from_decision(
                data=signed_decision(office, issued_on=issued, kind=kind)
            )
            self.now = at(issued.year, issued.month, issued.day, 11)
            self.paused_codes: set[str] | None = None

        def _payload(self, action: str, data) -> dict:
            payload: dict = {}
            if action == "assign":
                payload["officer_id"] = users["officer"].pk
            elif action == "serve_notice":
                payload["valid_notice_at"] = self.now
                payload["no_voluntary_period"] = (
                    data.draw(st.booleans().filter(lambda b: True), label="interim")
                    and data.draw(st.integers(0, 4)) == 0
                )
            elif action in ("postpone", "suspend") and data.draw(st.booleans(), label="until"):
                payload["until"] = (
                    self.now + dt.timedelta(days=data.draw(st.integers(1, 90)))
                ).date()
            elif action == "entrust":
                payload["office_id"] = other_office.pk
            elif action == "record_partial":
                payload["amount_vnd"] = data.draw(st.integers(0, 10**8))
            elif action == "start_verification":
                payload["urgent"] = data.draw(st.booleans(), label="urgent")
            return payload

        @rule(days=st.integers(0, 400))
        def time_passes(self, days):
            self.now += dt.timedelta(days=days)

        @rule(data=st.data())
        def allowed_action(self, data):
            case = Case.objects.get(pk=self.case.pk)
            options = [
                (name, a.action)
                for name, user in sorted(users.items())
                for a in case_allowed_actions(actor=user, case=case)
            ]
            if not options:
                return
            name, action = data.draw(st.sampled_from(options), label="actor+action")
            payload = self._payload(action, data)
            before = _snapshot(case.pk)
            state_before = case.state
            running_before = set(
                Deadline.objects.filter(case=case, status__in=("open", "overdue")).values_list(
                    "rule_code", flat=True
                )
            )
            paused_before = set(
                Deadline.objects.filter(case=case, status="paused").values_list(
                    "rule_code", flat=True
                )
            )
            try:
                case = case_transition(
                    actor=users[name],
                    case=case,
                    action=action,
                    version=case.version,
                    payload=payload,
                    at=self.now,
                )
            except CaseTransitionError:
                # Only a precondition that fails on the simulated day may refuse it.
                assert _snapshot(case.pk) == before
                return
            t = TRANSITIONS[action]
            assert case.version == before[1] + 1
            if t.pauses:
                self.paused_codes = running_before
            if t.resumes:
                running_after = set(
                    Deadline.objects.filter(case=case, status__in=("open", "overdue")).values_list(
                        "rule_code", flat=True
                    )
                )
                assert paused_before - t.meets <= running_after
                self.paused_codes = None
            if t.target not in (None, "resume") and not (
                action == "serve_notice" and case.state == Case.State.NOTIFIED
            ):
                assert case.state == t.target
            if t.target is None:
                assert case.state == state_before

        @rule(data=st.data())
        def refused_action(self, data):
            case = Case.objects.get(pk=self.case.pk)
            name = data.draw(st.sampled_from(sorted(users)), label="actor")
            allowed = {a.action for a in case_allowed_actions(actor=users[name], case=case)}
            refused = sorted(set(TRANSITIONS) - allowed)
            if not refused:
                return
            action = data.draw(st.sampled_from(refused), label="refused action")
            before = _snapshot(case.pk)
            with pytest.raises(CaseTransitionError):
                case_transition(
                    actor=users[name],
                    case=case,
                    action=action,
                    version=case.version,
                    payload=self._payload(action, data),
                    at=self.now,
                )
            assert _snapshot(case.pk) == before

        @invariant()
        def consistent(self):
            if not hasattr(self, "case"):
                return
            case = Case.objects.get(pk=self.case.pk)
            assert case.state in Case.State.values
            rows = list(
                Deadline.objects.filter(case=case, status__in=ACTIVE_DEADLINE_STATUSES).values_list(
                    "rule_code", "status"
                )
            )
            codes = [c for c, _s in rows]
            assert len(codes) == len(set(codes))
            if case.state in ENDED_STATES:
                assert rows == []
                assert case.paused_from_state == ""
                return
            for one_of in STATE_REQUIRED_DEADLINES.get(case.state, ()):
                running = {c for c, s in rows if s in ("open", "overdue")}
                assert running & one_of, (case.state, rows)
            if case.is_paused:
                assert case.paused_from_state
                assert {c for c, s in rows if s != "paused"} <= RESUME_CODES
                assert (self.paused_codes or set()) <= {c for c, s in rows if s == "paused"}
            else:
                assert case.paused_from_state == ""
                assert all(s != "paused" for _c, s in rows)

    return CaseMachine


def test_random_action_sequences_keep_the_case_consistent(
    office, other_office, make_user, officer, office_head, provincial_head
):
    users = {
        "officer": officer,
        "clerk": make_user(Role.CLERK, office),
        "head": office_head,
        "provincial_head": provincial_head,
        "accountant": make_user(Role.ACCOUNTANT, office),
        "outsider": make_user(Role.ENFORCEMENT_OFFICER, other_office),
    }
    machine = _machine(office, other_office, users)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            database=None,
            phases=[Phase.explicit, Phase.generate],
        ),
    )
