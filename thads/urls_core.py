"""URLs of the platform shell (no namespace): home, login, logout, language, health check."""

from django.urls import path

from thads import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    # Shadows django.conf.urls.i18n's set_language (same path and name) so the switcher also
    # works for signed-out visitors under LoginRequiredMiddleware.
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]
