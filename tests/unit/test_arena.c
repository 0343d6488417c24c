/* test_arena.c: the region allocator. */
#include "harness.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"

void
test_arena(void)
{
    struct arena a = { 0 };
    char *p, *big;
    int *v = NULL;
    size_t n = 0, cap = 0, i;

    p = arena_alloc(&a, 10);
    ok(((uintptr_t)p % 16) == 0, "arena: allocations are aligned");
    ok(p[0] == 0 && p[9] == 0, "arena: allocations are zeroed");
    big = arena_alloc(&a, 1 << 20);
    ok(big != NULL && big[(1 << 20) - 1] == 0, "arena: oversized block");
    str_eq(arena_strndup(&a, "abcdef", 3), "abc", "arena: strndup");
    str_eq(arena_printf(&a, "%s-%d", "x", 42), "x-42", "arena: printf");
    for (i = 0; i < 1000; i++)
        *ARENA_PUSH(&a, v, n, cap) = (int)i;
    ok(n == 1000 && v[0] == 0 && v[999] == 999, "arena: vector growth");
    arena_reset(&a);
    p = arena_alloc(&a, 32);
    ok(p[0] == 0, "arena: memory after reset is zeroed");
    arena_free(&a);

    /* A large allocation gets its own block and the block being carved
     * goes on: the next small allocation follows the previous one. */
    p = arena_alloc(&a, 16);
    big = arena_alloc(&a, 100000);
    big[99999] = 'x';
    ok(arena_alloc(&a, 16) == p + 16,
       "arena: a large allocation does not end the current block");
    /* Past the first block come 2 MiB blocks and mapped large ones. */
    for (i = 0; i < 200; i++)
        memset(arena_alloc(&a, 16000), 'y', 16000);
    big = arena_alloc(&a, 5u << 20);
    big[(5u << 20) - 1] = 'z';
    ok(big[0] == 0 && ((uintptr_t)big % 16) == 0,
       "arena: a mapped block is zeroed and aligned");
    {
        struct arena b = { 0 };
        char *q = arena_strdup(&b, "kept");

        arena_alloc(&b, 200000);
        arena_adopt(&a, &b);
        ok(b.head == NULL && b.spare == NULL,
           "arena: adopt leaves the source empty");
        str_eq(q, "kept", "arena: adopted memory lives with the adopter");
        p = arena_alloc(&a, 8);
        ok(p != NULL && p[0] == 0, "arena: allocation after adopt");
    }
    arena_free(&a);

    /* A seeded arena carves the caller's memory first, keeps it over a
     * reset, goes on past it, and never frees it (ASan would say). */
    {
        static max_align_t seed[4096 / sizeof(max_align_t)];
        char *lo = (char *)seed, *hi = lo + sizeof seed;
        struct arena s = { 0 };

        arena_seed(&s, seed, sizeof seed);
        p = arena_alloc(&s, 100);
        ok(p > lo && p < hi, "arena: a seeded arena carves its seed");
        arena_reset(&s);
        ok(arena_alloc(&s, 100) == p, "arena: the seed is kept over a reset");
        big = arena_alloc(&s, 8000);
        ok(big < lo || big >= hi, "arena: past the seed, blocks of its own");
        memset(big, 'x', 8000);
        arena_free(&s);
        arena_seed(&s, seed, sizeof seed);
        ok(arena_alloc(&s, 100) == p, "arena: the seed outlives arena_free");
        arena_free(&s);
    }

    /* A large array grows in a block of its own, in place or moved, its
     * elements kept and the new ones zeroed, and leaves no old copy: a
     * 24 MB array ends in one block of its size, not twice that. */
    {
        struct arena g = { 0 };
        uint32_t *w = NULL;
        size_t wn = 0, wcap = 0, bad = 0;
        char *before = arena_strdup(&g, "before"), *after;

        for (i = 0; i < 6000000; i++) {
            uint32_t *slot = ARENA_PUSH(&g, w, wn, wcap);

            bad += *slot != 0;
            *slot = (uint32_t)i * 2654435761u;
        }
        for (i = 0; i < wn; i++)
            bad += w[i] != (uint32_t)i * 2654435761u;
        int_eq(bad, 0, "arena: a grown array keeps its elements; new ones "
                       "are zero");
        after = arena_strdup(&g, "after");
        str_eq(before, "before", "arena: growing leaves other memory be");
        str_eq(after, "after", "arena: allocation after growing");
        ok(arena_size(&g) < wcap * sizeof *w + (4u << 20),
           "arena: a large array's old copies are given back");
        arena_free(&g);
    }
    /* An arena whose only block is a large array it grows: what is
     * allocated after comes from elsewhere, not from inside the array. */
    {
        struct arena g = { 0 };
        size_t gcap = 40000, k, inside = 0;
        char *arr = arena_alloc(&g, gcap), *after;

        for (k = 0; k < 3; k++) {
            arr = arena_grow(&g, arr, &gcap, gcap + 1, 1);
            memset(arr, 'a', gcap);
            after = arena_alloc(&g, 64);
            inside += after >= arr && after < arr + gcap;
            memset(after, 'b', 64);
        }
        for (k = 0; k < gcap && arr[k] == 'a'; k++)
            continue;
        ok(inside == 0 && k == gcap,
           "arena: no allocation is carved from a grown array's block");
        arena_free(&g);
    }
}

