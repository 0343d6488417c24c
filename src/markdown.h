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

/* Whether threads parse at once: 0 when the cmark-gfm in use keeps its
 * table of inline characters to itself (see markdown.c), and parses
 * take turns.  The unit tests ask it, to know which they test. */
int markdown_concurrent(void);

/* Bodies past min bytes are parsed in pieces of about bytes each (see
 * markdown.c); the unit tests make pieces of small pages, and put back
 * MARKDOWN_PIECE_MIN and MARKDOWN_PIECE_BYTES, what a run uses. */
#define MARKDOWN_PIECE_MIN (1024 * 1024)
#define MARKDOWN_PIECE_BYTES (32 * 1024)
void markdown_set_pieces(size_t min, size_t bytes);
/* How many pieces the calling thread's last page was parsed in. */
size_t markdown_pieces(void);

/* Frees the calling thread's scratch memory for parsing; a thread that
 * called markdown_parse() calls this before it ends. */
void markdown_thread_done(void);

#endif
