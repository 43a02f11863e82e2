#!/usr/bin/env bash
# Create .venv and install the project into it: `scripts/bootstrap.sh run` (runtime packages) or
# `scripts/bootstrap.sh test` (with the test extras). A stamp file named after the hash of
# pyproject.toml skips the install when nothing changed, so a second `make` costs nothing.
set -euo pipefail

mode="${1:-run}"
case "$mode" in
  run) extras="" ;;
  test) extras="[test,ml]" ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
venv=.venv

find_python() {
  # pyproject.toml asks for Python 3.11.
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3 python; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x "$venv/bin/python" ]; then
  if ! python="$(find_python)"; then
    echo "bootstrap: Python 3.11 is required (set PYTHON=/path/to/python3.11)." >&2
    exit 1
  fi
  echo "bootstrap: creating $venv with $("$python" --version 2>&1)"
  if ! "$python" -m venv "$venv"; then
    echo "bootstrap: 'python -m venv' failed; on Debian: apt-get install python3-venv" >&2
    exit 1
  fi
fi

hash="$(sha256sum pyproject.toml | cut -c1-16)"
stamp_test="$venv/.installed-test-$hash"
stamp_run="$venv/.installed-run-$hash"
if [ -f "$stamp_test" ] || { [ "$mode" = run ] && [ -f "$stamp_run" ]; }; then
  exit 0
fi

echo "bootstrap: installing Python packages ($mode) into $venv ..."
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
"$venv/bin/python" -m pip install --quiet --quiet -e ".$extras"
rm -f "$venv"/.installed-*
touch "$([ "$mode" = test ] && echo "$stamp_test" || echo "$stamp_run")"
echo "bootstrap: done"
