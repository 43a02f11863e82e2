"""Staff routes: cases (included by ``enforcement.urls``, namespace ``enforcement``)."""

from django.urls import path

from enforcement.views import cases

urlpatterns = [
    path("worklist/", cases.worklist, name="worklist"),
    path("office-load/", cases.office_load, name="office-load"),
    path("cases/", cases.case_list, name="case-list"),
    path("cases/<int:pk>/", cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/action/", cases.case_action, name="case-action"),
    path("cases/<int:pk>/assign/", cases.case_assign, name="case-assign"),
    path("tasks/<int:pk>/done/", cases.case_task_done, name="task-done"),
]
