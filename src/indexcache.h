/* indexcache.h: the persistent site index.  What a run learned of each
 * page it read (its URL, aliases, ids, front matter, and what each rule's
 * site-wide state took from it) is kept between runs in
 * $XDG_CACHE_HOME/sitelint/index/, one file per site, working folder and
 * set of options, so that a run that names a few files of a large site
 * reads and parses only those and the pages that changed.
 *
 * An entry is used only for a file whose device, inode, size, mtime and
 * ctime are what they were (and not kept while that is under two seconds
 * old); the whole cache only while sitelint and its libraries, the day,
 * the site's set of pages, and every other file and variable the reading
 * of pages depended on (deps.h: config, templates, word lists) are what
 * they were.  A page whose links may lead into a linted page is read afresh,
 * as its links are then checked.  A damaged cache is reported once and
 * rebuilt; it is written through a temporary file and rename(2), so a
 * concurrent run reads the old one or the new one, whole. */
#ifndef INDEXCACHE_H
#define INDEXCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "page.h"
#include "siteindex.h"

struct icache;
struct icache_entry;

/* What the index keeps of one page besides its light page (its path and
 * language). */
struct icache_page {
    struct page_info *info;
    const char **aliases, **lists;
    size_t naliases, nlists;
    /* What each rule kept: blobs[i] is rules[i]'s, {NULL, 0} if none;
     * page memory. */
    struct str *blobs;
};

/* The cache of site, valid for the run when its fingerprint is pages (a
 * hash of the paths of every page the run reads); NULL if there is no
 * cache folder.  An unusable cache is an empty one, to be rebuilt. */
struct icache *icache_open(const struct site *site, uint64_t pages,
                           struct arena *run);

/* The entry kept for path if the file is still stamp, else NULL. */
const struct icache_entry *icache_get(struct icache *ic, const char *path,
                                      const struct file_stamp *stamp);

/* Names a page the run lints, and a former URL of one: a page kept in
 * the index whose links may lead to them is not used (its links must
 * be checked). */
void icache_linted(struct icache *ic, const struct page_info *info,
                   const char *const *aliases, size_t naliases);
void icache_former(struct icache *ic, const char *url);
/* May a link of e's page lead to a page icache_linted() named? */
int icache_may_link(struct icache *ic, const struct icache_entry *e);

/* Fills pg (a light page: path and language) and out (in run, as the
 * site index keeps it; its blobs in mem) from e.  path is the page's
 * path.  It writes nothing shared: any thread may call it.
 * Returns -1 if the entry does not read whole: the page is to be read
 * from its file. */
int icache_read(const struct icache_entry *e, const char *path,
                 const struct site *site, struct page *pg,
                 struct icache_page *out, struct arena *mem,
                 struct arena *run);

/* The new index: each page of the run in order, either kept as it was
 * (icache_keep) or as read now (icache_put; the page must have been
 * read from its file). */
void icache_keep(struct icache *ic, const struct icache_entry *e);
void icache_put(struct icache *ic, const struct page *pg,
                const struct icache_page *in);

/* Writes the new index if it differs from the old one, and frees ic. */
void icache_close(struct icache *ic);

#endif
