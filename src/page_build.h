/* page_build.h: what the parsers (page.c, markdown.c, html.c,
 * shortcode.c) use to fill in a page; rules read the page through page.h
 * and never call these. */
#ifndef PAGE_BUILD_H
#define PAGE_BUILD_H

#include <stddef.h>

#include "page.h"

/* Adds the source bytes p[0, len) at pos as a prose span. */
void page_add_span(struct page *pg, struct pos pos, const char *p,
                   size_t len, enum span_kind kind);
/* Adds lit, text a parser unescaped, as prose: where it is found on line
 * (from hint_col), else as spans of its pieces found there. */
void page_add_text(struct page *pg, unsigned line, unsigned hint_col,
                   const char *lit, size_t len, enum span_kind kind);
/* Appends a reference at pos, text copied, to the array *v. */
struct ref *page_add_ref(struct page *pg, struct ref **v, size_t *n,
                         size_t *cap, struct pos pos, const char *text);
/* Line (1-based, without its line ending) of text, a copy of the page's
 * source of the same length (the blanked text the parsers read). */
struct str page_text_line(const struct page *pg, const char *text,
                          unsigned line);
/* The column of lit on line at or after hint_col, or 0 if not there. */
int page_find_on_line(const struct page *pg, unsigned line,
                      unsigned hint_col, const char *lit, size_t len);

#endif
