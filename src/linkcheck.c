/* linkcheck.c: one event loop on libcurl's multi interface.  Each URL is
 * a job that may take several requests: HEAD, then GET when HEAD is not
 * to be trusted; one request per redirect hop, followed here rather than
 * by libcurl so that every hop is seen (loops, permanent moves, schemes,
 * headers that must not cross hosts); retries after a pause.  A job
 * waits in the queue until its host has a free slot and its pause is
 * over; a pause for one host never holds up another. */
#define _DEFAULT_SOURCE         /* strcasecmp, random */
#include "linkcheck.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <uthash.h>

#include "buf.h"
#include "url.h"

static const char *const outcome_names[LC_OUTCOMES] = {
    "ok", "http", "dns", "refused", "timeout", "tls", "network", "loop",
    "too-many-redirects", "bad-redirect", "private", "rate-limited",
    "no-fragment", "unchecked",
};

const char *
lc_outcome_name(enum lc_outcome o)
{
    return (unsigned)o < LC_OUTCOMES ? outcome_names[o] : "?";
}

int
lc_outcome_parse(const char *name)
{
    int i;

    for (i = 0; i < LC_OUTCOMES; i++)
        if (strcmp(outcome_names[i], name) == 0)
            return i;
    return -1;
}

int
lc_transient(enum lc_outcome o, long status)
{
    switch (o) {
    case LC_TIMEOUT:
    case LC_NETWORK:
    case LC_RATE_LIMITED:
        return 1;
    case LC_HTTP:
        return status >= 500 || status == 429;
    default:
        return 0;
    }
}

void
lc_opts_default(struct lc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->body_max = 1024 * 1024;
    o->user_agent = "sitelint/0.1 (link checker; "
                    "+https://github.com/sitelint/sitelint)";
}

/* ---- jobs and hosts ---------------------------------------------------- */

struct host {
    const char *name;           /* lower case, with :port if any */
    size_t njobs, taken;        /* for the interleaved order */
    int active;
    double not_before;          /* a Retry-After for the whole host */
    int unresolved;             /* a job to it failed to resolve */
    UT_hash_handle hh;
};

/* An address of this machine's own interfaces. */
struct local_addr {
    int family;
    unsigned char a[16];
};

struct job {
    struct loop *lp;
    struct lc_url *u;
    char *cur;                  /* the hop being requested, as libcurl
                                 * writes its parse back (malloc) */
    CURLU *cu;                  /* that parse: what is requested and what
                                 * headers are matched against */
    char scheme[8];             /* "http" or "https" */
    long port;
    char **seen;                /* hops so far, for loops */
    size_t nseen;
    int get;                    /* GET rather than HEAD */
    int attempt;
    int moving;                 /* every hop so far a permanent one */
    double not_before;
    struct host *host;
    CURL *easy;
    struct curl_slist *hdrs;
    struct buf body;
    size_t body_max;
    int stopped;                /* we ended the body on purpose */
    int private_addr;           /* refused by the address check */
    char err[CURL_ERROR_SIZE];
    int queued, done;
};

struct loop {
    const struct lc_opts *o;
    struct arena *mem;
    CURLM *multi;
    struct curl_slist *resolve;
    struct host *hosts;
    struct job *jobs;
    struct job **order;         /* jobs, hosts taking turns */
    size_t njobs, ndone, nfailed, active;
    double started, last_drawn;
    struct local_addr *local;   /* with refuse_private: what an address
                                 * of ours must not be */
    size_t nlocal;
    size_t unresolved;          /* distinct hosts not resolved */
    int answered;               /* any request got past resolving */
};

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* One URL, parsed once by libcurl's URL API: the same parse is
 * requested (CURLOPT_CURLU), matched against --link-header hosts and
 * printed, so that "http://good.test:1@evil.test/" cannot be one host to
 * the matching and another to the request.  An internationalised host is
 * given to libcurl in punycode.  Fills j's cu, cur, scheme and port and
 * returns its host ("host:port", lower case; malloc), or NULL with
 * *why set when url is not an absolute http(s) URL. */
static char *
parse_hop(struct job *j, const char *url, const char **why)
{
    CURLU *cu = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *whole = NULL, *key;
    CURLUcode rc;
    size_t i;

    *why = NULL;
    if (cu == NULL) {
        fputs("sitelint: out of memory\n", stderr);
        abort();
    }
    rc = curl_url_set(cu, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
    if (rc == CURLUE_OK)
        rc = curl_url_get(cu, CURLUPART_SCHEME, &scheme, 0);
    if (rc == CURLUE_OK && strcmp(scheme, "http") != 0 &&
        strcmp(scheme, "https") != 0) {
        *why = "only http and https are followed";
        goto fail;
    }
#ifdef CURLU_PUNYCODE
    if (rc == CURLUE_OK &&
        curl_url_get(cu, CURLUPART_HOST, &host, CURLU_PUNYCODE) == CURLUE_OK)
        rc = curl_url_set(cu, CURLUPART_HOST, host, 0);
    curl_free(host);
    host = NULL;
#endif
    if (rc == CURLUE_OK)
        rc = curl_url_get(cu, CURLUPART_HOST, &host, 0);
    if (rc == CURLUE_OK)
        rc = curl_url_get(cu, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    if (rc == CURLUE_OK)
        rc = curl_url_get(cu, CURLUPART_URL, &whole, 0);
    if (rc != CURLUE_OK) {
        *why = "not a URL libcurl can parse";
        goto fail;
    }
    curl_url_cleanup(j->cu);
    j->cu = cu;
    snprintf(j->scheme, sizeof j->scheme, "%s", scheme);
    j->port = strtol(port, NULL, 10);
    j->cur = xstrdup(whole);
    for (i = 0; host[i] != '\0'; i++)
        host[i] = (char)tolower((unsigned char)host[i]);
    key = xmalloc(strlen(host) + strlen(port) + 2);
    sprintf(key, "%s:%s", host, port);
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(whole);
    return key;
fail:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(whole);
    curl_url_cleanup(cu);
    return NULL;
}

static struct host *
host_of(struct loop *lp, const char *key)
{
    size_t n = strlen(key);
    struct host *h;

    HASH_FIND(hh, lp->hosts, key, n, h);
    if (h != NULL)
        return h;
    h = arena_alloc(lp->mem, sizeof *h);
    h->name = arena_strndup(lp->mem, key, n);
    HASH_ADD_KEYPTR(hh, lp->hosts, h->name, n, h);
    return h;
}

/* ---- one request ------------------------------------------------------- */

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
    struct job *j = arg;
    size_t len = size * n;

    if (j->u->nfrags == 0 || !j->get) {
        j->stopped = 1;         /* the status is all we wanted */
        return 0;
    }
    if (len >= j->body_max - j->body.len) {
        buf_add(&j->body, p, j->body_max - j->body.len);
        j->stopped = 1;         /* enough to look for ids in */
        return 0;
    }
    buf_add(&j->body, p, len);
    return len;
}

static int
is_private(const char *ip)
{
    struct in6_addr a6;
    struct in_addr a4;

    if (inet_pton(AF_INET, ip, &a4) == 1) {
        unsigned long a = ntohl(a4.s_addr);

        return (a >> 24) == 127 || (a >> 24) == 10 || (a >> 24) == 0 ||
               (a >> 20) == (172UL << 4 | 1) ||
               (a >> 16) == (192UL << 8 | 168) ||
               (a >> 16) == (169UL << 8 | 254) ||
               (a >> 22) == (100UL << 2 | 1) ||   /* 100.64/10, shared */
               (a >> 28) == 0xe || a == 0xffffffffUL; /* multicast, all */
    }
    if (inet_pton(AF_INET6, ip, &a6) == 1) {
        const unsigned char *b = a6.s6_addr;
        static const unsigned char v4mapped[12] = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
        static const unsigned char zero[16] = { 0 };

        if (memcmp(b, v4mapped, 12) == 0) {
            char v4[INET_ADDRSTRLEN];

            return inet_ntop(AF_INET, b + 12, v4, sizeof v4) != NULL &&
                   is_private(v4);
        }
        return memcmp(b, zero, 15) == 0            /* :: and ::1 */
            || (b[0] & 0xfe) == 0xfc               /* fc00::/7 */
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)   /* fe80::/10 */
            || b[0] == 0xff;                             /* multicast */
    }
    return 1;                   /* unparsable: do not connect */
}

/* Is ip one of this machine's own addresses?  A public address of the
 * CI runner itself reaches its services as surely as 127.0.0.1 does. */
static int
is_local(const struct loop *lp, const char *ip)
{
    struct local_addr x;
    size_t i;

    memset(&x, 0, sizeof x);
    if (inet_pton(AF_INET, ip, x.a) == 1)
        x.family = AF_INET;
    else if (inet_pton(AF_INET6, ip, x.a) == 1)
        x.family = AF_INET6;
    else
        return 1;
    for (i = 0; i < lp->nlocal; i++)
        if (lp->local[i].family == x.family &&
            memcmp(lp->local[i].a, x.a, sizeof x.a) == 0)
            return 1;
    return 0;
}

/* The addresses of every interface, for is_local(). */
static void
read_local(struct loop *lp)
{
    struct ifaddrs *all, *i;
    size_t cap = 0;

    if (getifaddrs(&all) != 0)
        return;
    for (i = all; i != NULL; i = i->ifa_next) {
        struct local_addr *l;

        if (i->ifa_addr == NULL || (i->ifa_addr->sa_family != AF_INET &&
                                    i->ifa_addr->sa_family != AF_INET6))
            continue;
        if (lp->nlocal == cap) {
            cap = cap ? cap * 2 : 8;
            lp->local = xrealloc(lp->local, cap * sizeof *lp->local);
        }
        l = &lp->local[lp->nlocal++];
        memset(l, 0, sizeof *l);
        l->family = i->ifa_addr->sa_family;
        if (l->family == AF_INET)
            memcpy(l->a, &((struct sockaddr_in *)(void *)i->ifa_addr)
                   ->sin_addr, 4);
        else
            memcpy(l->a, &((struct sockaddr_in6 *)(void *)i->ifa_addr)
                   ->sin6_addr, 16);
    }
    freeifaddrs(all);
}

static int
on_prereq(void *arg, char *conn_primary_ip, char *conn_local_ip,
          int conn_primary_port, int conn_local_port)
{
    struct job *j = arg;

    (void)conn_local_ip;
    (void)conn_primary_port;
    (void)conn_local_port;
    if (is_private(conn_primary_ip) || is_local(j->lp, conn_primary_ip)) {
        j->private_addr = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

static void
start_request(struct loop *lp, struct job *j)
{
    const struct lc_opts *o = lp->o;
    CURL *e = curl_easy_init();
    size_t i;

    if (e == NULL) {
        fputs("sitelint: out of memory\n", stderr);
        abort();
    }
    j->easy = e;
    j->stopped = 0;
    j->private_addr = 0;
    j->err[0] = '\0';
    buf_free(&j->body);
    curl_easy_setopt(e, CURLOPT_CURLU, j->cu);
    curl_easy_setopt(e, CURLOPT_PRIVATE, j);
    /* Transfers to one https host start together: wait for the first
     * connection to tell whether it multiplexes (HTTP/2) rather than
     * open one connection each. */
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->err);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
#if CURL_AT_LEAST_VERSION(7, 87, 0)
    /* Dropping a transfer must not wait for its resolver thread: with no
     * network, each would wait out the resolver's timeout. */
    curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
#endif
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
    if (o->cacert != NULL)
        curl_easy_setopt(e, CURLOPT_CAINFO, o->cacert);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
    if (j->get)
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    else
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    if (lp->resolve != NULL)
        curl_easy_setopt(e, CURLOPT_RESOLVE, lp->resolve);
    if (o->refuse_private) {
        curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, on_prereq);
        curl_easy_setopt(e, CURLOPT_PREREQDATA, j);
    }
    /* Headers for this hop's scheme, host and port only: a redirect
     * elsewhere goes without them, as it goes without credentials. */
    curl_slist_free_all(j->hdrs);
    j->hdrs = NULL;
    for (i = 0; i < o->nheaders; i++) {
        const struct lc_header *h = &o->headers[i];
        size_t hl = strlen(h->host);

        if (strcmp(j->scheme, h->scheme) == 0 && j->port == h->port &&
            strncmp(j->host->name, h->host, hl) == 0 &&
            j->host->name[hl] == ':')
            j->hdrs = curl_slist_append(j->hdrs, h->line);
    }
    if (j->hdrs != NULL)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->hdrs);
    j->host->active++;
    lp->active++;
    curl_multi_add_handle(lp->multi, e);
}

/* ---- deciding ---------------------------------------------------------- */

static void
finish_job(struct loop *lp, struct job *j, enum lc_outcome out, long status,
           const char *detail)
{
    struct lc_result *r = &j->u->res;

    r->outcome = out;
    r->status = status;
    r->detail = detail != NULL && *detail != '\0'
        ? arena_strdup(lp->mem, detail) : NULL;
    r->checked = time(NULL);
    j->done = 1;
    lp->ndone++;
    lp->nfailed += out != LC_OK;
    if (out == LC_DNS && !j->host->unresolved) {
        j->host->unresolved = 1;
        lp->unresolved++;
    } else if (out != LC_DNS && out != LC_UNCHECKED) {
        lp->answered = 1;       /* something out there answers */
    }
}

/* Queue the job again after ms (0: at once). */
static void
again(struct job *j, double ms)
{
    j->not_before = now_ms() + ms;
    j->queued = 1;
}

static double
backoff(const struct lc_opts *o, int attempt)
{
    double base = (double)o->backoff_ms * (double)(1L << (attempt < 10
                                                          ? attempt : 10));

    return base * (0.5 + (double)(random() % 1000) / 1000.0);
}

static int
retry(struct loop *lp, struct job *j)
{
    if (j->attempt >= lp->o->retries)
        return 0;
    j->attempt++;
    j->u->res.retries++;
    again(j, backoff(lp->o, j->attempt - 1));
    return 1;
}

static void
follow(struct loop *lp, struct job *j, long status, const char *to)
{
    size_t i;
    struct job next = *j;
    const char *why;
    char *key;

    next.cu = NULL;
    if ((key = parse_hop(&next, to, &why)) == NULL) {
        finish_job(lp, j, LC_BAD_REDIRECT, status, to);
        return;
    }
    for (i = 0; i < j->nseen; i++)
        if (strcmp(j->seen[i], next.cur) == 0) {
            finish_job(lp, j, LC_LOOP, status, next.cur);
            goto done;
        }
    if ((int)j->nseen > lp->o->max_redirects) {
        finish_job(lp, j, LC_TOO_MANY, status, next.cur);
        goto done;
    }
    if (j->moving && (status == 301 || status == 308))
        j->u->res.moved_to = arena_strdup(lp->mem, next.cur);
    else
        j->moving = 0;
    curl_url_cleanup(j->cu);
    j->cu = next.cu;
    next.cu = NULL;
    memcpy(j->scheme, next.scheme, sizeof j->scheme);
    j->port = next.port;
    j->seen = xrealloc(j->seen, (j->nseen + 1) * sizeof *j->seen);
    j->seen[j->nseen++] = next.cur;
    j->cur = next.cur;
    next.cur = NULL;
    j->host = host_of(lp, key);
    j->attempt = 0;
    again(j, 0);
done:
    curl_url_cleanup(next.cu);
    free(next.cur);
    free(key);
}

static enum lc_outcome
classify(CURLcode rc, const char *err)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return LC_DNS;
    case CURLE_OPERATION_TIMEDOUT:
        /* A resolver that never answers is no network, not a slow
         * server. */
        return strncmp(err, "Resolving timed out", 19) == 0 ? LC_DNS
                                                           : LC_TIMEOUT;
    case CURLE_COULDNT_CONNECT:
        return LC_REFUSED;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return LC_TLS;
    default:
        return LC_NETWORK;
    }
}

static void
decide(struct loop *lp, struct job *j, CURLcode rc)
{
    long status = 0;
    char *to = NULL;
    curl_off_t wait_s = -1;

    curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK && !(j->stopped && status > 0)) {
        enum lc_outcome out = j->private_addr ? LC_PRIVATE
                            : classify(rc, j->err);

        if ((out == LC_REFUSED || out == LC_TIMEOUT || out == LC_NETWORK) &&
            retry(lp, j))
            return;
        finish_job(lp, j, out, status,
                   j->err[0] != '\0' ? j->err : curl_easy_strerror(rc));
        return;
    }
    if (status >= 300 && status < 400 &&
        curl_easy_getinfo(j->easy, CURLINFO_REDIRECT_URL, &to) == CURLE_OK &&
        to != NULL) {
        follow(lp, j, status, to);
        return;
    }
    if (status >= 400 && !j->get && status != 429) {
        /* HEAD refused (405, 501), forbidden to robots (403), or simply
         * answered wrong: servers lie about HEAD; GET is the truth. */
        j->get = 1;
        again(j, 0);
        return;
    }
    if (status == 429 || status == 503) {
        if (curl_easy_getinfo(j->easy, CURLINFO_RETRY_AFTER, &wait_s) !=
                CURLE_OK)
            wait_s = -1;
        if (wait_s >= 0) {
            double ms = (double)wait_s * 1000.0;

            if (ms <= (double)lp->o->retry_after_max_ms &&
                j->attempt < lp->o->retries) {
                j->attempt++;
                j->u->res.retries++;
                again(j, ms);
                j->host->not_before = j->not_before;
                return;
            }
        } else if (retry(lp, j)) {
            return;
        }
        finish_job(lp, j, status == 429 ? LC_RATE_LIMITED : LC_HTTP, status,
                   NULL);
        return;
    }
    if (status >= 500 && retry(lp, j))
        return;
    if (status >= 200 && status < 300) {
        size_t i;

        for (i = 0; i < j->u->nfrags; i++)
            j->u->frag_found[i] = (unsigned char)lc_body_has_id(
                j->body.p != NULL ? j->body.p : "", j->body.len,
                j->u->frags[i]);
        finish_job(lp, j, LC_OK, status, NULL);
        return;
    }
    finish_job(lp, j, LC_HTTP, status, NULL);
}

/* ---- the loop ---------------------------------------------------------- */

static void
draw(struct loop *lp, int last)
{
    double t = now_ms();
    double secs = (t - lp->started) / 1000.0;

    if (!lp->o->progress || (!last && t - lp->last_drawn < 100))
        return;
    lp->last_drawn = t;
    fprintf(stderr, "\rexternal links: %zu/%zu checked, %zu failed, "
            "%.0f/s ", lp->ndone, lp->njobs, lp->nfailed,
            secs > 0 ? (double)lp->ndone / secs : 0.0);
    if (last)
        fputs("\n", stderr);
    fflush(stderr);
}

static int
by_jobs(struct host *a, struct host *b)
{
    return a->njobs < b->njobs ? 1 : a->njobs > b->njobs ? -1 : 0;
}

/* The order jobs start in: hosts take turns, those with the most URLs
 * first in each turn.  In the order the pages gave them, the first hosts
 * would fill every slot and the last ones would run alone at their
 * per-host limit at the end. */
static void
interleave(struct loop *lp)
{
    struct job ***by_host;
    struct host *h;
    size_t i, k, nhosts = HASH_COUNT(lp->hosts), out = 0;

    HASH_SORT(lp->hosts, by_jobs);
    by_host = xcalloc(nhosts, sizeof *by_host);
    for (h = lp->hosts, k = 0; h != NULL; h = h->hh.next, k++) {
        by_host[k] = xmalloc(h->njobs * sizeof **by_host);
        h->taken = k;           /* its index, for the moment */
    }
    for (h = lp->hosts; h != NULL; h = h->hh.next)
        h->njobs = 0;
    for (i = 0; i < lp->njobs; i++) {
        h = lp->jobs[i].host;
        by_host[h->taken][h->njobs++] = &lp->jobs[i];
    }
    lp->order = xmalloc(lp->njobs * sizeof *lp->order);
    for (h = lp->hosts; h != NULL; h = h->hh.next)
        h->taken = 0;
    while (out < lp->njobs)
        for (h = lp->hosts, k = 0; h != NULL; h = h->hh.next, k++)
            if (h->taken < h->njobs)
                lp->order[out++] = by_host[k][h->taken++];
    for (k = 0; k < nhosts; k++)
        free(by_host[k]);
    free(by_host);
}

/* Starts what may start; returns ms until the next paused job may. */
static long
start_ready(struct loop *lp)
{
    double t = now_ms(), next = -1;
    size_t i;

    for (i = 0; i < lp->njobs &&
                (int)lp->active < lp->o->concurrency; i++) {
        struct job *j = lp->order[i];
        double when;

        if (!j->queued)
            continue;
        when = j->not_before > j->host->not_before ? j->not_before
                                                   : j->host->not_before;
        if (when > t) {
            if (next < 0 || when < next)
                next = when;
            continue;
        }
        if (j->host->active >= lp->o->per_host)
            continue;
        j->queued = 0;
        start_request(lp, j);
    }
    return next < 0 ? -1 : (long)(next - t) + 1;
}

/* File descriptors kept back for what is not a transfer: standard
 * streams, the cache, the page being fixed, libcurl's own. */
#define FD_RESERVE 32
/* What one transfer may hold: its socket, and the threaded resolver's
 * socket pair while it resolves. */
#define FD_PER_TRANSFER 3

/* How many transfers the file descriptors allow: with "ulimit -n 64" and
 * 64 transfers at once, the last ones failed as "connection refused"
 * and real 404s were lost among them.  The soft limit is raised to the
 * hard one first where it can be. */
static int
fd_concurrency(int want)
{
    struct rlimit rl;
    rlim_t room;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return want;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < rl.rlim_max) {
        rlim_t was = rl.rlim_cur;

        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            rl.rlim_cur = was;
    }
    if (rl.rlim_cur == RLIM_INFINITY)
        return want;
    room = rl.rlim_cur > FD_RESERVE + FD_PER_TRANSFER
         ? (rl.rlim_cur - FD_RESERVE) / FD_PER_TRANSFER : 1;
    return room < (rlim_t)want ? (int)room : want;
}

/* Ends every job not done as LC_UNCHECKED, its transfer dropped. */
static void
stop_all(struct loop *lp)
{
    size_t i;

    for (i = 0; i < lp->njobs; i++) {
        struct job *j = &lp->jobs[i];

        if (j->done)
            continue;
        if (j->easy != NULL) {
            curl_multi_remove_handle(lp->multi, j->easy);
            curl_easy_cleanup(j->easy);
            j->easy = NULL;
            j->host->active--;
            lp->active--;
        }
        finish_job(lp, j, LC_UNCHECKED, 0, NULL);
    }
}

const char *
linkcheck_run(struct lc_url *urls, size_t n, const struct lc_opts *opts,
              struct arena *mem)
{
    struct lc_opts limited = *opts;
    const struct lc_opts *o = &limited;
    struct loop lp;
    struct host *h, *tmp;
    const char *why;
    size_t i;
    int running = 0;
    locale_t utf8, was = (locale_t)0;

    if (n == 0)
        return NULL;
    if ((why = linkcheck_load()) != NULL)
        return why;
    /* libcurl turns an internationalised host into punycode with
     * libidn2, which reads the host in the locale's character set: in the
     * "C" locale of a CI job, "マリウス.com" was a malformed URL.  Links
     * are UTF-8, so this thread reads them so, whatever the environment
     * says, without touching other threads' locale. */
    utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8 != (locale_t)0)
        was = uselocale(utf8);
    limited.concurrency = fd_concurrency(opts->concurrency);
    if (limited.per_host > limited.concurrency)
        limited.per_host = limited.concurrency;
    memset(&lp, 0, sizeof lp);
    lp.o = o;
    lp.mem = mem;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    lp.multi = curl_multi_init();
    curl_multi_setopt(lp.multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    /* The limits are kept here, per transfer: libcurl's connection
     * limits would queue a transfer behind an idle connection to another
     * host.  The connection cache holds what the limits allow. */
    curl_multi_setopt(lp.multi, CURLMOPT_MAXCONNECTS,
                      (long)o->concurrency * 2);
    for (i = 0; i < o->nresolve; i++)
        lp.resolve = curl_slist_append(lp.resolve, o->resolve[i]);
    if (o->refuse_private)
        read_local(&lp);
    srandom((unsigned)getpid() ^ (unsigned)time(NULL));
    lp.jobs = xcalloc(n, sizeof *lp.jobs);
    lp.njobs = n;
    for (i = 0; i < n; i++) {
        struct job *j = &lp.jobs[i];

        const char *bad;
        char *key;

        memset(&urls[i].res, 0, sizeof urls[i].res);
        j->lp = &lp;
        j->u = &urls[i];
        j->get = urls[i].nfrags > 0 || urls[i].get;
        j->moving = 1;
        j->body_max = o->body_max;
        if ((key = parse_hop(j, urls[i].url, &bad)) == NULL) {
            /* Checked, as libcurl would have said, without a request. */
            j->host = host_of(&lp, "");
            j->host->njobs++;
            finish_job(&lp, j, LC_NETWORK, 0, arena_printf(
                mem, "URL using bad/illegal format: %s", bad));
            continue;
        }
        j->seen = xmalloc(sizeof *j->seen);
        j->seen[0] = j->cur;
        j->nseen = 1;
        j->host = host_of(&lp, key);
        free(key);
        j->host->njobs++;
        j->queued = 1;
    }
    interleave(&lp);
    if (o->progress)
        fprintf(stderr, "sitelint: asking %zu external links on %u hosts "
                "(--offline skips them)\n", n, HASH_COUNT(lp.hosts));
    lp.started = lp.last_drawn = now_ms();
    while (lp.ndone < n) {
        long wait = start_ready(&lp);
        CURLMsg *m;
        int left;

        curl_multi_perform(lp.multi, &running);
        while ((m = curl_multi_info_read(lp.multi, &left)) != NULL) {
            struct job *j;

            if (m->msg != CURLMSG_DONE)
                continue;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
            j->host->active--;
            lp.active--;
            curl_multi_remove_handle(lp.multi, j->easy);
            decide(&lp, j, m->data.result);
            curl_easy_cleanup(j->easy);
            j->easy = NULL;
            draw(&lp, 0);
        }
        if (lp.ndone >= n)
            break;
        if (!lp.answered && lp.unresolved >= LC_NO_NETWORK_HOSTS) {
            /* No network: asking the rest would take each its resolver's
             * timeout (13 minutes for xmpp.org) to say the same. */
            stop_all(&lp);
            break;
        }
        if (lp.active == 0 && wait > 0)
            usleep((useconds_t)(wait > 1000 ? 1000 : wait) * 1000);
        else
            curl_multi_poll(lp.multi, NULL, 0,
                            wait > 0 && wait < 1000 ? (int)wait : 100, NULL);
    }
    draw(&lp, 1);
    for (i = 0; i < n; i++) {
        size_t k;

        for (k = 0; k < lp.jobs[i].nseen; k++)
            free(lp.jobs[i].seen[k]);
        free(lp.jobs[i].seen);
        curl_slist_free_all(lp.jobs[i].hdrs);
        curl_url_cleanup(lp.jobs[i].cu);
        buf_free(&lp.jobs[i].body);
    }
    free(lp.jobs);
    free(lp.order);
    free(lp.local);
    HASH_ITER(hh, lp.hosts, h, tmp)
        HASH_DEL(lp.hosts, h);  /* the hosts are mem's */
    curl_slist_free_all(lp.resolve);
    curl_multi_cleanup(lp.multi);
    curl_global_cleanup();
    if (utf8 != (locale_t)0) {
        uselocale(was);
        freelocale(utf8);
    }
    return NULL;
}

/* ---- ids in a body ----------------------------------------------------- */

int
lc_body_has_id(const char *body, size_t len, const char *id)
{
    size_t idlen = strlen(id);
    const char *p = body, *end = body + len;

    if (idlen == 0)
        return 1;               /* "#" alone is the top of the page */
    while ((p = memchr(p, '=', (size_t)(end - p))) != NULL) {
        const char *a = p, *v = p + 1;
        char q;

        p++;
        while (a > body && (a[-1] == ' ' || a[-1] == '\t'))
            a--;
        if (!((a - body >= 2 && strncasecmp(a - 2, "id", 2) == 0 &&
               (a - body == 2 || !isalnum((unsigned char)a[-3]))) ||
              (a - body >= 4 && strncasecmp(a - 4, "name", 4) == 0 &&
               (a - body == 4 || !isalnum((unsigned char)a[-5])))))
            continue;
        while (v < end && (*v == ' ' || *v == '\t'))
            v++;
        q = v < end && (*v == '"' || *v == '\'') ? *v++ : '\0';
        if ((size_t)(end - v) < idlen || memcmp(v, id, idlen) != 0)
            continue;
        v += idlen;
        if (q != '\0' ? (v < end && *v == q)
                      : (v == end || isspace((unsigned char)*v) || *v == '>'))
            return 1;
    }
    return 0;
}
