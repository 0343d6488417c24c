/* rule.h: the only engine header rule modules include.  A rule reads the
 * page model and the site, and reports through rule_report(); it never
 * prints, parses page text again, or calls malloc. */
#ifndef RULE_H
#define RULE_H

#include <stddef.h>

#include "diag.h"
#include "option_def.h"
#include "page.h"
#include "prose.h"
#include "site.h"
#include "siteindex.h"
#include "url.h"

struct rule_ctx;

/* What a rule takes from the pages a run reads but does not lint: the
 * rest of the site, when only some files are named.  Their findings are
 * never reported; they count only for what they tell about the site. */
enum rule_context {
    CONTEXT_NONE,               /* nothing: on_page sees linted pages */
    CONTEXT_RECORD              /* on_page sees all the pages read, and
                                 * keeps with rule_record() what every
                                 * page it sees gives its site-wide
                                 * state; for a page the persistent
                                 * index kept, which is not read,
                                 * on_record is given that instead */
};

struct rule {
    const char *id;             /* kebab-case, stable */
    const char *summary;        /* one line, lower case, no period */
    enum severity severity;     /* default */
    size_t state_size;          /* per page, zeroed before each page */
    size_t site_state_size;     /* per run, zeroed once */
    /* Any callback may be NULL; engine findings have none at all. */
    void (*on_start)(struct rule_ctx *cx);
    void (*on_page)(struct rule_ctx *cx, const struct page *pg);
    void (*on_site)(struct rule_ctx *cx);   /* after the last page, with
                                             * the site index complete */
    void (*on_end)(struct rule_ctx *cx);    /* release what on_start made */
    /* The rule's options, read with rule_opt_str() and the like by index;
     * the first one's section titles them in --help. */
    const struct option_def *options;
    size_t noptions;
    enum rule_context context;
    /* CONTEXT_RECORD: does to the rule's state, from rec (what
     * rule_record() kept of pg), what on_page did with the page when it
     * was not linted.  pg has only its path, language and info; rec
     * stays readable until on_end has returned. */
    void (*on_record)(struct rule_ctx *cx, const struct page *pg,
                      const char *rec, size_t len);
    /* on_page walks the page's words (prose_words()): the engine finds
     * them ahead, on the thread that parsed the page, and once for all
     * the rules that do. */
    int reads_words;
    /* on_site must run with no other thread running (it starts a
     * library, libcurl, that says so): after the other rules' on_site,
     * which run side by side. */
    int site_alone;
};

/* The rule table, sorted by id (rules/registry.c). */
extern const struct rule *const rules[];
extern const size_t rules_count;
const struct rule *rule_find(const char *id);

void *rule_state(struct rule_ctx *cx);
void *rule_site_state(struct rule_ctx *cx);
const struct site *rule_site(struct rule_ctx *cx);

/* Reports a finding of this rule at pos (end_col 0 if unknown) with the
 * rule's effective severity.  Returns NULL if the finding is switched
 * off; rule_note() and rule_fix() accept NULL. */
struct diag *rule_report(struct rule_ctx *cx, struct pos pos,
                         unsigned end_col, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* The same for a finding milder than the rule's own severity (a rule
 * whose main findings are errors, with some mere warnings): reported at
 * the lower of sev and the rule's effective severity. */
struct diag *rule_report_sev(struct rule_ctx *cx, enum severity sev,
                             struct pos pos, unsigned end_col,
                             const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* A finding of the run rather than of a file ("data file not found"). */
struct diag *rule_report_run(struct rule_ctx *cx, enum severity sev,
                             const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Says once, in the run's summary, that n things were not checked and
 * why; not a finding. */
void rule_unchecked(struct rule_ctx *cx, size_t n, const char *what);
/* Adds n to the run summary's count called what ("external"). */
void rule_tally(struct rule_ctx *cx, const char *what, size_t n);
/* A setting of .sitelint.yml the run learnt the site needs, which --init
 * writes: key is an option's config key, value one of its values;
 * comment says why, noun what --init counts (see diag_propose()). */
void rule_propose(struct rule_ctx *cx, const char *key, const char *value,
                  const char *comment, const char *noun);
#define rule_note diag_note
#define rule_fix  diag_fix
#define rule_soft diag_soft

/* Runs fn(arg) on a thread of its own, from on_start, while the pages are
 * read and checked: slow loading (a dictionary) that only on_site needs.
 * It is finished before on_site is called.  fn may not report, nor touch
 * rule memory or state that the rule's other callbacks touch meanwhile;
 * one at a time (a second call runs fn at once). */
void rule_background(struct rule_ctx *cx, void (*fn)(void *), void *arg);

/* From on_site: runs fn(sub, i, arg) for each i below n, split over the
 * cores, and returns once all are done.  For work on items that do not
 * depend on one another, such as a site's pages: fn may report, resolve,
 * suggest and take memory as on_site may, through sub, a context of its
 * thread's own; it must not write what fn reads for another item.  What
 * it takes with rule_alloc() becomes the rule's when all are done; what
 * it takes with rule_page_alloc() lasts until it returns, as a page's
 * does until the next page.  Findings are sorted before they are
 * printed, so the order fn finds them in is no matter; what
 * rule_unchecked(), rule_tally() and rule_propose() say keeps the order
 * of i.  Few items run on the calling thread. */
void rule_split(struct rule_ctx *cx, size_t n,
                void (*fn)(struct rule_ctx *sub, size_t i, void *arg),
                void *arg);

/* Memory that lives for the whole run: what a rule keeps across pages. */
struct arena *rule_arena(struct rule_ctx *cx);
void *rule_alloc(struct rule_ctx *cx, size_t size);
char *rule_strndup(struct rule_ctx *cx, const char *s, size_t len);

/* Grows a run-memory array (as arena_grow); RULE_PUSH appends one
 * zeroed element and returns a pointer to it. */
void *rule_grow(struct rule_ctx *cx, void *v, size_t *cap, size_t need,
                size_t elem);
#define RULE_PUSH(cx, v, n, cap) \
    ((v) = rule_grow((cx), (v), &(cap), (n) + 1, sizeof *(v)), &(v)[(n)++])

/* Scratch memory, freed when the page is done; from on_page, and from
 * on_site for that callback alone.  Not from on_start. */
void *rule_page_alloc(struct rule_ctx *cx, size_t size);

/* Option i of the rule's options, as the command line or config set it,
 * checked and parsed once: rule_opt_str, the value or its default (NULL
 * if neither; a switch: "1" when on); rule_opt_on, a switch is on;
 * rule_opt_num, a number or its default; rule_opt_list, every value of a
 * repeatable option (else the default alone), *n of them; rule_opt_set,
 * given at all. */
const char *rule_opt_str(struct rule_ctx *cx, unsigned i);
int rule_opt_on(struct rule_ctx *cx, unsigned i);
long rule_opt_num(struct rule_ctx *cx, unsigned i);
const char *const *rule_opt_list(struct rule_ctx *cx, unsigned i,
                                 size_t *n);
int rule_opt_set(struct rule_ctx *cx, unsigned i);

/* From on_page of a CONTEXT_RECORD rule: appends data to the page's
 * record, which the persistent index keeps for on_record.  Does nothing
 * in a run that keeps no index: rule_recording() says whether one is
 * kept, so that a rule need not build what would be thrown away. */
void rule_record(struct rule_ctx *cx, const void *data, size_t len);
int rule_recording(struct rule_ctx *cx);

/* What the rule takes from pages depends on the file at path (a word
 * list; whether a dictionary is installed): the persistent index is not
 * used once it changes. */
void rule_depends(struct rule_ctx *cx, const char *path);

/* Resolves a link written in page from (its pg->info) against the site
 * index.  The index is complete only in on_site.  The links of linted
 * pages are kept by the engine: site_links() and site_link_target() give
 * them resolved once; this is for URLs a rule makes itself (menus).
 * out's strings last until the rule's next rule_resolve(): copy what
 * must outlive that. */
void rule_resolve(struct rule_ctx *cx, const struct page_info *from,
                  const char *href, enum link_form form,
                  struct link_target *out);
/* The site's URL closest to url, if one is a likely typo of it. */
const char *rule_suggest(struct rule_ctx *cx, const char *url);

/* A file of the user's cache folder ($XDG_CACHE_HOME/sitelint/name, else
 * ~/.cache/sitelint/name), in run memory; NULL if there is none. */
const char *rule_cache_path(struct rule_ctx *cx, const char *name);

/* Writes data to path through a temporary file and rename(2), making its
 * folder first: a reader never sees half of it.  Only this user's own
 * regular file is replaced.  0, or -1 (nothing is reported: a cache
 * that cannot be written is no finding). */
int rule_write_cache(struct rule_ctx *cx, const char *path, const char *data,
                     size_t len);

/* Data files are word lists of a few hundred KiB; 64 MiB is no list. */
#define RULE_DATA_MAX_BYTES (64u * 1024 * 1024)

/* Reads a data file whole into run memory.  Returns -1 without a report
 * if it cannot be read: the rule decides what that means. */
int rule_read_file(struct rule_ctx *cx, const char *path, struct str *out);

#endif
