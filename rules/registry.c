/* registry.c: every rule, once, sorted by id; engine findings have
 * entries without callbacks so they are documented and filterable too. */
#include <string.h>

#include "rule.h"

extern const struct rule rule_anchor;
extern const struct rule rule_duplicate_caption;
extern const struct rule rule_external_link;
extern const struct rule rule_internal_link;
extern const struct rule rule_menu;
extern const struct rule rule_missing_image;
extern const struct rule rule_placeholder;
extern const struct rule rule_spelling_variant;
extern const struct rule rule_typo;

static const struct rule rule_config = {
    .id = "config",
    .summary = "the site's generator config cannot be read",
    .severity = SEV_ERROR,
};

static const struct rule rule_suppression = {
    .id = "suppression",
    .summary = "sitelint-disable comments that are malformed or suppress "
               "nothing",
    .severity = SEV_WARNING,
};

static const struct rule rule_encoding = {
    .id = "encoding",
    .summary = "a page is not valid UTF-8",
    .severity = SEV_WARNING,
};

static const struct rule rule_front_matter = {
    .id = "front-matter",
    .summary = "front matter that does not parse",
    .severity = SEV_ERROR,
};

static const struct rule rule_io = {
    .id = "io",
    .summary = "files and folders that cannot be read or are skipped",
    .severity = SEV_ERROR,
};

static const struct rule rule_shortcode = {
    .id = "shortcode",
    .summary = "hugo shortcodes that are unterminated or unbalanced",
    .severity = SEV_ERROR,
};

const struct rule *const rules[] = {       /* sorted by id */
    &rule_anchor,
    &rule_config,
    &rule_duplicate_caption,
    &rule_encoding,
    &rule_external_link,
    &rule_front_matter,
    &rule_internal_link,
    &rule_io,
    &rule_menu,
    &rule_missing_image,
    &rule_placeholder,
    &rule_shortcode,
    &rule_spelling_variant,
    &rule_suppression,
    &rule_typo,
};
const size_t rules_count = sizeof rules / sizeof rules[0];

const struct rule *
rule_find(const char *id)
{
    size_t lo = 0, hi = rules_count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, rules[mid]->id);

        if (c == 0)
            return rules[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
