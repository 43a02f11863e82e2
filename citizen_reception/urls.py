"""Staff routes of the citizen_reception app (none yet: built by its own issue)."""

from django.urls import URLPattern

app_name = "citizen_reception"
urlpatterns: list[URLPattern] = []
