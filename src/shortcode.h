/* shortcode.h: the Hugo shortcode scanner, run on raw text before the
 * Markdown parser sees it. */
#ifndef SHORTCODE_H
#define SHORTCODE_H

#include <stddef.h>

#include "page.h"

/* Scans pg->src from byte start to the end, asking the site's generator
 * what each shortcode's template does with a body.  Each shortcode tag is added
 * to pg->shortcodes; in out (a copy of pg->src of the same length) every
 * byte of a shortcode tag, of an escaped (commented-out) tag, and of the
 * body of a paired code shortcode (highlight, mermaid...) is replaced by
 * PAGE_FILLER, line endings kept, so positions in out are positions in
 * the file.  Unterminated tags and closers without an opener are
 * reported; scanning goes on after them.  Linear in the input. */
void shortcode_scan(struct page *pg, size_t start, char *out);

/* Real sites nest shortcodes two or three deep; 32 keeps the stack small
 * on hostile input such as thousands of unclosed openers. */
#define SHORTCODE_MAX_DEPTH 32
/* A tag longer than this is taken as unterminated: real ones are under
 * 1 KiB, and the bound keeps one stray "{{<" from swallowing a page. */
#define SHORTCODE_MAX_BYTES (64 * 1024)

#endif
