from django.urls import path

from thads.calendar import views

app_name = "calendar"
urlpatterns = [
    path("", views.calendar_month, name="month"),
    path("calculate/", views.calendar_calculate, name="calculate"),
    path("overrides/", views.override_list, name="override-list"),
    path("overrides/create/", views.override_create, name="override-create"),
    path("overrides/<int:pk>/delete/", views.override_delete, name="override-delete"),
]
