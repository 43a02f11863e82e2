"""Staff routes of the decisions app (none yet: built by its own issue)."""

from django.urls import URLPattern

app_name = "decisions"
urlpatterns: list[URLPattern] = []
