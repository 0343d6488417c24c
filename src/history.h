/* history.h: a file's committed version, from git, to learn what a
 * change to it broke elsewhere. */
#ifndef HISTORY_H
#define HISTORY_H

#include <stddef.h>

struct arena;

/* The text of path as the repository's HEAD has it, read with git from
 * path's folder; NULL (and nothing reported) when git, a repository, a
 * HEAD or the file in it is missing, or it is over max bytes.  *len is
 * its length; the text is NUL-terminated, in a. */
char *history_committed(const char *path, size_t max, struct arena *a,
                        size_t *len);

#endif
