"""Staff routes: judgments (included by ``decisions.urls``, namespace ``decisions``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
