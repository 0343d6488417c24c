/* deps.h: the files other than pages that a run's reading of its pages
 * depended on (the site's config, its templates, the rules' word lists,
 * whether a dictionary is installed), each with what it was then, so
 * that the persistent index (indexcache.h) can tell whether what it kept
 * from an earlier run still holds.  Thread-safe: templates are read while
 * pages are parsed on more than one thread. */
#ifndef DEPS_H
#define DEPS_H

#include <stddef.h>

#include "buf.h"

/* The run depends on the file at path: its contents, or its absence.
 * Noting a path twice notes it once. */
void deps_file(const char *path);
/* The run depends on which entries the folder at path has. */
void deps_dir(const char *path);
/* The run depends on whether there is a file or folder at path, not on
 * what it holds (a content folder, whose files are pages). */
void deps_exists(const char *path);
/* getenv(name), for a variable the reading of pages depends on
 * (HUGO_ENVIRONMENT): its value is noted. */
const char *deps_getenv(const char *name);

/* Writes what was noted, with each file's state as it is now, to b:
 * the form deps_check() reads.  Then forgets it all. */
void deps_take(struct buf *b);
/* Does every file and folder of data (made by deps_take) still have the
 * state it had?  0 if so; -1 if one changed or data is malformed.  The
 * entries are noted again, for the next deps_take(). */
int deps_check(const char *data, size_t len);

#endif
