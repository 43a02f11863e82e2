"""Staff routes of the enforcement app: cases (``routes/cases.py``) and actions on them
(``routes/actions.py``: service, verification, coercion), one namespace."""

from django.urls import include
from django.urls import path

app_name = "enforcement"
urlpatterns = [
    path("", include("enforcement.routes.cases")),
    path("", include("enforcement.routes.actions")),
]
