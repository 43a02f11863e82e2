"""Migrations match the models, carry hand-written names, and apply (style.md 2.13).

Applying forward is proved by every database test: pytest-django builds the test database by
running all migrations (on PostgreSQL in CI); the last test states it explicitly.
"""

import contextlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

ROOT = Path(settings.BASE_DIR)


def project_app_configs():
    """The installed apps whose code lives in this repository."""
    venv = ROOT / ".venv"
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and not Path(config.path).is_relative_to(venv)
    ]


def migration_files() -> list[Path]:
    files = []
    for config in project_app_configs():
        folder = Path(config.path) / "migrations"
        files.extend(sorted(p for p in folder.glob("[0-9]*.py")))
    return files


@pytest.mark.django_db
def test_models_have_no_changes_without_a_migration():
    out = StringIO()

    # makemigrations --check exits 1 when a migration is missing
    with contextlib.suppress(SystemExit):
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)

    assert "No changes detected" in out.getvalue(), (
        "Models changed without a migration; write one with "
        "`manage.py makemigrations <app> -n <what_it_does>`:\n" + out.getvalue()
    )


def test_no_migration_has_an_automatic_name():
    auto = [str(p.relative_to(ROOT)) for p in migration_files() if "_auto_" in p.name]

    assert auto == [], f"Name these migrations by what they do (makemigrations -n): {auto}"


def test_every_project_app_with_models_has_migrations():
    missing = [
        config.label
        for config in project_app_configs()
        if list(config.get_models()) and not (Path(config.path) / "migrations").is_dir()
    ]

    assert missing == []


@pytest.mark.django_db
def test_every_migration_is_applied_on_the_test_database():
    executor = MigrationExecutor(connection)

    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
