/* test_options.c: the option tables (the engine's and each rule's) hold
 * together: names unique, every default one its option takes, every
 * option in the manual; values are typed once they are set. */
#include "harness.h"

#include <stdlib.h>

#include "options.h"
#include "rule.h"

/* Does the manual name the option: "Fl -name" then a blank or the end
 * of its line (not "Fl -name-more")? */
static int
documented(const char *man, const char *name)
{
    char entry[128];
    const char *p;
    size_t n;

    n = (size_t)snprintf(entry, sizeof entry, "Fl -%s", name);
    for (p = man; p != NULL && (p = strstr(p, entry)) != NULL; p += n)
        if (p[n] == ' ' || p[n] == '\n')
            return 1;
    return 0;
}

void
test_options(void)
{
    char *man = harness_slurp("man/sitelint.1");
    size_t i, j, n, k;
    const char *const *v;
    int rule_options = 0;

    ok(options_count() > OPTION_COUNT, "options: rules add their own");
    for (i = 0; i < options_count(); i++) {
        const struct option_def *d = options_at(i);

        for (j = 0; j < i; j++)
            if (strcmp(options_at(j)->name, d->name) == 0)
                break;
        ok(j == i, d->name);                    /* unique */
        ok(options_find(d->name) == d, "options: options_find");
        ok(d->dflt == NULL || options_check(d->name, d->dflt, NULL),
           d->name);                            /* its default is valid */
        ok((d->type == OPTT_SWITCH) == (d->arg == NULL) ||
           strcmp(d->name, "fix") == 0, d->name);  /* --help shows ARG */
        if (d->flags & OPTF_HIDDEN)
            continue;
        ok(documented(man, d->name), d->name);
    }
    for (k = 0; k < rules_count; k++)
        for (i = 0; i < rules[k]->noptions; i++) {
            rule_options++;
            ok(rules[k]->options[i].key == 0, rules[k]->options[i].name);
        }
    ok(rule_options > 30, "options: the rules declare theirs");

    /* Typed values. */
    int_eq(options_num(OPTION_MAX_PAGE_BYTES), 8388608,
           "options: a number's default, parsed");
    ok(!options_check("max-page-bytes", "12k", NULL), "options: not a number");
    ok(!options_check("link-timeout", "0", NULL), "options: below the least");
    ok(options_check("link-timeout", "1", NULL), "options: the least");
    ok(!options_check("site-type", "jekyll", NULL), "options: not a word");
    ok(options_check("locale", "EN-gb", NULL), "options: words without case");
    v = options_list(OPTION_FORMAT, &n);
    ok(n == 1 && strcmp(v[0], "gcc") == 0, "options: a list's default");
    options_set("exclude", "a/**");
    options_set("exclude", "b.md");
    v = options_list(OPTION_EXCLUDE, &n);
    ok(n == 2 && strcmp(v[0], "a/**") == 0 && strcmp(v[1], "b.md") == 0,
       "options: a list keeps every value, in order");
    str_eq(options_named("exclude"), "a/**\nb.md",
           "options: a list printed, one a line");
    ok(!options_on(OPTION_NO_GIT), "options: a switch off");
    options_set("no-git", "1");
    ok(options_on(OPTION_NO_GIT), "options: a switch on");
    options_set("max-warnings", "7");
    int_eq(options_num(OPTION_MAX_WARNINGS), 7, "options: a number set");
    free(man);
}
