/* spelling-variant: variant spellings (French for English, misspelled
 * project terms), codespell's misspellings, and en-GB/en-US spellings
 * mixed in one site.  Prose only, English pages only. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <uthash.h>

#include "rule.h"

/* rules/spelling_variant.txt, compiled in by the Makefile. */
extern const char spelling_variant_data[];

#ifndef CODESPELL_DIRS
#define CODESPELL_DIRS "/usr/share/codespell:" \
    "/usr/lib/python3/dist-packages/codespell_lib/data"
#endif

enum {
    O_LOCALE, O_SPELLING_LIST, O_SPELLING_ADD, O_SPELLING_DROP,
    O_CODESPELL_DIR, O_COUNT
};

static int
ok_spelling(const char *v)
{
    const char *arrow = strstr(v, "->");

    return arrow != NULL && arrow > v && arrow[2] != '\0' &&
           strchr(v, ' ') == NULL;
}

#define VC (OPTF_VALUE | OPTF_CONFIG)

static const struct option_def options[O_COUNT] = {
    [O_LOCALE] = { "locale", 0, "LOCALE", VC, OPTT_STRING, NULL,
      "en-US or en-GB: the spelling the site uses",
      .section = "spelling (rule spelling-variant)",
      .takes = "en-US or en-GB", .words = "en-US en-GB", .nocase = 1 },
    [O_SPELLING_LIST] = { "spelling-lists", 0, "LIST", VC, OPTT_STRING,
      "clear", "codespell lists to use; any of clear, rare,\ninformal, "
      "usage, names, code" },
    [O_SPELLING_ADD] = { "spelling-add", 0, "WRONG->RIGHT", VC, OPTT_LIST,
      NULL, "flag WRONG and suggest RIGHT (repeatable)",
      .takes = "WRONG->RIGHT ('Jabbre->Jabber')", .ok = ok_spelling },
    [O_SPELLING_DROP] = { "spelling-drop", 0, "WORD", VC, OPTT_LIST, NULL,
      "never flag WORD (repeatable)" },
    [O_CODESPELL_DIR] = { "codespell-dir", 0, "DIRS", VC, OPTT_STRING,
      CODESPELL_DIRS, "where codespell's dictionary*.txt files are\n"
      "(folders separated by ':')" },
};

#undef VC

/* Longest word looked up: the longest dictionary entry is under 40. */
#define WORD_MAX 64

enum source {
    SRC_OWN,                    /* sitelint's list: "variant spelling" */
    SRC_CODESPELL               /* codespell's: "misspelling" */
};

/* One table for every word the rule knows, so that a word costs one
 * lookup (two when it has capitals): a misspelling, a regional spelling,
 * or both. */
struct entry {
    const char *wrong;          /* the key: lower case unless exact */
    const char *right;          /* one suggestion, the choices, or NULL */
    const char *other;          /* the spelling in the other locale */
    uint32_t hash;
    unsigned char len;          /* of wrong; at most WORD_MAX */
    unsigned char ambiguous;    /* right lists choices: no fix */
    unsigned char source;       /* enum source */
    signed char region;         /* -1, or the locale that spells it so */
};

/* The table is open-addressed and sized once, before loading, from the
 * number of lines to load: codespell's 37,000 words went into uthash at
 * 190 ns each, most of a short run, and took 100 bytes each. */
struct words {
    struct entry *v;            /* in the order added */
    uint32_t *slot;             /* 1 + index into v; 0 is free */
    size_t n, max;
    uint32_t mask;              /* slots - 1; slots >= 2 * max */
};

struct use {
    struct pos pos;
    unsigned end_col;
    const char *word;
    const char *fix;
    size_t order;               /* its page's, in the site (page_info) */
};

/* A bitmap over word hashes: most prose words are in no list, and one
 * bit test turns them away before a hash table probe. */
#define FILTER_BITS (1u << 20)

struct deferred;
struct title_count;

struct site_state {
    struct words words;
    struct deferred *deferred;  /* capitalised, inside a sentence */
    size_t ndeferred, deferred_cap;
    struct title_count *titles; /* uthash: capitalised words' counts */
    unsigned char filter[FILTER_BITS / 8];
    size_t nexact;              /* entries with capitals: matched as is */
    struct use *uses[2];        /* [0] en-US spellings, [1] en-GB */
    size_t nuses[2], caps[2];
};

enum { US = 0, GB = 1 };

/* FNV-1a: words are short, and most are looked up and not found. */
static uint32_t
word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* A hash's bit in the filter: byte from bits 12-28, bit from 29-31. */
#define FILTER_BYTE(h) (((h) >> 12) & (FILTER_BITS / 8 - 1))
#define FILTER_MASK(h) ((unsigned char)(1u << ((h) >> 29)))

static void
words_init(struct rule_ctx *cx, struct words *t, size_t max)
{
    size_t slots = 64;

    while (slots < 2 * max)
        slots *= 2;
    t->v = rule_alloc(cx, max * sizeof *t->v + slots * sizeof *t->slot);
    t->slot = (uint32_t *)(t->v + max);
    t->mask = (uint32_t)(slots - 1);
    t->max = max;
}

/* The slot where the word is, or the free one where it would go. */
static uint32_t *
words_slot(const struct words *t, const char *w, size_t n, uint32_t h)
{
    uint32_t i = h & t->mask;

    for (;; i = (i + 1) & t->mask) {
        const struct entry *e;

        if (t->slot[i] == 0)
            return &t->slot[i];
        e = &t->v[t->slot[i] - 1];
        if (e->hash == h && e->len == n && memcmp(e->wrong, w, n) == 0)
            return &t->slot[i];
    }
}

/* The word's entry, or NULL: the filter first, then the table. */
static struct entry *
lookup(struct site_state *st, const char *w, size_t n)
{
    uint32_t h = word_hash(w, n), *at;

    if (!(st->filter[FILTER_BYTE(h)] & FILTER_MASK(h)) ||
        st->words.max == 0)
        return NULL;
    at = words_slot(&st->words, w, n, h);
    return *at != 0 ? &st->words.v[*at - 1] : NULL;
}

/* The word's entry, made if new; NULL when the word is too long to be
 * looked up or the table is full (it was sized for every line). */
static struct entry *
entry_get(struct site_state *st, char *word, size_t n)
{
    struct words *t = &st->words;
    uint32_t h = word_hash(word, n), *at;
    struct entry *e;
    size_t i;

    if (n > WORD_MAX || t->max == 0)
        return NULL;
    at = words_slot(t, word, n, h);
    if (*at != 0)
        return &t->v[*at - 1];
    if (t->n == t->max)
        return NULL;
    e = &t->v[t->n++];
    *at = (uint32_t)t->n;
    word[n] = '\0';                /* keys live in the loaded text */
    e->wrong = word;
    e->hash = h;
    e->len = (unsigned char)n;
    e->region = -1;
    st->filter[FILTER_BYTE(h)] |= FILTER_MASK(h);
    for (i = 0; i < n; i++)
        if (isupper((unsigned char)word[i])) {
            st->nexact++;
            break;
        }
    return e;
}

static const struct {
    const char *name;
    const char *file;
} lists[] = {
    { "clear", "dictionary.txt" },
    { "code", "dictionary_code.txt" },
    { "informal", "dictionary_informal.txt" },
    { "names", "dictionary_names.txt" },
    { "rare", "dictionary_rare.txt" },
    { "usage", "dictionary_usage.txt" },
};

/* ---- loading ---------------------------------------------------------- */

/* Parses "wrong->right" (or "wrong->a, b,") into the table, writing NULs
 * into the line; an entry made first (sitelint's own) wins. */
static void
add_line(struct site_state *st, char *p, size_t n, enum source src)
{
    char *arrow = NULL, *right, *comma;
    struct entry *e;
    size_t i, wl, rl;

    for (i = 0; i + 1 < n; i++)
        if (p[i] == '-' && p[i + 1] == '>') {
            arrow = p + i;
            break;
        }
    if (arrow == NULL || arrow == p)
        return;
    wl = (size_t)(arrow - p);
    right = arrow + 2;
    rl = n - wl - 2;
    while (rl > 0 && (right[rl - 1] == ' ' || right[rl - 1] == '\r'))
        rl--;
    if (rl == 0)
        return;
    if ((e = entry_get(st, p, wl)) == NULL || e->right != NULL)
        return;
    e->source = src;
    if (right[rl - 1] == ',') {
        /* "a, b,": choices, and codespell's mark that none is certain. */
        e->ambiguous = 1;
        rl--;
    } else if ((comma = memchr(right, ',', rl)) != NULL) {
        /* "fix, reason": codespell disables the fix; keep the word. */
        e->ambiguous = 1;
        rl = (size_t)(comma - right);
    }
    right[rl] = '\0';
    e->right = right;
}

static void
drop_word(struct site_state *st, const char *p, size_t n)
{
    struct entry *e = lookup(st, p, n);

    if (e == NULL)
        return;
    if (e->source == SRC_CODESPELL)
        e->right = NULL;
    e->region = -1;             /* nor a regional spelling */
}

/* A word the site says is right (--spelling-drop): in no list, neither
 * as written nor in lower case, nor as a regional spelling. */
static void
forget_word(struct site_state *st, const char *p, size_t n)
{
    char key[WORD_MAX + 1];
    struct entry *e;
    size_t i;

    if (n > WORD_MAX)
        return;
    for (i = 0; i < n; i++)
        key[i] = (char)tolower((unsigned char)p[i]);
    if ((e = lookup(st, p, n)) != NULL) {
        e->right = NULL;
        e->region = -1;
    }
    if ((e = lookup(st, key, n)) != NULL) {
        e->right = NULL;
        e->region = -1;
    }
}

/* Adds each "wrong->right" line of text (which it writes into). */
static void
each_line(struct site_state *st, char *p, size_t n, enum source src)
{
    size_t i = 0;

    while (i < n) {
        char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl != NULL ? (size_t)(nl - p) : n;

        if (e > i && p[i] != '#' && p[i] != '-')
            add_line(st, p + i, e - i, src);
        i = e + 1;
    }
}

/* "-word" lines of sitelint's list: codespell entries we do not want. */
static void
apply_drops(struct site_state *st, const char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl != NULL ? (size_t)(nl - p) : n;

        if (e > i + 1 && p[i] == '-')
            drop_word(st, p + i + 1, e - i - 1);
        i = e + 1;
    }
}

static void
load_regional(struct site_state *st, struct str data)
{
    char *p = (char *)data.p;
    size_t i = 0;

    while (i < data.len) {
        char *line = p + i, *nl = memchr(line, '\n', data.len - i);
        size_t n = nl != NULL ? (size_t)(nl - line) : data.len - i, k, rl;
        struct entry *gb, *us;

        for (k = 0; k + 1 < n; k++)
            if (line[k] == '-' && line[k + 1] == '>')
                break;
        rl = k + 2 <= n ? n - k - 2 : 0;
        while (rl > 0 && line[k + 2 + rl - 1] == '\r')
            rl--;
        if (k > 0 && rl > 0 && memchr(line + k + 2, ',', rl) == NULL) {
            gb = entry_get(st, line, k);
            us = entry_get(st, line + k + 2, rl);
            if (gb != NULL && us != NULL && gb->region < 0 &&
                us->region < 0) {
                gb->region = GB;
                gb->other = us->wrong;
                us->region = US;
                us->other = gb->wrong;
            }
        }
        i += n + 1;
    }
}

/* Finds codespell's data folder: the option, else the usual places. */
static int
read_codespell(struct rule_ctx *cx, const char *file, struct str *out)
{
    const char *dirs = rule_opt_str(cx, O_CODESPELL_DIR);
    char path[4096];

    while (*dirs != '\0') {
        size_t n = strcspn(dirs, ":");

        snprintf(path, sizeof path, "%.*s/%s", (int)n, dirs, file);
        rule_depends(cx, path);
        if (rule_read_file(cx, path, out) == 0)
            return 0;
        dirs += n;
        if (*dirs == ':')
            dirs++;
    }
    return -1;
}

static size_t
count_lines(struct str t)
{
    size_t n = 1;
    const char *p = t.p, *end = t.p + t.len;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        p++;
        n++;
    }
    return n;
}

/* What is loaded, in order: the first entry for a word wins. */
struct source_text {
    struct str text;
    enum source src;
    int regional;               /* "gb->us" pairs */
};

static void
start(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    const char *want = rule_opt_str(cx, O_SPELLING_LIST);
    const char *const *user;
    struct source_text in[2 + sizeof lists / sizeof lists[0] + 1];
    size_t own_len = strlen(spelling_variant_data), nin = 0, lines = 0, i;
    size_t nuser, len = 0;
    struct str data;
    int missing = 0;

    /* The site's own entries first, then sitelint's, then codespell's. */
    user = rule_opt_list(cx, O_SPELLING_ADD, &nuser);
    if (nuser > 0) {
        char *own, *o;

        for (i = 0; i < nuser; i++)
            len += strlen(user[i]) + 1;
        o = own = rule_alloc(cx, len + 1);
        for (i = 0; i < nuser; i++)
            o += sprintf(o, "%s\n", user[i]);
        in[nin++] = (struct source_text){ { own, len }, SRC_OWN, 0 };
    }
    in[nin++] = (struct source_text){
        { rule_strndup(cx, spelling_variant_data, own_len), own_len },
        SRC_OWN, 0 };
    for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        size_t n = strlen(lists[i].name);
        const char *p = strstr(want, lists[i].name);

        if (p == NULL || (p != want && p[-1] != ',') ||
            (p[n] != '\0' && p[n] != ','))
            continue;
        if (read_codespell(cx, lists[i].file, &data) == 0)
            in[nin++] = (struct source_text){ data, SRC_CODESPELL, 0 };
        else
            missing = 1;
    }
    if (read_codespell(cx, "dictionary_en-GB_to_en-US.txt", &data) == 0)
        in[nin++] = (struct source_text){ data, SRC_CODESPELL, 1 };
    else
        missing = 1;
    if (missing)
        rule_report_run(cx, SEV_NOTE, "codespell's dictionaries were not "
                        "found (install the codespell package, or give "
                        "--codespell-dir); only sitelint's own spelling list "
                        "is used");
    for (i = 0; i < nin; i++)
        lines += count_lines(in[i].text) * (in[i].regional ? 2 : 1);
    words_init(cx, &st->words, lines);
    for (i = 0; i < nin; i++) {
        if (in[i].regional)
            load_regional(st, in[i].text);
        else
            each_line(st, (char *)in[i].text.p, in[i].text.len, in[i].src);
    }
    apply_drops(st, spelling_variant_data, own_len);
    user = rule_opt_list(cx, O_SPELLING_DROP, &nuser);
    for (i = 0; i < nuser; i++)
        forget_word(st, user[i], strlen(user[i]));
}

/* ---- words ------------------------------------------------------------ */

/* The suggestion in the word's case: "Resources", "RESOURCES". */
static char *
apply_case(struct rule_ctx *cx, const char *fix, enum prose_case wc)
{
    char *out = rule_strndup(cx, fix, strlen(fix)), *p;

    if (wc == PC_UPPER)
        for (p = out; *p != '\0'; p++)
            *p = (char)toupper((unsigned char)*p);
    else if (wc == PC_TITLE)
        out[0] = (char)toupper((unsigned char)out[0]);
    return out;
}

/* "a, b, c" -> "'a', 'b' or 'c'" */
static const char *
choices(struct rule_ctx *cx, const char *list)
{
    char buf[512];
    size_t o = 0, k = 0, count = 0;
    const char *p;

    for (p = list; *p != '\0'; p++)
        if (*p == ',')
            count++;
    for (p = list; *p != '\0' && o + 16 < sizeof buf;) {
        size_t n = strcspn(p, ",");
        const char *sep = k == 0 ? "" : k == count ? " or " : ", ";

        while (n > 0 && *p == ' ') {
            p++;
            n--;
        }
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s'%.*s'", sep,
                              (int)n, p);
        if (o >= sizeof buf)
            o = sizeof buf - 1;
        k++;
        p += n;
        if (*p == ',')
            p++;
    }
    return rule_strndup(cx, buf, o);
}

static void
record_regional(struct rule_ctx *cx, struct site_state *st, int which,
                size_t order, struct pos pos, const char *w, size_t n,
                const char *fix)
{
    struct use *u = RULE_PUSH(cx, st->uses[which], st->nuses[which],
                              st->caps[which]);

    u->order = order;
    u->pos = pos;
    u->end_col = pos.col + (unsigned)n;
    u->word = rule_strndup(cx, w, n);
    u->fix = fix;
}

/* A capitalised misspelling inside a sentence ("the Widnows port"):
 * a name, unless the site writes its correction so more often. */
struct deferred {
    struct pos pos;
    unsigned end_col;
    const char *word;
    const char *choices;        /* "windows" or "windows, widows," */
};

/* How often the site writes a word with a capital first letter, and
 * how often inside a sentence, where the capital makes it a name. */
struct title_count {
    const char *word;
    size_t n, mid;
    UT_hash_handle hh;
};

/* What one page's words need: the rule's state, and whether the span
 * being read is another language (-1: not asked yet; asked only of a
 * word in a list, so that the test costs nothing on the prose around). */
struct page_walk {
    struct rule_ctx *cx;
    struct site_state *st;
    const struct span *span;
    int foreign;
    int record;                 /* keep what the site learns in the
                                 * page's record */
    size_t order;               /* the page's, in the site */
};

/* The page's record, for the persistent index: what the site's state
 * took from it, as NUL-terminated fields.  "T", mid ("0"/"1"), word: a
 * capitalised word; "R", region, line, column, word, fix: a regional
 * spelling. */
static void
keep(struct rule_ctx *cx, const char *const *f, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        rule_record(cx, f[i], strlen(f[i]) + 1);
}

static void
count_title(struct rule_ctx *cx, struct site_state *st, const char *w,
            size_t n, int mid)
{
    struct title_count *t;

    HASH_FIND(hh, st->titles, w, n, t);
    if (t == NULL) {
        t = rule_alloc(cx, sizeof *t);
        t->word = rule_strndup(cx, w, n);
        HASH_ADD_KEYPTR(hh, st->titles, t->word, n, t);
    }
    t->n++;
    t->mid += mid != 0;
}

static const struct title_count *
title_count(const struct site_state *st, const char *w)
{
    static const struct title_count none;
    struct title_count *t;

    HASH_FIND_STR(st->titles, w, t);
    return t != NULL ? t : &none;
}

/* Is the word inside quotation marks on its line: '"Privacy and Threat
 * Modelling"', "support for 'Message Display Synchronisation'"?  A title
 * or a name quoted keeps its author's spelling, and says nothing of the
 * site's: its regional spellings are neither reported nor counted. */
static int
in_quotes(const struct prose_word *pw)
{
    const char *t = pw->span->text.p;
    size_t len = pw->span->text.len, at = (size_t)(pw->p - t), i;
    size_t open = (size_t)-1;   /* where the quotation open now began */
    char kind = 0;              /* '"', 'd' (curly double), '\'', 's' */

    /* A front-matter value's quotes are YAML's, not the writer's. */
    if (pw->span->kind != SPAN_TEXT && pw->span->kind != SPAN_LINK_TEXT)
        return 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        char k = 0;
        int opens = 0, closes = 0;

        if (c == '"') {
            k = '"';
            opens = kind == 0;
            closes = kind == '"';
        } else if (c == 0xE2 && i + 2 < len &&
                   (unsigned char)t[i + 1] == 0x80) {
            unsigned char d = (unsigned char)t[i + 2];

            k = d == 0x9C || d == 0x9D ? 'd' : d == 0x98 || d == 0x99 ? 's' : 0;
            opens = kind == 0 && (d == 0x9C || d == 0x98);
            closes = kind == k && (d == 0x9D ||
                     (d == 0x99 && (i + 3 >= len ||
                                    !isalpha((unsigned char)t[i + 3]))));
        } else if (c == '\'') {
            k = '\'';
            opens = kind == 0 && (i == 0 || !isalnum((unsigned char)t[i - 1]))
                    && i + 1 < len && isalpha((unsigned char)t[i + 1]);
            closes = kind == '\'' && i > 0 &&
                     isalpha((unsigned char)t[i - 1]) &&
                     (i + 1 >= len || !isalnum((unsigned char)t[i + 1]));
        }
        if (closes) {
            if (open < at && at < i)
                return 1;
            kind = 0;
        } else if (opens) {
            kind = k;
            open = i;
        }
    }
    return 0;
}

/* Link text of several words, to another site, whose address has the
 * word as written in its path, is the linked page's title, quoted:
 * "[RTT stanza and message comparision](https://.../message-comparision/)".
 * Not a name ("[Github](https://github.com/...)": the host), nor a link
 * of the site's own, whose address the site can fix too. */
static int
quoted_title(const struct prose_word *pw)
{
    const char *u = pw->link_url, *path, *p;
    const struct str *t = &pw->span->text;
    size_t words = 1, i;

    if (u == NULL || pw->n < 4 || (strncmp(u, "https://", 8) != 0 &&
                                   strncmp(u, "http://", 7) != 0))
        return 0;
    for (i = 0; i < t->len; i++)
        words += t->p[i] == ' ' && i + 1 < t->len && t->p[i + 1] != ' ';
    path = strchr(strstr(u, "//") + 2, '/');
    if (words < 4 || path == NULL)
        return 0;
    for (p = path; *p != '\0'; p++)
        if (strncmp(p, pw->p, pw->n) == 0)
            return 1;
    return 0;
}

static void
check_word(void *ctx, const struct prose_word *pw)
{
    struct page_walk *pwk = ctx;
    struct rule_ctx *cx = pwk->cx;
    struct site_state *st = pwk->st;
    const char *w = pw->p;
    size_t n = pw->n, i;
    char key[WORD_MAX + 1];
    enum prose_case wc = prose_case(w, n);
    struct entry *e = NULL;
    struct pos pos = pw->pos;
    unsigned end = pos.col + (unsigned)n;
    struct diag *d;

    if (n > WORD_MAX || n < 2)
        return;
    if (wc == PC_TITLE) {
        count_title(cx, st, w, n, pw->mid);
        if (pwk->record) {
            char word[WORD_MAX + 1];

            memcpy(word, w, n);
            word[n] = '\0';
            keep(cx, (const char *[]){ "T", pw->mid ? "1" : "0", word }, 3);
        }
    }
    if (quoted_title(pw))
        return;
    if (wc != PC_LOWER && st->nexact > 0)
        e = lookup(st, w, n);                   /* "Github": as written */
    if ((e == NULL || (e->right == NULL && e->region < 0)) && wc != PC_MIXED) {
        for (i = 0; i < n; i++)
            key[i] = (char)tolower((unsigned char)w[i]);
        e = lookup(st, key, n);
    }
    if (e == NULL)
        return;
    if (pwk->span != pw->span) {
        pwk->span = pw->span;
        pwk->foreign = -1;
    }
    /* A misspelling in another language's text is that language's word
     * (German "unter", "raison d'être"); a regional pair is English
     * either way. */
    if (e->right != NULL && pw->foreign_near)
        return;
    if (e->right != NULL && pwk->foreign < 0)
        pwk->foreign = prose_is_foreign(pw->span->text.p, pw->span->text.len);
    if (e->right != NULL && pwk->foreign > 0)
        return;
    if (e->right != NULL && e->source == SRC_CODESPELL && wc == PC_UPPER)
        return;     /* an acronym (DAKE) */
    if (e->right != NULL && e->source == SRC_CODESPELL && wc == PC_TITLE &&
        pw->mid) {
        /* A name (Stephen Maka), or a typo in one (the Widnows port):
         * the site's own capitals decide, at the end. */
        struct deferred *df;

        if (!islower((unsigned char)e->wrong[0]))
            return;
        df = RULE_PUSH(cx, st->deferred, st->ndeferred, st->deferred_cap);
        df->pos = pos;
        df->end_col = end;
        df->word = rule_strndup(cx, w, n);
        df->choices = e->right;
        return;
    }
    if (e->right != NULL && e->ambiguous) {
        rule_report(cx, pos, end, "'%.*s' may be a misspelling of %s",
                    (int)n, w, choices(cx, e->right));
    } else if (e->right != NULL) {
        const char *fix = islower((unsigned char)e->wrong[0])
                              ? apply_case(cx, e->right, wc) : e->right;

        d = rule_report(cx, pos, end, "'%.*s' is %s of '%s'", (int)n, w,
                        e->source == SRC_OWN ? "a variant spelling"
                                             : "a misspelling", fix);
        rule_fix(d, pos, end, fix);
    } else if (e->region >= 0 && wc != PC_MIXED && !in_quotes(pw)) {
        const char *fix = apply_case(cx, e->other, wc);

        record_regional(cx, st, e->region, pwk->order, pos, w, n, fix);
        if (pwk->record) {
            char word[WORD_MAX + 1], line[24], col[24];

            memcpy(word, w, n);
            word[n] = '\0';
            snprintf(line, sizeof line, "%u", pos.line);
            snprintf(col, sizeof col, "%u", pos.col);
            keep(cx, (const char *[]){ "R", e->region == GB ? "1" : "0",
                                       line, col, word, fix }, 6);
        }
    }
}

static int
is_english(const char *lang)
{
    return strncasecmp(lang, "en", 2) == 0 &&
           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct page_walk pwk = { cx, rule_site_state(cx), NULL, -1,
                             rule_recording(cx), pg->info->order };

    if (!is_english(pg->text_lang))
        return;
    prose_words(pg, check_word, &pwk);
}

/* A page the persistent index kept: its record's fields, in turn. */
static void
replay_page(struct rule_ctx *cx, const struct page *pg, const char *rec,
            size_t len)
{
    struct site_state *st = rule_site_state(cx);
    const char *f[6], *end = rec + len;
    size_t k, want;

    while (rec < end) {
        want = rec[0] == 'T' ? 3 : rec[0] == 'R' ? 6 : 0;
        for (k = 0; k < want && rec < end; k++) {
            f[k] = rec;
            rec += strnlen(rec, (size_t)(end - rec)) + 1;
        }
        if (want == 0 || k < want || rec > end)
            return;             /* not a record this rule wrote */
        if (f[0][0] == 'T') {
            count_title(cx, st, f[2], strlen(f[2]), f[1][0] == '1');
        } else {
            struct pos pos = { pg->path,
                               (unsigned)strtoul(f[2], NULL, 10),
                               (unsigned)strtoul(f[3], NULL, 10) };

            record_regional(cx, st, f[1][0] == '1' ? GB : US,
                            pg->info->order, pos, f[4], strlen(f[4]),
                            rule_strndup(cx, f[5], strlen(f[5])));
        }
    }
}

/* The deferred capitals.  A name recurs (Stephen Maka, nine times on
 * xmpp.org); a typo in a name is rare, and the site writes its correction
 * as a name, inside sentences, more often ("the Windows client" 12
 * times, "the Widnows port" once). */
#define TYPO_MAX_USES 2

static void
check_deferred(struct rule_ctx *cx, struct site_state *st)
{
    size_t i;

    for (i = 0; i < st->ndeferred; i++) {
        const struct deferred *df = &st->deferred[i];
        const struct title_count *word = title_count(st, df->word), *best;
        const char *p = df->choices, *fix = NULL;
        struct diag *d;

        if (word->n > TYPO_MAX_USES)
            continue;
        best = title_count(st, "");
        /* Of codespell's choices, the one the site writes as a name. */
        while (*p != '\0') {
            size_t len = strcspn(p, ",");
            char choice[WORD_MAX + 1];
            const struct title_count *t;

            while (len > 0 && *p == ' ')
                p++, len--;
            if (len > 0 && len <= WORD_MAX) {
                memcpy(choice, p, len);
                choice[len] = '\0';
                choice[0] = (char)toupper((unsigned char)choice[0]);
                if ((t = title_count(st, choice))->mid > best->mid) {
                    best = t;
                    fix = t->word;
                }
            }
            p += len + (p[len] == ',');
        }
        if (fix == NULL || best->mid < 2 || best->mid <= word->n)
            continue;
        d = rule_report(cx, df->pos, df->end_col, "'%s' is a misspelling of "
                        "'%s'", df->word, fix);
        rule_note(d, df->pos, "the site writes '%s' %zu times inside a "
                  "sentence, '%s' %zu", fix, best->mid, df->word, word->n);
        rule_fix(d, df->pos, df->end_col, fix);
    }
}

/* ---- the site's locale ------------------------------------------------ */

static int
locale_of(const char *s)
{
    if (s == NULL)
        return -1;
    if (strncasecmp(s, "en-us", 5) == 0 || strncasecmp(s, "en_us", 5) == 0)
        return US;
    if (strncasecmp(s, "en-gb", 5) == 0 || strncasecmp(s, "en_gb", 5) == 0)
        return GB;
    return -1;
}

static void
finish(struct rule_ctx *cx)
{
    static const char *const names[] = { "en-US", "en-GB" };
    struct site_state *st = rule_site_state(cx);
    int locale = locale_of(rule_opt_str(cx, O_LOCALE)), from_majority = 0;
    size_t i, first = 0;

    check_deferred(cx, st);
    if (locale < 0)
        locale = locale_of(rule_site(cx)->language_code);
    if (locale < 0) {
        if (st->nuses[US] == 0 || st->nuses[GB] == 0)
            return;             /* one spelling throughout: consistent */
        locale = st->nuses[GB] > st->nuses[US] ? GB : US;
        from_majority = 1;
    }
    /* The site's first use of its spelling, as a run over the whole
     * site meets it: a run that names pages reads them first. */
    for (i = 1; i < st->nuses[locale]; i++)
        if (st->uses[locale][i].order < st->uses[locale][first].order)
            first = i;
    for (i = 0; i < st->nuses[!locale]; i++) {
        const struct use *u = &st->uses[!locale][i];
        struct diag *d;

        d = rule_report(cx, u->pos, u->end_col,
                        "'%s' is the %s spelling; this site uses %s '%s'",
                        u->word, names[!locale], names[locale], u->fix);
        rule_fix(d, u->pos, u->end_col, u->fix);
        /* The tally once, on the first: 113 copies of it said nothing
         * more. */
        if (from_majority && i == 0 && d != NULL) {
            char why[64];

            rule_note(d, st->uses[locale][first].pos,
                      "the site spells %zu words the %s way and %zu the %s "
                      "way; first %s spelling here", st->nuses[locale],
                      names[locale], st->nuses[!locale], names[!locale],
                      names[locale]);
            snprintf(why, sizeof why, "Most of the site spells words the "
                     "%s way.", names[locale]);
            rule_propose(cx, "locale", names[locale], why, "the locale");
        }
    }
}

static void
end(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);

    HASH_CLEAR(hh, st->titles);
}

const struct rule rule_spelling_variant = {
    .options         = options,
    .noptions        = O_COUNT,
    .id              = "spelling-variant",
    .summary         = "variant, misspelled and mixed regional spellings",
    .severity        = SEV_WARNING,
    .site_state_size = sizeof(struct site_state),
    .on_start        = start,
    .on_page         = check_page,
    .context         = CONTEXT_RECORD,
    .on_record       = replay_page,
    .reads_words     = 1,
    .on_site         = finish,
    .on_end          = end,
};
