/* spelling-variant: variant spellings (French for English, misspelled
 * project terms), codespell's misspellings, and en-GB/en-US spellings
 * mixed in one site.  Prose only, English pages only. */
#include <ctype.h>
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

/* Longest word looked up: the longest dictionary entry is under 40. */
#define WORD_MAX 64

enum source {
    SRC_OWN,                    /* sitelint's list: "variant spelling" */
    SRC_CODESPELL               /* codespell's: "misspelling" */
};

struct entry {
    const char *wrong;          /* the key: lower case unless exact */
    const char *right;          /* one suggestion, or the choices */
    int ambiguous;              /* right lists choices: no fix */
    enum source source;
    UT_hash_handle hh;
};

struct regional {
    const char *word;           /* lower case */
    const char *other;          /* the other locale's spelling */
    UT_hash_handle hh;
};

struct use {
    struct pos pos;
    unsigned end_col;
    const char *word;
    const char *fix;
};

struct site_state {
    struct entry *own;          /* exact-case and lower-case entries */
    struct entry *dict;
    struct regional *gb;        /* en-GB -> en-US */
    struct regional *us;        /* en-US -> en-GB */
    struct use *uses[2];        /* [0] en-US spellings, [1] en-GB */
    size_t nuses[2], caps[2];
};

enum { US = 0, GB = 1 };

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

/* Parses "wrong->right" (or "wrong->a, b,") into table; duplicates keep
 * the entry made first. */
static void
add_line(struct rule_ctx *cx, struct entry **table, const char *p,
         size_t n, enum source src)
{
    const char *arrow = NULL;
    struct entry *e, *old;
    size_t i, wl, rl;

    for (i = 0; i + 1 < n; i++)
        if (p[i] == '-' && p[i + 1] == '>') {
            arrow = p + i;
            break;
        }
    if (arrow == NULL || arrow == p)
        return;
    wl = (size_t)(arrow - p);
    rl = n - wl - 2;
    while (rl > 0 && (arrow[2 + rl - 1] == ' ' || arrow[2 + rl - 1] == '\r'))
        rl--;
    HASH_FIND(hh, *table, p, wl, old);
    if (old != NULL || rl == 0)
        return;
    e = rule_alloc(cx, sizeof *e);
    e->wrong = rule_strndup(cx, p, wl);
    e->source = src;
    if (arrow[2 + rl - 1] == ',') {
        /* "a, b,": choices, and codespell's mark that none is certain. */
        e->ambiguous = 1;
        e->right = rule_strndup(cx, arrow + 2, rl - 1);
    } else if (memchr(arrow + 2, ',', rl) != NULL) {
        /* "fix, reason": codespell disables the fix; keep the word. */
        e->ambiguous = 1;
        e->right = rule_strndup(cx, arrow + 2,
                                (size_t)((const char *)memchr(arrow + 2, ',',
                                                              rl) - arrow - 2));
    } else {
        e->right = rule_strndup(cx, arrow + 2, rl);
    }
    HASH_ADD_KEYPTR(hh, *table, e->wrong, wl, e);
}

static void
drop_word(struct entry **table, const char *p, size_t n)
{
    struct entry *e;

    HASH_FIND(hh, *table, p, n, e);
    if (e != NULL)
        HASH_DEL(*table, e);
}

static void
load_lines(struct rule_ctx *cx, struct entry **table, const char *p,
           size_t n, enum source src, struct str *drops)
{
    size_t i = 0;

    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl != NULL ? (size_t)(nl - p) : n;

        if (e > i && p[i] == '-' && drops != NULL) {
            /* Remembered: applied once codespell's lists are in. */
            if (drops->p == NULL)
                drops->p = p + i;
            drops->len = (size_t)(p + e - drops->p);
        } else if (e > i && p[i] != '#') {
            add_line(cx, table, p + i, e - i, src);
        }
        i = e + 1;
    }
}

static void
add_regional(struct rule_ctx *cx, struct regional **table, const char *w,
             size_t wl, const char *o, size_t ol)
{
    struct regional *r;

    HASH_FIND(hh, *table, w, wl, r);
    if (r != NULL)
        return;
    r = rule_alloc(cx, sizeof *r);
    r->word = rule_strndup(cx, w, wl);
    r->other = rule_strndup(cx, o, ol);
    HASH_ADD_KEYPTR(hh, *table, r->word, wl, r);
}

static void
load_regional(struct rule_ctx *cx, struct site_state *st, struct str data)
{
    size_t i = 0;

    while (i < data.len) {
        const char *p = data.p + i, *nl = memchr(p, '\n', data.len - i);
        size_t n = nl != NULL ? (size_t)(nl - p) : data.len - i, k;

        for (k = 0; k + 1 < n; k++)
            if (p[k] == '-' && p[k + 1] == '>')
                break;
        if (k > 0 && k + 2 < n && memchr(p + k + 2, ',', n - k - 2) == NULL) {
            size_t rl = n - k - 2;

            while (rl > 0 && p[k + 2 + rl - 1] == '\r')
                rl--;
            add_regional(cx, &st->gb, p, k, p + k + 2, rl);
            add_regional(cx, &st->us, p + k + 2, rl, p, k);
        }
        i += n + 1;
    }
}

/* Finds codespell's data folder: the option, else the usual places. */
static int
read_codespell(struct rule_ctx *cx, const char *file, struct str *out,
               const char **dir_used)
{
    const char *dirs = rule_option(cx, "codespell-dir");
    char path[4096];

    if (dirs == NULL)
        dirs = CODESPELL_DIRS;
    while (*dirs != '\0') {
        size_t n = strcspn(dirs, ":");

        snprintf(path, sizeof path, "%.*s/%s", (int)n, dirs, file);
        if (rule_read_file(cx, path, out) == 0) {
            *dir_used = dirs;
            return 0;
        }
        dirs += n;
        if (*dirs == ':')
            dirs++;
    }
    return -1;
}

static void
start(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    const char *want = rule_option(cx, "spelling-lists");
    const char *used = NULL;
    struct str data, drops = STR_NULL;
    size_t i;
    int missing = 0;

    load_lines(cx, &st->own, spelling_variant_data,
               strlen(spelling_variant_data), SRC_OWN, &drops);
    if (want == NULL)
        want = "clear";
    for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        size_t n = strlen(lists[i].name);
        const char *p = strstr(want, lists[i].name);

        if (p == NULL || (p != want && p[-1] != ',') ||
            (p[n] != '\0' && p[n] != ','))
            continue;
        if (read_codespell(cx, lists[i].file, &data, &used) == 0)
            load_lines(cx, &st->dict, data.p, data.len, SRC_CODESPELL, NULL);
        else
            missing = 1;
    }
    if (read_codespell(cx, "dictionary_en-GB_to_en-US.txt", &data, &used) == 0)
        load_regional(cx, st, data);
    else
        missing = 1;
    if (missing)
        rule_report_run(cx, SEV_NOTE, "codespell's dictionaries were not "
                        "found (install the codespell package, or give "
                        "--codespell-dir); only sitelint's own spelling list "
                        "is used");
    for (i = 0; i < drops.len;) {
        const char *nl = memchr(drops.p + i, '\n', drops.len - i);
        size_t e = nl != NULL ? (size_t)(nl - drops.p) : drops.len;

        if (e > i + 1 && drops.p[i] == '-')
            drop_word(&st->dict, drops.p + i + 1, e - i - 1);
        i = e + 1;
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

static void
check_word(struct rule_ctx *cx, struct site_state *st, struct pos pos,
           const char *w, size_t n)
{
    char key[WORD_MAX + 1];
    enum wcase wc = word_case(w, n);
    struct entry *e = NULL;
    struct regional *r;
    struct diag *d;
    size_t i;

    if (n > WORD_MAX || n < 2)
        return;
    memcpy(key, w, n);
    key[n] = '\0';
    HASH_FIND(hh, st->own, key, n, e);          /* exact case first */
    if (e == NULL && wc != WC_MIXED) {
        for (i = 0; i < n; i++)
            key[i] = (char)tolower((unsigned char)key[i]);
        HASH_FIND(hh, st->own, key, n, e);
        if (e == NULL)
            HASH_FIND(hh, st->dict, key, n, e);
    }
    if (e != NULL) {
        const char *what = e->source == SRC_OWN ? "a variant spelling"
                                                : "a misspelling";
        unsigned end = pos.col + (unsigned)n;

        if (e->ambiguous) {
            rule_report(cx, pos, end, "'%.*s' may be a misspelling of %s",
                        (int)n, w, choices(cx, e->right));
            return;
        }
        {
            const char *fix = islower((unsigned char)e->wrong[0]) ||
                              !isalpha((unsigned char)e->wrong[0])
                                  ? apply_case(cx, e->right, wc) : e->right;

            d = rule_report(cx, pos, end, "'%.*s' is %s of '%s'", (int)n, w,
                            what, fix);
            rule_fix(d, pos, end, fix);
        }
        return;
    }
    if (wc == WC_MIXED)
        return;
    for (i = 0; i < n; i++)
        key[i] = (char)tolower((unsigned char)w[i]);
    key[n] = '\0';
    HASH_FIND(hh, st->gb, key, n, r);
    if (r != NULL) {
        record_regional(cx, st, GB, pos, w, n, apply_case(cx, r->other, wc));
        return;
    }
    HASH_FIND(hh, st->us, key, n, r);
    if (r != NULL)
        record_regional(cx, st, US, pos, w, n, apply_case(cx, r->other, wc));
}

static int
is_word_byte(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Is the token around [s, e) a URL, path, address or identifier? */
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
            return 1;           /* example.org, file.md, e.g: not prose */
    }
    return n > 0 && (t[0] == '/' || (n > 4 && strncasecmp(t, "www.", 4) == 0));
}

static void
check_span(struct rule_ctx *cx, struct site_state *st, const struct span *sp)
{
    const char *t = sp->text.p;
    size_t n = sp->text.len, i = 0;

    while (i < n) {
        size_t ts, te;

        while (i < n && isspace((unsigned char)t[i]))
            i++;
        ts = i;
        while (i < n && !isspace((unsigned char)t[i]))
            i++;
        te = i;
        if (te == ts || skip_token(t + ts, te - ts))
            continue;
        for (i = ts; i < te;) {
            size_t ws;
            int plain = 1;

            while (i < te && !is_word_byte((unsigned char)t[i]))
                i++;
            ws = i;
            while (i < te && (is_word_byte((unsigned char)t[i]) ||
                              (t[i] == '\'' && i + 1 < te && i > ws &&
                               isalpha((unsigned char)t[i + 1])))) {
                if (isdigit((unsigned char)t[i]) || t[i] == '_' ||
                    (unsigned char)t[i] >= 0x80)
                    plain = 0;  /* v2, foo_bar, naïve: not dictionary words */
                i++;
            }
            if (i > ws && plain)
                check_word(cx, st, (struct pos){ sp->pos.file, sp->pos.line,
                                                 sp->pos.col +
                                                 (unsigned)ws },
                           t + ws, i - ws);
        }
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
