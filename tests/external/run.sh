#!/bin/sh
# The external-link rule against a web server of our own on 127.0.0.1
# (tests/external/httpd.py); host names are mapped to it with --resolve,
# and nothing else on the network is asked.  Each case under
# tests/fixtures/external-link/CASE/ is a page, its args and the exact
# expected output, with @PORT@ for the server's port and @CLOSED@ for a
# port where nothing listens.  Then the server's own records are checked:
# per-host concurrency, headers that must not cross hosts, and that the
# cache spares the network.  Ends "N passed, N failed, N skipped".
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
fx=$top/tests/fixtures/external-link
tmp=$(mktemp -d)
pass=0 fail=0 skip=0
check() {
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok $1"
    else fail=$((fail + 1)); echo "FAIL $1"; return 1; fi
}
if ! command -v python3 >/dev/null 2>&1; then
    echo "skip external-link tests (no python3)"
    echo "external: 0 passed, 0 failed, 1 skipped"
    rm -rf "$tmp"
    exit 0
fi
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'
export XDG_CACHE_HOME="$tmp/xdg"        # never the user's cache
export SITELINT_TEST_SECRET=s3cret-token

python3 "$top/tests/external/httpd.py" >"$tmp/port" 2>"$tmp/httpd.err" &
srv=$!
trap 'kill $srv 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -n 1 "$tmp/port")
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
map="--resolve a.test:$port:127.0.0.1 --resolve m1.test:$port:127.0.0.1 --resolve m2.test:$port:127.0.0.1 --resolve other.test:$port:127.0.0.1 --resolve b.test:$closed:127.0.0.1"

stat() {            # stat EXPR: a Python expression over d, the stats
    python3 -c "
import json, urllib.request
o = urllib.request.build_opener(urllib.request.ProxyHandler({}))
d = json.load(o.open('http://127.0.0.1:$port/__stats'))
print($1)"
}

# sitelint in DIR with the server mapped and short pauses, plus ARGS.
lint() {
    dir=$1; shift
    # shellcheck disable=SC2086
    (cd "$dir" && exec "$bin" $map --link-backoff-ms=20 "$@") </dev/null
}

subst() { sed "s/@PORT@/$port/g; s/@CLOSED@/$closed/g" "$1"; }

for case_dir in "$fx"/*/; do
    case_dir=${case_dir%/}
    name=${case_dir##*/}
    work=$tmp/$name
    mkdir -p "$work"
    subst "$case_dir/page.md" >"$work/page.md"
    args=$(subst "$case_dir/args" 2>/dev/null || true)
    eval "set -- $args"
    lint "$work" "$@" >"$work/out" 2>&1
    status=$?
    subst "$case_dir/expected" >"$work/want"
    want_status=0
    [ -s "$work/want" ] && want_status=1
    [ -f "$case_dir/status" ] && want_status=$(cat "$case_dir/status")
    if ! diff -u "$work/want" "$work/out" >"$work/diff"; then
        check "external-link/$name: output" 1
        sed 's/^/    /' "$work/diff"
    else
        check "external-link/$name: output" 0
    fi
    [ "$status" -eq "$want_status" ]
    check "external-link/$name: exit status $want_status" $?
done

# A password in a link is never stored in the cache (nor printed: the
# expected output above shows "user:***@").
[ -s "$tmp/urls/cache.tsv" ] && ! grep -q hunter2 "$tmp/urls/cache.tsv"
check "a URL's password is not stored in the link cache" $?

# --untrusted refuses this machine's own addresses, not only the private
# ranges: a server on a public address of the CI runner itself is as
# internal as 127.0.0.1.  Needs an interface address outside those ranges.
pub=$(python3 -c "
import ipaddress, subprocess
out = subprocess.run(['ip', '-o', '-4', 'addr'], capture_output=True, text=True).stdout
for line in out.splitlines():
    n = int(ipaddress.ip_address(line.split()[3].split('/')[0]))
    # not a range --refuse-private names: 10/8 172.16/12 192.168/16 127/8
    # 169.254/16 100.64/10 0/8 224/4
    if not (n >> 24 in (0, 10, 127) or n >> 20 == 0xac1 or n >> 16 in (0xc0a8, 0xa9fe) or n >> 22 == 0x191 or n >> 28 == 0xe):
        print(ipaddress.ip_address(n)); break
" 2>/dev/null)
if [ -n "$pub" ]; then
    python3 -c "
import http.server, socketserver, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self): self.send_response(200); self.end_headers()
    do_GET = do_HEAD
    def log_message(self, *a): pass
s = socketserver.TCPServer((sys.argv[1], 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
" "$pub" >"$tmp/pubport" 2>/dev/null &
    pubsrv=$!
    i=0
    while [ ! -s "$tmp/pubport" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    pp=$(head -n 1 "$tmp/pubport")
    mkdir -p "$tmp/own"
    printf '[self](http://self.test:%s/x)\n' "$pp" >"$tmp/own/page.md"
    (cd "$tmp/own" && "$bin" --no-link-cache --resolve "self.test:$pp:$pub" page.md) >"$tmp/own/plain" 2>&1
    (cd "$tmp/own" && "$bin" --no-link-cache --untrusted --resolve "self.test:$pp:$pub" page.md) >"$tmp/own/out" 2>&1
    kill $pubsrv 2>/dev/null
    [ ! -s "$tmp/own/plain" ] &&
        grep -q "page.md:1:8: error: link 'http://self.test:$pp/x' leads to a private or loopback address; not fetched" "$tmp/own/out"
    check "--untrusted refuses this machine's own public address ($pub)" $? ||
        sed 's/^/    /' "$tmp/own/plain" "$tmp/own/out"
else
    skip=$((skip + 1)); echo "skip --untrusted and this machine's own address (none outside the private ranges)"
fi

# Few file descriptors: transfers are capped to what they allow, so no
# link fails for want of a socket (it showed as "connection refused").
mkdir -p "$tmp/fds"
subst "$fx/many/page.md" >"$tmp/fds/page.md"
(ulimit -n 48 && lint "$tmp/fds" --no-link-cache --link-concurrency=64 \
    --link-host-concurrency=64) >"$tmp/fds/out" 2>&1; st=$?
[ $st -eq 0 ] && [ ! -s "$tmp/fds/out" ]
check "with 48 file descriptors, 64 requests at once still lose no link" $? ||
    sed 's/^/    /' "$tmp/fds/out" | head -5

# No network at all (a network namespace of its own: the resolver is out
# of reach): the checker stops after the first hosts fail to resolve and
# says so once, in a moment, instead of one finding per link.
nn=
unshare -n true 2>/dev/null && nn="unshare -n"
[ -z "$nn" ] && unshare -rn true 2>/dev/null && nn="unshare -rn"
if [ -n "$nn" ]; then
    mkdir -p "$tmp/nonet"
    python3 -c "
with open('$tmp/nonet/page.md', 'w') as f:
    for i in range(300):
        f.write('- [link %d](https://host%d.invalid/page)\\n' % (i, i))
"
    start=$(date +%s)
    (cd "$tmp/nonet" && timeout 60 $nn "$bin" --no-link-cache --site-type=plain page.md) \
        >"$tmp/nonet/out" 2>&1; st=$?
    took=$(($(date +%s) - start))
    [ $st -eq 0 ] && [ $took -lt 10 ] &&
        [ "$(cat "$tmp/nonet/out")" = "sitelint: warning: no network: none of the first hosts asked could be resolved, so 300 external links were not checked (--offline skips them) [external-link]" ]
    check "no network: one warning in seconds for 300 links (took ${took}s)" $? ||
        sed 's/^/    /' "$tmp/nonet/out" | head -5
else
    skip=$((skip + 1)); echo "skip no network (no unshare(1) for a network namespace)"
fi

# Per-host limits held, and were used: the server saw 2 or 3 at once.
[ "$(stat "1 < d['most'].get('m1.test', 0) <= 3 and 1 < d['most'].get('m2.test', 0) <= 3")" = True ]
check "per-host concurrency stays within --link-host-concurrency=3" $?

# The header went to a.test only, not across the redirect to other.test
# (nor to other.test behind a.test's name as userinfo), and other.test's
# https header not over http; no value is ever printed.
[ "$(stat "[v for v in d['auth'].get('a.test', []) if 's3cret' in v] == ['Bearer s3cret-token'] * 2 and not any('s3cret' in v for v in d['auth'].get('other.test', []))")" = True ]
check "a host's header is not sent across a redirect to another host" $? ||
    echo "    headers seen: $(stat "d['auth']")"
[ "$(stat "d['counts'].get('other.test /auth', 0)")" = 2 ]
check "both redirects to the other host were followed" $?
! grep -rq s3cret "$tmp"/*/out
check "header values are never printed" $?

# HEAD first, GET only when HEAD is refused.
[ "$(stat "d['counts'].get('a.test /ok', 0)")" -ge 1 ] &&
[ "$(stat "d['counts'].get('a.test /head405', 0)")" = 2 ]
check "HEAD refused (405): one HEAD, one GET" $?
[ "$(stat "d['counts'].get('a.test /down', 0)")" -ge 2 ]
check "a 503 is retried" $?

# The cache: a second run asks the network again only for what failed.
work=$tmp/cache-run
mkdir -p "$work"
subst "$fx/statuses/page.md" >"$work/page.md"
subst "$fx/statuses/expected" >"$work/want"
cache=$tmp/links.tsv
bad0=$(stat "d['counts'].get('a.test /404', 0)")
lint "$work" --link-cache="$cache" >"$work/out1" 2>&1
ok1=$(stat "d['counts'].get('a.test /ok', 0)")
bad1=$(stat "d['counts'].get('a.test /404', 0)")
lint "$work" --link-cache="$cache" >"$work/out2" 2>&1
ok2=$(stat "d['counts'].get('a.test /ok', 0)")
bad2=$(stat "d['counts'].get('a.test /404', 0)")
cmp -s "$work/want" "$work/out1" && cmp -s "$work/want" "$work/out2"
check "cache: the same findings on the first and the second run" $?
[ "$ok2" -eq "$ok1" ]
check "cache: a success is not asked again" $?
[ "$bad1" -gt "$bad0" ] && [ $((bad2 - bad1)) -eq $((bad1 - bad0)) ]
check "cache: a failure is asked again" $?
head -n 1 "$cache" | grep -qx 'sitelint-link-cache 1'
check "cache: the file is written" $?
ls "$tmp" | grep 'links.tsv\.' | grep -qv '\.lock$' && stale=1 || stale=0
[ "$stale" -eq 0 ]
check "cache: no temporary file is left" $?

# Two runs at once: the cache stays whole.
lint "$work" --link-cache="$cache" --link-cache-ttl=0 >/dev/null 2>&1 &
lint "$work" --link-cache="$cache" --link-cache-ttl=0 >/dev/null 2>&1
wait $!
lint "$work" --link-cache="$cache" >"$work/out3" 2>&1
cmp -s "$work/want" "$work/out3"
check "cache: two runs at once leave a cache that reads" $?

printf 'not a cache\n' >"$cache"
lint "$work" --link-cache="$cache" >"$work/out4" 2>&1
grep -q "^sitelint: warning: link cache $cache ignored: it is not a sitelint link cache \[external-link\]$" "$work/out4" &&
grep -v '^sitelint: ' "$work/out4" | cmp -s "$work/want" -
check "cache: a file that is not a cache is ignored with a warning" $?
head -c -5 "$cache" >"$cache.cut" && mv "$cache.cut" "$cache"
lint "$work" --link-cache="$cache" >"$work/out5" 2>&1
grep -q "ignored: it is cut short" "$work/out5"
check "cache: a truncated cache is ignored with a warning" $?

# A cache that cannot be used is a warning of the run, not a finding: a
# clean site stays exit 0.  A FIFO as the cache does not hang the run; a
# lock file that is a link is not followed; entries no run can use again
# are pruned.
c2=$tmp/cache2
mkdir -p "$c2/site"
printf '[ok](http://a.test:%s/ok)\n' "$port" >"$c2/site/page.md"
printf 'not a cache\n' >"$c2/bad.tsv"
lint "$c2/site" --link-cache="$c2/bad.tsv" >"$c2/out" 2>&1; st=$?
[ $st -eq 0 ] && grep -q 'ignored: it is not a sitelint link cache' "$c2/out"
check "cache: a corrupt cache leaves a clean run's exit status 0" $?
mkfifo "$c2/fifo.tsv"
(cd "$c2/site" && timeout 20 "$bin" $map --link-cache="$c2/fifo.tsv" page.md) >"$c2/out" 2>&1; st=$?
[ $st -eq 0 ] && grep -q 'ignored: it is not a regular file' "$c2/out"
check "cache: a FIFO as the cache is refused, not waited on" $?
printf 'precious\n' >"$c2/precious"
ln -s "$c2/precious" "$c2/l.tsv.lock"
lint "$c2/site" --link-cache="$c2/l.tsv" >"$c2/out" 2>&1; st=$?
[ $st -eq 0 ] && [ "$(cat "$c2/precious")" = precious ] &&
    grep -q 'link cache not saved: cannot lock' "$c2/out"
check "cache: a lock file that is a symbolic link is not followed" $?
printf 'sitelint-link-cache 1\n1000000000\tok\t200\thttp://old.test/\t-\t-\n' >"$c2/old.tsv"
lint "$c2/site" --link-cache="$c2/old.tsv" >"$c2/out" 2>&1; st=$?
[ $st -eq 0 ] && ! grep -q old.test "$c2/old.tsv" && grep -q "a.test:$port/ok" "$c2/old.tsv"
check "cache: entries too old for any run are pruned" $?
if [ "$(id -u)" -eq 0 ]; then
    printf 'sitelint-link-cache 1\n%s\tok\t200\thttp://a.test:%s/ok\t-\t-\n' "$(date +%s)" "$port" >"$c2/theirs.tsv"
    chown 65534 "$c2/theirs.tsv"
    cp "$c2/theirs.tsv" "$c2/theirs.before"
    lint "$c2/site" --link-cache="$c2/theirs.tsv" >"$c2/out" 2>&1; st=$?
    [ $st -eq 0 ] && cmp -s "$c2/theirs.tsv" "$c2/theirs.before" &&
        grep -q 'ignored: it belongs to another user' "$c2/out"
    check "cache: another user's cache is neither trusted nor overwritten" $?
else
    skip=$((skip + 1)); echo "skip cache of another user (not root)"
fi

# Fragments with the cache on a site big enough for the reader thread:
# the rule's scratch memory in on_site must be live (ASan in CI).
mkdir -p "$tmp/frag-site"
i=1
while [ $i -le 20 ]; do
    echo "[top](http://a.test:$port/page#present) [gone](http://a.test:$port/page#p$i)" \
        >"$tmp/frag-site/p$i.md"
    i=$((i + 1))
done
lint "$tmp/frag-site" --check-fragments --link-cache="$tmp/frag.tsv" \
    >"$tmp/frag-site.out" 2>&1
[ "$(grep -c "the page has no id 'p[0-9]*' \[external-link\]$" "$tmp/frag-site.out")" -eq 20 ] &&
[ "$(wc -l <"$tmp/frag-site.out")" -eq 20 ]
check "fragments and cache on 20 pages: one finding a page" $?

# --offline: no request at all.
before=$(stat "sum(d['counts'].values())")
lint "$work" --offline --no-link-cache >"$work/out6" 2>&1
st=$?
after=$(stat "sum(d['counts'].values())")
[ "$before" = "$after" ] && [ ! -s "$work/out6" ] && [ $st -eq 0 ]
check "--offline asks nothing and reports nothing" $?

# A server that lies to HEAD: believed by default, asked with GET alone
# when --link-get names it.
mkdir -p "$tmp/lies"
printf '[x](http://a.test:%s/headlies)\n' "$port" >"$tmp/lies/page.md"
lint "$tmp/lies" --no-link-cache >"$tmp/lies/out1" 2>&1; st1=$?
before=$(stat "d['counts'].get('a.test /headlies', 0)")
lint "$tmp/lies" --no-link-cache --link-get='/headlies$' >"$tmp/lies/out2" 2>&1
st2=$?
after=$(stat "d['counts'].get('a.test /headlies', 0)")
[ $st1 -eq 0 ] && [ ! -s "$tmp/lies/out1" ] && [ $st2 -eq 1 ] &&
    grep -q "^page.md:1:5: error: link 'http://a.test:$port/headlies' is broken: 404 Not Found \[external-link\]$" "$tmp/lies/out2" &&
    [ $((after - before)) -eq 1 ]
check "--link-get: one GET and no HEAD for a server that lies to HEAD" $?

# HTTP/2: nginx over TLS, with a certificate made here and trusted with
# --link-cacert.  Twenty links to one host are twenty streams on one
# connection, not twenty connections.
if command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
    h2=$tmp/h2
    mkdir -p "$h2/tmp" "$h2/site"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$h2/key.pem" \
        -out "$h2/cert.pem" -days 2 -subj /CN=h2.test \
        -addext subjectAltName=DNS:h2.test >/dev/null 2>&1
    h2port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$h2/nginx.conf" <<EOF
worker_processes 1;
pid $h2/nginx.pid;
error_log $h2/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $h2/tmp; proxy_temp_path $h2/tmp;
    fastcgi_temp_path $h2/tmp; uwsgi_temp_path $h2/tmp; scgi_temp_path $h2/tmp;
    log_format h2 '\$server_protocol \$connection';
    server {
        listen 127.0.0.1:$h2port ssl http2;
        ssl_certificate $h2/cert.pem;
        ssl_certificate_key $h2/key.pem;
        access_log $h2/access.log h2;
        location / { return 200 "ok\\n"; }
    }
}
EOF
    as_root=
    [ "$(id -u)" -eq 0 ] && as_root='user root;'
    if nginx -c "$h2/nginx.conf" -p "$h2" -g "daemon on; $as_root" \
            >"$h2/start.log" 2>&1; then
        i=1
        while [ $i -le 20 ]; do
            echo "[p$i](https://h2.test:$h2port/p$i)"
            i=$((i + 1))
        done >"$h2/site/page.md"
        (cd "$h2/site" && "$bin" --no-link-cache \
            --resolve "h2.test:$h2port:127.0.0.1" \
            --link-cacert "$h2/cert.pem") >"$h2/out" 2>&1
        st=$?
        (cd "$h2/site" && "$bin" --no-link-cache \
            --resolve "h2.test:$h2port:127.0.0.1") >"$h2/out2" 2>&1
        kill "$(cat "$h2/nginx.pid")" 2>/dev/null
        [ $st -eq 0 ] && [ ! -s "$h2/out" ] &&
            [ "$(wc -l <"$h2/access.log")" -eq 20 ] &&
            [ "$(awk '{ print $1 }' "$h2/access.log" | sort -u)" = HTTP/2.0 ] &&
            [ "$(awk '{ print $2 }' "$h2/access.log" | sort -u | wc -l)" -eq 1 ]
        check "HTTP/2: 20 links to one https host are streams of one connection" $?
        grep -q "TLS" "$h2/out2" && [ "$(grep -c 'h2.test' "$h2/out2")" -eq 20 ]
        check "an untrusted certificate is a TLS finding at every link" $?
    else
        skip=$((skip + 2)); echo "skip HTTP/2 (nginx did not start)"
        sed 's/^/    /' "$h2/start.log"
    fi
else
    skip=$((skip + 2)); echo "skip HTTP/2 (no nginx or openssl)"
fi

# --fix rewrites a permanently moved link to where it went, and only that.
mkdir -p "$tmp/moved"
printf '[a](http://a.test:%s/r308) [b](http://a.test:%s/r302) <http://a.test:%s/r301>\n' \
    "$port" "$port" "$port" >"$tmp/moved/page.md"
lint "$tmp/moved" --fix --no-link-cache >"$tmp/moved/out" 2>&1
[ "$(cat "$tmp/moved/page.md")" = "$(printf '[a](http://a.test:%s/ok) [b](http://a.test:%s/r302) <http://a.test:%s/ok>' \
    "$port" "$port" "$port")" ] &&
    [ "$(cat "$tmp/moved/out")" = "sitelint: fixed 2 findings in 1 file" ]
check "--fix rewrites 301 and 308 links to their target, not 302" $?

# A moved link's fix is the server's word: it is escaped for the syntax
# the link is written in, so that nothing of it becomes markup.
mkdir -p "$tmp/evil"
printf '[md](http://a.test:%s/evil301)\n\n<a href="http://a.test:%s/evil301">html</a>\n' \
    "$port" "$port" >"$tmp/evil/page.md"
lint "$tmp/evil" --fix --no-link-cache >"$tmp/evil/out" 2>&1
md="http://a.test:$port/ok/x%29%3Cscript%3Ealert%28%271%27%29%3C/script%3E&amp;copy=1%20%22y"
[ "$(cat "$tmp/evil/page.md")" = "$(printf '[md](%s)\n\n<a href="%s">html</a>' "$md" "$md")" ]
check "--fix escapes a redirect's target for Markdown and HTML" $? ||
    sed 's/^/    /' "$tmp/evil/page.md" "$tmp/evil/out"

# --fix leaves alone a file that changed after it was read: the page is
# edited by hand while sitelint waits on a slow server (3 s).
mkdir -p "$tmp/race"
printf 'Ressources: <http://a.test:%s/slow>\n' "$port" >"$tmp/race/page.md"
lint "$tmp/race" --fix --no-link-cache --link-timeout=10 \
    >"$tmp/race/out" 2>&1 &
pid=$!
sleep 1
printf 'Edited by hand.\n' >>"$tmp/race/page.md"
wait $pid
grep -q '^page.md: warning: changed on disk since it was read; not fixed \[io\]$' \
    "$tmp/race/out" &&
    grep -q '^Ressources' "$tmp/race/page.md" &&
    grep -q '^Edited by hand.$' "$tmp/race/page.md" &&
    [ "$(ls -A "$tmp/race")" = "$(printf 'out\npage.md')" ]
check "--fix leaves alone a file changed since it was read" $?

# libcurl is loaded when a link is checked, not at every start
# (src/curl_dl.c): the loader's own trace says what it loaded.
mkdir -p "$tmp/dl"
printf '<http://a.test:%s/ok>\n' "$port" >"$tmp/dl/page.md"
LD_DEBUG=files lint "$tmp/dl" --offline >"$tmp/dl/offline" 2>&1
! grep -q 'file=libcurl' "$tmp/dl/offline" && grep -q 'file=libc\.so' "$tmp/dl/offline"
check "--offline does not load libcurl" $?
LD_DEBUG=files lint "$tmp/dl" --no-link-cache >"$tmp/dl/online" 2>&1
grep -q 'file=libcurl.*dynamically loaded' "$tmp/dl/online"
check "checking a link loads libcurl" $?

# The summary counts the external links that have an answer, from the
# network and then from the cache; --offline leaves the count out.
mkdir -p "$tmp/sum"
printf '[a](http://a.test:%s/ok) [b](http://a.test:%s/404) [a again](http://a.test:%s/ok)\n' \
    "$port" "$port" "$port" >"$tmp/sum/page.md"
lint "$tmp/sum" --site-type=plain --summary --link-cache "$tmp/sum/cache.tsv" \
    page.md >/dev/null 2>"$tmp/sum/err1"
lint "$tmp/sum" --site-type=plain --summary --link-cache "$tmp/sum/cache.tsv" \
    --format json page.md >"$tmp/sum/json" 2>/dev/null
lint "$tmp/sum" --site-type=plain --summary --offline page.md >/dev/null 2>"$tmp/sum/err3"
grep -q '^sitelint: 1 error, 0 warnings, 0 notes in 1 file (1 file checked, 3 links, 2 external)$' "$tmp/sum/err1" &&
    grep -q '"links": 3, "external": 2}' "$tmp/sum/json" &&
    grep -q '(1 file checked, 3 links)$' "$tmp/sum/err3"
check "the summary counts the external links answered (network, cache; not offline)" $?

echo "external: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
