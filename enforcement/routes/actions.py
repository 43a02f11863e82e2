"""Staff routes: actions (included by ``enforcement.urls``, namespace ``enforcement``)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
