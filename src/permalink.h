/* permalink.h: where the generator publishes a page and which anchors it
 * gives it, computed the way Hugo and Pelican do, without running them. */
#ifndef PERMALINK_H
#define PERMALINK_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "page.h"
#include "site.h"

/* URLs that exist because a page does, besides its own. */
struct page_urls {
    const char **aliases;       /* lead to the page: Hugo aliases,
                                 * Pelican's Save_as when it differs */
    size_t naliases, aliases_cap;
    const char **lists;         /* pages the generator makes around it:
                                 * home, section, taxonomy and term lists */
    size_t nlists, lists_cap;
};

/* Summarises pg for the site index: URL, source key, anchors, title, and
 * the URLs around it in *more.  Everything is copied into run. */
struct page_info *permalink_info(const struct page *pg, struct arena *run,
                                 struct page_urls *more);

/* Hugo's urlize: lower case (if lower), white space to '-', characters a
 * URL path cannot keep dropped. */
void permalink_urlize(struct buf *b, const char *s, size_t len, int lower);
/* Pelican's slugify with its default substitutions; Python-Markdown's
 * toc extension makes heading ids (Pelican's) the same way. */
void permalink_slugify(struct buf *b, const char *s, size_t len);

/* A heading's id as Hugo's default (GitHub style) makes it, without the
 * suffix that tells repeats apart. */
void permalink_anchor_github(struct buf *b, const char *s, size_t len);

#endif
