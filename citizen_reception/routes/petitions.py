"""Staff routes: counter intake and petitions (included by ``citizen_reception.urls``)."""

from django.urls import path

from citizen_reception.views import petitions as views
from citizen_reception.views.intake import intake_page
from citizen_reception.views.intake import intake_scan
from citizen_reception.views.intake import intake_scan_status

urlpatterns = [
    path("intake/", intake_page, name="intake"),
    path("intake/scan/", intake_scan, name="intake-scan"),
    path("intake/scan/<int:pk>/", intake_scan_status, name="intake-scan-status"),
    path("petitions/", views.petition_list, name="petition-list"),
    path("petitions/<int:pk>/", views.petition_detail, name="petition-detail"),
    path(
        "petitions/<int:pk>/actions/<slug:action>/",
        views.petition_action,
        name="petition-action",
    ),
    path(
        "petitions/<int:pk>/acknowledgement.pdf",
        views.petition_acknowledgement,
        name="petition-acknowledgement",
    ),
    path(
        "petitions/<int:pk>/resolution.pdf",
        views.petition_resolution,
        name="petition-resolution",
    ),
    path(
        "petitions/<int:pk>/attachments/<int:attachment_pk>/",
        views.petition_attachment,
        name="petition-attachment",
    ),
]
