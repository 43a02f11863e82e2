"""Public verification routes, mounted at ``verify/`` with the namespace ``verify``."""

from django.urls import path

from thads.documents.verification import views

app_name = "verify"
urlpatterns = [
    path("<str:token>/", views.document_verify, name="document-verify"),
]
