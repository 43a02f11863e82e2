"""Staff routes of the decisions app: judgments (``routes/judgments.py``) and decisions
(``routes/drafting.py``), one namespace."""

from django.urls import include
from django.urls import path

app_name = "decisions"
urlpatterns = [
    path("", include("decisions.routes.judgments")),
    path("", include("decisions.routes.drafting")),
]
