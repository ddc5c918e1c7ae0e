#!/usr/bin/env bash
# A short fuzz budget for every Fuzz* target (set FUZZTIME to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-10s}
for dir in $(grep -rl --include='*_test.go' '^func Fuzz' kiosk drivers config cmd 2>/dev/null | xargs -r -n1 dirname | sort -u); do
  for f in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/'); do
    echo "fuzz ./$dir $f ($t)"
    go test "./$dir" -run '^$' -fuzz "^$f\$" -fuzztime "$t" >/dev/null
  done
done
