/* permalink.c: what the site index keeps of a page (its source path,
 * title, anchors, whether it is published), with its URL and heading ids
 * asked of the site's generator, and the slug functions generators use. */
#include "permalink.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "frontmatter.h"
#include "generator.h"
#include "hindex.h"
#include "unicode.h"

/* ---- slugs ------------------------------------------------------------ */

/* Python's str.isspace() for ASCII, which \\s and strip() go by. */
static int
py_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}

/* Python's slugify with '-' and ASCII of(cp) for each code point past
 * ASCII (NULL: not known, and the slug is not either): [^\w\s-] dropped,
 * stripped, lower case, runs of [-\s] one '-'.  0, or -1 when a code
 * point's ASCII is not known. */
static int
slugify(struct buf *b, const char *s, size_t len,
        const char *(*of)(unsigned cp))
{
    struct buf t = { 0 };
    size_t i = 0, lo, hi;
    int dash = 0, known = 0;

    while (i < len) {
        unsigned cp = uni_decode(s, len, &i);
        const char *a;
        char one[2] = { 0, 0 };

        if (cp == UNI_INVALID)
            continue;
        if (cp < 0x80)
            one[0] = (char)cp, a = one;
        else if ((a = of(cp)) == NULL)
            known = -1;
        for (; a != NULL && *a != '\0'; a++)
            if (isalnum((unsigned char)*a) || *a == '_' || *a == '-' ||
                py_space(*a))
                buf_addc(&t, *a);
    }
    /* A '-' of the text at either end stays, white space there does
     * not. */
    for (lo = 0; lo < t.len && py_space(t.p[lo]); lo++)
        continue;
    for (hi = t.len; hi > lo && py_space(t.p[hi - 1]); hi--)
        continue;
    for (i = lo; i < hi; i++) {
        if (t.p[i] == '-' || py_space(t.p[i])) {
            dash = 1;
            continue;
        }
        if (dash)
            buf_addc(b, '-');
        dash = 0;
        buf_addc(b, tolower((unsigned char)t.p[i]));
    }
    if (dash)
        buf_addc(b, '-');
    buf_free(&t);
    return known;
}

void
permalink_slugify(struct buf *b, const char *s, size_t len)
{
    (void)slugify(b, s, len, uni_nfkd_ascii);
}

int
permalink_slugify_pelican(struct buf *b, const char *s, size_t len)
{
    return slugify(b, s, len, uni_pelican_ascii);
}

void
permalink_anchor_github(struct buf *b, const char *s, size_t len,
                        int ascii_only)
{
    unsigned *cp = NULL;
    size_t n = 0, cap = 0, i = 0, lo, hi;
    char u[4];

    /* Hugo's sanitizeAnchorName (markup/goldmark/autoid.go): for
     * github-ascii, accents removed first (NFD, no Mn, NFC); white space
     * trimmed; then ' ' and '-' are '-', letters, digits and '_' in lower
     * case, and anything else goes (with ascii_only, all but ASCII). */
    while (i < len) {
        unsigned c = uni_decode(s, len, &i);

        if (ascii_only && c >= 0x80 && c != UNI_INVALID) {
            if (uni_class(c) & UNI_NONSPACING)
                continue;
            c = uni_bare(c);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            cp = xrealloc(cp, cap * sizeof *cp);
        }
        cp[n++] = c;
    }
    for (lo = 0; lo < n && uni_is_space(cp[lo]); lo++)
        continue;
    for (hi = n; hi > lo && uni_is_space(cp[hi - 1]); hi--)
        continue;
    for (i = lo; i < hi; i++) {
        unsigned c = cp[i];

        if (c == UNI_INVALID || (ascii_only && c >= 0x80))
            continue;
        if (c == ' ' || c == '-')
            buf_addc(b, '-');
        else if (c == '_' || (uni_class(c) & (UNI_LETTER | UNI_DIGIT)))
            buf_add(b, u, uni_encode(uni_lower(c), u));
    }
    free(cp);
}

void
permalink_anchor_blackfriday(struct buf *b, const char *s, size_t len)
{
    size_t i = 0, start = b->len;
    int dash = 0;
    char u[4];

    /* Blackfriday's SanitizedAnchorName, which Hugo keeps: letters and
     * numbers in lower case, a run of anything else one '-' between. */
    while (i < len) {
        unsigned c = uni_decode(s, len, &i);

        if (uni_class(c) & (UNI_LETTER | UNI_NUMBER)) {
            if (dash && b->len > start)
                buf_addc(b, '-');
            dash = 0;
            buf_add(b, u, uni_encode(uni_lower(c), u));
        } else {
            dash = 1;
        }
    }
}

/* What rewrite() does with a code point: another, or one of these. */
#define KEEP_BYTE UNI_INVALID   /* the invalid byte as it is */
#define DROP (UNI_INVALID - 1)

/* b from byte from on, each code point as map(cp) has it (map(cp) is
 * ASCII for ASCII cp); past ASCII the bytes may grow or shrink. */
static void
rewrite(struct buf *b, size_t from, unsigned (*map)(unsigned cp))
{
    size_t i = from, ascii;
    struct buf t = { 0 };
    char u[4];

    while (i < b->len && (unsigned char)b->p[i] < 0x80) {
        b->p[i] = (char)map((unsigned char)b->p[i]);
        i++;
    }
    if (i == b->len)
        return;
    ascii = i;
    while (i < b->len) {
        size_t at = i;
        unsigned c = map(uni_decode(b->p, b->len, &i));

        if (c == KEEP_BYTE)
            buf_add(&t, b->p + at, 1);
        else if (c != DROP)
            buf_add(&t, u, uni_encode(c, u));
    }
    b->len = ascii;
    buf_add(b, t.p, t.len);
    buf_free(&t);
}

/* strings.ToLower: an invalid byte becomes U+FFFD. */
static unsigned
go_lower(unsigned cp)
{
    return cp == UNI_INVALID ? 0xFFFD : uni_lower(cp);
}

/* RemoveAccents: Mn gone, the rest without accents. */
static unsigned
no_accent(unsigned cp)
{
    if (cp == UNI_INVALID)
        return KEEP_BYTE;
    return (uni_class(cp) & UNI_NONSPACING) ? DROP : uni_bare(cp);
}

void
permalink_lower(struct buf *b, size_t from)
{
    rewrite(b, from, go_lower);
}

void
permalink_remove_accents(struct buf *b, size_t from)
{
    rewrite(b, from, no_accent);
}

void
permalink_urlize(struct buf *b, const char *s, size_t len, int lower)
{
    size_t i = 0, start = b->len;
    int pending = 0;

    /* As Hugo's Sanitize (common/paths/path.go): letters, digits, marks,
     * ./\_-#+~@ and a '%' before two hex digits kept, white space becomes
     * one '-' (never at the start, never next to a '-' of the text
     * itself), anything else goes: "It’s" is "its", "50% off" is
     * "50-off". */
    while (i < len) {
        size_t at = i;
        unsigned cp = uni_decode(s, len, &i);
        int keep = cp < 0x80 ? isalnum((int)cp) ||
                               strchr("./\\_-#+~@", (int)cp) != NULL ||
                               (cp == '%' && i + 1 < len &&
                                isxdigit((unsigned char)s[i]) &&
                                isxdigit((unsigned char)s[i + 1]))
                             : (uni_class(cp) &
                                (UNI_LETTER | UNI_DIGIT | UNI_MARK)) != 0;

        if (cp == (unsigned char)PERMALINK_UNSURE)
            keep = 1;           /* a part not known, kept in its place */

        if (keep) {
            if (pending && cp != '-')
                buf_addc(b, '-');
            pending = 0;
            buf_add(b, s + at, i - at);
        } else if (uni_is_space(cp) && b->len > start &&
                   b->p[b->len - 1] != '-') {
            pending = 1;
        }
    }
    if (lower)
        permalink_lower(b, start);
}

/* ---- where the page's source sits -------------------------------------- */

/* The page's path from its content folder ("about/faq.md") and that
 * folder's mount; NULL if the page is outside every content folder. */
static const char *
content_path(const struct page *pg, const struct site_mount **mount,
             struct arena *a)
{
    const struct site *site = pg->site;
    const char *path = pg->path;
    char real[PATH_MAX];
    size_t i, n;
    int resolved = 0;

    while (path[0] == '.' && path[1] == '/')
        path += 2;
    for (;;) {
        const struct site_mount *best = NULL;
        size_t best_len = 0;

        for (i = 0; i < site->nmounts; i++) {
            const struct site_mount *m = &site->mounts[i];
            const char *dir = resolved ? m->abs : m->dir;

            if (m->is_static || dir == NULL)
                continue;
            n = strlen(dir);
            if (strcmp(dir, ".") == 0 && !resolved && path[0] != '/' &&
                strncmp(path, "../", 3) != 0) {
                if (best == NULL) {
                    best = m;
                    best_len = 0;
                }
                continue;
            }
            if (strncmp(path, dir, n) == 0 && path[n] == '/' &&
                (best == NULL || n > best_len)) {
                best = m;
                best_len = n + 1;
            }
        }
        if (best != NULL) {
            *mount = best;
            return best->sub != NULL && best->sub[0] != '\0'
                ? arena_printf(a, "%s/%s", best->sub, path + best_len)
                : arena_strdup(a, path + best_len);
        }
        if (resolved || realpath(pg->path, real) == NULL)
            return NULL;
        path = real;
        resolved = 1;
    }
}

/* ---- shared by the generators --------------------------------------- */

int
permalink_iso_date(const char *s, int *y, int *m, int *d)
{
    if (s == NULL || strspn(s, "0123456789") != 4 || s[4] != '-' ||
        strspn(s + 5, "0123456789") != 2 || s[7] != '-' ||
        strspn(s + 8, "0123456789") < 2)
        return 0;
    *y = atoi(s);
    *m = atoi(s + 5);
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    return 1;
}

/* Squeezes "//" and makes the path start with '/'. */
const char *
permalink_clean_url(struct arena *a, const char *s)
{
    char *out = arena_alloc(a, strlen(s) + 2), *o = out;

    *o++ = '/';
    for (; *s != '\0'; s++)
        if (!(*s == '/' && o[-1] == '/'))
            *o++ = *s;
    *o = '\0';
    return out;
}

/* ---- anchors ---------------------------------------------------------- */

/* The ids a page already has, as positions in its list of anchors,
 * and for each the next suffix to try after it: numbering is linear, not
 * a scan of every earlier id for each candidate (2,000 "# Heading" lines
 * took 14 s).  Scratch memory, freed before the page is checked: a page
 * of 270,000 headings needs 12 MB here for a moment, not for its run. */
struct used_ids {
    struct hindex ix;
    const char **v;             /* the anchors */
    size_t *next;               /* by position: "id-NEXT" is untried */
};

/* The position of id[0, len) (hash: its hindex_hash()), or SIZE_MAX. */
static size_t
find_id(const struct used_ids *u, const char *id, size_t len, uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(&u->ix, hash, &cursor)) != SIZE_MAX)
        if (strncmp(u->v[i], id, len) == 0 && u->v[i][len] == '\0')
            return i;
    return SIZE_MAX;
}

/* Adds anchor v[n] to the ids, unless an earlier anchor has it. */
static void
use_id(struct used_ids *u, size_t n)
{
    size_t len = strlen(u->v[n]);
    uint32_t hash = hindex_hash(u->v[n], len);

    if (find_id(u, u->v[n], len, hash) == SIZE_MAX) {
        hindex_put(&u->ix, hash, n);
        u->next[n] = 1;
    }
}

/* Python-Markdown's toc numbers a repeat by its unique(): while the id
 * is taken (or empty), "x_N" becomes "x_N+1" and anything else "x_1".
 * So every search runs over "P_k", k from some k0 up; for each P, tries
 * keeps how many of P_1, P_2... are known taken, so that a run of equal
 * headings costs one step each, not the square. */
struct toc_prefix {
    const char *p;              /* P, in scratch memory */
    size_t taken;               /* P_1..P_taken are all taken */
};
struct toc_prefixes {
    struct hindex ix;
    struct toc_prefix *v;
    size_t n, cap;
};

static struct toc_prefix *
toc_prefix(struct toc_prefixes *t, const char *p, size_t len)
{
    uint32_t hash = hindex_hash(p, len);
    size_t cursor = 0, i;
    char *copy;

    while ((i = hindex_next(&t->ix, hash, &cursor)) != SIZE_MAX)
        if (strncmp(t->v[i].p, p, len) == 0 && t->v[i].p[len] == '\0')
            return &t->v[i];
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    copy = xmalloc(len + 1);
    memcpy(copy, p, len);
    copy[len] = '\0';
    t->v[t->n].p = copy;
    t->v[t->n].taken = 0;
    hindex_put(&t->ix, hash, t->n);
    return &t->v[t->n++];
}

/* unique(b, used): b becomes the id toc gives it. */
static void
toc_unique(struct buf *b, const struct used_ids *u, struct toc_prefixes *t)
{
    struct toc_prefix *px;
    size_t len = b->len, i, k;

    if (len > 0 && find_id(u, b->p, len, hindex_hash(b->p, len)) == SIZE_MAX)
        return;
    /* "x_12": P "x", k0 13; else P the id, k0 1. */
    for (i = len; i > 0 && isdigit((unsigned char)b->p[i - 1]); i--)
        continue;
    if (i < len && i > 0 && b->p[i - 1] == '_' && len - i < 19) {
        k = (size_t)strtoull(b->p + i, NULL, 10) + 1;
        len = i - 1;
    } else {
        k = 1;
    }
    px = toc_prefix(t, b->p, len);
    if (k <= px->taken + 1)
        k = px->taken + 1;
    for (;; k++) {
        b->len = len;
        buf_addf(b, "_%zu", k);
        if (find_id(u, b->p, b->len, hindex_hash(b->p, b->len)) == SIZE_MAX)
            break;
        if (k == px->taken + 1)
            px->taken = k;
    }
    if (k == px->taken + 1)
        px->taken = k;
}

static void
toc_prefixes_free(struct toc_prefixes *t)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        free((char *)t->v[i].p);
    free(t->v);
    hindex_free(&t->ix);
}

static void
page_anchors(struct page_info *pi, const struct page *pg, struct arena *a)
{
    size_t i, n = 0, max = pg->nids + pg->nheadings;
    struct buf b = { 0 };
    const struct generator *gen = pg->site->gen;
    int toc = gen->repeats == GEN_REPEATS_TOC;
    struct toc_prefixes tp;
    struct used_ids u;

    memset(&tp, 0, sizeof tp);
    pi->anchors = NULL;
    pi->nanchors = 0;
    if (max == 0)
        return;
    memset(&u, 0, sizeof u);
    u.v = arena_alloc(a, max * sizeof *u.v);
    u.next = xmalloc(max * sizeof *u.next);
    hindex_reserve(&u.ix, max);
    for (i = 0; i < pg->nids; i++) {
        u.v[n] = arena_strdup(a, pg->ids[i].text);
        use_id(&u, n++);
    }
    /* toc takes every id the page sets before it makes any. */
    for (i = 0; toc && i < pg->nheadings; i++)
        if (pg->headings[i].id != NULL) {
            u.v[n] = arena_strdup(a, pg->headings[i].id);
            use_id(&u, n++);
        }
    for (i = 0; i < pg->nheadings; i++) {
        const struct heading *h = &pg->headings[i];
        size_t len, k, base;

        if (h->id != NULL) {
            if (!toc) {
                u.v[n] = arena_strdup(a, h->id);
                use_id(&u, n++);
            }
            continue;
        }
        buf_reset(&b);
        gen->heading_id(pg->site, &b, h->text, strlen(h->text));
        if (toc) {
            toc_unique(&b, &u, &tp);
            u.v[n] = arena_strndup(a, b.p, b.len);
            use_id(&u, n++);
            continue;
        }
        if (b.len == 0 && gen->wordless_id != NULL)
            buf_adds(&b, gen->wordless_id);
        if (b.len == 0)
            continue;
        len = b.len;
        /* goldmark's repeats get -1, -2: the first suffix no id has
         * taken, counting on from the last one given. */
        if ((base = find_id(&u, b.p, len, hindex_hash(b.p, len))) !=
            SIZE_MAX) {
            for (k = u.next[base];; k++) {
                b.len = len;
                buf_addf(&b, "-%zu", k);
                if (find_id(&u, b.p, b.len, hindex_hash(b.p, b.len)) ==
                    SIZE_MAX)
                    break;
            }
            u.next[base] = k + 1;
        }
        u.v[n] = arena_strndup(a, b.p, b.len);
        use_id(&u, n++);
    }
    hindex_free(&u.ix);
    free(u.next);
    toc_prefixes_free(&tp);
    buf_free(&b);
    pi->anchors = u.v;
    pi->nanchors = n;
}

/* ---- entry point ------------------------------------------------------ */

static int
is_opaque(const struct page *pg)
{
    const struct generator *gen = pg->site->gen;
    struct gen_shortcode info;
    size_t i;

    /* The generator knows which shortcodes add ids (its templates, its
     * built-in ones); of the others, the user may name those that add
     * none (--plain-shortcodes). */
    for (i = 0; i < pg->nshortcodes; i++) {
        const char *name = pg->shortcodes[i].name;

        if (pg->shortcodes[i].closing)
            continue;
        gen->shortcode(pg->site, name, &info);
        if (info.ids == 1)
            return 1;
        if (info.ids == 0 || info.ids == 2)
            continue;           /* no id, or ids its generator computes */
        if (!str_in_list(pg->site->plain_shortcodes, name))
            return 1;
    }
    return 0;
}

static int
is_true(const struct page *pg, const char *key, const char *word)
{
    const char *v = fm_str(pg->fm, key);

    return v != NULL && strcasecmp(v, word) == 0;
}

struct page_info *
permalink_info(const struct page *pg, struct arena *a, struct page_urls *more)
{
    struct page_info *pi = arena_alloc(a, sizeof *pi);
    const struct site_mount *mount = NULL;
    const char *rel = content_path(pg, &mount, a);
    const char *title = fm_str(pg->fm, "title");
    memset(more, 0, sizeof *more);
    pi->path = pg->path;
    pi->title = title != NULL ? arena_strdup(a, title) : NULL;
    /* Pelican publishes a hidden page at its URL, only unlisted. */
    if (is_true(pg, "draft", "true") || is_true(pg, "status", "draft"))
        pi->unpublished = "a draft";
    page_anchors(pi, pg, a);
    pi->opaque = is_opaque(pg) || pg->unparsed;
    if (rel == NULL)
        return pi;              /* outside the content: no URL of its own */
    pi->src_key = arena_printf(a, "/%s", rel);

    pg->site->gen->page_urls(pg, rel, pi, more, a);
    return pi;
}
