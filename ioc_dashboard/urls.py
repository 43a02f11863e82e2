"""Staff routes of the operations centre (mounted at ``/ioc/``, namespace ``ioc_dashboard``)."""

from django.urls import path

from ioc_dashboard.views import alerts
from ioc_dashboard.views import assistant
from ioc_dashboard.views import dashboard
from ioc_dashboard.views import reports
from ioc_dashboard.views import tasks

app_name = "ioc_dashboard"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("nation/", dashboard.nation, name="nation"),
    path("provinces/<int:code>/", dashboard.province, name="province"),
    path("offices/<str:code>/", dashboard.office, name="office"),
    path("offices/<str:code>/officers/<str:username>/", dashboard.officer, name="officer"),
    path("tasks/new/", tasks.task_create, name="task-create"),
    path("alerts/", alerts.alert_list, name="alert-list"),
    path("alerts/<str:kind>/<str:office>/", alerts.alert_detail, name="alert-detail"),
    path("assistant/", assistant.assistant, name="assistant"),
    path("assistant/answer/", assistant.assistant_answer, name="assistant-answer"),
    path("reports/", reports.report, name="report"),
    path("reports/xlsx/", reports.report_xlsx, name="report-xlsx"),
]
