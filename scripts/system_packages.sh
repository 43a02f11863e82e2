#!/usr/bin/env bash
# Install the Debian packages the platform needs, only those missing, only when root:
#   scripts/system_packages.sh run    OCR (tesseract + Vietnamese), poppler, fonts, gettext
#   scripts/system_packages.sh test   the same plus Chromium for the browser tests
# Without root (or without dpkg) it says what is missing and goes on: the platform still runs,
# and `manage.py check` warns about each missing tool (thads.W001..W005).
set -euo pipefail

mode="${1:-run}"
packages=(tesseract-ocr tesseract-ocr-vie poppler-utils fontconfig fonts-noto-core fonts-liberation2 gettext)
case "$mode" in
  run) ;;
  test) packages+=(chromium softhsm2) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system packages: not a Debian system; install yourself: ${packages[*]}" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system packages: missing ${missing[*]}; not root, so not installing them." >&2
  echo "  install with: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi

echo "system packages: installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt_quiet=(-o Dpkg::Use-Pty=0 -o APT::Color=0 -qq)
if apt-get "${apt_quiet[@]}" update >/dev/null \
  && apt-get "${apt_quiet[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "system packages: done"
else
  # The platform still runs; `manage.py check` names each missing tool (thads.W001..W005).
  echo "system packages: apt-get failed; going on without ${missing[*]}" >&2
fi
