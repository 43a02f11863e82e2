"""Staff routes: money (included by ``receipts.urls``, namespace ``receipts``)."""

from django.urls import path

from receipts.views import money as views

urlpatterns = [
    path("", views.receipt_list, name="receipt-list"),
    path("new/", views.receipt_create, name="receipt-create"),
    path("<int:pk>/", views.receipt_detail, name="receipt-detail"),
    path("<int:pk>/pdf/", views.receipt_pdf, name="receipt-pdf"),
    path("<int:pk>/void/", views.receipt_void_view, name="receipt-void"),
    path("payments/", views.payment_list, name="payment-list"),
    path("payments/new/", views.payment_create_view, name="payment-create"),
    path("payments/<int:pk>/approve/", views.payment_approve_view, name="payment-approve"),
    path("cases/<int:pk>/ledger/", views.case_ledger_view, name="case-ledger"),
]
