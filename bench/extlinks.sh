#!/bin/sh
# External links: 2,000 unique URLs over 20 host names, served on
# loopback by tests/external/httpd.py, which answers each after 50 ms.
# Prints sitelint's wall time next to the ideal (requests x 50 ms /
# concurrency, the per-host limit applied), then a second run with the
# cache, and how many requests that second run made.
# Usage: sh bench/extlinks.sh build/sitelint
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY || true
export no_proxy='*'
# Twenty servers, twenty origins: http://127.0.0.1:PORT is a host of its
# own for sitelint and for the peers alike, with no name to resolve.
hosts=20 per=100
mkdir -p "$tmp/site"
pids=
h=1
while [ $h -le $hosts ]; do
    python3 "$top/tests/external/httpd.py" >"$tmp/port$h" &
    pids="$pids $!"
    h=$((h + 1))
done
trap 'kill $pids 2>/dev/null; rm -rf "$tmp"' EXIT
h=1
while [ $h -le $hosts ]; do
    while [ ! -s "$tmp/port$h" ]; do sleep 0.1; done
    port=$(head -n 1 "$tmp/port$h")
    i=1
    while [ $i -le $per ]; do
        echo "- [link](http://127.0.0.1:$port/d/$i)"
        i=$((i + 1))
    done
    h=$((h + 1))
done >"$tmp/site/links.md"
map=
requests() {       # requests all servers have answered so far
    for f in "$tmp"/port*; do
        python3 -c "
import json, urllib.request
o = urllib.request.build_opener(urllib.request.ProxyHandler({}))
print(sum(json.load(o.open('http://127.0.0.1:$(head -n 1 "$f")/__stats'))['counts'].values()))"
    done | awk '{ s += $1 } END { print s }'
}
ms() { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
n=$((hosts * per))
# Ideal: 64 at once overall, 4 a host: whichever limit binds.
ideal_all=$((n * 50 / 64)); ideal_host=$((per * 50 / 4))
ideal=$(( ideal_all > ideal_host ? ideal_all : ideal_host ))
# shellcheck disable=SC2086
t1=$(cd "$tmp/site" && ms "$bin" --only=external-link $map --link-cache="$tmp/cache.tsv")
r1=$(requests)
# shellcheck disable=SC2086
t2=$(cd "$tmp/site" && ms "$bin" --only=external-link $map --link-cache="$tmp/cache.tsv")
r2=$(requests)
echo "urls: $n over $hosts hosts, 50 ms each; ideal ${ideal} ms"
echo "sitelint, first run: ${t1} ms ($r1 requests)"
echo "sitelint, cached run: ${t2} ms ($((r2 - r1)) requests)"
# The peers, when installed (npm i -g linkinator markdown-link-check),
# on the same file, each with 64 requests at once where it has a switch.
if command -v linkinator >/dev/null 2>&1; then
    t=$(cd "$tmp/site" && ms timeout 300 linkinator links.md --markdown \
        --concurrency 64)
    echo "linkinator: ${t} ms"
fi
if command -v markdown-link-check >/dev/null 2>&1; then
    t=$(cd "$tmp/site" && ms timeout 300 markdown-link-check -q links.md)
    echo "markdown-link-check: ${t} ms"
fi
