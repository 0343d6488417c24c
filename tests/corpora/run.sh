#!/bin/sh
# Real sites nobody wrote for sitelint: ../shared/corpora/* and the
# xmpp.org sample.  sitelint runs on each as a new user would (from the
# site root, --offline, no configuration), and its findings must be
# exactly those triaged in tests/corpora/NAME.tsv, one a line:
#     VERDICT<TAB>finding as printed<TAB>why
# VERDICT is real (a defect of the site), false (not one: sitelint is
# wrong) or outside (a link into what another build serves; sitelint
# says so and how to declare it).  A finding not in the file, or a line
# of the file no longer found, fails: triage it, or explain the change.
# At least 95 % of the real and false findings must be real.
# A site that is not there (no ../shared) is skipped, and counted so.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../../shared
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
export XDG_CACHE_HOME="$tmp/xdg"    # never the user's caches
trap 'rm -rf "$tmp"' EXIT

de=
for d in /usr/share/hunspell /usr/share/myspell/dicts; do
    [ -f "$d/de_DE.dic" ] && de=$d
done
for name in hugodocs-v0.111.0 docsy-example ethicalads mkdocs xmpp.org; do
    site=$shared/corpora/$name
    [ "$name" = xmpp.org ] && site=$shared/samples/xmpp.org
    if [ ! -d "$site" ]; then
        echo "skip $name ($site not present)"
        skip=$((skip + 3))
        continue
    fi
    (cd "$site" && "$bin" --offline) 2>/dev/null | grep -v ': note: ' |
        LC_ALL=C sort >"$tmp/got"
    cut -f2 "$here/$name.tsv" | LC_ALL=C sort >"$tmp/want"
    # German pages' typos are found only with hunspell-de-de installed:
    # without it, those expectations are left out, and said so.
    if [ -z "$de" ] && grep -q '\.de\.md:.*\[typo\]$' "$tmp/want"; then
        echo "skip $name: German typo expectations (no hunspell-de-de)"
        grep -v '\.de\.md:.*\[typo\]$' "$tmp/want" >"$tmp/want2"
        mv "$tmp/want2" "$tmp/want"
        skip=$((skip + 1))
    fi
    if cmp -s "$tmp/got" "$tmp/want"; then
        echo "ok $name: every finding is triaged"
        pass=$((pass + 1))
    else
        echo "FAIL $name: findings differ from $name.tsv"
        LC_ALL=C comm -23 "$tmp/got" "$tmp/want" | sed 's/^/    untriaged: /' |
            head -n 20
        LC_ALL=C comm -13 "$tmp/got" "$tmp/want" | sed 's/^/    gone: /' |
            head -n 20
        fail=$((fail + 1))
    fi
    # Every rule but typo (held to its own bar below): 95 % real.
    real=$(grep '^real	' "$here/$name.tsv" | grep -vc '\[typo\]	')
    false=$(grep '^false	' "$here/$name.tsv" | grep -vc '\[typo\]	')
    outside=$(grep -c '^outside	' "$here/$name.tsv")
    if [ $((real + false)) -eq 0 ] || [ $((real * 100)) -ge $(((real + false) * 95)) ]; then
        echo "ok $name: $real real, $false false, $outside outside"
        pass=$((pass + 1))
    else
        echo "FAIL $name: $real real, $false false: under 95 % real"
        fail=$((fail + 1))
    fi
    # typo guesses, so it is held to its own bar: 85 % of its findings.
    treal=$(grep -c '^real	.*\[typo\]	' "$here/$name.tsv")
    tfalse=$(grep -c '^false	.*\[typo\]	' "$here/$name.tsv")
    if [ $((treal + tfalse)) -eq 0 ] || [ $((treal * 100)) -ge $(((treal + tfalse) * 85)) ]; then
        echo "ok $name: typo $treal real, $tfalse false"
        pass=$((pass + 1))
    else
        echo "FAIL $name: typo $treal real, $tfalse false: under 85 % real"
        fail=$((fail + 1))
    fi
done
echo "corpora: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
