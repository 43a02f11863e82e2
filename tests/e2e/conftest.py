"""Browser-test harness: Playwright driving Debian's headless Chromium against ``live_server``.

- The browser is ``/usr/bin/chromium`` (Debian's package); Playwright never downloads one. Without
  it the tests are skipped with the reason.
- Every page a test looks at goes through :class:`PageCheck` (the ``visit`` fixture): a full-page
  screenshot is saved to ``var/screenshots/<test>-<name>.png`` and axe-core (from
  ``node_modules``, installed by ``npm ci``) is injected and run; any violation of impact
  "serious" or "critical" fails the test with its rule ids and elements.
- The live server runs in a thread of this process and the tests need real commits it can see,
  so every e2e test uses the transactional database (``pytestmark`` in each module).
- Playwright's sync API runs an event loop in this thread; Django refuses database access from
  a thread with a running loop unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set. Only tests set it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import PageCheck

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run e2e tests")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) and page, Vietnamese locale, desktop size.

    ``bypass_csp`` lets the harness inject axe-core under the site's Content-Security-Policy.
    """
    context = browser.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def visit(page: Any, live_server: Any, request: pytest.FixtureRequest) -> PageCheck:
    """``visit("/", "home")`` opens a page and checks it; ``visit.check(name)`` after actions."""
    return PageCheck(page, live_server.url, request.node.name)
