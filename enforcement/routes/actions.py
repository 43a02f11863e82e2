"""Staff routes: actions (included by ``enforcement.urls``, namespace ``enforcement``)."""

from django.urls import path

from enforcement.views import actions

urlpatterns = [
    path("cases/<int:pk>/service/", actions.case_service_panel, name="case-service-panel"),
    path(
        "cases/<int:pk>/service/documents/",
        actions.case_service_document_create,
        name="case-service-document-create",
    ),
    path(
        "served-documents/<int:pk>/attempts/",
        actions.served_document_attempt,
        name="served-document-attempt",
    ),
    path(
        "served-documents/<int:pk>/vneid/",
        actions.served_document_vneid,
        name="served-document-vneid",
    ),
    path(
        "served-documents/<int:pk>/portal/",
        actions.served_document_portal,
        name="served-document-portal",
    ),
    path(
        "cases/<int:pk>/verification/",
        actions.case_verification_panel,
        name="case-verification-panel",
    ),
    path(
        "cases/<int:pk>/verification/start/",
        actions.case_verification_start,
        name="case-verification-start",
    ),
    path(
        "verification-requests/<int:pk>/answer/",
        actions.verification_answer,
        name="verification-answer",
    ),
    path("verifications/<int:pk>/record/", actions.verification_record, name="verification-record"),
    path(
        "verifications/<int:pk>/propose/",
        actions.verification_propose,
        name="verification-propose",
    ),
    path(
        "verifications/<int:pk>/classify/",
        actions.verification_classify,
        name="verification-classify",
    ),
    path("cases/<int:pk>/coercion/", actions.case_coercion_panel, name="case-coercion-panel"),
    path(
        "cases/<int:pk>/coercion/plans/",
        actions.case_coercion_plan_create,
        name="case-coercion-plan-create",
    ),
    path(
        "cases/<int:pk>/coercion/measures/",
        actions.case_coercion_measure_add,
        name="case-coercion-measure-add",
    ),
    path(
        "coercion-measures/<int:pk>/lift/",
        actions.coercion_measure_lift,
        name="coercion-measure-lift",
    ),
]
