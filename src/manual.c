/* manual.c: a rule's entry of the RULES section of sitelint(1), compiled
 * in from man/sitelint.1 and rendered as plain text, so that --explain
 * and the SARIF rule help can never drift from the manual.  It renders
 * the part of mdoc that the manual uses: text, the inline macros, lists,
 * paragraphs and literal displays. */
#include "manual.h"

#include <string.h>

/* man/sitelint.1, compiled in by the Makefile. */
extern const char manual_data[];

/* Text is wrapped to this width, as man(1) on an 80-column terminal. */
#define MANUAL_WIDTH 76
/* Lists in a rule's entry nest two deep; more is a manual gone wrong. */
#define MANUAL_MAX_DEPTH 8

enum list_kind {
    LIST_TAG,
    LIST_DASH,
    LIST_OTHER
};

struct render {
    struct buf *out;
    struct buf para;            /* the paragraph being filled */
    int indent;                 /* of the paragraph */
    enum list_kind lists[MANUAL_MAX_DEPTH];
    int depth;
    int nospace;                /* no blank before the next word */
    int literal;                /* inside .Bd -literal */
};

/* Writes the paragraph, wrapped, and starts a new one. */
static void
flush(struct render *r)
{
    const char *p = r->para.p;
    int col = 0;

    if (p == NULL || r->para.len == 0)
        return;
    while (*p != '\0') {
        size_t n;

        while (*p == ' ')
            p++;
        n = strcspn(p, " ");
        if (n == 0)
            break;
        if (col > 0 && col + 1 + (int)n > MANUAL_WIDTH) {
            buf_addc(r->out, '\n');
            col = 0;
        }
        if (col == 0) {
            buf_addf(r->out, "%*s", r->indent, "");
            col = r->indent;
        } else {
            buf_addc(r->out, ' ');
            col++;
        }
        buf_add(r->out, p, n);
        col += (int)n;
        p += n;
    }
    buf_addc(r->out, '\n');
    buf_reset(&r->para);
}

/* Adds a word to the paragraph, after a blank unless nospace is set. */
static void
word(struct render *r, const char *w, size_t n)
{
    if (n == 0)
        return;
    if (r->para.len > 0 && !r->nospace)
        buf_addc(&r->para, ' ');
    buf_add(&r->para, w, n);
    r->nospace = 0;
}

static int
is_closing(const char *t)
{
    return t[1] == '\0' && strchr(".,:;)]?!", t[0]) != NULL;
}

static int
is_opening(const char *t)
{
    return t[1] == '\0' && (t[0] == '(' || t[0] == '[');
}

/* Splits a macro line into tokens (quoted ones kept whole), with mdoc's
 * escapes resolved.  Returns the count. */
static int
tokens(const char *line, size_t len, char store[], size_t storesz,
       const char *tok[], int max)
{
    size_t i = 0, used = 0;
    int n = 0;

    while (i < len && n < max) {
        int quoted;

        while (i < len && line[i] == ' ')
            i++;
        if (i == len)
            break;
        quoted = line[i] == '"';
        i += quoted;
        tok[n++] = store + used;
        while (i < len && (quoted ? line[i] != '"' : line[i] != ' ')) {
            if (used + 4 >= storesz)
                break;
            if (line[i] == '\\' && i + 1 < len) {
                if (line[i + 1] == '&') {
                    i += 2;
                } else if (line[i + 1] == '-' || line[i + 1] == 'e') {
                    store[used++] = line[i + 1] == 'e' ? '\\' : '-';
                    i += 2;
                } else if (line[i + 1] == '(' && i + 3 < len) {
                    const char *e = line + i + 2;

                    if (strncmp(e, "em", 2) == 0 || strncmp(e, "en", 2) == 0)
                        store[used++] = '-';
                    else if (strncmp(e, "aq", 2) == 0)
                        store[used++] = '\'';
                    else if (strncmp(e, "dq", 2) == 0)
                        store[used++] = '"';
                    i += 4;
                } else {
                    i++;
                }
                continue;
            }
            store[used++] = line[i++];
        }
        i += quoted && i < len;
        store[used++] = '\0';
    }
    return n;
}

static const char *const callable[] = {
    "Ar", "Cm", "Dq", "Dv", "Em", "Er", "Ev", "Fl", "Ic", "Li", "Nm", "No",
    "Ns", "Op", "Pa", "Pf", "Pq", "Ql", "Qq", "Sq", "Sx", "Sy", "Va", "Xr",
};

static int
is_macro(const char *t)
{
    size_t i;

    for (i = 0; i < sizeof callable / sizeof callable[0]; i++)
        if (strcmp(t, callable[i]) == 0)
            return 1;
    return 0;
}

/* Renders tok[from, to) of a macro line into the paragraph. */
static void
inline_macros(struct render *r, const char *tok[], int from, int to)
{
    int i = from, flag = 0;

    while (i < to) {
        const char *t = tok[i];
        const char *open = NULL, *close = NULL;

        if (is_macro(t)) {
            i++;
            flag = strcmp(t, "Fl") == 0;
            if (strcmp(t, "Ns") == 0) {
                r->nospace = 1;
            } else if (strcmp(t, "Nm") == 0) {
                word(r, "sitelint", 8);
            } else if (strcmp(t, "Fl") == 0 && (i == to || is_macro(tok[i]) ||
                                                is_closing(tok[i]))) {
                word(r, "-", 1);
                flag = 0;
            } else if (strcmp(t, "Pf") == 0 && i < to) {
                word(r, tok[i], strlen(tok[i]));
                r->nospace = 1;
                i++;
            } else if (strcmp(t, "Xr") == 0 && i + 1 < to) {
                struct buf b = { 0 };

                buf_addf(&b, "%s(%s)", tok[i], tok[i + 1]);
                word(r, b.p, b.len);
                buf_free(&b);
                i += 2;
            } else if (strcmp(t, "Pq") == 0) {
                open = "(", close = ")";
            } else if (strcmp(t, "Qq") == 0 || strcmp(t, "Dq") == 0) {
                open = "\"", close = "\"";
            } else if (strcmp(t, "Sq") == 0 || strcmp(t, "Ql") == 0) {
                open = "'", close = "'";
            } else if (strcmp(t, "Op") == 0) {
                open = "[", close = "]";
            }
            if (open != NULL) {
                int end = to;

                /* Trailing punctuation stays outside the quotes. */
                while (end > i && is_closing(tok[end - 1]))
                    end--;
                word(r, open, 1);
                r->nospace = 1;
                inline_macros(r, tok, i, end);
                r->nospace = 1;
                word(r, close, 1);
                i = end;
            }
            continue;
        }
        if (is_closing(t) && r->para.len > 0) {
            r->nospace = 1;
            flag = 0;
        }
        if (flag) {
            struct buf b = { 0 };

            buf_addf(&b, "-%s", t);
            word(r, b.p, b.len);
            buf_free(&b);
        } else {
            word(r, t, strlen(t));
        }
        if (is_opening(t))
            r->nospace = 1;
        i++;
    }
}

static void
line_of(struct render *r, const char *line, size_t len)
{
    char store[2048];
    const char *tok[128];
    size_t i;
    int n;

    if (r->literal) {
        if (len == 3 && memcmp(line, ".Ed", 3) == 0) {
            r->literal = 0;
            return;
        }
        /* A literal line keeps its blanks: copied, "\&" aside. */
        buf_addf(r->out, "%*s", r->indent + 4, "");
        for (i = 0; i < len; i++) {
            if (line[i] == '\\' && i + 1 < len && line[i + 1] == '&')
                i++;
            else
                buf_addc(r->out, line[i]);
        }
        buf_addc(r->out, '\n');
        return;
    }
    if (len == 0 || line[0] != '.') {
        n = tokens(line, len, store, sizeof store, tok, 128);
        inline_macros(r, tok, 0, n);
        return;
    }
    n = tokens(line + 1, len - 1, store, sizeof store, tok, 128);
    if (n == 0 || strcmp(tok[0], "\\\"") == 0)
        return;
    if (strcmp(tok[0], "Pp") == 0) {
        flush(r);
        buf_addc(r->out, '\n');
    } else if (strcmp(tok[0], "Bl") == 0) {
        flush(r);
        if (r->depth < MANUAL_MAX_DEPTH)
            r->lists[r->depth] = n > 1 && strcmp(tok[1], "-tag") == 0
                ? LIST_TAG : n > 1 && strcmp(tok[1], "-dash") == 0
                ? LIST_DASH : LIST_OTHER;
        r->depth++;
    } else if (strcmp(tok[0], "El") == 0) {
        flush(r);
        if (r->depth > 0)
            r->depth--;
        r->indent = 4 * r->depth;
    } else if (strcmp(tok[0], "It") == 0) {
        enum list_kind k = r->depth > 0 && r->depth <= MANUAL_MAX_DEPTH
                           ? r->lists[r->depth - 1] : LIST_OTHER;

        flush(r);
        r->indent = 4 * (r->depth - 1);
        if (k == LIST_TAG) {
            inline_macros(r, tok, 1, n);
            flush(r);
            r->indent = 4 * r->depth;
        } else {
            word(r, "-", 1);
            r->indent = 4 * (r->depth - 1);
            inline_macros(r, tok, 1, n);
        }
    } else if (strcmp(tok[0], "Bd") == 0) {
        flush(r);
        r->literal = 1;
    } else if (is_macro(tok[0])) {
        inline_macros(r, tok, 0, n);
    }
}

/* Finds the line that starts the entry of rule id at the first list
 * depth of the RULES section; NULL if none. */
static const char *
entry_start(const char *id, int *depth_out)
{
    const char *p = strstr(manual_data, "\n.Sh RULES\n");
    size_t idlen = strlen(id);
    int depth = 0;

    if (p == NULL)
        return NULL;
    p++;
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        if (strncmp(p, ".Sh ", 4) == 0)
            return NULL;
        if (strncmp(p, ".Bl ", 4) == 0)
            depth++;
        else if (strncmp(p, ".El", 3) == 0)
            depth--;
        else if (depth == 1 && strncmp(p, ".It Sy ", 7) == 0 &&
                 strncmp(p + 7, id, idlen) == 0 && p[7 + idlen] == ' ') {
            *depth_out = depth;
            return p;
        }
    }
    return NULL;
}

int
manual_rule(const char *id, struct buf *out)
{
    struct render r;
    const char *start, *p;
    int depth;

    if ((start = entry_start(id, &depth)) == NULL)
        return -1;
    p = start;
    memset(&r, 0, sizeof r);
    r.out = out;
    r.depth = 1;
    r.lists[0] = LIST_TAG;
    for (;;) {
        size_t len = strcspn(p, "\n");

        if (p != start && r.depth == 1 &&
            (strncmp(p, ".It", 3) == 0 || strncmp(p, ".El", 3) == 0))
            break;
        line_of(&r, p, len);
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    flush(&r);
    buf_free(&r.para);
    /* No blank line at the end. */
    while (out->len > 1 && out->p[out->len - 1] == '\n' &&
           out->p[out->len - 2] == '\n')
        out->p[--out->len] = '\0';
    return 0;
}
