from django.urls import path

from thads.org import views

app_name = "org"
urlpatterns = [
    path("offices/", views.office_list, name="office-list"),
    path("offices/<str:code>/", views.office_detail, name="office-detail"),
]
