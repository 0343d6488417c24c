#!/bin/sh
# make check: unit tests, golden fixtures, shell tests; one total line.
set -u
B=$1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
total_pass=0 total_fail=0 total_skip=0
count() {           # adds the "N passed, N failed[, N skipped]" of $1
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    p=$(echo "$line" | sed -E 's/(.*[^0-9])?([0-9]+) passed.*/\2/')
    f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
    s=$(echo "$line" | sed -nE 's/.*failed, ([0-9]+) skipped.*/\1/p')
    if [ -z "$line" ]; then
        echo "FAIL: $2 printed no count"; f=1; p=0
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    total_skip=$((total_skip + ${s:-0}))
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$B/unit" >"$out" 2>&1; grep -v '^ok ' "$out"; count "$out" unit
sh tests/run-fixtures.sh "$B/sitelint" >"$out" 2>&1; cat "$out"; count "$out" fixtures
sh tests/shell/run.sh "$B/sitelint" >"$out" 2>&1; cat "$out"; count "$out" shell
sh tests/external/run.sh "$B/sitelint" >"$out" 2>&1; cat "$out"; count "$out" external
sh tests/clients/run.sh "$B/sitelint" >"$out" 2>&1; cat "$out"; count "$out" clients
sh tests/corpora/run.sh "$B/sitelint" >"$out" 2>&1; cat "$out"; count "$out" corpora

echo "check: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
