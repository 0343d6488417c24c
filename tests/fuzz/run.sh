#!/bin/sh
# Run the libFuzzer target for N seconds on a corpus seeded with every
# fixture page; prints "fuzz: 1 passed, 0 failed" or the crash.
set -u
bin=$1 seconds=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(dirname "$bin")/fuzz-corpus
mkdir -p "$corpus"
find "$top/tests/fixtures" -type f \( -name '*.md' -o -name '*.html' \) |
while read -r f; do
    # Prefix byte 0: plain site, Markdown page.
    { printf '\000'; cat "$f"; } >"$corpus/$(echo "$f" | cksum | cut -d' ' -f1)"
done
if "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -artifact_prefix="$(dirname "$bin")/" "$corpus" \
        >"$(dirname "$bin")/fuzz.log" 2>&1; then
    tail -n 2 "$(dirname "$bin")/fuzz.log"
    echo "fuzz: 1 passed, 0 failed"
else
    tail -n 40 "$(dirname "$bin")/fuzz.log"
    echo "fuzz: 0 passed, 1 failed (the crashing input is in $(dirname "$bin")/; make it a fixture)"
    exit 1
fi
