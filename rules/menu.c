/* menu: front-matter and config menus agree with themselves, with each
 * other and with the site.
 *
 * Numbered keys (the xmpp.org themes): Dropdown_/Sidebar_menu_elem_
 * name_N/url_N with a *_menu_size; pages that share a sidebar declare
 * the same one.  Named menus, from the site's config (site->menus, by
 * language) and front matter (menu:): their urls, pageRefs and parents
 * must exist, and every page must be in the one the site says all pages
 * belong in (site->page_menu).  Which generator made them is not this
 * rule's business. */
#include <ctype.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>

#include "hindex.h"
#include "record.h"
#include "rule.h"

enum { O_DROPDOWN_URL, O_SIDEBAR_URL, O_COUNT };

static const struct option_def options[O_COUNT] = {
    [O_DROPDOWN_URL] = { "dropdown-url", 0, "TPL", OPTF_VALUE | OPTF_CONFIG,
      OPTT_STRING, NULL, "where a numbered dropdown entry leads (default\n"
      "/{page}/{url}.html on Pelican, /{page}/{url}/)",
      .section = "menus (rule menu)" },
    [O_SIDEBAR_URL] = { "sidebar-url", 0, "TPL", OPTF_VALUE | OPTF_CONFIG,
      OPTT_STRING, NULL, "where a numbered sidebar entry leads (default\n"
      "/{url}.html on Pelican, /{url}/)" },
};

enum { DROPDOWN, SIDEBAR, NKINDS };

static const char *const kind_name[NKINDS] = { "Dropdown", "Sidebar" };
static const char *const kind_word[NKINDS] = { "dropdown", "sidebar" };

/* Entry numbers above this are a typo, not a menu. */
#define MENU_MAX_ENTRIES 1000

struct entry {
    unsigned n;
    const char *name, *url;     /* NULL until declared */
    struct pos name_pos, url_pos;
    unsigned name_end, url_end;
};

struct pmenu {
    struct entry *e;            /* sorted by n, one per number */
    size_t n, cap;
    int has_size;
    long size;
    struct pos size_pos;
    unsigned size_end;
};

struct ppage {
    const struct page_info *info;
    struct pmenu menu[NKINDS];
    const char *parent, *inherit;
    struct pos parent_pos, inherit_pos;
    const char **ids;           /* names other pages may call it by */
    size_t nids, ids_cap;
    /* A page the index kept: its sidebar's entries as recorded, read
     * only when its sidebar is compared (menu[SIDEBAR] has their count,
     * no entries). */
    const char *sidebar_rec;
    size_t sidebar_len;
};

/* An entry of a named menu: from the config (Hugo's menus, MkDocs' nav,
 * as the site gives them) or a page's front matter (menu:). */
struct nentry {
    const char *menu;
    const char *lang;           /* the language whose menu it is; NULL for
                                 * the config's menus of every language */
    const char *identifier;     /* explicit, or NULL */
    const char *name;
    const char *url, *page_ref, *parent;
    struct pos pos, url_pos, parent_pos, ident_pos;
    unsigned url_end;
    const struct page_info *page;   /* the page it is declared in */
};

/* One spelling of a menu key, for keys that differ only by case. */
struct spelling {
    const char *key;
    unsigned uses;
    struct pos first;           /* on the first page in the site's order */
    size_t first_order;
    struct spelling *next;
};

struct keyuse {
    const char *lower;
    struct spelling *spellings;
    UT_hash_handle hh;
};

/* A key of a page, once its spelling is found. */
struct keyref {
    struct spelling *sp;
    unsigned line, col;
};

/* Pages by their ids: every page of a site has a few, and the first
 * page in the site's order to have one keeps it. */
struct page_id {
    const char *id;
    size_t n;
    size_t page;                /* in the site state's pages */
};

struct page_ids {
    struct hindex ix;
    struct page_id *v;
    size_t n, cap;
};

/* The pages that name one page as their Parent_id or Inherit_sidebar,
 * in the site's order. */
struct group {
    const char *id;
    size_t *pages;              /* in the site state's pages */
    size_t n, cap;
    atomic_int checked;         /* its sidebars were compared, or are
                                 * being: by the first page to ask */
    int linted;                 /* a page of it is linted */
    UT_hash_handle hh;
};

/* Entries of the named menus by their menu and a word (an identifier or
 * name): a parent or a repeat is found without comparing every entry
 * with every other (10,000 pages with menus took a second, 50,000
 * nineteen).  A bucket chains its entries' numbers in their order
 * through next[]. */
struct bucket {
    const char *menu, *word;
    size_t first, last;         /* entry numbers */
};

struct buckets {
    struct hindex ix;
    struct bucket *v;
    size_t n, cap;
    size_t *next;               /* by entry: the next of its bucket, or
                                 * SIZE_MAX */
    size_t next_cap;
};

struct site_state {
    const struct page_info **seen;  /* every linted page */
    size_t nseen, seen_cap;
    struct ppage *pages;
    size_t npages, pages_cap;
    struct nentry *named;
    size_t nnamed, named_cap;
    struct keyuse *keys;
    /* The keys of the last page the index kept, as recorded and as
     * found: the next page, of the same layout, often records the very
     * same, and is counted without looking them up. */
    const char *memo;
    size_t memo_len;
    struct keyref *memo_keys;
    size_t nmemo, memo_cap;
    /* The pages' ids and groups (table_page()) and the named entries'
     * buckets (bucket_add()), made as pages and entries come, so that
     * the site's checks start with them; made again, from the sorted
     * pages, when the pages named came first (check_site()). */
    struct page_ids by_id;
    struct group *groups;
    struct buckets by_ident;
    /* Parent_id and Inherit_sidebar values that name no page, left
     * unreported because some page's URL (one of its names) is known
     * only in part. */
    atomic_size_t unsure_parents;
    atomic_size_t unsure_targets;   /* entries that may lead to such a
                                     * page */
};

/* ---- reading numbered keys -------------------------------------------- */

/* "Sidebar_menu_elem_url_3" → kind, field ('n' name, 'u' url, 's' size)
 * and number; -1 if key is not a numbered menu key. */
static int
parse_key(const char *key, int *kind, char *field, long *num)
{
    static const char *const fields[] = { "_menu_elem_name_",
                                          "_menu_elem_url_", "_menu_size" };
    size_t k, f, n;
    char *end;

    for (k = 0; k < NKINDS; k++) {
        /* Most keys of a page differ at once. */
        if (tolower((unsigned char)key[0]) !=
            tolower((unsigned char)kind_name[k][0]))
            continue;
        n = strlen(kind_name[k]);
        if (strncasecmp(key, kind_name[k], n) != 0)
            continue;
        for (f = 0; f < 3; f++) {
            size_t fl = strlen(fields[f]);

            if (strncasecmp(key + n, fields[f], fl) != 0)
                continue;
            *kind = (int)k;
            *field = "nus"[f];
            if (f == 2)
                return key[n + fl] == '\0' ? 0 : -1;
            if (!isdigit((unsigned char)key[n + fl]))
                return -1;
            *num = strtol(key + n + fl, &end, 10);
            return *end == '\0' ? 0 : -1;
        }
    }
    return -1;
}

static struct entry *
entry_for(struct rule_ctx *cx, struct pmenu *m, unsigned n)
{
    size_t i;
    struct entry *e;

    for (i = 0; i < m->n; i++)
        if (m->e[i].n == n)
            return &m->e[i];
    e = RULE_PUSH(cx, m->e, m->n, m->cap);
    e->n = n;
    /* Keep them sorted: menus are short, insertion is fine. */
    for (i = m->n - 1; i > 0 && m->e[i - 1].n > n; i--) {
        struct entry t = m->e[i - 1];

        m->e[i - 1] = m->e[i];
        m->e[i] = t;
    }
    return &m->e[i];
}

static unsigned
end_of(const struct fm_node *v)
{
    return v->exact ? v->pos.col + (unsigned)v->len : 0;
}

/* A numbered menu key of a page, parsed: see parse_key(). */
struct nkey {
    const struct fm_node *v;
    int kind;
    char field;
    long num;
};

/* The page's numbered menu keys, parsed once, in *n; and each numbered
 * menu given room for its entries, as many as it has names or URLs:
 * every page of a site with sidebars keeps them for the run, and arrays
 * grown by doubling would keep half again. */
static struct nkey *
numbered_keys(struct rule_ctx *cx, struct ppage *pp, const struct fm_node *fm,
              size_t *n)
{
    struct nkey *keys = rule_page_alloc(cx, (fm->nkids + 1) * sizeof *keys);
    size_t names[NKINDS] = { 0 }, urls[NKINDS] = { 0 }, i;
    int kind;

    *n = 0;
    for (i = 0; i < fm->nkids; i++) {
        struct nkey *k = &keys[*n];

        k->v = fm->kids[i];
        k->num = 0;
        if (k->v->key == NULL ||
            parse_key(k->v->key, &k->kind, &k->field, &k->num) != 0)
            continue;
        if (k->field == 'n')
            names[k->kind]++;
        else if (k->field == 'u')
            urls[k->kind]++;
        ++*n;
    }
    for (kind = 0; kind < NKINDS; kind++) {
        size_t e = names[kind] > urls[kind] ? names[kind] : urls[kind];

        if (e > 0 && e <= MENU_MAX_ENTRIES) {
            pp->menu[kind].e = rule_alloc(cx, e * sizeof *pp->menu[kind].e);
            pp->menu[kind].cap = e;
        }
    }
    return keys;
}

static void
read_numbered(struct rule_ctx *cx, struct ppage *pp, const struct nkey *k)
{
    const struct fm_node *v = k->v;
    int kind = k->kind;
    char field = k->field;
    long num = k->num;
    struct pmenu *m = &pp->menu[kind];
    struct entry *e;
    struct diag *d;
    const struct pos *first;

    if (field == 's') {
        char *end;

        if (m->has_size) {
            d = rule_report(cx, v->key_pos, 0, "'%s' is declared twice",
                            v->key);
            rule_note(d, m->size_pos, "first declared here");
            return;
        }
        m->has_size = 1;
        m->size_pos = v->pos;
        m->size_end = end_of(v);
        m->size = v->type == FM_SCALAR ? strtol(v->str, &end, 10) : -1;
        if (v->type != FM_SCALAR || *end != '\0' || m->size < 0) {
            rule_report(cx, v->pos, m->size_end,
                        "'%s' must be a whole number, not '%s'", v->key,
                        v->type == FM_SCALAR ? v->str : "a list");
            m->has_size = 0;
        }
        return;
    }
    if (num < 1 || num > MENU_MAX_ENTRIES) {
        rule_report(cx, v->key_pos, 0,
                    "menu entries are numbered from 1 to %d, not %ld",
                    MENU_MAX_ENTRIES, num);
        return;
    }
    e = entry_for(cx, m, (unsigned)num);
    first = field == 'n' ? (e->name ? &e->name_pos : NULL)
                         : (e->url ? &e->url_pos : NULL);
    if (first != NULL) {
        d = rule_report(cx, v->key_pos, 0,
                        "%s entry %ld is declared twice", kind_word[kind],
                        num);
        rule_note(d, *first, "first declared here");
        return;
    }
    if (v->type != FM_SCALAR)
        return;
    if (field == 'n') {
        e->name = rule_strndup(cx, v->str, v->len);
        e->name_pos = v->pos;
        e->name_end = end_of(v);
    } else {
        e->url = rule_strndup(cx, v->str, v->len);
        e->url_pos = v->pos;
        e->url_end = end_of(v);
    }
}

/* The page's own checks: pairs, numbering, size. */
static void
check_numbering(struct rule_ctx *cx, const struct page *pg, int kind,
                struct pmenu *m)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        const struct entry *e = &m->e[i];

        if (e->name != NULL && e->url == NULL)
            rule_report(cx, e->name_pos, e->name_end,
                        "%s entry %u '%s' has a name but no "
                        "%s_menu_elem_url_%u", kind_word[kind], e->n, e->name,
                        kind_name[kind], e->n);
        else if (e->url != NULL && e->name == NULL)
            rule_report(cx, e->url_pos, e->url_end,
                        "%s entry %u has a url but no %s_menu_elem_name_%u",
                        kind_word[kind], e->n, kind_name[kind], e->n);
        if (e->n != i + 1 && (i == 0 || m->e[i - 1].n != e->n - 1)) {
            struct pos at = e->name != NULL ? e->name_pos : e->url_pos;

            if (i == 0)
                rule_report(cx, at, 0, "%s entries start at %u, not 1",
                            kind_word[kind], e->n);
            else
                rule_report(cx, at, 0, "%s entries skip from %u to %u",
                            kind_word[kind], m->e[i - 1].n, e->n);
        }
    }
    if (m->has_size && (size_t)m->size != m->n)
        rule_report(cx, m->size_pos, m->size_end,
                    "%s_menu_size is %ld but %zu %s entr%s declared",
                    kind_name[kind], m->size, m->n, kind_word[kind],
                    m->n == 1 ? "y is" : "ies are");
    else if (!m->has_size && m->n > 0)
        rule_report(cx, (struct pos){ pg->path, pg->body_line > 1 ? 1 : 0,
                                      pg->body_line > 1 ? 1 : 0 }, 0,
                    "%s entries are declared but no %s_menu_size: the "
                    "theme shows none of them", kind_word[kind],
                    kind_name[kind]);
}

/* "/{page}/{url}.html" for this page and entry, in b (its text, which
 * the next call replaces). */
static const char *
expand(struct buf *b, const char *tpl, const struct page_info *pi,
       const char *url)
{
    const char *page = pi != NULL && pi->url != NULL ? pi->url : "/";
    size_t plen;

    if (strstr(url, "://") != NULL)
        return url;             /* an absolute URL is used as written */
    buf_reset(b);
    while (*page == '/')
        page++;
    plen = strlen(page);
    while (plen > 0 && page[plen - 1] == '/')
        plen--;
    for (; *tpl != '\0'; tpl++) {
        if (strncmp(tpl, "{page}", 6) == 0) {
            buf_add(b, page, plen);
            tpl += 5;
        } else if (strncmp(tpl, "{url}", 5) == 0) {
            size_t n = strlen(url);

            buf_adds(b, url);
            tpl += 4;
            /* The theme adds ".html" only to an entry not ending in a
             * slash: "about/" leads to /about/. */
            if (n > 0 && url[n - 1] == '/' && strncmp(tpl + 1, ".html", 5)
                == 0)
                tpl += 5;
        } else {
            buf_addc(b, *tpl);
        }
    }
    return b->p != NULL ? b->p : "";
}

/* Where entry e of kind k on a linted page pp leads, into *t: the URL
 * path ("." and ".." gone) in t->url, or the URL as written if it is
 * another site's.  t's strings last until the next call. */
static const char *
target_of(struct rule_ctx *cx, const struct ppage *pp, int k,
          const struct entry *e, struct buf *b, struct link_target *t)
{
    const char *tpl = rule_opt_str(cx, k == DROPDOWN ? O_DROPDOWN_URL
                                                     : O_SIDEBAR_URL);
    const char *url = expand(b, tpl != NULL ? tpl
                                            : site_menu_url(rule_site(cx), k),
                             pp->info, e->url);

    rule_resolve(cx, pp->info, url, FORM_ROOT, t);
    return t->url != NULL ? t->url : url;
}

static void
add_id(struct rule_ctx *cx, struct ppage *pp, const char *id, size_t len)
{
    while (len > 0 && id[0] == '/') {
        id++;
        len--;
    }
    while (len > 0 && id[len - 1] == '/')
        len--;
    if (len > 5 && strncmp(id + len - 5, ".html", 5) == 0)
        len -= 5;
    if (len > 11 && strncmp(id + len - 11, "/index.html", 11) == 0)
        len -= 11;
    if (len > 0)
        *RULE_PUSH(cx, pp->ids, pp->nids, pp->ids_cap) =
            rule_strndup(cx, id, len);
}

/* The names Parent_id and Inherit_sidebar may use for a page: its
 * Page_id, slug, URL, or file (folder, for an index page) name. */
static void
page_ids(struct rule_ctx *cx, struct ppage *pp, const struct page *pg)
{
    static const char *const keys[] = { "page_id", "id", "slug", "url" };
    const char *base, *dot;
    size_t i;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const struct fm_node *v = fm_get(pg->fm, keys[i]);

        if (v != NULL && v->type == FM_SCALAR)
            add_id(cx, pp, v->str, v->len);
    }
    if (pg->info->url != NULL)
        add_id(cx, pp, pg->info->url, strlen(pg->info->url));
    base = strrchr(pg->path, '/');
    base = base != NULL ? base + 1 : pg->path;
    dot = strchr(base, '.');
    if (dot != NULL && ((dot - base == 6 && !strncmp(base, "_index", 6)) ||
                        (dot - base == 5 && !strncmp(base, "index", 5)))) {
        const char *end = base - 1, *start = end;

        while (start > pg->path && start[-1] != '/')
            start--;
        if (end > start)
            add_id(cx, pp, start, (size_t)(end - start));
    } else {
        add_id(cx, pp, base, dot != NULL ? (size_t)(dot - base)
                                         : strlen(base));
    }
}

/* A scalar member of map, copied to run memory (front matter lives only
 * as long as its page). */
static const char *
node_str(struct rule_ctx *cx, const struct fm_node *map, const char *key,
         struct pos *pos)
{
    const struct fm_node *v = fm_get(map, key);

    if (v == NULL || v->type != FM_SCALAR || v->len == 0)
        return NULL;
    if (pos != NULL)
        *pos = v->pos;
    return rule_strndup(cx, v->str, v->len);
}

/* A name that leads to two places in one linted page's menus; b is
 * the caller's, for targets. */
static void
check_names(struct rule_ctx *cx, const struct ppage *pp, struct buf *tb)
{
    size_t i, j;
    int a, b;

    for (a = 0; a < NKINDS; a++)
        for (i = 0; i < pp->menu[a].n; i++) {
            const struct entry *x = &pp->menu[a].e[i];

            if (x->name == NULL || x->url == NULL)
                continue;
            for (b = a; b < NKINDS; b++)
                for (j = (b == a ? i + 1 : 0); j < pp->menu[b].n; j++) {
                    const struct entry *y = &pp->menu[b].e[j];
                    struct link_target t;
                    const char *xt, *yt;
                    struct diag *d;

                    /* Entries named alike are few: their targets are
                     * worked out only for them. */
                    if (y->name == NULL || y->url == NULL ||
                        strcasecmp(x->name, y->name) != 0)
                        continue;
                    xt = target_of(cx, pp, a, x, tb, &t);
                    xt = rule_strndup(cx, xt, strlen(xt));
                    yt = target_of(cx, pp, b, y, tb, &t);
                    if (strcmp(xt, yt) == 0)
                        continue;
                    d = rule_report_sev(cx, SEV_WARNING, y->url_pos,
                                        y->url_end,
                                        "'%s' leads to %s in the %s but to "
                                        "%s in the %s", y->name, yt,
                                        kind_word[b], xt, kind_word[a]);
                    rule_note(d, x->url_pos, "the %s entry is here",
                              kind_word[a]);
                }
        }
}

/* ---- named menus ------------------------------------------------------ */

static const char *
entry_ident(const struct nentry *h)
{
    if (h->identifier != NULL)
        return h->identifier;
    if (h->name != NULL)
        return h->name;
    return h->page != NULL && h->page->title != NULL ? h->page->title : "";
}

static uint32_t
bucket_hash(const char *menu, const char *word)
{
    uint64_t h = fnv1a64(FNV1A64_START, menu, strlen(menu) + 1);

    return hindex_fold(fnv1a64(h, word, strlen(word)));
}

static struct bucket *
bucket_get(const struct buckets *t, const char *menu, const char *word)
{
    size_t cursor = 0, i;
    uint32_t hash = bucket_hash(menu, word);

    while ((i = hindex_next(&t->ix, hash, &cursor)) != SIZE_MAX)
        if (strcmp(t->v[i].word, word) == 0 &&
            strcmp(t->v[i].menu, menu) == 0)
            return &t->v[i];
    return NULL;
}

/* Puts the named entry i of ss in its bucket, after those put before. */
static void
bucket_add(struct rule_ctx *cx, struct site_state *ss, size_t i)
{
    struct buckets *t = &ss->by_ident;
    const char *menu = ss->named[i].menu;
    const char *word = entry_ident(&ss->named[i]);
    struct bucket *b = bucket_get(t, menu, word);

    t->next = rule_grow(cx, t->next, &t->next_cap, i + 1, sizeof *t->next);
    t->next[i] = SIZE_MAX;
    if (b == NULL) {
        hindex_put(&t->ix, bucket_hash(menu, word), t->n);
        b = RULE_PUSH(cx, t->v, t->n, t->cap);
        b->menu = menu;
        b->word = word;
        b->first = i;
    } else {
        t->next[b->last] = i;
    }
    b->last = i;
}

static void
add_named(struct rule_ctx *cx, const char *menu, const char *lang,
         const struct fm_node *e, const struct page_info *page, struct pos at)
{
    struct site_state *ss = rule_site_state(cx);
    struct nentry *h = RULE_PUSH(cx, ss->named, ss->nnamed, ss->named_cap);
    const struct fm_node *u;

    /* The slot of an entry a damaged record dropped (replay_named()) is
     * used again: what it held is not this entry's. */
    memset(h, 0, sizeof *h);
    h->menu = rule_strndup(cx, menu, strlen(menu));
    h->lang = lang != NULL ? rule_strndup(cx, lang, strlen(lang)) : NULL;
    h->pos = at;
    h->page = page;
    if (e == NULL || e->type != FM_MAP) {
        bucket_add(cx, ss, ss->nnamed - 1);
        return;
    }
    h->identifier = node_str(cx, e, "identifier", &h->ident_pos);
    h->name = node_str(cx, e, "name", NULL);
    h->url = node_str(cx, e, "url", &h->url_pos);
    if ((u = fm_get(e, "url")) != NULL)
        h->url_end = end_of(u);
    if (h->url == NULL && (h->page_ref = node_str(cx, e, "pageRef",
                                                  &h->url_pos)) != NULL &&
        (u = fm_get(e, "pageRef")) != NULL)
        h->url_end = end_of(u);
    h->parent = node_str(cx, e, "parent", &h->parent_pos);
    bucket_add(cx, ss, ss->nnamed - 1);
}

/* The config's menus: { main: [ {name, url, parent, ...}, ... ] }. */
static void
read_config_menus(struct rule_ctx *cx, const struct fm_node *menus,
                  const char *lang)
{
    size_t i, k;

    if (menus == NULL || menus->type != FM_MAP)
        return;
    for (i = 0; i < menus->nkids; i++) {
        const struct fm_node *m = menus->kids[i];

        for (k = 0; m->type == FM_SEQ && k < m->nkids; k++)
            add_named(cx, m->key, lang, m->kids[k], NULL, m->kids[k]->pos);
    }
}

/* Front matter: menu: main | [main, footer] | {main: {parent: x}}. */
static void
read_page_menus(struct rule_ctx *cx, const struct page *pg)
{
    const struct fm_node *m = fm_get(pg->fm, "menus");
    size_t i;

    if (m == NULL)
        m = fm_get(pg->fm, "menu");
    if (m == NULL || pg->fm_format == FMF_PELICAN)
        return;
    if (m->type == FM_SCALAR) {
        add_named(cx, m->str, pg->lang, NULL, pg->info, m->pos);
    } else if (m->type == FM_SEQ) {
        for (i = 0; i < m->nkids; i++)
            if (m->kids[i]->type == FM_SCALAR)
                add_named(cx, m->kids[i]->str, pg->lang, NULL, pg->info,
                         m->kids[i]->pos);
    } else if (m->type == FM_MAP) {
        for (i = 0; i < m->nkids; i++)
            add_named(cx, m->kids[i]->key, pg->lang, m->kids[i], pg->info,
                     m->kids[i]->key_pos);
    }
}

/* Can a and b be in one menu: the same language, or one of them in every
 * language's? */
static int
same_menu(const struct nentry *a, const struct nentry *b)
{
    return strcmp(a->menu, b->menu) == 0 &&
           (a->lang == NULL || b->lang == NULL ||
            strcasecmp(a->lang, b->lang) == 0);
}

/* A page_info pointer, for the set of pages a menu reaches. */
struct reached {
    const struct page_info *page;
    UT_hash_handle hh;
};

/* What check_entry() reads, the same for every entry. */
struct named_check {
    const struct site_state *ss;
    const struct page_info **reach;     /* by entry: the page of the menu
                                         * every page is in that it leads
                                         * to, or NULL */
};

/* Named entry i: where it leads, its parent, whether an earlier entry
 * repeats it.  Entries are checked on every core (rule_split()). */
static void
check_entry(struct rule_ctx *cx, size_t i, void *arg)
{
    const struct named_check *nc = arg;
    const struct site_state *ss = nc->ss;
    const size_t *next = ss->by_ident.next;
    const struct site *site = rule_site(cx);
    const struct nentry *h = &ss->named[i];
    const struct bucket *same;
    struct link_target t;
    struct diag *d;
    size_t j;

    /* An entry of a page not linted: only which page it leads to, for
     * the menu every page must be in. */
    int quiet = h->page != NULL && !h->page->linted;

    if (quiet && (site->page_menu == NULL ||
                  strcmp(h->menu, site->page_menu) != 0 ||
                  (h->url == NULL && h->page_ref == NULL)))
        return;
    if (h->url != NULL || h->page_ref != NULL) {
        rule_resolve(cx, h->page, h->url != NULL ? h->url : h->page_ref,
                     h->url != NULL ? FORM_ROOT : FORM_REF, &t);
        if (t.kind == LINK_PAGE && t.page != NULL &&
            site->page_menu != NULL && strcmp(h->menu, site->page_menu) == 0)
            nc->reach[i] = t.page;
        if (quiet)
            return;
        if (t.kind == LINK_BROKEN) {
            const char *near = h->url != NULL ? rule_suggest(cx, t.url)
                                              : NULL;

            d = rule_report(cx, h->url_pos, h->url_end,
                            "menu '%s' entry '%s' leads to no page: '%s'",
                            h->menu, entry_ident(h),
                            h->url != NULL ? h->url : h->page_ref);
            if (near != NULL)
                rule_note(d, h->url_pos, "did you mean '%s'?", near);
        }
    }
    if (h->parent != NULL) {
        const struct bucket *pb = bucket_get(&ss->by_ident, h->menu,
                                             h->parent);

        for (j = pb != NULL ? pb->first : SIZE_MAX; j != SIZE_MAX;
             j = next[j])
            if (same_menu(&ss->named[j], h))
                break;
        if (j == SIZE_MAX)
            rule_report(cx, h->parent_pos, 0,
                        "menu '%s' has no entry '%s' to be the parent of "
                        "'%s'", h->menu, h->parent, entry_ident(h));
    }
    /* The earlier entries that could repeat this one, in order: those of
     * the same identifier or name (entry_ident(), which is the
     * identifier when there is one). */
    same = bucket_get(&ss->by_ident, h->menu, entry_ident(h));
    for (j = same != NULL ? same->first : SIZE_MAX; j < i; j = next[j]) {
        const struct nentry *o = &ss->named[j];

        /* A language's own config menu replaces the one of every
         * language: no repeat between the two. */
        if (!same_menu(o, h) ||
            (o->page == NULL && h->page == NULL &&
             (o->lang == NULL) != (h->lang == NULL)))
            continue;
        if (h->identifier != NULL && o->identifier != NULL &&
            strcmp(h->identifier, o->identifier) == 0) {
            d = rule_report(cx, h->ident_pos, 0,
                            "menu '%s' has two entries with identifier "
                            "'%s'", h->menu, h->identifier);
            rule_note(d, o->ident_pos, "the other one is here");
            break;
        }
        if (strcmp(entry_ident(h), entry_ident(o)) == 0 &&
            (h->identifier == NULL || o->identifier == NULL) &&
            ((h->parent == NULL && o->parent == NULL) ||
             (h->parent != NULL && o->parent != NULL &&
              strcmp(h->parent, o->parent) == 0))) {
            d = rule_report(cx, h->pos, 0,
                            "menu '%s' has two entries named '%s' %s%s%s",
                            h->menu, entry_ident(h),
                            h->parent ? "under '" : "at the top level",
                            h->parent ? h->parent : "",
                            h->parent ? "'" : "");
            rule_note(d, o->pos, "the other one is here");
            break;
        }
    }
}

static void
check_named(struct rule_ctx *cx)
{
    struct site_state *ss = rule_site_state(cx);
    const struct site *site = rule_site(cx);
    struct reached *reached = NULL, *r;
    struct named_check nc;
    size_t i;

    nc.ss = ss;
    nc.reach = rule_page_alloc(cx, (ss->nnamed + 1) * sizeof *nc.reach);
    memset(nc.reach, 0, (ss->nnamed + 1) * sizeof *nc.reach);
    rule_split(cx, ss->nnamed, check_entry, &nc);
    for (i = 0; i < ss->nnamed; i++) {
        if (nc.reach[i] == NULL)
            continue;
        HASH_FIND_PTR(reached, &nc.reach[i], r);
        if (r == NULL) {
            r = rule_page_alloc(cx, sizeof *r);
            r->page = nc.reach[i];
            HASH_ADD_PTR(reached, page, r);
        }
    }
    /* A page no entry of the menu every page belongs in leads to (MkDocs'
     * nav), as MkDocs reports it. */
    for (i = 0; site->page_menu != NULL && i < ss->nseen; i++) {
        const struct page_info *pi = ss->seen[i];

        HASH_FIND_PTR(reached, &pi, r);
        if (r == NULL && pi->src_key != NULL &&
            !site_menu_exempt(site, pi->src_key))
            rule_report_sev(cx, SEV_NOTE, (struct pos){ pi->path, 0, 0 }, 0,
                            "page is in no entry of the '%s' menu, so no "
                            "menu leads to it", site->page_menu);
    }
    HASH_CLEAR(hh, reached);
}

/* ---- per page --------------------------------------------------------- */

/* Keys of the menu machinery: "top_menu_order", "parent_id" (given in
 * lower case). */
static int
is_menu_key(const char *lower)
{
    const char *p;

    /* One pass, not three strstr(): every key of every page comes here. */
    for (p = lower; *p != '\0'; p++)
        if ((*p == 'm' && strncmp(p, "menu", 4) == 0) ||
            (*p == 's' && strncmp(p, "sidebar", 7) == 0) ||
            (*p == 'p' && strncmp(p, "parent", 6) == 0))
            return 1;
    return 0;
}

/* Menu keys are "Sidebar_menu_elem_name_12" and the like; a longer one
 * is no key of the themes. */
#define MENU_KEY_MAX 64

/* ---- the page's record ------------------------------------------------ */

/* What a page gives the site's menus when it is not linted, kept by the
 * persistent index for the runs that do not read it again, in record.h's
 * fields (a string the page does not have: none).  The items, each a
 * string of one letter and then its fields:
 *
 *   K count bytes, then in those bytes, count times key line col
 *                             its keys of the menu machinery
 *   N menu line col ident line col name url line col end pageRef
 *     parent line col         an entry of a named menu
 *   F                         the page has front matter, and:
 *   S has-size size line col end count bytes, then in those bytes,
 *     count times number name line col end url line col end
 *                             its sidebar, read if it is compared
 *   P parent line col, I inherit line col           Parent_id and the like
 *   D count id...             the names other pages may call it by */

static void
put_pos(struct buf *b, struct pos p)
{
    record_num(b, p.line);
    record_num(b, p.col);
}

static void
record_named(struct buf *b, const struct nentry *h)
{
    record_str(b, "N");
    record_str(b, h->menu);
    put_pos(b, h->pos);
    record_str(b, h->identifier);
    put_pos(b, h->ident_pos);
    record_str(b, h->name);
    record_str(b, h->url);
    put_pos(b, h->url_pos);
    record_num(b, h->url_end);
    record_str(b, h->page_ref);
    record_str(b, h->parent);
    put_pos(b, h->parent_pos);
}

/* What check_site() reads of a page not linted: its sidebar, the pages
 * it names, its names.  (Its dropdown counts only where it is linted.) */
static void
record_page(struct buf *b, const struct ppage *pp)
{
    const struct pmenu *m = &pp->menu[SIDEBAR];
    size_t i;

    record_str(b, "F");
    if (m->n > 0 || m->has_size) {
        struct buf side = { 0 };

        for (i = 0; i < m->n; i++) {
            const struct entry *e = &m->e[i];

            record_num(&side, e->n);
            record_str(&side, e->name);
            put_pos(&side, e->name_pos);
            record_num(&side, e->name_end);
            record_str(&side, e->url);
            put_pos(&side, e->url_pos);
            record_num(&side, e->url_end);
        }
        record_str(b, "S");
        record_num(b, (uint64_t)m->has_size);
        record_num(b, m->has_size ? (uint64_t)m->size : 0);
        put_pos(b, m->size_pos);
        record_num(b, m->size_end);
        record_num(b, m->n);
        record_num(b, side.len);
        buf_add(b, side.p, side.len);
        buf_free(&side);
    }
    if (pp->parent != NULL) {
        record_str(b, "P");
        record_str(b, pp->parent);
        put_pos(b, pp->parent_pos);
    }
    if (pp->inherit != NULL) {
        record_str(b, "I");
        record_str(b, pp->inherit);
        put_pos(b, pp->inherit_pos);
    }
    if (pp->nids > 0) {
        record_str(b, "D");
        record_strs(b, pp->ids, pp->nids);
    }
}

/* A record being read, and the page's path for its positions; f.bad once
 * it is not what record_page() and the like write. */
struct rec {
    struct record_reader f;
    const char *path;
};

static struct rec
rec_of(const char *bytes, size_t len, const char *path)
{
    struct rec r;

    r.f.p = (const unsigned char *)bytes;
    r.f.end = r.f.p + len;
    r.f.bad = 0;
    r.path = path;
    return r;
}

/* The next string, NULL for none. */
static const char *
rd_str(struct rec *r)
{
    return record_read_str(&r->f, NULL);
}

static unsigned
rd_num(struct rec *r)
{
    uint64_t v = record_read_num(&r->f);

    if (v > UINT_MAX)
        r->f.bad = 1;
    return r->f.bad ? 0 : (unsigned)v;
}

/* Where the next n bytes lie, skipped; NULL if the record is shorter. */
static const char *
rd_bytes(struct rec *r, size_t n)
{
    const char *at = (const char *)r->f.p;

    if (r->f.bad || n > (size_t)(r->f.end - r->f.p)) {
        r->f.bad = 1;
        return NULL;
    }
    r->f.p += n;
    return at;
}

static struct pos
rd_pos(struct rec *r)
{
    struct pos p;

    p.file = r->path;
    p.line = rd_num(r);
    p.col = rd_num(r);
    return p;
}

static void
replay_named(struct rule_ctx *cx, struct rec *r, const struct page *pg)
{
    struct site_state *ss = rule_site_state(cx);
    struct nentry *h = RULE_PUSH(cx, ss->named, ss->nnamed, ss->named_cap);

    h->menu = rd_str(r);
    h->lang = rule_strndup(cx, pg->lang, strlen(pg->lang));
    h->pos = rd_pos(r);
    h->identifier = rd_str(r);
    h->ident_pos = rd_pos(r);
    h->name = rd_str(r);
    h->url = rd_str(r);
    h->url_pos = rd_pos(r);
    h->url_end = rd_num(r);
    h->page_ref = rd_str(r);
    h->parent = rd_str(r);
    h->parent_pos = rd_pos(r);
    h->page = pg->info;
    if (h->menu == NULL)
        r->f.bad = 1;
    if (r->f.bad)
        ss->nnamed--;
    else
        bucket_add(cx, ss, ss->nnamed - 1);
}

/* The sidebar's size and count; its entries are left where they are
 * (pp->sidebar_rec) until they are compared: most pages' never are. */
static void
replay_sidebar(struct rec *r, struct ppage *pp)
{
    struct pmenu *m = &pp->menu[SIDEBAR];
    unsigned len;

    m->has_size = rd_num(r) != 0;
    m->size = rd_num(r);
    m->size_pos = rd_pos(r);
    m->size_end = rd_num(r);
    m->n = rd_num(r);
    len = rd_num(r);
    if (m->n > MENU_MAX_ENTRIES)
        r->f.bad = 1;
    pp->sidebar_rec = rd_bytes(r, len);
    pp->sidebar_len = len;
}

/* pp's sidebar, its entries read from its record if the index kept the
 * page; NULL if the record is damaged. */
static const struct pmenu *
sidebar_of(struct rule_ctx *cx, const struct ppage *pp)
{
    const struct pmenu *m = &pp->menu[SIDEBAR];
    struct rec r = rec_of(pp->sidebar_rec, pp->sidebar_len, pp->info->path);
    struct pmenu *read;
    size_t i;

    if (pp->sidebar_rec == NULL)
        return m;
    read = rule_page_alloc(cx, sizeof *read);
    *read = *m;
    read->e = rule_page_alloc(cx, (m->n + 1) * sizeof *read->e);
    for (i = 0; i < m->n && !r.f.bad; i++) {
        struct entry *e = &read->e[i];

        e->n = rd_num(&r);
        e->name = rd_str(&r);
        e->name_pos = rd_pos(&r);
        e->name_end = rd_num(&r);
        e->url = rd_str(&r);
        e->url_pos = rd_pos(&r);
        e->url_end = rd_num(&r);
    }
    return r.f.bad || r.f.p != r.f.end ? NULL : read;
}

static void
replay_ids(struct rule_ctx *cx, struct rec *r, struct ppage *pp)
{
    unsigned n = rd_num(r), i;

    /* Each id takes two bytes at least: a count past that is damage. */
    if (r->f.bad || n > (size_t)(r->f.end - r->f.p) / 2) {
        r->f.bad = 1;
        return;
    }
    pp->ids = rule_alloc(cx, (n + 1) * sizeof *pp->ids);
    pp->nids = pp->ids_cap = n;
    for (i = 0; i < n && !r->f.bad; i++)
        if ((pp->ids[i] = rd_str(r)) == NULL)
            r->f.bad = 1;
}

/* Pages come in the order they are read, which puts the pages named
 * first; what depends on which of two pages comes first goes by the
 * site's order instead. */
static size_t
order_of(const struct page_info *pi)
{
    return pi != NULL ? pi->order : SIZE_MAX;
}

static size_t
page_key(const void *m)
{
    return order_of(((const struct ppage *)m)->info);
}

static size_t
entry_key(const void *m)
{
    return order_of(((const struct nentry *)m)->page);
}

/* Puts v (n members of size bytes) in the site's order of their pages,
 * key(member) being its page's order (SIZE_MAX for none: last), the
 * members of one page as they were; 1 if any moved.  The pages named
 * come first, and any number may be named; orders are numbers below the
 * site's count of pages: a counting sort, in place, costs O(n) where a
 * qsort() of every page took a tenth of a run that names one. */
static int
sort_by_order(struct rule_ctx *cx, void *v, size_t n, size_t size,
              size_t (*key)(const void *))
{
    char *b = v, *tmp;
    size_t i, j, k, last = 0, prev = 0, *at, *dest;
    int sorted = 1, unkeyed = 0;

    for (i = 0; i < n; i++) {
        if ((k = key(b + i * size)) == SIZE_MAX) {
            unkeyed = 1;
            continue;
        }
        if (k >= last)
            last = k + 1;
        if (unkeyed || k < prev)
            sorted = 0;
        prev = k;
    }
    if (sorted)
        return 0;               /* a run over the whole site: in order */
    /* at[k]: where the members of key k go (key SIZE_MAX: as last). */
    at = rule_page_alloc(cx, (last + 2) * sizeof *at);
    memset(at, 0, (last + 2) * sizeof *at);
    for (i = 0; i < n; i++) {
        k = key(b + i * size);
        at[(k == SIZE_MAX ? last : k) + 1]++;
    }
    for (k = 1; k <= last + 1; k++)
        at[k] += at[k - 1];
    dest = rule_page_alloc(cx, (n + 1) * sizeof *dest);
    for (i = 0; i < n; i++) {
        k = key(b + i * size);
        dest[i] = at[k == SIZE_MAX ? last : k]++;
    }
    /* Each swap puts one member where it goes. */
    tmp = rule_page_alloc(cx, size);
    for (i = 0; i < n; i++)
        while ((j = dest[i]) != i) {
            memcpy(tmp, b + j * size, size);
            memcpy(b + j * size, b + i * size, size);
            memcpy(b + i * size, tmp, size);
            dest[i] = dest[j];
            dest[j] = j;
        }
    return 1;
}

/* key in lower case, in lower; its length, or 0 if it is too long to be
 * a key of the menu machinery. */
static size_t
lower_key(const char *key, char lower[MENU_KEY_MAX])
{
    size_t k;

    for (k = 0; key[k] != '\0'; k++) {
        if (k + 1 >= MENU_KEY_MAX)
            return 0;
        lower[k] = (char)tolower((unsigned char)key[k]);
    }
    lower[k] = '\0';
    return k;
}

/* The spelling key, a key of the menu machinery (is_menu_key()) that is
 * lower (of length k) in lower case, of the site's keys. */
static struct spelling *
find_spelling(struct rule_ctx *cx, const char *key, const char *lower,
              size_t k)
{
    struct site_state *ss = rule_site_state(cx);
    struct keyuse *ku;
    struct spelling *sp;

    HASH_FIND_STR(ss->keys, lower, ku);
    if (ku == NULL) {
        ku = rule_alloc(cx, sizeof *ku);
        ku->lower = rule_strndup(cx, lower, k);
        HASH_ADD_KEYPTR(hh, ss->keys, ku->lower, strlen(ku->lower), ku);
    }
    for (sp = ku->spellings; sp != NULL; sp = sp->next)
        if (strcmp(sp->key, key) == 0)
            break;
    if (sp == NULL) {
        sp = rule_alloc(cx, sizeof *sp);
        sp->key = rule_strndup(cx, key, k);
        sp->first_order = SIZE_MAX;
        sp->next = ku->spellings;
        ku->spellings = sp;
    }
    return sp;
}

/* Counts a use of sp by page pi, at pos. */
static void
use_key(struct spelling *sp, const struct page_info *pi, struct pos pos)
{
    if (order_of(pi) < sp->first_order) {
        sp->first = pos;
        sp->first_order = order_of(pi);
    }
    sp->uses++;
}

/* The page's keys of the menu machinery, each counted (and recorded in
 * rec, if not NULL). */
static void
note_keys(struct rule_ctx *cx, const struct page *pg, struct buf *rec)
{
    struct buf b = { 0 };
    size_t i, k, n = 0;

    for (i = 0; pg->fm != NULL && i < pg->fm->nkids; i++) {
        const struct fm_node *v = pg->fm->kids[i];
        char lower[MENU_KEY_MAX];

        if (v->key == NULL || (k = lower_key(v->key, lower)) == 0 ||
            !is_menu_key(lower))
            continue;
        use_key(find_spelling(cx, v->key, lower, k), pg->info, v->key_pos);
        if (rec != NULL) {
            record_str(&b, v->key);
            put_pos(&b, v->key_pos);
            n++;
        }
    }
    if (n > 0) {
        record_str(rec, "K");
        record_num(rec, n);
        record_num(rec, b.len);
        buf_add(rec, b.p, b.len);
    }
    buf_free(&b);
}

/* A kept page's keys: bytes of its record holding n of them. */
static void
replay_keys(struct rule_ctx *cx, const struct page *pg, const char *bytes,
            size_t len, unsigned n)
{
    struct site_state *ss = rule_site_state(cx);
    struct rec r = rec_of(bytes, len, pg->path);
    size_t i;

    if (len != ss->memo_len || memcmp(bytes, ss->memo, len) != 0) {
        ss->nmemo = 0;
        ss->memo_len = 0;
        for (i = 0; i < n; i++) {
            const char *key = rd_str(&r);
            struct pos at = rd_pos(&r);
            char lower[MENU_KEY_MAX];
            size_t kn;
            struct keyref *k;

            if (r.f.bad || key == NULL || (kn = lower_key(key, lower)) == 0)
                return;         /* damaged */
            k = RULE_PUSH(cx, ss->memo_keys, ss->nmemo, ss->memo_cap);
            k->sp = find_spelling(cx, key, lower, kn);
            k->line = at.line;
            k->col = at.col;
        }
        ss->memo = bytes;
        ss->memo_len = len;
    }
    for (i = 0; i < ss->nmemo; i++)
        use_key(ss->memo_keys[i].sp, pg->info,
                (struct pos){ pg->path, ss->memo_keys[i].line,
                              ss->memo_keys[i].col });
}

/* ---- the site's pages, as they come ----------------------------------- */

/* Are pp's findings reported: is it a linted page's? */
static int
linted(const struct ppage *pp)
{
    return pp->info != NULL && pp->info->linted;
}

static const struct page_id *
find_id(const struct page_ids *t, const char *id, size_t n, uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(&t->ix, hash, &cursor)) != SIZE_MAX)
        if (t->v[i].n == n && memcmp(t->v[i].id, id, n) == 0)
            return &t->v[i];
    return NULL;
}

/* The first page to have id, as written (slashes around it left out). */
static void
add_id_of(struct rule_ctx *cx, struct page_ids *t, const char *id,
          size_t page)
{
    size_t n = strlen(id);
    uint32_t hash = hindex_hash(id, n);
    struct page_id *e;

    if (find_id(t, id, n, hash) != NULL)
        return;
    hindex_put(&t->ix, hash, t->n);
    e = RULE_PUSH(cx, t->v, t->n, t->cap);
    e->id = id;
    e->n = n;
    e->page = page;
}

static const struct ppage *
find_page(const struct site_state *ss, const char *id)
{
    size_t n = strlen(id);
    const struct page_id *e;

    while (n > 0 && id[n - 1] == '/')
        n--;
    while (n > 0 && *id == '/') {
        id++;
        n--;
    }
    e = find_id(&ss->by_id, id, n, hindex_hash(id, n));
    return e != NULL ? &ss->pages[e->page] : NULL;
}

/* Puts page i of ss into the tables: its ids, and its place in the
 * groups under its Parent_id and Inherit_sidebar when it has a sidebar
 * to compare. */
static void
table_page(struct rule_ctx *cx, struct site_state *ss, size_t i)
{
    const struct ppage *pp = &ss->pages[i];
    const char *gid[2] = { pp->inherit, pp->parent };
    struct group *gr;
    size_t k, g;

    for (k = 0; k < pp->nids; k++)
        add_id_of(cx, &ss->by_id, pp->ids[k], i);
    for (g = 0; g < 2 && pp->menu[SIDEBAR].n > 0; g++) {
        if (gid[g] == NULL || (g == 1 && gid[0] != NULL &&
                               strcmp(gid[0], gid[1]) == 0))
            continue;           /* a page is in a group once */
        HASH_FIND_STR(ss->groups, gid[g], gr);
        if (gr == NULL) {
            gr = rule_alloc(cx, sizeof *gr);
            memset(gr, 0, sizeof *gr);
            atomic_init(&gr->checked, 0);
            gr->id = gid[g];
            HASH_ADD_KEYPTR(hh, ss->groups, gr->id, strlen(gr->id), gr);
        }
        *RULE_PUSH(cx, gr->pages, gr->n, gr->cap) = i;
        gr->linted |= linted(pp);
    }
}

/* Adds pp to the site's pages and to the tables. */
static void
add_page(struct rule_ctx *cx, const struct ppage *pp)
{
    struct site_state *ss = rule_site_state(cx);

    *RULE_PUSH(cx, ss->pages, ss->npages, ss->pages_cap) = *pp;
    table_page(cx, ss, ss->npages - 1);
}

/* The page's menus: checked, if it is linted; given to the site's in
 * any case, and recorded in rec if it is not NULL. */
static void
take_page(struct rule_ctx *cx, const struct page *pg, struct buf *rec)
{
    struct site_state *ss = rule_site_state(cx);
    struct ppage pp;
    struct nkey *keys;
    size_t i, nkeys, named = ss->nnamed;
    int k;

    if (pg->linted && pg->info != NULL && pg->info->url != NULL)
        *RULE_PUSH(cx, ss->seen, ss->nseen, ss->seen_cap) = pg->info;
    note_keys(cx, pg, rec);
    read_page_menus(cx, pg);
    for (i = named; i < ss->nnamed && rec != NULL; i++)
        record_named(rec, &ss->named[i]);
    if (pg->fm == NULL)
        return;
    memset(&pp, 0, sizeof pp);
    pp.info = pg->info;
    keys = numbered_keys(cx, &pp, pg->fm, &nkeys);
    for (i = 0; i < nkeys; i++)
        read_numbered(cx, &pp, &keys[i]);
    pp.parent = node_str(cx, pg->fm, "parent_id", &pp.parent_pos);
    pp.inherit = node_str(cx, pg->fm, "inherit_sidebar", &pp.inherit_pos);
    /* A page not linted counts for what it declares (its ids, its
     * sidebar, its menu entries), not for where its entries lead: its
     * findings would be dropped.  Where a linted page's lead is known
     * once every page is in (check_targets()). */
    for (k = 0; k < NKINDS && pg->linted; k++)
        check_numbering(cx, pg, k, &pp.menu[k]);
    page_ids(cx, &pp, pg);
    if (rec != NULL)
        record_page(rec, &pp);
    add_page(cx, &pp);
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct buf rec = { 0 };

    take_page(cx, pg, rule_recording(cx) ? &rec : NULL);
    if (rec.len > 0)
        rule_record(cx, rec.p, rec.len);
    buf_free(&rec);
}

/* A page the index kept: what check_page() recorded of it when it was
 * read, given to the site's menus as check_page() gives a page not
 * linted.  Its strings stay in rec, which lasts the run. */
static void
replay_page(struct rule_ctx *cx, const struct page *pg, const char *rec,
            size_t len)
{
    struct rec r = rec_of(rec, len, pg->path);
    struct ppage pp;
    int has_fm = 0;

    memset(&pp, 0, sizeof pp);
    pp.info = pg->info;
    while (r.f.p < r.f.end && !r.f.bad) {
        const char *tag = rd_str(&r), *keys;
        unsigned n, bytes;

        switch (tag != NULL ? tag[0] : '\0') {
        case 'F':
            has_fm = 1;
            break;
        case 'K':
            n = rd_num(&r);
            bytes = rd_num(&r);
            if ((keys = rd_bytes(&r, bytes)) != NULL)
                replay_keys(cx, pg, keys, bytes, n);
            break;
        case 'N':
            replay_named(cx, &r, pg);
            break;
        case 'S':
            replay_sidebar(&r, &pp);
            break;
        case 'P':
            pp.parent = rd_str(&r);
            pp.parent_pos = rd_pos(&r);
            break;
        case 'I':
            pp.inherit = rd_str(&r);
            pp.inherit_pos = rd_pos(&r);
            break;
        case 'D':
            replay_ids(cx, &r, &pp);
            break;
        default:
            r.f.bad = 1;        /* not a record of this rule */
        }
    }
    if (has_fm && !r.f.bad)
        add_page(cx, &pp);
}

/* ---- across pages ----------------------------------------------------- */

/* Whether a linted page's entries lead to pages of the site. */
static void
check_targets(struct rule_ctx *cx, const struct ppage *pp, struct buf *b)
{
    size_t i;
    int k;

    for (k = 0; k < NKINDS; k++)
        for (i = 0; i < pp->menu[k].n; i++) {
            const struct entry *e = &pp->menu[k].e[i];
            struct link_target t;
            const char *near;
            struct diag *d;

            if (e->url == NULL)
                continue;
            (void)target_of(cx, pp, k, e, b, &t);
            if (t.kind == LINK_UNSURE)
                atomic_fetch_add(&((struct site_state *)
                                   rule_site_state(cx))->unsure_targets, 1);
            if (t.kind != LINK_BROKEN)
                continue;
            d = rule_report(cx, e->url_pos, e->url_end,
                            "%s entry '%s' leads to %s, which is no page "
                            "of the site", kind_word[k],
                            e->name ? e->name : e->url, t.url);
            if ((near = rule_suggest(cx, t.url)) != NULL)
                rule_note(d, e->url_pos, "did you mean '%s'?", near);
        }
}

/* The entry of m called name, or NULL. */
static const struct entry *
by_name(const struct pmenu *m, const char *name)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (m->e[i].name != NULL && strcmp(m->e[i].name, name) == 0)
            return &m->e[i];
    return NULL;
}

/* Says what sets m apart from the agreed sidebar. */
static void
explain(struct buf *b, const struct pmenu *m, const struct pmenu *agreed)
{
    size_t i;
    const char *sep = "";

    for (i = 0; i < agreed->n; i++) {
        const struct entry *e = &agreed->e[i], *o;

        if (e->name == NULL)
            continue;
        if ((o = by_name(m, e->name)) == NULL) {
            buf_addf(b, "%s'%s' is missing", sep, e->name);
            sep = "; ";
        } else if (o->url && e->url && strcmp(o->url, e->url) != 0) {
            buf_addf(b, "%s'%s' leads to '%s', not '%s'", sep, e->name,
                     o->url, e->url);
            sep = "; ";
        }
    }
    for (i = 0; i < m->n; i++)
        if (m->e[i].name != NULL && by_name(agreed, m->e[i].name) == NULL) {
            buf_addf(b, "%s'%s' is extra", sep, m->e[i].name);
            sep = "; ";
        }
    if (*sep == '\0')
        buf_adds(b, "the entries are in another order");
}

static struct pos
sidebar_pos(const struct ppage *pp, const struct pmenu *m)
{
    if (m->has_size)
        return m->size_pos;
    return m->n > 0 ? (m->e[0].name ? m->e[0].name_pos : m->e[0].url_pos)
                    : (struct pos){ pp->info->path, 0, 0 };
}

/* A sidebar as one string, for counting equal ones at once; NULL for one
 * with an entry lacking its name or URL, which is equal to no sidebar,
 * itself included. */
static const char *
sidebar_key(struct rule_ctx *cx, const struct pmenu *m)
{
    size_t i, len = 1, n;
    char *key, *p;

    for (i = 0; i < m->n; i++) {
        if (m->e[i].name == NULL || m->e[i].url == NULL)
            return NULL;
        len += strlen(m->e[i].name) + strlen(m->e[i].url) + 2;
    }
    p = key = rule_page_alloc(cx, len);
    for (i = 0; i < m->n; i++) {
        n = strlen(m->e[i].name);
        memcpy(p, m->e[i].name, n);
        p += n;
        *p++ = '\001';
        n = strlen(m->e[i].url);
        memcpy(p, m->e[i].url, n);
        p += n;
        *p++ = '\002';
    }
    *p = '\0';
    return key;
}

/* Pages that share a sidebar declare the same one. */
static void
check_group(struct rule_ctx *cx, const struct site_state *ss,
            const struct group *g, const struct ppage *parent,
            const char *id)
{
    const struct ppage **members;
    const struct pmenu **side;
    const char **keys;
    size_t n = 0, i, best = 0, best_votes = 0;
    struct buf why = { 0 };
    struct vote {
        const char *key;
        size_t votes;
        UT_hash_handle hh;
    } *votes = NULL, *v;

    members = rule_page_alloc(cx, ((g != NULL ? g->n : 0) + 2) *
                                  sizeof *members);
    if (parent != NULL && parent->menu[SIDEBAR].n > 0)
        members[n++] = parent;
    for (i = 0; g != NULL && i < g->n; i++)
        if (&ss->pages[g->pages[i]] != parent)
            members[n++] = &ss->pages[g->pages[i]];
    if (n < 2)
        return;
    side = rule_page_alloc(cx, n * sizeof *side);
    for (i = 0; i < n; i++)
        if ((side[i] = sidebar_of(cx, members[i])) == NULL)
            return;             /* the index's record is damaged */
    /* The agreed sidebar: most votes; the parent (first) wins ties.
     * Equal sidebars are counted through a hash of their text, not by
     * comparing every member with every other. */
    keys = rule_page_alloc(cx, n * sizeof *keys);
    for (i = 0; i < n; i++) {
        keys[i] = sidebar_key(cx, side[i]);
        if (keys[i] == NULL)
            continue;
        HASH_FIND_STR(votes, keys[i], v);
        if (v == NULL) {
            v = rule_page_alloc(cx, sizeof *v);
            v->key = keys[i];
            v->votes = 0;
            HASH_ADD_KEYPTR(hh, votes, v->key, strlen(v->key), v);
        }
        v->votes++;
    }
    for (i = 0; i < n; i++) {
        if (keys[i] == NULL)
            continue;
        HASH_FIND_STR(votes, keys[i], v);
        if (v->votes > best_votes) {
            best = i;
            best_votes = v->votes;
        }
    }
    for (i = 0; i < n; i++) {
        struct diag *d;

        if (keys[i] != NULL && keys[best] != NULL &&
            strcmp(keys[i], keys[best]) == 0)
            continue;
        buf_reset(&why);
        explain(&why, side[i], side[best]);
        d = rule_report(cx, sidebar_pos(members[i], side[i]), 0,
                        "sidebar differs from the one the pages under '%s' "
                        "share: %s", id, why.p);
        rule_note(d, sidebar_pos(members[best], side[best]),
                  "the shared sidebar, as %zu of %zu pages declare it",
                  best_votes, n);
    }
    buf_free(&why);
    HASH_CLEAR(hh, votes);
}

static void
check_key_case(struct rule_ctx *cx, struct site_state *ss)
{
    struct keyuse *ku;

    for (ku = ss->keys; ku != NULL; ku = ku->hh.next) {
        struct spelling *sp, *most = NULL;

        if (ku->spellings == NULL || ku->spellings->next == NULL)
            continue;
        for (sp = ku->spellings; sp != NULL; sp = sp->next)
            if (most == NULL || sp->uses > most->uses ||
                (sp->uses == most->uses && strcmp(sp->key, most->key) < 0))
                most = sp;
        for (sp = ku->spellings; sp != NULL; sp = sp->next) {
            struct diag *d;

            if (sp == most)
                continue;
            d = rule_report_sev(cx, SEV_WARNING, sp->first, sp->first.col +
                                (unsigned)strlen(sp->key),
                                "key '%s' is written '%s' on %u other "
                                "page%s", sp->key, most->key, most->uses,
                                most->uses == 1 ? "" : "s");
            rule_note(d, most->first, "written '%s' here", most->key);
        }
    }
}

/* The checks of page i that need the whole site: its entries' targets,
 * its Parent_id and Inherit_sidebar, and its group's sidebars.  Pages
 * are checked on every core (rule_split()); a group is compared once,
 * by whichever of its pages asks first, with the same result. */
static void
check_one(struct rule_ctx *cx, size_t i, void *arg)
{
    struct site_state *ss = arg;
    const struct ppage *pp = &ss->pages[i];
    const char *ids[2] = { pp->parent, pp->inherit };
    const struct pos at[2] = { pp->parent_pos, pp->inherit_pos };
    struct group *gr;
    struct buf tb = { 0 };
    int j;

    if (linted(pp)) {
        check_targets(cx, pp, &tb);
        check_names(cx, pp, &tb);
    }
    buf_free(&tb);
    for (j = 0; j < 2; j++) {
        const struct ppage *parent;

        if (ids[j] == NULL)
            continue;
        parent = find_page(ss, ids[j]);
        HASH_FIND_STR(ss->groups, ids[j], gr);
        /* What is compared of pages none of which is linted would be
         * reported nowhere. */
        if (!linted(pp) && (parent == NULL || !linted(parent)) &&
            (gr == NULL || !gr->linted))
            continue;
        if (parent == NULL && site_unsure_slug(rule_site(cx), ids[j])) {
            atomic_fetch_add(&ss->unsure_parents, 1);
            continue;
        }
        if (parent == NULL) {
            rule_report(cx, at[j], at[j].col + (unsigned)strlen(ids[j]),
                        "%s '%s' names no page of the site",
                        j == 0 ? "Parent_id" : "Inherit_sidebar", ids[j]);
            continue;
        }
        if (gr == NULL || atomic_exchange(&gr->checked, 1) == 0)
            check_group(cx, ss, gr, parent, ids[j]);
    }
}

static void
check_site(struct rule_ctx *cx)
{
    struct site_state *ss = rule_site_state(cx);
    const struct site *site = rule_site(cx);
    size_t i;

    /* Every page has an order of its own; the config's entries, added
     * below, come after the pages'.  What the sorts move (the pages
     * named came first) is tabled again, in the site's order. */
    if (sort_by_order(cx, ss->pages, ss->npages, sizeof *ss->pages,
                      page_key)) {
        hindex_free(&ss->by_id.ix);
        ss->by_id.n = 0;
        HASH_CLEAR(hh, ss->groups);
        for (i = 0; i < ss->npages; i++)
            table_page(cx, ss, i);
    }
    if (sort_by_order(cx, ss->named, ss->nnamed, sizeof *ss->named,
                      entry_key)) {
        hindex_free(&ss->by_ident.ix);
        ss->by_ident.n = 0;
        for (i = 0; i < ss->nnamed; i++)
            bucket_add(cx, ss, i);
    }
    read_config_menus(cx, site->menus, NULL);
    for (i = 0; i < site->nlang_menus; i++)
        read_config_menus(cx, site->lang_menus[i].menus,
                          site->lang_menus[i].lang);
    check_named(cx);
    atomic_store(&ss->unsure_parents, 0);
    atomic_store(&ss->unsure_targets, 0);
    rule_split(cx, ss->npages, check_one, ss);
    rule_unchecked(cx, atomic_load(&ss->unsure_targets),
                   "menu entries that lead to no URL sitelint knows, which "
                   "may lead to a page whose URL it knows only in part");
    rule_unchecked(cx, atomic_load(&ss->unsure_parents),
                   "Parent_id and Inherit_sidebar values that name no page "
                   "sitelint knows, which may name a page whose URL it "
                   "knows only in part");
    check_key_case(cx, ss);
}

static void
finish(struct rule_ctx *cx)
{
    struct site_state *ss = rule_site_state(cx);

    HASH_CLEAR(hh, ss->keys);
    hindex_free(&ss->by_id.ix);
    HASH_CLEAR(hh, ss->groups);
    hindex_free(&ss->by_ident.ix);
}

const struct rule rule_menu = {
    .options         = options,
    .noptions        = O_COUNT,
    .id              = "menu",
    .summary         = "menus whose sizes, entries or targets disagree",
    .severity        = SEV_ERROR,
    .site_state_size = sizeof(struct site_state),
    .on_page         = check_page,
    .context         = CONTEXT_RECORD,
    .on_record       = replay_page,
    .on_site         = check_site,
    .on_end          = finish,
};
