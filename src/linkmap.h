/* linkmap.h: how the site's render hook rewrites a Markdown link, as the
 * user states it: --link-map 'REGEX=URL' ('^([a-z-]+)$=/glossary/$1/'). */
#ifndef LINKMAP_H
#define LINKMAP_H

#include <stddef.h>

#include "arena.h"

struct linkmap;

/* Compiles maps[0..n) ("REGEX=URL"; the last '=' splits, so a regex may
 * hold one).  A bad one is reported as a config error of the run and
 * left out.  Returns NULL for none.  Memory from a; free
 * the compiled patterns with linkmap_free(). */
struct linkmap *linkmap_new(const char *const *maps, size_t n,
                            struct arena *a);
void linkmap_free(struct linkmap *m);

/* The destination (the path of a link, no fragment) rewritten by the
 * first pattern that matches it whole, with $1... from its groups; NULL
 * if none matches.  Memory from a. */
const char *linkmap_apply(const struct linkmap *m, const char *dest,
                          struct arena *a);

#endif
