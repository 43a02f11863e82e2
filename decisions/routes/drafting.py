"""Staff routes: decisions and batches (included by ``decisions.urls``, namespace ``decisions``)."""

from django.urls import path

from decisions.views import drafting as views

urlpatterns = [
    path("", views.decision_list, name="decision-list"),
    path("batches/new/", views.batch_create, name="batch-create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batches/<int:pk>/approve/", views.batch_approve, name="batch-approve"),
    path("batches/<int:pk>/sign/", views.batch_sign, name="batch-sign"),
    path("<int:pk>/", views.decision_detail, name="decision-detail"),
    path("<int:pk>/edit/", views.decision_edit, name="decision-edit"),
    path("<int:pk>/approve/", views.decision_approve_view, name="decision-approve"),
    path("<int:pk>/sign/", views.decision_sign_view, name="decision-sign"),
    path("<int:pk>/revoke/", views.decision_revoke_view, name="decision-revoke"),
    path("<int:pk>/preview.pdf", views.decision_preview, name="decision-preview"),
    path("<int:pk>/signed.pdf", views.decision_pdf, name="decision-pdf"),
    path("judgments/<int:pk>/due/", views.decision_due, name="decision-due"),
    path(
        "judgments/<int:pk>/requests/",
        views.creditor_request_create,
        name="creditor-request-create",
    ),
]
