/* gen_hugo.c: Hugo: its config (one file or a config folder), content
 * and static folders, themes, languages, each page's URL (sections,
 * bundles, slug, url, permalinks, aliases), the list pages around it,
 * goldmark's heading ids and the files Hugo makes beside the pages. */
#include "generator.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "deps.h"
#include "frontmatter.h"
#include "permalink.h"
#include "site.h"
#include "siteindex.h"
#include "walk.h"

/* What Hugo's config says of URLs; gen_conf of a Hugo site. */
/* go.mod lists a few modules; a larger file is not one. */
#define GO_MOD_MAX_BYTES (1024 * 1024)

struct hugo_conf {
    int ugly_urls;              /* uglyURLs = true: /a/b.html, not /a/b/ */
    const struct fm_node *ugly_sections;    /* uglyURLs as a map of
                                             * sections, or NULL */
    int lang_in_subdir;         /* defaultContentLanguageInSubdir */
    int path_to_lower;          /* URLs lower case unless told not to */
    int remove_accents;         /* removePathAccents */
    const char **components;    /* the site, then its themes and modules
                                 * on disk, in the order Hugo looks
                                 * for a template */
    size_t ncomponents, components_cap;
    struct template *shortcodes;    /* sorted by name */
    size_t nshortcodes, shortcodes_cap;
    struct layout *layouts;     /* what each page layout writes, as pages
                                 * ask for them (a cache) */
    size_t nlayouts, layouts_cap;
    size_t missing;             /* themes and modules not on disk */
    int heading_ids_unknown;    /* a render-heading hook writes ids of its
                                 * own */
    unsigned hooks;             /* enum site_hook: render hooks that look
                                 * destinations up themselves */
    struct gen_templates templates;     /* layouts read so far */
    enum {
        IDS_GITHUB, IDS_GITHUB_ASCII, IDS_BLACKFRIDAY
    } ids;                      /* markup.goldmark.parser.autoHeadingIDType,
                                 * which anchorize follows too */
    int no_auto_ids;            /* autoHeadingID = false */
    int more_outputs;           /* outputs name formats besides HTML and
                                 * RSS (JSON for a search index) */
    int build_future;           /* buildFuture: future pages are built */
    int build_expired;          /* buildExpired */
    const char **assets;        /* folders resources.Get reads */
    size_t nassets, assets_cap;
    struct layout_file {
        const char *rel;        /* "_default/single.html" */
        const char *path;
        size_t order;           /* components earlier in the list win */
    } *files;                   /* every component's layouts, by rel */
    size_t nfiles, files_cap;
};

/* The ids a page's templates write: its layout, the baseof around it and
 * the partials they call. */
struct layout {
    const char *key;            /* "type/layout/list" */
    struct gen_ids ids;
};

/* What a shortcode template of the site or a component does. */
/* An id a shortcode template writes from a parameter of the call:
 * id="{{ .Get "file" | urlize }}", or from a literal. */
struct id_rule {
    const char *param;          /* the named parameter, or NULL */
    int index;                  /* else the positional one, or -1 */
    const char *literal;        /* else this id as written */
    enum { ID_AS_IS, ID_URLIZE, ID_ANCHORIZE, ID_LOWER } how;
    const char *prefix, *suffix;    /* written around the action:
                                     * id="note-{{ .Get 0 }}"; or NULL */
};

/* Ids a template writes that are worth computing: real ones write one
 * or two. */
#define TEMPLATE_MAX_IDS 4

struct template {
    const char *name;           /* "note", "docs/tabs" */
    struct gen_shortcode what;
    struct id_rule rules[TEMPLATE_MAX_IDS];
    size_t nrules;              /* with what.ids == 2 */
};

/* A site opened without a config: Hugo's defaults. */
static const struct hugo_conf hugo_defaults = { .path_to_lower = 1 };

/* Templates are a few KiB; a larger file is not read. */
#define TEMPLATE_MAX_BYTES (1024u * 1024)

static const struct hugo_conf *
conf(const struct site *site)
{
    return site->gen_conf != NULL ? site->gen_conf : &hugo_defaults;
}

static const char *const hugo_configs[] = {
    "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
    "config.toml", "config.yaml", "config.yml", "config.json",
};

/* ---- the config, its folders and components ------------------------- */

static int
detect(const char *dir, struct arena *a)
{
    size_t i;

    for (i = 0; i < sizeof hugo_configs / sizeof hugo_configs[0]; i++)
        if (gen_is_file(gen_join(a, dir, hugo_configs[i])))
            return 1;
    return gen_is_dir(gen_join(a, dir, "config/_default"));
}

/* Hugo's config folder, as config.LoadConfigFromDir reads it: every
 * file below config/_default, then config/ENVIRONMENT, in name order;
 * "hugo.toml" and "config.toml" set the root, "params.toml" sets params,
 * "menus.en.toml" sets languages.en.menus, "languages.toml" languages. */
struct config_walk {
    struct arena *a;
    const struct fm_node *cfg;
};

static int
is_config_name(const char *name)
{
    const char *ext = strrchr(name, '.');

    return ext != NULL && (strcmp(ext, ".toml") == 0 ||
                           strcmp(ext, ".yaml") == 0 ||
                           strcmp(ext, ".yml") == 0 ||
                           strcmp(ext, ".json") == 0);
}

static enum walk_action
config_entry(void *ctx, const char *path, const char *name,
             const struct stat *st)
{
    struct config_walk *cw = ctx;
    struct arena *a = cw->a;
    const struct fm_node *item;
    struct fm_node *root, *kid;
    char *base, *dot;
    const char *lang = NULL;

    if (name[0] == '.')
        return WALK_SKIP;
    if (S_ISDIR(st->st_mode))
        return WALK_GO;
    /* The nodes keep the path for positions: it must outlive the walk. */
    if (!is_config_name(name) ||
        (item = gen_read_config(a, arena_strdup(a, path))) == NULL)
        return WALK_SKIP;
    base = arena_strdup(a, name);
    *strrchr(base, '.') = '\0';
    if (strcmp(base, "hugo") == 0 || strcmp(base, "config") == 0) {
        cw->cfg = gen_config_merge(a, cw->cfg, item);
        return WALK_SKIP;
    }
    if ((dot = strchr(base, '.')) != NULL) {
        *dot = '\0';
        lang = dot + 1;
    }
    /* A file may wrap its content in a key of its own name. */
    if (item->nkids == 1 && strcasecmp(item->kids[0]->key, base) == 0)
        item = item->kids[0];
    root = gen_config_map(a, NULL, item->pos);
    kid = arena_alloc(a, sizeof *kid);
    *kid = *item;
    kid->key = strcmp(base, "menu") == 0 ? "menus" : arena_strdup(a, base);
    if (lang == NULL) {
        gen_config_put(a, root, kid);
    } else {
        struct fm_node *langs = gen_config_map(a, "languages", item->pos);

        gen_config_put(a, root, langs);
        if (strcmp(kid->key, "menus") == 0 ||
            strcmp(kid->key, "params") == 0) {
            struct fm_node *l = gen_config_map(a, arena_strdup(a, lang),
                                               item->pos);

            gen_config_put(a, langs, l);
            gen_config_put(a, l, kid);
        } else {
            kid->key = arena_strdup(a, lang);   /* languages.fr.toml */
            gen_config_put(a, langs, kid);
        }
    }
    cw->cfg = gen_config_merge(a, cw->cfg, root);
    return WALK_SKIP;
}

/* The site's config: the first of hugo_configs at the root, then the
 * config folder over it.  Sets site->config to the file or folder. */
static const struct fm_node *
load_config(struct site *site, struct arena *a)
{
    struct config_walk cw = { a, NULL };
    const char *env = deps_getenv("HUGO_ENVIRONMENT");
    const char *dir, *cand;
    size_t i;

    for (i = 0; i < sizeof hugo_configs / sizeof hugo_configs[0]; i++) {
        cand = gen_join(a, site->root, hugo_configs[i]);
        if (gen_is_file(cand)) {
            site->config = cand;
            cw.cfg = gen_read_config(a, cand);
            break;
        }
    }
    if (env == NULL || *env == '\0' || strchr(env, '/') != NULL)
        env = "production";     /* what "hugo" builds */
    dir = gen_join(a, site->root, "config/_default");
    if (gen_is_dir(dir)) {
        if (site->config == NULL)
            site->config = dir;
        walk_tree(dir, dir, site->root, config_entry, &cw, WALK_DEPEND);
    }
    dir = gen_join(a, site->root, arena_printf(a, "config/%s", env));
    if (gen_is_dir(dir))
        walk_tree(dir, dir, site->root, config_entry, &cw, WALK_DEPEND);
    return cw.cfg;
}

/* The menus of a config map: "menus", or the older "menu". */
static const struct fm_node *
menus_of(const struct fm_node *m)
{
    const struct fm_node *v = fm_get(m, "menus");

    return v != NULL ? v : fm_get(m, "menu");
}

/* Adds the folders of a theme or module at dir: its static files. */
static void
add_assets(struct hugo_conf *hc, struct arena *a, const char *dir)
{
    if (gen_is_dir(dir))
        *ARENA_PUSH(a, hc->assets, hc->nassets, hc->assets_cap) = dir;
}

static int
asset(const struct site *site, const char *path)
{
    const struct hugo_conf *hc = conf(site);
    char p[PATH_MAX];
    size_t i;

    for (i = 0; i < hc->nassets; i++) {
        if (snprintf(p, sizeof p, "%s/%s", hc->assets[i], path) <
                (int)sizeof p && gen_is_file(p))
            return 1;
    }
    return 0;
}

static void
add_component(struct site *site, struct hugo_conf *hc, struct arena *a,
              const char *dir)
{
    if (!gen_is_dir(dir)) {
        hc->missing++;          /* in Hugo's module cache, or nowhere */
        return;
    }
    *ARENA_PUSH(a, hc->components, hc->ncomponents, hc->components_cap) =
        dir;
    gen_add_mount(site, a, gen_join(a, dir, "static"), "/", 1, NULL);
    add_assets(hc, a, gen_join(a, dir, "assets"));
}

/* go.mod's version of module path ("require path v1.2.3", alone or in a
 * "require (" block), or NULL. */
static const char *
go_mod_version(const char *root, const char *path, struct arena *a)
{
    size_t len, n = strlen(path);
    char *text = gen_read_file(a, gen_join(a, root, "go.mod"),
                                 GO_MOD_MAX_BYTES, &len), *l, *e;

    for (l = text; l != NULL && *l != '\0'; l = *e != '\0' ? e + 1 : e) {
        e = l + strcspn(l, "\n");
        while (*l == ' ' || *l == '\t')
            l++;
        if (strncmp(l, "require ", 8) == 0)
            l += 8;
        while (*l == ' ' || *l == '\t')
            l++;
        if (strncmp(l, path, n) == 0 && (l[n] == ' ' || l[n] == '\t')) {
            l += n + strspn(l + n, " \t");
            return arena_strndup(a, l, strcspn(l, " \t\r\n/"));
        }
    }
    return NULL;
}

/* The folder of module path in Hugo's module cache, where "hugo mod get"
 * puts it: cacheDir, $HUGO_CACHEDIR, or the user's cache folder's
 * hugo_cache ($XDG_CACHE_HOME, else ~/.cache), then
 * modules/filecache/modules/pkg/mod/PATH@VERSION, with each capital of
 * PATH written '!' and its lower case, as Go's module cache does.  The
 * version is go.mod's.  NULL if it is not there. */
static const char *
module_in_cache(const struct site *site, const struct fm_node *cfg,
                const char *path, struct arena *a)
{
    const char *version = go_mod_version(site->root, path, a), *env;
    const char *bases[4];
    struct buf esc = { 0 };
    size_t nb = 0, i;
    const char *out = NULL;

    if (version == NULL || strstr(version, "..") != NULL)
        return NULL;
    if ((env = gen_config_str(cfg, "cacheDir", NULL)) != NULL)
        bases[nb++] = env[0] == '/' ? env : gen_join(a, site->root, env);
    if ((env = deps_getenv("HUGO_CACHEDIR")) != NULL && *env != '\0')
        bases[nb++] = env;
    if ((env = deps_getenv("XDG_CACHE_HOME")) != NULL && *env != '\0')
        bases[nb++] = arena_printf(a, "%s/hugo_cache", env);
    else if ((env = deps_getenv("HOME")) != NULL && *env != '\0')
        bases[nb++] = arena_printf(a, "%s/.cache/hugo_cache", env);
    for (i = 0; path[i] != '\0'; i++)
        if (isupper((unsigned char)path[i]))
            buf_addf(&esc, "!%c", tolower((unsigned char)path[i]));
        else
            buf_addc(&esc, path[i]);
    for (i = 0; i < nb && out == NULL; i++) {
        const char *dir = arena_printf(a, "%s/modules/filecache/modules/"
                                       "pkg/mod/%s@%s", bases[i], esc.p,
                                       version);

        if (gen_is_dir(dir))
            out = dir;
    }
    buf_free(&esc);
    return out;
}

/* [[module.mounts]]: source folder → target ("content", "static/x").
 * Returns whether any mount targets root ("content", "static"), in which
 * case Hugo drops that root's default folder. */
static int
add_mounts(struct site *site, struct arena *a, const struct fm_node *mounts,
           const char *root)
{
    size_t i, n = strlen(root);
    int any = 0;

    for (i = 0; mounts != NULL && mounts->type == FM_SEQ &&
                i < mounts->nkids; i++) {
        const struct fm_node *m = mounts->kids[i];
        const char *src = gen_config_str(m, "source", NULL);
        const char *dst = gen_config_str(m, "target", NULL);
        const char *lang = gen_config_str(m, "lang", NULL);
        const char *sub;

        if (src == NULL || dst == NULL || strncmp(dst, root, n) != 0 ||
            (dst[n] != '\0' && dst[n] != '/'))
            continue;
        any = 1;
        sub = dst[n] == '/' ? dst + n + 1 : "";
        if (strcmp(root, "assets") == 0)
            add_assets(site->gen_conf, a, gen_join(a, site->root, src));
        else if (strcmp(root, "static") == 0)
            gen_add_mount(site, a, gen_join(a, site->root, src),
                          *sub != '\0' ? arena_printf(a, "/%s/", sub) : "/",
                          1, NULL);
        else
            gen_add_content_mount(site, a, gen_join(a, site->root, src), sub,
                                  lang);
    }
    return any;
}

/* Does the outputs config ({home: [HTML, RSS, JSON]}) name a format
 * other than HTML and RSS for some kind of page? */
static int
other_outputs(const struct fm_node *outputs)
{
    size_t i, k;

    for (i = 0; outputs != NULL && outputs->type == FM_MAP &&
                i < outputs->nkids; i++) {
        const struct fm_node *v = outputs->kids[i];

        for (k = 0; v->type == FM_SEQ && k < v->nkids; k++)
            if (v->kids[k]->type == FM_SCALAR &&
                strcasecmp(v->kids[k]->str, "html") != 0 &&
                strcasecmp(v->kids[k]->str, "rss") != 0)
                return 1;
    }
    return 0;
}

/* ---- shortcode templates ---------------------------------------------- */

/* The source of a template value: '.Get "name"', '.Get 0', or a
 * variable set to one ("{{ $file := .Get "file" }}").  Sets rule's
 * param or index; 0 if p is neither. */
static int
read_source(const char *text, const char *p, const char *end,
            struct id_rule *r, struct arena *a)
{
    while (p < end && *p == ' ')
        p++;
    if ((size_t)(end - p) > 5 && strncmp(p, ".Get ", 5) == 0) {
        p += 5;
        while (p < end && *p == ' ')
            p++;
        if (*p == '"') {
            const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));

            if (q == NULL)
                return 0;
            r->param = arena_strndup(a, p + 1, (size_t)(q - p - 1));
            return 1;
        }
        if (isdigit((unsigned char)*p)) {
            r->index = atoi(p);
            return 1;
        }
        return 0;
    }
    if (*p == '$') {
        /* "$file := .Get "file"" or "$file = .Get "file"" anywhere in
         * the template: the assignment that takes a parameter. */
        size_t n = 1;
        const char *d;

        while (p + n < end && (isalnum((unsigned char)p[n]) || p[n] == '_'))
            n++;
        for (d = text; (d = strstr(d, "$")) != NULL; d++) {
            const char *e = d + n;

            if (strncmp(d, p, n) != 0 || isalnum((unsigned char)*e) ||
                *e == '_')
                continue;
            while (*e == ' ')
                e++;
            if (strncmp(e, ":=", 2) == 0)
                e += 2;
            else if (*e == '=' && e[1] != '=')
                e += 1;
            else
                continue;
            if (read_source(text, e, e + strcspn(e, "}|"), r, a))
                return 1;
        }
    }
    return 0;
}

/* Reads the id an id="..." at p (its value from v to end) writes: a
 * literal, or one action on a parameter with urlize, anchorize or
 * lower; "." is what the nearest "with" before it names.  0 if it is
 * anything else. */
static int
read_id(const char *text, const char *v, const char *end, struct id_rule *r,
        struct arena *a)
{
    const char *act, *close, *bar;

    const char *open, *shut;

    memset(r, 0, sizeof *r);
    r->index = -1;
    if (memchr(v, '{', (size_t)(end - v)) == NULL) {
        r->literal = arena_strndup(a, v, (size_t)(end - v));
        return 1;
    }
    /* Text around one action: "note-{{ .Get 0 }}-x". */
    open = strstr(v, "{{");
    shut = open != NULL ? strstr(open, "}}") : NULL;
    if (open == NULL || open >= end || shut == NULL || shut + 2 > end ||
        memchr(shut + 2, '{', (size_t)(end - shut - 2)) != NULL ||
        memchr(v, '}', (size_t)(open - v)) != NULL)
        return 0;
    if (open > v)
        r->prefix = arena_strndup(a, v, (size_t)(open - v));
    if (shut + 2 < end)
        r->suffix = arena_strndup(a, shut + 2, (size_t)(end - shut - 2));
    v = open;
    end = shut + 2;
    act = v + 2 + (v[2] == '-');
    close = end - 2 - (end[-3] == '-');
    if ((bar = memchr(act, '|', (size_t)(close - act))) != NULL) {
        const char *f = bar + 1;

        while (*f == ' ')
            f++;
        r->how = strncmp(f, "urlize", 6) == 0 ? ID_URLIZE
               : strncmp(f, "anchorize", 9) == 0 ? ID_ANCHORIZE
               : strncmp(f, "lower", 5) == 0 ? ID_LOWER : (int)-1;
        if ((int)r->how == -1 || memchr(f, '|', (size_t)(close - f)) != NULL)
            return 0;
    } else {
        bar = close;
    }
    while (act < bar && *act == ' ')
        act++;
    if (*act == '.' && (act[1] == ' ' || act + 1 == bar)) {
        /* {{ with .Get "file" }}id="{{ . }}": the with's value */
        const char *w = NULL, *q;

        for (q = text; (q = strstr(q, "with ")) != NULL && q < v; q++)
            w = q;
        return w != NULL &&
               read_source(text, w + 5, w + 5 + strcspn(w + 5, "}"), r, a);
    }
    return read_source(text, act, bar, r, a);
}

/* Reads what a shortcode template does with its body and which ids it
 * writes.  A body is code when the template prints it in <pre>, <code>
 * or through highlight; hidden when it is only tested ("if .Inner").
 * Ids from literals and parameters are kept as rules (what.ids 2);
 * any other id makes them unknown (1). */
static void
read_template(const char *text, struct template *t, struct arena *a)
{
    struct gen_shortcode *out = &t->what;
    const char *p;
    int inner = 0, shown = 0, other = 0;

    for (p = text; (p = strstr(p, ".Inner")) != NULL; p += 6) {
        const char *q = p;

        inner = 1;
        while (q > text && q[-1] == ' ')
            q--;
        if (!(q - text >= 2 && strncmp(q - 2, "if", 2) == 0))
            shown = 1;
    }
    out->body = !inner ? GEN_BODY_NONE
              : !shown ? GEN_BODY_HIDDEN
              : strstr(text, "<pre") != NULL || strstr(text, "<code") != NULL ||
                strstr(text, "highlight") != NULL ? GEN_BODY_CODE
              : GEN_BODY_PROSE;
    t->nrules = 0;
    for (p = text; (p = strstr(p, "id=")) != NULL; p += 3) {
        const char *v = p + 4, *end;

        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '-' ||
                         p[-1] == '_'))
            continue;           /* data-videoid= */
        if (p[3] != '"' || (end = strstr(v, "\"")) == NULL)
            continue;
        /* A quote inside the action ends it after it. */
        while (memchr(v, '{', (size_t)(end - v)) != NULL &&
               strstr(v, "}}") != NULL && strstr(v, "}}") > end)
            end = strstr(end + 1, "\"") != NULL ? strstr(end + 1, "\"")
                                                : end;
        if (t->nrules == TEMPLATE_MAX_IDS ||
            !read_id(text, v, end, &t->rules[t->nrules], a))
            other = 1;
        else
            t->nrules++;
    }
    if (other || strstr(text, ".Anchor") != NULL ||
        (strstr(text, "anchorize") != NULL && t->nrules == 0))
        out->ids = 1;
    else
        out->ids = t->nrules > 0 ? 2 : 0;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(((const struct template *)a)->name,
                  ((const struct template *)b)->name);
}

struct template_walk {
    struct hugo_conf *hc;
    struct arena *a;
    size_t from;                /* templates of earlier components end */
    size_t dirlen;              /* the shortcodes folder's path length */
};

static enum walk_action
template_entry(void *ctx, const char *path, const char *name,
               const struct stat *st)
{
    struct template_walk *tw = ctx;
    struct hugo_conf *hc = tw->hc;
    struct gen_shortcode what;
    struct template *t, one;
    char *text, *tname, *dot;
    size_t len, i;

    if (name[0] == '.')
        return WALK_SKIP;
    if (S_ISDIR(st->st_mode))
        return WALK_GO;
    /* "note.html", "note.en.html", "docs/tabs.html": the name is the
     * path below shortcodes/ up to the first dot of the file name. */
    tname = arena_strdup(tw->a, path + tw->dirlen + 1);
    dot = strchr(strrchr(tname, '/') != NULL ? strrchr(tname, '/') : tname,
                 '.');
    if (dot == NULL ||
        (text = gen_read_file(tw->a, path, TEMPLATE_MAX_BYTES, &len)) ==
            NULL)
        return WALK_SKIP;
    *dot = '\0';
    gen_strip_comments(text);
    memset(&one, 0, sizeof one);
    read_template(text, &one, tw->a);
    what = one.what;
    for (i = 0; i < hc->nshortcodes; i++)
        if (strcmp(hc->shortcodes[i].name, tname) == 0)
            break;
    if (i < tw->from)
        return WALK_SKIP;       /* an earlier component's wins */
    if (i < hc->nshortcodes) {
        /* Another variant ("note.amp.html"): what either does. */
        t = &hc->shortcodes[i];
        if (t->what.body == GEN_BODY_NONE ||
            (t->what.body < what.body && what.body != GEN_BODY_NONE))
            t->what.body = what.body;
        if (what.ids != t->what.ids)
            t->what.ids = what.ids == 0 ? t->what.ids
                        : t->what.ids == 0 ? what.ids : 1;
        return WALK_SKIP;
    }
    t = ARENA_PUSH(tw->a, hc->shortcodes, hc->nshortcodes,
                   hc->shortcodes_cap);
    *t = one;
    t->name = tname;
    return WALK_SKIP;
}

/* Reads the shortcode templates of every component, the site's first. */
static void
read_shortcodes(struct hugo_conf *hc, struct arena *a)
{
    static const char *const dirs[] = {
        "layouts/shortcodes", "layouts/_shortcodes",
    };
    size_t i, k;

    for (i = 0; i < hc->ncomponents; i++) {
        struct template_walk tw = { hc, a, hc->nshortcodes, 0 };

        for (k = 0; k < sizeof dirs / sizeof dirs[0]; k++) {
            const char *dir = gen_join(a, hc->components[i], dirs[k]);

            tw.dirlen = strlen(dir);
            if (gen_is_dir(dir))
                walk_tree(dir, dir, hc->components[i], template_entry, &tw,
                          WALK_DEPEND);
        }
    }
    if (hc->nshortcodes > 1)
        qsort(hc->shortcodes, hc->nshortcodes, sizeof *hc->shortcodes,
              by_name);
}

static void
shortcode(const struct site *site, const char *name,
          struct gen_shortcode *out)
{
    const struct hugo_conf *hc = conf(site);
    struct template key = { .name = name };
    const struct template *t = hc->nshortcodes == 0 ? NULL
        : bsearch(&key, hc->shortcodes, hc->nshortcodes,
                  sizeof *hc->shortcodes, by_name);

    if (t != NULL)
        *out = t->what;
    else
        gen_builtin_shortcode(name, out);
}

static void read_layouts(struct hugo_conf *hc, struct arena *a);
static const char *find_layout(void *ctx, const char *rel, struct arena *a);
static const char *find_partial(void *ctx, const char *name,
                                struct arena *a);

/* Is the action at p ("- .Anchor | safeURL -}}\"") goldmark's id as
 * it is, .Anchor with at most safeURL or safeHTMLAttr? */
static int
anchor_id(const char *p)
{
    p += *p == '-';
    while (*p == ' ')
        p++;
    if (strncmp(p, ".Anchor", 7) != 0)
        return 0;
    p += 7;
    while (*p == ' ')
        p++;
    if (*p == '|') {
        for (p++; *p == ' '; p++)
            continue;
        if (strncmp(p, "safeURL", 7) == 0)
            p += 7;
        else if (strncmp(p, "safeHTMLAttr", 12) == 0)
            p += 12;
        else
            return 0;
        while (*p == ' ')
            p++;
    }
    p += *p == '-';
    return strncmp(p, "}}\"", 3) == 0;
}

/* Does the site's render-heading hook (and the partials it calls) give
 * a heading goldmark's id, .Anchor?  Also when there is no hook; not when
 * the hook or a partial it calls cannot be read (a theme module that is
 * not on disk, as Docsy's). */
static int
heading_ids_known(const struct hugo_conf *hc, struct arena *a)
{
    const char *path = find_layout((void *)hc,
                                   "_default/_markup/render-heading.html", a);
    struct buf all = { 0 };
    char *text, *p;
    size_t len;
    int known;

    if (path == NULL)
        path = find_layout((void *)hc, "_markup/render-heading.html", a);
    if (path == NULL)
        return 1;
    if ((text = gen_read_file(a, path, TEMPLATE_MAX_BYTES, &len)) == NULL)
        return 0;
    gen_strip_comments(text);
    buf_adds(&all, text);
    for (p = text; (p = strstr(p, "partial")) != NULL; p += 7) {
        const char *name = p + 7, *end, *sub;
        char *subtext;

        while (*name == ' ' || *name == '(')
            name++;
        if (*name != '"' || (end = strchr(name + 1, '"')) == NULL)
            continue;
        sub = find_partial((void *)hc, arena_strndup(a, name + 1,
                                                     (size_t)(end - name - 1)),
                           a);
        if (sub == NULL ||
            (subtext = gen_read_file(a, sub, TEMPLATE_MAX_BYTES, &len)) ==
                NULL) {
            buf_free(&all);
            return 0;           /* what it writes cannot be seen */
        }
        gen_strip_comments(subtext);
        buf_adds(&all, subtext);
    }
    known = 0;
    for (p = all.p; p != NULL && (p = strstr(p, "id=\"{{")) != NULL; p++)
        known |= anchor_id(p + 6);
    buf_free(&all);
    return known;
}

/* Which of the components' render hooks (the first found of each,
 * site first) resolve a destination themselves: a hook that looks a page
 * or resource up (GetPage, ref, Resources, site data) decides where a
 * link leads; one that only adds attributes does not. */
static unsigned
read_hooks(const struct hugo_conf *hc, struct arena *a)
{
    static const char *const names[2] = { "render-link", "render-image" };
    static const char *const lookups[] = {
        "GetPage", "relref", "ref ", "Resources", ".Site.Data", "site.Data",
    };
    unsigned hooks = 0;
    size_t h, i, k, len;

    for (h = 0; h < 2; h++) {
        for (i = 0; i < hc->ncomponents; i++) {
            const char *dirs[2] = { "layouts/_default/_markup",
                                    "layouts/_markup" };
            char *text = NULL;

            for (k = 0; k < 2 && text == NULL; k++)
                text = gen_read_file(a, arena_printf(a, "%s/%s/%s.html",
                                       hc->components[i], dirs[k],
                                       names[h]), TEMPLATE_MAX_BYTES, &len);
            if (text == NULL)
                continue;
            gen_strip_comments(text);
            for (k = 0; k < sizeof lookups / sizeof lookups[0]; k++)
                if (strstr(text, lookups[k]) != NULL)
                    hooks |= h == 0 ? HOOK_LINK : HOOK_IMAGE;
            break;              /* the first component's hook is used */
        }
    }
    return hooks;
}

static unsigned
hooks(const struct site *site)
{
    return conf(site)->hooks;
}

/* A file (a name with an extension) a theme or module that is not on
 * disk may serve: Hugo mounts its static folder at the root. */
static int
unseen(const struct site *site, const char *path)
{
    const char *base = strrchr(path, '/');

    return conf(site)->missing > 0 &&
           strchr(base != NULL ? base : path, '.') != NULL;
}

/* ---- opening the site ------------------------------------------------- */

static void
open_site(struct site *site, struct arena *a)
{
    struct hugo_conf *hc = arena_alloc(a, sizeof *hc);
    const struct fm_node *cfg, *langs, *mounts, *imports;
    const char *dirs[16], *themes_dir, *content;
    size_t i, n;

    cfg = load_config(site, a);
    langs = fm_get(cfg, "languages");
    /* Hugo lower-cases config keys: [languages.pt-BR] is published
     * under /pt-br/. */
    site->default_lang = arena_strlower(a, gen_config_str(
                             cfg, "defaultContentLanguage", "en"));
    site->language_code = gen_config_str(cfg, "languageCode", NULL);
    site->base_url = gen_config_str(cfg, "baseURL", NULL);
    site->cfg = cfg;
    site->menus = menus_of(cfg);
    hc->ugly_urls = gen_config_bool(cfg, "uglyURLs", 0);
    if (fm_get(cfg, "uglyURLs") != NULL &&
        fm_get(cfg, "uglyURLs")->type == FM_MAP)
        hc->ugly_sections = fm_get(cfg, "uglyURLs");
    hc->lang_in_subdir = gen_config_bool(cfg, "defaultContentLanguageInSubdir",
                                         0);
    hc->path_to_lower = !gen_config_bool(cfg, "disablePathToLower", 0);
    hc->remove_accents = gen_config_bool(cfg, "removePathAccents", 0);
    {
        const struct fm_node *p = fm_get(fm_get(fm_get(cfg, "markup"),
                                                "goldmark"), "parser");
        const char *type = gen_config_str(p, "autoHeadingIDType", "github");

        hc->no_auto_ids = !gen_config_bool(p, "autoHeadingID", 1);
        hc->ids = strcasecmp(type, "github-ascii") == 0 ? IDS_GITHUB_ASCII
                : strcasecmp(type, "blackfriday") == 0 ? IDS_BLACKFRIDAY
                : IDS_GITHUB;
    }
    hc->more_outputs = other_outputs(fm_get(cfg, "outputs"));
    hc->build_future = gen_config_bool(cfg, "buildFuture", 0);
    hc->build_expired = gen_config_bool(cfg, "buildExpired", 0);
    site->gen_conf = hc;
    mounts = fm_get(fm_get(cfg, "module"), "mounts");
    if (langs != NULL && langs->type == FM_MAP) {
        site->languages = arena_alloc(a, langs->nkids *
                                         sizeof *site->languages);
        site->lang_menus = arena_alloc(a, langs->nkids *
                                          sizeof *site->lang_menus);
        for (i = 0; i < langs->nkids; i++) {
            const struct fm_node *l = langs->kids[i];
            const char *ldir = gen_config_str(l, "contentDir", NULL);

            site->languages[site->nlanguages++] =
                arena_strlower(a, l->key);
            if (menus_of(l) != NULL) {
                site->lang_menus[site->nlang_menus].lang = l->key;
                site->lang_menus[site->nlang_menus++].menus = menus_of(l);
            }
            if (ldir != NULL && mounts == NULL)
                gen_add_content_mount(site, a, gen_join(a, site->root, ldir),
                                      "", l->key);
            if (strcasecmp(l->key, site->default_lang) == 0 &&
                site->language_code == NULL)
                site->language_code = gen_config_str(l, "languageCode", NULL);
        }
    }
    if (!add_mounts(site, a, mounts, "content")) {
        content = gen_config_str(cfg, "contentDir", "content");
        gen_add_content_mount(site, a, gen_join(a, site->root, content), "",
                              NULL);
    }
    if (!add_mounts(site, a, mounts, "static")) {
        gen_string_list(fm_get(cfg, "staticDir"), dirs, 16, &n);
        if (n == 0) {
            dirs[0] = "static";
            n = 1;
        }
        for (i = 0; i < n; i++)
            gen_add_mount(site, a, gen_join(a, site->root, dirs[i]), "/", 1,
                          NULL);
    }
    if (!add_mounts(site, a, mounts, "assets"))
        add_assets(hc, a, gen_join(a, site->root,
                                   gen_config_str(cfg, "assetDir", "assets")));
    *ARENA_PUSH(a, hc->components, hc->ncomponents, hc->components_cap) =
        site->root;
    themes_dir = gen_config_str(cfg, "themesDir", "themes");
    gen_string_list(fm_get(cfg, "theme"), dirs, 16, &n);
    for (i = 0; i < n; i++)
        add_component(site, hc, a, arena_printf(a, "%s/%s",
                      gen_join(a, site->root, themes_dir), dirs[i]));
    /* Modules present on disk: vendored, or a theme folder of the
     * module's last path element. */
    imports = fm_get(fm_get(cfg, "module"), "imports");
    for (i = 0; imports != NULL && imports->type == FM_SEQ &&
                i < imports->nkids; i++) {
        const char *path = gen_config_str(imports->kids[i], "path", NULL);
        const char *vend, *last, *cached;

        if (path == NULL || strstr(path, "..") != NULL)
            continue;
        vend = gen_join(a, site->root, arena_printf(a, "_vendor/%s", path));
        last = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
        if (gen_is_dir(vend))
            add_component(site, hc, a, vend);
        else if ((cached = module_in_cache(site, cfg, path, a)) != NULL)
            add_component(site, hc, a, cached);
        else
            add_component(site, hc, a, arena_printf(a, "%s/%s",
                          gen_join(a, site->root, themes_dir), last));
    }
    read_shortcodes(hc, a);
    read_layouts(hc, a);
    hc->hooks = read_hooks(hc, a);
    hc->heading_ids_unknown = !heading_ids_known(hc, a);
}

/* The first of keys the front matter sets as a date: "2026-11-27". */
static const char *
date_of(const struct page *pg, const char *const *keys)
{
    size_t i;

    int y, m, d;

    for (i = 0; keys[i] != NULL; i++) {
        const char *v = fm_str(pg->fm, keys[i]);

        if (permalink_iso_date(v, &y, &m, &d))
            return v;
    }
    return NULL;
}

/* A page's date for permalinks, as numbers.  known: 1 dated, 0 not (Go's
 * zero time, 0001-01-01), -1 when the handler that would decide is not
 * known here (":fileModTime", ":git"). */
struct hugo_date {
    int known;
    int y, m, d;
};

/* The page's date as Hugo's [frontmatter] date config takes it: the
 * first handler in the list that gives one (default: date, then
 * publishDate and its aliases, then lastmod and its).  ":filename" takes
 * a "2024-01-02-" (or "2024-01-02-10-20-30-") prefix of base, the file's
 * name, and gives the rest as the slug in *fslug when the front matter
 * sets none. */
static struct hugo_date
hugo_date(const struct page *pg, const char *base, const char **fslug,
          struct arena *a)
{
    static const char *const dflt[] = {
        "date", "publishDate", "pubdate", "published", "lastmod", "modified",
        NULL,
    };
    const struct fm_node *fmc = fm_get(pg->site->cfg, "frontmatter");
    const struct fm_node *list = fm_get(fmc, "date");
    struct hugo_date dt = { 0, 1, 1, 1 };
    const char *v = NULL;
    size_t i, k, n = list == NULL ? 1
                   : list->type == FM_SEQ ? list->nkids : 1;

    *fslug = NULL;
    for (i = 0; i < n && v == NULL; i++) {
        const struct fm_node *e = list == NULL ? NULL
                                : list->type == FM_SEQ ? list->kids[i] : list;
        const char *h = e == NULL ? ":default"
                      : e->type == FM_SCALAR ? e->str : "";
        const char *keys[2] = { h, NULL };

        if (strcasecmp(h, ":default") == 0) {
            v = date_of(pg, dflt);
        } else if (strcasecmp(h, ":filename") == 0) {
            size_t at = 10, len;

            if (!permalink_iso_date(base, &dt.y, &dt.m, &dt.d))
                continue;
            if (strlen(base) >= 19 && base[10] == '-' &&
                strspn(base + 11, "0123456789") == 2 && base[13] == '-' &&
                strspn(base + 14, "0123456789") == 2 && base[16] == '-' &&
                strspn(base + 17, "0123456789") == 2)
                at = 19;
            v = base;
            for (k = at; base[k] != '\0' && strchr(" -_", base[k]); k++)
                continue;
            len = strlen(base + k);
            while (len > 0 && strchr(" -_", base[k + len - 1]) != NULL)
                len--;
            if (fm_str(pg->fm, "slug") == NULL)
                *fslug = arena_strndup(a, base + k, len);
        } else if (h[0] == ':') {
            dt.known = -1;      /* :fileModTime, :git */
            return dt;
        } else {
            v = date_of(pg, keys);
        }
    }
    if (v != NULL && permalink_iso_date(v, &dt.y, &dt.m, &dt.d) &&
        dt.m >= 1 && dt.m <= 12 && dt.d >= 1 && dt.d <= 31)
        dt.known = 1;
    else
        dt.y = dt.m = dt.d = 1;
    return dt;
}

/* ---- a page's URL and the lists around it ------------------------------ */

struct hugo_page {
    const char *dir;            /* "about/xsf" or "" */
    const char *name;           /* file name without extensions */
    const char *section;        /* first folder, or "" */
    int list;                   /* _index.md: a section or the home page */
    int bundle;                 /* index.md: a leaf bundle */
    const char *base;           /* what :filename and :contentbasename
                                 * name: name, or a bundle's or section's
                                 * folder */
    const char *slug;           /* the front matter's, or the one a
                                 * :filename date handler gives; or NULL */
    struct hugo_date date;
};

static const char *
hugo_pattern(const struct site *site, const struct hugo_page *hp)
{
    const struct fm_node *pl = fm_get(site->cfg, "permalinks"), *kind, *v;

    if (pl == NULL || pl->type != FM_MAP)
        return NULL;
    kind = fm_get(pl, hp->list ? "section" : "page");
    if (kind != NULL && kind->type == FM_MAP) {
        v = fm_get(kind, hp->section);
        return v != NULL && v->type == FM_SCALAR ? v->str : NULL;
    }
    if (hp->list)
        return NULL;            /* the old flat form is for pages only */
    v = fm_get(pl, hp->section);
    return v != NULL && v->type == FM_SCALAR ? v->str : NULL;
}

/* Does a permalink token (Hugo's ":\w+(\[.+?\])?") start at p?  Its
 * name's length in *n, its cut's ("[1:]", or 0) in *cut. */
static int
permalink_token(const char *p, size_t *n, size_t *cut)
{
    const char *close;

    if (p[0] != ':' || !(isalnum((unsigned char)p[1]) || p[1] == '_'))
        return 0;
    for (*n = 1; isalnum((unsigned char)p[1 + *n]) || p[1 + *n] == '_';
         ++*n)
        continue;
    *cut = 0;
    if (p[1 + *n] == '[' && p[2 + *n] != ']' &&
        (close = strchr(p + 2 + *n, ']')) != NULL)
        *cut = (size_t)(close - (p + 1 + *n)) + 1;
    return 1;
}

/* The folder of the page's current section, as Hugo's CurrentSection:
 * the nearest folder above it (itself, for a section's _index.md; not a
 * leaf bundle's own) that is a section, which a first-level folder always
 * is and a deeper one only with an _index file; "" for the home. */
static const char *
current_section(const struct site *site, const struct hugo_page *hp,
                struct arena *a)
{
    char *d = arena_strdup(a, hp->dir), *slash;

    if (hp->bundle && (slash = strrchr(d, '/')) != NULL)
        *slash = '\0';
    else if (hp->bundle)
        d[0] = '\0';
    while (d[0] != '\0' && !hp->list) {
        if (strchr(d, '/') == NULL ||
            site_has_file(site, arena_printf(a, "/%s/_index.md", d)) ||
            site_has_file(site, arena_printf(a, "/%s/_index.html", d)))
            break;
        slash = strrchr(d, '/');
        *slash = '\0';
    }
    return d;
}

/* One bound of a cut, s[0, len): a number, "last" (n - 1), or dflt when
 * empty (toSliceFunc's toNFunc). */
static size_t
cut_bound(const char *s, size_t len, size_t n, size_t dflt)
{
    size_t v = 0, i;

    if (len == 0)
        return dflt;
    if (len == 4 && strncasecmp(s, "last", 4) == 0)
        return n > 0 ? n - 1 : 0;
    for (i = 0; i < len && isdigit((unsigned char)s[i]) && v < n + 1; i++)
        v = v * 10 + (size_t)(s[i] - '0');
    return v;
}

/* ":sections[1:]", "[last]", "[0]", "[:2]" of the section folder's parts,
 * joined with '/' onto b (toSliceFunc); an empty cut is all of them. */
static void
sections_cut(struct buf *b, const char *dir, const char *cut, size_t len)
{
    const char *part[64], *p = dir, *in, *colon;
    size_t n = 0, lo, hi, i, inlen;

    while (*p != '\0' && n < 64) {
        part[n++] = p;
        p += strcspn(p, "/");
        if (*p == '/')
            p++;
    }
    if (len == 0) {
        lo = 0;
        hi = n;
    } else if (len < 3 || cut[0] != '[' || cut[len - 1] != ']') {
        return;
    } else {
        in = cut + 1;
        inlen = len - 2;
        if ((colon = memchr(in, ':', inlen)) == NULL) {
            lo = cut_bound(in, inlen, n, 0);
            hi = lo + 1;
        } else {
            lo = cut_bound(in, (size_t)(colon - in), n, 0);
            hi = cut_bound(colon + 1, inlen - (size_t)(colon - in) - 1, n, n);
        }
        if (lo >= n)
            return;             /* out of range: nothing */
        if (hi > n)
            hi = n;
    }
    for (i = lo; i < hi; i++) {
        if (i > lo)
            buf_addc(b, '/');
        buf_add(b, part[i], strcspn(part[i], "/"));
    }
}

/* Go's time.Format of a date for layout tok[0, n), or -1 when the layout
 * asks for more than a date (a time, a zone) or is no layout at all. */
static int
go_date(struct buf *b, const char *tok, size_t n, int y, int mo, int d,
        int wd, int yd)
{
    static const char *const month[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    };
    static const char *const day[] = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday",
    };
    size_t i = 0, at = b->len;
    int any = 0;

    while (i < n) {
        const char *t = tok + i;
        size_t left = n - i;

#define IS(s) (left >= sizeof(s) - 1 && memcmp(t, s, sizeof(s) - 1) == 0)
        if (IS("January")) {
            buf_adds(b, month[mo - 1]), i += 7;
        } else if (IS("Jan")) {
            buf_addf(b, "%.3s", month[mo - 1]), i += 3;
        } else if (IS("Monday")) {
            buf_adds(b, day[wd]), i += 6;
        } else if (IS("Mon")) {
            buf_addf(b, "%.3s", day[wd]), i += 3;
        } else if (IS("2006")) {
            buf_addf(b, "%04d", y), i += 4;
        } else if (IS("002")) {
            buf_addf(b, "%03d", yd), i += 3;
        } else if (IS("01")) {
            buf_addf(b, "%02d", mo), i += 2;
        } else if (IS("02")) {
            buf_addf(b, "%02d", d), i += 2;
        } else if (IS("06")) {
            buf_addf(b, "%02d", y % 100), i += 2;
        } else if (IS("15") || IS("03") || IS("04") || IS("05") ||
                   IS("PM") || IS("pm") || IS("MST") || IS("Z07") ||
                   IS("-07") || IS("_2") || IS("__2")) {
            b->len = at;
            return -1;          /* a time, a zone, a padded day */
        } else if (t[0] == '1') {
            buf_addf(b, "%d", mo), i += 1;
        } else if (t[0] == '2') {
            buf_addf(b, "%d", d), i += 1;
        } else {
            buf_addc(b, t[0]), i += 1;
            continue;
        }
#undef IS
        any = 1;
    }
    if (!any) {
        b->len = at;
        return -1;
    }
    return 0;
}

static void
hugo_token(struct buf *b, const struct page *pg, const struct hugo_page *hp,
           const char *tok, size_t n, const char *cut, size_t cut_len,
           struct arena *a)
{
    static const int before[] = {
        0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334,
    };
    static const int shift[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    const char *title = fm_str(pg->fm, "title"), *slug = hp->slug;
    const char *filename = hp->base;
    int y = hp->date.y, mo = hp->date.m, d = hp->date.d;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int yd = before[mo - 1] + d + (leap && mo > 2), yy = mo < 3 ? y - 1 : y;
    int wd = (yy + yy / 4 - yy / 100 + yy / 400 + shift[mo - 1] + d) % 7;

#define TOK(s) (n == sizeof(s) - 1 && memcmp(tok, s, n) == 0)
    if (hp->date.known < 0 && cut_len == 0 &&
        (TOK("year") || TOK("month") || TOK("monthname") || TOK("day") ||
         TOK("weekday") || TOK("weekdayname") || TOK("yearday")))
        buf_addc(b, PERMALINK_UNSURE);  /* a date from the file's mtime */
    else if (cut_len > 0 && TOK("sections"))
        sections_cut(b, current_section(pg->site, hp, a), cut, cut_len);
    else if (cut_len > 0)
        buf_addc(b, PERMALINK_UNSURE);  /* sectionslugs[...] */
    else if (TOK("year"))
        buf_addf(b, "%d", y);
    else if (TOK("month"))
        buf_addf(b, "%02d", mo);
    else if (TOK("monthname"))
        (void)go_date(b, "January", 7, y, mo, d, wd, yd);
    else if (TOK("day"))
        buf_addf(b, "%02d", d);
    else if (TOK("weekday"))
        buf_addf(b, "%d", wd);
    else if (TOK("weekdayname"))
        (void)go_date(b, "Monday", 6, y, mo, d, wd, yd);
    else if (TOK("yearday"))
        buf_addf(b, "%d", yd);
    else if (TOK("title") || ((TOK("slug")) && slug == NULL)) {
        /* A page with no title has none (page__meta.go); a section's is
         * made from its folder's name. */
        if (title == NULL)
            title = hp->list ? filename : "";
        permalink_urlize(b, title, strlen(title), 0);
    }
    else if (TOK("slug"))
        permalink_urlize(b, slug, strlen(slug), 0);
    else if ((TOK("slugorfilename") || TOK("slugorcontentbasename")) &&
             slug != NULL)
        permalink_urlize(b, slug, strlen(slug), 0);
    else if (TOK("filename") || TOK("contentbasename") ||
             TOK("slugorfilename") || TOK("slugorcontentbasename"))
        permalink_urlize(b, filename, strlen(filename), 0);
    else if (TOK("section"))
        buf_adds(b, hp->section);
    else if (TOK("sections"))
        buf_adds(b, current_section(pg->site, hp, a));
    else if (TOK("sectionslug") || TOK("sectionslugs"))
        buf_addc(b, PERMALINK_UNSURE);  /* the section page's slug */
    else if (go_date(b, tok, n, y, mo, d, wd, yd) != 0)
        buf_add(b, tok - 1, n + 1);     /* unknown: kept as written */
#undef TOK
}

static int
ends_with_html(const char *s)
{
    size_t n = strlen(s);

    return n >= 5 && strcmp(s + n - 5, ".html") == 0;
}

/* Are the pages of section ugly (IsUglyURLs): uglyURLs true, or true
 * for that section in its map? */
static int
is_ugly(const struct site *site, const char *section)
{
    const struct fm_node *m = conf(site)->ugly_sections;
    size_t i;

    if (m == NULL)
        return conf(site)->ugly_urls;
    for (i = 0; i < m->nkids; i++)
        if (strcasecmp(m->kids[i]->key, section) == 0)
            return gen_config_bool(m, m->kids[i]->key, 0);
    return 0;
}

/* path (in b from at, ending in '/' or not) as an ugly URL: "x.html". */
static void
make_ugly(struct buf *b, size_t at)
{
    while (b->len > at && b->p[b->len - 1] == '/')
        b->len--;
    if (b->len > at)
        buf_adds(b, ".html");
    else
        buf_addc(b, '/');
}

/* What Hugo's MakePath does after Sanitize to b from byte at on:
 * accents removed (removePathAccents); then, if lower, lower case (as
 * MakePathSanitized unless disablePathToLower). */
static void
sanitized(const struct site *site, struct buf *b, size_t at, int lower)
{
    if (conf(site)->remove_accents)
        permalink_remove_accents(b, at);
    if (lower)
        permalink_lower(b, at);
}

/* Hugo's urlize of s onto b: Sanitize, then sanitized(). */
static void
urlize(const struct site *site, struct buf *b, const char *s, size_t len,
       int lower)
{
    size_t at = b->len;

    permalink_urlize(b, s, len, 0);
    sanitized(site, b, at, lower);
}

/* pat with its tokens expanded onto b. */
static void
hugo_expand(struct buf *b, const struct page *pg, const struct hugo_page *hp,
            const char *pat, struct arena *a)
{
    size_t n, cut;

    while (*pat != '\0')
        if (permalink_token(pat, &n, &cut)) {
            hugo_token(b, pg, hp, pat + 1, n, pat + 1 + n, cut, a);
            pat += 1 + n + cut;
        } else {
            buf_addc(b, *pat++);
        }
}

static int
is_multilingual(const struct site *site)
{
    return site->nlanguages > 1;
}

/* Hugo's LanguagePrefix: the default language's with
 * defaultContentLanguageInSubdir (one language or more), another's on a
 * multilingual site, lower case as the config's keys are. */
static const char *
lang_prefix(const struct page *pg)
{
    const struct site *site = pg->site;
    size_t i;

    if (strcasecmp(pg->lang, site->default_lang) == 0)
        return conf(site)->lang_in_subdir ? site->default_lang : "";
    if (!is_multilingual(site))
        return "";
    for (i = 0; i < site->nlanguages; i++)
        if (strcasecmp(site->languages[i], pg->lang) == 0)
            return site->languages[i];
    return pg->lang;
}

static const char *
hugo_url(const struct page *pg, const char *rel, struct arena *a,
         struct hugo_page *hp)
{
    const struct site *site = pg->site;
    const char *url = fm_str(pg->fm, "url"), *slug = fm_str(pg->fm, "slug");
    const char *slash = strrchr(rel, '/'), *pat, *fslug;
    const char *base = slash ? slash + 1 : rel;
    struct buf b = { 0 };
    char *name, *dot;

    hp->dir = slash ? arena_strndup(a, rel, (size_t)(slash - rel)) : "";
    name = arena_strdup(a, base);
    if ((dot = strrchr(name, '.')) != NULL)
        *dot = '\0';            /* the extension */
    if ((dot = strrchr(name, '.')) != NULL &&
        site_is_language(site, dot + 1, strlen(dot + 1)))
        *dot = '\0';            /* "page.de" */
    hp->name = name;
    hp->list = strcmp(name, "_index") == 0;
    hp->bundle = strcmp(name, "index") == 0;
    hp->section = arena_strndup(a, hp->dir, strcspn(hp->dir, "/"));
    if (slug != NULL && (slug[0] == '-' || (slug[0] != '\0' &&
                                            slug[strlen(slug) - 1] == '-'))) {
        /* "Don't start or end with a -" (page__meta.go). */
        size_t lo = strspn(slug, "-"), hi = strlen(slug);

        while (hi > lo && slug[hi - 1] == '-')
            hi--;
        slug = arena_strndup(a, slug + lo, hi - lo);
    }
    hp->base = !hp->bundle && !hp->list ? hp->name
             : strrchr(hp->dir, '/') != NULL ? strrchr(hp->dir, '/') + 1
             : hp->dir;
    hp->date = hugo_date(pg, hp->base, &fslug, a);
    if (slug == NULL)
        slug = fslug;
    hp->slug = slug;

    if (url != NULL && strchr(url, ':') != NULL) {
        /* Tokens in url are expanded too: "/z/:slug/" (page__paths.go). */
        struct buf x = { 0 };

        hugo_expand(&x, pg, hp, url, a);
        url = arena_strdup(a, x.p != NULL ? x.p : "");
        buf_free(&x);
    }
    if (url != NULL) {
        /* Taken as written, with the language prefix when relative.  A
         * url without an extension is a folder, written as its
         * index.html: relative links resolve from inside it. */
        const char *last = strrchr(url, '/');

        buf_addf(&b, "/%s/%s", url[0] == '/' ? "" : lang_prefix(pg), url);
        if (b.len > 0 && b.p[b.len - 1] != '/' &&
            strchr(last != NULL ? last : url, '.') == NULL)
            buf_addc(&b, '/');
    } else if (hp->dir[0] != '\0' &&
               (pat = hugo_pattern(site, hp)) != NULL) {
        size_t at;
        struct buf expanded = { 0 };

        buf_addf(&b, "/%s/", lang_prefix(pg));
        at = b.len;
        hugo_expand(&b, pg, hp, pat, a);
        /* The expansion is one element of the path, sanitized whole
         * (pagePathBuilder.Sanitize): ":sections" as written, too. */
        buf_add(&expanded, b.p + at, b.len - at);
        b.len = at;
        urlize(site, &b, expanded.p != NULL ? expanded.p : "", expanded.len,
               conf(site)->path_to_lower);
        buf_free(&expanded);
        if (!hp->list && is_ugly(site, hp->section))
            make_ugly(&b, at);
    } else {
        size_t at;

        buf_addf(&b, "/%s/", lang_prefix(pg));
        at = b.len;
        permalink_urlize(&b, hp->dir, strlen(hp->dir), 0);
        if (!hp->list && !hp->bundle) {
            buf_addc(&b, '/');
            if (slug != NULL)
                permalink_urlize(&b, slug, strlen(slug), 0);
            else
                permalink_urlize(&b, name, strlen(name), 0);
        } else if (slug != NULL && hp->bundle && hp->dir[0] != '\0') {
            /* A bundle's slug replaces its folder's name. */
            const char *last = strrchr(hp->dir, '/');

            b.len = at + (last ? (size_t)(last - hp->dir) + 1 : 0);
            permalink_urlize(&b, slug, strlen(slug), 0);
        }
        sanitized(site, &b, at, conf(site)->path_to_lower);
        /* A leaf bundle is a page: ugly too ("/posts/bun.html"). */
        if (!hp->list && is_ugly(site, hp->section))
            make_ugly(&b, at);
        else
            buf_addc(&b, '/');
    }
    url = permalink_clean_url(a, b.p != NULL ? b.p : "/");
    buf_free(&b);
    return url;
}

/* The permalinks pattern for the taxonomy plural's kind ("term" or
 * "taxonomy"), or NULL: [permalinks.term] tags = "...", or for terms the
 * flat [permalinks] tags = "..." that pages share. */
static const char *
taxonomy_pattern(const struct site *site, const char *kind,
                 const char *plural)
{
    const struct fm_node *pl = fm_get(site->cfg, "permalinks"), *v;

    if (pl == NULL || pl->type != FM_MAP)
        return NULL;
    v = fm_get(fm_get(pl, kind), plural);
    if (v == NULL && strcmp(kind, "term") == 0)
        v = fm_get(pl, plural);
    return v != NULL && v->type == FM_SCALAR ? v->str : NULL;
}

/* pat expanded for a term (or, with term NULL, the taxonomy) onto b: a
 * term's title is the term, its section the taxonomy; a token that means
 * nothing sitelint knows of them stands as PERMALINK_UNSURE. */
static void
taxonomy_expand(struct buf *b, const char *pat, const char *plural,
                const char *term, size_t term_len)
{
    size_t n, cut;

    while (*pat != '\0') {
        if (!permalink_token(pat, &n, &cut)) {
            buf_addc(b, *pat++);
            continue;
        }
#define TOK(s) (cut == 0 && n == sizeof(s) - 1 && memcmp(pat + 1, s, n) == 0)
        if (TOK("slug") || TOK("title") || TOK("slugorfilename") ||
            TOK("slugorcontentbasename"))
            buf_add(b, term != NULL ? term : plural,
                    term != NULL ? term_len : strlen(plural));
        else if (TOK("section") || TOK("sections"))
            buf_adds(b, plural);
        else
            buf_addc(b, PERMALINK_UNSURE);
#undef TOK
        pat += 1 + n + cut;
    }
}

/* The path of the taxonomy plural's list (kind "taxonomy", term NULL) or
 * of its term's (kind "term"), onto b with the page's language prefix:
 * its permalinks pattern expanded and sanitized whole, else "plural/"
 * and the term urlized.  No '/' after the last part. */
static void
taxonomy_path(const struct page *pg, struct buf *b, const char *kind,
              const char *plural, const char *term, size_t term_len)
{
    const char *pat = taxonomy_pattern(pg->site, kind, plural);
    int lower = conf(pg->site)->path_to_lower;
    struct buf x = { 0 };

    buf_addf(b, "/%s/", lang_prefix(pg));
    if (pat != NULL) {
        /* [permalinks] tags = "/topic/:slug/": the term's title is the
         * term, sanitized with the rest. */
        taxonomy_expand(&x, pat, plural, term, term_len);
        urlize(pg->site, b, x.p != NULL ? x.p : "", x.len, lower);
        buf_free(&x);
    } else if (term == NULL) {
        buf_adds(b, plural);
    } else {
        buf_addf(b, "%s/", plural);
        urlize(pg->site, b, term, term_len, lower);
    }
}

/* Hugo's list pages around a page: the home page, its top-level section,
 * and the taxonomy and term pages its front matter puts it on. */
static void
hugo_lists(const struct page *pg, const struct hugo_page *hp,
           struct page_urls *more, struct arena *a)
{
    static const char *const dflt[] = { "tags", "categories" };
    const struct fm_node *tax = fm_get(pg->site->cfg, "taxonomies");
    const char *lp = lang_prefix(pg);
    struct buf b = { 0 };
    size_t i, k, ntax;

    *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
        permalink_clean_url(a, arena_printf(a, "/%s/", lp));
    if (hp->section[0] != '\0') {
        buf_addf(&b, "/%s/", lp);
        urlize(pg->site, &b, hp->section, strlen(hp->section),
               conf(pg->site)->path_to_lower);
        buf_addc(&b, '/');
        *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
            permalink_clean_url(a, b.p);
    }
    ntax = tax != NULL && tax->type == FM_MAP ? tax->nkids : 2;
    for (i = 0; i < ntax; i++) {
        const char *plural = tax != NULL && tax->type == FM_MAP
            ? tax->kids[i]->str : dflt[i];
        const struct fm_node *terms = fm_get(pg->fm, plural);

        if (plural == NULL || terms == NULL)
            continue;
        buf_reset(&b);
        taxonomy_path(pg, &b, "taxonomy", plural, NULL, 0);
        buf_addc(&b, '/');
        *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
            permalink_clean_url(a, b.p);
        for (k = 0; k < (terms->type == FM_SEQ ? terms->nkids : 1); k++) {
            const struct fm_node *t = terms->type == FM_SEQ
                ? terms->kids[k] : terms;

            if (t->type != FM_SCALAR || t->len == 0)
                continue;
            buf_reset(&b);
            taxonomy_path(pg, &b, "term", plural, t->str, t->len);
            /* A term is not a section: ugly URLs make it /tags/go.html. */
            if (is_ugly(pg->site, plural))
                make_ugly(&b, 0);
            else
                buf_addc(&b, '/');
            *ARENA_PUSH(a, more->lists, more->nlists, more->lists_cap) =
                permalink_clean_url(a, b.p);
        }
    }
    buf_free(&b);
}

/* Files Hugo makes for every list page: feeds, pagers. */
static int
makes(const struct site *site, const char *path, struct arena *a)
{
    size_t n = strlen(path);
    const char *p, *list, *base = strrchr(path, '/');

    if (strcmp(path, "/sitemap.xml") == 0 || strcmp(path, "/robots.txt") == 0
        || strcmp(path, "/404.html") == 0)
        return 1;
    if (n >= 10 && strcmp(path + n - 10, "/index.xml") == 0) {
        list = arena_strndup(a, path, n - 9);
    } else if (base != NULL && strncmp(base, "/index.", 7) == 0 &&
               conf(site)->more_outputs) {
        /* index.json and the like: a list page in another output
         * format the config asks for. */
        list = arena_strndup(a, path, (size_t)(base - path) + 1);
    } else if ((p = strstr(path, "/page/")) != NULL &&
               isdigit((unsigned char)p[6])) {
        list = arena_strndup(a, path, (size_t)(p - path) + 1);
    } else {
        return 0;
    }
    return site_has_url(site, list, a);
}

/* The length of url's folder, with its slash: "/posts/a/" → "/posts/". */
static size_t
parent_len(const char *url)
{
    size_t n = strlen(url);

    if (n > 1 && url[n - 1] == '/')
        n--;
    while (n > 0 && url[n - 1] != '/')
        n--;
    return n;
}

/* ---- ids the page's templates write ------------------------------------ */

struct layout_walk {
    struct hugo_conf *hc;
    struct arena *a;
    size_t dirlen;
};

static enum walk_action
layout_entry(void *ctx, const char *path, const char *name,
             const struct stat *st)
{
    struct layout_walk *lw = ctx;
    struct layout_file *f;

    if (name[0] == '.')
        return WALK_SKIP;
    if (S_ISDIR(st->st_mode))
        return WALK_GO;
    f = ARENA_PUSH(lw->a, lw->hc->files, lw->hc->nfiles, lw->hc->files_cap);
    f->rel = arena_strdup(lw->a, path + lw->dirlen + 1);
    f->path = arena_strdup(lw->a, path);
    f->order = lw->hc->nfiles;
    return WALK_SKIP;
}

static int
by_rel(const void *a, const void *b)
{
    const struct layout_file *x = a, *y = b;
    int c = strcmp(x->rel, y->rel);

    /* The same name in two components: the earlier one (first added)
     * comes first, and wins. */
    return c != 0 ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* Lists every component's layouts, once: a page's templates are then
 * found without a stat each. */
static void
read_layouts(struct hugo_conf *hc, struct arena *a)
{
    size_t i;

    for (i = 0; i < hc->ncomponents; i++) {
        const char *dir = gen_join(a, hc->components[i], "layouts");
        struct layout_walk lw = { hc, a, strlen(dir) };

        if (gen_is_dir(dir))
            walk_tree(dir, dir, hc->components[i], layout_entry, &lw,
                      WALK_FILE_TYPE | WALK_DEPEND);
    }
    if (hc->nfiles > 1)
        qsort(hc->files, hc->nfiles, sizeof *hc->files, by_rel);
}

/* The first component's layouts/REL, or NULL. */
static const char *
find_layout(void *ctx, const char *rel, struct arena *a)
{
    const struct hugo_conf *hc = ctx;
    size_t lo = 0, hi = hc->nfiles;

    (void)a;
    while (lo < hi) {           /* the first entry not below rel */
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(hc->files[mid].rel, rel) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < hc->nfiles && strcmp(hc->files[lo].rel, rel) == 0
        ? hc->files[lo].path : NULL;
}

/* Hugo names a partial "x" or "x.html", below layouts/partials. */
static const char *
find_partial(void *ctx, const char *name, struct arena *a)
{
    size_t n = strlen(name);

    return find_layout(ctx, arena_printf(a, "partials/%s%s", name,
                                         n > 5 && strcmp(name + n - 5,
                                                         ".html") == 0
                                         ? "" : ".html"), a);
}

static const char *const hugo_calls[] = { "partial", "partialCached", NULL };

/* The ids the templates Hugo renders the page with write: its layout
 * (front matter layout, else single or list) of its type (front matter
 * type, else its section), else of _default, and the baseof around it. */
static const struct layout *
page_layout(const struct page *pg, const struct hugo_page *hp,
            struct arena *a)
{
    /* The cache of a const site, filled under layout_anchors()'s lock. */
    struct hugo_conf *hc = (struct hugo_conf *)conf(pg->site);
    const char *type = fm_str(pg->fm, "type"), *layout = fm_str(pg->fm,
                                                                "layout");
    const char *kinds[3], *dirs[2], *key, *main = NULL;
    struct layout *l;
    size_t i, j, nkinds = 0, ndirs = 0;

    if (hc->ncomponents == 0)
        return NULL;
    if (type == NULL)
        type = hp->section;
    if (layout != NULL && strchr(layout, '/') == NULL && strstr(layout, "..")
        == NULL)
        kinds[nkinds++] = layout;
    kinds[nkinds++] = hp->list ? "list" : "single";
    kinds[nkinds++] = hp->list ? "section" : "page";
    if (*type != '\0' && strchr(type, '/') == NULL && strstr(type, "..") ==
        NULL)
        dirs[ndirs++] = type;
    dirs[ndirs++] = "_default";
    key = arena_printf(a, "%s/%s/%d", type, layout != NULL ? layout : "",
                       hp->list && hp->dir[0] == '\0' ? 2 : hp->list);
    for (i = 0; i < hc->nlayouts; i++)
        if (strcmp(hc->layouts[i].key, key) == 0)
            return &hc->layouts[i];
    l = ARENA_PUSH(a, hc->layouts, hc->nlayouts, hc->layouts_cap);
    l->key = arena_strdup(a, key);
    if (hp->list && hp->dir[0] == '\0')
        main = find_layout(hc, "index.html", a);
    for (i = 0; main == NULL && i < ndirs; i++)
        for (j = 0; main == NULL && j < nkinds; j++)
            main = find_layout(hc, arena_printf(a, "%s/%s.html", dirs[i],
                                                kinds[j]), a);
    gen_template_ids(&l->ids, &hc->templates, main, 1, hugo_calls,
                     find_partial, hc, a);
    for (i = 0; i < ndirs; i++) {
        const char *base = find_layout(hc, arena_printf(a, "%s/baseof.html",
                                                        dirs[i]), a);

        if (base != NULL) {
            gen_template_ids(&l->ids, &hc->templates, base, 0, hugo_calls,
                             find_partial, hc, a);
            break;
        }
    }
    return l;
}

/* Adds the ids the page's templates write to its anchors.  The cache of
 * layouts is filled as pages are read, on every thread that reads them:
 * one at a time, and no layout read while another is added (the array
 * may move). */
static void
layout_anchors(const struct page *pg, const struct hugo_page *hp,
               struct page_info *pi, struct arena *a)
{
    static pthread_mutex_t layout_lock = PTHREAD_MUTEX_INITIALIZER;
    const struct layout *l;

    pthread_mutex_lock(&layout_lock);
    l = page_layout(pg, hp, a);
    if (l != NULL)
        gen_add_ids(pi, &l->ids, a);
    pthread_mutex_unlock(&layout_lock);
}

/* The value of a call's parameter: named, or the index-th positional. */
static const char *
param_of(const struct shortcode *sc, const struct id_rule *r)
{
    size_t i;
    int nth = 0;

    for (i = 0; i < sc->nparams; i++) {
        const struct sc_param *p = &sc->params[i];

        if (r->param != NULL ? p->name != NULL && strcmp(p->name, r->param)
                                == 0
                             : p->name == NULL && nth++ == r->index)
            return p->value;
    }
    return NULL;
}

/* An id as goldmark makes it, by autoHeadingIDType: GitHub's; the same
 * with accents folded and other non-ASCII dropped; or Blackfriday's,
 * letters and numbers with runs of anything else as one '-'.  Hugo's
 * anchorize makes the same (ContentSpec.SanitizeAnchorName). */
static void
anchorize(const struct site *site, struct buf *b, const char *text,
          size_t len)
{
    switch (conf(site)->ids) {
    case IDS_GITHUB:
    case IDS_GITHUB_ASCII:
        permalink_anchor_github(b, text, len,
                                conf(site)->ids == IDS_GITHUB_ASCII);
        return;
    case IDS_BLACKFRIDAY:
        permalink_anchor_blackfriday(b, text, len);
        return;
    }
}

/* Adds the ids each shortcode call writes from its parameters, as its
 * template's rules say (id="{{ .Get "file" | urlize }}"). */
static void
shortcode_anchors(const struct page *pg, struct page_info *pi,
                  struct arena *a)
{
    const struct hugo_conf *hc = conf(pg->site);
    struct gen_ids ids = { NULL, 0, 0, 0 };
    struct buf b = { 0 };
    size_t i, k;

    for (i = 0; i < pg->nshortcodes && hc->nshortcodes > 0; i++) {
        const struct shortcode *sc = &pg->shortcodes[i];
        struct template key = { .name = sc->name };
        const struct template *t;

        if (sc->closing ||
            (t = bsearch(&key, hc->shortcodes, hc->nshortcodes,
                         sizeof *hc->shortcodes, by_name)) == NULL ||
            t->what.ids != 2)
            continue;
        for (k = 0; k < t->nrules; k++) {
            const struct id_rule *r = &t->rules[k];
            const char *v = r->literal != NULL ? r->literal
                                               : param_of(sc, r);

            if (v == NULL || *v == '\0')
                continue;       /* "with" writes no id for no value */
            buf_reset(&b);
            if (r->prefix != NULL)
                buf_adds(&b, r->prefix);
            if (r->how == ID_URLIZE)
                urlize(pg->site, &b, v, strlen(v), hc->path_to_lower);
            else if (r->how == ID_ANCHORIZE)
                anchorize(pg->site, &b, v, strlen(v));
            else
                buf_adds(&b, v);
            if (r->how == ID_LOWER)
                permalink_lower(&b, r->prefix != NULL ? strlen(r->prefix)
                                                      : 0);
            if (r->suffix != NULL)
                buf_adds(&b, r->suffix);
            if (b.len > 0)
                gen_push_id(&ids, a, b.p, b.len);
        }
    }
    buf_free(&b);
    gen_add_ids(pi, &ids, a);
}

/* ---- what a default build publishes, and each page's ids --------------- */

/* Is the option set to value in _build or build ({render: never}); the
 * old booleans (render: false) count as "never". */
static int
build_option(const struct page *pg, const char *key, const char *never)
{
    const struct fm_node *b = fm_get(pg->fm, "_build");
    const char *v;

    if (b == NULL)
        b = fm_get(pg->fm, "build");
    if ((v = fm_str(b, key)) == NULL)
        return 0;
    return strcasecmp(v, never) == 0 || strcasecmp(v, "false") == 0;
}

/* Does Hugo publish the page at a URL of its own?  Not a headless page,
 * not one built with render: never, and not a Markdown file inside a
 * leaf bundle (a folder with an index.md), which is that bundle's
 * resource. */
static int
published(const struct page *pg, const char *rel, const struct hugo_page *hp)
{
    const char *v = fm_str(pg->fm, "headless");
    char idx[PATH_MAX];
    size_t n;

    if (v != NULL && strcasecmp(v, "true") == 0)
        return 0;
    if (build_option(pg, "render", "never"))
        return 0;
    if (hp->list || hp->bundle)
        return 1;
    for (n = strlen(rel); n > 0; n--) {
        size_t k;

        if (rel[n - 1] != '/' || n + 32 > sizeof idx)
            continue;
        /* "/DIR/index.md", "/DIR/index.LANG.md": the bundle's page. */
        idx[0] = '/';
        memcpy(idx + 1, rel, n);
        for (k = 0; k < pg->site->nlanguages + 1; k++) {
            const char *lang = k == 0 ? "" : pg->site->languages[k - 1];
            size_t at = n + 1, ll = strlen(lang);

            if (at + 6 + ll + 4 >= sizeof idx)
                continue;
            memcpy(idx + at, "index", 5);
            at += 5;
            if (ll > 0) {
                idx[at++] = '.';
                memcpy(idx + at, lang, ll);
                at += ll;
            }
            memcpy(idx + at, ".md", 4);
            if (site_has_file(pg->site, idx))
                return 0;
        }
    }
    return 1;
}

/* A heading's id: none with autoHeadingID off. */
static void
heading_id(const struct site *site, struct buf *b, const char *text,
           size_t len)
{
    if (!conf(site)->no_auto_ids)
        anchorize(site, b, text, len);
}

/* What Hugo's default build leaves out of a dated page: one whose
 * publish date (publishDate, pubdate, published, else date) is after
 * today, or whose expiry date (expiryDate, unpublishdate) is before it,
 * unless buildFuture or buildExpired.  NULL if it is published. */
static const char *
unpublished_by_date(const struct page *pg, struct arena *a)
{
    static const char *const publish[] = {
        "publishDate", "pubdate", "published", "date", NULL,
    };
    static const char *const expiry[] = {
        "expiryDate", "unpublishdate", NULL,
    };
    const struct hugo_conf *hc = conf(pg->site);
    const char *d;

    if (pg->site->today[0] == '\0')
        return NULL;
    if (!hc->build_future && (d = date_of(pg, publish)) != NULL &&
        strncmp(d, pg->site->today, 10) > 0)
        return arena_printf(a, "a page dated in the future (%.10s)", d);
    if (!hc->build_expired && (d = date_of(pg, expiry)) != NULL &&
        strncmp(d, pg->site->today, 10) < 0)
        return arena_printf(a, "a page that expired on %.10s", d);
    return NULL;
}

static void
page_urls(const struct page *pg, const char *rel, struct page_info *pi,
          struct page_urls *more, struct arena *a)
{
    struct hugo_page hp;
    const struct fm_node *al;
    struct buf b = { 0 };
    size_t i;

    pi->url = hugo_url(pg, rel, a, &hp);
    if (!published(pg, rel, &hp)) {
        pi->url = NULL;
        pi->embedded = 1;
        return;
    }
    if (pi->unpublished == NULL)
        pi->unpublished = unpublished_by_date(pg, a);
    layout_anchors(pg, &hp, pi, a);
    shortcode_anchors(pg, pi, a);
    if (conf(pg->site)->heading_ids_unknown && pg->nheadings > 0)
        pi->opaque = 1;         /* its headings' ids are the hook's */
    gen_markdown_ids(pg, pi, 0, a);     /* goldmark's footnotes */
    hugo_lists(pg, &hp, more, a);
    /* With disableAliases Hugo writes no redirect pages, but it keeps
     * the aliases for an output format that makes the server's redirects
     * (the Hugo docs' _redirects): they still lead to the page. */
    al = fm_get(pg->fm, "aliases");
    for (i = 0; al != NULL && i < (al->type == FM_SEQ ? al->nkids : 1); i++) {
        const struct fm_node *v = al->type == FM_SEQ ? al->kids[i] : al;

        if (v->type != FM_SCALAR || v->len == 0)
            continue;
        /* A relative alias sits beside the page: /posts/old/.  On an
         * ugly section "/old/" is written as /old.html. */
        buf_reset(&b);
        if (v->str[0] != '/')
            buf_add(&b, pi->url, parent_len(pi->url));
        buf_adds(&b, v->str);
        if (is_ugly(pg->site, hp.section) && !ends_with_html(b.p))
            make_ugly(&b, 0);
        *ARENA_PUSH(a, more->aliases, more->naliases, more->aliases_cap) =
            arena_strdup(a, b.p);
    }
    buf_free(&b);
}

const struct generator gen_hugo = {
    .name = "hugo",
    .flags = GEN_INDEXED | GEN_MD_LINKS | GEN_LANG_SUFFIX,
    .meta = GEN_META_FENCED,
    .detect = detect,
    .open = open_site,
    .static_prefix = gen_static_root,
    .page_urls = page_urls,
    .menu_url = { "/{page}/{url}/", "/{url}/" },
    .heading_id = heading_id,
    .repeats = GEN_REPEATS_DASH,
    .wordless_id = "heading",
    .shortcode = shortcode,
    .hooks = hooks,
    .unseen = unseen,
    .asset = asset,
    .makes = makes,
};
