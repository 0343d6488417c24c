#!/bin/sh
# make tsan: the unit tests, every fixture site and tests/threads.sh under
# ThreadSanitizer, built in $1; ends with one line "N passed, N failed".
set -u
b=$1
export TSAN_OPTIONS='halt_on_error=1 exitcode=66'
pass=0 fail=0 log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$b/unit" "sh tests/run-fixtures.sh $b/sitelint" \
         "sh tests/threads.sh $b/sitelint"; do
    $t >"$log" 2>&1; st=$?
    grep -E '^FAIL|ThreadSanitizer' "$log"
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -nE 's/(.*[^0-9])?([0-9]+) passed.*/\2/p')
    f=$(echo "$line" | sed -nE 's/.*passed, ([0-9]+) failed.*/\1/p')
    [ -z "$p" ] && { p=0; f=1; tail -n 20 "$log"; }
    [ "$st" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    echo "$line"
    pass=$((pass + p)); fail=$((fail + f))
done
echo "tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
