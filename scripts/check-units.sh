#!/usr/bin/env bash
# Checks the systemd units in build/linux/ with `systemd-analyze verify`, and
# fails on any complaint (verify only warns, exit 0, on unknown keys and bad
# values). verify also wants every ExecStart binary to exist, so it runs on
# copies whose install paths (/opt/motcua-kiosk/…) point into this tree:
# the centre binary built here, the session script itself, and the kiosk
# binary from build/bin if one was built (kioskctl stands in for it otherwise:
# the Wails binary needs cgo and the frontend).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v systemd-analyze >/dev/null || { echo "check-units: systemd-analyze is missing (apt package systemd; make setup installs it)" >&2; exit 1; }

GO=${GO:-go}
mkdir -p build/bin
CGO_ENABLED=0 "$GO" build -o build/bin/motcua-centre ./cmd/motcua-centre
kiosk=""
for b in build/bin/motcua-kiosk build/bin/kiosk-dev; do
  if [ -x "$b" ]; then kiosk="$PWD/$b"; break; fi
done
if [ -z "$kiosk" ]; then
  CGO_ENABLED=0 "$GO" build -o build/bin/kioskctl ./cmd/kioskctl
  kiosk="$PWD/build/bin/kioskctl"
  echo "check-units: no kiosk binary in build/bin (make build); kioskctl stands in for /opt/motcua-kiosk/motcua-kiosk"
fi
cage=/usr/bin/cage
if [ ! -x "$cage" ]; then
  cage="$kiosk"
  echo "check-units: cage is not installed (make setup installs it); a stand-in takes /usr/bin/cage's place"
fi

sh -n build/linux/motcua-kiosk-session
if command -v shellcheck >/dev/null; then shellcheck build/linux/motcua-kiosk-session; fi
[ -x build/linux/motcua-kiosk-session ] || { echo "check-units: build/linux/motcua-kiosk-session is not executable" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
for u in build/linux/*.service; do
  sed -e "s#/opt/motcua-kiosk/motcua-kiosk-session#$PWD/build/linux/motcua-kiosk-session#g" \
      -e "s#/opt/motcua-kiosk/motcua-kiosk\\b#$kiosk#g" \
      -e "s#/opt/motcua-kiosk/motcua-centre\\b#$PWD/build/bin/motcua-centre#g" \
      -e "s#/usr/bin/cage\\b#$cage#g" "$u" >"$tmp/$(basename "$u")"
done
# A leftover install path means a unit points somewhere this check does not know.
if left=$(grep -n '/opt/motcua-kiosk/' "$tmp"/*.service | grep -v '^[^:]*:[0-9]*:#'); then
  echo "check-units: install paths not checked: $left" >&2; exit 1
fi

status=0
verify() { # verify [--user] UNIT…
  local out
  if ! out=$(XDG_RUNTIME_DIR="$tmp/run" systemd-analyze verify "$@" 2>&1) || [ -n "$out" ]; then
    echo "$out" | sed "s#$tmp/##g" >&2
    status=1
  fi
}
# The kiosk is a user unit (it runs in the kiosk user's session); the rest are system units.
verify --user "$tmp/motcua-kiosk.service"
system=()
for u in "$tmp"/*.service; do
  [ "$(basename "$u")" = motcua-kiosk.service ] || system+=("$u")
done
verify "${system[@]}"
if [ $status -ne 0 ]; then echo "check-units: systemd-analyze verify complained (above)" >&2; exit 1; fi
echo "units verify: $(cd build/linux && echo *.service)"
