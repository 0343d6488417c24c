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

/* Hugo's urlize (its path Sanitize): letters, digits, marks, ./\_-#+~@
 * and a '%' before two hex digits kept, white space to '-', the rest
 * dropped; then, if lower, in lower case as Go's strings.ToLower makes
 * it.  PERMALINK_UNSURE stays where it is. */
void permalink_urlize(struct buf *b, const char *s, size_t len, int lower);
/* b from byte from on without accents, as Hugo's removePathAccents has
 * it (RemoveAccents: NFD, Mn removed, NFC): "Über" is "Uber". */
void permalink_remove_accents(struct buf *b, size_t from);
/* b from byte from on in lower case, as Go's strings.ToLower: Unicode's
 * simple mapping ("Über" is "über"; an invalid byte is U+FFFD). */
void permalink_lower(struct buf *b, size_t from);
/* Stands in a URL for a part sitelint cannot know (a slug Pelican
 * transliterates from letters it has no table for, a permalink token it
 * does not expand): one or more of the characters a slug may have,
 * [a-z0-9_-].  The site index keeps such URLs apart, and a link that
 * only they may match is not reported. */
#define PERMALINK_UNSURE '\x1b'

/* Python-Markdown's toc slugify with '-': NFKD, non-ASCII dropped, then
 * [^\w\s-] dropped, stripped, lower case, runs of [-\s] one '-'. */
void permalink_slugify(struct buf *b, const char *s, size_t len);
/* Pelican's slugify with its default substitutions: the same with NFKC
 * and unidecode in place of NFKD ("ß" is "ss").  Returns -1 when s has a
 * character whose transliteration is not known (uni_pelican_ascii()):
 * then b has the slug without it, which Pelican's is not. */
int permalink_slugify_pelican(struct buf *b, const char *s, size_t len);

/* A heading's id as Hugo's GitHub-style ids make it (ascii_only: its
 * github-ascii ones), without the suffix that tells repeats apart. */
void permalink_anchor_github(struct buf *b, const char *s, size_t len,
                             int ascii_only);
/* The same with Hugo's Blackfriday-style ids. */
void permalink_anchor_blackfriday(struct buf *b, const char *s, size_t len);

/* The date s starts with, "2013-11-07T10:00:00Z" or a file name's
 * "2013-11-07-hello", as numbers; 0 if it starts with none. */
int permalink_iso_date(const char *s, int *y, int *m, int *d);
/* s with "//" squeezed and a leading '/'; memory from a. */
const char *permalink_clean_url(struct arena *a, const char *s);

#endif
