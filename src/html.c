/* html.c: find the tags and attributes sitelint needs in raw HTML, with
 * positions; not a full HTML parser, and it need not be one. */
#include "html.h"
#include "page_build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct attr {
    const char *name;
    size_t nlen;
    const char *val;            /* raw, inside any quotes; NULL if none */
    size_t vlen;
};

/* Attributes kept per tag; more are scanned over and ignored. */
#define HTML_MAX_ATTRS 32

struct tag {
    const char *name;
    size_t nlen;
    int end;                    /* </name> */
    struct attr attrs[HTML_MAX_ATTRS];
    size_t nattrs;
};

struct hscan {
    struct page *pg;
    const char *t;
    size_t i, to;
    int prose;
    int raw_depth;              /* inside pre/code: text is not prose */
    size_t caption_start;       /* offset past <figcaption>, or 0 */
    int in_caption;
};

static int
name_is(const char *p, size_t n, const char *name)
{
    return strlen(name) == n && strncasecmp(p, name, n) == 0;
}

static const struct attr *
attr_get(const struct tag *tg, const char *name)
{
    size_t i;

    for (i = 0; i < tg->nattrs; i++)
        if (name_is(tg->attrs[i].name, tg->attrs[i].nlen, name) &&
            tg->attrs[i].val != NULL)
            return &tg->attrs[i];
    return NULL;
}

/* Decodes the few entities that occur in URLs and captions. */
static char *
decode(struct arena *mem, const char *p, size_t n, int *exact)
{
    static const struct {
        const char *name;
        char c;
    } ents[] = {
        { "&amp;", '&' }, { "&apos;", '\'' }, { "&gt;", '>' },
        { "&lt;", '<' }, { "&quot;", '"' }, { "&#39;", '\'' },
    };
    char *out = arena_alloc(mem, n + 1), *o = out;
    size_t i, k;

    *exact = 1;
    for (i = 0; i < n; i++) {
        if (p[i] == '&') {
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
                size_t el = strlen(ents[k].name);

                if (i + el <= n && memcmp(p + i, ents[k].name, el) == 0) {
                    *o++ = ents[k].c;
                    i += el - 1;
                    *exact = 0;
                    break;
                }
            }
            if (k < sizeof ents / sizeof ents[0])
                continue;
        }
        *o++ = p[i];
    }
    *o = '\0';
    return out;
}

static void
add_ref(struct hscan *h, struct ref **v, size_t *n, size_t *cap,
        const char *p, size_t len, const char *via)
{
    int exact;
    char *text = decode(h->pg->mem, p, len, &exact), *o, *q;
    struct ref *r;

    /* A browser drops tabs and line ends from a URL (WHATWG URL, "remove
     * all ASCII tab or newline"): an href split over CRLF lines is one
     * URL. */
    for (o = q = text; *q != '\0'; q++)
        if (*q != '\t' && *q != '\r' && *q != '\n')
            *o++ = *q;
    if (*o != '\0') {
        *o = '\0';
        exact = 0;
    }
    r = page_add_ref(h->pg, v, n, cap, page_pos(h->pg, (size_t)(p - h->t)),
                     text);
    r->origin = ORIGIN_HTML;
    r->via = via;
    if (exact && memchr(p, '\n', len) == NULL)
        r->end_col = r->pos.col + (unsigned)len;
}

/* srcset="a.png 1x, b.png 2x": each candidate's URL is an image. */
static void
add_srcset(struct hscan *h, const struct attr *a)
{
    size_t i = 0;

    while (i < a->vlen) {
        size_t s;

        while (i < a->vlen && (isspace((unsigned char)a->val[i]) ||
                               a->val[i] == ','))
            i++;
        s = i;
        while (i < a->vlen && !isspace((unsigned char)a->val[i]))
            i++;
        /* A URL may contain commas; a trailing one ends the candidate. */
        if (i > s && a->val[i - 1] == ',')
            i--;
        if (i > s)
            add_ref(h, &h->pg->images, &h->pg->nimages, &h->pg->images_cap,
                    a->val + s, i - s, "srcset");
        while (i < a->vlen && a->val[i] != ',')
            i++;
    }
}

static void
on_tag(struct hscan *h, const struct tag *tg, size_t tag_end)
{
    struct page *pg = h->pg;
    const struct attr *a;

    if (name_is(tg->name, tg->nlen, "pre") ||
        name_is(tg->name, tg->nlen, "code")) {
        h->raw_depth += tg->end ? (h->raw_depth > 0 ? -1 : 0) : 1;
        return;
    }
    if (name_is(tg->name, tg->nlen, "figcaption")) {
        if (!tg->end) {
            h->in_caption = 1;
            h->caption_start = tag_end;
        } else if (h->in_caption) {
            size_t s = h->caption_start, e = (size_t)(tg->name - h->t) - 2;
            struct buf b = { 0 };
            size_t i, first = 0;
            int intag = 0, space = 0;

            /* Caption text: tags dropped, white space folded. */
            for (i = s; i < e; i++) {
                char c = h->t[i];

                if (c == '<')
                    intag = 1;
                else if (c == '>')
                    intag = 0;
                else if (!intag && c != PAGE_FILLER) {
                    if (isspace((unsigned char)c)) {
                        space = b.len > 0;
                    } else {
                        if (b.len == 0)
                            first = i;
                        if (space)
                            buf_addc(&b, ' ');
                        space = 0;
                        buf_addc(&b, c);
                    }
                }
            }
            if (b.len > 0) {
                struct ref *r = page_add_ref(pg, &pg->captions,
                                             &pg->ncaptions,
                                             &pg->captions_cap,
                                             page_pos(pg, first), b.p);

                r->origin = ORIGIN_HTML;
                r->via = "figcaption";
            }
            buf_free(&b);
            h->in_caption = 0;
        }
        return;
    }
    if (tg->end)
        return;
    if ((a = attr_get(tg, "id")) != NULL && a->vlen > 0)
        add_ref(h, &pg->ids, &pg->nids, &pg->ids_cap, a->val, a->vlen, "id");
    if (name_is(tg->name, tg->nlen, "a") &&
        (a = attr_get(tg, "name")) != NULL && a->vlen > 0)
        add_ref(h, &pg->ids, &pg->nids, &pg->ids_cap, a->val, a->vlen,
                "name");
    if (name_is(tg->name, tg->nlen, "img")) {
        if ((a = attr_get(tg, "src")) != NULL)
            add_ref(h, &pg->images, &pg->nimages, &pg->images_cap, a->val,
                    a->vlen, "img");
        if ((a = attr_get(tg, "srcset")) != NULL)
            add_srcset(h, a);
        if ((a = attr_get(tg, "alt")) != NULL && h->prose && a->vlen > 0)
            page_add_text(pg, page_pos(pg, (size_t)(a->val - h->t)).line,
                          page_pos(pg, (size_t)(a->val - h->t)).col,
                          a->val, a->vlen, SPAN_ALT);
    } else if (name_is(tg->name, tg->nlen, "source")) {
        if ((a = attr_get(tg, "srcset")) != NULL)
            add_srcset(h, a);
    } else if (name_is(tg->name, tg->nlen, "a")) {
        if ((a = attr_get(tg, "href")) != NULL)
            add_ref(h, &pg->links, &pg->nlinks, &pg->links_cap, a->val,
                    a->vlen, "a");
    }
}

/* Reads the tag at h->i ('<' then a letter or '/').  Returns 0 and leaves
 * h->i past '>', or -1 if this '<' starts no tag. */
static int
read_tag(struct hscan *h, struct tag *tg)
{
    const char *t = h->t;
    size_t i = h->i + 1;

    memset(tg, 0, sizeof *tg);
    if (i < h->to && t[i] == '/') {
        tg->end = 1;
        i++;
    }
    if (i >= h->to || !isalpha((unsigned char)t[i]))
        return -1;
    tg->name = t + i;
    while (i < h->to && (isalnum((unsigned char)t[i]) || t[i] == '-'))
        i++;
    tg->nlen = (size_t)(t + i - tg->name);
    for (;;) {
        struct attr a = { 0 };

        while (i < h->to && (isspace((unsigned char)t[i]) || t[i] == '/'))
            i++;
        if (i >= h->to)
            return -1;
        if (t[i] == '>') {
            h->i = i + 1;
            return 0;
        }
        a.name = t + i;
        while (i < h->to && !isspace((unsigned char)t[i]) && t[i] != '=' &&
               t[i] != '>' && !(t[i] == '/' && i + 1 < h->to &&
                                t[i + 1] == '>'))
            i++;
        a.nlen = (size_t)(t + i - a.name);
        while (i < h->to && isspace((unsigned char)t[i]))
            i++;
        if (i < h->to && t[i] == '=') {
            i++;
            while (i < h->to && isspace((unsigned char)t[i]))
                i++;
            if (i < h->to && (t[i] == '"' || t[i] == '\'')) {
                const char *q = memchr(t + i + 1, t[i], h->to - i - 1);

                if (q == NULL)
                    return -1;
                a.val = t + i + 1;
                a.vlen = (size_t)(q - a.val);
                i = (size_t)(q - t) + 1;
            } else {
                a.val = t + i;
                while (i < h->to && !isspace((unsigned char)t[i]) &&
                       t[i] != '>')
                    i++;
                a.vlen = (size_t)(t + i - a.val);
            }
        }
        if (a.nlen == 0)
            i++;                /* stray byte: step over it */
        else if (tg->nattrs < HTML_MAX_ATTRS)
            tg->attrs[tg->nattrs++] = a;
    }
}

/* Skips to just past terminator; returns 0, or -1 if it never comes. */
static int
skip_past(struct hscan *h, const char *terminator)
{
    size_t n = strlen(terminator), i;

    for (i = h->i; i + n <= h->to; i++)
        if (h->t[i] == terminator[0] &&
            strncasecmp(h->t + i, terminator, n) == 0) {
            h->i = i + n;
            return 0;
        }
    h->i = h->to;
    return -1;
}

/* Text between tags is prose (a caption's text too), line by line. */
static void
add_text_run(struct hscan *h, size_t s, size_t e)
{
    enum span_kind kind = h->in_caption ? SPAN_CAPTION : SPAN_HTML;

    if (!h->prose || h->raw_depth > 0)
        return;
    while (s < e) {
        size_t le = s;

        while (le < e && h->t[le] != '\n')
            le++;
        if (le > s)
            page_add_span(h->pg, page_pos(h->pg, s), h->t + s, le - s, kind);
        s = le + 1;
    }
}

void
html_scan(struct page *pg, const char *text, size_t from, size_t to,
          int text_is_prose)
{
    struct hscan h;
    struct tag tg;

    memset(&h, 0, sizeof h);
    h.pg = pg;
    h.t = text;
    h.i = from;
    h.to = to;
    h.prose = text_is_prose;
    while (h.i < h.to) {
        const char *lt = memchr(text + h.i, '<', h.to - h.i);
        size_t at = lt != NULL ? (size_t)(lt - text) : h.to;

        add_text_run(&h, h.i, at);
        if (lt == NULL)
            break;
        h.i = at;
        if (h.to - at >= 4 && memcmp(lt, "<!--", 4) == 0) {
            h.i = at + 4;
            if (skip_past(&h, "-->") == 0) {
                struct ref *r = ARENA_PUSH(pg->mem, pg->comments,
                                           pg->ncomments, pg->comments_cap);

                r->pos = page_pos(pg, at);
                r->text = arena_strndup(pg->mem, text + at + 4,
                                        h.i - 3 - (at + 4));
            }
        } else if (h.to - at >= 2 && (lt[1] == '!' || lt[1] == '?')) {
            skip_past(&h, ">");
        } else if (read_tag(&h, &tg) == 0) {
            on_tag(&h, &tg, h.i);
            if (!tg.end && (name_is(tg.name, tg.nlen, "script") ||
                            name_is(tg.name, tg.nlen, "style") ||
                            name_is(tg.name, tg.nlen, "textarea"))) {
                char close[16];

                close[0] = '<';
                close[1] = '/';
                memcpy(close + 2, tg.name, tg.nlen);
                close[2 + tg.nlen] = '\0';
                skip_past(&h, close);
            }
        } else {
            add_text_run(&h, at, at + 1);
            h.i = at + 1;
        }
    }
}
