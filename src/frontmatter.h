/* frontmatter.h: readers for YAML, TOML, Pelican metadata and the plain
 * assignments of pelicanconf.py, producing fm_node trees with positions. */
#ifndef FRONTMATTER_H
#define FRONTMATTER_H

#include <stddef.h>

#include "page.h"

/* Each reader parses len bytes of text whose first byte is at line
 * first_line, column 1, of file.  It returns a FM_MAP allocated in mem, or
 * NULL after reporting the first problem as an error of rule at its exact
 * line and column (with rule NULL, silently).  Nothing is read past
 * len. */
struct fm_node *fm_parse_yaml(struct arena *mem, const char *file,
                              const char *text, size_t len,
                              unsigned first_line, const char *rule);
struct fm_node *fm_parse_toml(struct arena *mem, const char *file,
                              const char *text, size_t len,
                              unsigned first_line, const char *rule);
/* "Key: value" lines with indented continuation lines, as Pelican's
 * Markdown reader takes them; values are text, never YAML. */
struct fm_node *fm_parse_pelican(struct arena *mem, const char *file,
                                 const char *text, size_t len,
                                 unsigned first_line, const char *rule);
/* Top-level "NAME = 'string'" and "NAME = ['a', 'b']" assignments of a
 * Python file; anything else is skipped.  Never fails. */
struct fm_node *fm_parse_python(struct arena *mem, const char *file,
                                const char *text, size_t len);

/* Does every non-blank line of text look like Pelican metadata? */
int fm_looks_pelican(const char *text, size_t len);

/* Nesting deeper than this is refused: front matter is shallow, and the
 * bound keeps hostile input from exhausting the stack. */
#define FM_MAX_DEPTH 64

#endif
