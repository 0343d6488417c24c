/* frontmatter.h: front matter and config values (fm_node trees with
 * positions), and their readers for YAML, TOML, Pelican metadata and the
 * plain assignments of a Python settings file. */
#ifndef FRONTMATTER_H
#define FRONTMATTER_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum fm_type {
    FM_NULL,
    FM_SCALAR,
    FM_SEQ,
    FM_MAP
};

enum fm_format {
    FMF_NONE,
    FMF_YAML,
    FMF_TOML,
    FMF_PELICAN
};

/* A front matter (or config) value.  Strings are NUL-terminated and
 * unescaped.  pos is where the value's text starts (after an opening
 * quote); exact is 1 when str is byte for byte the source at pos, so a
 * column inside the value is pos.col plus its offset. */
struct fm_node {
    enum fm_type type;
    const char *key;            /* member of a map: its key, else NULL */
    struct pos key_pos;
    struct pos pos;
    const char *str;            /* FM_SCALAR only */
    size_t len;
    int exact;
    struct fm_node **kids;      /* items (FM_SEQ) or members (FM_MAP) */
    size_t nkids, cap;
    size_t weight;              /* YAML: nodes in it, itself included,
                                 * with every alias counted in full */
};

/* Returns the member of map named key, compared case-insensitively as
 * Hugo and Pelican compare front matter keys; NULL if none. */
const struct fm_node *fm_get(const struct fm_node *map, const char *key);
/* The member's text if it is a non-empty scalar, else NULL. */
const char *fm_str(const struct fm_node *map, const char *key);


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

/* YAML aliases may add at most this many nodes to a document: 478 bytes
 * of nested aliases expand to billions ("billion laughs"), and every rule
 * that walks front matter would walk them all.  Real front matter and
 * configs stay far below. */
#define FM_MAX_ALIAS_NODES 100000

#endif
