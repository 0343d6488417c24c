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

/* ---- slugs ------------------------------------------------------------ */

/* What NFKD followed by "ignore non-ASCII" leaves of U+00C0..U+017F, as
 * Python's slugify does it; '.' means the letter disappears. */
static const char fold_latin1[] =
    "AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.y";
static const char fold_latin_ext_a[] =
    "AaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI...JjKk.LlLlLlLl.."
    "NnNnNnn..OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZzs";

/* Decodes the UTF-8 sequence at s[*i] (advancing *i) to a code point;
 * invalid bytes come back as themselves. */
static unsigned
next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;

    if (p[0] < 0x80 || left < 2) {
        (*i)++;
        return p[0];
    }
    if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
        *i += 2;
        return ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if ((p[0] & 0xF0) == 0xE0 && left >= 3 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
        *i += 3;
        return ((unsigned)(p[0] & 0x0F) << 12) |
               ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    if ((p[0] & 0xF8) == 0xF0 && left >= 4) {
        *i += 4;
        return 0x10000;         /* beyond the BMP: never kept by slugify */
    }
    (*i)++;
    return p[0];
}

/* The ASCII letter cp folds to, or 0 if it has none. */
static int
fold_ascii(unsigned cp)
{
    char c = 0;

    if (cp < 0x80)
        return (int)cp;
    if (cp >= 0xC0 && cp <= 0xFF)
        c = fold_latin1[cp - 0xC0];
    else if (cp >= 0x100 && cp <= 0x17F)
        c = fold_latin_ext_a[cp - 0x100];
    return c == '.' ? 0 : c;
}

/* Python's slugify, shared by Pelican and Python-Markdown's toc: fold to
 * ASCII, drop [^\w\s-], trim, lower case, runs of [-\s] become '-'. */
void
permalink_slugify(struct buf *b, const char *s, size_t len)
{
    size_t i = 0, start = b->len;
    int pending = 0;

    while (i < len) {
        int c = fold_ascii(next_cp(s, len, &i));

        if (isalnum(c) || c == '_') {
            if (pending && b->len > start)
                buf_addc(b, '-');
            pending = 0;
            buf_addc(b, tolower(c));
        } else if (c == '-' || isspace(c)) {
            pending = 1;
        }
    }
    /* A trailing '-' that came from the text itself stays: "a -" is "a"
     * after the strip, and "a-" keeps it.  Only white space is trimmed. */
    if (pending && len > 0 && s[len - 1] == '-' && b->len > start)
        buf_addc(b, '-');
}

void
permalink_fold_ascii(struct buf *b, size_t start)
{
    size_t i = start, o = start;

    while (i < b->len) {
        int c = fold_ascii(next_cp(b->p, b->len, &i));

        if (c != 0 && c < 0x80)
            b->p[o++] = (char)tolower(c);
    }
    b->len = o;
    if (b->p != NULL)
        b->p[o] = '\0';
}

/* Unicode's lower case for the scripts site headings use; others are
 * kept as they are. */
static unsigned
lower_cp(unsigned cp)
{
    if (cp < 0x80)
        return (unsigned)tolower((int)cp);
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) &&
        cp % 2 == 0)
        return cp + 1;
    if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) &&
        cp % 2 == 1)
        return cp + 1;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    return cp;
}

/* Is cp punctuation or a symbol rather than a letter, digit or mark? */
static int
is_punct_cp(unsigned cp)
{
    return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           cp >= 0x10000;
}

static void
add_cp(struct buf *b, unsigned cp)
{
    if (cp < 0x80) {
        buf_addc(b, (int)cp);
    } else if (cp < 0x800) {
        buf_addc(b, (int)(0xC0 | (cp >> 6)));
        buf_addc(b, (int)(0x80 | (cp & 0x3F)));
    } else {
        buf_addc(b, (int)(0xE0 | (cp >> 12)));
        buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
        buf_addc(b, (int)(0x80 | (cp & 0x3F)));
    }
}

void
permalink_anchor_github(struct buf *b, const char *s, size_t len)
{
    size_t i = 0;

    /* Letters, digits, '-' and '_' kept in lower case, spaces become '-',
     * punctuation and symbols go (goldmark's GitHub-style ids). */
    while (i < len) {
        size_t at = i;
        unsigned cp = next_cp(s, len, &i);

        if (cp == 0x10000)
            continue;           /* emoji and the like */
        if (cp < 0x80) {
            if (isalnum((int)cp) || cp == '-' || cp == '_')
                buf_addc(b, tolower((int)cp));
            else if (cp == ' ')
                buf_addc(b, '-');
        } else if (!is_punct_cp(cp)) {
            if (i - at == 1)
                buf_addc(b, (unsigned char)s[at]);  /* invalid: as is */
            else
                add_cp(b, lower_cp(cp));
        }
    }
}

void
permalink_urlize(struct buf *b, const char *s, size_t len, int lower)
{
    size_t i = 0, start = b->len;
    int pending = 0;

    /* As Hugo's UnicodeSanitize: letters, digits and ./\_-#+~%@ kept,
     * white space becomes one '-' (never at the start or end, never next
     * to a '-' of the text itself), anything else goes: "It’s" is
     * "its". */
    while (i < len) {
        size_t at = i;
        unsigned cp = next_cp(s, len, &i);
        int keep = cp < 0x80 ? isalnum((int)cp) ||
                               strchr("./\\_-#+~%@", (int)cp) != NULL
                             : cp != 0x10000 && !is_punct_cp(cp);

        if (keep) {
            if (pending && cp != '-')
                buf_addc(b, '-');
            pending = 0;
            if (cp < 0x80)
                buf_addc(b, lower ? tolower((int)cp) : (int)cp);
            else
                buf_add(b, s + at, i - at);
        } else if (cp < 0x80 && isspace((int)cp) && b->len > start &&
                   b->p[b->len - 1] != '-') {
            pending = 1;
        }
    }
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

/* "2013-11-07T10:00:00Z" → year, month, day as written; 0 if no date. */
int
permalink_date(const struct page *pg, char year[5], char month[3], char day[3])
{
    const char *d = fm_str(pg->fm, "date");

    if (d == NULL)
        d = fm_str(pg->fm, "publishDate");
    if (d == NULL || strlen(d) < 10 || !isdigit((unsigned char)d[0]) ||
        d[4] != '-' || d[7] != '-')
        return 0;
    memcpy(year, d, 4);
    year[4] = '\0';
    memcpy(month, d + 5, 2);
    month[2] = '\0';
    memcpy(day, d + 8, 2);
    day[2] = '\0';
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

static void
page_anchors(struct page_info *pi, const struct page *pg, struct arena *a)
{
    size_t i, n = 0, max = pg->nids + pg->nheadings;
    struct buf b = { 0 };
    const struct generator *gen = pg->site->gen;
    struct used_ids u;

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
    for (i = 0; i < pg->nheadings; i++) {
        const struct heading *h = &pg->headings[i];
        size_t len, k, base;

        if (h->id != NULL) {
            u.v[n] = arena_strdup(a, h->id);
            use_id(&u, n++);
            continue;
        }
        buf_reset(&b);
        gen->heading_id(pg->site, &b, h->text, strlen(h->text));
        if (b.len == 0 && gen->wordless_id != NULL)
            buf_adds(&b, gen->wordless_id);
        if (b.len == 0)
            continue;
        len = b.len;
        /* Repeats get -1, -2 (goldmark) or _1, _2 (toc): the first
         * suffix no id has taken, counting on from the last one given. */
        if ((base = find_id(&u, b.p, len, hindex_hash(b.p, len))) !=
            SIZE_MAX) {
            for (k = u.next[base];; k++) {
                b.len = len;
                buf_addf(&b, "%c%zu", gen->repeat_sep, k);
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
