/* external-link: every http(s) URL the linted pages use answers.  Each
 * URL is asked once however many pages use it; the answer is reported at
 * every place that uses it, and kept in the link cache for the next run. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <pcre2.h>
#include <uthash.h>

#include "linkcache.h"
#include "linkcheck.h"
#include "rule.h"

/* One place that uses a URL. */
struct use {
    struct pos pos;
    unsigned end_col;
    const char *written;        /* as in the source, any password as
                                 * "***" */
    const char *frag;           /* its #fragment, or NULL */
    enum origin origin;         /* the syntax it is written in */
    struct use *next;
};

/* One URL, normalised, without its fragment. */
struct target {
    const char *key;            /* any password as "***": what the cache
                                 * and the messages hold */
    const char *fetch;          /* the URL requested, password and all */
    struct use *uses, **tail;
    const char **frags;         /* distinct fragments asked for */
    size_t nfrags, frags_cap;
    struct lc_result res;
    unsigned char *frag_found;
    int checked;                /* res is known (network or cache) */
    UT_hash_handle hh;
};

struct pattern {
    pcre2_code *re;
    const char *codes;          /* link-accept: "403,999" */
};

struct site_state {
    struct target *map;
    size_t ntargets;
    struct pattern *include, *exclude, *accept, *get;
    size_t ninclude, nexclude, naccept, nget;
    int bad_pattern;
    int offline;                /* --offline: nothing to collect */
    pcre2_match_data *md;
};

/* ---- options ---------------------------------------------------------- */

enum {
    O_OFFLINE, O_STRICT_LINKS, O_CHECK_FRAGMENTS, O_LINK_INCLUDE,
    O_LINK_EXCLUDE, O_LINK_ACCEPT, O_LINK_GET, O_LINK_HEADER,
    O_LINK_CONCURRENCY, O_LINK_HOST_CONCURRENCY, O_LINK_TIMEOUT,
    O_LINK_CONNECT_TIMEOUT, O_LINK_RETRIES, O_LINK_BACKOFF_MS,
    O_LINK_RETRY_AFTER_MAX, O_LINK_REDIRECTS, O_LINK_CACHE,
    O_NO_LINK_CACHE, O_LINK_CACHE_TTL, O_LINK_FAILURE_TTL, O_RESOLVE,
    O_REFUSE_PRIVATE, O_UNTRUSTED, O_LINK_CACERT, O_USER_AGENT, O_PROGRESS,
    O_COUNT
};

static int
ok_resolve(const char *v)
{
    const char *c1 = strchr(v, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

    return c1 != NULL && c1 > v && c2 != NULL && c2 > c1 + 1 &&
           c2[1] != '\0';
}

#define V OPTF_VALUE
#define C OPTF_CONFIG

/* The one place their defaults are written. */
static const struct option_def options[O_COUNT] = {
    [O_OFFLINE] = { "offline", 0, NULL, V | C, OPTT_SWITCH, NULL,
      "do not check external links at all",
      .section = "external links (rule external-link)" },
    [O_STRICT_LINKS] = { "strict-links", 0, NULL, V | C,
      OPTT_SWITCH, NULL,
      "transient failures (timeouts, 5xx, 429) fail\nthe run too" },
    [O_CHECK_FRAGMENTS] = { "check-fragments", 0, NULL, V | C,
      OPTT_SWITCH, NULL,
      "fetch pages whose links carry #fragment and\nlook for the id" },
    [O_LINK_INCLUDE] = { "link-include", 0, "REGEX", V | C,
      OPTT_LIST, NULL, "check only URLs matching REGEX (repeatable)" },
    [O_LINK_EXCLUDE] = { "link-exclude", 0, "REGEX", V | C,
      OPTT_LIST, NULL, "never check URLs matching REGEX (repeatable)" },
    [O_LINK_ACCEPT] = { "link-accept", 0, "REGEX=CODES", V | C,
      OPTT_LIST, NULL, "take these HTTP codes as alive for URLs\nmatching "
      "REGEX (repeatable)" },
    [O_LINK_GET] = { "link-get", 0, "REGEX", V | C, OPTT_LIST,
      NULL, "ask URLs matching REGEX with GET, not HEAD:\ntheir servers "
      "answer HEAD wrongly (repeatable)" },
    [O_LINK_HEADER] = { "link-header", 0, "HOST=NAME: VALUE",
      V | C, OPTT_LIST, NULL, "send this header to HOST only; ${VAR} is "
      "read\nfrom the environment (repeatable)" },
    [O_LINK_CONCURRENCY] = { "link-concurrency", 0, "N", V | C,
      OPTT_NUMBER, "64", "requests at once", .min = 1 },
    [O_LINK_HOST_CONCURRENCY] = { "link-host-concurrency", 0,
      "N", V | C, OPTT_NUMBER, "4", "requests at once to one host",
      .min = 1 },
    [O_LINK_TIMEOUT] = { "link-timeout", 0, "S", V | C,
      OPTT_NUMBER, "20", "seconds for a request", .min = 1 },
    [O_LINK_CONNECT_TIMEOUT] = { "link-connect-timeout", 0, "S",
      V | C, OPTT_NUMBER, "10", "seconds to connect (at most the\n"
      "--link-timeout when unset)", .min = 1 },
    [O_LINK_RETRIES] = { "link-retries", 0, "N", V | C,
      OPTT_NUMBER, "2", "retries after network errors and 5xx" },
    [O_LINK_BACKOFF_MS] = { "link-backoff-ms", 0, "MS", V | C,
      OPTT_NUMBER, "500", "first retry's pause; doubles" },
    [O_LINK_RETRY_AFTER_MAX] = { "link-retry-after-max", 0, "S",
      V | C, OPTT_NUMBER, "60", "longest Retry-After honoured" },
    [O_LINK_REDIRECTS] = { "link-redirects", 0, "N", V | C,
      OPTT_NUMBER, "5", "redirects followed" },
    [O_LINK_CACHE] = { "link-cache", 0, "FILE", V, OPTT_STRING,
      NULL, "the cache file (default\n$XDG_CACHE_HOME/sitelint/links.tsv)" },
    [O_NO_LINK_CACHE] = { "no-link-cache", 0, NULL, V,
      OPTT_SWITCH, NULL, "neither read nor write the cache" },
    [O_LINK_CACHE_TTL] = { "link-cache-ttl", 0, "S", V | C,
      OPTT_NUMBER, "86400", "how long a success is trusted" },
    [O_LINK_FAILURE_TTL] = { "link-failure-ttl", 0, "S", V | C,
      OPTT_NUMBER, "0", "how long a failure is trusted" },
    [O_RESOLVE] = { "resolve", 0, "HOST:PORT:ADDR", V,
      OPTT_LIST, NULL, "connect to ADDR for HOST:PORT, as curl's",
      .takes = "HOST:PORT:ADDRESS ('example.org:443:127.0.0.1')",
      .ok = ok_resolve },
    [O_REFUSE_PRIVATE] = { "refuse-private", 0, NULL, V | C,
      OPTT_SWITCH, NULL,
      "never connect to private or loopback addresses" },
    [O_UNTRUSTED] = { "untrusted", 0, NULL, V | C, OPTT_SWITCH,
      NULL, "for content you did not write: --refuse-private" },
    [O_LINK_CACERT] = { "link-cacert", 0, "FILE", V | C,
      OPTT_STRING, NULL, "trust the CA certificates in FILE (PEM) for\n"
      "https, not the system's" },
    [O_USER_AGENT] = { "user-agent", 0, "TEXT", V | C,
      OPTT_STRING, NULL, "the User-Agent header" },
    [O_PROGRESS] = { "progress", 0, NULL, V | OPTF_HIDDEN,
      OPTT_SWITCH, NULL, "" },
};

#undef V
#undef C

/* Compiles each value of option i into *out. */
static size_t
compile(struct rule_ctx *cx, unsigned i, struct pattern **out,
        int with_codes)
{
    const char *name = options[i].name;
    struct site_state *st = rule_site_state(cx);
    size_t n = 0, cap = 0, nv, k;
    const char *const *vals = rule_opt_list(cx, i, &nv);

    for (k = 0; k < nv; k++) {
        char *line = rule_strndup(cx, vals[k], strlen(vals[k])), *eq;
        const char *codes = NULL;
        int err;
        PCRE2_SIZE at;
        pcre2_code *re;

        if (with_codes) {
            /* "REGEX=CODES": the last '=' splits, a regex may have one. */
            if ((eq = strrchr(line, '=')) == NULL ||
                eq[1 + strspn(eq + 1, "0123456789,")] != '\0' ||
                eq[1] == '\0') {
                rule_report_run(cx, SEV_ERROR, "--%s takes REGEX=CODES "
                                "('^https://example\\.org/=403,429'), "
                                "not '%s'", name, line);
                st->bad_pattern = 1;
                continue;
            }
            *eq = '\0';
            codes = eq + 1;
        }
        re = pcre2_compile((PCRE2_SPTR)line, PCRE2_ZERO_TERMINATED, 0, &err,
                           &at, NULL);
        if (re == NULL) {
            PCRE2_UCHAR msg[256];

            pcre2_get_error_message(err, msg, sizeof msg);
            rule_report_run(cx, SEV_ERROR, "--%s pattern '%s': %s at "
                            "offset %zu", name, line, (const char *)msg,
                            (size_t)at);
            st->bad_pattern = 1;
            continue;
        }
        RULE_PUSH(cx, *out, n, cap)->re = re;
        (*out)[n - 1].codes = codes;
    }
    return n;
}

static void
start(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);

    st->ninclude = compile(cx, O_LINK_INCLUDE, &st->include, 0);
    st->nexclude = compile(cx, O_LINK_EXCLUDE, &st->exclude, 0);
    st->naccept = compile(cx, O_LINK_ACCEPT, &st->accept, 1);
    st->nget = compile(cx, O_LINK_GET, &st->get, 0);
    st->md = pcre2_match_data_create(4, NULL);
    st->offline = rule_opt_on(cx, O_OFFLINE);
}

static int
matches(struct site_state *st, const struct pattern *p, const char *s)
{
    return pcre2_match(p->re, (PCRE2_SPTR)s, strlen(s), 0, 0, st->md, NULL)
           >= 0;
}

/* ---- collecting ------------------------------------------------------- */

static void
add_use(struct rule_ctx *cx, const struct page *pg, struct pos pos,
        unsigned end_col, const char *url, enum origin origin)
{
    struct site_state *st = rule_site_state(cx);
    const char *frag, *shown = url_redact(pg->mem, url);
    char *fetch = url_normalize(pg->mem, url, &frag), *key = fetch;
    struct target *t;
    struct use *u;
    size_t i;

    if (key == NULL || site_is_own(rule_site(cx), key))
        return;                 /* not http(s), or internal-link's */
    if (shown != url)
        key = url_normalize(pg->mem, shown, &frag);
    HASH_FIND_STR(st->map, key, t);
    if (t == NULL) {
        t = rule_alloc(cx, sizeof *t);
        t->key = rule_strndup(cx, key, strlen(key));
        t->fetch = rule_strndup(cx, fetch, strlen(fetch));
        t->tail = &t->uses;
        HASH_ADD_KEYPTR(hh, st->map, t->key, strlen(t->key), t);
        st->ntargets++;
    }
    u = rule_alloc(cx, sizeof *u);
    u->pos = pos;
    u->end_col = end_col;
    u->written = rule_strndup(cx, shown, strlen(shown));
    u->origin = origin;
    if (frag != NULL && frag[0] != '\0') {
        u->frag = rule_strndup(cx, frag, strlen(frag));
        for (i = 0; i < t->nfrags && strcmp(t->frags[i], u->frag) != 0; i++)
            continue;
        if (i == t->nfrags)
            *RULE_PUSH(cx, t->frags, t->nfrags, t->frags_cap) = u->frag;
    }
    *t->tail = u;
    t->tail = &u->next;
}

/* URL-valued front matter: a scalar that is one http(s) URL. */
static void
add_front_matter(struct rule_ctx *cx, const struct page *pg,
                 const struct fm_node *n)
{
    size_t i;

    if (n == NULL)
        return;
    if (n->type == FM_SCALAR) {
        if (n->str != NULL && strpbrk(n->str, " \t\n") == NULL)
            add_use(cx, pg, n->pos, n->exact ? n->pos.col +
                    (unsigned)n->len : 0, n->str, ORIGIN_FRONT_MATTER);
        return;
    }
    for (i = 0; i < n->nkids; i++)
        add_front_matter(cx, pg, n->kids[i]);
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct site_state *st = rule_site_state(cx);
    size_t i;

    if (!pg->linted || st->offline)
        return;                 /* read for context: not worth a request */
    for (i = 0; i < pg->nlinks; i++)
        add_use(cx, pg, pg->links[i].pos, pg->links[i].end_col,
                pg->links[i].text, pg->links[i].origin);
    for (i = 0; i < pg->nimages; i++)
        add_use(cx, pg, pg->images[i].pos, pg->images[i].end_col,
                pg->images[i].text, pg->images[i].origin);
    add_front_matter(cx, pg, pg->fm);
}

/* ---- checking --------------------------------------------------------- */

static const char *
reason(long status)
{
    static const struct { long code; const char *text; } r[] = {
        { 400, "Bad Request" }, { 401, "Unauthorized" },
        { 403, "Forbidden" }, { 404, "Not Found" },
        { 405, "Method Not Allowed" }, { 406, "Not Acceptable" },
        { 408, "Request Timeout" }, { 410, "Gone" },
        { 429, "Too Many Requests" }, { 451, "Unavailable For Legal Reasons" },
        { 500, "Internal Server Error" }, { 501, "Not Implemented" },
        { 502, "Bad Gateway" }, { 503, "Service Unavailable" },
        { 504, "Gateway Timeout" },
    };
    size_t i;

    for (i = 0; i < sizeof r / sizeof r[0]; i++)
        if (r[i].code == status)
            return r[i].text;
    return "";
}

/* Is status accepted for url by a --link-accept pattern? */
static int
accepted(struct site_state *st, const char *url, long status)
{
    size_t i;
    char code[24];

    snprintf(code, sizeof code, "%ld", status);
    for (i = 0; i < st->naccept; i++) {
        const char *p = st->accept[i].codes;
        size_t n = strlen(code);

        if (!matches(st, &st->accept[i], url))
            continue;
        while (*p != '\0') {
            size_t len = strcspn(p, ",");

            if (len == n && strncmp(p, code, n) == 0)
                return 1;
            p += len + (p[len] == ',');
        }
    }
    return 0;
}

static int
wanted(struct site_state *st, const char *url)
{
    size_t i;
    int in = st->ninclude == 0;

    for (i = 0; i < st->ninclude && !in; i++)
        in = matches(st, &st->include[i], url);
    for (i = 0; i < st->nexclude && in; i++)
        in = !matches(st, &st->exclude[i], url);
    return in;
}

static const char *
frag_key(struct rule_ctx *cx, const struct target *t, const char *frag)
{
    size_t a = strlen(t->key), b = strlen(frag);
    char *k = rule_page_alloc(cx, a + b + 2);

    memcpy(k, t->key, a);
    k[a] = '#';
    memcpy(k + a + 1, frag, b + 1);
    return k;
}

struct plan {
    struct lc_opts o;
    struct lc_header *headers;
    size_t nheaders, headers_cap;
    struct link_cache *cache;
    long ok_ttl, fail_ttl;
    int fragments, strict;
};

/* "${NAME}" in a header value from the environment: secrets stay out of
 * config files and out of every message. */
static const char *
expand_env(struct rule_ctx *cx, const char *s)
{
    struct buf b = { 0 };
    const char *p = s, *out;

    while (*p != '\0') {
        const char *close;

        if (p[0] == '$' && p[1] == '{' && (close = strchr(p, '}')) != NULL) {
            char name[128];
            size_t n = (size_t)(close - p - 2);
            const char *v;

            if (n < sizeof name) {
                memcpy(name, p + 2, n);
                name[n] = '\0';
                if ((v = getenv(name)) != NULL)
                    buf_adds(&b, v);
                else
                    rule_report_run(cx, SEV_WARNING, "--link-header: "
                                    "environment variable '%s' is not set",
                                    name);
                p = close + 1;
                continue;
            }
        }
        buf_addc(&b, *p++);
    }
    out = rule_strndup(cx, b.p != NULL ? b.p : "", b.len);
    buf_free(&b);
    return out;
}

/* Where a --link-header goes: "host", "host:port", "https://host[:port]"
 * or "http://host[:port]" (lower case).  https unless http is said
 * outright: a secret is not sent in clear because a link was written
 * with http.  0, or -1 for anything else. */
static int
header_site(char *s, struct lc_header *h)
{
    char *colon, *end;

    h->scheme = "https";
    if (strncmp(s, "http://", 7) == 0) {
        h->scheme = "http";
        s += 7;
    } else if (strncmp(s, "https://", 8) == 0) {
        s += 8;
    }
    if (*s == '[') {
        char *close = strchr(s, ']');

        if (close == NULL)
            return -1;
        colon = close[1] == ':' ? close + 1 : close[1] == '\0' ? NULL : s;
        if (colon == s)
            return -1;
    } else {
        colon = strchr(s, ':');
    }
    h->port = strcmp(h->scheme, "https") == 0 ? 443 : 80;
    if (colon != NULL) {
        *colon = '\0';
        h->port = strtol(colon + 1, &end, 10);
        if (colon[1] == '\0' || *end != '\0' || h->port <= 0 ||
            h->port > 65535)
            return -1;
    }
    if (*s == '\0' || strpbrk(s, "/@?#") != NULL)
        return -1;
    h->host = s;
    return 0;
}

static void
read_plan(struct rule_ctx *cx, struct plan *pl)
{
    const char *v, *const *vals;
    size_t nv, k;
    long s, c;

    lc_opts_default(&pl->o);
    pl->o.concurrency = (int)rule_opt_num(cx, O_LINK_CONCURRENCY);
    pl->o.per_host = (int)rule_opt_num(cx, O_LINK_HOST_CONCURRENCY);
    s = rule_opt_num(cx, O_LINK_TIMEOUT);
    pl->o.timeout_ms = s * 1000;
    c = rule_opt_num(cx, O_LINK_CONNECT_TIMEOUT);
    if (!rule_opt_set(cx, O_LINK_CONNECT_TIMEOUT) && s < c)
        c = s;                  /* never longer than the whole request */
    pl->o.connect_timeout_ms = c * 1000;
    pl->o.retries = (int)rule_opt_num(cx, O_LINK_RETRIES);
    pl->o.backoff_ms = rule_opt_num(cx, O_LINK_BACKOFF_MS);
    pl->o.retry_after_max_ms = rule_opt_num(cx, O_LINK_RETRY_AFTER_MAX) * 1000;
    pl->o.max_redirects = (int)rule_opt_num(cx, O_LINK_REDIRECTS);
    pl->o.refuse_private = rule_opt_on(cx, O_UNTRUSTED) ||
                           rule_opt_on(cx, O_REFUSE_PRIVATE);
    pl->o.progress = rule_opt_on(cx, O_PROGRESS);
    if ((v = rule_opt_str(cx, O_USER_AGENT)) != NULL)
        pl->o.user_agent = v;
    pl->o.cacert = rule_opt_str(cx, O_LINK_CACERT);
    if (pl->o.cacert != NULL && access(pl->o.cacert, R_OK) != 0) {
        rule_report_run(cx, SEV_ERROR, "--link-cacert '%s': %s; the "
                        "system's certificates are used", pl->o.cacert,
                        strerror(errno));
        pl->o.cacert = NULL;
    }
    pl->fragments = rule_opt_on(cx, O_CHECK_FRAGMENTS);
    pl->strict = rule_opt_on(cx, O_STRICT_LINKS);
    pl->ok_ttl = rule_opt_num(cx, O_LINK_CACHE_TTL);
    pl->fail_ttl = rule_opt_num(cx, O_LINK_FAILURE_TTL);
    pl->o.resolve = rule_opt_list(cx, O_RESOLVE, &pl->o.nresolve);
    vals = rule_opt_list(cx, O_LINK_HEADER, &nv);
    for (k = 0; k < nv; k++) {
        char *line = rule_strndup(cx, vals[k], strlen(vals[k]));
        char *eq = strchr(line, '=');
        struct lc_header *h;
        size_t i;

        if (eq == NULL || eq == line || strchr(eq, ':') == NULL) {
            rule_report_run(cx, SEV_ERROR, "--link-header takes "
                            "HOST=Name: value, not '%.*s'",
                            (int)(eq != NULL ? eq - line : 0), line);
            continue;
        }
        *eq = '\0';
        for (i = 0; line[i] != '\0'; i++)
            line[i] = (char)tolower((unsigned char)line[i]);
        h = RULE_PUSH(cx, pl->headers, pl->nheaders, pl->headers_cap);
        if (header_site(line, h) != 0) {
            pl->nheaders--;
            rule_report_run(cx, SEV_ERROR, "--link-header: '%s' is not "
                            "HOST, HOST:PORT or http(s)://HOST[:PORT]; "
                            "the header is not sent", line);
            continue;
        }
        h->line = expand_env(cx, eq + 1);
    }
    pl->o.headers = pl->headers;
    pl->o.nheaders = pl->nheaders;
}

static struct link_cache *
open_cache(struct rule_ctx *cx)
{
    const char *path = rule_opt_str(cx, O_LINK_CACHE), *why = NULL;
    struct link_cache *c;

    if (rule_opt_on(cx, O_NO_LINK_CACHE))
        return NULL;
    if (path == NULL && (path = link_cache_default(rule_arena(cx))) == NULL)
        return NULL;
    c = link_cache_open(path, rule_arena(cx), &why);
    /* Not a finding of the site: a clean run stays clean (exit 0). */
    if (why != NULL)
        rule_soft(rule_report_run(cx, SEV_WARNING, "link cache %s ignored: "
                                  "%s", path, why));
    return c;
}

/* Takes what the cache knows; returns 1 if the network must be asked. */
static int
from_cache(struct rule_ctx *cx, struct plan *pl, struct target *t,
           time_t now)
{
    const struct lc_result *r;
    size_t i;

    if (pl->cache == NULL ||
        (r = link_cache_get(pl->cache, t->key, now, pl->ok_ttl,
                            pl->fail_ttl)) == NULL)
        return 1;
    t->res = *r;
    if (pl->fragments && r->outcome == LC_OK)
        for (i = 0; i < t->nfrags; i++) {
            const struct lc_result *f = link_cache_get(
                pl->cache, frag_key(cx, t, t->frags[i]), now, pl->ok_ttl,
                pl->ok_ttl);

            if (f == NULL)
                return 1;
            t->frag_found[i] = f->outcome == LC_OK;
        }
    t->checked = 1;
    return 0;
}

static void
to_cache(struct rule_ctx *cx, struct plan *pl, struct target *t)
{
    size_t i;

    if (pl->cache == NULL)
        return;
    link_cache_put(pl->cache, t->key, &t->res);
    if (pl->fragments && t->res.outcome == LC_OK)
        for (i = 0; i < t->nfrags; i++) {
            struct lc_result f = { 0 };

            f.outcome = t->frag_found[i] ? LC_OK : LC_NO_FRAGMENT;
            f.checked = t->res.checked;
            link_cache_put(pl->cache, frag_key(cx, t, t->frags[i]), &f);
        }
}

/* What a redirect's target may be written into a page as, or NULL.  The
 * target is the server's word (or the cache's), and --fix writes it into
 * the page: only an absolute http(s) URL without credentials qualifies,
 * and every byte that could end or change the link in the syntax it is
 * written in (a parenthesis of a Markdown destination, a quote of an
 * attribute or a front matter string, '<', a blank, an entity's '&') is
 * escaped, so that "/x)<script>" stays inside the link. */
static const char *
redirect_fix(struct rule_ctx *cx, const char *to, enum origin origin)
{
    static const char safe[] = "-._~:/?#[]@!$*+,;=";
    struct buf b = { 0 };
    const char *frag, *out, *p;
    struct arena tmp = { 0 };
    size_t hl;
    const char *host = url_host(to, &hl);
    int markup = origin == ORIGIN_MARKDOWN || origin == ORIGIN_HTML;

    if (url_normalize(&tmp, to, &frag) == NULL || host == NULL ||
        memchr(to, '@', (size_t)(host - to)) != NULL) {
        arena_free(&tmp);
        return NULL;
    }
    arena_free(&tmp);
    for (p = to; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;

        if (c < 0x20 || c == 0x7f) {
            buf_free(&b);
            return NULL;        /* no line break or control in a page */
        }
        if (isalnum(c) || strchr(safe, c) != NULL)
            buf_addc(&b, (char)c);
        else if (c == '%' && isxdigit((unsigned char)p[1]) &&
                 isxdigit((unsigned char)p[2]))
            buf_addc(&b, '%');
        else if (c == '&' && markup &&
                 (isalpha((unsigned char)p[1]) || p[1] == '#'))
            buf_adds(&b, "&amp;");
        else if (c == '&' || c == '\'')
            buf_addf(&b, c == '&' ? "&" : "%%27");
        else
            buf_addf(&b, "%%%02X", c);
    }
    out = rule_strndup(cx, b.p != NULL ? b.p : "", b.len);
    buf_free(&b);
    return out;
}

/* Reports t's result at every use.  soft: may pass by itself. */
static void
report(struct rule_ctx *cx, struct plan *pl, struct target *t)
{
    const struct lc_result *r = &t->res;
    struct use *u;
    size_t i;

    for (u = t->uses; u != NULL; u = u->next) {
        enum severity sev = SEV_ERROR;
        int soft = 0;
        struct diag *d;
        const char *w = u->written, *fix;
        struct buf msg = { 0 };

        switch (r->outcome) {
        case LC_OK:
            if (r->moved_to != NULL) {
                d = rule_report_sev(cx, SEV_NOTE, u->pos, u->end_col,
                                    "link '%s' has moved permanently to "
                                    "'%s'", w, r->moved_to);
                if (u->end_col == u->pos.col + strlen(w) && u->frag == NULL &&
                    (fix = redirect_fix(cx, r->moved_to, u->origin)) != NULL)
                    rule_fix(d, u->pos, u->end_col, fix);
            }
            if (u->frag == NULL || !pl->fragments)
                continue;
            for (i = 0; i < t->nfrags; i++)
                if (strcmp(t->frags[i], u->frag) == 0)
                    break;
            if (i == t->nfrags || t->frag_found[i])
                continue;
            rule_report_sev(cx, SEV_WARNING, u->pos, u->end_col,
                            "link '%s': the page has no id '%s'", w,
                            u->frag);
            continue;
        case LC_HTTP:
            if (lc_transient(r->outcome, r->status)) {
                sev = SEV_WARNING;
                soft = 1;
                buf_addf(&msg, "link '%s' answers %ld %s "
                         "(after %d %s)", w, r->status, reason(r->status),
                         r->retries, r->retries == 1 ? "retry" : "retries");
            } else if (r->status == 401 || r->status == 403) {
                sev = SEV_WARNING;
                soft = 1;
                buf_addf(&msg, "link '%s' answers %ld %s: the "
                         "server may refuse robots (--link-accept)", w,
                         r->status, reason(r->status));
            } else {
                buf_addf(&msg, "link '%s' is broken: %ld%s%s", w,
                         r->status, *reason(r->status) ? " " : "",
                         reason(r->status));
            }
            break;
        case LC_DNS: {
            size_t hl;
            const char *h = url_host(t->key, &hl);

            buf_addf(&msg, "link '%s' is broken: host '%.*s' "
                     "not found", w, (int)hl, h);
            break;
        }
        case LC_REFUSED:
            buf_addf(&msg, "link '%s' is broken: connection "
                     "refused", w);
            break;
        case LC_TIMEOUT:
            sev = SEV_WARNING;
            soft = 1;
            if (r->detail != NULL && strncmp(r->detail, "Connection", 10)
                    == 0)
                buf_addf(&msg, "link '%s' timed out: no "
                         "connection within %ld s", w,
                         pl->o.connect_timeout_ms / 1000);
            else
                buf_addf(&msg, "link '%s' timed out: no answer "
                         "within %ld s", w, pl->o.timeout_ms / 1000);
            break;
        case LC_TLS:
            buf_addf(&msg, "link '%s' fails TLS: %s", w,
                     r->detail != NULL ? r->detail : "handshake failed");
            break;
        case LC_NETWORK:
            sev = SEV_WARNING;
            soft = 1;
            buf_addf(&msg, "link '%s' failed: %s", w,
                     r->detail != NULL ? r->detail : "network error");
            break;
        case LC_LOOP:
            buf_addf(&msg, "link '%s' redirects in a loop (back "
                     "to '%s')", w, r->detail != NULL ? r->detail : "?");
            break;
        case LC_TOO_MANY:
            buf_addf(&msg, "link '%s' redirects more than %d "
                     "times", w, pl->o.max_redirects);
            break;
        case LC_BAD_REDIRECT:
            buf_addf(&msg, "link '%s' redirects to '%s'; only "
                     "http and https are followed", w,
                     r->detail != NULL ? r->detail : "?");
            break;
        case LC_PRIVATE:
            buf_addf(&msg, "link '%s' leads to a private or "
                     "loopback address; not fetched (--refuse-private)", w);
            break;
        case LC_RATE_LIMITED:
            sev = SEV_WARNING;
            soft = 1;
            buf_addf(&msg, "link '%s' is rate limited (429 Too "
                     "Many Requests) and did not clear", w);
            break;
        default:
            continue;
        }
        d = rule_report_sev(cx, sev, u->pos, u->end_col, "%s", msg.p);
        buf_free(&msg);
        if (soft && !pl->strict)
            rule_soft(d);
        if (r->moved_to != NULL)
            rule_note(d, u->pos, "it has moved permanently to '%s'",
                      r->moved_to);
    }
}

static void
check_site(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    struct plan pl;
    struct lc_url *ask;
    struct target **asked, *t, *tmp;
    size_t nask = 0, i, ndns = 0, nunasked = 0, nanswered = 0;
    time_t now = time(NULL);
    const char *why;

    if (st->ntargets == 0 || st->offline || st->bad_pattern)
        return;
    memset(&pl, 0, sizeof pl);
    read_plan(cx, &pl);
    pl.cache = open_cache(cx);
    ask = rule_alloc(cx, st->ntargets * sizeof *ask);
    asked = rule_alloc(cx, st->ntargets * sizeof *asked);
    HASH_ITER(hh, st->map, t, tmp) {
        if (!wanted(st, t->key))
            continue;
        t->frag_found = rule_alloc(cx, t->nfrags + 1);
        if (!from_cache(cx, &pl, t, now))
            continue;
        ask[nask].url = t->fetch;
        for (i = 0; i < st->nget && !ask[nask].get; i++)
            ask[nask].get = matches(st, &st->get[i], t->key);
        if (pl.fragments && t->nfrags > 0) {
            ask[nask].frags = t->frags;
            ask[nask].nfrags = t->nfrags;
            ask[nask].frag_found = t->frag_found;
        }
        asked[nask++] = t;
    }
    if ((why = linkcheck_run(ask, nask, &pl.o, rule_arena(cx))) != NULL) {
        rule_report_run(cx, SEV_ERROR, "%zu external links not checked: "
                        "cannot load libcurl: %s", nask, why);
        nask = 0;
    }
    for (i = 0; i < nask; i++) {
        asked[i]->res = ask[i].res;
        asked[i]->checked = 1;
        ndns += ask[i].res.outcome == LC_DNS;
        nunasked += ask[i].res.outcome == LC_UNCHECKED;
    }
    if (nask >= LC_NO_NETWORK_HOSTS && ndns + nunasked == nask) {
        /* Not one host resolved: this machine has no network, and a
         * finding per link would bury everything else.  The checker
         * stopped asking after the first hosts failed. */
        rule_soft(rule_report_run(cx, SEV_WARNING, "no network: none of "
                                  "the first hosts asked could be "
                                  "resolved, so %zu external links were "
                                  "not checked (--offline skips them)",
                                  nask));
        for (i = 0; i < nask; i++)
            asked[i]->checked = 0;
        nask = 0;
    }
    for (i = 0; i < nask; i++) {
        t = asked[i];
        if (t->res.outcome == LC_HTTP && accepted(st, t->key, t->res.status))
            t->res.outcome = LC_OK;
        to_cache(cx, &pl, t);
    }
    HASH_ITER(hh, st->map, t, tmp)
        if (t->checked) {
            report(cx, &pl, t);
            nanswered++;
        }
    rule_tally(cx, "external", nanswered);
    if (pl.cache != NULL && nask > 0 &&
        link_cache_save(pl.cache, pl.ok_ttl > pl.fail_ttl ? pl.ok_ttl
                                                          : pl.fail_ttl,
                        &why) != 0)
        rule_soft(rule_report_run(cx, SEV_WARNING, "link cache not saved: "
                                  "%s", why));
    link_cache_close(pl.cache);
}

static void
end(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    struct target *t, *tmp;
    size_t i;

    for (i = 0; i < st->ninclude; i++)
        pcre2_code_free(st->include[i].re);
    for (i = 0; i < st->nexclude; i++)
        pcre2_code_free(st->exclude[i].re);
    for (i = 0; i < st->naccept; i++)
        pcre2_code_free(st->accept[i].re);
    for (i = 0; i < st->nget; i++)
        pcre2_code_free(st->get[i].re);
    pcre2_match_data_free(st->md);
    HASH_ITER(hh, st->map, t, tmp)
        HASH_DEL(st->map, t);
}

const struct rule rule_external_link = {
    .id              = "external-link",
    .summary         = "an http(s) link that is dead, moved or unreachable",
    .severity        = SEV_ERROR,
    .site_state_size = sizeof(struct site_state),
    .on_start        = start,
    .on_page         = check_page,
    .on_site         = check_site,
    .on_end          = end,
    .options         = options,
    .noptions        = O_COUNT,
    .site_alone      = 1,       /* curl_global_init() */
};
