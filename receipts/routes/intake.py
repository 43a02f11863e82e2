"""Staff routes: intake (included by ``receipts.urls``, namespace ``receipts``)."""

from django.urls import path

from receipts.views import intake as views

urlpatterns = [
    path("scans/", views.scan_list, name="scan-list"),
    path("scans/new/", views.scan_upload, name="scan-upload"),
    path("scans/<int:pk>/", views.scan_detail, name="scan-detail"),
    path("scans/<int:pk>/confirm/", views.scan_confirm, name="scan-confirm"),
    path("statements/", views.statement_list, name="statement-list"),
    path("statements/import/", views.statement_import, name="statement-import"),
    path("statements/<int:pk>/", views.statement_detail, name="statement-detail"),
    path(
        "statements/<int:pk>/export.<str:fmt>",
        views.statement_export,
        name="statement-export",
    ),
    path("statements/<int:pk>/match/", views.statement_rematch, name="statement-rematch"),
    path(
        "statement-lines/<int:pk>/ignore/",
        views.statement_line_ignore,
        name="statement-line-ignore",
    ),
    path(
        "statement-lines/<int:pk>/assign/",
        views.statement_line_assign,
        name="statement-line-assign",
    ),
    path("reconciliation/", views.reconciliation_daily, name="reconciliation-daily"),
    path(
        "reconciliation/export.<str:fmt>",
        views.reconciliation_export,
        name="reconciliation-export",
    ),
    path("reconciliation/cash/", views.cash_count, name="cash-count"),
    path("bank-accounts/", views.bank_accounts, name="bank-accounts"),
    path(
        "cases/<int:case_pk>/payment-notice.pdf",
        views.payment_notice,
        name="payment-notice",
    ),
]
