"""Contexts for the template render test (tests/architecture/test_templates_render.py)."""

from ioc_dashboard.assistant import answers

TEMPLATE_CONTEXTS = {
    "ioc_dashboard/assistant/page.html": lambda request: {
        "layout": "layouts/staff.html",
        "suggestions": answers.suggestions(),
    },
}
