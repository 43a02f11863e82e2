"""Court intake API: ``/api/v1/court/`` (token + HMAC per court, JSON errors)."""

from django.urls import URLPattern

app_name = "court_api"
urlpatterns: list[URLPattern] = []
