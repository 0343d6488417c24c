/* duplicate-caption: two figures on one page with the same caption. */
#include <string.h>
#include <uthash.h>

#include "rule.h"

struct seen {
    const char *caption;        /* white space folded */
    const struct ref *first;
    unsigned uses;
    UT_hash_handle hh;
};

/* Folds runs of white space to one space and trims the ends. */
static char *
fold_space(struct rule_ctx *cx, const char *s)
{
    char *out = rule_page_alloc(cx, strlen(s) + 1), *o = out;
    int space = 0;

    for (; *s != '\0'; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = o > out;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct seen *table = NULL, *e, *tmp;
    size_t i;

    for (i = 0; i < pg->ncaptions; i++) {
        const struct ref *c = &pg->captions[i];
        const char *key = fold_space(cx, c->text);
        struct diag *d;

        if (*key == '\0')
            continue;
        HASH_FIND_STR(table, key, e);
        if (e == NULL) {
            e = rule_page_alloc(cx, sizeof *e);
            e->caption = key;
            e->first = c;
            e->uses = 1;
            HASH_ADD_KEYPTR(hh, table, e->caption, strlen(e->caption), e);
            continue;
        }
        e->uses++;
        if (e->uses == 2)
            d = rule_report(cx, c->pos, c->end_col,
                            "caption '%s' is used twice on this page", key);
        else
            d = rule_report(cx, c->pos, c->end_col,
                            "caption '%s' is used %u times on this page",
                            key, e->uses);
        rule_note(d, e->first->pos, "first used here");
    }
    HASH_ITER(hh, table, e, tmp) {
        HASH_DEL(table, e);
    }
}

const struct rule rule_duplicate_caption = {
    .id       = "duplicate-caption",
    .summary  = "two figures on one page have the same caption",
    .severity = SEV_WARNING,
    .on_page  = check_page,
};
