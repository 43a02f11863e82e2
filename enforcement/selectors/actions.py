"""Every read of the enforcement app, scoped to the actor. Service of documents, verification,
coercion.

Objects are reached through their case's office (``case__office``): another office's object is
a 404 (style.md 2.7). The case-page panels read with a fixed number of queries (prefetch).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.db.models import QuerySet
from django.http import Http404

from enforcement.models import Case
from enforcement.models import CoercionMeasure
from enforcement.models import CoercionPlan
from enforcement.models import PortalAccess
from enforcement.models import ServedDocument
from enforcement.models import ServiceAttempt
from enforcement.models import Verification
from enforcement.models import VerificationRequest
from enforcement.selectors.cases import case_queryset_for_user
from thads.org.selectors import get_in_scope_or_404

__all__ = [
    "action_case_get_for_user",
    "coercion_measure_get_for_user",
    "coercion_panel",
    "portal_access_lookup",
    "served_document_get_for_user",
    "service_panel",
    "verification_get_for_user",
    "verification_panel",
    "verification_request_get_for_user",
]


def action_case_get_for_user(*, actor: Any, pk: int) -> Case:
    """The case ``pk`` if it belongs to the actor's office scope; ``Http404`` otherwise.

    Actions (service, verification, coercion) are taken by the office that holds the case: an
    office a case was entrusted to reads the sender's history but acts on its own new case.
    """
    case = (
        case_queryset_for_user(actor=actor, include_entrusted=False)
        .select_related("office", "assigned_officer")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def served_document_get_for_user(*, actor: Any, pk: int) -> ServedDocument:
    """A served document within the actor's scope (through its case); else ``Http404``."""
    return get_in_scope_or_404(
        ServedDocument.objects.select_related("case__office"),
        actor=actor,
        office_field="case__office",
        pk=pk,
    )


def verification_get_for_user(*, actor: Any, pk: int) -> Verification:
    """A verification round within the actor's scope; else ``Http404``."""
    return get_in_scope_or_404(
        Verification.objects.select_related("case__office"),
        actor=actor,
        office_field="case__office",
        pk=pk,
    )


def verification_request_get_for_user(*, actor: Any, pk: int) -> VerificationRequest:
    """A verification request within the actor's scope; else ``Http404``."""
    return get_in_scope_or_404(
        VerificationRequest.objects.select_related("verification__case__office"),
        actor=actor,
        office_field="verification__case__office",
        pk=pk,
    )


def coercion_measure_get_for_user(*, actor: Any, pk: int) -> CoercionMeasure:
    """A coercion measure within the actor's scope; else ``Http404``."""
    return get_in_scope_or_404(
        CoercionMeasure.objects.select_related("case__office"),
        actor=actor,
        office_field="case__office",
        pk=pk,
    )


def service_panel(*, case: Case) -> QuerySet[ServedDocument]:
    """The case's documents to serve, newest first, with their attempts (3 queries)."""
    attempts = ServiceAttempt.objects.select_related("evidence").order_by("number")
    return (
        ServedDocument.objects.filter(case=case)
        .select_related("document")
        .prefetch_related(Prefetch("attempts", queryset=attempts))
        .order_by("-created_at", "-pk")
    )


def verification_panel(*, case: Case) -> QuerySet[Verification]:
    """The case's verification rounds, newest first, with their requests (2 queries)."""
    return (
        Verification.objects.filter(case=case)
        .select_related("record_document", "proposed_by", "classified_by")
        .prefetch_related(Prefetch("requests", queryset=VerificationRequest.objects.order_by("pk")))
        .order_by("-number")
    )


def coercion_panel(*, case: Case) -> tuple[QuerySet[CoercionPlan], QuerySet[CoercionMeasure]]:
    """The case's coercion plans and measures, newest first."""
    plans = CoercionPlan.objects.filter(case=case).order_by("-starts_at", "-pk")
    measures = CoercionMeasure.objects.filter(case=case).select_related("plan")
    return plans, measures.order_by("-created_at", "-pk")


def portal_access_lookup(*, token: str) -> PortalAccess | None:
    """The portal access behind a public token (hash lookup), or None. Public: no scope."""
    from thads.documents.verification.services import TOKEN_PATTERN
    from thads.documents.verification.services import public_token_hash

    if not TOKEN_PATTERN.match(token or ""):
        return None
    return (
        PortalAccess.objects.select_related(
            "served_document__case__office", "served_document__document"
        )
        .filter(token_hash=public_token_hash(token))
        .first()
    )
