/* parallel.c: see parallel.h. */
#include "parallel.h"

#include <pthread.h>
#include <unistd.h>

static size_t limit;

void
parallel_limit(size_t n)
{
    limit = n;
}

size_t
parallel_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores < 2 ? 1 : cores > PARALLEL_MAX ? PARALLEL_MAX
                                                    : (size_t)cores;

    return limit > 0 && limit < n ? limit : n;
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
