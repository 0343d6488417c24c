/* parallel.h: one piece of work split over the cores. */
#ifndef PARALLEL_H
#define PARALLEL_H

#include <stddef.h>

/* At most this many threads share one piece of work. */
#define PARALLEL_MAX 4

/* How many parts to split work into: the cores online, from 1 to
 * PARALLEL_MAX. */
size_t parallel_threads(void);

/* Runs fn on each of the n parts (n at most PARALLEL_MAX) found at parts,
 * size bytes apart: the first on the calling thread, the others on
 * threads of their own, or on the calling thread when one cannot start.
 * Returns once every part is done. */
void parallel_run(void *parts, size_t n, size_t size, void *(*fn)(void *));

#endif
