/* engine.c: load each page once, hand it to every enabled rule, then let
 * the rules that look across pages finish.  Knows no rule by name.
 *
 * On a machine with more than one core four things overlap:
 * - the rules load their data (word lists, patterns) on a thread of
 *   their own while the caller walks the site for pages;
 * - reader threads, one for each core but this one, read pages ahead
 *   into a ring of slots (parsed, their words found, their URLs and ids
 *   worked out) while this thread indexes and checks them in order;
 * - when the page to check next is still being read, this thread reads
 *   a later one rather than wait;
 * - after the last page, the site's links are resolved on every core,
 *   then the rules' on_site run side by side, each rule's on one thread,
 *   which may split work on independent items over the cores
 *   (rule_split(), each part with a context of its own).
 * A rule's callbacks never run at once, and on_page sees the pages in
 * the same order as without threads; what on_site tells the summary is
 * given in rule order: the output is the same. */

/* Pages parsed ahead of the checker; each holds one page's memory. */
#define RING_SLOTS 8
/* Below this many pages a thread costs more than it saves. */
#define RING_MIN_PAGES 16
/* The slots' first blocks share one 2 MiB mapping: one page fault for
 * them all, where a block of their own each took 16, and a fresh 2 MiB
 * block for the first page over 64 KiB; 256 KiB holds the largest page
 * model of the xmpp.org sample (160 KiB). */
#define SLOT_SEED_BYTES (((2u << 20) - 4096) / RING_SLOTS / 64 * 64)
#include "engine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cachefile.h"
#include "deps.h"
#include "indexcache.h"
#include "options.h"
#include "page.h"
#include "parallel.h"
#include "permalink.h"
#include "prose.h"
#include "rule.h"
#include "siteindex.h"
#include "suppress.h"

struct rule_ctx {
    const struct rule *rule;
    const struct site *site;
    struct arena *run;
    struct arena *page;
    void *state;
    void *site_state;
    size_t index;               /* in rules[] */
    enum severity sev;
    pthread_t background;       /* rule_background()'s work */
    int has_background;
    struct buf *rec;            /* the page's record, when one is kept */
    struct arena resolved;      /* the last rule_resolve()'s strings */
    /* In on_site, which runs beside other rules': the summary lines the
     * rule gives, told to the sink in rule order once all are done, so
     * that they come out in the same order every run. */
    struct later *later;
    size_t nlater, later_cap;
    int in_site;
};

struct later {
    enum { LATER_UNCHECKED, LATER_PROPOSE, LATER_TALLY } kind;
    const char *s[4];
    size_t n;
};

/* A copy of s in the rule's run memory, or NULL. */
static const char *
later_str(struct rule_ctx *cx, const char *s)
{
    return s != NULL ? arena_strdup(cx->run, s) : NULL;
}

static struct later *
defer(struct rule_ctx *cx, int kind, size_t n)
{
    struct later *l = ARENA_PUSH(cx->run, cx->later, cx->nlater,
                                 cx->later_cap);

    l->kind = kind;
    l->n = n;
    return l;
}

static void
tell_later(struct rule_ctx *cx)
{
    size_t i;

    for (i = 0; i < cx->nlater; i++) {
        const struct later *l = &cx->later[i];

        if (l->kind == LATER_UNCHECKED)
            diag_unchecked(cx->rule->id, l->n, l->s[0]);
        else if (l->kind == LATER_PROPOSE)
            diag_propose(l->s[0], l->s[1], l->s[2], l->s[3]);
        else
            diag_tally(l->s[0], l->n);
    }
    cx->nlater = 0;
}

/* What rule_background() runs. */
struct background {
    void (*fn)(void *);
    void *arg;
};

static void *
run_background(void *arg)
{
    struct background bg = *(struct background *)arg;

    free(arg);
    bg.fn(bg.arg);
    return NULL;
}

void
rule_background(struct rule_ctx *cx, void (*fn)(void *), void *arg)
{
    struct background *bg = xmalloc(sizeof *bg);

    bg->fn = fn;
    bg->arg = arg;
    if (cx->has_background || parallel_threads() < 2 ||
        pthread_create(&cx->background, NULL, run_background, bg) != 0) {
        free(bg);
        fn(arg);                /* one at a time, or no thread to be had */
        return;
    }
    cx->has_background = 1;
}

/* rule_split(): fewer items than this are not worth a thread. */
#define SPLIT_MIN_ITEMS 1024

struct split {
    struct rule_ctx sub;
    struct arena run, page;
    void (*fn)(struct rule_ctx *, size_t, void *);
    void *arg;
    size_t lo, hi;
};

static void *
split_range(void *arg)
{
    struct split *sp = arg;
    size_t i;

    for (i = sp->lo; i < sp->hi; i++) {
        sp->fn(&sp->sub, i, sp->arg);
        arena_reset(&sp->page);
    }
    return NULL;
}

void
rule_split(struct rule_ctx *cx, size_t n,
           void (*fn)(struct rule_ctx *sub, size_t i, void *arg), void *arg)
{
    struct split sp[PARALLEL_MAX];
    size_t threads = parallel_threads(), k, i;

    if (!cx->in_site) {
        for (i = 0; i < n; i++)
            fn(cx, i, arg);
        return;
    }
    if (threads < 2 || n < SPLIT_MIN_ITEMS)
        threads = 1;
    memset(sp, 0, sizeof sp);
    for (k = 0; k < threads; k++) {
        sp[k].sub = *cx;
        sp[k].sub.run = &sp[k].run;
        sp[k].sub.page = &sp[k].page;
        memset(&sp[k].sub.resolved, 0, sizeof sp[k].sub.resolved);
        sp[k].sub.later = NULL;
        sp[k].sub.nlater = sp[k].sub.later_cap = 0;
        sp[k].fn = fn;
        sp[k].arg = arg;
        parallel_part(n, threads, k, &sp[k].lo, &sp[k].hi);
    }
    parallel_run(sp, threads, sizeof *sp, split_range);
    for (k = 0; k < threads; k++) {
        for (i = 0; i < sp[k].sub.nlater; i++)
            *defer(cx, 0, 0) = sp[k].sub.later[i];
        arena_adopt(cx->run, &sp[k].run);
        arena_free(&sp[k].page);        /* reset after each item: empty */
        arena_free(&sp[k].sub.resolved);
    }
}

/* Waits for the rule's background work, before its on_site. */
static void
join_background(struct rule_ctx *cx)
{
    if (cx->has_background) {
        pthread_join(cx->background, NULL);
        cx->has_background = 0;
    }
}

void *
rule_state(struct rule_ctx *cx)
{
    return cx->state;
}

void *
rule_site_state(struct rule_ctx *cx)
{
    return cx->site_state;
}

const struct site *
rule_site(struct rule_ctx *cx)
{
    return cx->site;
}

struct diag *
rule_report(struct rule_ctx *cx, struct pos pos, unsigned end_col,
            const char *fmt, ...)
{
    struct diag *d;
    va_list ap;

    va_start(ap, fmt);
    d = diag_vadd(pos, end_col, cx->rule->severity, cx->rule->id, fmt, ap);
    va_end(ap);
    return d;
}

struct diag *
rule_report_sev(struct rule_ctx *cx, enum severity sev, struct pos pos,
                unsigned end_col, const char *fmt, ...)
{
    struct diag *d;
    va_list ap;

    va_start(ap, fmt);
    if (sev > cx->rule->severity)
        sev = cx->rule->severity;
    d = diag_vadd(pos, end_col, sev, cx->rule->id, fmt, ap);
    va_end(ap);
    return d;
}

struct diag *
rule_report_run(struct rule_ctx *cx, enum severity sev, const char *fmt, ...)
{
    struct diag *d;
    va_list ap;

    va_start(ap, fmt);
    d = diag_vadd((struct pos){ NULL, 0, 0 }, 0, sev, cx->rule->id, fmt, ap);
    va_end(ap);
    return d;
}

void
rule_unchecked(struct rule_ctx *cx, size_t n, const char *what)
{
    if (cx->in_site)
        defer(cx, LATER_UNCHECKED, n)->s[0] = later_str(cx, what);
    else
        diag_unchecked(cx->rule->id, n, what);
}

void
rule_propose(struct rule_ctx *cx, const char *key, const char *value,
             const char *comment, const char *noun)
{
    struct later *l;

    if (!cx->in_site) {
        diag_propose(key, value, comment, noun);
        return;
    }
    l = defer(cx, LATER_PROPOSE, 0);
    l->s[0] = later_str(cx, key);
    l->s[1] = later_str(cx, value);
    l->s[2] = later_str(cx, comment);
    l->s[3] = later_str(cx, noun);
}

void
rule_record(struct rule_ctx *cx, const void *data, size_t len)
{
    if (cx->rec != NULL)
        buf_add(cx->rec, data, len);
}

int
rule_recording(struct rule_ctx *cx)
{
    return cx->rec != NULL;
}

void
rule_depends(struct rule_ctx *cx, const char *path)
{
    (void)cx;
    deps_file(path);
}

void
rule_tally(struct rule_ctx *cx, const char *what, size_t n)
{
    if (cx->in_site)
        defer(cx, LATER_TALLY, n)->s[0] = later_str(cx, what);
    else
        diag_tally(what, n);
}

struct arena *
rule_arena(struct rule_ctx *cx)
{
    return cx->run;
}

void *
rule_alloc(struct rule_ctx *cx, size_t size)
{
    return arena_alloc(cx->run, size);
}

void *
rule_grow(struct rule_ctx *cx, void *v, size_t *cap, size_t need,
          size_t elem)
{
    return arena_grow(cx->run, v, cap, need, elem);
}

void *
rule_page_alloc(struct rule_ctx *cx, size_t size)
{
    return arena_alloc(cx->page, size);
}

char *
rule_strndup(struct rule_ctx *cx, const char *s, size_t len)
{
    return arena_strndup(cx->run, s, len);
}

const char *
rule_opt_str(struct rule_ctx *cx, unsigned i)
{
    return options_rule_str(cx->index, i);
}

int
rule_opt_on(struct rule_ctx *cx, unsigned i)
{
    return options_rule_on(cx->index, i);
}

long
rule_opt_num(struct rule_ctx *cx, unsigned i)
{
    return options_rule_num(cx->index, i);
}

const char *const *
rule_opt_list(struct rule_ctx *cx, unsigned i, size_t *n)
{
    return options_rule_list(cx->index, i, n);
}

int
rule_opt_set(struct rule_ctx *cx, unsigned i)
{
    return options_rule_set(cx->index, i);
}

int
rule_read_file(struct rule_ctx *cx, const char *path, struct str *out)
{
    out->p = arena_read_file(cx->run, path, RULE_DATA_MAX_BYTES, &out->len);
    return out->p != NULL ? 0 : -1;
}

const char *
rule_cache_path(struct rule_ctx *cx, const char *name)
{
    return cache_path(cx->run, name);
}

int
rule_write_cache(struct rule_ctx *cx, const char *path, const char *data,
                 size_t len)
{
    struct str part = { data, len };

    return cache_replace(cx->run, path, &part, 1);
}

void
rule_resolve(struct rule_ctx *cx, const struct page_info *from,
             const char *href, enum link_form form, struct link_target *out)
{
    /* Their own memory, reused: a rule may resolve a URL for every page
     * in on_site, and the page arena lasts the whole of on_site. */
    arena_reset(&cx->resolved);
    site_resolve(cx->site, from, href, form, out, &cx->resolved);
}

const char *
rule_suggest(struct rule_ctx *cx, const char *url)
{
    return site_suggest(cx->site, url, cx->run);
}

/* Starts every enabled rule; what they keep goes to run.  This may be
 * another thread than the one that checks pages: see engine_start(). */
static struct rule_ctx *
start(const struct site *site, engine_enabled_fn enabled, struct arena *run)
{
    struct rule_ctx *cx = arena_alloc(run, rules_count * sizeof *cx);
    size_t r;

    for (r = 0; r < rules_count; r++) {
        cx[r].rule = rules[r];
        cx[r].site = site;
        cx[r].run = run;
        cx[r].index = r;
        cx[r].sev = enabled(rules[r]->id, rules[r]->severity);
        if (rules[r]->site_state_size > 0)
            cx[r].site_state = arena_alloc(run, rules[r]->site_state_size);
        if (cx[r].sev != SEV_OFF && rules[r]->on_start != NULL)
            rules[r]->on_start(&cx[r]);
    }
    return cx;
}

/* Runs the rules over pg.  A page that is not linted goes only to the
 * rules that take something from it; one the index kept (kept not
 * NULL) to their on_record where they have one.  recs, when not NULL,
 * collect each rule's record of a page read afresh. */
static void
check_page(struct rule_ctx *cx, const struct page *pg, struct arena *page_mem,
           const struct icache_page *kept, struct buf *recs)
{
    size_t r;

    for (r = 0; r < rules_count; r++) {
        const struct rule *ru = rules[r];

        if (cx[r].sev == SEV_OFF || ru->on_page == NULL ||
            (!pg->linted && ru->context == CONTEXT_NONE))
            continue;
        cx[r].page = page_mem;
        cx[r].state = ru->state_size > 0
            ? arena_alloc(page_mem, ru->state_size) : NULL;
        if (kept != NULL && ru->context == CONTEXT_RECORD) {
            if (ru->on_record != NULL)
                ru->on_record(&cx[r], pg, kept->blobs[r].p != NULL
                                          ? kept->blobs[r].p : "",
                              kept->blobs[r].len);
            continue;
        }
        if (recs != NULL && ru->context == CONTEXT_RECORD) {
            buf_reset(&recs[r]);
            cx[r].rec = &recs[r];
        }
        ru->on_page(&cx[r], pg);
        cx[r].rec = NULL;
    }
}

/* The rules' on_site runs on every core: each rule's whole on one
 * thread, the rules taken in order by whichever thread is free.  There a
 * rule's run and page memory are its thread's (handed to the run's
 * afterwards), and the site index locks what on_site may fill in. */
struct site_pass {
    struct rule_ctx *cx;
    pthread_mutex_t lock;
    size_t next;                /* the next rule to take */
};

struct site_worker {
    struct site_pass *sp;
    struct arena run, page;
};

/* Runs cx's on_site with w's memory; what it tells the sink waits. */
static void
run_on_site(struct rule_ctx *cx, struct site_worker *w)
{
    struct arena *run = cx->run;

    cx->run = &w->run;
    cx->page = &w->page;
    cx->in_site = 1;
    cx->rule->on_site(cx);
    cx->in_site = 0;
    cx->run = run;
}

static void *
site_worker(void *arg)
{
    struct site_worker *w = arg;
    struct rule_ctx *cx = w->sp->cx;

    for (;;) {
        size_t r;

        pthread_mutex_lock(&w->sp->lock);
        r = w->sp->next++;
        pthread_mutex_unlock(&w->sp->lock);
        if (r >= rules_count)
            return NULL;
        if (cx[r].sev != SEV_OFF && rules[r]->on_site != NULL &&
            !rules[r]->site_alone)
            run_on_site(&cx[r], w);
    }
}

/* page_mem is scratch memory for on_end: after the reader's ring, the
 * rules' page arena pointed into a slot that is gone. */
static void
finish(struct rule_ctx *cx, struct arena *page_mem)
{
    struct site_pass sp = { cx, PTHREAD_MUTEX_INITIALIZER, 0 };
    struct site_worker w[PARALLEL_MAX];
    struct arena *run = cx[0].run;     /* every rule's, but in on_site */
    size_t r, i, n = parallel_threads();

    for (r = 0; r < rules_count; r++)
        join_background(&cx[r]);
    site_resolve_links(cx[0].site);
    memset(w, 0, sizeof w);
    for (i = 0; i < n; i++)
        w[i].sp = &sp;
    parallel_run(w, n, sizeof *w, site_worker);
    for (r = 0; r < rules_count; r++)
        if (cx[r].sev != SEV_OFF && rules[r]->on_site != NULL &&
            rules[r]->site_alone)
            run_on_site(&cx[r], &w[0]);
    for (i = 0; i < n; i++)
        arena_adopt(run, &w[i].run);
    for (r = 0; r < rules_count; r++)
        tell_later(&cx[r]);
    pthread_mutex_destroy(&sp.lock);
    for (r = 0; r < rules_count; r++) {
        cx[r].page = page_mem;
        if (cx[r].sev != SEV_OFF && rules[r]->on_end != NULL)
            rules[r]->on_end(&cx[r]);
        arena_free(&cx[r].resolved);
    }
    /* What on_site kept there for on_end is no longer needed. */
    for (i = 0; i < n; i++)
        arena_free(&w[i].page);
}

/* Puts the page into the site index before any rule sees it: its info,
 * and the aliases and lists in *more, as load() found them. */
static void
index_page(struct page *pg, const struct engine_page *p,
           const struct page_urls *more)
{
    const struct page_info *info = pg->info;
    size_t i;

    site_add_page(pg->site->index, info, more->aliases, more->naliases);
    for (i = 0; i < more->nlists; i++)
        site_add_list(pg->site->index, more->lists[i]);
    pg->linted = p->linted;
    if (!p->linted && !p->inbound)
        return;
    suppress_page(pg);          /* also over its links into linted pages */
    if (info->embedded)
        return;                 /* its links lead from where it is shown */
    for (i = 0; i < pg->nlinks; i++) {
        const char *via = pg->links[i].via;
        int ref = via != NULL && (strcmp(via, "ref") == 0 ||
                                  strcmp(via, "relref") == 0);
        enum link_form form = ref ? FORM_REF
                              : pg->links[i].origin == ORIGIN_HTML
                              ? FORM_HTML : FORM_URL;

        if (p->linted)
            site_add_link(pg->site->index, info, &pg->links[i], form);
        else if (pg->links[i].via == NULL ||
                 strcmp(pg->links[i].via, "definition") != 0)
            site_add_inbound(pg->site->index, info, &pg->links[i], form);
    }
}

/* The same for a page the persistent index kept: a page not linted,
 * none of whose links can lead into a linted one. */
static void
index_kept(struct page *pg, const struct icache_page *kept)
{
    size_t i;

    site_add_page(pg->site->index, kept->info, kept->aliases,
                  kept->naliases);
    for (i = 0; i < kept->nlists; i++)
        site_add_list(pg->site->index, kept->lists[i]);
    pg->info = kept->info;
}

/* What a run does with each page, in order, once it is read. */
struct pass {
    int words;                  /* pages' words are found as they are read */
    struct rule_ctx *cx;
    struct icache *ic;          /* NULL when no index is kept */
    struct buf *recs;           /* per rule: its record of the page */
};

static void
do_page(struct pass *ps, struct engine_page *p, struct page *pg,
        const struct icache_page *kept, const struct page_urls *more,
        struct arena *page_mem)
{
    struct icache_page put;
    size_t r;

    if (kept != NULL) {
        index_kept(pg, kept);
        check_page(ps->cx, pg, page_mem, kept, NULL);
        icache_keep(ps->ic, p->kept);
        return;
    }
    index_page(pg, p, more);
    if (ps->ic != NULL && p->linted)
        icache_linted(ps->ic, pg->info, more->aliases, more->naliases);
    check_page(ps->cx, pg, page_mem, NULL,
               ps->ic != NULL && p->data == NULL ? ps->recs : NULL);
    if (ps->ic == NULL)
        return;
    if (p->data != NULL) {
        /* An editor's buffer: the index keeps what the file says. */
        const struct icache_entry *e = p->stamp.ino != 0
            ? icache_get(ps->ic, p->path, &p->stamp) : NULL;

        if (e != NULL)
            icache_keep(ps->ic, e);
        return;
    }
    put.info = (struct page_info *)pg->info;
    put.aliases = more->aliases;
    put.naliases = more->naliases;
    put.lists = more->lists;
    put.nlists = more->nlists;
    put.blobs = arena_alloc(page_mem, rules_count * sizeof *put.blobs);
    for (r = 0; r < rules_count; r++)
        if (ps->cx[r].sev != SEV_OFF && rules[r]->context == CONTEXT_RECORD)
            put.blobs[r] = (struct str){ ps->recs[r].p != NULL
                                         ? ps->recs[r].p : "",
                                         ps->recs[r].len };
    icache_put(ps->ic, pg, &put);
}

/* A context page's links into the linted pages join the checked links,
 * and their findings are let through the page's mute. */
static void
select_inbound(const struct site *site)
{
    size_t first = site_select_inbound(site), n, i;
    const struct site_link *links = site_links(site, &n);

    for (i = first; i < n; i++) {
        const struct site_link *l = &links[i];

        /* The link's destination as written, where its findings point
         * (one about its fragment at the '#').  A link whose place is not
         * exact stays muted: its range could cover other findings. */
        if (l->pos.line > 0 && l->end_col > l->pos.col)
            diag_unmute_at(l->pos.file, l->pos.line, l->pos.col,
                           l->end_col);
    }
}

/* Works out where the generator publishes the parsed page pg and what
 * it calls it: its info (run memory), and its aliases and lists. */
static void
set_info(struct page *pg, const struct engine_page *p,
         struct page_urls *more, struct arena *run)
{
    struct page_info *info = permalink_info(pg, run, more);

    info->linted = p->linted;
    info->order = p->order;
    pg->info = info;
}

/* Reads page p into pg, with its info and *more (its aliases and
 * lists), or takes it from the index (into *kept); what must outlive the
 * page goes to run.  On whichever thread reads pages: the page's URLs
 * and ids are worked out here, not where pages are checked in order. */
static int
load(const struct site *site, struct engine_page *p, struct page *pg,
     struct icache_page *kept, struct page_urls *more, struct arena *mem,
     struct arena *run, int words)
{
    if (!p->linted)
        diag_mute(p->path);
    if (p->kept != NULL) {
        if (icache_read(p->kept, p->path, site, pg, kept, mem, run) == 0) {
            kept->info->order = p->order;
            return 0;
        }
        arena_reset(mem);
        p->kept = NULL;         /* damaged: read the file */
    }
    if (p->data != NULL) {
        /* An editor's unsaved buffer, given on standard input. */
        page_parse(pg, p->path, p->data, p->len, page_type_of(p->path), site,
                   mem, run);
    } else {
        if (page_load(pg, p->path, site, mem, run) != 0)
            return -1;
        p->stamp = pg->stamp;
    }
    p->read = 1;
    set_info(pg, p, more, run);
    if (words)
        prose_keep_words(pg);
    return 0;
}

struct slot {
    struct page pg;
    struct icache_page kept;
    struct page_urls more;
    struct arena mem;
    int rc;
    int ready;                  /* pg is parsed; under the ring's lock */
};

struct ring;

/* A thread that parses pages ahead, with its memory for the run. */
struct reader {
    struct ring *rg;
    struct arena run;           /* adopted by the caller's at the end */
    pthread_t tid;
};

struct ring {
    const struct site *site;
    struct engine_page *pages;
    size_t npages;
    struct slot slot[RING_SLOTS];
    struct reader reader[PARALLEL_MAX - 1];
    size_t nreaders;            /* started */
    size_t claimed, checked;    /* pages, counted from the first */
    int words;                  /* find each page's words as it is read */
    pthread_mutex_t lock;
    pthread_cond_t loaded;      /* a slot became ready */
    pthread_cond_t freed;       /* checked went up */
};

/* Under the lock: the next page to parse, or npages when none may be
 * taken now (all are taken, or every slot holds a page not checked). */
static size_t
claim(struct ring *rg)
{
    if (rg->claimed >= rg->npages ||
        rg->claimed >= rg->checked + RING_SLOTS)
        return rg->npages;
    return rg->claimed++;
}

/* Called and returns under the lock: parses page i into its slot with
 * the lock released, then marks it ready. */
static void
fill(struct ring *rg, size_t i, struct arena *run)
{
    struct slot *s = &rg->slot[i % RING_SLOTS];

    pthread_mutex_unlock(&rg->lock);
    s->rc = load(rg->site, &rg->pages[i], &s->pg, &s->kept, &s->more,
                 &s->mem, run, rg->words);
    pthread_mutex_lock(&rg->lock);
    s->ready = 1;
    pthread_cond_signal(&rg->loaded);
}

static void *
read_ahead(void *arg)
{
    struct reader *r = arg;
    struct ring *rg = r->rg;
    size_t i;

    pthread_mutex_lock(&rg->lock);
    while (rg->claimed < rg->npages) {
        if ((i = claim(rg)) < rg->npages)
            fill(rg, i, &r->run);
        else
            pthread_cond_wait(&rg->freed, &rg->lock);
    }
    pthread_mutex_unlock(&rg->lock);
    page_thread_done();
    return NULL;
}

/* Ends the readers and frees the ring; their memory goes to run, or is
 * freed when run is NULL. */
static void
ring_end(struct ring *rg, struct arena *run)
{
    size_t i;

    for (i = 0; i < rg->nreaders; i++)
        pthread_join(rg->reader[i].tid, NULL);
    for (i = 0; i < RING_SLOTS; i++)
        arena_free(&rg->slot[i].mem);
    for (i = 0; i < PARALLEL_MAX - 1; i++)
        if (run != NULL)
            arena_adopt(run, &rg->reader[i].run);
        else
            arena_free(&rg->reader[i].run);
    pthread_cond_destroy(&rg->freed);
    pthread_cond_destroy(&rg->loaded);
    pthread_mutex_destroy(&rg->lock);
    free(rg);
}

/* Starts a reader on pages for each core but the caller's when that
 * pays; NULL to read them in line. */
static struct ring *
ring_start(const struct site *site, struct engine_page *pages,
           size_t npages, int words)
{
    size_t i, want = parallel_threads() - 1;
    struct ring *rg;
    char *seed;

    if (npages < RING_MIN_PAGES || want < 1)
        return NULL;
    rg = xcalloc(1, sizeof *rg);
    rg->site = site;
    rg->pages = pages;
    rg->npages = npages;
    rg->words = words;
    seed = arena_alloc(&rg->reader[0].run, RING_SLOTS * SLOT_SEED_BYTES);
    for (i = 0; i < RING_SLOTS; i++) {
        arena_seed(&rg->slot[i].mem, seed + i * SLOT_SEED_BYTES,
                   SLOT_SEED_BYTES);
        rg->slot[i].mem.scratch = 1;
    }
    pthread_mutex_init(&rg->lock, NULL);
    pthread_cond_init(&rg->loaded, NULL);
    pthread_cond_init(&rg->freed, NULL);
    for (i = 0; i < want; i++) {
        struct reader *r = &rg->reader[rg->nreaders];

        r->rg = rg;
        if (pthread_create(&r->tid, NULL, read_ahead, r) == 0)
            rg->nreaders++;
    }
    if (rg->nreaders == 0) {
        ring_end(rg, NULL);
        return NULL;
    }
    return rg;
}

/* Checks the pages in order as they are parsed, then ends the reader.
 * Rather than wait for the page the reader is parsing, this thread
 * parses one further ahead: neither core idles while pages are left. */
static size_t
ring_drain(struct ring *rg, struct pass *ps, struct arena *run)
{
    size_t i, j, parsed = 0;

    for (i = 0; i < rg->npages; i++) {
        struct slot *s = &rg->slot[i % RING_SLOTS];

        pthread_mutex_lock(&rg->lock);
        while (!s->ready) {
            if ((j = claim(rg)) < rg->npages)
                fill(rg, j, run);
            else
                pthread_cond_wait(&rg->loaded, &rg->lock);
        }
        pthread_mutex_unlock(&rg->lock);
        if (s->rc == 0) {
            parsed += rg->pages[i].linted != 0;
            do_page(ps, &rg->pages[i], &s->pg,
                    rg->pages[i].kept != NULL ? &s->kept : NULL, &s->more,
                    &s->mem);
        }
        arena_reset(&s->mem);
        pthread_mutex_lock(&rg->lock);
        s->ready = 0;
        rg->checked = i + 1;
        /* One slot is free: one reader may take it.  Once all pages are
         * taken, every reader waiting must wake to end. */
        if (rg->claimed < rg->npages)
            pthread_cond_signal(&rg->freed);
        else
            pthread_cond_broadcast(&rg->freed);
        pthread_mutex_unlock(&rg->lock);
    }
    ring_end(rg, run);
    return parsed;
}

struct engine {
    const struct site *site;
    engine_enabled_fn enabled;
    struct rule_ctx *cx;
    struct arena mem;           /* the starter's; adopted by the run's */
    pthread_t starter;
    int threaded;
};

static void *
starter(void *arg)
{
    struct engine *e = arg;

    e->cx = start(e->site, e->enabled, &e->mem);
    return NULL;
}

struct engine *
engine_start(const struct site *site, engine_enabled_fn enabled)
{
    struct engine *e = xcalloc(1, sizeof *e);

    e->site = site;
    e->enabled = enabled;
    e->threaded = parallel_threads() >= 2 &&
                  pthread_create(&e->starter, NULL, starter, e) == 0;
    if (!e->threaded)
        e->cx = start(site, enabled, &e->mem);
    return e;
}

/* The started rules, whose memory now belongs to run. */
static struct rule_ctx *
started(struct engine *e, struct arena *run)
{
    size_t r;

    if (e->threaded)
        pthread_join(e->starter, NULL);
    arena_adopt(run, &e->mem);
    for (r = 0; r < rules_count; r++)
        e->cx[r].run = run;
    return e->cx;
}

/* Reader threads for pages[0, n) when they pay, else NULL: started
 * before the rules are, so that it parses while they load their data. */
static struct ring *
run_start(const struct site *site, struct engine_page *pages, size_t n,
          int words)
{
    size_t i, to_read = 0;

    /* Taking a page from the index costs less than handing it over. */
    for (i = 0; i < n && to_read < RING_MIN_PAGES; i++)
        to_read += pages[i].kept == NULL;
    return to_read >= RING_MIN_PAGES ? ring_start(site, pages, n, words)
                                     : NULL;
}

/* Reads and checks pages[0, n) in order: with rg's reader, or alone. */
static size_t
run_pages(struct ring *rg, const struct site *site, struct pass *ps,
          struct engine_page *pages, size_t n, struct arena *page_mem,
          struct arena *run)
{
    size_t i, parsed = 0;

    if (rg != NULL)
        return ring_drain(rg, ps, run);
    for (i = 0; i < n; i++) {
        struct page pg;
        struct icache_page kept;
        struct page_urls more;

        if (load(site, &pages[i], &pg, &kept, &more, page_mem, run,
                 ps->words) == 0) {
            parsed += pages[i].linted != 0;
            do_page(ps, &pages[i], &pg, pages[i].kept != NULL ? &kept : NULL,
                    &more, page_mem);
        }
        arena_reset(page_mem);
    }
    return parsed;
}

static void
add_former(void *arg, const char *url)
{
    icache_former(arg, url);
}

/* Which of pages the index may stand in for: those it kept as they are
 * now, none of whose links may lead into a page linted (all of which
 * are in by now). */
static void
plan(const struct site *site, struct icache *ic, struct engine_page *pages,
     size_t n)
{
    size_t i;

    site_each_former(site, add_former, ic);
    for (i = 0; i < n; i++) {
        struct engine_page *p = &pages[i];
        struct stat st;

        if (p->linted || p->data != NULL)
            continue;
        /* Found by a walk that did not stat() it (main.c). */
        if (p->stamp.ino == 0 &&
            page_stamp_now(p->path, &p->stamp, &st) != 0)
            continue;
        p->kept = icache_get(ic, p->path, &p->stamp);
        if (p->kept != NULL && p->inbound && icache_may_link(ic, p->kept))
            p->kept = NULL;
    }
}

size_t
engine_run(struct engine *e, struct engine_page *pages, size_t npages,
           uint64_t site_pages, struct arena *run)
{
    const struct site *site = e->site;
    struct arena page_mem = { .scratch = 1 };
    struct pass ps = { 0, NULL, NULL, NULL };
    struct ring *rg;
    size_t i, first = 0, parsed, kept;

    site_index_expect(site->index, npages);
    for (i = 0; i < rules_count; i++)
        ps.words |= rules[i]->reads_words &&
                    e->enabled(rules[i]->id, rules[i]->severity) != SEV_OFF;

    /* The pages up to the last linted one are read first: the index can
     * stand in for a page only once every linted page's names are in. */
    for (i = 0; i < npages; i++)
        if (pages[i].linted)
            first = i + 1;
    rg = run_start(site, pages, first, ps.words);

    /* A run that lints every page has no use for the index, and pays
     * for none (CI's); one that names files keeps it. */
    if (site_pages != 0 && first < npages)
        ps.ic = icache_open(site, site_pages, run);
    if (ps.ic != NULL)
        ps.recs = xcalloc(rules_count, sizeof *ps.recs);
    ps.cx = started(e, run);
    parsed = run_pages(rg, site, &ps, pages, first, &page_mem, run);
    if (ps.ic != NULL)
        plan(site, ps.ic, pages + first, npages - first);
    rg = run_start(site, pages + first, npages - first, ps.words);
    parsed += run_pages(rg, site, &ps, pages + first, npages - first,
                        &page_mem, run);
    for (i = first, kept = 0; i < npages; i++)
        kept += pages[i].kept != NULL;
    if (kept > 0)
        diag_tally("pages from the index cache", kept);
    select_inbound(site);
    finish(ps.cx, &page_mem);
    arena_free(&page_mem);
    page_thread_done();
    if (ps.ic != NULL) {
        icache_close(ps.ic);
        for (i = 0; i < rules_count; i++)
            buf_free(&ps.recs[i]);
        free(ps.recs);
    }
    free(e);
    return parsed;
}

void
engine_run_data(const struct site *site, const char *path, const char *data,
                size_t len, int html, engine_enabled_fn enabled,
                struct arena *run)
{
    struct arena page_mem = { 0 };
    struct rule_ctx *cx = start(site, enabled, run);
    struct engine_page p = { .linted = 1, .data = data };
    struct page pg;
    struct page_urls more;
    struct pass ps = { 0, cx, NULL, NULL };

    page_parse(&pg, path, data, len, html ? PAGE_HTML : PAGE_MARKDOWN, site,
               &page_mem, run);
    set_info(&pg, &p, &more, run);
    do_page(&ps, &p, &pg, NULL, &more, &page_mem);
    finish(cx, &page_mem);
    arena_free(&page_mem);
    page_thread_done();
}
