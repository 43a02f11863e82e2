"""The import contracts of pyproject.toml hold, and they do catch the imports they forbid.

The contracts (style.md 2.4, design.md) are checked by ``lint-imports``, which ``make test``
also runs on its own; running it here makes a plain ``pytest`` catch a broken boundary too.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
ALL_ROOT_PACKAGES = (
    "thads",
    "receipts",
    "decisions",
    "enforcement",
    "citizen_reception",
    "ioc_dashboard",
)


def run_lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_import_contracts_are_kept():
    result = run_lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def toy_project(tmp_path: Path) -> Path:
    """The six root packages, empty but for models/selectors, under this repo's contracts."""
    (tmp_path / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for package in ALL_ROOT_PACKAGES:
        (tmp_path / package).mkdir()
        for module in ("__init__", "models", "selectors"):
            (tmp_path / package / f"{module}.py").write_text("", encoding="utf-8")
    return tmp_path


def test_toy_project_without_imports_keeps_every_contract(toy_project):
    result = run_lint_imports(toy_project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 8 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        # core importing a domain app: both the core contract and the DAG break
        (
            "thads/selectors.py",
            "import receipts.selectors\n",
            ["thads (core) imports no domain app BROKEN", "Apps import downstream only"],
        ),
        # upstream importing downstream (decisions -> enforcement)
        ("decisions/selectors.py", "import enforcement.selectors\n", ["Apps import downstream"]),
        # receipts and citizen_reception are independent of each other
        ("receipts/selectors.py", "import citizen_reception.selectors\n", ["Apps import down"]),
        # nothing imports the dashboard
        ("enforcement/services.py", "import ioc_dashboard.selectors\n", ["Apps import down"]),
        # reaching into an allowed app's models instead of its selectors
        (
            "enforcement/selectors.py",
            "from decisions import models\n",
            ["enforcement reaches other apps only through selectors, services and types BROKEN"],
        ),
        (
            "receipts/views.py",
            "from enforcement.tasks import anything\n",
            ["receipts reaches other apps only through selectors, services and types BROKEN"],
        ),
        (
            "ioc_dashboard/selectors.py",
            "import receipts.forms\n",
            ["ioc_dashboard never imports models, views or forms of another app BROKEN"],
        ),
    ],
)
def test_contracts_catch_forbidden_imports(toy_project, module, source, broken):
    for package in ALL_ROOT_PACKAGES:
        for name in ("forms", "tasks"):
            (toy_project / package / f"{name}.py").write_text("", encoding="utf-8")
    (toy_project / module).write_text(source, encoding="utf-8")

    result = run_lint_imports(toy_project)

    assert result.returncode == 1, result.stdout + result.stderr
    for name in broken:
        assert name in result.stdout


def test_an_app_may_use_its_own_internals_and_the_selectors_of_apps_it_imports(toy_project):
    (toy_project / "receipts" / "services.py").write_text(
        "import receipts.models\nimport enforcement.selectors\nimport decisions.selectors\n"
        "import thads.selectors\n",
        encoding="utf-8",
    )
    # a selector importing its own models is fine for the caller (indirect imports allowed)
    (toy_project / "enforcement" / "selectors.py").write_text(
        "import enforcement.models\n", encoding="utf-8"
    )
    (toy_project / "ioc_dashboard" / "selectors.py").write_text(
        "import receipts.selectors\nimport citizen_reception.selectors\n", encoding="utf-8"
    )

    result = run_lint_imports(toy_project)

    assert result.returncode == 0, result.stdout + result.stderr
