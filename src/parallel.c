/* parallel.c: see parallel.h. */
#include "parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

static size_t limit;
/* The cores online, asked once: glibc reads a file of /sys for it. */
static size_t cores;
static pthread_once_t counted = PTHREAD_ONCE_INIT;

static void
count_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    cores = n < 2 ? 1 : n > PARALLEL_MAX ? PARALLEL_MAX : (size_t)n;
}

void
parallel_limit(size_t n)
{
    limit = n;
}

size_t
parallel_threads(void)
{
    pthread_once(&counted, count_cores);
    if (limit > 0)
        return limit < PARALLEL_MAX ? limit : PARALLEL_MAX;
    return cores;
}

void
parallel_part(size_t n, size_t nparts, size_t k, size_t *lo, size_t *hi)
{
    size_t each = (n + nparts - 1) / nparts;

    *lo = k * each < n ? k * each : n;
    *hi = n - *lo < each ? n : *lo + each;
}

void
parallel_run(void *parts, size_t n, size_t size, void *(*fn)(void *))
{
    pthread_t tid[PARALLEL_MAX];
    int started[PARALLEL_MAX] = { 0 };
    char *part = parts;
    size_t k;

    if (n > PARALLEL_MAX)
        n = PARALLEL_MAX;
    for (k = 1; k < n; k++)
        started[k] = pthread_create(&tid[k], NULL, fn, part + k * size) == 0;
    if (n > 0)
        fn(part);
    for (k = 1; k < n; k++)
        if (started[k])
            pthread_join(tid[k], NULL);
        else
            fn(part + k * size);
}

/* Fewer members than this are sorted on the calling thread alone. */
#define PARALLEL_SORT_MIN 2048

struct sort_part {
    char *base;
    size_t n, size;
    int (*cmp)(const void *, const void *);
};

static void *
sort_part(void *arg)
{
    struct sort_part *sp = arg;

    qsort(sp->base, sp->n, sp->size, sp->cmp);
    return NULL;
}

void
parallel_sort(void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *))
{
    parallel_sort_parts(base, n, size, cmp, n < PARALLEL_SORT_MIN ? 1
                                            : parallel_threads());
}

void
parallel_sort_parts(void *base, size_t n, size_t size,
                    int (*cmp)(const void *, const void *), size_t nparts)
{
    struct sort_part part[PARALLEL_MAX];
    size_t k, at[PARALLEL_MAX], i, lo, hi;
    char *out;

    if (nparts > PARALLEL_MAX)
        nparts = PARALLEL_MAX;
    if (nparts < 2 || n < nparts) {
        qsort(base, n, size, cmp);
        return;
    }
    for (k = 0; k < nparts; k++) {
        parallel_part(n, nparts, k, &lo, &hi);
        part[k].base = (char *)base + lo * size;
        part[k].n = hi - lo;
        part[k].size = size;
        part[k].cmp = cmp;
        at[k] = 0;
    }
    parallel_run(part, nparts, sizeof *part, sort_part);
    /* Merge: each member from the part whose next one is least. */
    out = xmalloc(n * size);
    for (i = 0; i < n; i++) {
        size_t best = nparts;

        for (k = 0; k < nparts; k++)
            if (at[k] < part[k].n &&
                (best == nparts ||
                 cmp(part[k].base + at[k] * size,
                     part[best].base + at[best] * size) < 0))
                best = k;
        memcpy(out + i * size, part[best].base + at[best] * size, size);
        at[best]++;
    }
    memcpy(base, out, n * size);
    free(out);
}
