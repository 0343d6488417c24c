/* site.h: the site a run lints: its root, its generator, the folders the
 * generator publishes and every file it serves.  What the generator makes
 * of the pages (URLs, anchors, links) is the site index: siteindex.h. */
#ifndef SITE_H
#define SITE_H

#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>

#include "arena.h"
#include "diag.h"
#include "hindex.h"

/* A folder whose files the generator publishes under url_prefix. */
struct site_mount {
    const char *dir;            /* path usable from the working folder */
    const char *abs;            /* the same, resolved (realpath) */
    const char *url_prefix;     /* "/" or "/images/" */
    const char *lang;           /* a content folder's language, or NULL */
    const char *sub;            /* content: the folder of the content tree
                                 * it fills ("" or NULL for the top) */
    int is_static;              /* assets only; else content pages */
    dev_t dev;
    ino_t ino;
};

struct generator;
struct linkmap;
struct site_index;
struct fm_node;

struct site {
    const struct generator *gen;    /* never NULL once open */
    int assumed;                /* laid out for a generator (content/,
                                 * layouts/, themes/), but none claimed
                                 * it and none was named: taken as a
                                 * plain tree */
    void *gen_conf;             /* the generator's own settings, or NULL
                                 * for its defaults */
    const char *root;           /* as reachable from the working folder */
    const char *config;         /* the config file read, or NULL */
    const char *settings;       /* the config file the user named, from
                                 * the root, or NULL */
    const char *default_lang;   /* "en" unless the config says otherwise */
    const char *language_code;  /* Hugo languageCode, e.g. "en-us"; or NULL */
    const char *base_url;
    const char **languages;     /* configured language keys */
    size_t nlanguages;
    struct site_mount *mounts;
    size_t nmounts, mounts_cap;
    const struct fm_node *cfg;  /* the generator's config, or NULL */
    const struct fm_node *menus;    /* menus the config declares */
    const char *page_menu;      /* the config menu every page belongs in
                                 * (MkDocs' nav), or NULL */
    struct site_lang_menus {
        const char *lang;
        const struct fm_node *menus;
    } *lang_menus;              /* menus one language's config declares */
    size_t nlang_menus;
    const char *base_path;      /* the path of base_url: "/" or "/docs/" */
    const char *base_host;      /* the host of base_url, or NULL */
    const char *const *outside; /* URL prefixes or globs served by others */
    size_t noutside;
    const char *plain_shortcodes;   /* comma list: shortcodes that make no
                                     * ids, besides the built-in ones */
    struct linkmap *link_map;   /* how the render hook rewrites links the
                                 * user says, or NULL */
    /* The served URL paths of every file, each once, in the order
     * found (site_has_file(), site_each_file()). */
    const char **files;
    size_t nfiles, files_cap;
    struct hindex files_ix;
    struct site_index *index;   /* pages, aliases, anchors: see below */
    dev_t root_dev;
    ino_t root_ino;
    char today[11];             /* "2026-11-27", UTC, when the site was
                                 * opened: what dates are compared with */
    /* The file index is made on a thread of its own while the caller
     * finds the pages: files, above, is not to be read before
     * site_ready(). */
    pthread_t indexer;
    int indexing;
    struct arena *run;          /* site_open()'s */
    struct arena index_mem;     /* the indexer's, adopted by run */
    size_t max_page_bytes;      /* Markdown past this is not parsed; 0:
                                 * PAGE_BUDGET_BYTES */
};

/* What the user says of the site; each may be NULL. */
struct site_options {
    const char *root;           /* --site-root */
    size_t max_page_bytes;      /* --max-page-bytes; 0: PAGE_BUDGET_BYTES */
    const char *generator;      /* --site-type */
    const char *const *static_dirs;     /* --static-dir */
    size_t nstatic_dirs;
    const char *settings;       /* --pelican-settings */
    const char *const *outside; /* --outside */
    size_t noutside;
    const char *plain_shortcodes;   /* --plain-shortcodes */
    const char *const *link_map;    /* --link-map */
    size_t nlink_map;
};

/* Finds the site around start (a file or folder): the nearest folder
 * upward that a generator claims (generator.h), else start's own folder;
 * opt->root, if not NULL, is taken as the root instead, and
 * opt->generator ("hugo", "pelican", "mkdocs", "plain") as its generator.
 * Reads the config, sets the mounts and, unless the site is a plain tree
 * (asked file by file instead), starts indexing every file under them.
 * opt->static_dirs are more folders of static files from the root, each
 * "DIR" or "DIR=/URL-PREFIX/" (the generator's prefix by default).
 * Reports config problems; returns -1 only if the root cannot
 * be used. */
int site_open(struct site *site, const char *start,
              const struct site_options *opt, struct arena *run);
/* Waits until every file under the mounts is indexed: before any page is
 * parsed or any link resolved. */
void site_ready(struct site *site);
void site_close(struct site *site);

/* The generator's name: "hugo", "pelican", "mkdocs" or "plain". */
const char *site_generator_name(const struct site *site);

/* Is the site's extent known: its files indexed, its pages all under its
 * content folders?  A plain tree is not. */
int site_is_indexed(const struct site *site);

/* Is the page meant to stay out of site->page_menu? */
int site_menu_exempt(const struct site *site, const char *src_key);

/* Where an entry of the numbered menu keys leads by default: which 0 the
 * dropdown, 1 the sidebar (generator.h, menu_url). */
const char *site_menu_url(const struct site *site, int which);

/* Adds url_path to the files the site serves: for a generator that makes
 * files without a folder of them on disk (a theme's built-in assets). */
void site_add_file(struct site *site, const char *url_path, struct arena *a);

/* Is url_path ("/images/a.png", already decoded, no query) a file the
 * site serves? */
int site_has_file(const struct site *site, const char *url_path);

/* Calls fn with the URL path of every file the site serves. */
void site_each_file(const struct site *site,
                    void (*fn)(void *ctx, const char *url), void *ctx);

/* The mount whose folder is (dev, ino), or NULL. */
const struct site_mount *site_mount_at(const struct site *site, dev_t dev,
                                       ino_t ino);

/* Is lang (any case) one of the site's languages, or, with none
 * configured, its default language? */
int site_is_language(const struct site *site, const char *lang, size_t len);

#endif
