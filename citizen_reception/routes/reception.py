"""Staff routes: the reception log and the heads' reception days."""

from django.urls import path

from citizen_reception.views import reception as views

urlpatterns = [
    path("log/", views.reception_log, name="reception-log"),
    path("log/new/", views.reception_log_new, name="reception-log-new"),
    path("schedule/", views.schedule_list, name="schedule-list"),
    path("schedule/<int:pk>/cancel/", views.schedule_cancel, name="schedule-cancel"),
]
