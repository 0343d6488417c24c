/* permalink.h: what the site index keeps of a page (page_info), with the
 * URL and heading ids its generator gives it, and the slug functions the
 * generators share. */
#ifndef PERMALINK_H
#define PERMALINK_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "page.h"
#include "site.h"
#include "siteindex.h"

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

/* Folds b from byte start on to ASCII, as goldmark's github-ascii ids
 * are: accented Latin letters lose their accent, other non-ASCII goes. */
void permalink_fold_ascii(struct buf *b, size_t start);

/* The page's date (front matter date, else publishDate) as written:
 * "2013-11-07T10:00:00Z" gives "2013", "11", "07".  Returns 0 if it has
 * none. */
int permalink_date(const struct page *pg, char year[5], char month[3],
                   char day[3]);
/* s with "//" squeezed and a leading '/'; memory from a. */
const char *permalink_clean_url(struct arena *a, const char *s);

#endif
