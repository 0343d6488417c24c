#!/bin/sh
# The engine's threads on sites large enough to start them all: a reader
# parsing ahead while the checking thread parses too, words found on both,
# a folder's stat()s spread over the cores, the index cache written and
# read.  make tsan runs it under ThreadSanitizer (which exits 66 on a
# race); any run that does not end with findings (1) or none (0) fails.
# The sample sites in ../shared are linted too when they are there.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/xdg"
pass=0 fail=0

run() {             # run NAME DIR ARGS...: lints in DIR; 0 or 1 passes
    name=$1 dir=$2
    shift 2
    (cd "$dir" && "$bin" --offline "$@") >"$tmp/out" 2>&1
    st=$?
    if [ $st -le 1 ]; then
        pass=$((pass + 1)); echo "ok threads: $name"
    else
        fail=$((fail + 1)); echo "FAIL threads: $name (exit $st)"
        head -40 "$tmp/out" | sed 's/^/    /'
    fi
}

# 2,100 Hugo pages in one folder, each a menu entry with headings, links
# to the next page's anchor, autolinks, strikethrough, a table and prose.
site=$tmp/site
mkdir -p "$site/content/docs"
printf 'baseURL = "https://example.org/"\n' >"$site/hugo.toml"
python3 - "$site/content/docs" <<'PY'
import sys
d = sys.argv[1]
n = 2100
for i in range(n):
    with open('%s/p%d.md' % (d, i), 'w') as f:
        f.write('---\ntitle: Page %d\nmenus:\n  main:\n    identifier: p%d\n'
                '    parent: %s\n---\n# Page %d\n\n## Part\n\n'
                'See [next](/docs/p%d/#part), www.example.org and '
                '~~the old way~~.  Ressources for the colour of it.\n\n'
                '| a | b |\n| --- | --- |\n| %d | x |\n'
                % (i, i, 'p0' if i else 'none', i, (i + 1) % n, i))
PY
run "a 2,100-page site" "$site"
# As many threads as --jobs asks, whatever the cores: three readers
# parse ahead, and the findings are those of one thread, to the byte.
run "a 2,100-page site, 4 threads" "$site" --no-cache --jobs 4
mv "$tmp/out" "$tmp/out.4"
run "a 2,100-page site, 1 thread" "$site" --no-cache --jobs 1
if [ -s "$tmp/out" ] && cmp -s "$tmp/out" "$tmp/out.4"; then
    pass=$((pass + 1)); echo "ok threads: --jobs 4 finds what --jobs 1 does"
else
    fail=$((fail + 1)); echo "FAIL threads: --jobs 4 finds what --jobs 1 does"
    diff "$tmp/out" "$tmp/out.4" | head -20 | sed 's/^/    /'
fi
# 1,200 Pelican pages in groups under a parent, some sidebars odd: the
# menu rule compares the groups on every core (rule_split()).
pel=$tmp/pelican
mkdir -p "$pel/content/pages"
printf 'SITEURL = "https://example.org"\n' >"$pel/pelicanconf.py"
python3 - "$pel/content/pages" <<'PY'
import sys
d = sys.argv[1]
for i in range(1200):
    g = i - i % 8
    n = 4 if i % 8 == 5 else 3
    side = ''.join('Sidebar_menu_elem_name_%d: Item %d\nSidebar_menu_elem_url_%d: pages/p%d\n'
                   % (k, k, k, g + k) for k in range(1, n + 1))
    with open('%s/p%d.md' % (d, i), 'w') as f:
        f.write('Title: Page %d\nSlug: p%d\nParent_id: p%d\nSidebar_menu_size: %d\n%s\nText.\n'
                % (i, i, g, n, side))
PY
run "a 1,200-page Pelican site with sidebars" "$pel"
run "one page named, the index cache written" "$site" content/docs/p7.md
run "one page named, the index cache read" "$site" content/docs/p7.md
for s in "$top/../shared/samples/xmpp.org" "$top"/../shared/corpora/*/; do
    [ -d "$s" ] || continue
    run "$(basename "$s")" "$s"
done
echo "threads: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
