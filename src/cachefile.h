/* cachefile.h: sitelint's cache folder ($XDG_CACHE_HOME/sitelint, else
 * ~/.cache/sitelint): where its files are, and how one is replaced so
 * that a reader never sees half of it. */
#ifndef CACHEFILE_H
#define CACHEFILE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* The cache file name ("links.tsv", "index/0123..."), in a; NULL when
 * neither XDG_CACHE_HOME (absolute) nor HOME is set. */
const char *cache_path(struct arena *a, const char *name);

/* Makes the folders above path, each only this user's (0700). */
void cache_make_parent(struct arena *a, const char *path);

/* Replaces the file at path with parts[0], parts[1]... through a
 * temporary file beside it and rename(2), making its folders first.
 * Only this user's own regular file is replaced (a link or another
 * user's file is left alone).  0, or -1 with nothing reported: a cache
 * that cannot be written is no finding. */
int cache_replace(struct arena *a, const char *path, const struct str *parts,
                  size_t nparts);

#endif
