/* shortcode.c: Hugo shortcode scanner: {{< name a="b" c >}}, {{% %}},
 * closers, self-closing tags, and the escaped (commented-out) form. */
#include "shortcode.h"

#include <ctype.h>
#include <string.h>

#include "generator.h"
#include "site.h"

#define RULE_SHORTCODE "shortcode"

/* Names of closing tags a page's closers are recorded for; past this
 * many, a call of another name is taken to open a body. */
#define SHORTCODE_MAX_UNKNOWN 64

struct scan {
    struct page *pg;
    const char *p;
    size_t len;
    char *out;
    char kind;                  /* '<' or '%' */
    char close;                 /* '>' or '%': the byte before "}}" */
    struct {
        const char *name;
        size_t last;            /* offset of its last closer */
    } unknown[SHORTCODE_MAX_UNKNOWN];   /* every name a closer has */
    size_t nunknown;
    int closers_read;           /* unknown[] is filled */
    int closers_full;           /* more names than it holds */
};

static int
is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
blank(struct scan *s, size_t from, size_t to)
{
    size_t i;

    for (i = from; i < to && i < s->len; i++)
        if (s->p[i] != '\n' && s->p[i] != '\r')
            s->out[i] = PAGE_FILLER;
}

/* Does the closing delimiter (">}}" or "%}}") start at i? */
static int
at_close(const struct scan *s, size_t i)
{
    return i + 2 < s->len && s->p[i] == s->close && s->p[i + 1] == '}' &&
           s->p[i + 2] == '}';
}

/* Skips white space; fails (-1) at a blank line, which no real tag
 * contains and which stops a stray opener from eating the page. */
static int
skip_space(const struct scan *s, size_t *i)
{
    int newlines = 0;

    while (*i < s->len && is_space((unsigned char)s->p[*i])) {
        if (s->p[*i] == '\n' && ++newlines >= 2)
            return -1;
        (*i)++;
    }
    return 0;
}

/* Reads one token: "quoted" (backslash escapes), `raw`, or a bare run.
 * Sets the unescaped value, its source start and whether the two agree.
 * Returns -1 if the token does not end. */
static int
read_token(struct scan *s, size_t *i, size_t limit, const char **val,
           size_t *vstart, int *exact)
{
    struct arena *mem = s->pg->mem;
    size_t k = *i;
    char q = s->p[k];

    if (q == '"' || q == '`') {
        struct buf b = { 0 };

        *vstart = ++k;
        while (k < limit && s->p[k] != q) {
            if (q == '"' && s->p[k] == '\\' && k + 1 < limit)
                k++;
            else if (q == '"' && s->p[k] == '\n')
                break;          /* Hugo's quoted values are one line */
            buf_addc(&b, s->p[k]);
            k++;
        }
        if (k >= limit || s->p[k] != q) {
            buf_free(&b);
            return -1;
        }
        *val = arena_strndup(mem, b.p ? b.p : "", b.len);
        *exact = b.len == k - *vstart;
        buf_free(&b);
        *i = k + 1;
        return 0;
    }
    *vstart = k;
    while (k < limit && !is_space((unsigned char)s->p[k]) && s->p[k] != '=' &&
           !at_close(s, k) &&
           !(s->p[k] == '/' && k + 3 < limit && at_close(s, k + 1)))
        k++;
    *val = arena_strndup(mem, s->p + *vstart, k - *vstart);
    *exact = 1;
    *i = k;
    return 0;
}

/* Parses the tag whose "{{" is at open.  Returns the offset just past it,
 * or 0 if it does not terminate; *fail is then where scanning resumes. */
static size_t
parse_tag(struct scan *s, size_t open, struct shortcode *sc, size_t *fail)
{
    size_t i = open + 3, limit = s->len, nstart;
    struct arena *mem = s->pg->mem;

    if (limit - open > SHORTCODE_MAX_BYTES)
        limit = open + SHORTCODE_MAX_BYTES;
    *fail = open + 3;
    memset(sc, 0, sizeof *sc);
    sc->pos = page_pos(s->pg, open);
    sc->markdown = s->kind == '%';
    if (skip_space(s, &i) != 0)
        return 0;
    if (i < limit && s->p[i] == '/') {
        sc->closing = 1;
        i++;
        skip_space(s, &i);
    }
    nstart = i;
    while (i < limit && (isalnum((unsigned char)s->p[i]) ||
                         strchr("_-./", s->p[i]) != NULL) && !at_close(s, i))
        i++;
    if (i == nstart)
        return 0;
    sc->name = arena_strndup(mem, s->p + nstart, i - nstart);
    sc->name_pos = page_pos(s->pg, nstart);
    size_t cap = 0;

    for (;;) {
        const char *name = NULL, *val;
        size_t vstart, nameat = 0;
        int exact;
        struct sc_param *prm;

        if (skip_space(s, &i) != 0 || i >= limit) {
            *fail = i;
            return 0;
        }
        if (at_close(s, i))
            return i + 3;
        if (s->p[i] == '/' && i + 3 < limit && at_close(s, i + 1)) {
            sc->self_closing = 1;
            return i + 4;
        }
        if (s->p[i] == '{' && i + 1 < limit && s->p[i + 1] == '{') {
            *fail = i;          /* another tag opens: this one never ended */
            return 0;
        }
        nameat = i;
        if (read_token(s, &i, limit, &val, &vstart, &exact) != 0) {
            *fail = i + 1;
            return 0;
        }
        if (i < limit && s->p[i] == '=') {
            name = val;
            i++;
            if (i >= limit || read_token(s, &i, limit, &val, &vstart,
                                         &exact) != 0) {
                *fail = i;
                return 0;
            }
        } else if (i == nameat) {
            i++;                /* a stray '=' or similar: step over it */
            continue;
        }
        prm = ARENA_PUSH(mem, sc->params, sc->nparams, cap);
        prm->name = name;
        prm->value = val;
        prm->name_pos = page_pos(s->pg, nameat);
        prm->value_pos = page_pos(s->pg, vstart);
        prm->exact = exact;
    }
}

/* The escaped form ("{{<" then a comment): Hugo prints it as text, so it is
 * neither a shortcode nor prose.  Returns the offset past it, or 0. */
static size_t
escaped_tag(const struct scan *s, size_t open)
{
    size_t i = open + 3;

    while (i < s->len && is_space((unsigned char)s->p[i]))
        i++;
    if (i + 1 >= s->len || s->p[i] != '/' || s->p[i + 1] != '*')
        return 0;
    for (i += 2; i + 1 < s->len && i - open < SHORTCODE_MAX_BYTES; i++) {
        if (s->p[i] == '*' && s->p[i + 1] == '/') {
            size_t k = i + 2;

            while (k < s->len && is_space((unsigned char)s->p[k]))
                k++;
            if (at_close(s, k))
                return k + 3;
        }
    }
    return 0;
}

/* Records, for each name a closing tag ("{{< /name >}}") has in the
 * page, where its last one is: one pass over the page, whatever the
 * number of names. */
static void
collect_closers(struct scan *s)
{
    size_t i, k, e;

    s->closers_read = 1;
    for (i = 0; i + 3 < s->len; i++) {
        size_t n;

        if (s->p[i] != '{' || s->p[i + 1] != '{' ||
            (s->p[i + 2] != '<' && s->p[i + 2] != '%'))
            continue;
        for (k = i + 3; k < s->len && is_space((unsigned char)s->p[k]); k++)
            continue;
        if (k >= s->len || s->p[k] != '/')
            continue;
        for (k++; k < s->len && is_space((unsigned char)s->p[k]); k++)
            continue;
        for (e = k; e < s->len && (isalnum((unsigned char)s->p[e]) ||
                                   strchr("_-./", s->p[e]) != NULL); e++)
            continue;
        if (e == k)
            continue;
        n = e - k;
        for (k = 0; k < s->nunknown; k++)
            if (strlen(s->unknown[k].name) == n &&
                memcmp(s->unknown[k].name, s->p + e - n, n) == 0)
                break;
        if (k == s->nunknown) {
            if (s->nunknown == SHORTCODE_MAX_UNKNOWN) {
                s->closers_full = 1;
                continue;
            }
            s->unknown[k].name = arena_strndup(s->pg->mem, s->p + e - n, n);
            s->nunknown++;
        }
        s->unknown[k].last = i;
    }
}

/* Does a call of name at offset at open a body that a closing tag ends?
 * A template that never reads .Inner makes every call whole; without a
 * template, a call opens a body only if the page closes it later. */
static int
opens_body(struct scan *s, const struct gen_shortcode *info,
           const char *name, size_t at)
{
    size_t i;

    if (info->body != GEN_BODY_UNKNOWN)
        return info->body != GEN_BODY_NONE;
    if (!s->closers_read)
        collect_closers(s);
    for (i = 0; i < s->nunknown; i++)
        if (strcmp(s->unknown[i].name, name) == 0)
            return s->unknown[i].last > at;
    return s->closers_full;     /* past the bound: as if closed */
}

void
shortcode_scan(struct page *pg, size_t start, char *out)
{
    struct scan s;
    struct {
        size_t sc;              /* index in pg->shortcodes */
        size_t body;            /* offset just past the opening tag */
        enum gen_body kind;
    } stack[SHORTCODE_MAX_DEPTH];
    struct gen_shortcode info;
    size_t depth = 0, i = start;

    memset(&s, 0, sizeof s);
    s.pg = pg;
    s.p = pg->src;
    s.len = pg->len;
    s.out = out;
    while (i + 2 < s.len) {
        const char *hit = memchr(s.p + i, '{', s.len - i - 2);
        size_t open, end, fail;
        struct shortcode sc;

        if (hit == NULL)
            break;
        open = (size_t)(hit - s.p);
        if (s.p[open + 1] != '{' ||
            (s.p[open + 2] != '<' && s.p[open + 2] != '%')) {
            i = open + 1;
            continue;
        }
        s.kind = s.p[open + 2];
        s.close = s.kind == '<' ? '>' : '%';
        if ((end = escaped_tag(&s, open)) != 0) {
            blank(&s, open, end);
            i = end;
            continue;
        }
        if ((end = parse_tag(&s, open, &sc, &fail)) == 0) {
            if (sc.name != NULL)
                diag_add(sc.pos, 0, SEV_ERROR, RULE_SHORTCODE,
                         "unterminated shortcode '%s': no closing '%c}}'",
                         sc.name, s.close);
            else
                diag_add(page_pos(pg, open), 0, SEV_ERROR, RULE_SHORTCODE,
                         "'{{%c' does not start a shortcode: no name follows",
                         s.kind);
            i = fail > open ? fail : open + 3;
            continue;
        }
        blank(&s, open, end);
        *ARENA_PUSH(pg->mem, pg->shortcodes, pg->nshortcodes,
                    pg->shortcodes_cap) = sc;
        if (sc.closing) {
            size_t k = depth;

            while (k > 0 &&
                   strcmp(pg->shortcodes[stack[k - 1].sc].name, sc.name) != 0)
                k--;
            if (k == 0) {
                diag_add(sc.pos, 0, SEV_ERROR, RULE_SHORTCODE,
                         "closing shortcode '%s' has no opening tag",
                         sc.name);
            } else {
                if (stack[k - 1].kind == GEN_BODY_CODE ||
                    stack[k - 1].kind == GEN_BODY_HIDDEN)
                    blank(&s, stack[k - 1].body, open);
                depth = k - 1;
            }
        } else if (!sc.self_closing) {
            pg->site->gen->shortcode(pg->site, sc.name, &info);
            if (!opens_body(&s, &info, sc.name, open)) {
                i = end;
                continue;
            }
            if (depth == SHORTCODE_MAX_DEPTH) {
                diag_add(sc.pos, 0, SEV_ERROR, RULE_SHORTCODE,
                         "shortcodes nested deeper than %d levels",
                         SHORTCODE_MAX_DEPTH);
            } else {
                stack[depth].sc = pg->nshortcodes - 1;
                stack[depth].body = end;
                stack[depth].kind = info.body;
                depth++;
            }
        }
        i = end;
    }
}
