"""pytest plugins: each app's fixtures live in tests/fixtures/<app>.py."""

pytest_plugins = [
    "tests.fixtures.core",
    "tests.fixtures.calendar",
    "tests.fixtures.celery",
    "tests.fixtures.integrations",
    "tests.fixtures.documents",
    "tests.fixtures.decisions",
    "tests.fixtures.drafting",
    "tests.fixtures.enforcement",
    "tests.fixtures.receipts",
    "tests.fixtures.citizen_reception",
    "tests.fixtures.ioc_assistant",
    "tests.fixtures.ioc_figures",
]
