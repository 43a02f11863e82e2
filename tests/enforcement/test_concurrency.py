"""Two users act on the same case at once with the same version: exactly one succeeds."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from enforcement.exceptions import CaseTransitionError
from enforcement.exceptions import CaseVersionConflictError
from enforcement.models import Case
from enforcement.services import case_transition
from tests.factories.enforcement import CaseFactory
from thads.permissions import Role


@pytest.mark.django_db(transaction=True)
def test_same_version_two_threads_only_one_wins(office, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    head = make_user(Role.OFFICE_HEAD, office)
    head2 = make_user(Role.OFFICE_HEAD, office)
    case = CaseFactory(office=office)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(actor, action):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            case_transition(actor=actor, case=case, action=action, version=1)
            outcomes.append("ok")
        except CaseVersionConflictError:
            outcomes.append("conflict")
        except CaseTransitionError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(head, "postpone")),
        threading.Thread(target=act, args=(head2, "terminate")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["conflict", "ok"]
    case.refresh_from_db()
    assert case.version == 2
    assert case.state in (Case.State.POSTPONED, Case.State.TERMINATED)
    assert case.events.count() == 1
