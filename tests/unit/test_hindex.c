/* test_hindex.c: hashes to item positions. */
#include "harness.h"

#include <stdint.h>

#include "hindex.h"

/* The positions put under hash, as a bit set of the first 64. */
static uint64_t
positions(const struct hindex *h, uint32_t hash)
{
    uint64_t set = 0;
    size_t cursor = 0, i;

    while ((i = hindex_next(h, hash, &cursor)) != SIZE_MAX)
        set |= (uint64_t)1 << (i % 64);
    return set;
}

void
test_hindex(void)
{
    struct hindex h = { 0 };
    size_t i, cursor = 0, found = 0, wrong = 0;

    ok(hindex_next(&h, 7, &cursor) == SIZE_MAX, "hindex: empty");
    /* Positions 0-9 under one hash, 10-19 under the one next to it
     * (their runs of slots meet), and many more that make it grow. */
    for (i = 0; i < 10; i++)
        hindex_put(&h, 1000, i);
    for (i = 10; i < 20; i++)
        hindex_put(&h, 1001, i);
    ok(positions(&h, 1000) == 0x3ff, "hindex: every position of a hash");
    ok(positions(&h, 1001) == 0xffc00, "hindex: not those of its neighbour");
    ok(positions(&h, 999) == 0, "hindex: none of a hash not put");
    for (i = 20; i < 100000; i++)
        hindex_put(&h, hindex_hash(&i, sizeof i), i);
    for (i = 20; i < 100000; i++) {
        size_t c = 0, p;
        int seen = 0;

        while ((p = hindex_next(&h, hindex_hash(&i, sizeof i), &c)) !=
               SIZE_MAX)
            if (p == i)
                seen = 1;
        found += seen;
    }
    int_eq(found, 100000 - 20, "hindex: every position found after growing");
    ok(positions(&h, 1000) == 0x3ff && positions(&h, 1001) == 0xffc00,
       "hindex: the first positions survive growing");
    ok(h.mask + 1 >= 2 * h.n, "hindex: at most half full");
    hindex_free(&h);
    hindex_reserve(&h, 5000);
    i = h.mask;
    for (cursor = 0; cursor < 5000; cursor++)
        hindex_put(&h, (uint32_t)cursor * 2654435761u, cursor);
    ok(h.mask == i, "hindex: a reserved table does not grow");
    for (cursor = 0; cursor < 5000; cursor++) {
        size_t c = 0;

        wrong += hindex_next(&h, (uint32_t)cursor * 2654435761u, &c) !=
                 cursor;
    }
    int_eq(wrong, 0, "hindex: positions under distinct hashes");
    hindex_free(&h);
    ok(hindex_hash("abc", 3) != hindex_hash("abd", 3) &&
       hindex_hash("abc", 3) == hindex_hash("abcd", 3),
       "hindex: the hash of the bytes given");
}
