/* spelling-variant: variant spellings (French for English, misspelled
 * project terms), codespell's misspellings, and en-GB/en-US spellings
 * mixed in one site.  Prose only, English pages only. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

/* rules/spelling_variant.txt, compiled in by the Makefile. */
extern const char spelling_variant_data[];

#ifndef CODESPELL_DIRS
#define CODESPELL_DIRS "/usr/share/codespell:" \
    "/usr/lib/python3/dist-packages/codespell_lib/data"
#endif

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
};

/* A bitmap over word hashes: most prose words are in no list, and one
 * bit test turns them away before a hash table probe. */
#define FILTER_BITS (1u << 20)

struct site_state {
    struct words words;
    unsigned char filter[FILTER_BITS / 8];
    size_t nexact;              /* entries with capitals: matched as is */
    struct use *uses[2];        /* [0] en-US spellings, [1] en-GB */
    size_t nuses[2], caps[2];
};

enum { US = 0, GB = 1 };

/* Byte classes for the word scanner, without locale-dependent calls. */
enum { C_SPACE = 1, C_ALPHA = 2, C_WORD = 4 };

static unsigned char cls[256];

static void
init_classes(void)
{
    int c;

    for (c = 0; c < 256; c++) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            cls[c] |= C_SPACE;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            cls[c] |= C_ALPHA | C_WORD;
        if ((c >= '0' && c <= '9') || c == '_' || c >= 0x80)
            cls[c] |= C_WORD;
    }
}

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
    const char *dirs = rule_option(cx, "codespell-dir");
    char path[4096];

    if (dirs == NULL)
        dirs = CODESPELL_DIRS;
    while (*dirs != '\0') {
        size_t n = strcspn(dirs, ":");

        snprintf(path, sizeof path, "%.*s/%s", (int)n, dirs, file);
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
    const char *want = rule_option(cx, "spelling-lists"), *user;
    struct source_text in[2 + sizeof lists / sizeof lists[0] + 1];
    size_t own_len = strlen(spelling_variant_data), nin = 0, lines = 0, i;
    struct str data;
    int missing = 0;

    init_classes();
    /* The site's own entries first, then sitelint's, then codespell's. */
    if ((user = rule_option(cx, "spelling-add")) != NULL)
        in[nin++] = (struct source_text){
            { rule_strndup(cx, user, strlen(user)), strlen(user) }, SRC_OWN,
            0 };
    in[nin++] = (struct source_text){
        { rule_strndup(cx, spelling_variant_data, own_len), own_len },
        SRC_OWN, 0 };
    if (want == NULL)
        want = "clear";
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
    for (user = rule_option(cx, "spelling-drop"); user != NULL &&
         *user != '\0';) {
        size_t n = strcspn(user, "\n");

        forget_word(st, user, n);
        user += n + (user[n] == '\n');
    }
}

/* ---- words ------------------------------------------------------------ */

enum wcase { WC_LOWER, WC_TITLE, WC_UPPER, WC_MIXED };

static enum wcase
word_case(const char *w, size_t n)
{
    size_t i, upper = 0, lower = 0;

    for (i = 0; i < n; i++) {
        if (isupper((unsigned char)w[i]))
            upper++;
        else if (islower((unsigned char)w[i]))
            lower++;
    }
    if (upper == 0)
        return WC_LOWER;
    if (lower == 0)
        return upper > 1 || n == 1 ? WC_UPPER : WC_TITLE;
    if (upper == 1 && isupper((unsigned char)w[0]))
        return WC_TITLE;
    return WC_MIXED;
}

/* The suggestion in the word's case: "Resources", "RESOURCES". */
static char *
apply_case(struct rule_ctx *cx, const char *fix, enum wcase wc)
{
    char *out = rule_strndup(cx, fix, strlen(fix)), *p;

    if (wc == WC_UPPER)
        for (p = out; *p != '\0'; p++)
            *p = (char)toupper((unsigned char)*p);
    else if (wc == WC_TITLE)
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
                struct pos pos, const char *w, size_t n, const char *fix)
{
    struct use *u = RULE_PUSH(cx, st->uses[which], st->nuses[which],
                              st->caps[which]);

    u->pos = pos;
    u->end_col = pos.col + (unsigned)n;
    u->word = rule_strndup(cx, w, n);
    u->fix = fix;
}

static int is_foreign(const char *t, size_t n);

/* Checks the word w of span sp; *foreign caches whether the span is in
 * another language (-1: not known yet), asked only of a word in a list,
 * so that the test costs nothing on the prose around it. */
static void
check_word(struct rule_ctx *cx, struct site_state *st, struct pos pos,
           const char *w, size_t n, int mid_sentence, const struct span *sp,
           int *foreign)
{
    char key[WORD_MAX + 1];
    enum wcase wc = word_case(w, n);
    struct entry *e = NULL;
    unsigned end = pos.col + (unsigned)n;
    struct diag *d;
    size_t i;

    if (n > WORD_MAX || n < 2)
        return;
    if (wc != WC_LOWER && st->nexact > 0)
        e = lookup(st, w, n);                   /* "Github": as written */
    if ((e == NULL || (e->right == NULL && e->region < 0)) && wc != WC_MIXED) {
        for (i = 0; i < n; i++)
            key[i] = (char)tolower((unsigned char)w[i]);
        e = lookup(st, key, n);
    }
    if (e == NULL)
        return;
    /* A misspelling in another language's text is that language's word
     * (German "unter"); a regional pair is English either way. */
    if (e->right != NULL && *foreign < 0)
        *foreign = is_foreign(sp->text.p, sp->text.len);
    if (e->right != NULL && *foreign > 0)
        return;
    if (e->right != NULL && e->source == SRC_CODESPELL &&
        (wc == WC_UPPER || (wc == WC_TITLE && mid_sentence)))
        return;     /* an acronym (DAKE) or a name (Stephen Maka) */
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
    } else if (e->region >= 0 && wc != WC_MIXED) {
        record_regional(cx, st, e->region, pos, w, n,
                        apply_case(cx, e->other, wc));
    }
}

static int
is_word_byte(unsigned char c)
{
    return cls[c] & C_WORD;
}

static int
is_space(unsigned char c)
{
    return cls[c] & C_SPACE;
}

/* Is the token a URL, path, address, identifier or file name? */
static int
skip_token(const char *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (t[i] == '@' || t[i] == '\\' || t[i] == '=' ||
            (t[i] == ':' && i + 2 < n && t[i + 1] == '/' && t[i + 2] == '/'))
            return 1;
        if (t[i] == '.' && i > 0 && i + 1 < n &&
            isalpha((unsigned char)t[i - 1]) && isalpha((unsigned char)t[i + 1]))
            return 1;           /* example.org, file.md: not prose */
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

/* Is w[0, n) one of the words of list, a run of words each after a byte
 * that is its length, ending in a 0 byte, in any case? */
static int
in_words(const char *list, const char *w, size_t n)
{
    while (*list != '\0') {
        size_t len = (unsigned char)*list++;

        if (len == n && tolower((unsigned char)*w) == *list &&
            strncasecmp(list, w, n) == 0)
            return 1;
        list += len;
    }
    return 0;
}

/* Is the run of text in another language than English: more of its
 * words are another language's commonest words than English's, or it
 * has an accented letter and one of them?  Titles of German articles
 * linked from an English newsletter are not misspelt English. */
static int
is_foreign(const char *t, size_t n)
{
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
        /* Spanish, Portuguese, Italian */
        "\002el\003los\003las\001y\004para\003con\003una\003del\003por\002em"
        "\002da\002do\003dos\003uma\003com\002il\002di\003che\003non\001o"
        "\010mediante\005sobre\004como";
    size_t i = 0, nen = 0, nother = 0;
    int accent = 0;

    while (i < n) {
        size_t s;

        while (i < n && !isalpha((unsigned char)t[i]) &&
               (unsigned char)t[i] < 0x80)
            i++;
        s = i;
        while (i < n && (isalpha((unsigned char)t[i]) ||
                         (unsigned char)t[i] >= 0x80)) {
            accent |= (unsigned char)t[i] >= 0xC3 &&
                      (unsigned char)t[i] <= 0xC5;
            i++;
        }
        if (i - s == 0 || i - s > 8)
            continue;           /* no word of the lists is longer */
        nen += in_words(en, t + s, i - s);
        nother += in_words(other, t + s, i - s);
    }
    return (nother >= 2 && nother > nen) || (accent && nother >= 1 &&
                                               nother >= nen);
}

static void
check_span(struct rule_ctx *cx, struct site_state *st, const struct span *sp)
{
    const char *t = sp->text.p;
    size_t n = sp->text.len, i = 0;
    /* Headings and titles are Title Case: every word may be checked. */
    int titled = sp->kind == SPAN_HEADING || sp->kind == SPAN_TITLE ||
                 sp->kind == SPAN_CAPTION;
    /* Link text is most often inside a sentence: "see [Aline Lerner]". */
    int mid = sp->kind == SPAN_LINK_TEXT; /* past a sentence's start */

    int foreign = -1;           /* not known until a word is in a list */

    if (sp->quoted)
        return;                 /* a quotation, as its author wrote it */

    while (i < n) {
        size_t ts, te;

        while (i < n && is_space((unsigned char)t[i]))
            i++;
        ts = i;
        while (i < n && !is_space((unsigned char)t[i]))
            i++;
        te = i;
        if (te == ts)
            continue;
        if (!skip_token(t + ts, te - ts)) {
            for (i = ts; i < te;) {
                size_t ws;
                int plain = 1;

                while (i < te && !is_word_byte((unsigned char)t[i]))
                    i++;
                ws = i;
                while (i < te && (is_word_byte((unsigned char)t[i]) ||
                                  (t[i] == '\'' && i + 1 < te && i > ws &&
                                   isalpha((unsigned char)t[i + 1])))) {
                    if (!(cls[(unsigned char)t[i]] & C_ALPHA) && t[i] != '\'')
                        plain = 0;  /* v2, foo_bar, naïve: not in the lists */
                    i++;
                }
                /* "add-ons", "re-use": a short part of a hyphenated
                 * word is no word of its own ("ons" is no "owns"); a
                 * long one still is ("technically-focussed"). */
                if (i > ws && i - ws <= 3 &&
                    ((ws > ts + 1 && t[ws - 1] == '-' &&
                      isalpha((unsigned char)t[ws - 2])) ||
                     (i + 1 < te && t[i] == '-' &&
                      isalpha((unsigned char)t[i + 1]))))
                    plain = 0;
                /* "(mye)": a writer's initials closing a remark. */
                if (i - ws <= 3 && ws > ts && t[ws - 1] == '(' && i < te &&
                    t[i] == ')')
                    plain = 0;
                if (i > ws && plain)
                    check_word(cx, st, (struct pos){ sp->pos.file,
                                   sp->pos.line, sp->pos.col + (unsigned)ws },
                               t + ws, i - ws, mid && !titled, sp, &foreign);
                if (i > ws)
                    mid = 1;
            }
        }
        /* A sentence ends at . ! ? or : closing a token, but not at an
         * abbreviation: "e.g. Doubleclick" goes on. */
        if (strchr(".!?:", t[te - 1]) != NULL &&
            !is_abbreviation(t + ts, te - ts))
            mid = 0;
        else
            mid = 1;
        i = te;
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
    struct site_state *st = rule_site_state(cx);
    size_t i;

    if (!is_english(pg->lang))
        return;
    for (i = 0; i < pg->nspans; i++)
        check_span(cx, st, &pg->spans[i]);
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
    int locale = locale_of(rule_option(cx, "locale")), from_majority = 0;
    size_t i;

    if (locale < 0)
        locale = locale_of(rule_site(cx)->language_code);
    if (locale < 0) {
        if (st->nuses[US] == 0 || st->nuses[GB] == 0)
            return;             /* one spelling throughout: consistent */
        locale = st->nuses[GB] > st->nuses[US] ? GB : US;
        from_majority = 1;
    }
    for (i = 0; i < st->nuses[!locale]; i++) {
        const struct use *u = &st->uses[!locale][i];
        struct diag *d;

        d = rule_report(cx, u->pos, u->end_col,
                        "'%s' is the %s spelling; this site uses %s '%s'",
                        u->word, names[!locale], names[locale], u->fix);
        rule_fix(d, u->pos, u->end_col, u->fix);
        if (from_majority)
            rule_note(d, st->uses[locale][0].pos,
                      "the site spells %zu words the %s way and %zu the %s "
                      "way; first %s spelling here", st->nuses[locale],
                      names[locale], st->nuses[!locale], names[!locale],
                      names[locale]);
    }
}

const struct rule rule_spelling_variant = {
    .id              = "spelling-variant",
    .summary         = "variant, misspelled and mixed regional spellings",
    .severity        = SEV_WARNING,
    .site_state_size = sizeof(struct site_state),
    .on_start        = start,
    .on_page         = check_page,
    .on_site         = finish,
};
