#!/usr/bin/env bash
# Install the front-end test packages of package.json (npm ci) when node_modules is missing or
# older than package-lock.json. Nothing to do without a package.json.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f package.json ] || exit 0
lock=package-lock.json
[ -f "$lock" ] || lock=package.json
stamp="node_modules/.thads-installed-$(sha256sum "$lock" | cut -c1-16)"
[ -f "$stamp" ] && exit 0

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "node packages: installing Debian nodejs and npm ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get -qq update >/dev/null
    apt-get -qq install -y --no-install-recommends nodejs npm >/dev/null
  else
    echo "node packages: npm is missing; install Node.js and npm, then run 'npm ci'." >&2
    exit 0
  fi
fi

echo "node packages: installing from $lock ..."
if [ "$lock" = package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
rm -f node_modules/.thads-installed-*
touch "$stamp"
