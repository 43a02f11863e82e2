"""Staff routes of the receipts app (none yet: built by its own issue)."""

from django.urls import URLPattern

app_name = "receipts"
urlpatterns: list[URLPattern] = []
