/* page.c: read a file, check its bytes, split front matter, and build the
 * page model from the front matter, shortcode and Markdown/HTML readers. */
#define _GNU_SOURCE             /* memmem */
#include "page.h"
#include "page_build.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontmatter.h"
#include "generator.h"
#include "html.h"
#include "markdown.h"
#include "shortcode.h"
#include "site.h"
#include "textfile.h"
#include "url.h"

#define RULE_IO          "io"
#define RULE_ENCODING    "encoding"
#define RULE_FRONTMATTER "front-matter"

/* git's test: a NUL byte in the first 8000 bytes means binary. */
#define BINARY_PROBE_BYTES 8000

/* Front matter keys whose values are prose, compared case-insensitively;
 * a trailing '*' matches any suffix (Pelican's numbered menu keys). */
static const char *const prose_keys[] = {
    "caption", "description", "dropdown_menu_elem_name_*", "linktitle",
    "menu_name", "sidebar_menu_elem_name_*", "sidebar_menu_title",
    "subtitle", "summary", "title",
};

/* Shortcode parameters that are prose, and those that name an image. */
static const char *const prose_params[] = { "alt", "caption", "title" };
static const char *const image_params[] = { "image", "img", "src" };
/* Shortcode parameters whose value is a link to check. */
static const char *const link_params[] = { "href", "link", "url" };
static const char *const image_exts[] = {
    "avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "webp",
};

struct pos
page_pos(const struct page *pg, size_t off)
{
    size_t lo = 0, hi = pg->nlines;
    struct pos p;

    if (off > pg->len)
        off = pg->len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (pg->line_off[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    p.file = pg->path;
    p.line = (unsigned)lo + 1;
    p.col = (unsigned)(off - pg->line_off[lo]) + 1;
    return p;
}

struct str
page_line(const struct page *pg, unsigned line)
{
    size_t start, end;

    if (line == 0 || line > pg->nlines)
        return (struct str){ pg->src + pg->len, 0 };
    start = pg->line_off[line - 1];
    end = line < pg->nlines ? pg->line_off[line] : pg->len;
    while (end > start &&
           (pg->src[end - 1] == '\n' || pg->src[end - 1] == '\r'))
        end--;
    return (struct str){ pg->src + start, end - start };
}

struct str
page_text_line(const struct page *pg, const char *text, unsigned line)
{
    struct str l = page_line(pg, line);

    l.p = text + (l.p - pg->src);
    return l;
}

struct pos
page_span_pos(const struct page *pg, const struct span *sp)
{
    return (struct pos){ pg->path, sp->line, sp->col };
}

void
page_add_span(struct page *pg, struct pos pos, const char *p, size_t len,
              enum span_kind kind)
{
    size_t i = 0;

    /* Split at filler: what stood there was a shortcode, not prose. */
    while (i < len) {
        size_t s, e;
        struct span *sp;

        while (i < len && p[i] == PAGE_FILLER)
            i++;
        s = i;
        while (i < len && p[i] != PAGE_FILLER)
            i++;
        e = i;
        if (e == s)
            continue;
        /* cmark-gfm cuts a text run at every '_', '\'' or escape
         * ("mod\_python wasn't" came as "python wasn" and "'t"): text
         * that goes on where the last span ended is that span. */
        sp = pg->nspans > 0 ? &pg->spans[pg->nspans - 1] : NULL;
        if (sp != NULL && sp->kind == kind && sp->line == pos.line &&
            sp->text.p + sp->text.len == p + s) {
            sp->text.len += e - s;
            continue;
        }
        sp = ARENA_PUSH(pg->mem, pg->spans, pg->nspans, pg->spans_cap);
        sp->line = pos.line;
        sp->col = pos.col + (unsigned)s;
        sp->text = (struct str){ p + s, e - s };
        sp->kind = kind;
    }
}

static const char *
find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    size_t i;

    if (nlen == 0 || nlen > hlen)
        return NULL;
    for (i = 0; i + nlen <= hlen; i++) {
        const char *hit = memchr(hay + i, needle[0], hlen - nlen - i + 1);

        if (hit == NULL)
            return NULL;
        i = (size_t)(hit - hay);
        if (memcmp(hit, needle, nlen) == 0)
            return hit;
    }
    return NULL;
}

/* Finds lit on line, preferring hint_col when it matches there, else the
 * occurrence nearest to it; returns the 1-based column or 0. */
static unsigned
find_near(struct str l, unsigned hint_col, const char *lit, size_t len)
{
    size_t hint = hint_col > 0 ? hint_col - 1 : 0, best = 0;
    const char *hit = l.p;
    size_t best_dist = (size_t)-1;

    if (hint + len <= l.len && memcmp(l.p + hint, lit, len) == 0)
        return (unsigned)hint + 1;
    while ((hit = find_bytes(hit, l.len - (size_t)(hit - l.p), lit, len))
           != NULL) {
        size_t at = (size_t)(hit - l.p);
        size_t dist = at > hint ? at - hint : hint - at;

        if (dist < best_dist) {
            best_dist = dist;
            best = at + 1;
        }
        hit++;
    }
    return (unsigned)best;
}

int
page_find_on_line(const struct page *pg, unsigned line, unsigned hint_col,
                  const char *lit, size_t len)
{
    return (int)find_near(page_line(pg, line), hint_col, lit, len);
}

/* Bytes that a backslash escape or an entity can produce: where a parsed
 * literal and its source may differ. */
static int
may_differ(unsigned char c)
{
    return ispunct(c) || c == PAGE_FILLER;
}

/* Does an entity ("&amp;", "&#169;", "&#x2014;") start at l.p[c]? */
static int
is_entity(struct str l, size_t c)
{
    size_t k = c + 1;

    if (k < l.len && l.p[k] == '#')
        k++;
    while (k < l.len && k - c < 34 && isalnum((unsigned char)l.p[k]))
        k++;
    return k > c + 1 && k < l.len && l.p[k] == ';';
}

/* Places lit on line l as described in page_add_text(); returns how much
 * of lit it placed (len when all). */
static size_t
align_text(struct page *pg, unsigned line, struct str l, unsigned hint_col,
           const char *lit, size_t len, enum span_kind kind)
{
    size_t i = 0, c, run_c, n;
    unsigned col;

    while (i < len && may_differ((unsigned char)lit[i]))
        i++;
    n = i;
    while (n < len && !may_differ((unsigned char)lit[n]))
        n++;
    if (i != 0 || n == 0 ||
        (col = find_near(l, hint_col, lit, n)) == 0)
        return 0;               /* it starts with what may differ */
    c = col - 1;
    run_c = c;
    while (i < len && c < l.len) {
        if (lit[i] == l.p[c] && !(l.p[c] == '&' && is_entity(l, c))) {
            i++;
            c++;
            continue;
        }
        if (c > run_c)
            page_add_span(pg, (struct pos){ pg->path, line,
                                           (unsigned)run_c + 1 },
                          l.p + run_c, c - run_c, kind);
        if (l.p[c] == '\\' && c + 1 < l.len && l.p[c + 1] == lit[i]) {
            c++;                /* "\_" gave "_" */
        } else if (l.p[c] == '&') {
            const char *semi = memchr(l.p + c, ';',
                                      l.len - c < 40 ? l.len - c : 40);
            size_t k;

            if (semi == NULL)
                return i;
            c = (size_t)(semi - l.p) + 1;
            /* The entity became one character, of 1 to 4 bytes. */
            for (k = 0; k < 4 && i < len &&
                        (c >= l.len || lit[i] != l.p[c]); k++)
                i++;
        } else {
            return i;
        }
        run_c = c;
    }
    if (c > run_c)
        page_add_span(pg, (struct pos){ pg->path, line, (unsigned)run_c + 1 },
                      l.p + run_c, c - run_c, kind);
    return i == len ? len : i;
}

void
page_add_text(struct page *pg, unsigned line, unsigned hint_col,
              const char *lit, size_t len, enum span_kind kind)
{
    const char *text = pg->text != NULL ? pg->text : pg->src;
    struct str l;
    unsigned col;
    size_t i, cursor;

    if (line == 0 || line > pg->nlines || len == 0)
        return;
    l = page_text_line(pg, text, line);
    if ((col = find_near(l, hint_col, lit, len)) != 0) {
        page_add_span(pg, (struct pos){ pg->path, line, col },
                      l.p + col - 1, len, kind);
        return;
    }
    /* The literal was unescaped (\* or &amp;): walk it along the line
     * from where its first plain run is, a span for each run of bytes the
     * two share, stepping over a backslash escape or an entity; so that
     * "add-ons" and "wasn't" stay whole words beside "mod\_python". */
    if ((i = align_text(pg, line, l, hint_col, lit, len, kind)) == len)
        return;
    /* Where they part in a way it cannot follow: place each run of bytes
     * that cannot come from an escape on its own, in order. */
    cursor = hint_col > 0 && hint_col - 1 < l.len ? hint_col - 1 : 0;
    for (; i < len;) {
        size_t s = i;
        struct str rest;

        while (i < len && !may_differ((unsigned char)lit[i]))
            i++;
        if (i > s) {
            rest = (struct str){ l.p + cursor, l.len - cursor };
            col = find_near(rest, 1, lit + s, i - s);
            if (col == 0 && cursor > 0) {
                cursor = 0;     /* the hint was past it: search the line */
                rest = l;
                col = find_near(rest, 1, lit + s, i - s);
            }
            if (col != 0) {
                page_add_span(pg, (struct pos){ pg->path, line,
                                               (unsigned)cursor + col },
                              rest.p + col - 1, i - s, kind);
                cursor += col - 1 + (i - s);
            }
        }
        while (i < len && may_differ((unsigned char)lit[i]))
            i++;
    }
}

struct ref *
page_add_ref(struct page *pg, struct ref **v, size_t *n, size_t *cap,
             struct pos pos, const char *text)
{
    struct ref *r = ARENA_PUSH(pg->mem, *v, *n, *cap);

    r->pos = pos;
    r->text = arena_strdup(pg->mem, text);
    return r;
}

/* ---- bytes ------------------------------------------------------------ */

static void
check_utf8(struct page *pg)
{
    const unsigned char *p = (const unsigned char *)pg->src;
    size_t i = 0, n;

    while (i < pg->len) {
        if (i + 8 <= pg->len) {
            uint64_t w;

            memcpy(&w, p + i, 8);
            if ((w & UINT64_C(0x8080808080808080)) == 0) {
                i += 8;         /* eight ASCII bytes at a time */
                continue;
            }
        }
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        if ((n = utf8_len(p + i, pg->len - i)) == 0) {
            diag_add(page_pos(pg, i), 0, SEV_WARNING, RULE_ENCODING,
                     "invalid UTF-8 (byte 0x%02X); the rest of the file is "
                     "still checked", p[i]);
            pg->bad_utf8 = 1;
            return;             /* one report a file: the rest is noise */
        }
        i += n;
    }
}

static void
build_lines(struct page *pg)
{
    pg->line_off = text_lines(pg->mem, pg->src, pg->len, &pg->nlines);
}

/* ---- front matter ----------------------------------------------------- */

/* Is line (1-based) exactly the fence, allowing trailing blanks? */
static int
is_fence(const struct page *pg, unsigned line, const char *fence)
{
    struct str l = str_trim(page_line(pg, line));

    return l.p == page_line(pg, line).p && str_is(l, fence);
}

static int
key_matches(const char *pattern, const char *key)
{
    size_t n = strlen(pattern);

    if (n > 0 && pattern[n - 1] == '*')
        return strncasecmp(pattern, key, n - 1) == 0;
    return strcasecmp(pattern, key) == 0;
}

/* A one-line value read at pos: its source bytes when the reader says
 * they match the value, else the value placed on its line. */
static void
add_value_span(struct page *pg, struct pos pos, const char *str, size_t len,
               int exact, enum span_kind kind)
{
    if (len == 0 || memchr(str, '\n', len) != NULL)
        return;
    if (exact)
        page_add_span(pg, pos, pg->src + pg->line_off[pos.line - 1] +
                               pos.col - 1, len, kind);
    else
        page_add_text(pg, pos.line, pos.col, str, len, kind);
}

static void
front_matter_prose(struct page *pg)
{
    size_t i, k;

    if (pg->fm == NULL)
        return;
    for (i = 0; i < pg->fm->nkids; i++) {
        const struct fm_node *m = pg->fm->kids[i];

        for (k = 0; k < sizeof prose_keys / sizeof prose_keys[0]; k++)
            if (key_matches(prose_keys[k], m->key) && m->type == FM_SCALAR)
                add_value_span(pg, m->pos, m->str, m->len, m->exact,
                               SPAN_TITLE);
    }
}

/* Splits off the front matter and parses it.  Returns the offset where the
 * body starts. */
static size_t
split_front_matter(struct page *pg)
{
    enum gen_meta meta = pg->site->gen->meta;
    const char *fence = NULL;
    enum fm_format fmt = FMF_NONE;
    unsigned close = 0, ln;
    size_t start, end;
    struct str first = page_line(pg, 1);

    if (pg->len == 0)
        return 0;
    if (is_fence(pg, 1, "---")) {
        fence = "---";
        fmt = FMF_YAML;
    } else if (is_fence(pg, 1, "+++")) {
        fence = "+++";
        fmt = FMF_TOML;
    } else if (str_is(str_trim(first), "{")) {
        fence = "}";
        fmt = FMF_YAML;         /* JSON front matter: YAML reads it */
    } else if (meta != GEN_META_FENCED && pg->type == PAGE_MARKDOWN &&
               (meta == GEN_META_PELICAN ||
                (first.len > 6 && strncasecmp(first.p, "title:", 6) == 0))) {
        /* Pelican metadata without fences: up to the first blank line. */
        for (ln = 1; ln <= pg->nlines && str_trim(page_line(pg, ln)).len > 0;
             ln++)
            continue;
        end = ln <= pg->nlines ? pg->line_off[ln - 1] : pg->len;
        if (!fm_looks_pelican(pg->src, end))
            return 0;
        pg->fm = fm_parse_pelican(pg->mem, pg->path, pg->src, end, 1,
                                  RULE_FRONTMATTER);
        pg->fm_format = FMF_PELICAN;
        pg->body_line = ln;
        return end;
    } else {
        return 0;
    }
    for (ln = 2; ln <= pg->nlines; ln++)
        if (is_fence(pg, ln, fence) ||
            (fmt == FMF_YAML && *fence == '-' && is_fence(pg, ln, "...")))
            break;
    if (ln > pg->nlines) {
        diag_add((struct pos){ pg->path, 1, 1 }, 0, SEV_ERROR,
                 RULE_FRONTMATTER, "front matter opened here is never closed "
                 "with '%s'", fence);
        pg->body_line = 1;
        return 0;
    }
    close = ln;
    start = *fence == '}' ? 0 : pg->line_off[1];
    end = *fence == '}' ? (close < pg->nlines ? pg->line_off[close] : pg->len)
                        : pg->line_off[close - 1];
    pg->body_line = close + 1;
    if (fmt == FMF_TOML) {
        pg->fm = fm_parse_toml(pg->mem, pg->path, pg->src + start,
                               end - start, 2, RULE_FRONTMATTER);
    } else if (*fence == '-' && (meta == GEN_META_PELICAN ||
               (meta == GEN_META_GUESS &&
                fm_looks_pelican(pg->src + start, end - start) &&
                fm_parse_yaml(pg->mem, pg->path, pg->src + start,
                              end - start, 2, NULL) == NULL))) {
        fmt = FMF_PELICAN;
        pg->fm = fm_parse_pelican(pg->mem, pg->path, pg->src + start,
                                  end - start, 2, RULE_FRONTMATTER);
    } else {
        pg->fm = fm_parse_yaml(pg->mem, pg->path, pg->src + start,
                               end - start, *fence == '}' ? 1 : 2,
                               RULE_FRONTMATTER);
    }
    pg->fm_format = fmt;
    return close < pg->nlines ? pg->line_off[close] : pg->len;
}

/* ---- language --------------------------------------------------------- */

/* The suffix of path's file name before its extension, where a language
 * would be ("fr" in "press-kit.fr.md"), and its length in *n; NULL if
 * the name has only one suffix. */
static const char *
lang_suffix(const char *path, size_t *n)
{
    const char *base = strrchr(path, '/'), *dot, *dot2;

    base = base != NULL ? base + 1 : path;
    dot = strrchr(base, '.');
    if (dot == NULL || dot == base)
        return NULL;
    for (dot2 = dot - 1; dot2 > base && *dot2 != '.'; dot2--)
        continue;
    if (*dot2 != '.')
        return NULL;
    *n = (size_t)(dot - dot2 - 1);
    return dot2 + 1;
}

static const char *
page_language(struct page *pg, const char *path)
{
    size_t i, n = 0;
    const char *suffix = lang_suffix(path, &n), *lang;

    if (suffix != NULL && pg->site->gen != NULL &&
        (pg->site->gen->flags & GEN_LANG_SUFFIX) &&
        site_is_language(pg->site, suffix, n))
        return arena_strndup(pg->mem, suffix, n);
    if ((lang = fm_str(pg->fm, "lang")) != NULL)
        return lang;
    for (i = 0; i < pg->site->nmounts; i++) {
        const struct site_mount *m = &pg->site->mounts[i];
        size_t dn = strlen(m->dir);

        if (m->lang != NULL && strncmp(path, m->dir, dn) == 0 &&
            path[dn] == '/')
            return m->lang;
    }
    return pg->site->default_lang;
}

/* Is s[0, len) shaped like a language tag as file names carry them:
 * "de", "fr", "pt-br", "zh-hans"; not "Dir", "old" or "v2"? */
static int
language_shaped(const char *s, size_t len)
{
    size_t i;

    if (len < 2 || len > 7)
        return 0;
    for (i = 0; i < len; i++)
        if (!islower((unsigned char)s[i]) && !(s[i] == '-' && i == 2))
            return 0;
    return len == 2 || (s[2] == '-' && len >= 5);
}

const char *
page_text_language(const struct page *pg, struct arena *a)
{
    const char *suffix;
    size_t n;

    /* Only where the site names no languages, whose suffixes would be
     * exact: there a translation's suffix is the text's language. */
    if (pg->site == NULL || pg->site->nlanguages > 0 ||
        pg->site->default_lang == NULL ||
        strcasecmp(pg->lang, pg->site->default_lang) != 0)
        return pg->lang;
    suffix = lang_suffix(pg->path, &n);
    if (suffix != NULL && language_shaped(suffix, n))
        return arena_strndup(a, suffix, n);
    return pg->lang;
}

/* ---- shortcode-derived views ------------------------------------------ */

static int
in_list(const char *s, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcasecmp(s, list[i]) == 0)
            return 1;
    return 0;
}

#define IN_LIST(s, list) in_list((s), (list), sizeof (list) / sizeof (list)[0])

static int
has_image_ext(const char *v)
{
    const char *end = v + strcspn(v, "?#");
    const char *dot;
    char ext[8];
    size_t n;

    for (dot = end; dot > v && dot[-1] != '.' && dot[-1] != '/'; dot--)
        continue;
    if (dot == v || dot[-1] != '.')
        return 0;
    n = (size_t)(end - dot);
    if (n == 0 || n >= sizeof ext)
        return 0;
    memcpy(ext, dot, n);
    ext[n] = '\0';
    return IN_LIST(ext, image_exts);
}

/* Adds what a shortcode parameter names to v, with its source range
 * when ranged and the value is the source text. */
static void
param_ref(struct page *pg, struct ref **v, size_t *n, size_t *cap,
          const struct shortcode *sc, const struct sc_param *p, int ranged)
{
    struct ref *r = page_add_ref(pg, v, n, cap, p->value_pos, p->value);

    r->origin = ORIGIN_SHORTCODE;
    r->via = sc->name;
    if (ranged && p->exact)
        r->end_col = p->value_pos.col + (unsigned)strlen(p->value);
}

/* Is the value an absolute http(s) URL, not a template expression? */
static int
is_web_url(const char *v)
{
    size_t hl;

    return v[0] != '/' && url_host(v, &hl) != NULL && hl > 0 &&
           strchr(v, ' ') == NULL && strstr(v, "{{") == NULL;
}

static void
shortcode_views(struct page *pg)
{
    size_t i, k;

    for (i = 0; i < pg->nshortcodes; i++) {
        const struct shortcode *sc = &pg->shortcodes[i];
        int figure = strcmp(sc->name, "figure") == 0;

        if (sc->closing)
            continue;
        for (k = 0; k < sc->nparams; k++) {
            const struct sc_param *p = &sc->params[k];
            const char *name = p->name != NULL ? p->name : "";
            int image = (figure && strcasecmp(name, "src") == 0) ||
                        (IN_LIST(name, image_params) &&
                         has_image_ext(p->value) &&
                         strstr(p->value, "{{") == NULL);
            /* Any parameter whose value is an absolute http(s) URL is a
             * link, whatever the shortcode calls it. */
            int link = !image && (is_web_url(p->value) ||
                                  (figure && strcasecmp(name, "link") == 0) ||
                                  (!figure && IN_LIST(name, link_params)));

            if (image)
                param_ref(pg, &pg->images, &pg->nimages, &pg->images_cap,
                          sc, p, 1);
            if (link)
                param_ref(pg, &pg->links, &pg->nlinks, &pg->links_cap, sc,
                          p, 1);
            if (figure && strcasecmp(name, "caption") == 0)
                param_ref(pg, &pg->captions, &pg->ncaptions,
                          &pg->captions_cap, sc, p, 0);
            if (IN_LIST(name, prose_params))
                add_value_span(pg, p->value_pos, p->value, strlen(p->value),
                               p->exact, SPAN_CAPTION);
        }
        if ((strcmp(sc->name, "ref") == 0 || strcmp(sc->name, "relref") == 0)
            && sc->nparams > 0)
            param_ref(pg, &pg->links, &pg->nlinks, &pg->links_cap, sc,
                      &sc->params[0], 0);
    }
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- the per-page budget ---------------------------------------------- */

/* How deeply the line at p nests block quotes and list items. */
static size_t
line_nesting(const char *p, const char *end)
{
    size_t depth = 0, k;

    for (;;) {
        for (k = 0; k < 4 && p < end && *p == ' '; k++)
            p++;
        if (p < end && *p == '>') {
            p++;
        } else if (p + 1 < end && (*p == '-' || *p == '+' || *p == '*') &&
                   (p[1] == ' ' || p[1] == '\t')) {
            p += 2;
        } else {
            const char *q = p;

            while (q < end && q - p < 9 && *q >= '0' && *q <= '9')
                q++;
            if (q == p || q + 1 >= end || (*q != '.' && *q != ')') ||
                (q[1] != ' ' && q[1] != '\t'))
                return depth;
            p = q + 2;
        }
        depth++;
    }
}

/* Is the page's Markdown past the budget (page.h)?  If so, says so once
 * and marks the page unparsed. */
static int
over_budget(struct page *pg, size_t body)
{
    size_t i, bytes = pg->len - body, max = pg->site->max_page_bytes;
    const char *what = NULL;
    unsigned line = 0;

    if (max == 0)
        max = PAGE_BUDGET_BYTES;
    if (bytes > max) {
        diag_add((struct pos){ pg->path, 0, 0 }, 0, SEV_WARNING, RULE_IO,
                 "not parsed as Markdown: %zu bytes, over the per-page "
                 "budget of %zu (--max-page-bytes); only its front matter "
                 "and shortcodes are checked", bytes, max);
        pg->unparsed = 1;
        return 1;
    }
    for (i = 0; i < pg->nlines && what == NULL; i++) {
        const char *p = pg->text + pg->line_off[i];
        const char *end = i + 1 < pg->nlines ? pg->text + pg->line_off[i + 1]
                                             : pg->text + pg->len;
        size_t cells = 0;
        const char *q;

        if (pg->line_off[i] < body)
            continue;
        if (line_nesting(p, end) > PAGE_BUDGET_NESTING)
            what = "block quotes or list items nested more than "
                   STR(PAGE_BUDGET_NESTING) " deep";
        for (q = p; q < end && what == NULL; q++)
            if (*q == '|' && ++cells > PAGE_BUDGET_CELLS)
                what = "a line of more than " STR(PAGE_BUDGET_CELLS)
                       " table cells";
        line = (unsigned)i + 1;
    }
    if (what == NULL)
        return 0;
    diag_add((struct pos){ pg->path, line, 1 }, 0, SEV_WARNING, RULE_IO,
             "not parsed as Markdown: %s, over the per-page budget; only "
             "its front matter and shortcodes are checked", what);
    pg->unparsed = 1;
    return 1;
}

/* ---- entry points ----------------------------------------------------- */

int
page_parse(struct page *pg, const char *path, const char *data, size_t len,
           enum page_type type, const struct site *site, struct arena *mem,
           struct arena *run)
{
    size_t body;
    char *text, *p;

    memset(pg, 0, sizeof *pg);
    pg->path = arena_strdup(run, path);
    pg->type = type;
    pg->site = site;
    pg->mem = mem;
    pg->body_line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;              /* columns count from after a BOM */
        len -= 3;
    }
    pg->src = data;
    pg->len = len;
    build_lines(pg);
    check_utf8(pg);
    body = split_front_matter(pg);
    pg->lang = page_language(pg, path);
    pg->text_lang = page_text_language(pg, pg->mem);
    front_matter_prose(pg);

    /* The parsers read a copy in which shortcodes are filler, and NULs
     * (cmark-gfm reads a NUL as U+FFFD, three bytes for one: every
     * column after it on its line would point past what it names); a
     * page with neither is read as it is, which a big page's peak
     * feels. */
    if (memchr(data, '\0', len) == NULL &&
        (site->gen->shortcode == NULL || memmem(data, len, "{{", 2) == NULL)) {
        pg->text = data;
    } else {
        text = arena_alloc(mem, len + 1);
        memcpy(text, data, len);
        for (p = memchr(text, '\0', len); p != NULL;
             p = memchr(p, '\0', len - (size_t)(p - text)))
            *p++ = PAGE_FILLER;
        pg->text = text;
        if (site->gen->shortcode != NULL)
            shortcode_scan(pg, body, text);
    }
    if (site->gen->shortcode != NULL)
        shortcode_views(pg);
    if (type == PAGE_HTML)
        html_scan(pg, pg->text, body, len, 1);
    else if (!over_budget(pg, body))
        markdown_parse(pg, body);
    return 0;
}

static int
looks_binary(const char *p, size_t n)
{
    return memchr(p, '\0', n < BINARY_PROBE_BYTES ? n : BINARY_PROBE_BYTES)
           != NULL;
}

void
page_stamp(const struct stat *st, struct file_stamp *out)
{
    out->dev = st->st_dev;
    out->ino = st->st_ino;
    out->size = st->st_size;
    out->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL +
                    st->st_mtim.tv_nsec;
    out->ctime_ns = (long long)st->st_ctim.tv_sec * 1000000000LL +
                    st->st_ctim.tv_nsec;
}

int
page_stamp_now(const char *path, struct file_stamp *out, struct stat *st)
{
    if (stat(path, st) == -1)
        return -1;
    page_stamp(st, out);
    return 0;
}

int
page_stamp_equal(const struct file_stamp *a, const struct file_stamp *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

void
page_thread_done(void)
{
    markdown_thread_done();
}

enum page_type
page_type_of(const char *path)
{
    const char *ext = strrchr(path, '.');

    return ext != NULL && (strcasecmp(ext, ".html") == 0 ||
                           strcasecmp(ext, ".htm") == 0)
               ? PAGE_HTML : PAGE_MARKDOWN;
}

int
page_load(struct page *pg, const char *path, const struct site *site,
          struct arena *mem, struct arena *run)
{
    struct pos whole = { NULL, 0, 0 };
    struct stat st;
    char *data;
    size_t got = 0;
    ssize_t r;
    int fd, rc = -1;
    enum page_type type;
    struct file_stamp stamp;

    whole.file = arena_strdup(run, path);
    if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
        diag_add(whole, 0, SEV_ERROR, RULE_IO, "cannot read file: %s",
                 strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) == -1) {
        diag_add(whole, 0, SEV_ERROR, RULE_IO, "cannot read file: %s",
                 strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_add(whole, 0, SEV_WARNING, RULE_IO,
                 "not a regular file; skipped");
        goto out;
    }
    page_stamp(&st, &stamp);
    if ((unsigned long long)st.st_size > PAGE_MAX_BYTES) {
        diag_add(whole, 0, SEV_WARNING, RULE_IO,
                 "file is %lld bytes, over the %u MiB limit; skipped",
                 (long long)st.st_size, PAGE_MAX_BYTES / 1024 / 1024);
        goto out;
    }
    data = arena_alloc(mem, (size_t)st.st_size + 1);
    while (got < (size_t)st.st_size) {
        r = read(fd, data + got, (size_t)st.st_size - got);
        if (r == -1 && errno == EINTR)
            continue;
        if (r == -1) {
            diag_add(whole, 0, SEV_ERROR, RULE_IO, "cannot read file: %s",
                     strerror(errno));
            goto out;
        }
        if (r == 0)
            break;              /* the file shrank while we read it */
        got += (size_t)r;
    }
    if (looks_binary(data, got)) {
        diag_add(whole, 0, SEV_NOTE, RULE_IO, "binary file; skipped");
        goto out;
    }
    type = page_type_of(path);
    rc = page_parse(pg, path, data, got, type, site, mem, run);
    pg->stamp = stamp;
out:
    close(fd);
    return rc;
}
