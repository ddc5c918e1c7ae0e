#!/usr/bin/env bash
# Starts the kiosk. With no config file it uses simulated devices and the
# shipped sample catalog. Without a display it explains how to get one.
set -euo pipefail
bin=${1:-build/bin/motcua-kiosk}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if [ "${KIOSK_XVFB:-}" = 1 ]; then
    exec xvfb-run -a -s "-screen 0 1080x1920x24" "$bin"
  fi
  cat >&2 <<MSG
No display found (DISPLAY / WAYLAND_DISPLAY are empty).
Run the kiosk on the touch PC's desktop session, or without a screen under Xvfb:
    KIOSK_XVFB=1 make run
    xvfb-run -a -s "-screen 0 1080x1920x24" $bin
For a look from another browser, 'make screenshots' saves PNGs of every screen.
MSG
  exit 1
fi
exec "$bin"
