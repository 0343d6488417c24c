/* suppress.c: the sitelint-disable comments and front matter of a page,
 * turned into suppressions in the diagnostic sink. */
#include "suppress.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "rule.h"

#define RULE_SUPPRESSION "suppression"

enum directive {
    D_DISABLE,                  /* to the matching enable, or the end */
    D_ENABLE,
    D_LINE,                     /* the comment's own lines */
    D_NEXT_LINE,                /* the line after the comment */
    D_FILE                      /* the whole file */
};

static const struct {
    const char *name;
    enum directive d;
} directives[] = {
    { "sitelint-disable", D_DISABLE },
    { "sitelint-disable-file", D_FILE },
    { "sitelint-disable-line", D_LINE },
    { "sitelint-disable-next-line", D_NEXT_LINE },
    { "sitelint-enable", D_ENABLE },
};

/* A disable waiting for its enable. */
struct open {
    const char *rule;           /* NULL: every rule */
    unsigned first;
    struct pos at;
};

/* A comment names at most a few rules; more is a list gone wrong. */
#define SUPPRESS_MAX_RULES 32

struct scan {
    const struct page *pg;
    struct open *open;
    size_t nopen, cap;
};

#define warn(at, ...) diag_add((at), 0, SEV_WARNING, RULE_SUPPRESSION, \
                               __VA_ARGS__)

/* Splits "a, b c -- reason" into rule ids; returns how many, -1 after
 * reporting an unknown one. */
static int
rule_list(struct pos at, const char *p, const char *ids[], char *store,
          size_t storesz)
{
    int n = 0;
    size_t used = 0;

    for (;;) {
        size_t len;

        p += strspn(p, " \t\r\n,");
        if (*p == '\0' || (p[0] == '-' && p[1] == '-'))
            return n;
        len = strcspn(p, " \t\r\n,");
        if (len + 1 > storesz - used || n == SUPPRESS_MAX_RULES) {
            warn(at, "too many rules in one sitelint comment");
            return -1;
        }
        memcpy(store + used, p, len);
        store[used + len] = '\0';
        if (rule_find(store + used) == NULL) {
            warn(at, "unknown rule '%s' (see sitelint --list-rules)",
                 store + used);
            return -1;
        }
        ids[n++] = store + used;
        used += len + 1;
        p += len;
    }
}

static void
add(const struct page *pg, const char *rule, unsigned first, unsigned last,
    struct pos at, const char *name)
{
    char what[160];

    if (rule != NULL)
        snprintf(what, sizeof what, "%s %s", name, rule);
    else
        snprintf(what, sizeof what, "%s", name);
    diag_suppress(pg->path, rule, first, last, at, what);
}

static void
directive(struct scan *sc, const struct ref *c)
{
    const char *p = c->text + strspn(c->text, " \t\r\n"), *ids[
        SUPPRESS_MAX_RULES];
    char store[1024], name[64];
    size_t len = strcspn(p, " \t\r\n"), i, k;
    unsigned last_line = c->pos.line;
    enum directive d;
    int n;

    if (len < 9 || strncmp(p, "sitelint-", 9) != 0)
        return;                 /* an ordinary comment */
    for (i = 0; c->text[i] != '\0'; i++)
        last_line += c->text[i] == '\n';
    snprintf(name, sizeof name, "%.*s", (int)len, p);
    for (k = 0; k < sizeof directives / sizeof directives[0]; k++)
        if (strcmp(directives[k].name, name) == 0)
            break;
    if (k == sizeof directives / sizeof directives[0]) {
        warn(c->pos, "unknown directive '%s' (sitelint-disable, "
             "-disable-line, -disable-next-line, -disable-file or "
             "sitelint-enable)", name);
        return;
    }
    d = directives[k].d;
    if ((n = rule_list(c->pos, p + len, ids, store, sizeof store)) < 0)
        return;
    if (n == 0)
        ids[n++] = NULL;        /* every rule */
    for (i = 0; i < (size_t)n; i++) {
        switch (d) {
        case D_DISABLE: {
            struct open *o = ARENA_PUSH(sc->pg->mem, sc->open, sc->nopen,
                                        sc->cap);

            o->rule = ids[i] != NULL ? arena_strdup(sc->pg->mem, ids[i])
                                     : NULL;
            o->first = c->pos.line;
            o->at = c->pos;
            break;
        }
        case D_ENABLE: {
            int found = 0;

            for (k = 0; k < sc->nopen; k++) {
                struct open *o = &sc->open[k];

                if (ids[i] != NULL && (o->rule == NULL ||
                                       strcmp(o->rule, ids[i]) != 0))
                    continue;
                add(sc->pg, o->rule, o->first, c->pos.line - 1, o->at,
                    "sitelint-disable");
                sc->open[k--] = sc->open[--sc->nopen];
                found = 1;
            }
            if (!found)
                warn(c->pos, "'%s' has no sitelint-disable to end",
                     ids[i] != NULL ? ids[i] : "sitelint-enable");
            break;
        }
        case D_LINE:
            add(sc->pg, ids[i], c->pos.line, last_line, c->pos, name);
            break;
        case D_NEXT_LINE:
            add(sc->pg, ids[i], last_line + 1, last_line + 1, c->pos, name);
            break;
        case D_FILE:
            add(sc->pg, ids[i], 0, UINT_MAX, c->pos, name);
            break;
        }
    }
}

/* "sitelint: {disable: [rule, ...]}" or "sitelint-disable: rule, rule"
 * in front matter: the whole file. */
static void
front_matter(const struct page *pg)
{
    const struct fm_node *v = NULL, *m = fm_get(pg->fm, "sitelint");
    const char *ids[SUPPRESS_MAX_RULES];
    char store[1024];
    size_t i;
    int n, k;

    if (m != NULL) {
        if (m->type != FM_MAP || (v = fm_get(m, "disable")) == NULL ||
            m->nkids != 1) {
            warn(m->pos, "'%s' in front matter takes {disable: [RULE, ...]}",
                 m->key);
            return;
        }
    } else if ((v = fm_get(pg->fm, "sitelint-disable")) == NULL) {
        return;
    }
    if (v->type == FM_SCALAR) {
        if ((n = rule_list(v->pos, v->str, ids, store, sizeof store)) < 0)
            return;
        for (k = 0; k < n; k++)
            add(pg, ids[k], 0, UINT_MAX, v->pos, "front matter disable");
        return;
    }
    for (i = 0; v->type == FM_SEQ && i < v->nkids; i++) {
        const struct fm_node *e = v->kids[i];

        if (e->type != FM_SCALAR || rule_find(e->str) == NULL) {
            warn(e->pos, "unknown rule '%s' (see sitelint --list-rules)",
                 e->type == FM_SCALAR ? e->str : "(not a name)");
            continue;
        }
        add(pg, e->str, 0, UINT_MAX, e->pos, "front matter disable");
    }
}

void
suppress_page(const struct page *pg)
{
    struct scan sc = { pg, NULL, 0, 0 };
    size_t i;

    if (pg->fm != NULL)
        front_matter(pg);
    for (i = 0; i < pg->ncomments; i++)
        directive(&sc, &pg->comments[i]);
    for (i = 0; i < sc.nopen; i++)
        add(pg, sc.open[i].rule, sc.open[i].first, UINT_MAX, sc.open[i].at,
            "sitelint-disable");
}
