#!/bin/sh
# Run a libFuzzer target for N seconds with inputs up to MAX bytes, on a
# corpus seeded with every fixture page (and, for the page target, pages
# with the shapes that once crashed it); prints "fuzz: 1 passed, 0
# failed" or the crash.
set -u
bin=$1 seconds=$2 max=${3:-65536}
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(dirname "$bin")/fuzz-corpus-$(basename "$bin")
mkdir -p "$corpus"
find "$top/tests/fixtures" -type f \( -name '*.md' -o -name '*.html' \) |
while read -r f; do
    # Prefix byte 0: plain site, Markdown page.
    { printf '\000'; cat "$f"; } >"$corpus/$(echo "$f" | cksum | cut -d' ' -f1)"
done
# A line of 1 MiB after a lone CR, then an autolink (markdown.c read past
# the text); NULs past the binary probe; both with the page target's
# first byte 0: a plain site, a Markdown page.
python3 -c "
import sys
open(sys.argv[1] + '/long-cr', 'wb').write(b'\\0\\r' + b'a' * 1048544 + b'<https://e.com>\\ny')
open(sys.argv[1] + '/nul', 'wb').write(b'\\0' + b'x' * 8001 + b'\\n' + b'\\0' * 20 + b'[l](m.md)\\n')
" "$corpus" 2>/dev/null || true
if "$bin" -max_total_time="$seconds" -max_len="$max" -timeout=10 \
        -artifact_prefix="$(dirname "$bin")/" "$corpus" \
        >"$(dirname "$bin")/fuzz.log" 2>&1; then
    tail -n 2 "$(dirname "$bin")/fuzz.log"
    echo "fuzz: 1 passed, 0 failed"
else
    tail -n 40 "$(dirname "$bin")/fuzz.log"
    echo "fuzz: 0 passed, 1 failed (the crashing input is in $(dirname "$bin")/; make it a fixture)"
    exit 1
fi
