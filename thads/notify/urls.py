from django.urls import path

from thads.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.notification_list, name="notification-list"),
]
