/* site.c: find the site root and its generator, let the generator read
 * its config, and index every file the site will serve, by URL path. */
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
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "generator.h"
#include "linkmap.h"
#include "page.h"
#include "parallel.h"
#include "siteindex.h"
#include "url.h"
#include "walk.h"


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

/* ---- the file index --------------------------------------------------- */

struct index_walk {
    struct site *site;
    struct arena *a;
    const char *dir;            /* the mount's folder */
    const char *prefix;
};

/* The position of url in site->files, or SIZE_MAX. */
static size_t
find_file(const struct site *site, const char *url, size_t len,
          uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(&site->files_ix, hash, &cursor)) != SIZE_MAX)
        if (strncmp(site->files[i], url, len) == 0 &&
            site->files[i][len] == '\0')
            return i;
    return SIZE_MAX;
}

/* Adds the URL path prefix + rel, unless it is in; copied to a. */
static void
add_file(struct site *site, const char *prefix, const char *rel,
         struct arena *a)
{
    size_t np = strlen(prefix), nr = strlen(rel);
    char *url = arena_alloc(a, np + nr + 1);
    uint32_t hash;

    memcpy(url, prefix, np);
    memcpy(url + np, rel, nr + 1);
    hash = hindex_hash(url, np + nr);
    if (find_file(site, url, np + nr, hash) != SIZE_MAX)
        return;
    hindex_put(&site->files_ix, hash, site->nfiles);
    *ARENA_PUSH(a, site->files, site->nfiles, site->files_cap) = url;
}

static enum walk_action
index_entry(void *ctx, const char *path, const char *name,
            const struct stat *st)
{
    struct index_walk *iw = ctx;

    if (name[0] == '.' || strcmp(name, "node_modules") == 0)
        return WALK_SKIP;
    if (S_ISDIR(st->st_mode))
        return WALK_GO;
    if (!S_ISREG(st->st_mode))
        return WALK_SKIP;
    add_file(iw->site, iw->prefix, path + strlen(iw->dir) + 1, iw->a);
    return WALK_GO;
}

/* Indexes every file under the mounts, in memory of its own. */
static void *
index_files(void *arg)
{
    struct site *site = arg;
    size_t i;

    for (i = 0; i < site->nmounts; i++) {
        struct index_walk iw = { site, &site->index_mem, site->mounts[i].dir,
                                 site->mounts[i].url_prefix };

        walk_tree(site->mounts[i].dir, site->mounts[i].dir, site->root,
                  index_entry, &iw, WALK_FILE_TYPE);
    }
    return NULL;
}

void
site_add_file(struct site *site, const char *url, struct arena *a)
{
    add_file(site, "", url, a);
}

int
site_menu_exempt(const struct site *site, const char *src_key)
{
    return site->gen->menu_exempt != NULL &&
           site->gen->menu_exempt(site, src_key);
}

const char *
site_menu_url(const struct site *site, int which)
{
    return site->gen->menu_url[which != 0];
}

int
site_is_indexed(const struct site *site)
{
    return (site->gen->flags & GEN_INDEXED) != 0;
}

int
site_has_file(const struct site *site, const char *url_path)
{
    char path[PATH_MAX];
    size_t len = strlen(url_path);

    if (!site_is_indexed(site)) {
        /* A plain tree may be a whole home folder: ask, do not index. */
        if (strstr(url_path, "/../") != NULL)
            return 0;
        snprintf(path, sizeof path, "%s%s", site->root, url_path);
        return gen_is_file(path);
    }
    return find_file(site, url_path, len, hindex_hash(url_path, len)) !=
           SIZE_MAX;
}

void
site_each_file(const struct site *site, void (*fn)(void *, const char *),
               void *ctx)
{
    size_t i;

    for (i = 0; i < site->nfiles; i++)
        fn(ctx, site->files[i]);
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

    for (i = 0; i < site->nlanguages; i++)
        if (strlen(site->languages[i]) == len &&
            strncasecmp(site->languages[i], lang, len) == 0)
            return 1;
    /* With none configured, the site's one language is its default:
     * "setup.old.md" and "node.js.md" name no language (Hugo's path
     * parser knows only the languages of the config). */
    return site->nlanguages == 0 && site->default_lang != NULL &&
           strlen(site->default_lang) == len &&
           strncasecmp(site->default_lang, lang, len) == 0;
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

int
site_open(struct site *site, const char *start,
          const struct site_options *opt, struct arena *a)
{
    const char *root_override = opt->root, *kind_override = opt->generator;
    const char **outside;
    char real[PATH_MAX], up[PATH_MAX];
    struct stat st;
    struct tm tm;
    time_t now;
    size_t i;

    memset(site, 0, sizeof *site);
    site->default_lang = "en";
    outside = arena_alloc(a, (opt->noutside + 1) * sizeof *outside);
    for (i = 0; i < opt->noutside; i++)
        outside[i] = arena_strdup(a, opt->outside[i]);
    site->outside = outside;
    site->noutside = opt->noutside;
    site->plain_shortcodes = opt->plain_shortcodes;
    site->settings = opt->settings;
    site->link_map = linkmap_new(opt->link_map, opt->nlink_map, a);
    site->max_page_bytes = opt->max_page_bytes != 0 ? opt->max_page_bytes
                                                    : PAGE_BUDGET_BYTES;
    if (root_override != NULL)
        start = root_override;
    if (stat(start, &st) == 0 && !S_ISDIR(st.st_mode)) {
        /* A file's folder as named, not its link's target's: a page
         * linked to a file elsewhere does not move the site there. */
        const char *slash = strrchr(start, '/');

        start = slash == NULL ? "." : slash == start ? "/"
              : arena_strndup(a, start, (size_t)(slash - start));
    }
    if (realpath(start, real) == NULL)
        return -1;
    strcpy(up, real);
    if (root_override == NULL) {
        for (;;) {
            char *slash;

            if ((site->gen = generator_detect(up, a)) != NULL)
                break;
            slash = strrchr(up, '/');
            if (slash == NULL || slash == up) {
                strcpy(up, real);   /* no generator: the folder given */
                break;
            }
            *slash = '\0';
        }
    } else {
        site->gen = generator_detect(up, a);
    }
    if (kind_override != NULL)
        site->gen = generator_find(kind_override);
    if (site->gen == NULL)
        site->gen = &gen_plain;
    site->root = from_cwd(a, up);
    if (stat(site->root, &st) == 0) {
        site->root_dev = st.st_dev;
        site->root_ino = st.st_ino;
    }
    now = time(NULL);
    if (gmtime_r(&now, &tm) != NULL)
        strftime(site->today, sizeof site->today, "%Y-%m-%d", &tm);
    site->gen->open(site, a);
    /* A folder laid out for a generator whose config was not found: the
     * user expects that generator, and should hear what was assumed. */
    if (site->gen == &gen_plain && kind_override == NULL &&
        (gen_is_dir(gen_join(a, site->root, "content")) ||
         gen_is_dir(gen_join(a, site->root, "layouts")) ||
         gen_is_dir(gen_join(a, site->root, "themes"))))
        site->assumed = 1;
    for (i = 0; i < opt->nstatic_dirs; i++) {
        char *one = arena_strdup(a, opt->static_dirs[i]);
        char *eq = strchr(one, '=');
        const char *prefix;

        if (eq != NULL)
            *eq = '\0';
        prefix = eq != NULL ? eq + 1 : site->gen->static_prefix(one, a);
        gen_add_mount(site, a, gen_join(a, site->root, one), prefix, 1, NULL);
    }

    split_base_url(site, a);
    site->index = site_index_new(a);
    site->run = a;
    if (site_is_indexed(site) && site->nmounts > 0) {
        /* The caller walks the content folders for pages meanwhile. */
        site->indexing = parallel_threads() >= 2 &&
                         pthread_create(&site->indexer, NULL, index_files,
                                        site) == 0;
        if (!site->indexing) {
            index_files(site);
            arena_adopt(a, &site->index_mem);
        }
    }
    return 0;
}

void
site_ready(struct site *site)
{
    if (!site->indexing)
        return;
    pthread_join(site->indexer, NULL);
    site->indexing = 0;
    arena_adopt(site->run, &site->index_mem);
}

const char *
site_generator_name(const struct site *site)
{
    return site->gen->name;
}

void
site_close(struct site *site)
{
    site_ready(site);
    hindex_free(&site->files_ix);
    linkmap_free(site->link_map);
    site_index_free(site->index);
}
