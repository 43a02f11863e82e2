"""Every URL's view declares who may open it (style.md 2.4 and 2.7, quality.md S2).

A view declares its policy with ``thads.permissions.staff_view`` / ``public_view`` or
``StaffViewMixin``; :func:`thads.permissions.view_access_policy` reads it back. Only these URLs
may go without one, each for the reason given in :data:`ALLOWLIST`.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import path
from django.urls.resolvers import RegexPattern

from thads.permissions import StaffViewMixin
from thads.permissions import public_view
from thads.permissions import staff_view
from thads.permissions import view_access_policy

#: URL namespaces that are served by Django itself and guarded by their own machinery.
ALLOWED_NAMESPACES = {
    # admin.site.urls: ThadsConfig.ready() makes AdminSite.has_permission admit only active
    # accounts with is_staff and role SYSADMIN; every admin view is wrapped by admin_view.
    "admin": "Django admin: active, is_staff and role SYSADMIN, checked on every view",
}
#: Views (``module.qualname``) served by Django itself that need no policy of their own.
ALLOWLIST = {
    # POST-only, CSRF-protected, sets the language cookie and redirects to a same-host URL;
    # it reads and writes no data. Wrapping it in public_view in thads/urls.py is preferred
    # (the login page needs it); then this entry is simply not consulted.
    "django.views.i18n.set_language": "sets the language cookie only",
    # Mounted only when DEBUG (the embedded demo) for MEDIA_ROOT; LoginRequiredMiddleware
    # still requires a login. Production serves no media through Django.
    "django.views.static.serve": "DEBUG-only media serving, behind LoginRequiredMiddleware",
}


@dataclass(frozen=True)
class Route:
    """One URL pattern with the route and namespace it is reached by."""

    route: str
    name: str | None
    namespace: str
    callback: Any

    @property
    def view_path(self) -> str:
        view = getattr(self.callback, "view_class", self.callback)
        qualname = getattr(view, "__qualname__", type(view).__qualname__)
        return f"{view.__module__}.{qualname}"

    def __str__(self) -> str:
        name = f"{self.namespace}:{self.name}" if self.namespace else self.name
        return f"/{self.route} (name={name!r}) -> {self.view_path}"


def iter_routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern under ``resolver``, depth first, with its full route and namespace."""
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_routes(entry, route, inner)
        elif isinstance(entry, URLPattern):
            yield Route(route=route, name=entry.name, namespace=namespace, callback=entry.callback)


def routes_without_policy(resolver: URLResolver) -> list[Route]:
    """The routes whose view declares no access policy and is not allowlisted."""
    missing = []
    for route in iter_routes(resolver):
        if view_access_policy(route.callback) is not None:
            continue
        if route.namespace.split(":")[0] in ALLOWED_NAMESPACES:
            continue
        if route.view_path in ALLOWLIST:
            continue
        missing.append(route)
    return missing


def test_every_url_declares_an_access_policy():
    missing = routes_without_policy(get_resolver())

    assert missing == [], (
        "These URLs have no access policy: decorate the view with staff_view(...) or "
        "public_view, or use StaffViewMixin (thads.permissions):\n"
        + "\n".join(f"  {route}" for route in missing)
    )


def test_the_urlconf_has_routes():
    routes = list(iter_routes(get_resolver()))

    assert len(routes) > 0


def undecorated(request):
    return HttpResponse("")


@staff_view()
def staff_page(request):
    return HttpResponse("")


@public_view
def public_page(request):
    return HttpResponse("")


class StaffPage(StaffViewMixin):
    @classmethod
    def as_view(cls):
        def view(request):
            return HttpResponse("")

        view.view_class = cls
        return view


def test_the_check_names_each_url_without_a_policy():
    fake = URLResolver(
        RegexPattern(r"^/"),
        [
            path("open/", undecorated, name="open"),
            path("staff/", staff_page, name="staff"),
            path("public/", public_page, name="public"),
            path("class/", StaffPage.as_view(), name="class"),
            path(
                "nested/",
                (
                    [path("<int:pk>/", undecorated, name="detail")],
                    "nested",
                    "nested",
                ),
            ),
        ],
    )

    missing = routes_without_policy(fake)

    assert [str(route) for route in missing] == [
        "/open/ (name='open') -> tests.architecture.test_urls_have_access_policy.undecorated",
        "/nested/<int:pk>/ (name='nested:detail') -> "
        "tests.architecture.test_urls_have_access_policy.undecorated",
    ]


def test_admin_and_allowlisted_django_views_pass_the_check():
    fake = URLResolver(
        RegexPattern(r"^/"),
        [
            path("admin/", ([path("x/", undecorated, name="x")], "admin", "admin")),
            path("i18n/setlang/", _django_view("django.views.i18n", "set_language")),
        ],
    )

    assert routes_without_policy(fake) == []


def _django_view(module: str, name: str):
    def view(request):
        return HttpResponse("")

    view.__module__ = module
    view.__qualname__ = name
    return view
