"""Staff routes of the receipts app: money (``routes/money.py``) and intake (``routes/intake.py``:
scans, prefill, reconciliation), one namespace."""

from django.urls import include
from django.urls import path

app_name = "receipts"
urlpatterns = [
    path("", include("receipts.routes.money")),
    path("", include("receipts.routes.intake")),
]
