#!/bin/sh
# Pathological pages (issue 16): one page with N headings and N links to
# them, one page with N reference links, one folder of N pages each with
# a broken link (so N "did you mean" searches), a 110,000-line paragraph,
# pages of 5 MB of prose, headings, links or inline code, and a change
# log of 3 MB of releases whose links are defined at its end (5.5 MB).  Each is
# generated here (not committed), linted offline once; prints wall time,
# peak RSS and, for the pages of a megabyte or more, bytes of peak per
# source byte.
#   sh bench/patho.sh build/sitelint
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() {             # gen KIND N DIR
    python3 - "$@" <<'PY'
import os, sys
kind, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(d + '/docs', exist_ok=True)
f = open(d + '/docs/index.md', 'w')
if kind == 'anchors':
    for i in range(n): f.write('## Heading %d\n\n' % i)
    for i in range(n): f.write('[h](#heading-%d) ' % (n - 1 - i))
elif kind == 'refs':
    for i in range(n): f.write('[link %d][r%d]\n' % (i, i))
    f.write('\n')
    for i in range(n): f.write('[r%d]: /docs/#r%d\n' % (i, i))
elif kind == 'broken':
    f.write('# Index\n')
    for i in range(n):
        with open('%s/docs/page%d.md' % (d, i), 'w') as p:
            p.write('# Page %d\n\nSee [next](page%dx.md).\n' % (i, i + 1))
elif kind == 'paragraph':
    for i in range(n): f.write('word%d and [x](#y)\n' % i)
elif kind == 'changelog':
    size = i = 0
    while size < n:
        s = ('## Release %d\n\n- Fixed [issue %d][i%d] and [the parser]'
             '[parser].\n- See [#%d] for more.\n\n' % (i, i, i, i))
        f.write(s); size += len(s); i += 1
    f.write('[parser]: /docs/\n')
    for k in range(i):
        f.write('[i%d]: https://example.org/issues/%d\n'
                '[#%d]: https://example.org/pull/%d\n' % (k, k, k, k))
else:
    line = {'prose': 'The quick brown fox jumps over the lazy dog and '
                     'writes some more words here.\n',
            'headings': '## Section %d\n\n',
            'links': 'A [link](/docs/#s%d) here.\n\n',
            'code': 'Some `code` and *emphasis* in text.\n\n'}[kind]
    size = i = 0
    while size < n:
        s = line % i if '%d' in line else line
        if kind == 'prose' and i % 5 == 4: s += '\n'
        f.write(s); size += len(s); i += 1
PY
}

printf '| input | size | wall | peak RSS | bytes per source byte |\n'
printf '| --- | ---: | ---: | ---: | ---: |\n'
for spec in "anchors 50000" "refs 50000" "broken 20000" "paragraph 110000" \
            "prose 5000000" "headings 5000000" "links 5000000" "code 5000000" \
            "changelog 3000000"; do
    set -- $spec
    d=$tmp/$1
    gen "$1" "$2" "$d"
    src=$(cat "$d"/docs/*.md | wc -c)
    s=$(date +%s%N)
    (cd "$d" && /usr/bin/time -f %M -o "$tmp/rss" "$bin" --offline \
        >/dev/null 2>&1) || true
    e=$(date +%s%N)
    kb=$(tail -n 1 "$tmp/rss")
    per=
    [ "$src" -ge 1000000 ] &&
        per=$(awk -v kb="$kb" -v src="$src" 'BEGIN { printf "%.1f", kb * 1024 / src }')
    printf '| %s | %s | %d ms | %d MB | %s |\n' "$1" "$2" \
        $(( (e - s) / 1000000 )) $(( kb / 1024 )) "$per"
    rm -rf "$d"
done
