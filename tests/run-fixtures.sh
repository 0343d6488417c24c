#!/bin/sh
# Golden tests: each tests/fixtures/GROUP/CASE/ is a small site.  sitelint
# runs in CASE with --only=GROUP (when GROUP is a rule id) plus the words
# of CASE/args, and its output must equal CASE/expected.  The exit status
# must be CASE/status if present, else 0 exactly when expected is empty.
# With --update, expected files are rewritten instead: review that diff.
# No test here touches the network: every run is --offline, and the
# external-link cases, which need the test server, are run by
# tests/external/run.sh.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
pattern=${3:-}              # a shell pattern of GROUP/CASE, or all
root=$(cd "$(dirname "$0")/fixtures" && pwd)
pass=0 fail=0
tmp=$(mktemp)
xdg=$(mktemp -d)
export XDG_CACHE_HOME="$xdg"     # never the user's caches
trap 'rm -rf "$tmp" "$xdg"' EXIT
for dir in "$root"/*/*/; do
    dir=${dir%/}
    case=${dir#"$root"/}
    if [ -n "$pattern" ]; then
        # shellcheck disable=SC2254
        case $case in $pattern) ;; *) continue ;; esac
    fi
    group=${case%%/*}
    [ "$group" = external-link ] && continue
    only=
    "$bin" --list-rules | awk '{print $1}' | grep -qx "$group" && only=--only=$group
    args=
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    # shellcheck disable=SC2086
    (cd "$dir" && exec "$bin" --offline $only $args) >"$tmp" 2>/dev/null </dev/null
    status=$?
    if [ "$update" = --update ]; then
        cp "$tmp" "$dir/expected"
        continue
    fi
    want=0
    [ -s "$dir/expected" ] && want=1
    [ -f "$dir/status" ] && want=$(cat "$dir/status")
    if ! diff -u "$dir/expected" "$tmp" >"$tmp.diff" 2>&1; then
        echo "FAIL fixture $case: output differs"
        sed 's/^/    /' "$tmp.diff"
        fail=$((fail + 1))
    elif [ "$status" != "$want" ]; then
        echo "FAIL fixture $case: exit status $status, want $want"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
    rm -f "$tmp.diff"
done
[ "$update" = --update ] && { echo "expected files rewritten"; exit 0; }
echo "fixtures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
