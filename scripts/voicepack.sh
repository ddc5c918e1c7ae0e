#!/usr/bin/env bash
# voicepack.sh — (re)make the default voice pack of the hall-display calls,
# kiosk/voice/pack/*.wav, with espeak-ng's Vietnamese voice (-v vi) and sox.
#
# A developer tool, not part of setup.sh: the clips it writes are committed
# and embedded in the Go binaries. espeak-ng (GPL) is run as a program, never
# linked. Installs espeak-ng and sox with apt (as root, or with sudo) if they
# are missing.
#
# Every clip: mono, 16-bit PCM, 22050 Hz (espeak-ng's native rate), leading
# and trailing silence trimmed. The clip list and texts come from the Go
# package itself (go run ./kiosk/voice/cliplist), so they cannot drift.
#
#   scripts/voicepack.sh [SPEED_WPM]      (default 150)
set -euo pipefail

cd "$(dirname "$0")/.."
speed=${1:-150}
rate=22050
out=kiosk/voice/pack

need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
if ((${#need[@]})); then
	if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
		echo "voicepack: need ${need[*]}: run as root or install sudo" >&2
		exit 1
	fi
	echo "voicepack: installing ${need[*]}" >&2
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./kiosk/voice/cliplist >"$tmp/list"
mkdir -p "$out"
rm -f "$out"/*.wav

# Clips: speak, then trim silence at both ends (keep 20 ms of air), mono
# 16-bit at $rate, no metadata chunks.
n=0
while IFS=$'\t' read -r name text <&3; do
	[ "$name" = chime ] && continue
	espeak-ng -v vi -s "$speed" -w "$tmp/raw.wav" "$text"
	sox -R "$tmp/raw.wav" --no-dither -r "$rate" -c 1 -b 16 -e signed-integer "$out/$name.wav" \
		silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse pad 0.02 0.02
	n=$((n + 1))
done 3<"$tmp/list"

# Chime (-R: sox seeds its random pluck the same each run, so the file is
# reproducible): a soft two-tone "ding-dong" (E5 then C5, plucked, fading out),
# 0.8 s in all.
sox -R -n -r "$rate" -c 1 -b 16 "$tmp/ding.wav" synth 0.35 pluck E5 fade q 0.005 0.35 0.25 vol 0.5
sox -R -n -r "$rate" -c 1 -b 16 "$tmp/dong.wav" synth 0.45 pluck C5 fade q 0.005 0.45 0.35 vol 0.5
sox -R --no-dither "$tmp/ding.wav" "$tmp/dong.wav" -e signed-integer "$out/chime.wav"

echo "voicepack: wrote $((n + 1)) clips to $out ($(du -ch "$out"/*.wav | tail -1 | cut -f1))" >&2
