"""Staff routes of the citizen_reception app (mounted at ``/reception/``): intake and petitions
(``routes/petitions.py``), the reception log and reception days (``routes/reception.py``)."""

from django.urls import include
from django.urls import path

app_name = "citizen_reception"
urlpatterns = [
    path("", include("citizen_reception.routes.petitions")),
    path("", include("citizen_reception.routes.reception")),
]
