/* generator.c: the generators a site may use, how one is chosen, and
 * what their modules share: reading a config, adding a mount. */
#include "generator.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "frontmatter.h"
#include "page.h"
#include "permalink.h"
#include "site.h"

#define RULE_CONFIG "config"

/* Config files are small; a larger one is not a config. */
#define CONFIG_MAX_BYTES (4u * 1024 * 1024)

/* In the order they are asked to claim a folder; plain claims none. */
static const struct generator *const generators[] = {
    &gen_hugo, &gen_pelican, &gen_mkdocs, &gen_plain,
};

const struct generator *
generator_detect(const char *dir, struct arena *a)
{
    size_t i;

    for (i = 0; i < sizeof generators / sizeof generators[0]; i++)
        if (generators[i]->detect(dir, a))
            return generators[i];
    return NULL;
}

const struct generator *
generator_find(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof generators / sizeof generators[0]; i++)
        if (strcmp(generators[i]->name, name) == 0)
            return generators[i];
    return NULL;
}

/* ---- for the generator modules ------------------------------------- */

void
gen_id_github(const struct site *site, struct buf *b, const char *text,
              size_t len)
{
    (void)site;
    permalink_anchor_github(b, text, len, 0);
}

void
gen_id_python(const struct site *site, struct buf *b, const char *text,
              size_t len)
{
    (void)site;
    permalink_slugify(b, text, len);
}

const char *
gen_static_root(const char *dir, struct arena *a)
{
    (void)dir;
    (void)a;
    return "/";
}

int
gen_is_dir(const char *path)
{
    struct stat st;

    deps_exists(path);
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
gen_is_file(const char *path)
{
    struct stat st;

    deps_exists(path);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *
gen_read_file(struct arena *a, const char *path, size_t max, size_t *len)
{
    deps_file(path);
    return arena_read_file(a, path, max, len);
}

const char *
gen_tidy_path(struct arena *a, const char *path)
{
    size_t n = strlen(path), nseg = 0, i;
    struct str *seg = arena_alloc(a, (n / 2 + 2) * sizeof *seg);
    const char *p = path;
    struct buf b = { 0 };
    const char *out;

    while (*p != '\0') {
        size_t len = strcspn(p, "/");

        if (len == 2 && strncmp(p, "..", 2) == 0 && nseg > 0 &&
            !(seg[nseg - 1].len == 2 &&
              strncmp(seg[nseg - 1].p, "..", 2) == 0))
            nseg--;
        else if (len > 0 && !(len == 1 && *p == '.'))
            seg[nseg++] = (struct str){ p, len };
        p += len;
        while (*p == '/')
            p++;
    }
    if (path[0] == '/')
        buf_addc(&b, '/');
    for (i = 0; i < nseg; i++) {
        if (i > 0)
            buf_addc(&b, '/');
        buf_add(&b, seg[i].p, seg[i].len);
    }
    out = b.len > 0 ? arena_strndup(a, b.p, b.len) : ".";
    buf_free(&b);
    return out;
}

const char *
gen_join(struct arena *a, const char *dir, const char *name)
{
    if (strcmp(dir, ".") == 0)
        return arena_strdup(a, name);
    return arena_printf(a, "%s/%s", dir, name);
}

struct fm_node *
gen_read_config(struct arena *a, const char *path)
{
    size_t len;
    char *text = gen_read_file(a, path, CONFIG_MAX_BYTES, &len);
    const char *ext = strrchr(path, '.');

    if (text == NULL) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, RULE_CONFIG,
                 "cannot read config: %s", strerror(errno));
        return NULL;
    }
    if (ext != NULL && strcmp(ext, ".toml") == 0)
        return fm_parse_toml(a, path, text, len, 1, RULE_CONFIG);
    if (ext != NULL && strcmp(ext, ".py") == 0)
        return fm_parse_python(a, path, text, len);
    return fm_parse_yaml(a, path, text, len, 1, RULE_CONFIG);
}

const char *
gen_config_str(const struct fm_node *cfg, const char *key, const char *dflt)
{
    const char *v = fm_str(cfg, key);

    return v != NULL ? v : dflt;
}

int
gen_config_bool(const struct fm_node *cfg, const char *key, int dflt)
{
    const char *v = gen_config_str(cfg, key, NULL);

    if (v == NULL)
        return dflt;
    return strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

void
gen_add_mount(struct site *site, struct arena *a, const char *dir,
          const char *prefix, int is_static, const char *lang)
{
    struct site_mount *m;
    struct stat st;
    char real[PATH_MAX];

    deps_exists(dir);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    m = ARENA_PUSH(a, site->mounts, site->nmounts, site->mounts_cap);
    m->dir = dir;
    m->abs = realpath(dir, real) != NULL ? arena_strdup(a, real) : NULL;
    m->url_prefix = prefix;
    m->is_static = is_static;
    m->lang = lang;
    m->sub = "";
    m->dev = st.st_dev;
    m->ino = st.st_ino;
}

void
gen_add_content_mount(struct site *site, struct arena *a, const char *dir,
                      const char *sub, const char *lang)
{
    size_t n = site->nmounts;

    gen_add_mount(site, a, dir, "/", 0, lang);
    if (site->nmounts > n)
        site->mounts[n].sub = sub;
}

void
gen_string_list(const struct fm_node *v, const char **out, size_t max,
            size_t *n)
{
    size_t i;

    *n = 0;
    if (v == NULL)
        return;
    if (v->type == FM_SCALAR) {
        out[(*n)++] = v->str;
        return;
    }
    if (v->type == FM_SEQ)
        for (i = 0; i < v->nkids && *n < max; i++)
            if (v->kids[i]->type == FM_SCALAR)
                out[(*n)++] = v->kids[i]->str;
}


/* ---- merging configs ------------------------------------------------ */

struct fm_node *
gen_config_map(struct arena *a, const char *key, struct pos pos)
{
    struct fm_node *m = arena_alloc(a, sizeof *m);

    m->type = FM_MAP;
    m->key = key;
    m->key_pos = pos;
    m->pos = pos;
    return m;
}

void
gen_config_put(struct arena *a, struct fm_node *map, struct fm_node *kid)
{
    *ARENA_PUSH(a, map->kids, map->nkids, map->cap) = kid;
}

const struct fm_node *
gen_config_merge(struct arena *a, const struct fm_node *base,
                 const struct fm_node *over)
{
    struct fm_node *m;
    size_t i, k;

    if (base == NULL || over == NULL || base->type != FM_MAP ||
        over->type != FM_MAP)
        return over != NULL ? over : base;
    m = gen_config_map(a, over->key, over->pos);
    m->key_pos = over->key_pos;
    for (i = 0; i < base->nkids; i++)
        gen_config_put(a, m, base->kids[i]);
    for (i = 0; i < over->nkids; i++) {
        const struct fm_node *o = over->kids[i];

        for (k = 0; k < m->nkids; k++)
            if (strcasecmp(m->kids[k]->key, o->key) == 0)
                break;
        if (k == m->nkids) {
            gen_config_put(a, m, (struct fm_node *)o);
        } else {
            struct fm_node *merged = (struct fm_node *)
                gen_config_merge(a, m->kids[k], o);

            m->kids[k] = merged;
        }
    }
    return m;
}

/* ---- Hugo's embedded shortcodes ---------------------------------------- */

void
gen_builtin_shortcode(const char *name, struct gen_shortcode *out)
{
    /* From Hugo's tpl/tplimpl/embedded/templates/shortcodes, and the
     * diagram and maths shortcodes sites commonly add: all show their
     * body as code. */
    static const struct {
        const char *name;
        enum gen_body body;
    } known[] = {
        { "code", GEN_BODY_CODE },
        { "comment", GEN_BODY_HIDDEN },
        { "details", GEN_BODY_PROSE },
        { "figure", GEN_BODY_NONE },
        { "gist", GEN_BODY_NONE },
        { "highlight", GEN_BODY_CODE },
        { "instagram", GEN_BODY_NONE },
        { "katex", GEN_BODY_CODE },
        { "math", GEN_BODY_CODE },
        { "mermaid", GEN_BODY_CODE },
        { "param", GEN_BODY_NONE },
        { "plantuml", GEN_BODY_CODE },
        { "qr", GEN_BODY_HIDDEN },
        { "ref", GEN_BODY_NONE },
        { "relref", GEN_BODY_NONE },
        { "tweet", GEN_BODY_NONE },
        { "vimeo", GEN_BODY_NONE },
        { "x", GEN_BODY_NONE },
        { "youtube", GEN_BODY_NONE },
    };
    size_t i;

    out->body = GEN_BODY_UNKNOWN;
    out->ids = -1;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].name, name) == 0) {
            /* None writes an id ("code", "katex"... are not Hugo's, but
             * common, and write none either). */
            out->body = known[i].body;
            out->ids = 0;
            return;
        }
}

/* ---- ids templates write -------------------------------------------- */

/* text with template comments (slash-star to star-slash) and HTML
 * comments blanked: what they say is not output. */
void
gen_strip_comments(char *text)
{
    char *p = text, *end;

    while ((p = strpbrk(p, "/<")) != NULL) {
        const char *close = NULL;

        if (p[0] == '/' && p[1] == '*')
            close = "*/";
        else if (strncmp(p, "<!--", 4) == 0)
            close = "-->";
        if (close == NULL) {
            p++;
            continue;
        }
        end = strstr(p + 2, close);
        end = end != NULL ? end + strlen(close) : p + strlen(p);
        memset(p, ' ', (size_t)(end - p));
        p = end;
    }
}

/* Templates include templates; real themes go three or four deep. */
#define TEMPLATE_MAX_DEPTH 8
/* Templates are a few KiB; a larger file is not read. */
#define TEMPLATE_FILE_MAX_BYTES (1024u * 1024)

/* What one template file writes: its literal ids and those of the
 * templates it calls, and whether it makes ids from data itself. */
struct gen_template {
    const char *path;
    struct gen_ids ids;
    int dynamic;
    int busy;                   /* being read: a call back to it is a loop */
};

static const struct gen_template *
template_read(struct gen_templates *tc, const char *path,
              const char *const *calls,
              const char *(*find)(void *ctx, const char *name,
                                  struct arena *a),
              void *ctx, int depth, struct arena *a)
{
    struct gen_template *t;
    size_t len, c, i, k;
    char *text, *p;

    if (path == NULL || depth > TEMPLATE_MAX_DEPTH)
        return NULL;
    for (i = 0; i < tc->n; i++)
        if (strcmp(tc->v[i].path, path) == 0)
            return tc->v[i].busy ? NULL : &tc->v[i];
    if ((text = gen_read_file(a, path, TEMPLATE_FILE_MAX_BYTES, &len)) ==
        NULL)
        return NULL;
    i = tc->n;
    t = ARENA_PUSH(a, tc->v, tc->n, tc->cap);
    t->path = arena_strdup(a, path);
    t->busy = 1;
    gen_strip_comments(text);
    for (p = text; (p = strstr(p, "id=")) != NULL; p += 3) {
        char q = p[3];
        const char *v = p + 4, *end;

        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '-' ||
                         p[-1] == '_'))
            continue;           /* data-id=, grid= */
        if ((q != '"' && q != '\'') || (end = strchr(v, q)) == NULL)
            continue;
        if (memchr(v, '{', (size_t)(end - v)) != NULL) {
            tc->v[i].dynamic = 1;
            continue;
        }
        *ARENA_PUSH(a, tc->v[i].ids.v, tc->v[i].ids.n, tc->v[i].ids.cap) =
            arena_strndup(a, v, (size_t)(end - v));
    }
    for (c = 0; calls[c] != NULL; c++) {
        size_t kw = strlen(calls[c]);

        for (p = text; (p = strstr(p, calls[c])) != NULL; p += kw) {
            const char *name = p + kw, *end;
            const struct gen_template *sub;
            char q;

            if ((p > text && (isalnum((unsigned char)p[-1]) ||
                              p[-1] == '_')) ||
                (name[0] != ' ' && name[0] != '('))
                continue;       /* "partials", "included" */
            while (*name == ' ' || *name == '(')
                name++;
            q = *name;
            if ((q != '"' && q != '\'') ||
                (end = strchr(name + 1, q)) == NULL)
                continue;
            name++;
            if (memchr(name, '{', (size_t)(end - name)) != NULL ||
                memchr(name, '\n', (size_t)(end - name)) != NULL)
                continue;
            sub = template_read(tc, find(ctx, arena_strndup(a, name,
                                         (size_t)(end - name)), a),
                                calls, find, ctx, depth + 1, a);
            /* tc->v may have moved: index it again. */
            for (k = 0; sub != NULL && k < sub->ids.n; k++)
                *ARENA_PUSH(a, tc->v[i].ids.v, tc->v[i].ids.n,
                            tc->v[i].ids.cap) = sub->ids.v[k];
        }
    }
    tc->v[i].busy = 0;
    return &tc->v[i];
}

void
gen_template_ids(struct gen_ids *out, struct gen_templates *tc,
                 const char *path, int main, const char *const *calls,
                 const char *(*find)(void *ctx, const char *name,
                                     struct arena *a),
                 void *ctx, struct arena *a)
{
    const struct gen_template *t = template_read(tc, path, calls, find, ctx,
                                                 0, a);
    size_t k;

    if (t == NULL)
        return;
    out->dynamic |= main && t->dynamic;
    for (k = 0; k < t->ids.n; k++)
        *ARENA_PUSH(a, out->v, out->n, out->cap) = t->ids.v[k];
}

void
gen_add_ids(struct page_info *pi, const struct gen_ids *ids, struct arena *a)
{
    const char **v;
    size_t i;

    if (ids->dynamic)
        pi->opaque = 1;
    if (ids->n == 0)
        return;
    v = arena_alloc(a, (pi->nanchors + ids->n) * sizeof *v);
    for (i = 0; i < pi->nanchors; i++)
        v[i] = pi->anchors[i];
    for (i = 0; i < ids->n; i++)
        v[pi->nanchors + i] = ids->v[i];
    pi->anchors = v;
    pi->nanchors += ids->n;
}

/* ---- ids Markdown extensions make ---------------------------------------- */

void
gen_push_id(struct gen_ids *ids, struct arena *a, const char *s, size_t len)
{
    *ARENA_PUSH(a, ids->v, ids->n, ids->cap) = arena_strndup(a, s, len);
}

void
gen_attr_ids(const char *p, size_t len, struct gen_ids *an, struct arena *a)
{
    size_t i;

    for (i = 0; i + 2 < len; i++) {
        size_t k = i + 1;

        if (p[i] != '{')
            continue;
        if (p[k] == ':')
            k++;
        while (k < len && p[k] == ' ')
            k++;
        if (k >= len || p[k] != '#' || (k == i + 1 && p[k + 1] == ' '))
            continue;
        while (k < len && p[k] != '}' && p[k] != '\n') {
            if (p[k] == '#' && (p[k - 1] == ' ' || p[k - 1] == '{' ||
                                p[k - 1] == ':')) {
                size_t s = k + 1;

                while (k < len && p[k] != ' ' && p[k] != '}' &&
                       p[k] != '\n')
                    k++;
                if (k > s)
                    gen_push_id(an, a, p + s, k - s);
                continue;
            }
            k++;
        }
    }
}

void
gen_footnote_ids(const char *l, size_t len, struct gen_ids *ids,
                 struct arena *a)
{
    const char *close;
    size_t n;

    if (len < 5 || strncmp(l, "[^", 2) != 0 ||
        (close = memchr(l, ']', len)) == NULL || close + 1 >= l + len ||
        close[1] != ':')
        return;
    n = (size_t)(close - (l + 2));
    gen_push_id(ids, a, arena_printf(a, "fn:%.*s", (int)n, l + 2), n + 3);
    gen_push_id(ids, a, arena_printf(a, "fnref:%.*s", (int)n, l + 2), n + 6);
}

void
gen_markdown_ids(const struct page *pg, struct page_info *pi, int attr,
                 struct arena *a)
{
    struct gen_ids ids = { NULL, 0, 0, 0 };
    unsigned ln;

    if (pg->type != PAGE_MARKDOWN)
        return;
    if (attr)
        gen_attr_ids(pg->src, pg->len, &ids, a);
    for (ln = pg->body_line; ln <= pg->nlines; ln++) {
        struct str l = page_line(pg, ln);
        size_t k = 0;

        while (k < l.len && k < 4 && l.p[k] == ' ')
            k++;
        gen_footnote_ids(l.p + k, l.len - k, &ids, a);
    }
    gen_add_ids(pi, &ids, a);
}
