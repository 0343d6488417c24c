#!/bin/sh
# Site index benchmark (issue 3): generate Hugo sites of 1,000, 10,000 and
# 50,000 pages with 10 internal links each (a tenth of them with an
# anchor, one in a hundred broken) and time a full run of every rule.
#   sh bench/links.sh build/sitelint [PAGES...]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
[ $# -gt 0 ] || set -- 1000 10000 50000
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
gen() {             # gen PAGES DIR
    mkdir -p "$2/content"
    printf 'baseURL = "https://example.org/"\n' >"$2/hugo.toml"
    awk -v n="$1" -v dir="$2/content" 'BEGIN {
        srand(42)
        for (s = 0; s < n / 100; s++)
            system("mkdir -p " dir "/s" s)
        for (i = 0; i < n; i++) {
            f = sprintf("%s/s%d/p%d.md", dir, int(i / 100), i)
            printf "---\ntitle: Page %d\n---\n\n## Overview\n\n", i > f
            for (k = 0; k < 10; k++) {
                t = int(rand() * n)
                url = sprintf("/s%d/p%d/", int(t / 100), t)
                if (rand() < 0.01) url = sprintf("/s%d/q%d/", int(t / 100), t)
                if (k == 0) url = url "#details"
                printf "See [page %d](%s) for more.\n", t, url > f
            }
            printf "\n## Details\n\nThe end.\n" > f
            close(f)
        }
    }'
}
printf '| pages | links | findings | median wall time |\n| ---: | ---: | ---: | ---: |\n'
for n in "$@"; do
    gen "$n" "$tmp/site$n"
    i=0; : >"$tmp/times"
    while [ $i -lt "$runs" ]; do
        s=$(date +%s%N)
        (cd "$tmp/site$n" && "$bin" >"$tmp/out" 2>&1) || true
        e=$(date +%s%N)
        echo $(( (e - s) / 1000000 )) >>"$tmp/times"
        i=$((i + 1))
    done
    printf '| %d | %d | %d | %d ms |\n' "$n" $((n * 10)) \
        "$(grep -c ': error:' "$tmp/out" || true)" "$(median <"$tmp/times")"
    rm -rf "$tmp/site$n"
done
