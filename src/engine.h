/* engine.h: run the enabled rules over every page, then over the site. */
#ifndef ENGINE_H
#define ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "page.h"
#include "site.h"

/* Says whether a rule runs: its effective severity, SEV_OFF to skip. */
typedef enum severity (*engine_enabled_fn)(const char *rule,
                                           enum severity dflt);

/* A page to read.  A page that is not linted is read for what it tells
 * about the site (its URL, anchors, menus) and its findings are dropped,
 * so linting some files gives the same answers as linting all. */
struct engine_page {
    const char *path;
    const char *data;           /* the page's text when it is not read from
                                 * path (standard input), or NULL */
    size_t len;
    int linted;
    int inbound;                /* not linted, but its links into linted
                                 * pages are checked (a run that names
                                 * some files: what their change broke) */
    int read;                   /* out: it was read and parsed */
    size_t order;               /* its place in the site's order: where a
                                 * run over the whole site has it */
    struct file_stamp stamp;    /* what the file was when found (0: not
                                 * known); out: what it was when read */
    const struct icache_entry *kept;    /* the persistent index stands
                                         * in for it; set by engine_run */
};

struct engine;
struct icache_entry;

/* Starts the enabled rules: they read their word lists and compile their
 * patterns, on a thread of their own when there is a second core, while
 * the caller goes on to find the pages.  The site must be open; the
 * rules do not look at its pages before engine_run(). */
struct engine *engine_start(const struct site *site,
                            engine_enabled_fn enabled);

/* Parses each page, indexes it and runs the rules started by e, which it
 * frees; what the rules keep goes to run.  Returns the number of linted
 * pages that were read and parsed.  site_pages, when not 0, is a hash of
 * every page the site has (see indexcache.h): the run then keeps the
 * persistent index, which stands in for pages that are not linted and
 * have not changed since. */
size_t engine_run(struct engine *e, struct engine_page *pages,
                  size_t npages, uint64_t site_pages, struct arena *run);

/* The same for one page already in memory (tests, fuzzing). */
void engine_run_data(const struct site *site, const char *path,
                     const char *data, size_t len, int html,
                     engine_enabled_fn enabled,
                     struct arena *run);

#endif
