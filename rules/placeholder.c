/* placeholder: text a writer meant to replace, left in the prose. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

/* Used unless --placeholders (or the config) gives a list of its own. */
static const char default_list[] =
    "(link),[link],TODO,TBD,FIXME,XXX,lorem ipsum,(citation needed)";

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
};

static void
start(struct rule_ctx *cx)
{
    struct site_state *ss = rule_site_state(cx);
    const char *p = rule_option(cx, "placeholders");

    if (p == NULL)
        p = default_list;
    while (*p != '\0') {
        size_t len = strcspn(p, ","), i;
        struct word *w;
        int letters = 1, caps = 1;

        if (len > 0 && len < PLACEHOLDER_MAX) {
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
        }
        p += len + (p[len] == ',');
    }
}

static int
is_word_byte(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* The offset of w in s, or -1. */
static long
find(const struct word *w, const char *s, size_t len)
{
    size_t i;

    for (i = 0; i + w->len <= len; i++) {
        if (w->exact_case ? memcmp(s + i, w->text, w->len) != 0
                          : strncasecmp(s + i, w->text, w->len) != 0)
            continue;
        if (w->whole_word &&
            ((i > 0 && is_word_byte((unsigned char)s[i - 1])) ||
             (i + w->len < len &&
              is_word_byte((unsigned char)s[i + w->len]))))
            continue;
        return (long)i;
    }
    return -1;
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct site_state *ss = rule_site_state(cx);
    size_t i, k;

    for (i = 0; i < pg->nspans; i++) {
        const struct span *sp = &pg->spans[i];

        for (k = 0; k < ss->n; k++) {
            long at = find(&ss->words[k], sp->text.p, sp->text.len);
            struct pos pos = sp->pos;

            if (at < 0)
                continue;
            pos.col += (unsigned)at;
            rule_report(cx, pos, pos.col + (unsigned)ss->words[k].len,
                        "placeholder '%.*s' left in the text",
                        (int)ss->words[k].len, sp->text.p + at);
        }
    }
}

const struct rule rule_placeholder = {
    .id              = "placeholder",
    .summary         = "placeholder text such as (link) or TODO left in",
    .severity        = SEV_WARNING,
    .site_state_size = sizeof(struct site_state),
    .on_start        = start,
    .on_page         = check_page,
};
