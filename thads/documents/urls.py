from django.urls import path

from thads.documents import views

app_name = "documents"
urlpatterns = [
    path("jobs/", views.job_list, name="job-list"),
    path("jobs/selftest/", views.job_selftest, name="job-selftest"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job-progress"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job-cancel"),
    path("documents/upload/", views.document_upload, name="document-upload"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/process/", views.document_process, name="document-process"),
    path("documents/<int:pk>/pages/<int:number>/", views.document_page, name="document-page"),
    path(
        "documents/<int:pk>/pages/<int:number>/image.png",
        views.document_page_image,
        name="document-page-image",
    ),
]
