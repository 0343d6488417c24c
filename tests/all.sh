#!/bin/sh
# make test: what CI runs.  -Werror build and check, the same under ASan
# and UBSan, the unit tests and every site under TSan, a minute of
# fuzzing per target (10 s outside CI), mandoc lint; ends with one line
# "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
pass=0 fail=0 skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

. "$top/tests/counts.sh"

stage() {           # stage NAME COMMAND...: run, show, add up its counts
    name=$1; shift
    echo "== $name"
    "$@" >"$log" 2>&1; st=$?
    grep -E '^(FAIL|skip|fuzz:|check:)| error: | warning: ' "$log" | grep -v '^ok ' | tail -n 40
    counts "$log" "$st"
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
}

stage "build and check (-Werror)" make WERROR=1 check
stage "ASan + UBSan" make WERROR=1 asan
stage "TSan (unit tests, fixture sites, large sites)" make WERROR=1 tsan
if command -v clang >/dev/null 2>&1; then
    secs=10
    [ -n "${CI:-}" ] && secs=60
    stage "fuzz ${secs}s" make fuzz-run FUZZ_SECONDS=$secs
else
    echo "== fuzz: skipped (no clang)"; skip=$((skip + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
