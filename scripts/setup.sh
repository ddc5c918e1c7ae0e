#!/usr/bin/env bash
# Sets up everything the kiosk needs to build, run and test on Debian 12 / Ubuntu 22.04+.
# Idempotent: a second run only checks and returns quickly.
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.15.0
# systemd: systemd-analyze for make check-units; cage: the Linux kiosk session (build/linux/);
# nsis: makensis for make installer-windows; p7zip-full: 7z, to list what the
# installer carries (make check-installer, part of make test); file: to check
# it is a Windows PE.
APT_PKGS=(build-essential pkg-config libgtk-3-dev xvfb xauth chromium socat imagemagick fonts-noto-core postgresql systemd cage nsis p7zip-full file)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root or sudo to install apt packages: ${APT_PKGS[*]}" >&2; exit 1; fi
fi

# WebKitGTK: 4.1 where the distribution has it (Ubuntu 24.04 has only 4.1), 4.0 otherwise.
webkit_pkg() {
  if apt-cache show libwebkit2gtk-4.1-dev >/dev/null 2>&1; then echo libwebkit2gtk-4.1-dev
  else echo libwebkit2gtk-4.0-dev; fi
}

# A package removed with its config files left still answers `dpkg -s`
# ("deinstall ok config-files"); only "install ok installed" counts.
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

missing=()
for p in "${APT_PKGS[@]}"; do
  installed "$p" || missing+=("$p")
done
if ! installed libwebkit2gtk-4.1-dev && ! installed libwebkit2gtk-4.0-dev; then
  missing+=("WEBKIT")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages (${missing[*]})"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  pkgs=("${missing[@]/WEBKIT/}")
  $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" "$(webkit_pkg)" >/dev/null
fi
# Ubuntu ships chromium as a snap stub; Debian's /usr/bin/chromium is what the e2e tests drive.
[ -x /usr/bin/chromium ] || { echo "setup: /usr/bin/chromium is missing; the e2e tests need Debian's chromium package" >&2; exit 1; }

command -v go >/dev/null || { echo "setup: Go is required (https://go.dev/dl), then re-run" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ with npm is required, then re-run" >&2; exit 1; }

GOBIN="$(go env GOPATH)/bin"
if ! "$GOBIN/wails" version 2>/dev/null | grep -q "${WAILS_VERSION}"; then
  echo "setup: installing wails CLI ${WAILS_VERSION}"
  go install "github.com/wailsapp/wails/v2/cmd/wails@${WAILS_VERSION}"
fi

go mod download

if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: ready"
