"""Every template compiles, names only URLs that exist, and renders (style.md 2.12).

What is checked, from strictest to most lenient:

1. Every file under ``templates/`` and under each project app's ``templates/`` loads: a
   ``TemplateSyntaxError`` (a typo, an unloaded tag, an unclosed block) always fails. Each
   ``{% partialdef %}`` of a template is loaded as ``"name.html#partial"`` too.
2. Every literal URL name in ``{% url "ns:name" ... %}`` exists in the URLconf, and every
   literal ``{% include "..." %}``/``{% extends "..." %}`` (``"x.html#partial"`` too) loads, so a
   renamed route or a missing component fails here even when it sits behind an ``{% if %}``.
3. Every template and every partial renders for a signed-in enforcement officer of
   ``T101-KV01`` (a ``RequestFactory`` request passed through the context processors) with a
   generic context: empty ``page``/``page_obj``, an empty ``form``, ``query = ""``. A missing
   variable renders empty, as Django does. ``TemplateDoesNotExist`` (``extends``, ``include``
   or a partial that is gone) and any other exception fail, with one exception:
   ``NoReverseMatch`` is tolerated when the template has no registered context, because a
   detail page's ``{% url "receipts:detail" receipt.pk %}`` cannot reverse without a receipt
   (check 2 still proves the name exists).
4. A template whose rendering needs real objects registers a context in
   ``tests/<area>/template_contexts.py``::

       TEMPLATE_CONTEXTS = {
           "receipts/receipt_detail.html": lambda request: {"receipt": ReceiptFactory(...)},
       }

   (``request.user`` is the officer; ``request.user.office`` their office; factories may be
   used, the test has database access). A registered template must then render with no
   exception at all, ``NoReverseMatch`` included. Keys may name a partial (``"x.html#rows"``).

This keeps the test strict on what can always be checked (syntax, template names, URL names)
and lets each app make its own pages strict without editing this file.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import NoReverseMatch
from django.urls import get_resolver
from django_htmx.middleware import HtmxDetails

ROOT = Path(settings.BASE_DIR)
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".svg", ".json", ".md"}
URL_TAG = re.compile(r"""\{%\s*url\s+(["'])(?P<name>[^"']+)\1""")
TEMPLATE_TAG = re.compile(r"""\{%\s*(?:include|extends)\s+(["'])(?P<name>[^"']+)\1""")

ContextFactory = Callable[[Any], dict[str, Any]]


def template_dirs() -> list[Path]:
    """The project's template folders: ``templates/`` and those of apps inside this repo."""
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    venv = ROOT / ".venv"
    for config in apps.get_app_configs():
        app_dir = Path(config.path) / "templates"
        if app_dir.is_dir() and app_dir.is_relative_to(ROOT) and not app_dir.is_relative_to(venv):
            dirs.append(app_dir)
    return [d for d in dirs if d.is_dir()]


def template_files() -> dict[str, Path]:
    """Template name -> file, for every template file the project holds."""
    found: dict[str, Path] = {}
    for directory in template_dirs():
        for file in sorted(directory.rglob("*")):
            if file.is_file() and file.suffix in TEMPLATE_SUFFIXES:
                found.setdefault(file.relative_to(directory).as_posix(), file)
    return found


def registered_contexts() -> dict[str, ContextFactory]:
    """``TEMPLATE_CONTEXTS`` of every ``tests/<area>/template_contexts.py``, merged."""
    merged: dict[str, ContextFactory] = {}
    for file in sorted((ROOT / "tests").glob("*/template_contexts.py")):
        module = importlib.import_module(f"tests.{file.parent.name}.template_contexts")
        for name, factory in getattr(module, "TEMPLATE_CONTEXTS", {}).items():
            assert name not in merged, f"{name} has a context in two template_contexts.py files"
            merged[name] = factory
    return merged


def url_name_exists(name: str) -> bool:
    """Whether ``{% url name %}`` names a route (namespaces and app names both resolved)."""
    resolver = get_resolver()
    *namespaces, view_name = name.split(":")
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict and namespace in resolver.app_dict:
            namespace = resolver.app_dict[namespace][0]
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return view_name in resolver.reverse_dict


TEMPLATES = template_files()
TEMPLATE_NAMES = sorted(TEMPLATES)


def test_the_project_has_templates():
    assert "base.html" in TEMPLATES


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_compiles(name):
    template = get_template(name)

    for partial in partial_names(template):
        get_template(f"{name}#{partial}")


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_urls_exist(name):
    source = TEMPLATES[name].read_text(encoding="utf-8")

    unknown = sorted(
        {m["name"] for m in URL_TAG.finditer(source) if not url_name_exists(m["name"])}
    )

    assert unknown == [], f"{name} links to URL names that do not exist: {unknown}"


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_includes_exist(name):
    source = TEMPLATES[name].read_text(encoding="utf-8")

    missing = sorted(
        {m["name"] for m in TEMPLATE_TAG.finditer(source) if not template_exists(m["name"])}
    )

    assert missing == [], f"{name} includes or extends templates that do not exist: {missing}"


def template_exists(name: str) -> bool:
    """Whether a literal ``{% include %}``/``{% extends %}`` name loads (partials included)."""
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def partial_names(template: Any) -> list[str]:
    inner = getattr(template, "template", template)
    return sorted(getattr(inner, "extra_data", {}).get("partials", {}))


@pytest.fixture
def officer_request(officer):
    request = RequestFactory().get("/")
    request.user = officer
    request.htmx = HtmxDetails(request)
    return request


def generic_context() -> dict[str, Any]:
    page = Paginator([], 20).get_page(1)
    return {
        "page": page,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": False,
        "object_list": [],
        "form": forms.Form(),
        "query": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_renders(name, officer_request):
    contexts = registered_contexts()
    template = get_template(name)
    targets = [name] + [f"{name}#{partial}" for partial in partial_names(template)]

    for target in targets:
        factory = contexts.get(target) or contexts.get(target.split("#")[0])
        context = generic_context()
        if factory is not None:
            context.update(factory(officer_request))
        try:
            get_template(target).render(context, officer_request)
        except NoReverseMatch:
            if factory is not None:
                raise
            # Without a registered context a URL may lack its arguments (see the docstring).


def test_registered_contexts_name_existing_templates():
    unknown = sorted(name for name in registered_contexts() if name.split("#")[0] not in TEMPLATES)

    assert unknown == [], f"template_contexts.py names templates that do not exist: {unknown}"


def test_url_name_check_tells_real_names_from_typos():
    assert url_name_exists("login")
    assert not url_name_exists("no-such-page")
    assert not url_name_exists("no-such-namespace:index")
    assert url_name_exists("admin:index")
    assert not url_name_exists("admin:no-such-page")
