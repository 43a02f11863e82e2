"""Settings come from the environment, and production settings pass ``check --deploy``.

Each case runs in a subprocess with a controlled environment, because settings are read once,
when ``thads.settings.base`` is imported (quality.md S1, style.md 2.9).
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Variables the host or other tests may have set that would change what a case tests.
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "THADS_TASKS_EAGER",
    "THADS_DEBUG",
    "THADS_DEMO",
    "THADS_SECRET_KEY",
    "THADS_ALLOWED_HOSTS",
    "THADS_SECURE_SSL_REDIRECT",
    "THADS_SECURE_COOKIES",
    "THADS_HSTS_SECONDS",
    "THADS_STATICFILES_STORAGE",
    # set by the browser tests for Playwright; production never sets it (async.E001)
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "thads.settings.base"
    env.update(values)
    return env


def production_env(**values: str) -> dict[str, str]:
    """What a production host sets (docker-compose.yml), with the database CI provides."""
    env = clean_env(
        THADS_DEBUG="false",
        THADS_SECRET_KEY=secrets.token_urlsafe(64),
        THADS_ALLOWED_HOSTS="thads.example.gov.vn",
        THADS_PDF_SIGNING_KEY_PASSPHRASE=secrets.token_urlsafe(32),
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env.update(values)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(env: dict[str, str]) -> dict:
    code = (
        "import json; from thads.settings import base as s; print(json.dumps({"
        "'db': s.DATABASES['default'], 'cache': s.CACHES['default'],"
        "'broker': s.CELERY_BROKER_URL, 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
        "'redis': s.REDIS_URL, 'debug': s.DEBUG}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_fails_on_the_demo_secret_key():
    env = production_env()
    del env["THADS_SECRET_KEY"]

    result = manage("check", "--deploy", env=env)

    assert result.returncode == 1
    assert "(thads.E001) THADS_SECRET_KEY đang là khóa mặc định của bản demo." in result.stderr


def test_check_deploy_fails_with_debug_on():
    result = manage("check", "--deploy", env=production_env(THADS_DEBUG="true"))

    assert result.returncode == 1
    assert "(thads.E002) THADS_DEBUG đang bật trong môi trường triển khai." in result.stderr


def test_plain_check_accepts_the_embedded_demo_defaults():
    result = manage("check", "--fail-level", "WARNING", env=clean_env(THADS_DEBUG="true"))

    assert result.returncode == 0, result.stdout + result.stderr


def test_defaults_are_the_embedded_demo():
    values = read_settings(clean_env())

    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"] == str(ROOT / "var" / "thads.sqlite3")
    assert values["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["redis"] == ""
    assert values["broker"] == ""
    assert values["eager"] is True
    assert values["debug"] is False


def test_database_and_redis_come_from_their_urls():
    env = clean_env(
        DATABASE_URL="postgres://thads:mat-khau@db.example:5433/thads_prod",
        REDIS_URL="redis://cache.example:6379/3",
    )

    values = read_settings(env)

    assert values["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["db"]["NAME"] == "thads_prod"
    assert values["db"]["HOST"] == "db.example"
    assert values["db"]["PORT"] == 5433
    assert values["db"]["USER"] == "thads"
    assert values["db"]["CONN_HEALTH_CHECKS"] is True
    assert values["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache"]["LOCATION"] == "redis://cache.example:6379/3"
    assert values["broker"] == "redis://cache.example:6379/3"
    assert values["eager"] is False


def test_a_separate_broker_url_wins_over_redis_url():
    env = clean_env(
        REDIS_URL="redis://cache.example:6379/3",
        CELERY_BROKER_URL="redis://broker.example:6379/0",
    )

    values = read_settings(env)

    assert values["broker"] == "redis://broker.example:6379/0"
    assert values["cache"]["LOCATION"] == "redis://cache.example:6379/3"
    assert values["eager"] is False


def test_tasks_can_be_forced_eager_with_a_broker():
    env = clean_env(REDIS_URL="redis://cache.example:6379/3", THADS_TASKS_EAGER="true")

    assert read_settings(env)["eager"] is True


def setting_variables() -> set[str]:
    """Every environment variable that thads/settings reads through ``env``."""
    pattern = re.compile(r"""env\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""")
    names: set[str] = set()
    for file in (ROOT / "thads" / "settings").glob("*.py"):
        names.update(pattern.findall(file.read_text(encoding="utf-8")))
    return names


def test_every_environment_variable_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = setting_variables()

    assert {"DATABASE_URL", "REDIS_URL", "THADS_SECRET_KEY"} <= names
    assert sorted(n for n in names if f"`{n}`" not in readme) == [], "document them in README.md"
    assert sorted(n for n in names if f"{n}=" not in example) == [], "add them to .env.example"
