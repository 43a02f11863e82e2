"""The e2e harness proper: page checks (screenshot + axe-core) and the login helper.

Fixtures live in ``conftest.py``; tests import :func:`log_in` from here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
#: axe impacts that fail a test; "moderate" and "minor" are reported by axe but tolerated.
FAILING_IMPACTS = frozenset({"serious", "critical"})


class PageCheck:
    """Open pages and check each one: screenshot, then axe-core accessibility rules."""

    def __init__(self, page: Any, base_url: str, test_name: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name).strip("-")
        self.screenshots: list[Path] = []
        #: JavaScript errors and console errors (a refused script, a CSP violation, a 404 asset).
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        # The browser also logs the status of the page itself (403, 404, 429): that is the test.
        if message.text.startswith("Failed to load resource") and (
            message.location.get("url") == self.page.url
        ):
            return
        self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def __call__(self, path: str, name: str) -> Any:
        """Go to ``path`` on the live server, then :meth:`check` the page as ``name``."""
        response = self.page.goto(self.base_url + path)
        self.check(name)
        return response

    def check(self, name: str) -> None:
        """Screenshot the current page and fail on serious or critical axe violations."""
        self.page.wait_for_load_state("load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{self.test_name}-{name}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        self.screenshots.append(shot)
        if self.errors:
            pytest.fail(f"Browser errors on {name} ({self.page.url}):\n" + "\n".join(self.errors))
        violations = run_axe(self.page)
        failing = [v for v in violations if v.get("impact") in FAILING_IMPACTS]
        if failing:
            pytest.fail(
                f"axe-core: {len(failing)} serious/critical violation(s) on {name} "
                f"({self.page.url}), screenshot {shot}:\n{format_violations(failing)}"
            )


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core into ``page`` and return its violations (WCAG 2.x A and AA rules)."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in the repository root first")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return result["violations"]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def log_in(visit: PageCheck, username: str, password: str, *, name: str = "login") -> None:
    """Sign in through the real login form (checked as ``name``)."""
    page = visit.page
    visit("/login/", name)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state("load")
