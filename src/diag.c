/* diag.c: collect findings from the engine and the rules, sort, dedupe. */
#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "arena.h"
#include "hindex.h"

/* One run, one sink: like a compiler's diagnostic engine, it is state of
 * the whole process and main.c owns its lifetime.  The engine reads pages
 * on a second thread, so adding to it takes a lock; sorting and printing
 * happen after that thread has ended. */
/* A file whose findings are not reported: read for context only. */
struct muted {
    const char *file;
    struct kept {
        unsigned line, first, end;
    } *kept;                    /* positions diag_unmute_at() let through */
    size_t nkept, kept_cap;
};

static _Thread_local int paused;

#define RULE_SUPPRESSION "suppression"

/* A sitelint-disable comment's reach in one file. */
struct supp {
    const char *rule;           /* NULL: every rule */
    unsigned first, last;       /* lines; first 0: the whole file */
    struct pos at;
    const char *what;
    size_t used;
};

struct supp_file {
    const char *file;
    struct supp *v;
    size_t n, cap;
    UT_hash_handle hh;
};

static struct {
    struct arena mem;
    struct hindex muted_ix;     /* the muted files, by name; */
    struct muted **muted;       /* in the order muted */
    size_t nmuted, muted_cap;
    struct supp_file *supp;
    diag_policy_fn policy;
    struct diag **v;
    size_t n, cap;
    size_t counts[SEV_ERROR + 1];
    size_t hard[SEV_ERROR + 1]; /* of counts, those not soft */
    int sorted;
    struct unchecked {
        const char *rule;
        size_t n;
        const char *what;
    } *unchecked;               /* what went unchecked, and why */
    size_t nunchecked, unchecked_cap;
    struct diag_tally *tallies;
    size_t ntallies, tallies_cap;
    struct diag_proposal *proposals;
    size_t nproposals, proposals_cap;
} sink;

static pthread_mutex_t sink_lock = PTHREAD_MUTEX_INITIALIZER;

/* Under the lock: the muted file, or NULL. */
static struct muted *
find_muted(const char *file, uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(&sink.muted_ix, hash, &cursor)) != SIZE_MAX)
        if (strcmp(sink.muted[i]->file, file) == 0)
            return sink.muted[i];
    return NULL;
}

void
diag_init(diag_policy_fn policy)
{
    memset(&sink, 0, sizeof sink);
    sink.policy = policy;
}

static char *vformat(const char *fmt, va_list ap)
        __attribute__((format(printf, 1, 0)));

static char *
vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *p;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    p = arena_alloc(&sink.mem, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

struct diag *
diag_add(struct pos pos, unsigned end_col, enum severity sev,
         const char *rule, const char *fmt, ...)
{
    struct diag *d;
    va_list ap;

    va_start(ap, fmt);
    d = diag_vadd(pos, end_col, sev, rule, fmt, ap);
    va_end(ap);
    return d;
}

struct diag *
diag_vadd(struct pos pos, unsigned end_col, enum severity sev,
          const char *rule, const char *fmt, va_list ap)
{
    struct diag *d = NULL;

    if (sink.policy != NULL)
        sev = sink.policy(rule, pos.file, sev);
    if (sev == SEV_OFF || paused)
        return NULL;
    pthread_mutex_lock(&sink_lock);
    if (sink.nmuted > 0 && pos.file != NULL) {
        struct muted *m = find_muted(pos.file, hindex_hash(pos.file,
                                                           strlen(pos.file)));
        size_t i;

        for (i = 0; m != NULL && i < m->nkept; i++)
            if (m->kept[i].line == pos.line && pos.col >= m->kept[i].first &&
                pos.col < m->kept[i].end)
                m = NULL;
        if (m != NULL)
            goto out;
    }
    d = arena_alloc(&sink.mem, sizeof *d);
    d->pos = pos;
    d->end_col = end_col;
    d->sev = sev;
    d->rule = rule;
    d->msg = vformat(fmt, ap);
    *ARENA_PUSH(&sink.mem, sink.v, sink.n, sink.cap) = d;
    sink.sorted = 0;
out:
    pthread_mutex_unlock(&sink_lock);
    return d;
}

void
diag_note(struct diag *d, struct pos pos, const char *fmt, ...)
{
    struct diag_note *note, **tail;
    va_list ap;

    if (d == NULL)
        return;
    pthread_mutex_lock(&sink_lock);
    note = arena_alloc(&sink.mem, sizeof *note);
    note->pos = pos;
    va_start(ap, fmt);
    note->msg = vformat(fmt, ap);
    va_end(ap);
    for (tail = &d->notes; *tail != NULL; tail = &(*tail)->next)
        continue;
    *tail = note;
    pthread_mutex_unlock(&sink_lock);
}

void
diag_fix(struct diag *d, struct pos pos, unsigned end_col, const char *text)
{
    if (d == NULL)
        return;
    pthread_mutex_lock(&sink_lock);
    d->fix = arena_alloc(&sink.mem, sizeof *d->fix);
    d->fix->pos = pos;
    d->fix->end_col = end_col;
    d->fix->text = arena_strdup(&sink.mem, text);
    pthread_mutex_unlock(&sink_lock);
}

void
diag_fixed(struct diag *d)
{
    d->fixed = 1;
    sink.sorted = 0;
}

void
diag_soft(struct diag *d)
{
    if (d != NULL)
        d->soft = 1;
}

void
diag_mute(const char *file)
{
    size_t n = strlen(file);
    uint32_t hash = hindex_hash(file, n);
    struct muted *m;

    pthread_mutex_lock(&sink_lock);
    if (find_muted(file, hash) == NULL) {
        m = arena_alloc(&sink.mem, sizeof *m);
        m->file = arena_strndup(&sink.mem, file, n);
        hindex_put(&sink.muted_ix, hash, sink.nmuted);
        *ARENA_PUSH(&sink.mem, sink.muted, sink.nmuted, sink.muted_cap) = m;
    }
    pthread_mutex_unlock(&sink_lock);
}

void
diag_unmute_at(const char *file, unsigned line, unsigned first,
               unsigned end)
{
    struct muted *m;
    struct kept *k;

    pthread_mutex_lock(&sink_lock);
    m = find_muted(file, hindex_hash(file, strlen(file)));
    if (m != NULL) {
        k = ARENA_PUSH(&sink.mem, m->kept, m->nkept, m->kept_cap);
        k->line = line;
        k->first = first;
        k->end = end;
    }
    pthread_mutex_unlock(&sink_lock);
}

void
diag_pause(int on)
{
    paused = on;
}

void
diag_suppress(const char *file, const char *rule, unsigned first,
              unsigned last, struct pos at, const char *what)
{
    struct supp_file *f;
    struct supp *s;

    pthread_mutex_lock(&sink_lock);
    HASH_FIND_STR(sink.supp, file, f);
    if (f == NULL) {
        f = arena_alloc(&sink.mem, sizeof *f);
        f->file = arena_strdup(&sink.mem, file);
        HASH_ADD_KEYPTR(hh, sink.supp, f->file, strlen(f->file), f);
    }
    s = ARENA_PUSH(&sink.mem, f->v, f->n, f->cap);
    s->rule = rule != NULL ? arena_strdup(&sink.mem, rule) : NULL;
    s->first = first;
    s->last = last;
    s->at = at;
    s->at.file = f->file;
    s->what = arena_strdup(&sink.mem, what);
    pthread_mutex_unlock(&sink_lock);
}

/* Is d dropped by a suppression of its file?  Counts the use. */
static int
suppressed(const struct diag *d)
{
    struct supp_file *f;
    size_t i;
    int hit = 0;

    if (d->pos.file == NULL)
        return 0;
    HASH_FIND_STR(sink.supp, d->pos.file, f);
    for (i = 0; f != NULL && i < f->n; i++) {
        struct supp *s = &f->v[i];

        if (s->rule != NULL && strcmp(s->rule, d->rule) != 0)
            continue;
        if (s->first != 0 && (d->pos.line < s->first ||
                              d->pos.line > s->last))
            continue;
        s->used++;
        hit = 1;
    }
    return hit;
}

void
diag_apply_suppressions(int report_unused)
{
    struct supp_file *f, *tmp;
    size_t i, j;

    for (i = j = 0; i < sink.n; i++)
        if (!suppressed(sink.v[i]))
            sink.v[j++] = sink.v[i];
    sink.n = j;
    sink.sorted = 0;
    HASH_ITER(hh, sink.supp, f, tmp) {
        for (i = 0; report_unused && i < f->n; i++)
            /* A rule that does not run here suppresses nothing, and
             * that is no news (--only, an override). */
            if (f->v[i].used == 0 &&
                (f->v[i].rule == NULL || sink.policy == NULL ||
                 sink.policy(f->v[i].rule, f->file, SEV_ERROR) != SEV_OFF))
                diag_add(f->v[i].at, 0, SEV_WARNING, RULE_SUPPRESSION,
                         "'%s' suppresses nothing", f->v[i].what);
    }
    HASH_CLEAR(hh, sink.supp);
}

const char *
diag_intern(const char *s)
{
    const char *copy;

    pthread_mutex_lock(&sink_lock);
    copy = arena_strdup(&sink.mem, s);
    pthread_mutex_unlock(&sink_lock);
    return copy;
}

static int
cmp_uint(unsigned a, unsigned b)
{
    return a < b ? -1 : a > b;
}

static int
cmp_diag(const void *pa, const void *pb)
{
    const struct diag *a = *(struct diag *const *)pa;
    const struct diag *b = *(struct diag *const *)pb;
    int c;

    if ((c = strcmp(a->pos.file ? a->pos.file : "",
                    b->pos.file ? b->pos.file : "")) != 0)
        return c;
    if ((c = cmp_uint(a->pos.line, b->pos.line)) != 0)
        return c;
    if ((c = cmp_uint(a->pos.col, b->pos.col)) != 0)
        return c;
    if ((c = strcmp(a->rule, b->rule)) != 0)
        return c;
    return strcmp(a->msg, b->msg);
}

struct diag **
diag_sorted(size_t *n)
{
    size_t i, j;

    if (!sink.sorted) {
        if (sink.n > 1)
            qsort(sink.v, sink.n, sizeof *sink.v, cmp_diag);
        /* The same finding reached twice (a page named twice on the
         * command line, a word in a title shared by two keys) once. */
        for (i = j = 0; i < sink.n; i++)
            if (!sink.v[i]->fixed &&
                (j == 0 || cmp_diag(&sink.v[j - 1], &sink.v[i]) != 0))
                sink.v[j++] = sink.v[i];
        sink.n = j;
        memset(sink.counts, 0, sizeof sink.counts);
        memset(sink.hard, 0, sizeof sink.hard);
        for (i = 0; i < sink.n; i++) {
            sink.counts[sink.v[i]->sev]++;
            sink.hard[sink.v[i]->sev] += !sink.v[i]->soft;
        }
        sink.sorted = 1;
    }
    *n = sink.n;
    return sink.v;
}

size_t
diag_count(enum severity sev)
{
    size_t n;

    diag_sorted(&n);
    return sink.counts[sev];
}

size_t
diag_hard_count(enum severity sev)
{
    size_t n;

    diag_sorted(&n);
    return sink.hard[sev];
}

enum severity
diag_worst(void)
{
    enum severity s;

    size_t n;

    diag_sorted(&n);
    for (s = SEV_ERROR; s > SEV_OFF; s--)
        if (sink.hard[s] > 0)
            return s;
    return SEV_OFF;
}

void
diag_unchecked(const char *rule, size_t n, const char *what)
{
    struct unchecked *u;

    if (n == 0)
        return;
    pthread_mutex_lock(&sink_lock);
    u = ARENA_PUSH(&sink.mem, sink.unchecked, sink.nunchecked,
                   sink.unchecked_cap);
    u->rule = arena_strdup(&sink.mem, rule);
    u->n = n;
    u->what = arena_strdup(&sink.mem, what);
    pthread_mutex_unlock(&sink_lock);
}

void
diag_tally(const char *what, size_t n)
{
    struct diag_tally *t;
    size_t i;

    pthread_mutex_lock(&sink_lock);
    for (i = 0; i < sink.ntallies; i++)
        if (strcmp(sink.tallies[i].what, what) == 0)
            break;
    if (i == sink.ntallies) {
        t = ARENA_PUSH(&sink.mem, sink.tallies, sink.ntallies,
                       sink.tallies_cap);
        t->what = arena_strdup(&sink.mem, what);
    }
    sink.tallies[i].n += n;
    pthread_mutex_unlock(&sink_lock);
}

void
diag_propose(const char *key, const char *value, const char *comment,
             const char *noun)
{
    struct diag_proposal *p;
    size_t i;

    pthread_mutex_lock(&sink_lock);
    for (i = 0; i < sink.nproposals; i++)
        if (strcmp(sink.proposals[i].key, key) == 0 &&
            strcmp(sink.proposals[i].value, value) == 0)
            break;
    if (i == sink.nproposals) {
        p = ARENA_PUSH(&sink.mem, sink.proposals, sink.nproposals,
                       sink.proposals_cap);
        p->key = arena_strdup(&sink.mem, key);
        p->value = arena_strdup(&sink.mem, value);
        p->comment = arena_strdup(&sink.mem, comment);
        p->noun = arena_strdup(&sink.mem, noun);
    }
    pthread_mutex_unlock(&sink_lock);
}

const struct diag_proposal *
diag_proposals(size_t *n)
{
    *n = sink.nproposals;
    return sink.proposals;
}

const struct diag_tally *
diag_tallies(size_t *n)
{
    *n = sink.ntallies;
    return sink.tallies;
}

void
diag_print_unchecked(FILE *fp)
{
    size_t i;

    for (i = 0; i < sink.nunchecked; i++)
        fprintf(fp, "sitelint: not checked: %zu %s [%s]\n",
                sink.unchecked[i].n, sink.unchecked[i].what,
                sink.unchecked[i].rule);
}

void
diag_finish(void)
{
    hindex_free(&sink.muted_ix);
    HASH_CLEAR(hh, sink.supp);
    arena_free(&sink.mem);
    memset(&sink, 0, sizeof sink);
}

const char *
severity_name(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "error";
    case SEV_WARNING:
        return "warning";
    case SEV_NOTE:
        return "note";
    case SEV_OFF:
        break;
    }
    return "off";
}

int
severity_parse(const char *s, enum severity *out)
{
    static const struct {
        const char *name;
        enum severity sev;
    } names[] = {
        { "error", SEV_ERROR }, { "note", SEV_NOTE },
        { "off", SEV_OFF }, { "warning", SEV_WARNING },
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].sev;
            return 0;
        }
    return -1;
}
