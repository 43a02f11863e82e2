from django.urls import path

from thads.integrations import views

app_name = "integrations"
urlpatterns = [
    path("", views.call_list, name="call-list"),
    path("<int:pk>/retry/", views.call_retry, name="call-retry"),
]
