/* hindex.c: hashes to item positions; see hindex.h. */
#include "hindex.h"

#include <stdlib.h>

#include "arena.h"
#include "buf.h"

/* The table starts with this many slots and doubles when three quarters
 * full: between 3/8 and 3/4 full, a lookup that finds its key reads 1.2
 * to 2.5 slots, one that does not 1.8 to 8.5, in the same one or two
 * cache lines; at most half full the table took twice the memory (8 MB
 * for the 270,000 ids of the 5 MB headings page) for a slot or two less. */
#define HINDEX_MIN_SLOTS 64
#define HINDEX_FULL(nslots) ((nslots) - (nslots) / 4)

uint32_t
hindex_fold(uint64_t fnv)
{
    /* FNV's low bits mix least: fold the high half in. */
    return (uint32_t)(fnv ^ (fnv >> 32));
}

uint32_t
hindex_hash(const void *key, size_t len)
{
    return hindex_fold(fnv1a64(FNV1A64_START, key, len));
}

static void
place(uint64_t *slots, size_t mask, uint64_t slot)
{
    size_t i = (size_t)(slot >> 32) & mask;

    while (slots[i] != 0)
        i = (i + 1) & mask;
    slots[i] = slot;
}

static void
resize(struct hindex *h, size_t nslots)
{
    uint64_t *slots = xcalloc(nslots, sizeof *slots);
    size_t i;

    for (i = 0; h->slots != NULL && i <= h->mask; i++)
        if (h->slots[i] != 0)
            place(slots, nslots - 1, h->slots[i]);
    free(h->slots);
    h->slots = slots;
    h->mask = nslots - 1;
}

void
hindex_reserve(struct hindex *h, size_t n)
{
    size_t nslots = HINDEX_MIN_SLOTS;

    while (HINDEX_FULL(nslots) < n)
        nslots *= 2;
    if (h->slots == NULL || nslots > h->mask + 1)
        resize(h, nslots);
}

size_t
hindex_next(const struct hindex *h, uint32_t hash, size_t *cursor)
{
    size_t i;

    if (h->slots == NULL)
        return SIZE_MAX;
    for (i = (hash + *cursor) & h->mask; h->slots[i] != 0;
         i = (i + 1) & h->mask) {
        uint64_t s = h->slots[i];

        ++*cursor;
        if ((uint32_t)(s >> 32) == hash)
            return (size_t)(uint32_t)s - 1;
    }
    return SIZE_MAX;
}

void
hindex_put(struct hindex *h, uint32_t hash, size_t pos)
{
    if (h->slots == NULL || h->n + 1 > HINDEX_FULL(h->mask + 1))
        hindex_reserve(h, h->n + 1);
    place(h->slots, h->mask, (uint64_t)hash << 32 | (uint64_t)(pos + 1));
    h->n++;
}

void
hindex_free(struct hindex *h)
{
    free(h->slots);
    h->slots = NULL;
    h->mask = 0;
    h->n = 0;
}
