/* siteindex.c: the site as it will be served — every page's URL, alias
 * and source path in hash tables (hindex.h) — and link resolution
 * against it. */
#include "siteindex.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <uthash.h>

#include "generator.h"
#include "hindex.h"
#include "linkmap.h"
#include "parallel.h"
#include "page.h"
#include "permalink.h"
#include "site.h"
#include "url.h"

/* A URL or source path that names a page. */
struct site_key {
    const char *key;            /* normalised: see url_key() */
    const char *shown;          /* as a user would write it */
    const struct page_info *page;   /* NULL: a list page with no source */
};

/* Keys by their text, in the order added. */
struct key_table {
    struct hindex ix;
    struct site_key **v;
    size_t n, cap;
};

struct gram_index;

/* The keys in one folder ("/about/"), for suggestions: a slip is
 * looked for among a broken link's siblings, not the whole site. */
struct site_folder {
    const char *path;
    const struct site_key **keys;
    size_t n, cap;
    struct gram_index *grams;   /* over keys, once n > SUGGEST_SCAN_MAX */
    UT_hash_handle hh;
};

/* A folder a broken link named that the site lacks, and the folder the
 * suggestion looks in instead (NULL: none is close); links into one
 * missing folder come by the thousand (xmpp.org's /extensions/). */
struct site_nearest {
    const char *path;
    struct site_folder *folder;
    UT_hash_handle hh;
};

/* A folder something is published under ("/about/"). */
struct site_prefix {
    const char *path;
    UT_hash_handle hh;
};

struct site_index {
    struct arena *a;
    /* The rules' on_site run on several threads (engine.c).  What they
     * may fill in or remember (link targets, ref names, folders under
     * which URLs lie, suggestions, case folds) is done under this lock,
     * which is recursive: resolving a link may look up a ref name.  All
     * else is only read once the pages are in. */
    pthread_mutex_t lock;
    struct site_prefix *prefixes;   /* built by the first site_has_below */
    int prefixes_built;
    struct suggest_set {
        struct site_folder *folders;    /* built by the first suggestion */
        struct site_folder **list;      /* the same, for the gram index */
        size_t nfolders, list_cap;
        struct gram_index *grams;       /* over folder paths, when many */
        struct site_nearest *nearest;
        int built;
    } by_url, by_source;        /* suggestions among URLs, among sources */
    struct key_table urls;      /* page URLs, aliases, list pages */
    struct key_table sources;   /* content paths: "/about/faq.md" */
    /* Hugo's ref names, made by the first ref that the content paths do
     * not find: most sites never need them. */
    const struct page_info **sourced;   /* the pages with a content path */
    size_t nsourced, sourced_cap;
    int ref_names;
    struct key_table folded;    /* content paths in lower case */
    struct key_table basenames; /* "faq.md" and "faq", lower case; page
                                 * NULL when two pages share one */
    struct hindex anchors;          /* every page's ids: by the hash of
                                     * page and id, its place in the
                                     * page's list; a page with 50,000
                                     * headings answers each #fragment
                                     * at once */
    struct site_link *links;
    size_t nlinks, links_cap;
    struct site_link *inbound;  /* context pages' links, maybe checked */
    size_t ninbound, inbound_cap;
    struct key_table formers;   /* linted pages' committed URLs */
    int by_case_built;
    struct key_table by_case;   /* URLs (or sources) in lower case, built
                                 * by the first site_case_fix(); shown is
                                 * the key, NULL when two keys fold alike */
    struct key_table unsure;    /* URLs with PERMALINK_UNSURE, once */
    const char **unsure_v;      /* the same, to match broken links with */
    size_t nunsure, unsure_cap;
    struct link_target *targets;    /* links[i] resolved, when done[i] */
    unsigned char *done;
    int all_done;                   /* every link resolved, before any
                                     * rule's on_site: read without lock */
};

/* Longest URL the edit distance is computed for: longer ones are not
 * typos a suggestion can fix. */
#define SUGGEST_MAX_LEN 256

/* Past this many strings (keys in a folder, or folders), a suggestion
 * measures a broken link against SUGGEST_CANDIDATES of them (those
 * within two edits, then those sharing the most uncommon trigrams), not
 * against every one: a folder of 20,000 pages with a broken link each
 * cost 400 million edit distances.  Below it every string is measured.
 * With 128, typos in a folder of 1,500 words got the word meant as often
 * as a scan of all (4 seeds, 600 typos each, within 3 either way). */
#define SUGGEST_SCAN_MAX 256
#define SUGGEST_CANDIDATES 128

/* A trigram in more strings than this ("/do" of every "/docs/...") says
 * little about which one is meant, and reading its list would cost what
 * the index saves; the query skips it. */
#define GRAM_LIST_MAX 512

static void free_set(struct suggest_set *set);

struct site_index *
site_index_new(struct arena *run)
{
    struct site_index *ix = arena_alloc(run, sizeof *ix);
    pthread_mutexattr_t attr;

    ix->a = run;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&ix->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    return ix;
}

void
site_index_free(struct site_index *ix)
{
    if (ix == NULL)
        return;
    pthread_mutex_destroy(&ix->lock);
    hindex_free(&ix->urls.ix);
    hindex_free(&ix->sources.ix);
    hindex_free(&ix->folded.ix);
    hindex_free(&ix->basenames.ix);
    hindex_free(&ix->anchors);
    free_set(&ix->by_url);
    free_set(&ix->by_source);
    hindex_free(&ix->formers.ix);
    hindex_free(&ix->by_case.ix);
    hindex_free(&ix->unsure.ix);
    HASH_CLEAR(hh, ix->prefixes);
}

void
site_index_expect(struct site_index *ix, size_t pages)
{
    hindex_reserve(&ix->urls.ix, pages);
    hindex_reserve(&ix->sources.ix, pages);
}

/* The key of a URL path: "/a/b/", "/a/b" and "/a/b/index.html" are one
 * page; the home page is "". */
static char *
url_key(struct arena *a, const char *path)
{
    size_t n = strlen(path);

    if (n >= 11 && strcmp(path + n - 11, "/index.html") == 0)
        n -= 10;
    else if (n >= 10 && strcmp(path + n - 10, "/index.htm") == 0)
        n -= 9;
    while (n > 0 && path[n - 1] == '/')
        n--;
    return arena_strndup(a, path, n);
}


/* s in lower case as Hugo's page paths are (strings.ToLower), in a. */
static char *
lower_path(struct arena *a, const char *s)
{
    struct buf b = { 0 };
    char *low;

    buf_adds(&b, s);
    permalink_lower(&b, 0);
    low = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
    buf_free(&b);
    return low;
}

static struct site_key *
find_hashed(const struct key_table *t, const char *key, uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(&t->ix, hash, &cursor)) != SIZE_MAX)
        if (strcmp(t->v[i]->key, key) == 0)
            return t->v[i];
    return NULL;
}

static struct site_key *
find_key(const struct key_table *t, const char *key)
{
    return find_hashed(t, key, hindex_hash(key, strlen(key)));
}

/* The key as added, or the one already there. */
static struct site_key *
add_key(struct site_index *ix, struct key_table *t, const char *key,
        const char *shown, const struct page_info *page)
{
    uint32_t hash = hindex_hash(key, strlen(key));
    struct site_key *k = find_hashed(t, key, hash);

    if (k != NULL) {
        if (k->page == NULL && page != NULL)
            k->page = page;     /* a real page wins over a list */
        return k;
    }
    k = arena_alloc(ix->a, sizeof *k);
    k->key = key;
    k->shown = shown;
    k->page = page;
    hindex_put(&t->ix, hash, t->n);
    *ARENA_PUSH(ix->a, t->v, t->n, t->cap) = k;
    return k;
}

static uint32_t
anchor_hash(const struct page_info *page, const char *id)
{
    uint64_t h = fnv1a64(FNV1A64_START, &page, sizeof page);

    return hindex_fold(fnv1a64(h, id, strlen(id)));
}

/* Is id one of page's ids?  A slot under the hash names a place in
 * some page's list; page's own id there is the answer, whichever page put
 * it: no other page's slot can make it wrong. */
static int
find_anchor(const struct hindex *h, const struct page_info *page,
            const char *id, uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(h, hash, &cursor)) != SIZE_MAX)
        if (i < page->nanchors && strcmp(page->anchors[i], id) == 0)
            return 1;
    return 0;
}

/* A file name ("faq.md", "faq") of info's, for ref.  A name two pages
 * share names neither: ref reports it. */
static void
add_basename(struct site_index *ix, const char *name,
             const struct page_info *info)
{
    struct site_key *k = find_key(&ix->basenames, name);

    if (k == NULL)
        add_key(ix, &ix->basenames, name, info->src_key, info);
    else if (k->page != info)
        k->page = NULL;
}

/* The names a ref may call the page by besides its content path. */
static void
add_ref_names(struct site_index *ix, const struct page_info *info)
{
    char *low = lower_path(ix->a, info->src_key), *dot;
    const char *base = strrchr(low, '/') + 1;

    add_key(ix, &ix->folded, low, info->src_key, info);
    add_basename(ix, base, info);
    if ((dot = strrchr(base, '.')) != NULL && dot > base)
        add_basename(ix, arena_strndup(ix->a, base, (size_t)(dot - base)),
                     info);
}

/* A URL of a page or list: into the URL table, or, when part of it is
 * not known, among the patterns broken links are matched with. */
static void
add_url(struct site_index *ix, const char *url, const struct page_info *page)
{
    const char *key = url_key(ix->a, url);

    if (!site_path_unsure(key)) {
        add_key(ix, &ix->urls, key, url, page);
    } else if (find_key(&ix->unsure, key) == NULL) {
        add_key(ix, &ix->unsure, key, url, NULL);
        *ARENA_PUSH(ix->a, ix->unsure_v, ix->nunsure, ix->unsure_cap) = key;
    }
}

/* May c be in a slug PERMALINK_UNSURE stands for ([a-z0-9_-])? */
static int
slug_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* Does path match pat, where PERMALINK_UNSURE stands for one or more
 * characters a slug may have? */
static int
unsure_match(const char *pat, const char *path)
{
    for (; *pat != '\0'; pat++, path++) {
        if (*pat == PERMALINK_UNSURE) {
            if (!slug_char((unsigned char)*path))
                return 0;
            for (path++; ; path++) {
                if (unsure_match(pat + 1, path))
                    return 1;
                if (!slug_char((unsigned char)*path))
                    return 0;
            }
        }
        if (*pat != *path)
            return 0;
    }
    return *path == '\0';
}

int
site_unsure_slug(const struct site *site, const char *s)
{
    if (site->index->nunsure == 0 || *s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (!slug_char((unsigned char)*s))
            return 0;
    return 1;
}

int
site_path_unsure(const char *path)
{
    return path != NULL && strchr(path, PERMALINK_UNSURE) != NULL;
}

const char *
site_page_shown(const struct page_info *page)
{
    if (page->url != NULL && !site_path_unsure(page->url))
        return page->url;
    return page->path;
}

size_t
site_unsure_urls(const struct site *site)
{
    return site->index->nunsure;
}

void
site_add_page(struct site_index *ix, const struct page_info *info,
              const char *const *aliases, size_t naliases)
{
    size_t i;

    if (info->src_key != NULL) {
        add_key(ix, &ix->sources, info->src_key, info->src_key, info);
        *ARENA_PUSH(ix->a, ix->sourced, ix->nsourced, ix->sourced_cap) =
            info;
        if (ix->ref_names)
            add_ref_names(ix, info);
    }
    if (info->url != NULL)
        add_url(ix, info->url, info);
    for (i = 0; i < naliases; i++)
        add_url(ix, aliases[i], info);
    if (info->nanchors > 0)
        hindex_reserve(&ix->anchors, ix->anchors.n + info->nanchors);
    for (i = 0; i < info->nanchors; i++) {
        uint32_t hash = anchor_hash(info, info->anchors[i]);

        if (!find_anchor(&ix->anchors, info, info->anchors[i], hash))
            hindex_put(&ix->anchors, hash, i);
    }
}

int
site_has_url(const struct site *site, const char *url, struct arena *a)
{
    return find_key(&site->index->urls, url_key(a, url)) != NULL;
}

void
site_add_list(struct site_index *ix, const char *url)
{
    add_url(ix, url, NULL);
}

static void
keep_link(struct site_index *ix, struct site_link *l,
          const struct page_info *from, const struct ref *ref,
          enum link_form form)
{
    l->pos = ref->pos;
    l->end_col = ref->end_col;
    l->href = arena_strdup(ix->a, ref->text);
    l->form = form;
    l->from = from;
    l->via = ref->via != NULL ? arena_strdup(ix->a, ref->via) : NULL;
}

void
site_add_link(struct site_index *ix, const struct page_info *from,
              const struct ref *ref, enum link_form form)
{
    keep_link(ix, ARENA_PUSH(ix->a, ix->links, ix->nlinks, ix->links_cap),
              from, ref, form);
}

void
site_add_inbound(struct site_index *ix, const struct page_info *from,
                 const struct ref *ref, enum link_form form)
{
    keep_link(ix, ARENA_PUSH(ix->a, ix->inbound, ix->ninbound,
                             ix->inbound_cap), from, ref, form);
}

void
site_add_former(struct site_index *ix, const char *url)
{
    add_key(ix, &ix->formers, url_key(ix->a, url), arena_strdup(ix->a, url),
            NULL);
}

void
site_each_former(const struct site *site,
                 void (*fn)(void *arg, const char *url), void *arg)
{
    const struct key_table *t = &site->index->formers;
    size_t i;

    for (i = 0; i < t->n; i++)
        fn(arg, t->v[i]->shown);
}

size_t
site_select_inbound(const struct site *site)
{
    struct site_index *ix = site->index;
    size_t first = ix->nlinks, i;

    if (ix->targets != NULL)
        return first;           /* resolution has begun: too late */
    for (i = 0; i < ix->ninbound; i++) {
        const struct site_link *l = &ix->inbound[i];
        struct link_target t;
        const struct site_key *k = NULL;
        int in;

        site_resolve(site, l->from, l->href, l->form, &t, ix->a);
        in = t.kind == LINK_PAGE && t.page != NULL && t.page->linted;
        if (!in && t.kind == LINK_BROKEN && t.url != NULL &&
            ix->formers.n > 0)
            k = find_key(&ix->formers, url_key(ix->a, t.url));
        if (in || k != NULL)
            *ARENA_PUSH(ix->a, ix->links, ix->nlinks, ix->links_cap) = *l;
    }
    return first;
}

const struct site_link *
site_links(const struct site *site, size_t *n)
{
    *n = site->index->nlinks;
    return site->index->links;
}

static void
make_targets(struct site_index *ix)
{
    if (ix->targets == NULL) {
        ix->targets = arena_alloc(ix->a, ix->nlinks * sizeof *ix->targets + 1);
        ix->done = arena_alloc(ix->a, ix->nlinks + 1);
    }
}

static const struct link_target *
site_link_target_unlocked(const struct site *site, size_t i)
{
    struct site_index *ix = site->index;

    make_targets(ix);
    if (!ix->done[i]) {
        const struct site_link *l = &ix->links[i];

        site_resolve(site, l->from, l->href, l->form, &ix->targets[i], ix->a);
        ix->done[i] = 1;
    }
    return &ix->targets[i];
}

const struct link_target *
site_link_target(const struct site *site, size_t i)
{
    struct site_index *ix = site->index;
    const struct link_target *r;

    if (ix->all_done)
        return &ix->targets[i];     /* written before on_site started */
    pthread_mutex_lock(&ix->lock);
    r = site_link_target_unlocked(site, i);
    pthread_mutex_unlock(&ix->lock);
    return r;
}

static void
add_prefixes(struct site_index *ix, const char *path)
{
    const char *p;
    struct site_prefix *sp;

    /* "/a/b/c" publishes under "/a/" and "/a/b/". */
    for (p = strchr(path + (path[0] == '/'), '/'); p != NULL;
         p = strchr(p + 1, '/')) {
        size_t n = (size_t)(p - path) + 1;

        HASH_FIND(hh, ix->prefixes, path, n, sp);
        if (sp != NULL)
            continue;
        sp = arena_alloc(ix->a, sizeof *sp);
        sp->path = arena_strndup(ix->a, path, n);
        HASH_ADD_KEYPTR(hh, ix->prefixes, sp->path, n, sp);
    }
}

static void
collect_file_prefix(void *ctx, const char *url)
{
    add_prefixes(ctx, url);
}

/* Fewer links than this are resolved as the rules ask for them. */
#define RESOLVE_THREADS_MIN_LINKS 1024

/* One thread's share of site_resolve_links(): links [lo, hi), their
 * strings in mem. */
struct resolver {
    const struct site *site;
    size_t lo, hi;
    struct arena mem;
};

static void *
resolve_range(void *arg)
{
    struct resolver *rv = arg;
    struct site_index *ix = rv->site->index;
    size_t i;

    /* Each target and flag is this thread's alone; what resolving fills
     * in the index takes its lock. */
    for (i = rv->lo; i < rv->hi; i++) {
        const struct site_link *l = &ix->links[i];

        site_resolve(rv->site, l->from, l->href, l->form, &ix->targets[i],
                     &rv->mem);
        ix->done[i] = 1;
    }
    return NULL;
}

void
site_resolve_links(const struct site *site)
{
    struct site_index *ix = site->index;
    struct resolver rv[PARALLEL_MAX];
    size_t k, threads = parallel_threads();

    if (ix->targets != NULL || ix->nlinks < RESOLVE_THREADS_MIN_LINKS ||
        threads < 2)
        return;                 /* resolved as the rules ask */
    make_targets(ix);
    memset(rv, 0, sizeof rv);
    for (k = 0; k < threads; k++) {
        rv[k].site = site;
        parallel_part(ix->nlinks, threads, k, &rv[k].lo, &rv[k].hi);
    }
    parallel_run(rv, threads, sizeof *rv, resolve_range);
    for (k = 0; k < threads; k++)
        arena_adopt(ix->a, &rv[k].mem);
    ix->all_done = 1;
}

static int
site_has_below_unlocked(const struct site *site, const char *prefix)
{
    struct site_index *ix = site->index;
    struct site_prefix *sp;
    size_t i;

    if (!site_is_indexed(site))
        return 1;
    if (!ix->prefixes_built) {
        for (i = 0; i < ix->urls.n; i++)
            add_prefixes(ix, ix->urls.v[i]->key);
        site_each_file(site, collect_file_prefix, ix);
        ix->prefixes_built = 1;
    }
    HASH_FIND_STR(ix->prefixes, prefix, sp);
    return sp != NULL;
}

int
site_has_below(const struct site *site, const char *prefix)
{
    struct site_index *ix = site->index;
    int r;

    pthread_mutex_lock(&ix->lock);
    r = site_has_below_unlocked(site, prefix);
    pthread_mutex_unlock(&ix->lock);
    return r;
}

int
site_has_anchor(const struct site *site, const struct page_info *info,
                const char *id)
{
    return find_anchor(&site->index->anchors, info, id,
                       anchor_hash(info, id));
}

/* ---- resolution ------------------------------------------------------- */

char *
site_percent_decode(struct arena *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, len + 1);

    url_decode(out, s, len);
    return out;
}

/* Appends the segments of path[0, len) to the normalised path at out
 * ("/a/b", o its end), and returns the new end; *trailing says whether
 * the last segment seen was followed by a slash or was "." or "..". */
static char *
join_segments(char *out, char *o, const char *path, size_t len,
              int *trailing)
{
    const char *p = path, *end = path + len;

    for (;;) {
        size_t n;

        while (p < end && *p == '/')
            p++;
        for (n = 0; p + n < end && p[n] != '/'; n++)
            ;
        if (n == 0)
            return o;
        *trailing = p + n < end || (n == 1 && p[0] == '.') ||
                    (n == 2 && p[0] == '.' && p[1] == '.');
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (o > out && *--o != '/')
                ;               /* drop the last segment, and its '/' */
        } else if (!(n == 1 && p[0] == '.')) {
            *o++ = '/';
            memcpy(o, p, n);
            o += n;
        }
        p += n;
    }
}

/* Joins rel to the folder of base ("/a/b/c" → "/a/b/"; base NULL is the
 * root) and removes "." and ".." segments; ".." never climbs above the
 * root, as in a browser.  A trailing slash is kept.  Written straight
 * into the result: a link costs its URL's bytes here, nothing more. */
char *
site_join_path(struct arena *a, const char *base, const char *rel)
{
    const char *slash;
    size_t dlen = 0, rlen = strlen(rel);
    char *out, *o;
    int trailing = 0;

    if (rel[0] != '/' && base != NULL && (slash = strrchr(base, '/')) != NULL)
        dlen = (size_t)(slash - base) + 1;
    out = arena_alloc(a, dlen + rlen + 2);
    o = dlen > 0 ? join_segments(out, out, base, dlen, &trailing) : out;
    o = join_segments(out, o, rel, rlen, &trailing);
    if (o == out || trailing)
        *o++ = '/';
    *o = '\0';
    return out;
}

const struct page_info *
site_source_page(const struct site *site, const char *key)
{
    const struct site_key *k = find_key(&site->index->sources, key);

    return k != NULL ? k->page : NULL;
}

/* What a content path may leave out of its source's name. */
static const char *const source_tails[] = {
    "", ".md", ".markdown", "/_index.md", "/index.md", ".html",
};
#define NTAILS (sizeof source_tails / sizeof source_tails[0])

const struct page_info *
site_find_source(const struct site *site, const char *path, struct arena *a)
{
    const struct site_index *ix = site->index;
    const struct site_key *k;
    size_t i, n = strlen(path);

    while (n > 1 && path[n - 1] == '/')
        n--;
    for (i = 0; i < NTAILS; i++) {
        char *key = arena_printf(a, "%.*s%s", (int)n, path,
                                 source_tails[i]);

        k = find_key(&ix->sources, key);
        if (k != NULL)
            return k->page;
    }
    return NULL;
}

/* What Hugo's page lookup (ref, relref, .GetPage) finds when the path
 * as written does not: the path in any case, from the page's folder or
 * the root, then a page whose file name alone is path's, if only one
 * page has it. */
static const struct page_info *
find_ref_unlocked(struct site_index *ix, const struct page_info *from,
                  const char *path, struct arena *a)
{
    const char *bases[2];
    const struct site_key *k;
    char *low;
    size_t i, j, n;

    if (!ix->ref_names) {
        for (i = 0; i < ix->nsourced; i++)
            add_ref_names(ix, ix->sourced[i]);
        ix->ref_names = 1;
    }
    bases[0] = site_join_path(a, path[0] == '/' ? NULL : site_source_dir(from),
                              path);
    bases[1] = site_join_path(a, NULL, path);
    for (j = 0; j < 2; j++) {
        n = strlen(bases[j]);
        while (n > 1 && bases[j][n - 1] == '/')
            n--;
        for (i = 0; i < NTAILS; i++) {
            low = lower_path(a, arena_printf(a, "%.*s%s", (int)n, bases[j],
                                             source_tails[i]));
            k = find_key(&ix->folded, low);
            if (k != NULL)
                return k->page;
        }
    }
    if (strchr(path, '/') != NULL)
        return NULL;
    low = lower_path(a, path);
    k = find_key(&ix->basenames, low);
    return k != NULL ? k->page : NULL;
}

static const struct page_info *
find_ref(struct site_index *ix, const struct page_info *from,
         const char *path, struct arena *a)
{
    const struct page_info *r;

    pthread_mutex_lock(&ix->lock);
    r = find_ref_unlocked(ix, from, path, a);
    pthread_mutex_unlock(&ix->lock);
    return r;
}

/* The source folder of a page, as a URL-like path: "/about/". */
const char *
site_source_dir(const struct page_info *from)
{
    return from != NULL && from->src_key != NULL ? from->src_key : "/";
}

/* Is path under one of the prefixes or globs declared as served by
 * something else? */
static int
is_outside(const struct site *site, const char *path)
{
    size_t i;

    for (i = 0; i < site->noutside; i++) {
        const char *o = site->outside[i];

        if (strpbrk(o, "*?[") != NULL) {
            if (fnmatch(o, path, 0) == 0)
                return 1;
        } else if (strncmp(path, o, strlen(o)) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Does a file or folder exist at url_path in a plain tree? */
static int
plain_exists(const struct site *site, struct arena *a, const char *url_path)
{
    struct stat st;

    return stat(arena_printf(a, "%s%s", site->root, url_path), &st) == 0;
}

static void
lookup_url(const struct site *site, struct arena *a, const char *path,
           struct link_target *out)
{
    struct site_index *ix = site->index;
    const struct site_key *k;

    out->url = path;
    if (is_outside(site, path)) {
        out->kind = LINK_OUTSIDE;
        return;
    }
    if (!site_is_indexed(site)) {
        k = find_key(&ix->sources, path);
        if (k != NULL) {
            out->kind = LINK_PAGE;
            out->page = k->page;
        } else {
            out->kind = plain_exists(site, a, path) ? LINK_FILE : LINK_BROKEN;
        }
        return;
    }
    k = find_key(&ix->urls, url_key(a, path));
    if (k != NULL) {
        out->kind = LINK_PAGE;
        out->page = k->page;
        return;
    }
    if (site_has_file(site, path) ||
        (path[strlen(path) - 1] == '/' &&
         site_has_file(site, arena_printf(a, "%sindex.html", path)))) {
        out->kind = LINK_FILE;
        return;
    }
    if (site->gen->makes != NULL && site->gen->makes(site, path, a)) {
        out->kind = LINK_PAGE;
        return;
    }
    out->kind = LINK_BROKEN;
}

/* Strips scheme and host from an absolute URL on the site's own host;
 * returns NULL if it is another site's. */
static const char *
own_path(const struct site *site, const char *href)
{
    size_t n;
    const char *host = url_host(href, &n), *end;

    if (host == NULL)
        return NULL;
    if (site->base_host == NULL || strlen(site->base_host) != n ||
        strncasecmp(host, site->base_host, n) != 0)
        return NULL;
    if (host[n] == ':' && strncmp(host + n, ":80/", 4) != 0 &&
        strncmp(host + n, ":443/", 5) != 0)
        return NULL;            /* another port is another server */
    end = host + strcspn(host, "/?#");
    return *end == '/' ? end : "/";
}

int
site_is_own(const struct site *site, const char *url)
{
    return own_path(site, url) != NULL;
}

const char *
site_source_link(const struct site *site, const struct page_info *from,
                 const char *href, struct arena *a)
{
    size_t plen = strcspn(href, "?#");
    const char *path;

    if (site->gen->source_link == NULL || plen < 4 || href[0] == '/' ||
        url_has_scheme(href) ||
        !(strncmp(href + plen - 3, ".md", 3) == 0 ||
          (plen > 9 && strncmp(href + plen - 9, ".markdown", 9) == 0)))
        return NULL;
    path = site_join_path(a, site_source_dir(from),
                          site_percent_decode(a, href, plen));
    if (site_source_page(site, path) == NULL)
        return NULL;
    return arena_printf(a, "%s%s", site->gen->source_link, href);
}

int
site_has_asset(const struct site *site, const char *path)
{
    return site->gen->asset != NULL && strstr(path, "..") == NULL &&
           site->gen->asset(site, path[0] == '/' ? path + 1 : path);
}

int
site_unseen(const struct site *site, const char *path)
{
    return site->gen->unseen != NULL && site->gen->unseen(site, path);
}

int
site_hook_decides(const struct site *site, enum site_hook hook)
{
    return site->gen->hooks != NULL &&
           (site->gen->hooks(site) & (unsigned)hook) != 0;
}

/* May path lead to a page whose URL is not wholly known? */
static int
unsure(const struct site_index *ix, const char *path, struct arena *a)
{
    const char *key;
    size_t i;

    if (ix->nunsure == 0)
        return 0;
    key = url_key(a, path);
    for (i = 0; i < ix->nunsure; i++)
        if (unsure_match(ix->unsure_v[i], key))
            return 1;
    return 0;
}

void
site_resolve(const struct site *site, const struct page_info *from,
             const char *href, enum link_form form, struct link_target *out,
             struct arena *a)
{
    const char *rest, *hash, *path;
    size_t plen;
    int mapped_form = 0;

    memset(out, 0, sizeof *out);
    out->kind = LINK_SKIP;
    while (*href == ' ' || *href == '\t')
        href++;
    if (*href == '\0' || strstr(href, "{{") != NULL ||
        strchr(href, PAGE_FILLER) != NULL)
        return;                 /* empty, or made by a template */

    hash = strchr(href, '#');
    if (hash != NULL)
        out->fragment = site_percent_decode(a, hash + 1, strlen(hash + 1));

    if (form == FORM_REF) {
        plen = hash != NULL ? (size_t)(hash - href) : strlen(href);
        if (plen == 0) {
            out->kind = LINK_PAGE;
            out->page = from;
            out->same_page = 1;
            return;
        }
        path = arena_strndup(a, href, plen);
        out->url = path;
        out->page = path[0] == '/'
            ? site_find_source(site, path, a)
            : site_find_source(site, site_join_path(a, site_source_dir(from),
                                                    path), a);
        if (out->page == NULL && path[0] != '/')
            out->page = site_find_source(site, site_join_path(a, NULL, path),
                                         a);
        if (out->page == NULL)
            out->page = find_ref(site->index, from, path, a);
        out->kind = out->page != NULL ? LINK_PAGE : LINK_BROKEN;
        return;
    }

    /* What the user says the render hook makes of the destination. */
    if (form == FORM_URL && site->link_map != NULL && !url_has_scheme(href)) {
        size_t n = strcspn(href, "?#");
        const char *mapped = linkmap_apply(site->link_map,
                                           arena_strndup(a, href, n), a);

        if (mapped != NULL) {
            href = arena_printf(a, "%s%s", mapped, href + n);
            hash = strchr(href, '#');
            mapped_form = 1;
        }
    }
    if (site->gen->resolve_own != NULL &&
        site->gen->resolve_own(site, from, href, form, out, a))
        return;

    if (url_has_scheme(href) || strncmp(href, "//", 2) == 0) {
        if ((rest = own_path(site, href)) == NULL)
            return;             /* mailto:, another host: not ours */
        href = rest;
        form = FORM_ROOT;
    }
    plen = strcspn(href, "?#");
    if (plen == 0) {
        out->kind = LINK_PAGE;
        out->page = from;
        out->same_page = hash != NULL && hash == href;
        return;
    }
    path = site_percent_decode(a, href, plen);

    /* A Markdown link to a source file ("faq.md"), as render hooks and
     * GitHub resolve it: try the file first. */
    if ((site->gen->flags & GEN_MD_LINKS) && path[0] != '/' &&
        form == FORM_URL) {
        size_t n = strlen(path);

        if ((n > 3 && strcasecmp(path + n - 3, ".md") == 0) ||
            (n > 9 && strcasecmp(path + n - 9, ".markdown") == 0)) {
            const char *src = site_join_path(a, site_source_dir(from), path);

            out->page = site_find_source(site, src, a);
            if (out->page != NULL) {
                out->url = src;
                out->kind = LINK_PAGE;
                return;
            }
        }
    }

    if (path[0] == '/' && site->base_path != NULL &&
        strcmp(site->base_path, "/") != 0) {
        /* Root-relative links on a site served below a path. */
        size_t n = strlen(site->base_path);

        if (strncmp(path, site->base_path, n) == 0)
            path = arena_printf(a, "/%s", path + n);
        else if (strncmp(path, site->base_path, n - 1) == 0 &&
                 path[n - 1] == '\0')
            path = "/";
    }
    if (!site_is_indexed(site) || form == FORM_ROOT)
        path = site_join_path(a, path[0] == '/' ? NULL
                                              : site_source_dir(from), path);
    else
        path = site_join_path(a, path[0] == '/' || from == NULL ? NULL
                                              : from->url, path);
    if (from != NULL && site_path_unsure(from->url) &&
        site_path_unsure(path)) {
        out->url = path;        /* relative to a page whose URL is not */
        out->kind = LINK_UNSURE;
        return;
    }
    lookup_url(site, a, path, out);
    if (out->kind == LINK_BROKEN && form == FORM_URL && !mapped_form &&
        site_hook_decides(site, HOOK_LINK))
        out->kind = LINK_HOOK;
    else if (out->kind == LINK_BROKEN && site_unseen(site, path))
        out->kind = LINK_UNKNOWN;   /* the missing theme's file? */
    else if (out->kind == LINK_BROKEN && unsure(site->index, path, a))
        out->kind = LINK_UNSURE;
}

/* ---- suggestions ------------------------------------------------------ */

/* Levenshtein distance of a and b, or limit + 1 once it must exceed
 * limit.  The plain dynamic programme; row holds nb + 1 cells. */
static size_t
distance(const char *a, size_t na, const char *b, size_t nb, size_t limit,
         size_t *row)
{
    size_t i, j, best;

    if ((na > nb ? na - nb : nb - na) > limit)
        return limit + 1;
    for (j = 0; j <= nb; j++)
        row[j] = j;
    for (i = 1; i <= na; i++) {
        size_t diag = row[0];

        row[0] = i;
        best = row[0];
        for (j = 1; j <= nb; j++) {
            size_t up = row[j], v;

            v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            diag = up;
            row[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[nb];
}

/* The same for a pattern of at most 64 bytes, a column of the table at a
 * time in the bits of one word (Myers 1999, in Hyyrö's form for the
 * distance of whole strings); peq[c] has bit i set where a[i] == c. */
static size_t
distance64(const uint64_t peq[256], size_t na, const char *b, size_t nb)
{
    uint64_t pv = ~(uint64_t)0, mv = 0, top = (uint64_t)1 << (na - 1);
    size_t score = na, j;

    for (j = 0; j < nb; j++) {
        uint64_t eq = peq[(unsigned char)b[j]];
        uint64_t xv = eq | mv;
        uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
        uint64_t ph = mv | ~(xh | pv);
        uint64_t mh = pv & xh;

        if (ph & top)
            score++;
        else if (mh & top)
            score--;
        ph = (ph << 1) | 1;     /* row 0 grows by one per text byte */
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    return score;
}

size_t
site_edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i, d;
    uint64_t peq[256];
    size_t *row;

    if (na == 0)
        return nb;
    if (na <= 64) {
        memset(peq, 0, sizeof peq);
        for (i = 0; i < na; i++)
            peq[(unsigned char)a[i]] |= (uint64_t)1 << i;
        return distance64(peq, na, b, nb);
    }
    row = xmalloc((nb + 1) * sizeof *row);
    d = distance(a, na, b, nb, na > nb ? na : nb, row);
    free(row);
    return d;
}

static size_t
parent_len(const char *key)
{
    const char *slash = strrchr(key, '/');

    return slash != NULL ? (size_t)(slash - key) + 1 : 0;
}

static struct site_folder *
folder_of(struct site_index *ix, struct suggest_set *set, const char *key,
          size_t len, int add)
{
    struct site_folder *f;

    HASH_FIND(hh, set->folders, key, len, f);
    if (f == NULL && add) {
        f = arena_alloc(ix->a, sizeof *f);
        f->path = arena_strndup(ix->a, key, len);
        HASH_ADD_KEYPTR(hh, set->folders, f->path, len, f);
        *ARENA_PUSH(ix->a, set->list, set->nfolders, set->list_cap) = f;
    }
    return f;
}

/* ---- trigram candidates ----------------------------------------------- */

/* The strings (by index) each trigram occurs in. */
struct gram_list {
    uint32_t gram;
    uint32_t n, filled;
    uint32_t *ix;
    UT_hash_handle hh;
};

/* A string, or it less one byte, by hash: two strings within an edit
 * distance of two (one substitution, insertion, deletion or swap each
 * side) share one, however common their trigrams are. */
struct del_entry {
    uint64_t h;
    uint32_t ix;
};

struct gram_index {
    struct gram_list *lists;
    struct del_entry *dels;     /* sorted by hash */
    size_t ndels;
    uint16_t *count;            /* per string; zero between queries */
    uint32_t *touched;          /* strings a query counted */
    unsigned char *taken;       /* per string; zero between queries */
};

#define DEL_HASH_BASE 1099511628211u

/* The hash of s[0..n) and of each s less one byte, into out (n + 1). */
static size_t
deletions_of(const char *s, size_t n, uint64_t *out)
{
    uint64_t pre[SUGGEST_MAX_LEN + 1], suf = 0, pw = 1;
    size_t i;

    pre[0] = 0;
    for (i = 0; i < n; i++)
        pre[i + 1] = pre[i] * DEL_HASH_BASE + (unsigned char)s[i];
    out[0] = pre[n];
    /* Without byte i: the prefix shifted past the suffix, plus it. */
    for (i = n; i-- > 0;) {
        out[i + 1] = pre[i] * pw + suf;
        suf += (unsigned char)s[i] * pw;
        pw *= DEL_HASH_BASE;
    }
    return n + 1;
}

static int
cmp_del(const void *a, const void *b)
{
    const struct del_entry *x = a, *y = b;

    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->ix < y->ix ? -1 : x->ix > y->ix;
}

/* The distinct trigrams of s[0..n), sorted, into out (n - 2 slots). */
static size_t
grams_of(const char *s, size_t n, uint32_t *out)
{
    size_t i, k = 0, m = 0;

    for (i = 0; i + 2 < n; i++)
        out[k++] = (uint32_t)(unsigned char)s[i] << 16 |
                   (uint32_t)(unsigned char)s[i + 1] << 8 |
                   (unsigned char)s[i + 2];
    /* insertion sort: at most SUGGEST_MAX_LEN grams, mostly distinct */
    for (i = 1; i < k; i++) {
        uint32_t v = out[i];
        size_t j = i;

        while (j > 0 && out[j - 1] > v) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = v;
    }
    for (i = 0; i < k; i++)
        if (m == 0 || out[m - 1] != out[i])
            out[m++] = out[i];
    return m;
}

/* The index of strs[0..n); strings too long to suggest are left out. */
static struct gram_index *
gram_index_new(struct arena *a, const char *const *strs, size_t n)
{
    struct gram_index *g = arena_alloc(a, sizeof *g);
    uint32_t grams[SUGGEST_MAX_LEN];
    struct gram_list *l, *tmp;
    size_t i, j, k;
    int pass;

    g->count = arena_alloc(a, n * sizeof *g->count);
    g->touched = arena_alloc(a, n * sizeof *g->touched);
    g->taken = arena_alloc(a, n);
    for (i = 0; i < n; i++) {
        size_t len = strlen(strs[i]);

        if (len <= SUGGEST_MAX_LEN)
            g->ndels += len + 1;
    }
    g->dels = xmalloc((g->ndels + 1) * sizeof *g->dels);
    for (i = 0, k = 0; i < n; i++) {
        uint64_t h[SUGGEST_MAX_LEN + 1];
        size_t len = strlen(strs[i]), m;

        if (len > SUGGEST_MAX_LEN)
            continue;
        m = deletions_of(strs[i], len, h);
        for (j = 0; j < m; j++)
            g->dels[k++] = (struct del_entry){ h[j], (uint32_t)i };
    }
    qsort(g->dels, g->ndels, sizeof *g->dels, cmp_del);
    /* Count each list's length, give it its exact array, then fill it. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < n; i++) {
            size_t len = strlen(strs[i]);

            if (len > SUGGEST_MAX_LEN)
                continue;
            k = grams_of(strs[i], len, grams);
            for (j = 0; j < k; j++) {
                HASH_FIND(hh, g->lists, &grams[j], sizeof grams[j], l);
                if (l == NULL) {
                    l = arena_alloc(a, sizeof *l);
                    l->gram = grams[j];
                    HASH_ADD(hh, g->lists, gram, sizeof l->gram, l);
                }
                if (pass == 0)
                    l->n++;
                else if (l->ix != NULL)
                    l->ix[l->filled++] = (uint32_t)i;
            }
        }
        if (pass > 0)
            break;
        HASH_ITER(hh, g->lists, l, tmp) {
            if (l->n <= GRAM_LIST_MAX)
                l->ix = arena_alloc(a, l->n * sizeof *l->ix);
        }
    }
    return g;
}

/* Up to SUGGEST_CANDIDATES strings likely near q, by index, into out;
 * their number: those within two edits (a shared deletion), or if there
 * are none, those sharing the most uncommon trigrams.  Work is bounded by q's
 * length times GRAM_LIST_MAX, whatever the number of strings. */
static size_t
gram_candidates(struct gram_index *g, const char *q, size_t nq,
                uint32_t *out)
{
    uint32_t grams[SUGGEST_MAX_LEN];
    uint64_t h[SUGGEST_MAX_LEN + 1];
    size_t hist[SUGGEST_MAX_LEN + 1] = { 0 };
    size_t k, i, j, nt = 0, nout = 0, above = 0, lo, hi;
    unsigned c, cut;
    struct gram_list *l;

    k = deletions_of(q, nq, h);
    for (i = 0; i < k && nout < SUGGEST_CANDIDATES; i++) {
        for (lo = 0, hi = g->ndels; lo < hi;) {         /* first >= h */
            size_t mid = lo + (hi - lo) / 2;

            if (g->dels[mid].h < h[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < g->ndels && g->dels[lo].h == h[i] &&
               nout < SUGGEST_CANDIDATES; lo++)
            if (!g->taken[g->dels[lo].ix]) {
                g->taken[g->dels[lo].ix] = 1;
                out[nout++] = g->dels[lo].ix;
            }
    }
    /* Every string one edit away shares a deletion with q: found, none
     * the trigrams could add would be nearer. */
    k = nout > 0 ? 0 : grams_of(q, nq, grams);
    for (i = 0; i < k && nout < SUGGEST_CANDIDATES; i++) {
        HASH_FIND(hh, g->lists, &grams[i], sizeof grams[i], l);
        if (l == NULL || l->ix == NULL)
            continue;           /* in no string, or too common */
        for (j = 0; j < l->n; j++)
            if (!g->taken[l->ix[j]] && g->count[l->ix[j]]++ == 0)
                g->touched[nt++] = l->ix[j];
    }
    /* The count the last candidate has: the most shared first. */
    for (i = 0; i < nt; i++)
        hist[g->count[g->touched[i]]]++;
    for (cut = SUGGEST_MAX_LEN; cut > 0; cut--) {
        if (nout + above + hist[cut] >= SUGGEST_CANDIDATES)
            break;
        above += hist[cut];
    }
    /* Those above the cut first, then those at it while room is left. */
    for (i = 0; i < nt; i++)
        if (g->count[g->touched[i]] > cut && nout < SUGGEST_CANDIDATES)
            out[nout++] = g->touched[i];
    for (i = 0; i < nt; i++) {
        c = g->count[g->touched[i]];
        if (c > 0 && c == cut && nout < SUGGEST_CANDIDATES)
            out[nout++] = g->touched[i];
        g->count[g->touched[i]] = 0;
    }
    /* In index order, so that ties go to the first, as in a scan. */
    for (i = 0; i < nout; i++)
        g->taken[out[i]] = 0;
    for (i = 1; i < nout; i++) {
        uint32_t v = out[i];

        for (j = i; j > 0 && out[j - 1] > v; j--)
            out[j] = out[j - 1];
        out[j] = v;
    }
    return nout;
}

static void
gram_index_free(struct gram_index *g)
{
    if (g == NULL)
        return;
    HASH_CLEAR(hh, g->lists);
    free(g->dels);
}

static void
free_set(struct suggest_set *set)
{
    size_t i;

    for (i = 0; i < set->nfolders; i++)
        gram_index_free(set->list[i]->grams);
    gram_index_free(set->grams);
    HASH_CLEAR(hh, set->folders);
    HASH_CLEAR(hh, set->nearest);
}

/* The strings of a suggestion's search: all of them when few, else the
 * candidates the gram index (built here, the first time) names.  Returns
 * their number; out holds indexes, or NULL for "0 .. n". */
static size_t
candidates(struct arena *a, struct gram_index **g,
           const char *(*str)(const void *, size_t), const void *v,
           size_t n, const char *q, size_t nq, uint32_t *out,
           const uint32_t **which)
{
    *which = NULL;
    if (n <= SUGGEST_SCAN_MAX)
        return n;
    if (*g == NULL) {
        const char **strs = xmalloc(n * sizeof *strs);
        size_t i;

        for (i = 0; i < n; i++)
            strs[i] = str(v, i);
        *g = gram_index_new(a, strs, n);
        free(strs);
    }
    *which = out;
    return gram_candidates(*g, q, nq, out);
}

static const char *
folder_path(const void *v, size_t i)
{
    return ((struct site_folder *const *)v)[i]->path;
}

static const char *
folder_key(const void *v, size_t i)
{
    return ((const struct site_key *const *)v)[i]->key;
}

static void
build_folders(struct site_index *ix, struct suggest_set *set,
              const struct key_table *table)
{
    size_t i;

    for (i = 0; i < table->n; i++) {
        const struct site_key *k = table->v[i];
        struct site_folder *f = folder_of(ix, set, k->key,
                                          parent_len(k->key), 1);

        *ARENA_PUSH(ix->a, f->keys, f->n, f->cap) = k;
    }
    set->built = 1;
}

/* How far a candidate may be: a slip of a few characters. */
static size_t
slip_limit(size_t len)
{
    return len < 5 ? 0 : len < 8 ? 1 : len < 24 ? 3 : len / 6;
}

static void
prepare(uint64_t peq[256], const char *s, size_t n)
{
    size_t i;

    memset(peq, 0, 256 * sizeof *peq);
    for (i = 0; i < n && i < 64; i++)
        peq[(unsigned char)s[i]] |= (uint64_t)1 << i;
}

/* The distance of a (peq prepared when short) and b, if under best. */
static size_t
closer(const uint64_t *peq, const char *a, size_t na, const char *b,
       size_t best, size_t *row)
{
    size_t nb = strlen(b);

    if ((na > nb ? na - nb : nb - na) >= best || nb > SUGGEST_MAX_LEN)
        return best;
    return na <= 64 ? distance64(peq, na, b, nb)
                    : distance(a, na, b, nb, best - 1, row);
}

/* The key of table closest to key by edit distance, if a likely slip. */
static const char *
suggest_in_unlocked(struct site_index *ix, struct suggest_set *set,
                    const struct key_table *table, char *key)
{
    const struct site_key *best = NULL;
    struct site_folder *f;
    struct site_nearest *near;
    size_t nkey = strlen(key), plen = parent_len(key), best_d, d, i, n;
    size_t row[SUGGEST_MAX_LEN + 1];
    uint32_t cand[SUGGEST_CANDIDATES];
    const uint32_t *which;
    uint64_t peq[256];

    if (nkey > SUGGEST_MAX_LEN || nkey == 0)
        return NULL;
    if (!set->built)
        build_folders(ix, set, table);
    /* The folder of the link, or else the folder nearest its name. */
    f = folder_of(ix, set, key, plen, 0);
    HASH_FIND(hh, set->nearest, key, plen, near);
    if (f == NULL && near != NULL) {
        f = near->folder;
    } else if (f == NULL) {
        char *p = arena_strndup(ix->a, key, plen);

        best_d = slip_limit(plen) + 1;
        prepare(peq, key, plen);
        n = candidates(ix->a, &set->grams, folder_path, set->list,
                       set->nfolders, p, plen, cand, &which);
        for (i = 0; i < n; i++) {
            struct site_folder *g = set->list[which ? which[i] : i];

            d = closer(peq, p, plen, g->path, best_d, row);
            if (d > 0 && d < best_d) {
                f = g;
                best_d = d;
            }
        }
        near = arena_alloc(ix->a, sizeof *near);
        near->path = p;
        near->folder = f;
        HASH_ADD_KEYPTR(hh, set->nearest, near->path, plen, near);
    }
    if (f == NULL)
        return NULL;
    best_d = slip_limit(nkey) + 1;
    prepare(peq, key, nkey);
    n = candidates(ix->a, &f->grams, folder_key, f->keys, f->n, key, nkey,
                   cand, &which);
    for (i = 0; i < n; i++) {
        const struct site_key *k = f->keys[which ? which[i] : i];

        d = closer(peq, key, nkey, k->key, best_d, row);
        if (d > 0 && d < best_d) {
            best = k;           /* ties: the first added, i.e. sorted */
            best_d = d;
        }
    }
    return best != NULL ? best->shown : NULL;
}

static const char *
suggest_in(struct site_index *ix, struct suggest_set *set,
           const struct key_table *table, char *key)
{
    const char *r;

    pthread_mutex_lock(&ix->lock);
    r = suggest_in_unlocked(ix, set, table, key);
    pthread_mutex_unlock(&ix->lock);
    return r;
}

static const char *
site_case_fix_unlocked(const struct site *site, const char *href,
                       const char *url, struct arena *a)
{
    struct site_index *ix = site->index;
    const struct key_table *table = site_is_indexed(site) ? &ix->urls
                                                          : &ix->sources;
    const struct site_key *k;
    char *key = url_key(a, url), *fixed;
    const char *right;
    size_t i, j, plen = strcspn(href, "?#");

    if (!ix->by_case_built) {
        for (i = 0; i < table->n; i++) {
            const char *was = table->v[i]->key;
            struct site_key *low = add_key(ix, &ix->by_case,
                                           arena_strlower(ix->a, was), was,
                                           NULL);

            if (low->shown != was)
                low->shown = NULL;      /* two pages fold alike */
        }
        ix->by_case_built = 1;
    }
    k = find_key(&ix->by_case, arena_strlower(a, key));
    if (k == NULL || k->shown == NULL || memchr(href, '%', plen) != NULL)
        return NULL;
    right = k->shown;           /* the key as the page has it */
    /* The href's path ends as the key does: fix its letters from the
     * end, as far as the two agree but for case. */
    fixed = arena_strdup(a, href);
    for (i = plen; i > 0 && fixed[i - 1] == '/'; i--)
        continue;
    for (j = strlen(key); i > 0 && j > 0 &&
         tolower((unsigned char)fixed[i - 1]) ==
         tolower((unsigned char)key[j - 1]); i--, j--)
        fixed[i - 1] = right[j - 1];
    /* What the href does not spell (a folder "../" stands for) must
     * already be right. */
    if (strncmp(key, right, j) != 0 || strcmp(fixed, href) == 0)
        return NULL;
    return fixed;
}

const char *
site_case_fix(const struct site *site, const char *href, const char *url,
              struct arena *a)
{
    struct site_index *ix = site->index;
    const char *r;

    pthread_mutex_lock(&ix->lock);
    r = site_case_fix_unlocked(site, href, url, a);
    pthread_mutex_unlock(&ix->lock);
    return r;
}

const char *
site_suggest(const struct site *site, const char *url, struct arena *a)
{
    struct site_index *ix = site->index;

    if (site_is_indexed(site))
        return suggest_in(ix, &ix->by_url, &ix->urls, url_key(a, url));
    return suggest_in(ix, &ix->by_source, &ix->sources, url_key(a, url));
}

const char *
site_suggest_source(const struct site *site, const struct page_info *from,
                    const char *href, const char *path, struct arena *a)
{
    const char *mark = site->gen->source_link;
    struct site_index *ix = site->index;
    const char *best = suggest_in(ix, &ix->by_source, &ix->sources,
                                  arena_strdup(a, path));
    const char *dir = site_source_dir(from);
    size_t n = parent_len(dir), k, common = 0;
    struct buf b = { 0 };
    const char *out;

    if (best == NULL)
        return NULL;
    if (mark != NULL && strncmp(href, mark, strlen(mark)) == 0)
        buf_adds(&b, mark);     /* written as the link is: {filename} */
    /* Written from the page's folder: "../b/c.md". */
    for (k = 0; k < n && best[k] == dir[k]; k++)
        if (dir[k] == '/')
            common = k + 1;
    for (k = common; k < n; k++)
        if (dir[k] == '/')
            buf_adds(&b, "../");
    buf_adds(&b, best + common);
    out = arena_strdup(a, b.p);
    buf_free(&b);
    return out;
}
