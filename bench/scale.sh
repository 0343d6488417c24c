#!/bin/sh
# Scaling: generated Hugo sites with front-matter menus (each page an
# entry under a parent) and Pelican sites with numbered sidebars (groups
# of pages under one Parent_id), at SIZES pages (default 1000 10000),
# linted offline, each the fastest of RUNS (default 3); prints wall time
# and peak RSS per size and the ratio of the last two.  Every generated
# page is valid: the run measures linting, not printing findings.  A
# file named alone is measured without the index cache (--no-cache),
# cold (the run that makes it) and warm.  The sites are generated here,
# not committed.
#   sh bench/scale.sh build/sitelint          SIZES="1000 10000 50000"
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
sizes=${SIZES:-1000 10000}
runs_each=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/xdg"    # the index cache: never the user's

gen_hugo() {        # gen_hugo DIR N
    mkdir -p "$1/content/docs"
    printf 'baseURL = "https://example.org/"\n' >"$1/hugo.toml"
    python3 - "$1" "$2" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    parent = 'section-%d' % (i // 50)
    with open('%s/content/docs/p%d.md' % (d, i), 'w') as f:
        f.write('---\ntitle: Page %d\nmenus:\n  main:\n    identifier: p%d\n'
                '    parent: %s\n---\n# Page %d\n\n## Part\n\nSee [next](/docs/p%d/#part).\n'
                % (i, i, parent if i % 50 else 'top', i, (i + 1) % n))
        if i % 50 == 0:
            pass
    if i % 50 == 0:
        with open('%s/content/docs/s%d.md' % (d, i // 50), 'w') as f:
            f.write('---\ntitle: Section %d\nmenus:\n  main:\n    identifier: section-%d\n---\nA section.\n'
                    % (i // 50, i // 50))
with open('%s/content/docs/top.md' % d, 'w') as f:
    f.write('---\ntitle: Top\nmenus:\n  main:\n    identifier: top\n---\nTop.\n')
PY
}

gen_pelican() {     # gen_pelican DIR N
    mkdir -p "$1/content/pages"
    printf 'PATH = "content"\n' >"$1/pelicanconf.py"
    python3 - "$1" "$2" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    g = i // 20
    side = ''.join('Sidebar_menu_elem_name_%d: Item %d\nSidebar_menu_elem_url_%d: pages/p%d\n'
                   % (k, k, k, g * 20 + k - 1) for k in range(1, 6))
    with open('%s/content/pages/p%d.md' % (d, i), 'w') as f:
        f.write('Title: Page %d\nSlug: p%d\nParent_id: p%d\nSidebar_menu_size: 5\n%s\n# Page %d\n\nText.\n'
                % (i, i, g * 20, side, i))
PY
}

# One run of a command in a folder: "wall-ms peak-RSS-KB CPU/wall-x100".
# The clock is around the child alone and its CPU time is the child's
# own from wait4(), in microseconds: /usr/bin/time prints %U and %S in
# hundredths of a second, a tenth of a 100 ms run, and timing a shell
# around it added the shell's fork to the wall.  (RUSAGE_CHILDREN would
# also count what the interpreter ran when it started: 40 ms here.)
timer='
import os, subprocess, sys, time
t0 = time.monotonic()
child = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, ru = os.wait4(child.pid, 0)
wall = time.monotonic() - t0
print(round(wall * 1000), ru.ru_maxrss,
      round((ru.ru_utime + ru.ru_stime) / wall * 100))
'

# The fastest of $1 runs of sitelint in $2 with the rest of the
# arguments; sets ms, rss (MB) and cpu (user+system over wall, x100).  A
# run the timer cannot time stops the script.
measure() {
    runs=$1 dir=$2; shift 2
    ms=
    for run in $(seq "$runs"); do
        read -r t kb c <<EOF
$(python3 -c "$timer" "$dir" "$bin" --offline "$@")
EOF
        if [ -z "$c" ]; then
            echo "bench/scale.sh: the timer failed" >&2
            exit 1
        fi
        if [ -z "$ms" ] || [ "$t" -lt "$ms" ]; then
            ms=$t rss=$(( kb / 1024 )) cpu=$c
        fi
    done
}

printf '| site | pages | wall | peak RSS | CPU / wall | one file, no cache | one file, cold | one file, warm | warm RSS |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for kind in hugo pelican; do
    prev=
    for n in $sizes; do
        d=$tmp/$kind-$n
        "gen_$kind" "$d" "$n"
        # As a site's files are, not just written: the index cache does
        # not keep a file modified in the last two seconds.
        find "$d" -type f -exec touch -d '1 minute ago' {} +
        # The kernel writes the new files out 30 s on, in the middle of
        # the runs: now, before them.
        sync
        measure "$runs_each" "$d"
        all=$ms all_rss=$rss all_cpu=$cpu
        one=$(cd "$d" && find . -name 'p7.md' | head -n 1)
        measure "$runs_each" "$d" --no-cache "$one"
        nocache=$ms
        # Cold: the index cache made by this very run; warm: read from it.
        # (What the dictionary said of the site's words is kept, as on a
        # machine that has run sitelint before: the first of the runs
        # above kept it.)
        rm -rf "$XDG_CACHE_HOME/sitelint/index"
        measure 1 "$d" "$one"
        cold=$ms
        measure "$runs_each" "$d" "$one"
        printf '| %s | %d | %d ms | %d MB | %d.%02d | %d ms | %d ms | %d ms | %d MB |\n' \
            "$kind" "$n" "$all" "$all_rss" $(( all_cpu / 100 )) \
            $(( all_cpu % 100 )) "$nocache" "$cold" "$ms" "$rss"
        rm -rf "$XDG_CACHE_HOME/sitelint/index"
        [ -n "$prev" ] && echo "ratio $kind: $(echo "scale=1; $all / $prev" | bc)x for $(( n / prev_n ))x pages" >>"$tmp/ratios"
        prev=$all prev_n=$n
        rm -rf "$d"
    done
done
cat "$tmp/ratios" 2>/dev/null || true
