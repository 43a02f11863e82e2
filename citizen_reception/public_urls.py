"""Public routes of citizen reception: filing online (``nop-don/``) and tracking
(``tra-cuu/don/<code>``). Mounted at the site root."""

from django.urls import path

from citizen_reception.public import views

app_name = "citizen_reception_public"
urlpatterns = [
    path("nop-don/", views.petition_file, name="petition-file"),
    path("nop-don/ma-xac-thuc/", views.petition_code_send, name="petition-code-send"),
    path("nop-don/da-nop/", views.petition_filed, name="petition-filed"),
    path(
        "nop-don/da-nop/<str:code>/giay-bien-nhan.pdf",
        views.petition_filed_receipt,
        name="petition-filed-receipt",
    ),
    path("tra-cuu/don/", views.petition_track_find, name="petition-track-find"),
    path("tra-cuu/don/<str:code>", views.petition_track, name="petition-track"),
]
