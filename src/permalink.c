/* permalink.c: a page's URL and anchors as its generator will make them.
 *
 * Hugo: the content path (sections, _index.md, leaf bundles), slug, url,
 * per-section permalink patterns, language prefixes, aliases.  Pelican:
 * Slug/Url/Save_as metadata and the *_URL and *_SAVE_AS settings.  A
 * plain Markdown tree: a page is its own file. */
#include "permalink.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"

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
            return arena_strdup(a, path + best_len);
        }
        if (resolved || realpath(pg->path, real) == NULL)
            return NULL;
        path = real;
        resolved = 1;
    }
}

/* ---- Hugo ------------------------------------------------------------- */

struct hugo_page {
    const char *dir;            /* "about/xsf" or "" */
    const char *name;           /* file name without extensions */
    const char *section;        /* first folder, or "" */
    int list;                   /* _index.md: a section or the home page */
    int bundle;                 /* index.md: a leaf bundle */
};

/* "2013-11-07T10:00:00Z" → year, month, day as written; 0 if no date. */
static int
page_date(const struct page *pg, char year[5], char month[3], char day[3])
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

static const char *
hugo_pattern(const struct site *site, const struct hugo_page *hp)
{
    const struct fm_node *pl = fm_get(site->cfg, "permalinks"), *kind, *v;

    if (pl == NULL || pl->type != FM_MAP)
        return NULL;
    kind = fm_get(pl, hp->list ? "section" : "page");
    if (kind != NULL && kind->type == FM_MAP) {
        v = fm_get(kind, hp->section);
        return v != NULL && v->type == FM_SCALAR ? v->str : NULL;
    }
    if (hp->list)
        return NULL;            /* the old flat form is for pages only */
    v = fm_get(pl, hp->section);
    return v != NULL && v->type == FM_SCALAR ? v->str : NULL;
}

static void
hugo_token(struct buf *b, const struct page *pg, const struct hugo_page *hp,
           const char *tok, size_t n)
{
    static const char *const months[] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december",
    };
    const char *title = fm_str(pg->fm, "title"), *slug = fm_str(pg->fm, "slug");
    const char *filename = hp->bundle || hp->list
        ? (strrchr(hp->dir, '/') ? strrchr(hp->dir, '/') + 1 : hp->dir)
        : hp->name;
    char y[5], m[3], d[3];
    int dated = page_date(pg, y, m, d);

#define TOK(s) (n == sizeof(s) - 1 && memcmp(tok, s, n) == 0)
    if (TOK("year") && dated)
        buf_adds(b, y);
    else if (TOK("month") && dated)
        buf_adds(b, m);
    else if (TOK("monthname") && dated && atoi(m) >= 1 && atoi(m) <= 12)
        buf_adds(b, months[atoi(m) - 1]);
    else if (TOK("day") && dated)
        buf_adds(b, d);
    else if (TOK("title") || ((TOK("slug")) && slug == NULL))
        permalink_urlize(b, title ? title : filename,
                         strlen(title ? title : filename), 1);
    else if (TOK("slug"))
        permalink_urlize(b, slug, strlen(slug), 0);
    else if ((TOK("slugorfilename") || TOK("slugorcontentbasename")) &&
             slug != NULL)
        permalink_urlize(b, slug, strlen(slug), 0);
    else if (TOK("filename") || TOK("contentbasename") ||
             TOK("slugorfilename") || TOK("slugorcontentbasename"))
        permalink_urlize(b, filename, strlen(filename), 0);
    else if (TOK("section"))
        buf_adds(b, hp->section);
    else if (TOK("sections"))
        buf_adds(b, hp->dir);
    else
        buf_add(b, tok - 1, n + 1);     /* unknown: kept as written */
#undef TOK
}

static void
hugo_expand(struct buf *b, const struct page *pg, const struct hugo_page *hp,
            const char *pat)
{
    while (*pat != '\0') {
        if (*pat == ':' && isalpha((unsigned char)pat[1])) {
            size_t n = 1;

            while (isalpha((unsigned char)pat[1 + n]))
                n++;
            hugo_token(b, pg, hp, pat + 1, n);
            pat += 1 + n;
        } else {
            buf_addc(b, *pat++);
        }
    }
}

/* Squeezes "//" and makes the path start with '/'. */
static const char *
clean_url(struct arena *a, const char *s)
{
    char *out = arena_alloc(a, strlen(s) + 2), *o = out;

    *o++ = '/';
    for (; *s != '\0'; s++)
        if (!(*s == '/' && o[-1] == '/'))
            *o++ = *s;
    *o = '\0';
    return out;
}

static int
is_multilingual(const struct site *site)
{
    return site->nlanguages > 1;
}

static const char *
lang_prefix(const struct page *pg)
{
    const struct site *site = pg->site;

    if (!is_multilingual(site))
        return "";
    if (strcasecmp(pg->lang, site->default_lang) == 0 &&
        !site->lang_in_subdir)
        return "";
    return pg->lang;
}

static const char *
hugo_url(const struct page *pg, const char *rel, struct arena *a,
         struct hugo_page *hp)
{
    const struct site *site = pg->site;
    const char *url = fm_str(pg->fm, "url"), *slug = fm_str(pg->fm, "slug");
    const char *slash = strrchr(rel, '/'), *pat;
    const char *base = slash ? slash + 1 : rel;
    struct buf b = { 0 };
    char *name, *dot;
    size_t i;

    hp->dir = slash ? arena_strndup(a, rel, (size_t)(slash - rel)) : "";
    name = arena_strdup(a, base);
    if ((dot = strrchr(name, '.')) != NULL)
        *dot = '\0';            /* the extension */
    if ((dot = strrchr(name, '.')) != NULL &&
        site_is_language(site, dot + 1, strlen(dot + 1)))
        *dot = '\0';            /* "page.de" */
    hp->name = name;
    hp->list = strcmp(name, "_index") == 0;
    hp->bundle = strcmp(name, "index") == 0;
    hp->section = arena_strndup(a, hp->dir, strcspn(hp->dir, "/"));

    if (url != NULL) {
        /* Taken as written, with the language prefix when relative. */
        buf_addf(&b, "/%s/%s", url[0] == '/' ? "" : lang_prefix(pg), url);
    } else if (hp->dir[0] != '\0' &&
               (pat = hugo_pattern(site, hp)) != NULL) {
        buf_addf(&b, "/%s/", lang_prefix(pg));
        hugo_expand(&b, pg, hp, pat);
    } else {
        size_t at;

        buf_addf(&b, "/%s/", lang_prefix(pg));
        at = b.len;
        permalink_urlize(&b, hp->dir, strlen(hp->dir), 0);
        if (!hp->list && !hp->bundle) {
            buf_addc(&b, '/');
            if (slug != NULL)
                buf_adds(&b, slug);
            else
                permalink_urlize(&b, name, strlen(name), 0);
        } else if (slug != NULL && hp->bundle && hp->dir[0] != '\0') {
            /* A bundle's slug replaces its folder's name. */
            const char *last = strrchr(hp->dir, '/');

            b.len = at + (last ? (size_t)(last - hp->dir) + 1 : 0);
            buf_adds(&b, slug);
        }
        if (site->path_to_lower)
            for (i = at; i < b.len; i++)
                b.p[i] = (char)tolower((unsigned char)b.p[i]);
        if (site->ugly_urls && !hp->list && !hp->bundle)
            buf_adds(&b, ".html");
        else
            buf_addc(&b, '/');
    }
    url = clean_url(a, b.p != NULL ? b.p : "/");
    buf_free(&b);
    return url;
}

/* ---- Pelican ---------------------------------------------------------- */

static int
under_any(const struct fm_node *dirs, const char *rel, const char *dflt)
{
    size_t i;

    if (dirs == NULL) {
        size_t n = strlen(dflt);

        return n == 0 || (strncmp(rel, dflt, n) == 0 && rel[n] == '/');
    }
    if (dirs->type == FM_SCALAR)
        return under_any(NULL, rel, dirs->str);
    for (i = 0; i < dirs->nkids; i++)
        if (dirs->kids[i]->type == FM_SCALAR &&
            under_any(NULL, rel, dirs->kids[i]->str))
            return 1;
    return 0;
}

static const char *
setting(const struct site *site, const char *key, const char *dflt)
{
    const struct fm_node *v = fm_get(site->cfg, key);

    return v != NULL && v->type == FM_SCALAR ? v->str : dflt;
}

/* Expands {slug}, {lang}, {category}, {author}, {date:%Y} and friends. */
static void
pelican_expand(struct buf *b, const struct page *pg, const char *tpl,
               const char *slug, const char *category)
{
    static const char *const mon[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec",
    };
    char y[5], m[3], d[3];
    int dated = page_date(pg, y, m, d);

    while (*tpl != '\0') {
        const char *end;

        if (*tpl != '{' || (end = strchr(tpl, '}')) == NULL) {
            buf_addc(b, *tpl++);
            continue;
        }
        tpl++;
        if (strncmp(tpl, "slug}", 5) == 0) {
            buf_adds(b, slug);
        } else if (strncmp(tpl, "lang}", 5) == 0) {
            buf_adds(b, pg->lang);
        } else if (strncmp(tpl, "category}", 9) == 0) {
            permalink_slugify(b, category, strlen(category));
        } else if (strncmp(tpl, "author}", 7) == 0) {
            const char *au = fm_str(pg->fm, "author");

            if (au != NULL)
                permalink_slugify(b, au, strlen(au));
        } else if (strncmp(tpl, "date:", 5) == 0 && dated) {
            const char *f;

            for (f = tpl + 5; f < end; f++) {
                if (*f != '%' || f + 1 >= end) {
                    buf_addc(b, *f);
                    continue;
                }
                f++;
                if (*f == 'Y')
                    buf_adds(b, y);
                else if (*f == 'm')
                    buf_adds(b, m);
                else if (*f == 'd')
                    buf_adds(b, d);
                else if (*f == 'b' && atoi(m) >= 1 && atoi(m) <= 12)
                    buf_adds(b, mon[atoi(m) - 1]);
            }
        }
        tpl = end + 1;
    }
}

/* PAGE_URL, ARTICLE_LANG_SAVE_AS and the like (what is "URL" or
 * "SAVE_AS"), expanded for the page; Pelican's defaults if unset. */
static const char *
pelican_setting(const struct page *pg, const char *what, int is_page,
                int trans, const char *slug, const char *category,
                struct arena *a)
{
    char key[32];
    struct buf b = { 0 };
    const char *out;

    snprintf(key, sizeof key, "%s%s_%s", is_page ? "PAGE" : "ARTICLE",
             trans ? "_LANG" : "", what);
    pelican_expand(&b, pg, setting(pg->site, key, is_page
                       ? (trans ? "pages/{slug}-{lang}.html"
                                : "pages/{slug}.html")
                       : (trans ? "{slug}-{lang}.html" : "{slug}.html")),
                   slug, category);
    out = arena_strdup(a, b.p != NULL ? b.p : "");
    buf_free(&b);
    return out;
}

static const char *
pelican_url(const struct page *pg, const char *rel, struct arena *a,
            const char **save_as)
{
    const struct site *site = pg->site;
    const char *title = fm_str(pg->fm, "title"), *url = fm_str(pg->fm, "url");
    const char *save = fm_str(pg->fm, "save_as"), *slug = fm_str(pg->fm, "slug");
    const char *category = fm_str(pg->fm, "category");
    int is_page = under_any(fm_get(site->cfg, "PAGE_PATHS"), rel, "pages");
    int trans = strcasecmp(pg->lang, site->default_lang) != 0;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    struct buf b = { 0 };

    if (slug == NULL) {
        const char *src = setting(site, "SLUGIFY_SOURCE", "title");
        size_t n = strcspn(base, ".");

        if (strcmp(src, "basename") == 0 || title == NULL)
            permalink_slugify(&b, base, n);
        else
            permalink_slugify(&b, title, strlen(title));
        slug = arena_strdup(a, b.p != NULL ? b.p : "");
        buf_reset(&b);
    }
    if (category == NULL) {
        /* USE_FOLDER_AS_CATEGORY: the folder the article sits in. */
        const char *slash = strrchr(rel, '/');

        category = slash ? arena_strndup(a, rel, (size_t)(slash - rel)) :
                   setting(site, "DEFAULT_CATEGORY", "misc");
        if (strrchr(category, '/') != NULL)
            category = strrchr(category, '/') + 1;
    }
    if (url == NULL)
        url = pelican_setting(pg, "URL", is_page, trans, slug, category, a);
    if (save == NULL)
        save = pelican_setting(pg, "SAVE_AS", is_page, trans, slug, category,
                               a);
    buf_free(&b);
    *save_as = clean_url(a, save);
    return clean_url(a, url);
}

/* ---- anchors ---------------------------------------------------------- */

static int
has(const char *const *v, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

static void
page_anchors(struct page_info *pi, const struct page *pg, struct arena *a)
{
    size_t i, cap = 0, n = 0;
    const char **v = NULL;
    struct buf b = { 0 };
    int python = pg->site->kind == SITE_PELICAN;

    for (i = 0; i < pg->nids; i++)
        *ARENA_PUSH(a, v, n, cap) = arena_strdup(a, pg->ids[i].text);
    for (i = 0; i < pg->nheadings; i++) {
        const struct heading *h = &pg->headings[i];
        size_t len, k;

        if (h->id != NULL) {
            *ARENA_PUSH(a, v, n, cap) = arena_strdup(a, h->id);
            continue;
        }
        buf_reset(&b);
        if (python)
            permalink_slugify(&b, h->text, strlen(h->text));
        else
            permalink_anchor_github(&b, h->text, strlen(h->text));
        if (b.len == 0 && python)
            buf_adds(&b, "_");  /* toc's id for a heading with no word */
        if (b.len == 0)
            continue;
        len = b.len;
        /* Repeats get -1, -2 (goldmark) or _1, _2 (toc). */
        for (k = 1; has(v, n, b.p); k++) {
            b.len = len;
            buf_addf(&b, "%c%zu", python ? '_' : '-', k);
        }
        *ARENA_PUSH(a, v, n, cap) = arena_strdup(a, b.p);
    }
    buf_free(&b);
    pi->anchors = v;
    pi->nanchors = n;
}

/* ---- entry point ------------------------------------------------------ */

/* Hugo's built-in shortcodes and the common ones that add no id to a
 * page; any other shortcode may, so its page's anchors are not known. */
static const char *const plain_shortcodes[] = {
    "comment", "details", "figure", "gist", "highlight", "instagram",
    "param", "qr", "ref", "relref", "tweet", "vimeo", "x", "youtube",
};

static int
in_comma_list(const char *list, const char *s)
{
    size_t n = strlen(s);

    while (list != NULL && *list != '\0') {
        size_t len = strcspn(list, ",");

        if (len == n && strncmp(list, s, n) == 0)
            return 1;
        list += len + (list[len] == ',');
    }
    return 0;
}

static int
is_opaque(const struct page *pg)
{
    size_t i, k;

    for (i = 0; i < pg->nshortcodes; i++) {
        const char *name = pg->shortcodes[i].name;

        for (k = 0; k < sizeof plain_shortcodes / sizeof *plain_shortcodes;
             k++)
            if (strcmp(name, plain_shortcodes[k]) == 0)
                break;
        if (k == sizeof plain_shortcodes / sizeof *plain_shortcodes &&
            !in_comma_list(pg->site->plain_shortcodes, name))
            return 1;
    }
    return 0;
}

/* The length of url's folder, with its slash: "/posts/a/" → "/posts/". */
static size_t
parent_len(const char *url)
{
    size_t n = strlen(url);

    if (n > 1 && url[n - 1] == '/')
        n--;
    while (n > 0 && url[n - 1] != '/')
        n--;
    return n;
}

static int
is_true(const struct page *pg, const char *key, const char *word)
{
    const char *v = fm_str(pg->fm, key);

    return v != NULL && strcasecmp(v, word) == 0;
}

/* Hugo's list pages around a page: the home page, its top-level section,
 * and the taxonomy and term pages its front matter puts it on. */
static void
hugo_lists(const struct page *pg, const struct hugo_page *hp,
           struct page_urls *more, struct arena *a)
{
    static const char *const dflt[] = { "tags", "categories" };
    const struct fm_node *tax = fm_get(pg->site->cfg, "taxonomies");
    const char *lp = lang_prefix(pg);
    struct buf b = { 0 };
    size_t i, k, ntax;

    *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
        clean_url(a, arena_printf(a, "/%s/", lp));
    if (hp->section[0] != '\0') {
        buf_addf(&b, "/%s/", lp);
        permalink_urlize(&b, hp->section, strlen(hp->section),
                         pg->site->path_to_lower);
        buf_addc(&b, '/');
        *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
            clean_url(a, b.p);
    }
    ntax = tax != NULL && tax->type == FM_MAP ? tax->nkids : 2;
    for (i = 0; i < ntax; i++) {
        const char *plural = tax != NULL && tax->type == FM_MAP
            ? tax->kids[i]->str : dflt[i];
        const struct fm_node *terms = fm_get(pg->fm, plural);

        if (plural == NULL || terms == NULL)
            continue;
        *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
            clean_url(a, arena_printf(a, "/%s/%s/", lp, plural));
        for (k = 0; k < (terms->type == FM_SEQ ? terms->nkids : 1); k++) {
            const struct fm_node *t = terms->type == FM_SEQ
                ? terms->kids[k] : terms;

            if (t->type != FM_SCALAR || t->len == 0)
                continue;
            buf_reset(&b);
            buf_addf(&b, "/%s/%s/", lp, plural);
            permalink_urlize(&b, t->str, t->len, 1);
            buf_addc(&b, '/');
            *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
                clean_url(a, b.p);
        }
    }
    buf_free(&b);
}

struct page_info *
permalink_info(const struct page *pg, struct arena *a, struct page_urls *more)
{
    struct page_info *pi = arena_alloc(a, sizeof *pi);
    const struct site_mount *mount = NULL;
    const char *rel = content_path(pg, &mount, a);
    const char *title = fm_str(pg->fm, "title");
    const struct fm_node *al;
    size_t i;

    memset(more, 0, sizeof *more);
    pi->path = pg->path;
    pi->title = title != NULL ? arena_strdup(a, title) : NULL;
    pi->draft = is_true(pg, "draft", "true") || is_true(pg, "status", "draft")
                || is_true(pg, "status", "hidden");
    page_anchors(pi, pg, a);
    pi->opaque = is_opaque(pg);
    if (rel == NULL)
        return pi;              /* outside the content: no URL of its own */
    pi->src_key = arena_printf(a, "/%s", rel);

    if (pg->site->kind == SITE_HUGO) {
        struct hugo_page hp;

        pi->url = hugo_url(pg, rel, a, &hp);
        hugo_lists(pg, &hp, more, a);
        al = fm_get(pg->fm, "aliases");
        for (i = 0; al != NULL && i < (al->type == FM_SEQ ? al->nkids : 1);
             i++) {
            const struct fm_node *v = al->type == FM_SEQ ? al->kids[i] : al;

            if (v->type != FM_SCALAR || v->len == 0)
                continue;
            /* A relative alias sits beside the page: /posts/old/. */
            *ARENA_PUSH(a, more->aliases, more->naliases,
                        more->aliases_cap) = v->str[0] == '/'
                ? arena_strdup(a, v->str)
                : arena_printf(a, "%.*s%s", (int)parent_len(pi->url),
                               pi->url, v->str);
        }
    } else if (pg->site->kind == SITE_PELICAN) {
        const char *save_as;

        pi->url = pelican_url(pg, rel, a, &save_as);
        if (strcmp(save_as, pi->url) != 0)
            *ARENA_PUSH(a, more->aliases, more->naliases,
                        more->aliases_cap) = save_as;
    } else {
        pi->url = pi->src_key;
    }
    return pi;
}
