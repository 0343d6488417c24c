/* parallel.h: one piece of work split over the cores. */
#ifndef PARALLEL_H
#define PARALLEL_H

#include <stddef.h>

/* At most this many threads share one piece of work. */
#define PARALLEL_MAX 4

/* How many parts to split work into: what parallel_limit() asked for,
 * else the cores online; from 1 to PARALLEL_MAX.  Below 2, no thread is
 * started anywhere: the run is wholly on the calling thread. */
size_t parallel_threads(void);

/* n threads (--jobs), as many as the cores or not; 0: one per core.
 * Called before any work starts. */
void parallel_limit(size_t n);

/* Part k of n items cut into nparts runs in order, as even as can be:
 * items [*lo, *hi), empty past the last item. */
void parallel_part(size_t n, size_t nparts, size_t k, size_t *lo,
                   size_t *hi);

/* Runs fn on each of the n parts (n at most PARALLEL_MAX) found at parts,
 * size bytes apart: the first on the calling thread, the others on
 * threads of their own, or on the calling thread when one cannot start.
 * Returns once every part is done. */
void parallel_run(void *parts, size_t n, size_t size, void *(*fn)(void *));

/* qsort(base, n, size, cmp), its parts sorted on every core and then
 * merged: for arrays of thousands (a folder of 50,000 pages).  Equal
 * members may come in any order, as with qsort(). */
void parallel_sort(void *base, size_t n, size_t size,
                   int (*cmp)(const void *, const void *));
/* The same in nparts parts (1 to PARALLEL_MAX), each on a thread of its
 * own whatever the cores: what parallel_sort() does on a machine of
 * that many, for the tests. */
void parallel_sort_parts(void *base, size_t n, size_t size,
                         int (*cmp)(const void *, const void *),
                         size_t nparts);

#endif
