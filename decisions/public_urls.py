"""Public verification of decisions: ``/tra-cuu/quyet-dinh/<token>``."""

from django.urls import path

from decisions.views import public as views

app_name = "decisions_public"
urlpatterns = [
    path("<str:token>", views.decision_verify, name="decision-verify"),
]
