"""Public verification of decisions: ``/tra-cuu/quyet-dinh/<token>``."""

from django.urls import URLPattern

app_name = "decisions_public"
urlpatterns: list[URLPattern] = []
