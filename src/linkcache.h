/* linkcache.h: what the network said about each URL, kept between runs
 * so that a pre-commit hook or a CI job does not ask again. */
#ifndef LINKCACHE_H
#define LINKCACHE_H

#include <time.h>

#include "arena.h"
#include "linkcheck.h"

struct link_cache;

/* The default file: $XDG_CACHE_HOME/sitelint/links.tsv, else
 * ~/.cache/sitelint/links.tsv; NULL if neither can be named. */
const char *link_cache_default(struct arena *a);

/* Reads path (a missing file is an empty cache).  A file that is not a
 * cache, is cut short, or is not this user's own (see link_cache_save),
 * is ignored: *why says so (else NULL). */
struct link_cache *link_cache_open(const char *path, struct arena *a,
                                   const char **why);

/* The result for key (a URL, or "URL#fragment") if it is still fresh:
 * successes for ok_ttl seconds, failures for fail_ttl seconds. */
const struct lc_result *link_cache_get(struct link_cache *c, const char *key,
                                       time_t now, long ok_ttl,
                                       long fail_ttl);

void link_cache_put(struct link_cache *c, const char *key,
                    const struct lc_result *r);

/* Writes the cache back: under a lock, merged with what another run wrote
 * meanwhile (the newer result wins), without what was checked keep
 * seconds ago or more (keep 0: all is kept), at most the 200,000 newest,
 * through a temporary file renamed into place.  A cache file that is a
 * link, not this user's, or writable by others is neither read nor
 * written.  Returns -1 with *why set on failure. */
int link_cache_save(struct link_cache *c, long keep, const char **why);

/* Lets go of the cache's index; its memory is the arena's. */
void link_cache_close(struct link_cache *c);

#endif
