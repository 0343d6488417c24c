/* site.h: the site a run lints: its root, generator, folders and the
 * index of every file it serves. */
#ifndef SITE_H
#define SITE_H

#include <stddef.h>
#include <sys/types.h>

#include "arena.h"
#include "diag.h"

enum site_kind {
    SITE_PLAIN,                 /* a Markdown tree: files link to files */
    SITE_HUGO,
    SITE_PELICAN
};

/* A folder whose files the generator publishes under url_prefix. */
struct site_mount {
    const char *dir;            /* path usable from the working folder */
    const char *abs;            /* the same, resolved (realpath) */
    const char *url_prefix;     /* "/" or "/images/" */
    const char *lang;           /* a content folder's language, or NULL */
    int is_static;              /* assets only; else content pages */
    dev_t dev;
    ino_t ino;
};

struct site_file;
struct site_index;
struct fm_node;
struct ref;

struct site {
    enum site_kind kind;
    const char *root;           /* as reachable from the working folder */
    const char *config;         /* the config file read, or NULL */
    const char *default_lang;   /* "en" unless the config says otherwise */
    const char *language_code;  /* Hugo languageCode, e.g. "en-us"; or NULL */
    const char *base_url;
    const char **languages;     /* configured language keys */
    size_t nlanguages;
    struct site_mount *mounts;
    size_t nmounts, mounts_cap;
    const struct fm_node *cfg;  /* the generator's config, or NULL */
    const struct fm_node *menus;    /* Hugo's menus, config or menus.* */
    int ugly_urls;              /* Hugo uglyURLs: /a/b.html, not /a/b/ */
    int lang_in_subdir;         /* Hugo defaultContentLanguageInSubdir */
    int path_to_lower;          /* Hugo lowercases URLs unless told not to */
    const char *base_path;      /* the path of base_url: "/" or "/docs/" */
    const char *base_host;      /* the host of base_url, or NULL */
    const char *const *outside; /* URL prefixes or globs served by others */
    size_t noutside;
    const char *plain_shortcodes;   /* comma list: shortcodes that make no
                                     * ids, besides the built-in ones */
    struct site_file *files;    /* uthash set of served URL paths */
    struct site_index *index;   /* pages, aliases, anchors: see below */
    dev_t root_dev;
    ino_t root_ino;
};

/* Finds the site around start (a file or folder): the nearest folder
 * upward with a Hugo config or pelicanconf.py, else start's own folder;
 * root_override, if not NULL, is taken as the root instead, and
 * kind_override ("hugo", "pelican", "plain") as its generator.  Reads the
 * config, sets the mounts and, for a Hugo or Pelican site, indexes every
 * file under them (a plain tree is asked file by file instead).
 * static_dirs, one a line, are more folders of static files from the
 * root, each "DIR" or "DIR=/URL-PREFIX/" (default "/", and "/DIR/" for
 * Pelican).  Reports config problems; returns -1 only if the root cannot
 * be used. */
int site_open(struct site *site, const char *start, const char *root_override,
              const char *kind_override, const char *static_dirs,
              struct arena *run);
void site_close(struct site *site);

/* Is url_path ("/images/a.png", already decoded, no query) a file the
 * site serves? */
int site_has_file(const struct site *site, const char *url_path);

/* Calls fn with the URL path of every file the site serves. */
void site_each_file(const struct site *site,
                    void (*fn)(void *ctx, const char *url), void *ctx);

/* The mount whose folder is (dev, ino), or NULL. */
const struct site_mount *site_mount_at(const struct site *site, dev_t dev,
                                       ino_t ino);

/* Is lang one of the site's languages (or, with none configured, shaped
 * like a language tag)? */
int site_is_language(const struct site *site, const char *lang, size_t len);

/* ---- the site index -------------------------------------------------
 *
 * Every page of the site, linted or not, is summarised here as the engine
 * parses it; links are resolved against the index once every page is in
 * (rules do that from on_site).  All of it lives for the run. */

struct page_info {
    const char *path;           /* the source file, as in diagnostics */
    const char *src_key;        /* "/about/faq.md": from the content root */
    const char *url;            /* "/about/faq/": where it is published */
    const char *title;          /* or NULL */
    const char **anchors;       /* heading ids and explicit ids */
    size_t nanchors;
    int draft;                  /* not published by a normal build */
    int opaque;                 /* uses shortcodes whose output (and so
                                 * whose ids) a template makes */
};

enum link_kind {
    LINK_SKIP,                  /* not ours to check: another host, a
                                 * scheme, a template expression */
    LINK_PAGE,                  /* a page (page may be an implicit list
                                 * page the generator makes: NULL) */
    LINK_FILE,                  /* a static file or page resource */
    LINK_OUTSIDE,               /* under a declared outside prefix */
    LINK_BROKEN
};

/* How a link's text names its target. */
enum link_form {
    FORM_URL,                   /* a URL as a browser follows it */
    FORM_REF,                   /* Hugo ref/relref: a content path */
    FORM_ROOT                   /* a URL path from the site root */
};

struct link_target {
    enum link_kind kind;
    const struct page_info *page;   /* LINK_PAGE, when a real page */
    const char *url;            /* the URL path looked up, for messages */
    const char *fragment;       /* decoded, after '#'; NULL if none */
    int same_page;              /* the link was "#fragment" alone */
};

/* The index lives in run memory; its hash tables are freed by
 * site_close(). */
struct site_index *site_index_new(struct arena *run);
void site_index_free(struct site_index *ix);

/* Adds a page; info must live for the run.  Its URL, aliases and source
 * path become link targets. */
void site_add_page(const struct site *site, const struct page_info *info,
                   const char *const *aliases, size_t naliases);
/* Adds a URL the generator makes without a source page of its own (a
 * section or taxonomy list). */
void site_add_list(const struct site *site, const char *url);

/* Resolves href, written in page from, against the index.  Memory for
 * out's strings comes from a. */
void site_resolve(const struct site *site, const struct page_info *from,
                  const char *href, enum link_form form,
                  struct link_target *out, struct arena *a);

/* The published URL closest to url by edit distance, if close enough to
 * be a likely typo; else NULL. */
const char *site_suggest(const struct site *site, const char *url,
                         struct arena *a);

/* The Levenshtein distance of two strings (exported for the tests). */
size_t site_edit_distance(const char *a, const char *b);

/* Does the site publish anything below the folder prefix ("/a/")?  A
 * plain tree always says yes: it is not indexed. */
int site_has_below(const struct site *site, const char *prefix);

/* Is url an absolute URL of the site itself (its baseURL's host, on the
 * default port), which the index resolves without the network? */
int site_is_own(const struct site *site, const char *url);

/* Does the page have an anchor named id? */
int site_has_anchor(const struct page_info *info, const char *id);

/* A link written in a linted page, kept for checks across the site. */
struct site_link {
    struct pos pos;
    unsigned end_col;
    const char *href;
    enum link_form form;
    const struct page_info *from;
    const char *via;            /* "[]", "a", "ref", "figure", ... */
};

/* Keeps a copy of the link in run memory. */
void site_add_link(const struct site *site, const struct page_info *from,
                   const struct ref *ref, enum link_form form);
/* Every link kept, in the order added. */
const struct site_link *site_links(const struct site *site, size_t *n);
/* Where links[i] leads, resolved once however many rules ask; only once
 * every page is in (from on_site). */
const struct link_target *site_link_target(const struct site *site,
                                           size_t i);

#endif
