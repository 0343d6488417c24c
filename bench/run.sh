#!/bin/sh
# Lint the xmpp.org sample (about 600 pages) N times and print the median
# wall time, next to the median time of cat-ing the same files.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${RUNS:-11}
site=${SITE:-$(cd "$(dirname "$0")/../.." && pwd)/shared/samples/xmpp.org}
[ -d "$site" ] || { echo "bench: $site not found"; exit 0; }
cd "$site"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_ms() {         # time_ms CMD...: wall milliseconds of one run
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
}
pages=$(find content -name '*.md' | wc -l)
bytes=$(find content -name '*.md' -exec cat {} + | wc -c)
i=0; : >/tmp/bench.$$
# --offline: external links have their own benchmark (bench/extlinks.sh).
while [ $i -lt "$runs" ]; do time_ms "$bin" --offline >>/tmp/bench.$$; i=$((i + 1)); done
lint=$(median </tmp/bench.$$)
# One page named, as a pre-commit hook names it: the rest of the site is
# still read for its URLs and anchors.
one=$(find content -name '*.md' | sort | head -n 1)
i=0; : >/tmp/bench.$$
while [ $i -lt "$runs" ]; do time_ms "$bin" --offline "$one" >>/tmp/bench.$$; i=$((i + 1)); done
lint_one=$(median </tmp/bench.$$)
# A site of one page: what a run costs before there is anything to read.
tiny=$(mktemp -d)
printf -- '---\ntitle: One\n---\nOne page.\n' >"$tiny/index.md"
i=0; : >/tmp/bench.$$
while [ $i -lt "$runs" ]; do
    time_ms sh -c "cd '$tiny' && exec '$bin' --offline" >>/tmp/bench.$$
    i=$((i + 1))
done
lint_tiny=$(median </tmp/bench.$$)
rm -rf "$tiny"
i=0; : >/tmp/bench.$$
while [ $i -lt "$runs" ]; do
    time_ms sh -c 'find content -name "*.md" -exec cat {} + >/dev/null' >>/tmp/bench.$$
    i=$((i + 1))
done
cat_ms=$(median </tmp/bench.$$)
rm -f /tmp/bench.$$
echo "pages: $pages ($bytes bytes), runs: $runs"
echo "sitelint (all rules): median ${lint} ms"
echo "sitelint $one (one page named): median ${lint_one} ms"
echo "sitelint in a one-page site: median ${lint_tiny} ms"
echo "cat of the same files: median ${cat_ms} ms"
