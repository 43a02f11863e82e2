"""Staff routes of the enforcement app (none yet: built by its own issue)."""

from django.urls import URLPattern

app_name = "enforcement"
urlpatterns: list[URLPattern] = []
