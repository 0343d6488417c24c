/* html.h: a tag scanner for raw HTML in Markdown and for .html pages. */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

#include "page.h"

/* Scans text[from, to), which has the offsets of pg->src, and adds to pg:
 * <img src>, <img srcset> and <source srcset> as images, <a href> as
 * links, <figcaption> text as captions, and, when text_is_prose, the
 * text between tags (outside script, style, pre, code and textarea) as
 * prose, and comments to pg->comments.  Linear in the input. */
void html_scan(struct page *pg, const char *text, size_t from, size_t to,
               int text_is_prose);

#endif
