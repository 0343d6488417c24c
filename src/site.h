/* site.h: the site a run lints: its root, generator, folders and the
 * index of every file it serves. */
#ifndef SITE_H
#define SITE_H

#include <stddef.h>
#include <sys/types.h>

#include "arena.h"

enum site_kind {
    SITE_PLAIN,                 /* a Markdown tree: files link to files */
    SITE_HUGO,
    SITE_PELICAN
};

/* A folder whose files the generator publishes under url_prefix. */
struct site_mount {
    const char *dir;            /* path usable from the working folder */
    const char *url_prefix;     /* "/" or "/images/" */
    const char *lang;           /* a content folder's language, or NULL */
    int is_static;              /* assets only; else content pages */
    dev_t dev;
    ino_t ino;
};

struct site_file;

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
    struct site_file *files;    /* uthash set of served URL paths */
    dev_t root_dev;
    ino_t root_ino;
};

/* Finds the site around start (a file or folder): the nearest folder
 * upward with a Hugo config or pelicanconf.py, else start's own folder;
 * root_override, if not NULL, is taken as the root instead.  Reads the
 * config, sets the mounts and, for a Hugo or Pelican site, indexes every
 * file under them (a plain tree is asked file by file instead).  Reports
 * config problems; returns -1 only if the root cannot be used. */
int site_open(struct site *site, const char *start, const char *root_override,
              struct arena *run);
void site_close(struct site *site);

/* Is url_path ("/images/a.png", already decoded, no query) a file the
 * site serves? */
int site_has_file(const struct site *site, const char *url_path);

/* The mount whose folder is (dev, ino), or NULL. */
const struct site_mount *site_mount_at(const struct site *site, dev_t dev,
                                       ino_t ino);

/* Is lang one of the site's languages (or, with none configured, shaped
 * like a language tag)? */
int site_is_language(const struct site *site, const char *lang, size_t len);

#endif
