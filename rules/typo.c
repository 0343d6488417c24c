/* typo: words no list names but the site itself gives away.  Every page's
 * prose is counted (per language) while the pages are read; at the end
 * each rare word that Hunspell's dictionary does not know is compared
 * with the words the site uses: one keystroke from a dictionary word the
 * site uses, or from a word the site uses often (its own vocabulary:
 * names, acronyms, jargon), it is very likely a typo.  A word the site
 * uses often is vocabulary, never a typo; so is a word the user lists.
 *
 * Candidates are found without comparing every pair: each known word is
 * filed under itself and each string one deletion away from it, and a
 * rare word looks up the same keys of its own (the symmetric-deletion
 * method), so that a site of 30,000 distinct words costs a few hash
 * lookups per rare word.  Each distinct word is judged once. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdint.h>

#include <hunspell.h>

#include "rule.h"

/* Words longer than this are not compared: no typo of such a word is
 * one keystroke from anything. */
#define WORD_MAX 40
/* A word the site uses at least this often is its vocabulary: a typo
 * may be one or two keystrokes from it. */
#define FREQUENT 5
/* A suggestion must be used this many times more often than the word. */
#define RATIO 3
/* Occurrences kept per word for reporting: more makes it vocabulary. */
#define USES_MAX 4

#ifndef HUNSPELL_DIRS
#define HUNSPELL_DIRS "/usr/share/hunspell:/usr/share/myspell/dicts:" \
    "/usr/share/myspell"
#endif

enum {
    O_WORDS, O_WORDS_FILE, O_TYPO_MIN_LENGTH, O_TYPO_MAX_USES, O_DICT_DIR,
    O_COUNT
};

#define VC (OPTF_VALUE | OPTF_CONFIG)

static const struct option_def options[O_COUNT] = {
    [O_WORDS] = { "words", 0, "WORD", VC, OPTT_LIST, NULL,
      "a word of the site's that typo never reports\n(repeatable)",
      .section = "typos (rule typo)" },
    [O_WORDS_FILE] = { "words-file", 0, "FILE", VC, OPTT_STRING, NULL,
      "more such words, one a line" },
    [O_TYPO_MIN_LENGTH] = { "typo-min-length", 0, "N", VC, OPTT_NUMBER, "5",
      "shorter words are not judged (acronyms: 4)" },
    [O_TYPO_MAX_USES] = { "typo-max-uses", 0, "N", VC, OPTT_NUMBER, "2",
      "a word used more often on the site is its\nvocabulary" },
    [O_DICT_DIR] = { "dict-dir", 0, "DIRS", VC, OPTT_STRING, HUNSPELL_DIRS,
      "where Hunspell dictionaries are (folders\nseparated by ':')" },
};

#undef VC

/* What every record of a table starts with: its key. */
struct head {
    const char *w;
    size_t n;
    uint32_t h;
};

/* An open-addressed table of records, grown at half full: a word of
 * prose costs one hash and a probe or two, and no allocation but its
 * first.  Memory is the run's (or on_site's scratch). */
struct table {
    struct head **slot;
    size_t mask, n;
};

struct form;

/* One place a word is written, with the words either side of it: a typo
 * stands among known words, a phrase in another language among unknown
 * ones. */
struct use {
    struct pos pos;
    const struct form *prev, *next;     /* or NULL */
    int mid;                    /* inside a sentence */
    int foreign;                /* in another language's phrase */
    int linked;                 /* a host the page links to has it:
                                 * "Jabbear" beside jabbear.com is a name */
};

/* One form of a word as written ("Business", "business"). */
struct form {
    struct head key;            /* as written */
    size_t count;
    struct lower *lower;        /* set in on_site */
    size_t nuses;
    struct use uses[];          /* the first --typo-max-uses: a word used
                                 * more often is never reported */
};

/* Every form of a word, by its lower case. */
struct lower {
    struct head key;            /* lower case */
    size_t count;               /* all forms */
    const struct form *top;     /* the form written most */
    int known;                  /* -1 not asked, 0 no, 1 the dictionary */
    int known_lower;            /* the dictionary knows it in lower case */
};

/* What the dictionary says of a word, kept between runs: a warm run asks
 * no dictionary and loads none (en-US costs 23 ms and 17 MB to load). */
struct verdict {
    struct head key;
    int known;
};

/* The deletion index: each word filed under the hash of itself and of
 * each string one deletion away.  Hashes, not the strings: a collision
 * only adds a candidate that distance() then turns away. */
struct dindex {
    uint32_t *hash;             /* per slot; 0 free (hashes are made odd) */
    uint32_t *head;             /* per slot: 1 + its first entry */
    size_t mask;
    const struct lower **word;  /* per entry */
    uint32_t *next;             /* per entry: 1 + the next, or 0 */
    size_t n, cap;
};

struct dict_files {
    const char *aff, *dic;
};

struct language {
    const char *lang;           /* "en", "de" */
    struct table forms;
    struct table lowers;        /* made in on_site */
    size_t pages;
    struct dict_files files[2];
    Hunhandle *dict[2];
    int found;
    int english;
    int nouns_upper;            /* German: a capital makes a noun, not a
                                 * name */
    struct language *en;        /* English, for words quoted from it */
    int loaded;                 /* load_dicts() ran, or runs */
    struct table verdicts;      /* English: what the dictionary said of
                                 * words, this run and earlier ones */
    const char *cache;          /* where the verdicts are kept, or NULL */
    const char *stamp;          /* the dictionary files they are of */
    int dirty;                  /* verdicts the cache lacks */
    struct language *next;
};

struct site_state {
    struct language *langs;
    struct table user;          /* words: and --words-file */
    size_t min_len, max_uses;
    const struct form *prev;    /* the word before */
    unsigned prev_line;
    struct use *last_use;       /* the last use kept, for its next word */
};

/* ---- tables ------------------------------------------------------------ */

/* FNV-1a: words are short. */
static uint32_t
hash_of(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static struct head *
table_find(const struct table *t, const char *w, size_t n, uint32_t h)
{
    size_t i;

    if (t->slot == NULL)
        return NULL;
    for (i = h & t->mask; t->slot[i] != NULL; i = (i + 1) & t->mask)
        if (t->slot[i]->h == h && t->slot[i]->n == n &&
            memcmp(t->slot[i]->w, w, n) == 0)
            return t->slot[i];
    return NULL;
}

/* Adds rec, whose key is not in t; mem is where the slots live. */
static void
table_add(void *(*alloc)(struct rule_ctx *, size_t), struct rule_ctx *cx,
          struct table *t, struct head *rec)
{
    size_t i;

    if (t->slot == NULL || 2 * (t->n + 1) > t->mask + 1) {
        /* Four times larger each time: every table is memory of the
         * run's, and the old one stays behind. */
        size_t size = t->slot == NULL ? 1024 : 4 * (t->mask + 1), k;
        struct head **old = t->slot;
        size_t old_size = old != NULL ? t->mask + 1 : 0;

        t->slot = alloc(cx, size * sizeof *t->slot);
        memset(t->slot, 0, size * sizeof *t->slot);
        t->mask = size - 1;
        for (k = 0; k < old_size; k++)
            if (old[k] != NULL) {
                for (i = old[k]->h & t->mask; t->slot[i] != NULL;
                     i = (i + 1) & t->mask)
                    continue;
                t->slot[i] = old[k];
            }
    }
    for (i = rec->h & t->mask; t->slot[i] != NULL; i = (i + 1) & t->mask)
        continue;
    t->slot[i] = rec;
    t->n++;
}

/* ---- dictionaries ----------------------------------------------------- */

/* The .aff/.dic pair of a dictionary ("en_GB") in the first folder of
 * --dict-dir (or the usual ones) that has it; out->aff NULL if none. */
static void
find_dict(struct rule_ctx *cx, const char *code, struct dict_files *out)
{
    const char *dirs = rule_opt_str(cx, O_DICT_DIR);
    char aff[4096], dic[4096];

    while (*dirs != '\0') {
        size_t n = strcspn(dirs, ":");

        snprintf(aff, sizeof aff, "%.*s/%s.aff", (int)n, dirs, code);
        snprintf(dic, sizeof dic, "%.*s/%s.dic", (int)n, dirs, code);
        rule_depends(cx, aff);
        rule_depends(cx, dic);
        if (access(aff, R_OK) == 0 && access(dic, R_OK) == 0) {
            out->aff = rule_strndup(cx, aff, strlen(aff));
            out->dic = rule_strndup(cx, dic, strlen(dic));
            return;
        }
        dirs += n + (dirs[n] == ':');
    }
}

/* "en" with locale en-GB: en_GB; "de": de_DE; "pt-br": pt_BR. */
static void
dict_code(const char *lang, const char *region, char *out, size_t size)
{
    char ll[8] = { 0 }, rr[8] = { 0 };
    size_t i;

    for (i = 0; i < 3 && isalpha((unsigned char)lang[i]); i++)
        ll[i] = (char)tolower((unsigned char)lang[i]);
    if (region == NULL && (lang[i] == '-' || lang[i] == '_'))
        region = lang + i + 1;
    for (i = 0; region != NULL && i < 3 &&
                isalpha((unsigned char)region[i]); i++)
        rr[i] = (char)toupper((unsigned char)region[i]);
    if (rr[0] == '\0')
        for (i = 0; ll[i] != '\0'; i++)
            rr[i] = (char)toupper((unsigned char)ll[i]);
    snprintf(out, size, "%s_%s", ll, rr);
}

static int
is_english(const char *lang)
{
    return strncasecmp(lang, "en", 2) == 0 &&
           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/* Finds the dictionaries of lg (its files, not yet loaded). */
static void
find_dicts(struct rule_ctx *cx, struct language *lg)
{
    char code[16];

    if (lg->found)
        return;
    lg->found = 1;
    if (is_english(lg->lang)) {
        /* en-US, whatever the locale: a British spelling is known by
         * its American one (british()), which costs nothing, where
         * loading en-GB as well cost 32 ms of every run. */
        find_dict(cx, "en_US", &lg->files[0]);
        lg->english = 1;
        return;
    }
    dict_code(lg->lang, NULL, code, sizeof code);
    find_dict(cx, code, &lg->files[0]);
    lg->nouns_upper = strncmp(lg->lang, "de", 2) == 0 &&
                      !isalpha((unsigned char)lg->lang[2]);
}

/* Loads what find_dicts() found: 50 ms for English's two, so the site's
 * own language is loaded on a thread of its own while pages are read. */
static void
load_dicts(void *arg)
{
    struct language *lg = arg;
    int i;

    for (i = 0; i < 2; i++)
        if (lg->files[i].aff != NULL && lg->dict[i] == NULL)
            lg->dict[i] = Hunspell_create(lg->files[i].aff,
                                          lg->files[i].dic);
}

static int
spelled1(const struct language *lg, const char *w)
{
    return (lg->dict[0] != NULL && Hunspell_spell(lg->dict[0], w)) ||
           (lg->dict[1] != NULL && Hunspell_spell(lg->dict[1], w));
}

/* Is w (lower case) a British spelling of a word en-US knows: colour,
 * organise, organisation, analyse, centre, catalogue, defence,
 * travelled?  Those are spelling-variant's, never typos. */
static int
british(const struct language *lg, const char *w)
{
    static const struct { const char *gb, *us; } pairs[] = {
        { "our", "or" }, { "ise", "ize" }, { "ised", "ized" },
        { "ises", "izes" }, { "ising", "izing" }, { "isation", "ization" },
        { "isations", "izations" }, { "yse", "yze" }, { "ysed", "yzed" },
        { "ysing", "yzing" }, { "tre", "ter" }, { "tres", "ters" },
        { "ogue", "og" }, { "ogues", "ogs" }, { "ence", "ense" },
        { "lled", "led" }, { "lling", "ling" }, { "ller", "ler" },
        { "ours", "ors" }, { "oured", "ored" }, { "ouring", "oring" },
        { "ourite", "orite" }, { "ourites", "orites" },
        { "ourable", "orable" }, { "mme", "m" }, { "mmes", "ms" },
        { "ssed", "sed" }, { "ssing", "sing" }, { "ise", "ice" },
        { "ises", "ices" }, { "gement", "gment" }, { "ae", "e" },
        { "oe", "e" },
    };
    char buf[WORD_MAX + 8];
    size_t n = strlen(w), i, g;
    const char *at;

    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        g = strlen(pairs[i].gb);
        /* At the end ("colour", "organise"), or inside ("colourful",
         * "honourable"): the first place it occurs. */
        if ((at = strstr(w, pairs[i].gb)) == NULL || n + 4 > sizeof buf)
            continue;
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - w), w, pairs[i].us,
                 at + g);
        if (spelled1(lg, buf))
            return 1;
    }
    return 0;
}

static int
spelled_now(const struct language *lg, const char *w)
{
    if (spelled1(lg, w))
        return 1;
    if (lg->english)
        return british(lg, w);
    /* English words in a German page ("Features", "width") are quoted
     * English, not German typos. */
    return lg->en != NULL && spelled1(lg->en, w);
}

static int
spelled(struct rule_ctx *cx, struct language *lg, const char *w)
{
    size_t n = strlen(w);
    uint32_t h = hash_of(w, n);
    struct verdict *v = (struct verdict *)table_find(&lg->verdicts, w, n, h);

    if (v != NULL)
        return v->known;
    if (!lg->loaded) {
        lg->loaded = 1;         /* a word the cache lacks: load now */
        load_dicts(lg);
    }
    if (lg->en != NULL && !lg->en->loaded) {
        lg->en->loaded = 1;
        load_dicts(lg->en);
    }
    if (lg->stamp == NULL)
        return spelled_now(lg, w);
    v = rule_alloc(cx, sizeof *v);
    v->key.w = rule_strndup(cx, w, n);
    v->key.n = n;
    v->key.h = h;
    v->known = spelled_now(lg, w);
    table_add(rule_alloc, cx, &lg->verdicts, &v->key);
    lg->dirty = 1;
    return v->known;
}

/* "SIZE MTIME" of each dictionary file: the verdicts kept are of these
 * files, and a new dictionary makes them void. */
static const char *
dict_stamp(struct rule_ctx *cx, const struct language *lg)
{
    char buf[256];
    size_t o = 0;
    int i;

    for (i = 0; i < 4; i++) {
        const struct dict_files *df = i < 2 ? &lg->files[i]
                                    : lg->en != NULL ? &lg->en->files[i - 2]
                                    : NULL;
        struct stat a, d;

        if (df == NULL || df->aff == NULL)
            continue;
        if (stat(df->aff, &a) != 0 || stat(df->dic, &d) != 0)
            return NULL;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%lld %lld %lld %lld",
                              o > 0 ? " " : "", (long long)a.st_size,
                              (long long)a.st_mtime, (long long)d.st_size,
                              (long long)d.st_mtime);
        if (o >= sizeof buf)
            return NULL;
    }
    return o > 0 ? rule_strndup(cx, buf, o) : NULL;
}

#define VERDICTS_MAGIC "sitelint-words 1 "

/* The cache file of lg's verdicts: "words-en.tsv", "words-de.tsv". */
static void
what_file(const struct language *lg, char *buf, size_t size)
{
    snprintf(buf, size, "words-%s.tsv", lg->lang);
}

/* Reads the verdicts kept for lg's dictionaries; 1 if they were kept,
 * even none: a site whose words are all its own asks the dictionary
 * nothing, and the next run need not load it either.  0 when there is no
 * cache, or one of other dictionaries: the run writes one. */
static int
read_verdicts(struct rule_ctx *cx, struct language *lg)
{
    struct str text;
    const char *p, *end, *nl;
    size_t ml = strlen(VERDICTS_MAGIC), sl;

    if (lg->cache == NULL || lg->stamp == NULL)
        return 0;
    lg->dirty = 1;
    if (rule_read_file(cx, lg->cache, &text) != 0)
        return 0;
    sl = strlen(lg->stamp);
    p = text.p;
    end = text.p + text.len;
    if (text.len < ml + sl + 1 || memcmp(p, VERDICTS_MAGIC, ml) != 0 ||
        memcmp(p + ml, lg->stamp, sl) != 0 || p[ml + sl] != '\n')
        return 0;               /* another dictionary's */
    lg->dirty = 0;
    for (p += ml + sl + 1; p < end; p = nl + 1) {
        const char *tab;
        struct verdict *v;

        if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
            break;              /* cut short: the rest is asked again */
        if ((tab = memchr(p, '\t', (size_t)(nl - p))) == NULL ||
            tab + 2 != nl || tab == p || (size_t)(tab - p) > WORD_MAX)
            continue;
        v = rule_alloc(cx, sizeof *v);
        v->key.w = rule_strndup(cx, p, (size_t)(tab - p));
        v->key.n = (size_t)(tab - p);
        v->key.h = hash_of(v->key.w, v->key.n);
        v->known = tab[1] == '1';
        if (table_find(&lg->verdicts, v->key.w, v->key.n, v->key.h) == NULL)
            table_add(rule_alloc, cx, &lg->verdicts, &v->key);
    }
    return 1;
}

static void
write_verdicts(struct rule_ctx *cx, struct language *lg)
{
    size_t i, len = 0, cap;
    char *out;

    if (!lg->dirty || lg->cache == NULL || lg->stamp == NULL)
        return;
    cap = strlen(VERDICTS_MAGIC) + strlen(lg->stamp) + 2;
    for (i = 0; lg->verdicts.n > 0 && i <= lg->verdicts.mask; i++)
        if (lg->verdicts.slot[i] != NULL)
            cap += lg->verdicts.slot[i]->n + 3;
    out = rule_page_alloc(cx, cap);
    len += (size_t)sprintf(out, "%s%s\n", VERDICTS_MAGIC, lg->stamp);
    for (i = 0; lg->verdicts.n > 0 && i <= lg->verdicts.mask; i++) {
        const struct verdict *v = (const struct verdict *)lg->verdicts.slot[i];

        if (v == NULL)
            continue;
        memcpy(out + len, v->key.w, v->key.n);
        len += v->key.n;
        out[len++] = '\t';
        out[len++] = v->known ? '1' : '0';
        out[len++] = '\n';
    }
    (void)rule_write_cache(cx, lg->cache, out, len);
}

/* ---- counting ---------------------------------------------------------- */

static struct language *
language_of(struct rule_ctx *cx, struct site_state *st, const char *lang)
{
    struct language *lg;
    char key[16];
    size_t i;

    /* "en-us" and "en" are one language: its region is the locale's. */
    for (i = 0; i + 1 < sizeof key && isalpha((unsigned char)lang[i]); i++)
        key[i] = (char)tolower((unsigned char)lang[i]);
    key[i] = '\0';
    if (!is_english(lang)) {
        snprintf(key, sizeof key, "%s", lang);
        for (i = 0; key[i] != '\0'; i++)
            key[i] = (char)tolower((unsigned char)key[i]);
    }
    for (lg = st->langs; lg != NULL; lg = lg->next)
        if (strcmp(lg->lang, key) == 0)
            return lg;
    lg = rule_alloc(cx, sizeof *lg);
    lg->lang = rule_strndup(cx, key, strlen(key));
    lg->next = st->langs;
    st->langs = lg;
    return lg;
}

/* Sizes an empty table for n records, so that it never grows. */
static void
table_size(void *(*alloc)(struct rule_ctx *, size_t), struct rule_ctx *cx,
           struct table *t, size_t n)
{
    size_t size = 1024;

    while (size < 2 * n + 2)
        size *= 2;
    t->slot = alloc(cx, size * sizeof *t->slot);
    memset(t->slot, 0, size * sizeof *t->slot);
    t->mask = size - 1;
    t->n = 0;
}

static char *
lower_copy(struct rule_ctx *cx, const char *w, size_t n)
{
    char *out = rule_strndup(cx, w, n);
    size_t i;

    for (i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)out[i]);
    return out;
}

static struct form *
count_word(struct rule_ctx *cx, struct language *lg, const char *w, size_t n,
           size_t uses)
{
    uint32_t h = hash_of(w, n);
    struct form *f = (struct form *)table_find(&lg->forms, w, n, h);

    if (f == NULL) {
        f = rule_alloc(cx, sizeof *f + uses * sizeof f->uses[0]);
        f->key.w = rule_strndup(cx, w, n);
        f->key.n = n;
        f->key.h = h;
        table_add(rule_alloc, cx, &lg->forms, &f->key);
    }
    f->count++;
    return f;
}

/* The lower-case words of lg, from its forms: each form's lower, each
 * lower's count and the form written most. */
static void
make_lowers(struct rule_ctx *cx, struct language *lg)
{
    size_t i;

    table_size(rule_alloc, cx, &lg->lowers, lg->forms.n);
    for (i = 0; lg->forms.slot != NULL && i <= lg->forms.mask; i++) {
        struct form *f = (struct form *)lg->forms.slot[i];
        char low[WORD_MAX + 1];
        struct lower *lo;
        uint32_t h;
        size_t k;

        if (f == NULL)
            continue;
        for (k = 0; k < f->key.n; k++)
            low[k] = (char)tolower((unsigned char)f->key.w[k]);
        h = hash_of(low, f->key.n);
        lo = (struct lower *)table_find(&lg->lowers, low, f->key.n, h);
        if (lo == NULL) {
            lo = rule_alloc(cx, sizeof *lo);
            lo->key.w = lower_copy(cx, f->key.w, f->key.n);
            lo->key.n = f->key.n;
            lo->key.h = h;
            lo->known = -1;
            table_add(rule_alloc, cx, &lg->lowers, &lo->key);
        }
        f->lower = lo;
        lo->count += f->count;
        if (lo->top == NULL || f->count > lo->top->count)
            lo->top = f;
    }
}

struct walk {
    struct rule_ctx *cx;
    struct site_state *st;
    struct language *lg;
    const struct page *pg;
    const struct span *span;    /* the span foreign is of */
    int foreign;
    const char *hosts;          /* the page's link hosts, lower case, each
                                 * between blanks; NULL if none */
    int record;                 /* keep the words in the page's record */
};

/* The hosts of the page's http(s) links, " jabbear.com remindr.info ",
 * in scratch memory; NULL if it has none. */
static const char *
link_hosts(struct rule_ctx *cx, const struct page *pg)
{
    size_t i, len = 1, k;
    char *out = NULL, *o = NULL;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < pg->nlinks; i++) {
            const char *h = pg->links[i].text, *e;

            if (h == NULL || (strncmp(h, "http://", 7) != 0 &&
                              strncmp(h, "https://", 8) != 0))
                continue;
            h = strstr(h, "//") + 2;
            e = h + strcspn(h, "/:?#");
            if (pass == 0) {
                len += (size_t)(e - h) + 1;
                continue;
            }
            for (k = 0; h + k < e; k++)
                *o++ = (char)tolower((unsigned char)h[k]);
            *o++ = ' ';
        }
        if (pass == 0) {
            if (len == 1)
                return NULL;
            o = out = rule_page_alloc(cx, len + 1);
            *o++ = ' ';
        }
    }
    *o = '\0';
    return out;
}

/* Is w[0..n), in lower case, part of one of the hosts? */
static int
in_hosts(const char *hosts, const char *w, size_t n)
{
    char low[WORD_MAX + 1];
    size_t i;

    if (hosts == NULL || n < 4 || n > WORD_MAX)
        return 0;
    for (i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = '\0';
    return strstr(hosts, low) != NULL;
}

/* Counts a word of the page, and keeps it in the page's record: all
 * that a page not linted gives the rule is its words' counts. */
static struct form *
count_kept(struct walk *wk, const char *w, size_t n)
{
    if (wk->record) {
        rule_record(wk->cx, w, n);
        rule_record(wk->cx, "", 1);
    }
    return count_word(wk->cx, wk->lg, w, n, wk->st->max_uses);
}

static void
on_word(void *ctx, const struct prose_word *pw)
{
    struct walk *wk = ctx;
    struct site_state *st = wk->st;
    size_t n = pw->n;
    struct form *f;
    struct use *u;
    int same_line = st->prev != NULL && st->prev_line == pw->pos.line;

    /* "Brijesh's" is Brijesh: the possessive is no other word. */
    if (n > 2 && pw->p[n - 2] == '\'' && (pw->p[n - 1] | 0x20) == 's')
        n -= 2;
    if (n > WORD_MAX || n < 2 || memchr(pw->p, '\'', n) != NULL ||
        pw->fragment) {
        st->prev = NULL;
        st->last_use = NULL;
        return;
    }
    if (pw->compound) {
        /* Counted, as the site's vocabulary, but not judged: a part of
         * "solid-telekram" is a name's. */
        count_kept(wk, pw->p, n);
        st->prev = NULL;
        st->last_use = NULL;
        return;
    }
    f = count_kept(wk, pw->p, n);
    if (st->last_use != NULL && same_line && st->last_use->next == NULL)
        st->last_use->next = f;
    st->last_use = NULL;
    if (f->nuses < st->max_uses && wk->pg->linted) {
        u = &f->uses[f->nuses++];
        u->pos = pw->pos;
        u->mid = pw->mid;
        /* Names are capitalised; asked only of those, as it costs. */
        u->linked = isupper((unsigned char)pw->p[0]) &&
                    in_hosts(wk->hosts, pw->p, n);
        u->prev = same_line ? st->prev : NULL;
        /* Is the span another language's?  Asked only for a word rare so
         * far, and once a span: the question costs more than counting. */
        if (f->count <= st->max_uses && wk->span != pw->span &&
            is_english(wk->pg->text_lang)) {
            wk->span = pw->span;
            wk->foreign = prose_is_foreign(pw->span->text.p,
                                           pw->span->text.len);
        }
        /* (In an English page: accents and German words are what other
         * languages' pages are made of.) */
        u->foreign = is_english(wk->pg->text_lang) &&
                     (pw->foreign_near ||
                      (wk->span == pw->span && wk->foreign));
        st->last_use = u;
    }
    st->prev = f;
    st->prev_line = pw->pos.line;
}

/* File names are words users write: "roster.md" makes "roster" known. */
static void
count_path(struct walk *wk, const char *path)
{
    const char *p = path;

    while (*p != '\0') {
        size_t n = 0;

        while (*p != '\0' && !isalpha((unsigned char)*p))
            p++;
        while (isalpha((unsigned char)p[n]))
            n++;
        if (n >= 2 && n <= WORD_MAX)
            count_kept(wk, p, n);
        p += n;
    }
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct site_state *st = rule_site_state(cx);
    struct walk wk = { cx, st, language_of(cx, st, pg->text_lang), pg,
                       NULL, 0, NULL, rule_recording(cx) };

    wk.lg->pages += pg->linted;
    /* A language without a dictionary is not judged: its words need no
     * counting (a few access() calls, once a language, tell). */
    find_dicts(cx, wk.lg);
    if (wk.lg->files[0].aff == NULL && wk.lg->files[1].aff == NULL)
        return;
    st->prev = NULL;
    st->last_use = NULL;
    wk.hosts = link_hosts(cx, pg);
    prose_words(pg, on_word, &wk);
    count_path(&wk, pg->path);
}

/* A page the persistent index kept: its words, NUL-terminated. */
static void
replay_page(struct rule_ctx *cx, const struct page *pg, const char *rec,
            size_t len)
{
    struct site_state *st = rule_site_state(cx);
    struct language *lg = language_of(cx, st, pg->text_lang);
    const char *end = rec + len;

    find_dicts(cx, lg);
    if (lg->files[0].aff == NULL && lg->files[1].aff == NULL)
        return;
    while (rec < end) {
        size_t n = strnlen(rec, (size_t)(end - rec));

        if (n >= 1 && n <= WORD_MAX)
            count_word(cx, lg, rec, n, st->max_uses);
        rec += n + 1;
    }
}

/* ---- the user's words ---------------------------------------------------- */

static void
add_user_word(struct rule_ctx *cx, struct site_state *st, const char *w,
              size_t n)
{
    struct lower *lo;

    while (n > 0 && isspace((unsigned char)w[n - 1]))
        n--;
    while (n > 0 && isspace((unsigned char)*w))
        w++, n--;
    if (n == 0 || *w == '#')
        return;
    lo = rule_alloc(cx, sizeof *lo);
    lo->key.w = lower_copy(cx, w, n);
    lo->key.n = n;
    lo->key.h = hash_of(lo->key.w, n);
    if (table_find(&st->user, lo->key.w, n, lo->key.h) == NULL)
        table_add(rule_alloc, cx, &st->user, &lo->key);
}

static void
add_user_words(struct rule_ctx *cx, struct site_state *st, const char *s)
{
    while (s != NULL && *s != '\0') {
        size_t n = strcspn(s, "\n");

        add_user_word(cx, st, s, n);
        s += n + (s[n] == '\n');
    }
}

static void
start(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    const char *file, *const *words;
    struct language *lg;
    struct str text;
    size_t n, i;

    st->min_len = (size_t)rule_opt_num(cx, O_TYPO_MIN_LENGTH);
    st->max_uses = (size_t)rule_opt_num(cx, O_TYPO_MAX_USES);
    if (st->max_uses > USES_MAX)
        st->max_uses = USES_MAX;
    words = rule_opt_list(cx, O_WORDS, &n);
    for (i = 0; i < n; i++)
        add_user_word(cx, st, words[i], strlen(words[i]));
    if ((file = rule_opt_str(cx, O_WORDS_FILE)) != NULL) {
        if (rule_read_file(cx, file, &text) == 0)
            add_user_words(cx, st, rule_strndup(cx, text.p, text.len));
        else
            rule_report_run(cx, SEV_ERROR, "--words-file '%s' cannot be "
                            "read", file);
    }
    /* The site's own language is loaded while the pages are read. */
    lg = language_of(cx, st, rule_site(cx)->default_lang);
    find_dicts(cx, lg);
    if (lg->files[0].aff != NULL) {
        char name[64];

        what_file(lg, name, sizeof name);
        lg->cache = rule_cache_path(cx, name);
        lg->stamp = dict_stamp(cx, lg);
    }
    /* With what the dictionary said last time, most runs load none. */
    if (!read_verdicts(cx, lg)) {
        lg->loaded = 1;
        rule_background(cx, load_dicts, lg);
    }
}

/* ---- judging ------------------------------------------------------------ */

static void
dindex_init(struct rule_ctx *cx, struct dindex *x, size_t entries)
{
    size_t slots = 1024;

    while (slots < 2 * entries + 2)
        slots *= 2;
    x->hash = rule_page_alloc(cx, slots * sizeof *x->hash);
    x->head = rule_page_alloc(cx, slots * sizeof *x->head);
    memset(x->hash, 0, slots * sizeof *x->hash);
    x->mask = slots - 1;
    x->cap = entries;
    x->word = rule_page_alloc(cx, (entries + 1) * sizeof *x->word);
    x->next = rule_page_alloc(cx, (entries + 1) * sizeof *x->next);
    x->n = 0;
}

/* The slot of hash h: where it is, or the free one where it goes. */
static size_t
dindex_slot(const struct dindex *x, uint32_t h)
{
    size_t i;

    for (i = h & x->mask; x->hash[i] != 0 && x->hash[i] != h;
         i = (i + 1) & x->mask)
        continue;
    return i;
}

/* The hash of w[0, n) without its byte at skip (n: none), made odd so
 * that 0 marks a free slot. */
static uint32_t
deletion_hash(const char *w, size_t n, size_t skip)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        if (i != skip)
            h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h | 1;
}

/* Files w under itself and each one-deletion of it. */
static void
index_word(struct dindex *x, const struct lower *w)
{
    size_t i, n = w->key.n;

    for (i = 0; i <= n && x->n < x->cap; i++) {
        uint32_t h = deletion_hash(w->key.w, n, i);
        size_t at = dindex_slot(x, h);

        if (x->hash[at] == 0) {
            x->hash[at] = h;
            x->head[at] = 0;
        } else if (x->head[at] != 0 && x->word[x->head[at] - 1] == w) {
            continue;           /* "aa": one deletion, two places */
        }
        x->word[x->n] = w;
        x->next[x->n] = x->head[at];
        x->head[at] = (uint32_t)++x->n;
    }
}

/* Damerau-Levenshtein (adjacent transpositions) of two short words, or
 * more than max. */
static size_t
distance(const char *a, size_t m, const char *b, size_t n, size_t max)
{
    size_t d[WORD_MAX + 2][WORD_MAX + 2], i, j;

    if (m > WORD_MAX || n > WORD_MAX || (m > n ? m - n : n - m) > max)
        return max + 1;
    for (i = 0; i <= m; i++)
        d[i][0] = i;
    for (j = 0; j <= n; j++)
        d[0][j] = j;
    for (i = 1; i <= m; i++)
        for (j = 1; j <= n; j++) {
            size_t c = a[i - 1] == b[j - 1] ? 0 : 1, v = d[i - 1][j - 1] + c;

            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[m][n];
}

/* Is w known: the dictionary's, the user's, or the site's vocabulary? */
static int
known(struct rule_ctx *cx, struct site_state *st, struct language *lg,
      struct lower *lo)
{
    if (lo->known < 0) {
        char w[WORD_MAX + 1];

        memcpy(w, lo->top->key.w, lo->top->key.n);
        w[lo->top->key.n] = '\0';
        /* As the site writes it most ("Google"), then in lower case. */
        lo->known_lower = spelled(cx, lg, lo->key.w);
        lo->known = lo->known_lower || spelled(cx, lg, w);
    }
    return lo->known || lo->count >= FREQUENT ||
           table_find(&st->user, lo->key.w, lo->key.n, lo->key.h) != NULL;
}

enum shape { S_LOWER, S_TITLE, S_UPPER, S_MIXED };

static enum shape
shape_of(const char *w, size_t n)
{
    enum prose_case c = prose_case(w, n);

    return c == PC_LOWER ? S_LOWER : c == PC_TITLE ? S_TITLE
         : c == PC_UPPER ? S_UPPER : S_MIXED;
}

static int
is_vowel(int c)
{
    return c != 0 && strchr("aeiouy", c) != NULL;
}

/* Could w[0, n) be a slip of the fingers for c[0, m) (both lower case),
 * rather than another word the site has reason to use?  Not when:
 * - the first letter differs (typos keep it: "acked" is no "packed"),
 *   unless the first two are swapped;
 * - one is the other with a letter before or after ("asmack", "xmppy",
 *   "systemd", "Librem": a name of its own), but for a doubled last
 *   letter ("fulll");
 * - one is the other's plural ("backends", "vcards"), or the plural of
 *   its agent noun ("bundlers", "bundles");
 * - they differ only in a final vowel, or in "re" for "er": the same
 *   word in another language ("cliente", "alternativo", "novembre") or
 *   in another region ("centre"). */
static int
plausible(const char *w, size_t n, const char *c, size_t m)
{
    size_t k;

    if (w[0] != c[0] && !(n > 1 && m > 1 && w[0] == c[1] && w[1] == c[0]))
        return 0;
    if (n == m + 1 && memcmp(w, c, m) == 0)
        return w[m] == w[m - 1];        /* doubled at the end: a slip */
    if (n == m && memcmp(w, c, n - 1) == 0)
        return 0;       /* the last letter: "systemd", "designee", "serie" */
    if (m == n + 1 && memcmp(c, w, n) == 0)
        return 0;
    if ((n == m + 1 && memcmp(w + 1, c, m) == 0) ||
        (m == n + 1 && memcmp(c + 1, w, n) == 0))
        return 0;
    /* Agent nouns in the plural: "bundlers" for "bundles" is the other
     * word, one that bundles. */
    if ((n == m + 1 && n > 4 && memcmp(w + n - 3, "ers", 3) == 0 &&
         memcmp(c + m - 2, "es", 2) == 0 && memcmp(w, c, m - 2) == 0) ||
        (m == n + 1 && m > 4 && memcmp(c + m - 3, "ers", 3) == 0 &&
         memcmp(w + n - 2, "es", 2) == 0 && memcmp(c, w, n - 2) == 0))
        return 0;
    if ((n == m + 1 && w[m] == 's') || (m == n + 1 && c[n] == 's') ||
        (n == m + 2 && memcmp(w + m, "es", 2) == 0) ||
        (m == n + 2 && memcmp(c + n, "es", 2) == 0))
        if (memcmp(w, c, n < m ? n : m) == 0)
            return 0;
    for (k = 0; k < n && k < m && w[k] == c[k]; k++)
        continue;
    if (k + 1 >= n && k + 1 >= m &&
        (k == n || is_vowel(w[k])) && (k == m || is_vowel(c[k])))
        return 0;
    if (n == m && n > 2 && k == n - 2 &&
        ((w[k] == 'r' && w[k + 1] == 'e' && c[k] == 'e' && c[k + 1] == 'r') ||
         (w[k] == 'e' && w[k + 1] == 'r' && c[k] == 'r' && c[k + 1] == 'e')))
        return 0;
    return 1;
}

/* Are w and c the same letters, two of them swapped ("GDRP", "GDPR")? */
static int
swapped(const char *w, const char *c, size_t n)
{
    size_t k;

    for (k = 0; k + 1 < n && w[k] == c[k]; k++)
        continue;
    return k + 1 < n && w[k] == c[k + 1] && w[k + 1] == c[k] &&
           memcmp(w + k + 2, c + k + 2, n - k - 2) == 0;
}

/* The word a rare form is most likely a typo of, with why; NULL if none
 * is close enough.  A name or acronym (capitalised inside a sentence, or
 * in capitals) is compared only with the site's own frequent words of
 * the same shape: "Brisesh" with "Brijesh", "GDRP" with "GDPR". */
static const struct lower *
suggest(struct rule_ctx *cx, const struct dindex *index, struct site_state *st,
        struct language *lg, const struct form *f, int as_name,
        int *from_dict)
{
    const struct lower *best = NULL;
    size_t i, n = f->lower->key.n;
    enum shape shape = shape_of(f->key.w, f->key.n);

    for (i = 0; i <= n; i++) {
        size_t at = dindex_slot(index, deletion_hash(f->lower->key.w, n, i));
        uint32_t e;

        if (index->hash[at] == 0)
            continue;
        for (e = index->head[at]; e != 0; e = index->next[e - 1]) {
            const struct lower *c = index->word[e - 1];
            size_t max = n >= 7 && c->count >= FREQUENT && !as_name ? 2 : 1;
            int dict;

            if (c == f->lower || c->count < RATIO * f->lower->count ||
                distance(f->lower->key.w, n, c->key.w, c->key.n, max) > max ||
                !plausible(f->lower->key.w, n, c->key.w, c->key.n) ||
                !known(cx, st, lg, (struct lower *)c))
                continue;
            dict = c->known > 0;
            /* An acronym only by two letters swapped, of one the site
             * writes often ("GDRP" for "GDPR"). */
            if (shape == S_UPPER &&
                (c->key.n != n || !swapped(f->lower->key.w, c->key.w, n) ||
                 c->count < FREQUENT ||
                 shape_of(c->top->key.w, c->top->key.n) != S_UPPER))
                continue;
            /* A name only by one keystroke from a name the site writes
             * ten times ("Forian", "Sebastaan"), or from a word written
             * with a capital in a name ("Efficiant XML Interchange");
             * five letters are too few unless the name is everywhere
             * ("Goole", for a site that says "Google" 700 times). */
            if (as_name && shape == S_TITLE &&
                (n < 5 || (n == 5 && c->count < 100) ||
                 c->count < 2 * FREQUENT ||
                 (shape_of(c->top->key.w, c->top->key.n) != S_TITLE && !dict)))
                continue;
            /* Other words: one the dictionary knows and the site uses, or
             * the site's own vocabulary used often; five letters are
             * few, the word must then be common here. */
            if (!as_name && ((!dict && c->count < 2 * FREQUENT) ||
                             (n == 5 && c->count < 20)))
                continue;
            /* A word of the same letters but one is not a typo of a
             * plural or a verb form the dictionary knows. */
            if (best == NULL || c->count > best->count ||
                (c->count == best->count &&
                 strcmp(c->key.w, best->key.w) < 0)) {
                best = c;
                *from_dict = dict;
            }
        }
    }
    (void)st;
    (void)lg;
    return best;
}

/* A use among unknown words is in a phrase of another language, or in
 * Lorem ipsum: not a typo; a capitalised word before a capitalised word
 * no dictionary knows is a person's first name ("Sumit Khanna"). */
static int
among_unknown(struct rule_ctx *cx, struct site_state *st,
              struct language *lg, const struct use *u, int title)
{
    const struct form *side[2] = { u->prev, u->next };
    size_t i, unknown = 0;

    if (u->foreign)
        return 1;               /* beside an accented word, or in a span
                                 * in another language */
    for (i = 0; i < 2; i++) {
        struct lower *lo;

        if (side[i] == NULL)
            continue;
        lo = side[i]->lower;
        /* A word in lower case no dictionary knows: "le serveur", "Tipps
         * und Tricks".  (Names beside a name say nothing.) */
        if (lo != NULL && !known(cx, st, lg, lo) &&
            shape_of(lo->top->key.w, lo->top->key.n) == S_LOWER)
            unknown++;
        if (i == 1 && title && lo != NULL && !lo->known_lower &&
            shape_of(lo->top->key.w, lo->top->key.n) == S_TITLE)
            return 1;
    }
    return unknown > 0;
}

/* The suggestion in the form's case: "Business" for "Bussiness". */
static const char *
in_case(struct rule_ctx *cx, const struct lower *c, const struct form *f)
{
    enum shape s = shape_of(f->key.w, f->key.n);
    char *out;
    size_t i;

    if ((shape_of(c->top->key.w, c->top->key.n) != S_LOWER && c->known <= 0) ||
        s == S_MIXED)
        return c->top->key.w;       /* a name keeps its own capitals */
    out = rule_strndup(cx, c->key.w, c->key.n);
    if (s == S_TITLE)
        out[0] = (char)toupper((unsigned char)out[0]);
    else if (s == S_UPPER)
        for (i = 0; i < c->key.n; i++)
            out[i] = (char)toupper((unsigned char)out[i]);
    return out;
}

/* Has w a capital after its first letter? */
static int
capital_inside(const char *w)
{
    while (*w != '\0' && *++w != '\0')
        if (isupper((unsigned char)*w))
            return 1;
    return 0;
}

static void
judge(struct rule_ctx *cx, struct site_state *st, struct language *lg)
{
    struct dindex index;
    size_t t, keys;

    /* The words a typo may be of: used RATIO times at least (whether
     * they are known is asked of those a rare word meets, not of all). */
    make_lowers(cx, lg);
    for (t = 0, keys = 0; t <= lg->lowers.mask; t++) {
        struct lower *lo = (struct lower *)lg->lowers.slot[t];

        if (lo != NULL && lo->count >= RATIO && lo->key.n >= 2)
            keys += lo->key.n + 1;
    }
    dindex_init(cx, &index, keys);
    for (t = 0; t <= lg->lowers.mask; t++) {
        struct lower *lo = (struct lower *)lg->lowers.slot[t];

        if (lo != NULL && lo->count >= RATIO && lo->key.n >= 2)
            index_word(&index, lo);
    }
    for (t = 0; t <= lg->forms.mask && lg->forms.slot != NULL; t++) {
        struct form *f = (struct form *)lg->forms.slot[t];
        const struct lower *c;
        enum shape shape;
        size_t i;
        int from_dict = 0;

        if (f == NULL)
            continue;
        shape = shape_of(f->key.w, f->key.n);
        if (f->lower->count > st->max_uses || f->nuses == 0 ||
            f->key.n < (shape == S_UPPER ? 4 : st->min_len) ||
            shape == S_MIXED)   /* camelCase: an identifier */
            continue;
        /* Most rare words are near nothing the site uses: the index says
         * so at once, and only the rest are asked of the dictionary. */
        if (suggest(cx, &index, st, lg, f, 0, &from_dict) == NULL &&
            suggest(cx, &index, st, lg, f, 1, &from_dict) == NULL)
            continue;
        if (known(cx, st, lg, f->lower))
            continue;
        for (i = 0; i < f->nuses; i++) {
            const struct use *u = &f->uses[i];
            /* A capital at a sentence's start says nothing; inside one it
             * makes a name; capitals throughout, an acronym. */
            int as_name = shape == S_UPPER ||
                          (shape == S_TITLE && u->mid && !lg->nouns_upper);
            struct diag *d;
            const char *fix;

            if (u->linked ||
                (c = suggest(cx, &index, st, lg, f, as_name, &from_dict)) ==
                    NULL ||
                among_unknown(cx, st, lg, u,
                              shape == S_TITLE && c->known_lower))
                continue;
            fix = in_case(cx, c, f);
            /* "MattJ", a handle's capitals: a slip keeps such a shape,
             * so a plain word ("Matej") is no typo of it. */
            if (capital_inside(fix) && !capital_inside(f->key.w))
                continue;
            if (from_dict)
                d = rule_report(cx, u->pos, u->pos.col + (unsigned)f->key.n,
                                "'%s' may be a typo of '%s' (in the "
                                "dictionary; used %zu times on this site)",
                                f->key.w, fix, c->count);
            else
                d = rule_report(cx, u->pos, u->pos.col + (unsigned)f->key.n,
                                "'%s' may be a typo of '%s' (used %zu times "
                                "on this site)", f->key.w, fix, c->count);
            rule_fix(d, u->pos, u->pos.col + (unsigned)f->key.n, fix);
        }
    }
}

static void
check_site(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    struct language *lg;

    for (lg = st->langs; lg != NULL; lg = lg->next) {
        char what[160];

        if (lg->pages == 0)
            continue;
        find_dicts(cx, lg);
        if (!lg->english) {
            struct language *en = language_of(cx, st, "en");

            find_dicts(cx, en);
            lg->en = en;
        }
        if (lg->cache == NULL && lg->files[0].aff != NULL) {
            what_file(lg, what, sizeof what);
            lg->cache = rule_cache_path(cx, what);
            lg->stamp = dict_stamp(cx, lg);
            (void)read_verdicts(cx, lg);
        }
        if (lg->files[0].aff == NULL && lg->files[1].aff == NULL) {
            snprintf(what, sizeof what, "page%s in '%s': no Hunspell "
                     "dictionary for it is installed (Debian: hunspell-%s or "
                     "hunspell-%s-*)", lg->pages == 1 ? "" : "s", lg->lang,
                     lg->lang, lg->lang);
            rule_unchecked(cx, lg->pages, rule_strndup(cx, what,
                                                        strlen(what)));
            continue;
        }
        judge(cx, st, lg);
        write_verdicts(cx, lg);
    }
}

static void
end(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);
    struct language *lg;

    for (lg = st->langs; lg != NULL; lg = lg->next) {
        if (lg->dict[0] != NULL)
            Hunspell_destroy(lg->dict[0]);
        if (lg->dict[1] != NULL)
            Hunspell_destroy(lg->dict[1]);
    }
}

const struct rule rule_typo = {
    .options         = options,
    .noptions        = O_COUNT,
    .id              = "typo",
    .summary         = "a rare word one keystroke from a word the site uses",
    .severity        = SEV_WARNING,
    .site_state_size = sizeof(struct site_state),
    .on_start        = start,
    .on_page         = check_page,
    .context         = CONTEXT_RECORD,
    .on_record       = replay_page,
    .reads_words     = 1,
    .on_site         = check_site,
    .on_end          = end,
};
