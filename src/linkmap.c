/* linkmap.c: the user's account of a render hook's rewriting, as pcre2
 * patterns matched against a link's whole destination. */
#include "linkmap.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "diag.h"

#define RULE_CONFIG "config"

/* Rewritten destinations are URL paths: longer ones are no link. */
#define LINKMAP_MAX_BYTES 4096

struct map {
    pcre2_code *re;
    const char *url;
};

struct linkmap {
    struct map *v;
    size_t n, cap;
};

struct linkmap *
linkmap_new(const char *const *maps, size_t n, struct arena *a)
{
    struct linkmap *m = NULL;
    size_t i;

    for (i = 0; i < n; i++) {
        char *line = arena_strdup(a, maps[i]), *eq = strrchr(line, '=');
        PCRE2_SIZE at;
        pcre2_code *re;
        int err;

        if (eq == NULL || eq == line || eq[1] == '\0') {
            diag_add((struct pos){ NULL, 0, 0 }, 0, SEV_ERROR, RULE_CONFIG,
                     "--link-map takes REGEX=URL "
                     "('^([a-z-]+)$=/glossary/$1/'), not '%s'", line);
            continue;
        }
        *eq = '\0';
        re = pcre2_compile((PCRE2_SPTR)line, PCRE2_ZERO_TERMINATED,
                           PCRE2_ANCHORED | PCRE2_ENDANCHORED, &err, &at,
                           NULL);
        if (re == NULL) {
            PCRE2_UCHAR msg[256];

            pcre2_get_error_message(err, msg, sizeof msg);
            diag_add((struct pos){ NULL, 0, 0 }, 0, SEV_ERROR, RULE_CONFIG,
                     "--link-map pattern '%s': %s at offset %zu", line,
                     (const char *)msg, (size_t)at);
            continue;
        }
        if (m == NULL)
            m = arena_alloc(a, sizeof *m);
        ARENA_PUSH(a, m->v, m->n, m->cap)->re = re;
        m->v[m->n - 1].url = eq + 1;
    }
    return m;
}

void
linkmap_free(struct linkmap *m)
{
    size_t i;

    for (i = 0; m != NULL && i < m->n; i++)
        pcre2_code_free(m->v[i].re);
}

const char *
linkmap_apply(const struct linkmap *m, const char *dest, struct arena *a)
{
    size_t i;

    for (i = 0; m != NULL && i < m->n; i++) {
        PCRE2_UCHAR out[LINKMAP_MAX_BYTES];
        PCRE2_SIZE olen = sizeof out;
        int rc = pcre2_substitute(m->v[i].re, (PCRE2_SPTR)dest,
                                  PCRE2_ZERO_TERMINATED, 0, 0, NULL, NULL,
                                  (PCRE2_SPTR)m->v[i].url,
                                  PCRE2_ZERO_TERMINATED, out, &olen);

        if (rc > 0)
            return arena_strndup(a, (const char *)out, olen);
    }
    return NULL;
}
