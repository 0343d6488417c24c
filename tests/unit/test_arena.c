/* test_arena.c: the region allocator. */
#include "harness.h"

#include <stdint.h>

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
}
