#!/usr/bin/env bash
# Installs the Debian packages CountyReport needs, only those missing. Idempotent.
#   scripts/deps.sh          build + run (Cairo, Pango; libxml2, FreeXL, libxlsxwriter, minizip for workbooks)
#   scripts/deps.sh --test   also the tools the tests call (poppler-utils, qpdf)
set -euo pipefail
pkgs=(libcairo2-dev libpango1.0-dev zlib1g-dev pkg-config libxml2-dev libfreexl-dev libxlsxwriter-dev libminizip-dev)
[ "${1:-}" = "--test" ] && pkgs+=(poppler-utils qpdf)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
