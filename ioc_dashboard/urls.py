"""Staff routes of the ioc_dashboard app (none yet: built by its own issue)."""

from django.urls import URLPattern

app_name = "ioc_dashboard"
urlpatterns: list[URLPattern] = []
