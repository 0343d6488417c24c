/* fix.h: --fix and --diff: the fixes findings carry, written into the
 * files atomically or printed as a unified diff. */
#ifndef FIX_H
#define FIX_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct engine_page;

/* Applies the fixes of the sorted findings v[0..n) to their files, or,
 * with diff set, prints them to diff as a unified diff and changes
 * nothing.  pages are the run's, with the stamps of when each was read:
 * a file changed since is left alone with a warning (rule "io").  Of two
 * overlapping fixes only the first is applied.  Applied fixes mark their
 * findings fixed.  Returns the number of fixes applied or printed, and
 * the number of files they are in in *files (if not NULL).  With rules
 * (a comma list of rule ids), only those rules' fixes are applied. */
size_t fix_run(struct diag *const *v, size_t n,
               const struct engine_page *pages, size_t npages, FILE *diff,
               size_t *files, const char *rules);

#endif
