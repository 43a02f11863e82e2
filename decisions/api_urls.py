"""Court intake API: ``/api/v1/court/`` (token + HMAC per court, JSON errors).

Mounted by ``thads/urls.py`` under the namespace ``court_api``; described by
``openapi.json`` (``decisions.api.schema``) and docs/court_api.md.
"""

from django.urls import path

from decisions.views import api

app_name = "court_api"
urlpatterns = [
    path("openapi.json", api.openapi_json, name="openapi"),
    path("judgments", api.judgment_transfer_create, name="judgment-create"),
    path("judgments/<str:judgment_id>", api.judgment_transfer_detail, name="judgment-detail"),
]
