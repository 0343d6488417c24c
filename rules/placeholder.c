/* placeholder: text a writer meant to replace, left in the prose. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

enum { O_PLACEHOLDERS, O_COUNT };

/* The default is used unless --placeholders (or the config) gives a list
 * of its own. */
static const struct option_def options[O_COUNT] = {
    [O_PLACEHOLDERS] = { "placeholders", 0, "LIST",
      OPTF_VALUE | OPTF_CONFIG, OPTT_STRING,
      "(link),[link],TODO,TBD,FIXME,XXX,lorem ipsum,(citation needed)",
      "comma-separated placeholder texts to flag",
      .section = "placeholders (rule placeholder)" },
};

/* Longest placeholder kept; longer list items are cut. */
#define PLACEHOLDER_MAX 64

struct word {
    char text[PLACEHOLDER_MAX];
    size_t len;
    int whole_word;             /* letters only: match whole words */
    int exact_case;             /* all capitals: TODO, not "todo" */
};

struct site_state {
    struct word *words;
    size_t n, cap;
    /* first[c]: bit k set when word k may start with byte c; second[c]
     * the same for its second byte (every c for a one-byte word); short
     * for the words of one byte.  Together they let the scan skip nearly
     * every byte of prose, where 't', 'l' and 'f' are common. */
    uint64_t first[256], second[256], short_words;
};

/* Words beyond this many are not looked for: a list, not a dictionary. */
#define PLACEHOLDER_MAX_WORDS 64

/* Sets bit k of table[c], and of c's other case unless exact. */
static void
mark(uint64_t *table, unsigned char c, int exact, size_t k)
{
    table[c] |= (uint64_t)1 << k;
    if (!exact) {
        table[tolower(c)] |= (uint64_t)1 << k;
        table[toupper(c)] |= (uint64_t)1 << k;
    }
}

static void
start(struct rule_ctx *cx)
{
    struct site_state *ss = rule_site_state(cx);
    const char *p = rule_opt_str(cx, O_PLACEHOLDERS);

    while (*p != '\0') {
        size_t len = strcspn(p, ","), i;
        struct word *w;
        int letters = 1, caps = 1;

        if (len > 0 && len < PLACEHOLDER_MAX &&
            ss->n < PLACEHOLDER_MAX_WORDS) {
            unsigned char c0 = (unsigned char)p[0];

            w = RULE_PUSH(cx, ss->words, ss->n, ss->cap);
            memcpy(w->text, p, len);
            w->len = len;
            for (i = 0; i < len; i++) {
                unsigned char c = (unsigned char)p[i];

                letters &= isalpha(c) || c == ' ';
                caps &= !islower(c);
            }
            w->whole_word = letters;
            w->exact_case = letters && caps;
            mark(ss->first, c0, w->exact_case, ss->n - 1);
            if (len == 1) {
                ss->short_words |= (uint64_t)1 << (ss->n - 1);
                for (i = 0; i < 256; i++)
                    ss->second[i] |= (uint64_t)1 << (ss->n - 1);
            } else {
                mark(ss->second, (unsigned char)p[1], w->exact_case,
                     ss->n - 1);
            }
        }
        p += len + (p[len] == ',');
    }
}

static int
is_word_byte(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Does w occur at s[i]? */
static int
match_at(const struct word *w, const char *s, size_t len, size_t i)
{
    if (i + w->len > len)
        return 0;
    if (w->exact_case ? memcmp(s + i, w->text, w->len) != 0
                      : strncasecmp(s + i, w->text, w->len) != 0)
        return 0;
    return !w->whole_word ||
           ((i == 0 || !is_word_byte((unsigned char)s[i - 1])) &&
            (i + w->len == len ||
             !is_word_byte((unsigned char)s[i + w->len])));
}

/* Is s[i, i + n) a word of the list, in any case? */
static int
word_in(const char *s, size_t n, const char *const *list)
{
    size_t k;

    for (k = 0; list[k] != NULL; k++)
        if (strlen(list[k]) == n && strncasecmp(list[k], s, n) == 0)
            return 1;
    return 0;
}

/* Is the all-capitals word at s[i, i + n) named rather than left in:
 * "the TODO plugin", "add TODO list support", "remove TODO comment"? */
static int
used_as_noun(const char *s, size_t len, size_t i, size_t n)
{
    static const char *const before[] = {
        "a", "an", "the", "add", "adds", "added", "remove", "removes",
        "removed", "resolve", "resolved", "old", "any", "no", NULL,
    };
    static const char *const after[] = {
        "list", "lists", "comment", "comments", "plugin", "plugins", "item",
        "items", "app", "apps", "file", "files", "marker", "markers", "note",
        "notes", "tag", "tags", "entry", "entries", "support", NULL,
    };
    size_t b = i, e = i + n, ws, k;

    while (b > 0 && s[b - 1] == ' ')
        b--;
    for (ws = b; ws > 0 && isalpha((unsigned char)s[ws - 1]); ws--)
        continue;
    if (ws < b && word_in(s + ws, b - ws, before))
        return 1;
    /* "NextPage TODO": the TODO of something code names. */
    for (k = ws + 1; k < b; k++)
        if (isupper((unsigned char)s[k]) && islower((unsigned char)s[k - 1]))
            return 1;
    while (e < len && s[e] == ' ')
        e++;
    for (ws = e; e < len && islower((unsigned char)s[e]); e++)
        continue;
    return e > ws && word_in(s + ws, e - ws, after);
}

/* Is the span the whole of a table cell ("| TBD |"): a status the
 * table gives, not a placeholder left in a sentence? */
static int
whole_cell(const struct page *pg, const struct span *sp, size_t at,
           size_t n)
{
    struct str l = page_line(pg, sp->line);
    size_t start = sp->col - 1, end = start + sp->text.len, k;

    if (end > l.len)
        return 0;
    for (k = 0; k < at; k++)
        if (sp->text.p[k] != ' ' && sp->text.p[k] != '\t')
            return 0;
    for (k = at + n; k < sp->text.len; k++)
        if (sp->text.p[k] != ' ' && sp->text.p[k] != '\t' &&
            sp->text.p[k] != '.')
            return 0;
    while (start > 0 && (l.p[start - 1] == ' ' ||
                         l.p[start - 1] == '\t'))
        start--;
    while (end < l.len && (l.p[end] == ' ' || l.p[end] == '\t'))
        end++;
    return start > 0 && l.p[start - 1] == '|' &&
           (end == l.len || l.p[end] == '|' || l.p[end] == '\r');
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct site_state *ss = rule_site_state(cx);
    size_t i, at, k;

    for (i = 0; i < pg->nspans; i++) {
        const struct span *sp = &pg->spans[i];

        for (at = 0; at < sp->text.len; at++) {
            const unsigned char *t = (const unsigned char *)sp->text.p;
            uint64_t cand = ss->first[t[at]] &
                (at + 1 < sp->text.len ? ss->second[t[at + 1]]
                                       : ss->short_words);
            struct pos pos = page_span_pos(pg, sp);

            for (k = 0; cand != 0; k++, cand >>= 1) {
                if (!(cand & 1) || !match_at(&ss->words[k], sp->text.p,
                                             sp->text.len, at))
                    continue;
                if (ss->words[k].exact_case &&
                    (used_as_noun(sp->text.p, sp->text.len, at,
                                  ss->words[k].len) ||
                     whole_cell(pg, sp, at, ss->words[k].len)))
                    continue;
                pos.col = sp->col + (unsigned)at;
                rule_report(cx, pos, pos.col + (unsigned)ss->words[k].len,
                            "placeholder '%.*s' left in the text",
                            (int)ss->words[k].len, sp->text.p + at);
            }
        }
    }
}

const struct rule rule_placeholder = {
    .options         = options,
    .noptions        = O_COUNT,
    .id              = "placeholder",
    .summary         = "placeholder text such as (link) or TODO left in",
    .severity        = SEV_WARNING,
    .site_state_size = sizeof(struct site_state),
    .on_start        = start,
    .on_page         = check_page,
};
