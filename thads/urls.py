"""Root URLs: core pages, one include per app (namespaced), admin for system administrators."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include
from django.urls import path

urlpatterns = [
    path("", include("thads.urls_core")),
    path("org/", include("thads.org.urls")),
    path("audit/", include("thads.audit.urls")),
    path("calendar/", include("thads.calendar.urls")),
    path("jobs/", include("thads.documents.urls")),
    path("receipts/", include("receipts.urls")),
    path("decisions/", include("decisions.urls")),
    path("enforcement/", include("enforcement.urls")),
    path("reception/", include("citizen_reception.urls")),
    path("ioc/", include("ioc_dashboard.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "thads.views.bad_request"
handler403 = "thads.views.permission_denied"
handler404 = "thads.views.page_not_found"
handler500 = "thads.views.server_error"
