/* site.c: find the site root, read the generator's config, and index
 * every file the site will serve, by URL path, in a uthash set. */
#include "site.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "url.h"
#include "walk.h"

#define RULE_CONFIG "config"

/* Config files are small; a larger one is not a config. */
#define CONFIG_MAX_BYTES (4u * 1024 * 1024)

struct site_file {
    const char *url;
    UT_hash_handle hh;
};


static const char *const hugo_configs[] = {
    "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
    "config.toml", "config.yaml", "config.yml", "config.json",
};

static int
is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *
join(struct arena *a, const char *dir, const char *name)
{
    if (strcmp(dir, ".") == 0)
        return arena_strdup(a, name);
    return arena_printf(a, "%s/%s", dir, name);
}

static struct fm_node *
read_config(struct arena *a, const char *path)
{
    size_t len;
    char *text = arena_read_file(a, path, CONFIG_MAX_BYTES, &len);
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

static const char *
config_str(const struct fm_node *cfg, const char *key, const char *dflt)
{
    const char *v = fm_str(cfg, key);

    return v != NULL ? v : dflt;
}

static int
config_bool(const struct fm_node *cfg, const char *key, int dflt)
{
    const char *v = config_str(cfg, key, NULL);

    if (v == NULL)
        return dflt;
    return strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* The path from the working folder to abs, relative when abs lies below
 * it, so diagnostics never show absolute paths for a site under it. */
static const char *
from_cwd(struct arena *a, const char *abs)
{
    char cwd[PATH_MAX];
    size_t n;
    const char *p;
    struct buf b = { 0 };
    const char *out;

    if (getcwd(cwd, sizeof cwd) == NULL)
        return arena_strdup(a, abs);
    n = strlen(cwd);
    if (strcmp(abs, cwd) == 0)
        return ".";
    if (strncmp(abs, cwd, n) == 0 && abs[n] == '/')
        return arena_strdup(a, abs + n + 1);
    if (strcmp(cwd, "/") == 0)
        return arena_strdup(a, abs + 1);
    /* abs is an ancestor of cwd: climb. */
    if (strncmp(cwd, abs, strlen(abs)) == 0 &&
        (cwd[strlen(abs)] == '/' || strcmp(abs, "/") == 0)) {
        for (p = cwd + strlen(abs); *p != '\0'; p++)
            if (*p == '/')
                buf_adds(&b, b.len ? "/.." : "..");
        out = arena_strdup(a, b.p != NULL ? b.p : ".");
        buf_free(&b);
        return out;
    }
    return arena_strdup(a, abs);
}

static void
add_mount(struct site *site, struct arena *a, const char *dir,
          const char *prefix, int is_static, const char *lang)
{
    struct site_mount *m;
    struct stat st;
    char real[PATH_MAX];

    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    m = ARENA_PUSH(a, site->mounts, site->nmounts, site->mounts_cap);
    m->dir = dir;
    m->abs = realpath(dir, real) != NULL ? arena_strdup(a, real) : NULL;
    m->url_prefix = prefix;
    m->is_static = is_static;
    m->lang = lang;
    m->dev = st.st_dev;
    m->ino = st.st_ino;
}

static void
string_list(const struct fm_node *v, const char **out, size_t max,
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

static const char *const menu_files[] = {
    "menus.toml", "menus.yaml", "menus.yml", "menus.json",
};

static void
hugo_setup(struct site *site, struct arena *a)
{
    const struct fm_node *cfg = NULL, *langs, *v;
    const char *dirs[16], *themes_dir, *content;
    const char *cand;
    size_t i, n;

    for (i = 0; i < sizeof hugo_configs / sizeof hugo_configs[0]; i++) {
        cand = join(a, site->root, hugo_configs[i]);
        if (is_file(cand)) {
            site->config = cand;
            break;
        }
        cand = join(a, site->root,
                    arena_printf(a, "config/_default/%s", hugo_configs[i]));
        if (is_file(cand)) {
            site->config = cand;
            break;
        }
    }
    if (site->config != NULL)
        cfg = read_config(a, site->config);
    langs = fm_get(cfg, "languages");
    if (langs == NULL) {
        static const char *const lang_files[] = {
            "languages.toml", "languages.yaml", "languages.yml",
            "languages.json",
        };

        for (i = 0; i < sizeof lang_files / sizeof lang_files[0]; i++) {
            cand = join(a, site->root,
                        arena_printf(a, "config/_default/%s", lang_files[i]));
            if (is_file(cand)) {
                langs = read_config(a, cand);
                break;
            }
        }
    }
    site->default_lang = config_str(cfg, "defaultContentLanguage", "en");
    site->language_code = config_str(cfg, "languageCode", NULL);
    site->base_url = config_str(cfg, "baseURL", NULL);
    site->cfg = cfg;
    site->menus = fm_get(cfg, "menus") != NULL ? fm_get(cfg, "menus")
                                                : fm_get(cfg, "menu");
    for (i = 0; site->menus == NULL && i < sizeof menu_files /
                                           sizeof menu_files[0]; i++) {
        cand = join(a, site->root,
                    arena_printf(a, "config/_default/%s", menu_files[i]));
        if (is_file(cand))
            site->menus = read_config(a, cand);
    }
    site->ugly_urls = config_bool(cfg, "uglyURLs", 0);
    site->lang_in_subdir = config_bool(cfg, "defaultContentLanguageInSubdir",
                                       0);
    site->path_to_lower = !config_bool(cfg, "disablePathToLower", 0);
    if (langs != NULL && langs->type == FM_MAP) {
        site->languages = arena_alloc(a, langs->nkids * sizeof *site->languages);
        for (i = 0; i < langs->nkids; i++) {
            const struct fm_node *l = langs->kids[i];
            const char *ldir = config_str(l, "contentDir", NULL);

            site->languages[site->nlanguages++] = l->key;
            if (ldir != NULL)
                add_mount(site, a, join(a, site->root, ldir), "/", 0, l->key);
            if (strcasecmp(l->key, site->default_lang) == 0 &&
                site->language_code == NULL)
                site->language_code = config_str(l, "languageCode", NULL);
        }
    }
    content = config_str(cfg, "contentDir", "content");
    add_mount(site, a, join(a, site->root, content), "/", 0, NULL);
    v = fm_get(cfg, "staticDir");
    string_list(v, dirs, 16, &n);
    if (n == 0) {
        dirs[0] = "static";
        n = 1;
    }
    for (i = 0; i < n; i++)
        add_mount(site, a, join(a, site->root, dirs[i]), "/", 1, NULL);
    themes_dir = config_str(cfg, "themesDir", "themes");
    string_list(fm_get(cfg, "theme"), dirs, 16, &n);
    for (i = 0; i < n; i++)
        add_mount(site, a, arena_printf(a, "%s/%s/static",
                                        join(a, site->root, themes_dir),
                                        dirs[i]), "/", 1, NULL);
}

static void
pelican_setup(struct site *site, struct arena *a)
{
    const struct fm_node *cfg;
    const char *dirs[64], *path;
    size_t i, n;

    site->config = join(a, site->root, "pelicanconf.py");
    cfg = read_config(a, site->config);
    path = config_str(cfg, "PATH", "content");
    site->default_lang = config_str(cfg, "DEFAULT_LANG", "en");
    site->base_url = config_str(cfg, "SITEURL", NULL);
    site->cfg = cfg;
    string_list(fm_get(cfg, "STATIC_PATHS"), dirs, 64, &n);
    if (fm_get(cfg, "STATIC_PATHS") == NULL) {
        dirs[0] = "images";
        n = 1;
    }
    path = join(a, site->root, path);
    /* Static paths first: the walker asks which mount a folder is. */
    for (i = 0; i < n; i++)
        add_mount(site, a, join(a, path, dirs[i]),
                  arena_printf(a, "/%s/", dirs[i]), 1, NULL);
    add_mount(site, a, path, "/", 0, NULL);
}

/* ---- the file index --------------------------------------------------- */

struct index_walk {
    struct site *site;
    struct arena *a;
    const char *dir;            /* the mount's folder */
    const char *prefix;
};

static enum walk_action
index_entry(void *ctx, const char *path, const char *name,
            const struct stat *st)
{
    struct index_walk *iw = ctx;
    struct site_file *f, *old;
    const char *rel;

    if (name[0] == '.' || strcmp(name, "node_modules") == 0)
        return WALK_SKIP;
    if (S_ISDIR(st->st_mode))
        return WALK_GO;
    if (!S_ISREG(st->st_mode))
        return WALK_SKIP;
    rel = path + strlen(iw->dir) + 1;
    f = arena_alloc(iw->a, sizeof *f);
    f->url = arena_printf(iw->a, "%s%s", iw->prefix, rel);
    HASH_FIND_STR(iw->site->files, f->url, old);
    if (old == NULL)
        HASH_ADD_KEYPTR(hh, iw->site->files, f->url, strlen(f->url), f);
    return WALK_GO;
}

int
site_has_file(const struct site *site, const char *url_path)
{
    struct site_file *f;
    char path[PATH_MAX];

    if (site->kind == SITE_PLAIN) {
        /* A plain tree may be a whole home folder: ask, do not index. */
        if (strstr(url_path, "/../") != NULL)
            return 0;
        snprintf(path, sizeof path, "%s%s", site->root, url_path);
        return is_file(path);
    }
    HASH_FIND_STR(site->files, url_path, f);
    return f != NULL;
}

void
site_each_file(const struct site *site, void (*fn)(void *, const char *),
               void *ctx)
{
    const struct site_file *f;

    for (f = site->files; f != NULL; f = f->hh.next)
        fn(ctx, f->url);
}

const struct site_mount *
site_mount_at(const struct site *site, dev_t dev, ino_t ino)
{
    size_t i;

    for (i = 0; i < site->nmounts; i++)
        if (site->mounts[i].dev == dev && site->mounts[i].ino == ino)
            return &site->mounts[i];
    return NULL;
}

int
site_is_language(const struct site *site, const char *lang, size_t len)
{
    size_t i;

    if (site->nlanguages > 0) {
        for (i = 0; i < site->nlanguages; i++)
            if (strlen(site->languages[i]) == len &&
                strncasecmp(site->languages[i], lang, len) == 0)
                return 1;
        return 0;
    }
    /* No languages configured: "de", "pt-br", "zh-hans". */
    if (len < 2 || len > 7)
        return 0;
    for (i = 0; i < len; i++)
        if (!isalpha((unsigned char)lang[i]) && !(lang[i] == '-' && i >= 2))
            return 0;
    return len <= 3 || lang[2] == '-' || lang[3] == '-';
}

/* "https://xmpp.org/docs/" → host "xmpp.org", path "/docs/". */
static void
split_base_url(struct site *site, struct arena *a)
{
    const char *u = site->base_url, *host, *path;
    size_t n;

    site->base_path = "/";
    if (u == NULL || (host = url_host(u, &n)) == NULL)
        return;
    site->base_host = arena_strndup(a, host, n);
    path = host + strcspn(host, "/?#");
    if (*path == '/') {
        n = strcspn(path, "?#");
        site->base_path = path[n - 1] == '/'
            ? arena_strndup(a, path, n)
            : arena_printf(a, "%.*s/", (int)n, path);
    }
}

/* ---- root detection --------------------------------------------------- */

static enum site_kind
detect(struct arena *a, const char *dir)
{
    size_t i;

    for (i = 0; i < sizeof hugo_configs / sizeof hugo_configs[0]; i++)
        if (is_file(join(a, dir, hugo_configs[i])))
            return SITE_HUGO;
    if (is_dir(join(a, dir, "config/_default")))
        return SITE_HUGO;
    if (is_file(join(a, dir, "pelicanconf.py")))
        return SITE_PELICAN;
    return SITE_PLAIN;
}

int
site_open(struct site *site, const char *start, const char *root_override,
          const char *kind_override, const char *static_dirs,
          struct arena *a)
{
    char real[PATH_MAX], up[PATH_MAX];
    struct stat st;
    size_t i;

    memset(site, 0, sizeof *site);
    site->default_lang = "en";
    if (root_override != NULL)
        start = root_override;
    if (realpath(start, real) == NULL)
        return -1;
    if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(real, '/');

        if (slash == real)
            slash[1] = '\0';
        else if (slash != NULL)
            *slash = '\0';
    }
    strcpy(up, real);
    if (root_override == NULL) {
        for (;;) {
            char *slash;

            if ((site->kind = detect(a, up)) != SITE_PLAIN)
                break;
            slash = strrchr(up, '/');
            if (slash == NULL || slash == up) {
                strcpy(up, real);   /* no generator: the folder given */
                site->kind = SITE_PLAIN;
                break;
            }
            *slash = '\0';
        }
    } else {
        site->kind = detect(a, up);
    }
    if (kind_override != NULL)
        site->kind = strcmp(kind_override, "hugo") == 0 ? SITE_HUGO
                   : strcmp(kind_override, "pelican") == 0 ? SITE_PELICAN
                   : SITE_PLAIN;
    site->root = from_cwd(a, up);
    if (stat(site->root, &st) == 0) {
        site->root_dev = st.st_dev;
        site->root_ino = st.st_ino;
    }
    if (site->kind == SITE_HUGO)
        hugo_setup(site, a);
    else if (site->kind == SITE_PELICAN)
        pelican_setup(site, a);
    else
        add_mount(site, a, site->root, "/", 0, NULL);
    while (static_dirs != NULL && *static_dirs != '\0') {
        size_t n = strcspn(static_dirs, "\n");
        char *one = arena_strndup(a, static_dirs, n), *eq = strchr(one, '=');
        const char *prefix = eq != NULL ? eq + 1
                           : site->kind == SITE_PELICAN
                           ? arena_printf(a, "/%s/", one) : "/";

        if (eq != NULL)
            *eq = '\0';
        add_mount(site, a, join(a, site->root, one), prefix, 1, NULL);
        static_dirs += n + (static_dirs[n] == '\n');
    }

    split_base_url(site, a);
    site->index = site_index_new(a);
    for (i = 0; i < site->nmounts && site->kind != SITE_PLAIN; i++) {
        struct index_walk iw = { site, a, site->mounts[i].dir,
                                 site->mounts[i].url_prefix };

        walk_tree(site->mounts[i].dir, site->mounts[i].dir, index_entry, &iw,
                  WALK_FILE_TYPE);
    }
    return 0;
}

void
site_close(struct site *site)
{
    HASH_CLEAR(hh, site->files);
    site_index_free(site->index);
}
