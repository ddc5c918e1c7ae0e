#!/usr/bin/env bash
# A short fuzz budget for every Fuzz* target (set FUZZTIME to change it).
# A failing input is always saved under the package's testdata/fuzz/ and
# fails the run. A fuzzing engine that stops without one (it happened once
# on a loaded 2-core machine, with its output unseen) is shown and tried
# once more, so the log says which it was.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-10s}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
saved() { { find "$1/testdata/fuzz/$2" -type f 2>/dev/null || true; } | wc -l; }
for dir in $(grep -rl --include='*_test.go' '^func Fuzz' kiosk drivers config cmd 2>/dev/null | xargs -r -n1 dirname | sort -u); do
  for f in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/'); do
    echo "fuzz ./$dir $f ($t)"
    before=$(saved "$dir" "$f")
    if go test "./$dir" -run '^$' -fuzz "^$f\$" -fuzztime "$t" >"$out" 2>&1; then continue; fi
    cat "$out" >&2
    if [ "$(saved "$dir" "$f")" != "$before" ]; then
      echo "fuzz: $f found a failing input, saved in $dir/testdata/fuzz/$f" >&2
      exit 1
    fi
    echo "fuzz: $f stopped without a failing input (the fuzzing engine failed, output above); trying once more" >&2
    go test "./$dir" -run '^$' -fuzz "^$f\$" -fuzztime "$t" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  done
done
