"""Root URLs: core pages, one include per app (namespaced), admin for system administrators."""

from django.contrib import admin
from django.urls import include
from django.urls import path

urlpatterns = [
    path("", include("thads.urls_core")),
    path("org/", include("thads.org.urls")),
    path("audit/", include("thads.audit.urls")),
    path("calendar/", include("thads.calendar.urls")),
    path("", include("thads.documents.urls")),  # /jobs/... and /documents/...
    path("notify/", include("thads.notify.urls")),
    path("integrations/", include("thads.integrations.urls")),
    path("verify/", include("thads.documents.public_urls")),
    path("api/v1/court/", include("decisions.api_urls")),
    path("tra-cuu/quyet-dinh/", include("decisions.public_urls")),
    path("tra-cuu/van-ban/", include("enforcement.public_urls")),
    path("tra-cuu/bien-lai/", include("receipts.public_urls")),
    path("", include("citizen_reception.public_urls")),  # /nop-don/, /tra-cuu/don/
    path("receipts/", include("receipts.urls")),
    path("decisions/", include("decisions.urls")),
    path("enforcement/", include("enforcement.urls")),
    path("reception/", include("citizen_reception.urls")),
    path("ioc/", include("ioc_dashboard.urls")),
    path("admin/", admin.site.urls),
]

# MEDIA_ROOT is never served as files, not even with DEBUG: originals and signed PDFs are read
# through views that check the office scope.

handler400 = "thads.views.bad_request"
handler403 = "thads.views.permission_denied"
handler404 = "thads.views.page_not_found"
handler500 = "thads.views.server_error"
