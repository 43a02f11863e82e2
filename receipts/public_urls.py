"""Public receipt lookup: ``/tra-cuu/bien-lai/<token>`` and the search form."""

from django.urls import path

from receipts.views import public as views

app_name = "receipts_public"
urlpatterns = [
    path("", views.receipt_find, name="receipt-find"),
    path("<str:token>", views.receipt_verify, name="receipt-verify"),
    path("<str:token>/pdf", views.receipt_public_pdf, name="receipt-public-pdf"),
]
