#!/bin/sh
# make tsan: the unit tests, every fixture site and tests/threads.sh under
# ThreadSanitizer, built in $1; ends with one line "N passed, N failed".
set -u
b=$1
export TSAN_OPTIONS='halt_on_error=1 exitcode=66'
. "$(dirname "$0")/counts.sh"
pass=0 fail=0 log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$b/unit" "sh tests/run-fixtures.sh $b/sitelint" \
         "sh tests/threads.sh $b/sitelint"; do
    $t >"$log" 2>&1; st=$?
    grep -E '^FAIL|ThreadSanitizer' "$log"
    counts "$log" "$st"
    echo "${line:-$t: no count line}"
    pass=$((pass + p)); fail=$((fail + f))
done
echo "tsan: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
