/* test_parallel.c: parallel_sort() sorts as qsort() does, at every size
 * around where it starts splitting, in one to four parts whatever the
 * cores of the machine running the test. */
#include "harness.h"

#include <stdlib.h>

#include "parallel.h"

static int
cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

/* Is v[0, n) what qsort() makes of the same members? */
static int
sorted_as_qsort(const int *v, const int *orig, size_t n)
{
    int *want = malloc((n + 1) * sizeof *want);
    size_t i;
    int same = 1;

    memcpy(want, orig, n * sizeof *want);
    qsort(want, n, sizeof *want, cmp_int);
    for (i = 0; i < n && same; i++)
        same = v[i] == want[i];
    free(want);
    return same;
}

void
test_parallel(void)
{
    static const size_t sizes[] = { 0, 1, 2, 2047, 2048, 2049, 5001, 50000 };
    size_t s, i, j;
    unsigned seed = 12345;

    for (j = 1; j <= PARALLEL_MAX; j++) {
        for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            size_t n = sizes[s];
            int *v = malloc((n + 1) * sizeof *v);
            int *orig = malloc((n + 1) * sizeof *orig);
            char what[96];

            for (i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                /* Few distinct values: equal members across parts. */
                orig[i] = (int)((seed >> 16) % (n / 3 + 1));
            }
            memcpy(v, orig, n * sizeof *v);
            parallel_sort_parts(v, n, sizeof *v, cmp_int, j);
            snprintf(what, sizeof what,
                     "parallel_sort: %zu members in %zu parts", n, j);
            ok(sorted_as_qsort(v, orig, n), what);
            free(v);
            free(orig);
        }
    }
    /* And as the walk calls it, on this machine's cores. */
    {
        int v[5000], orig[5000];

        for (i = 0; i < 5000; i++)
            orig[i] = v[i] = (int)((i * 7919u) % 5000u);
        parallel_sort(v, 5000, sizeof *v, cmp_int);
        ok(sorted_as_qsort(v, orig, 5000), "parallel_sort: on the cores");
    }
}
