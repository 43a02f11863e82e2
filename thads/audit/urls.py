from django.urls import path

from thads.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("verify/", views.verify_start, name="verify-start"),
    path("<int:pk>/", views.event_detail, name="event-detail"),
]
