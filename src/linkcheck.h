/* linkcheck.h: check many http(s) URLs at once over libcurl's multi
 * interface, politely, and say what became of each.  Knows nothing of
 * pages or diagnostics: the external-link rule turns results into
 * findings and keeps them in the link cache. */
#ifndef LINKCHECK_H
#define LINKCHECK_H

#include <stddef.h>
#include <time.h>

#include "arena.h"

/* What became of a URL.  The names are stable: the cache stores them. */
enum lc_outcome {
    LC_OK,                      /* 2xx at the end of any redirects */
    LC_HTTP,                    /* another final status; see status */
    LC_DNS,                     /* host name not found */
    LC_REFUSED,                 /* connection refused */
    LC_TIMEOUT,                 /* no answer within the time allowed */
    LC_TLS,                     /* TLS handshake or certificate failed */
    LC_NETWORK,                 /* reset, empty reply, other transport */
    LC_LOOP,                    /* a redirect came back to a URL seen */
    LC_TOO_MANY,                /* more redirects than allowed */
    LC_BAD_REDIRECT,            /* a redirect to a scheme not http(s) */
    LC_PRIVATE,                 /* refused: a private or loopback address */
    LC_RATE_LIMITED,            /* 429 that did not clear */
    LC_NO_FRAGMENT,             /* the page has no such id (fragments) */
    LC_UNCHECKED,               /* not asked: the machine has no network
                                 * (never cached) */
    LC_OUTCOMES
};

const char *lc_outcome_name(enum lc_outcome o);
/* Returns -1 for a name that is none of the above. */
int lc_outcome_parse(const char *name);

/* Transient: may pass by itself on the next run. */
int lc_transient(enum lc_outcome o, long status);

struct lc_result {
    enum lc_outcome outcome;
    long status;                /* last HTTP status seen, 0 if none */
    const char *moved_to;       /* where a permanent redirect leads */
    const char *detail;         /* libcurl's words, or the redirect target
                                 * of LC_BAD_REDIRECT; may be NULL */
    int retries;                /* requests repeated after failures */
    time_t checked;             /* when the network said so */
};

/* One URL to check: normalised, no fragment.  With fragments asked for,
 * the body is read (up to lc_opts.body_max) and frag_found[i] says
 * whether an element has id (or a name) frags[i]. */
struct lc_url {
    const char *url;
    int get;                    /* GET at once: its server lies to HEAD */
    const char **frags;
    size_t nfrags;
    unsigned char *frag_found;
    struct lc_result res;
};

/* A request header sent to one scheme, host and port only, never
 * across a redirect to anything else. */
struct lc_header {
    const char *scheme;         /* "https", or "http" when said outright */
    const char *host;           /* lower case, no port; an IPv6 literal in
                                 * brackets */
    long port;                  /* the scheme's default unless given */
    const char *line;           /* "Name: value" */
};

struct lc_opts {
    int concurrency;            /* transfers at once, all hosts */
    int per_host;               /* transfers at once to one host */
    long connect_timeout_ms;
    long timeout_ms;            /* each request, whole */
    int retries;                /* after a network error or 5xx */
    long backoff_ms;            /* first retry's wait; doubles, jittered */
    long retry_after_max_ms;    /* longer Retry-After: give up */
    int max_redirects;
    size_t body_max;            /* bytes read when looking for ids */
    const char *user_agent;
    const char *cacert;         /* CA certificates file, or NULL: the
                                 * system's */
    const char *const *resolve; /* "HOST:PORT:ADDR", as curl --resolve */
    size_t nresolve;
    const struct lc_header *headers;
    size_t nheaders;
    int refuse_private;         /* no private, loopback, link-local */
    int progress;               /* a status line on stderr */
};

/* Zeroes o but for 1 MiB of body and sitelint's User-Agent: the caller
 * sets the limits (the external-link rule, from its option table, the
 * one place their defaults are written). */
void lc_opts_default(struct lc_opts *o);

/* Loads libcurl, which sitelint is not linked with (curl_dl.c): NULL, or
 * why it cannot be loaded.  linkcheck_run() calls it. */
const char *linkcheck_load(void);

/* How many distinct hosts must fail to resolve, with none answering,
 * before the machine is taken to have no network. */
#define LC_NO_NETWORK_HOSTS 3

/* Checks every URL and fills in its res; strings go to mem.  When the
 * first LC_NO_NETWORK_HOSTS hosts all fail to resolve (or their lookup
 * times out) and nothing has answered, it stops asking: the rest are
 * LC_UNCHECKED.  Returns NULL, or why no URL could be checked (libcurl
 * cannot be loaded). */
const char *linkcheck_run(struct lc_url *urls, size_t n,
                          const struct lc_opts *o, struct arena *mem);

/* Does the HTML in body have an element with this id (or <a name>)? */
int lc_body_has_id(const char *body, size_t len, const char *id);

#endif
