"""Staff routes: judgments (included by ``decisions.urls``, namespace ``decisions``)."""

from django.urls import path

from decisions.views import judgments as views

urlpatterns = [
    path("judgments/", views.judgment_list, name="judgment-list"),
    path("judgments/upload/", views.judgment_upload, name="judgment-upload"),
    path(
        "judgments/corrections/export/",
        views.judgment_corrections_export,
        name="judgment-corrections-export",
    ),
    path("judgments/<int:pk>/", views.judgment_detail, name="judgment-detail"),
    path("judgments/<int:pk>/source/", views.judgment_source, name="judgment-source"),
    path("judgments/<int:pk>/field/", views.judgment_field, name="judgment-field"),
    path(
        "judgments/<int:pk>/field/correct/",
        views.judgment_field_correct,
        name="judgment-field-correct",
    ),
    path(
        "judgments/<int:pk>/field/confirm/",
        views.judgment_field_confirm,
        name="judgment-field-confirm",
    ),
    path("judgments/<int:pk>/rows/add/", views.judgment_row_add, name="judgment-row-add"),
    path("judgments/<int:pk>/rows/remove/", views.judgment_row_remove, name="judgment-row-remove"),
    path("judgments/<int:pk>/confirm/", views.judgment_confirm, name="judgment-confirm"),
    path("judgments/<int:pk>/rerun/", views.judgment_rerun, name="judgment-rerun"),
]
