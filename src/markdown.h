/* markdown.h: the cmark-gfm adapter: Markdown body -> page model. */
#ifndef MARKDOWN_H
#define MARKDOWN_H

#include <stddef.h>

#include "page.h"

/* Parses pg->text from byte offset body (a line start) to the end as
 * GitHub-flavoured Markdown (tables, autolinks, strikethrough) and adds
 * prose, headings, links, images, captions and raw-HTML findings to pg,
 * each at its exact file position.  Code spans and code blocks add
 * nothing. */
void markdown_parse(struct page *pg, size_t body);

#endif
