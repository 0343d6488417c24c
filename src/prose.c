/* prose.c: words of prose for the spelling rules.  Byte tests only: the
 * locale never decides what a word is. */
#include "prose.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "page.h"

static int
is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int
is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

/* A byte of a word: letters, digits, '_' and any UTF-8 byte. */
static int
is_word_byte(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* An accented Latin letter: U+00C0..U+017F, lead bytes C3..C5. */
static int
has_accent(const char *t, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i++)
        if ((unsigned char)t[i] >= 0xC3 && (unsigned char)t[i] <= 0xC5 &&
            ((unsigned char)t[i + 1] & 0xC0) == 0x80)
            return 1;
    return 0;
}

enum prose_case
prose_case(const char *w, size_t n)
{
    size_t i, upper = 0, lower = 0;

    for (i = 0; i < n; i++) {
        if (is_upper((unsigned char)w[i]))
            upper++;
        else if (is_lower((unsigned char)w[i]))
            lower++;
    }
    if (upper == 0)
        return PC_LOWER;
    if (lower == 0)
        return upper > 1 || n == 1 ? PC_UPPER : PC_TITLE;
    if (upper == 1 && is_upper((unsigned char)w[0]))
        return PC_TITLE;
    return PC_MIXED;
}

/* Is the token a URL, path, address, identifier or file name? */
static int
skip_token(const char *t, size_t n)
{
    size_t i, slashes = 0;

    for (i = 0; i < n; i++) {
        if (t[i] == '@' || t[i] == '\\' || t[i] == '=' ||
            (t[i] == ':' && i + 2 < n && t[i + 1] == '/' && t[i + 2] == '/'))
            return 1;
        if (t[i] == '.' && i > 0 && i + 1 < n &&
            is_alpha((unsigned char)t[i - 1]) &&
            is_alpha((unsigned char)t[i + 1]))
            return 1;           /* example.org, file.md: not prose */
        if (t[i] == '/' && ++slashes >= 2)
            return 1;           /* a path, or "s/Meny/Menu/": not prose;
                                 * "GitHub/Gitlab" still is */
    }
    return n > 0 && (t[0] == '/' ||
                     (n > 4 && (t[0] | 0x20) == 'w' && (t[1] | 0x20) == 'w' &&
                      (t[2] | 0x20) == 'w' && t[3] == '.'));
}

/* Does the token (with its final '.') abbreviate, so that no sentence
 * ends with it? */
static int
is_abbreviation(const char *t, size_t n)
{
    static const char *const abbr[] = {
        "e.g.", "eg.", "i.e.", "ie.", "etc.", "vs.", "cf.", "approx.",
        "incl.", "resp.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.",
    };
    size_t i;

    while (n > 0 && (t[0] == '(' || t[0] == '['))
        t++, n--;
    for (i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (strlen(abbr[i]) == n && strncasecmp(abbr[i], t, n) == 0)
            return 1;
    return 0;
}

/* Does the token end a sentence? */
static int
ends_sentence(const char *t, size_t n)
{
    return n > 0 && strchr(".!?:", t[n - 1]) != NULL &&
           !is_abbreviation(t, n);
}

/* The lists below as one open-addressed table, made once: every token of
 * every span is looked up, so a scan of 200 words per token was most of
 * the spelling rules' time. */
#define LANG_SLOTS 1024

struct lang_word {
    const char *w;              /* in a list; NULL for a free slot */
    unsigned char n;
    unsigned char english;
};

static struct lang_word lang_table[LANG_SLOTS];
static pthread_once_t lang_once = PTHREAD_ONCE_INIT;

static unsigned
lang_hash(const char *w, size_t n)
{
    unsigned h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)(w[i] | 0x20)) * 16777619u;
    return h & (LANG_SLOTS - 1);
}

static void
lang_add(const char *list, int english)
{
    while (*list != '\0') {
        size_t len = (unsigned char)*list++;
        unsigned h = lang_hash(list, len);

        while (lang_table[h].w != NULL &&
               !(lang_table[h].n == len &&
                 memcmp(lang_table[h].w, list, len) == 0))
            h = (h + 1) & (LANG_SLOTS - 1);
        if (lang_table[h].w == NULL) {
            lang_table[h].w = list;
            lang_table[h].n = (unsigned char)len;
        }
        lang_table[h].english |= (unsigned char)(english ? 1 : 2);
        list += len;
    }
}

/* 1: an English word of the list, 2: another language's, 3: both. */
static int
lang_of(const char *w, size_t n)
{
    unsigned h = lang_hash(w, n);

    for (; lang_table[h].w != NULL; h = (h + 1) & (LANG_SLOTS - 1))
        if (lang_table[h].n == n && strncasecmp(lang_table[h].w, w, n) == 0)
            return lang_table[h].english;
    return 0;
}

/* The commonest words of English and of the languages English pages
 * quote most, each after a byte that is its length. */
static const char en[] =
    "\003the\003and\002of\002to\002in\002is\003for\004with\002on\004that"
    "\004this\001a\002an\003are\002be\002it\002by\004from\002at\002as"
    "\002or\003how\004what\004your\003you\002we\003our\003new";
static const char other[] =
    /* German */
    "\003der\003die\003das\003und\003ist\003ich\005nicht\004f\xc3\xbcr"
    "\003mit\005unter\003ein\004eine\003auf\004sich\003wie\003was"
    "\004muss\003den\003dem\002zu\002im\003von\004alle\004oder\003wir"
    "\003sie"
    /* French */
    "\002le\002la\003les\003des\002et\004pour\004avec\003une\002un\002du"
    "\003est\004dans\003sur\002au\003aux\003par\003que\003qui\004vous"
    "\005comme\004sans\004mais\004nous\004sont\003pas\004plus"
    "\005aussi\004chez\005cette\004leur\003son\002sa\003ses\003mon"
    "\002en\005libre"
    /* Spanish, Portuguese, Italian */
    "\002el\003los\003las\001y\004para\003con\003una\003del\003por\002em"
    "\002da\002do\003dos\003uma\003com\002il\002di\003che\003non\001o"
    "\010mediante\005sobre\004como"
    /* Latin, and the Lorem ipsum of page templates */
    "\005lorem\005ipsum\005dolor\003sit\004amet\004elit\003sed\002ut"
    "\006labore\005magna\006aliqua\004enim\005minim\006veniam\004quis"
    "\004nisi\007commodo\004duis\004aute\005irure\005velit\004esse"
    "\005nulla\004sint\004sunt\005culpa\003qui\007officia\006mollit"
    "\004anim\003est\007laborum\003nam\005liber\006tempor\003cum"
    "\006soluta\005nobis\005nihil\004enim\003nec\004quod\005mazim"
    "\010placerat\005facer\006possim\005assum";

static void
lang_init(void)
{
    lang_add(en, 1);
    lang_add(other, 0);
}

int
prose_is_foreign(const char *t, size_t n)
{
    size_t i = 0, nen = 0, nother = 0;
    int accent = 0, k;

    pthread_once(&lang_once, lang_init);
    while (i < n) {
        size_t s;

        while (i < n && !is_alpha((unsigned char)t[i]) &&
               (unsigned char)t[i] < 0x80)
            i++;
        s = i;
        while (i < n && (is_alpha((unsigned char)t[i]) ||
                         (unsigned char)t[i] >= 0x80)) {
            accent |= (unsigned char)t[i] >= 0xC3 &&
                      (unsigned char)t[i] <= 0xC5;
            i++;
        }
        if (i - s == 0 || i - s > 8)
            continue;           /* no word of the lists is longer */
        k = lang_of(t + s, i - s);
        nen += (k & 1) != 0;
        nother += (k & 2) != 0;
    }
    return (nother >= 2 && nother > nen) || (accent && nother >= 1 &&
                                               nother >= nen);
}

/* The next whitespace-separated token of t at or after *i: [*ts, *te). */
static int
next_token(const char *t, size_t n, size_t *i, size_t *ts, size_t *te)
{
    while (*i < n && is_space((unsigned char)t[*i]))
        (*i)++;
    *ts = *i;
    while (*i < n && !is_space((unsigned char)t[*i]))
        (*i)++;
    *te = *i;
    return *te > *ts;
}

/* Does a letter touch the span from outside, across emphasis marks:
 * "e**X**tensible" gives "e", "X" and "tensible"?  dir -1 looks before
 * the span, +1 after it. */
static int
glued(const struct page *pg, const struct span *sp, int dir)
{
    const char *base = pg->text != NULL ? pg->text : pg->src;
    size_t start, end, at;

    if (sp->line == 0 || sp->line > pg->nlines)
        return 0;
    start = pg->line_off[sp->line - 1];
    end = sp->line < pg->nlines ? pg->line_off[sp->line] : pg->len;
    at = (size_t)(sp->text.p - base);
    if (at < start || at > end)
        return 0;               /* not on its line in the text: no test */
    if (dir < 0) {
        while (at > start && strchr("*_~", base[at - 1]) != NULL)
            at--;
        return at < (size_t)(sp->text.p - base) && at > start &&
               is_alpha((unsigned char)base[at - 1]);
    }
    at += sp->text.len;
    if (at >= end || strchr("*_~", base[at]) == NULL)
        return 0;
    while (at < end && strchr("*_~", base[at]) != NULL)
        at++;
    return at < end && is_alpha((unsigned char)base[at]);
}

/* The length of the typographic punctuation at t[i] (of te): curly
 * quotes and apostrophes, dashes, an ellipsis, guillemets; 0 for none.
 * They end words as their ASCII forms do: “Ressources” is a word in
 * quotes, not a word of eleven letters and six other bytes. */
static size_t
upunct(const char *t, size_t i, size_t te)
{
    const unsigned char *u = (const unsigned char *)t + i;

    if (i + 2 < te && u[0] == 0xe2 && u[1] == 0x80 &&
        strchr("\x93\x94\x98\x99\x9c\x9d\xa6", u[2]) != NULL)
        return 3;
    if (i + 1 < te && u[0] == 0xc2 && (u[1] == 0xab || u[1] == 0xbb))
        return 2;
    return 0;
}

/* The words of one token, at [ts, te) of the span. */
static void
token_words(const char *file, const struct span *sp, size_t ts, size_t te,
            int *mid,
            int titled, int foreign_near, int glue[2], const char *link_url,
            prose_fn fn, void *ctx)
{
    const char *t = sp->text.p;
    size_t i;

    for (i = ts; i < te;) {
        size_t ws;
        int plain = 1;

        while (i < te && (!is_word_byte((unsigned char)t[i]) ||
                          upunct(t, i, te) > 0))
            i += upunct(t, i, te) > 0 ? upunct(t, i, te) : 1;
        ws = i;
        for (;;) {
            size_t u = i < te ? upunct(t, i, te) : 0;

            /* A curly apostrophe inside a word ("don’t") is kept in
             * it, and makes it no plain word. */
            if (u == 3 && (unsigned char)t[i + 2] == 0x99 && i > ws &&
                i + 3 < te && is_alpha((unsigned char)t[i + 3])) {
                plain = 0;
                i += 3;
                continue;
            }
            if (i >= te || u > 0 ||
                !(is_word_byte((unsigned char)t[i]) ||
                  (t[i] == '\'' && i + 1 < te && i > ws &&
                   is_alpha((unsigned char)t[i + 1]))))
                break;
            if (!is_alpha((unsigned char)t[i]) && t[i] != '\'')
                plain = 0;      /* v2, foo_bar, naïve: not in the lists */
            i++;
        }
        /* "add-ons", "re-use": a short part of a hyphenated word is no
         * word of its own ("ons" is no "owns"); a long one still is
         * ("technically-focussed"). */
        if (i > ws && i - ws <= 3 &&
            ((ws > ts + 1 && t[ws - 1] == '-' &&
              is_alpha((unsigned char)t[ws - 2])) ||
             (i + 1 < te && t[i] == '-' && is_alpha((unsigned char)t[i + 1]))))
            plain = 0;
        /* "(mye)": a writer's initials closing a remark. */
        if (i - ws <= 3 && ws > ts && t[ws - 1] == '(' && i < te &&
            t[i] == ')')
            plain = 0;
        if (i > ws && plain) {
            struct prose_word w;

            w.p = t + ws;
            w.n = i - ws;
            w.pos = (struct pos){ file, sp->line,
                                  sp->col + (unsigned)ws };
            w.mid = *mid && !titled;
            w.foreign_near = foreign_near;
            w.fragment = (ws == 0 && glue[0]) ||
                         (i == sp->text.len && glue[1]);
            /* "add-on", "allocs/op", "and/or": joined to the next word
             * or the one before. */
            w.compound = (ws > ts && (t[ws - 1] == '-' || t[ws - 1] == '/')) ||
                         (i < te && (t[i] == '-' || t[i] == '/'));
            w.span = sp;
            w.link_url = link_url;
            fn(ctx, &w);
        }
        if (i > ws)
            *mid = 1;
    }
}

/* Does the span go on with the sentence the span before it left open:
 * the next line of a paragraph, or text after a link on its line? */
static int
continues(const struct span *prev, const struct span *sp)
{
    const char *t;
    size_t n;

    if (prev == NULL || sp->kind == SPAN_HEADING || sp->kind == SPAN_TITLE ||
        sp->kind == SPAN_CAPTION || sp->kind == SPAN_ALT ||
        prev->kind == SPAN_HEADING || prev->kind == SPAN_TITLE ||
        prev->kind == SPAN_CAPTION || prev->kind == SPAN_ALT ||
        sp->line > prev->line + 1 ||
        sp->line < prev->line)
        return 0;
    t = prev->text.p;
    n = prev->text.len;
    while (n > 0 && is_space((unsigned char)t[n - 1]))
        n--;
    while (n > 0 && strchr("\"')]*_", t[n - 1]) != NULL)
        n--;                    /* closing marks after the full stop */
    if (n == 0)
        return 1;
    return strchr(".!?:", t[n - 1]) == NULL;
}

/* A link's destination follows its text within a few lines. */
#define LINK_TEXT_MAX_LINES 3

static int
by_pos(const void *a, const void *b)
{
    const struct ref *x = *(const struct ref *const *)a;
    const struct ref *y = *(const struct ref *const *)b;

    if (x->pos.line != y->pos.line)
        return x->pos.line < y->pos.line ? -1 : 1;
    return x->pos.col < y->pos.col ? -1 : x->pos.col > y->pos.col;
}

/* The destination of the first link written after the link text sp
 * (Markdown's "[text](url)"), or NULL; byp is the page's links sorted by
 * place. */
static const char *
link_after(const struct ref *const *byp, size_t n, const struct span *sp)
{
    size_t lo = 0, hi = n;
    unsigned end = sp->col + (unsigned)sp->text.len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct ref *r = byp[mid];

        if (r->pos.line < sp->line ||
            (r->pos.line == sp->line && r->pos.col < end))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == n || byp[lo]->pos.line > sp->line + LINK_TEXT_MAX_LINES)
        return NULL;
    return byp[lo]->text;
}

static void find_words(const struct page *pg, prose_fn fn, void *ctx);

/* A word prose_keep_words() found, as a place in one of the page's
 * spans: a third of a prose_word's size. */
enum {
    KEPT_MID = 1,
    KEPT_FOREIGN_NEAR = 2,
    KEPT_FRAGMENT = 4,
    KEPT_COMPOUND = 8
};

struct kept_word {
    const char *link_url;
    unsigned span, off, n;
    unsigned char flags;
};

void
prose_words(const struct page *pg, prose_fn fn, void *ctx)
{
    size_t i;

    if (pg->words == NULL) {
        find_words(pg, fn, ctx);
        return;
    }
    for (i = 0; i < pg->nwords; i++) {
        const struct kept_word *k = &pg->words[i];
        const struct span *sp = &pg->spans[k->span];
        struct prose_word w;

        w.p = sp->text.p + k->off;
        w.n = k->n;
        w.pos = (struct pos){ pg->path, sp->line,
                              sp->col + k->off };
        w.mid = (k->flags & KEPT_MID) != 0;
        w.foreign_near = (k->flags & KEPT_FOREIGN_NEAR) != 0;
        w.fragment = (k->flags & KEPT_FRAGMENT) != 0;
        w.compound = (k->flags & KEPT_COMPOUND) != 0;
        w.span = sp;
        w.link_url = k->link_url;
        fn(ctx, &w);
    }
}

struct kept_words {
    const struct page *pg;
    struct kept_word *v;
    size_t n, cap;
};

static void
keep_word(void *ctx, const struct prose_word *w)
{
    struct kept_words *kw = ctx;
    struct kept_word *k = ARENA_PUSH(kw->pg->mem, kw->v, kw->n, kw->cap);

    k->link_url = w->link_url;
    k->span = (unsigned)(w->span - kw->pg->spans);
    k->off = (unsigned)(w->p - w->span->text.p);
    k->n = (unsigned)w->n;
    k->flags = (unsigned char)((w->mid ? KEPT_MID : 0) |
                               (w->foreign_near ? KEPT_FOREIGN_NEAR : 0) |
                               (w->fragment ? KEPT_FRAGMENT : 0) |
                               (w->compound ? KEPT_COMPOUND : 0));
}

void
prose_keep_words(struct page *pg)
{
    static const struct kept_word none;
    struct kept_words k = { pg, NULL, 0, 0 };

    if (pg->words != NULL || pg->len > PROSE_KEEP_MAX_BYTES)
        return;
    find_words(pg, keep_word, &k);
    pg->words = k.v != NULL ? k.v : &none;
    pg->nwords = k.n;
}

static void
find_words(const struct page *pg, prose_fn fn, void *ctx)
{
    const struct span *prev = NULL;
    const struct ref **byp = NULL;
    size_t k;

    if (pg->nlinks > 0) {
        byp = xmalloc(pg->nlinks * sizeof *byp);
        for (k = 0; k < pg->nlinks; k++)
            byp[k] = &pg->links[k];
        qsort(byp, pg->nlinks, sizeof *byp, by_pos);
    }

    for (k = 0; k < pg->nspans; k++) {
        const struct span *sp = &pg->spans[k];
        const char *t = sp->text.p;
        size_t n = sp->text.len, i = 0, ts, te, nts, nte, at;
        /* Headings and titles are Title Case: every word may be checked.
         * Link text is most often inside a sentence: "see [Aline
         * Lerner]"; so is a line that goes on the line before. */
        int titled = sp->kind == SPAN_HEADING || sp->kind == SPAN_TITLE ||
                     sp->kind == SPAN_CAPTION;
        int mid = sp->kind == SPAN_LINK_TEXT || continues(prev, sp);
        int accent_prev = 0, accent_this, accent_next, glue[2];
        const char *url = sp->kind == SPAN_LINK_TEXT && byp != NULL
                          ? link_after(byp, pg->nlinks, sp) : NULL;

        prev = sp;
        if (sp->quoted)
            continue;           /* a quotation, as its author wrote it */
        if (!next_token(t, n, &i, &ts, &te))
            continue;
        glue[0] = glued(pg, sp, -1);
        glue[1] = glued(pg, sp, 1);
        accent_this = has_accent(t + ts, te - ts);
        for (;;) {
            int more;

            at = i;
            more = next_token(t, n, &at, &nts, &nte);
            accent_next = more && has_accent(t + nts, nte - nts);
            if (!skip_token(t + ts, te - ts))
                token_words(pg->path, sp, ts, te, &mid, titled,
                            accent_prev || accent_next, glue, url, fn, ctx);
            /* A sentence ends at . ! ? or : closing a token, but not at
             * an abbreviation: "e.g. Doubleclick" goes on. */
            mid = !ends_sentence(t + ts, te - ts);
            if (!more)
                break;
            accent_prev = accent_this;
            accent_this = accent_next;
            ts = nts;
            te = nte;
            i = at;
        }
    }
    free(byp);
}
