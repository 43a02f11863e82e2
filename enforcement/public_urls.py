"""Public portal: a party opens a served document with its identification code and QR."""

from django.urls import URLPattern

app_name = "enforcement_public"
urlpatterns: list[URLPattern] = []
