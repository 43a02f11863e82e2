#!/usr/bin/env bash
# Compile the gettext catalogues (locale/**/*.po -> .mo) that are missing or older than their .po.
set -euo pipefail
cd "$(dirname "$0")/.."

stale=0
while IFS= read -r -d '' po; do
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
    stale=1
    break
  fi
done < <(find . \( -path ./.venv -o -path ./node_modules -o -path ./.git \) -prune -o -name '*.po' -print0)
[ "$stale" -eq 1 ] || exit 0

if ! command -v msgfmt >/dev/null 2>&1; then
  echo "messages: msgfmt (gettext) is missing; translations stay as they are." >&2
  exit 0
fi
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0
