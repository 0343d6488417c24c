/* test_registry.c: the rule table's invariants: sorted, unique ids in
 * kebab-case, each with a summary, a fixture folder and a man page entry. */
#include "harness.h"

#include <ctype.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "rule.h"

void
test_registry(void)
{
    char *man = harness_slurp("man/sitelint.1");
    size_t i;

    ok(man != NULL, "registry: man page readable (run from the top)");
    for (i = 0; i < rules_count; i++) {
        const struct rule *r = rules[i];
        char path[256], entry[128];
        const char *p;
        int kebab = r->id[0] != '\0' && islower((unsigned char)r->id[0]);
        struct stat st;

        for (p = r->id; *p != '\0'; p++)
            if (!islower((unsigned char)*p) && *p != '-')
                kebab = 0;
        ok(kebab, r->id);
        ok(i == 0 || strcmp(rules[i - 1]->id, r->id) < 0,
           "registry: sorted and unique");
        ok(r->summary != NULL && islower((unsigned char)r->summary[0]) &&
           r->summary[strlen(r->summary) - 1] != '.',
           "registry: summary is lower case without a period");
        ok(rule_find(r->id) == r, "registry: rule_find");
        snprintf(path, sizeof path, "tests/fixtures/%s", r->id);
        ok(stat(path, &st) == 0 && S_ISDIR(st.st_mode),
           "registry: fixture folder exists");
        snprintf(entry, sizeof entry, ".It Sy %s", r->id);
        ok(man != NULL && strstr(man, entry) != NULL,
           "registry: man page documents the rule");
    }
    ok(rule_find("no-such-rule") == NULL, "registry: unknown id");
    free(man);
}
