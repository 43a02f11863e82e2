"""Public portal: a party opens a served document with its identification code and QR."""

from django.urls import path

from enforcement.views import public

app_name = "enforcement_public"
urlpatterns = [
    path("<str:token>/", public.served_document_open, name="served-document-open"),
    path("<str:token>/tep/", public.served_document_file, name="served-document-file"),
]
