/* hindex.h: an index from 32-bit hashes to the positions of items in the
 * caller's array, for tables of many small keys (the site index's URLs,
 * content paths and ids).
 *
 * The caller keeps the items, in the order added, and compares keys; the
 * index keeps 8 bytes a slot, at most three quarters full (open
 * addressing, linear probing).  A lookup costs one cache line, not the
 * chain walk and 56-byte handle per item of uthash.  Items are never
 * removed. */
#ifndef HINDEX_H
#define HINDEX_H

#include <stddef.h>
#include <stdint.h>

struct hindex {
    uint64_t *slots;            /* hash << 32 | position + 1; 0: empty */
    size_t mask;                /* slots - 1; 0 before the first put */
    size_t n;                   /* positions put */
};

/* The hash of key[0, len). */
uint32_t hindex_hash(const void *key, size_t len);
/* The hash of a key made of parts, from their FNV-1a value (buf.h's
 * fnv1a64(), chained over the parts). */
uint32_t hindex_fold(uint64_t fnv);

/* Makes room for n positions in all, so that putting them grows nothing. */
void hindex_reserve(struct hindex *h, size_t n);

/* Walks the positions put with hash: *cursor starts at 0; each call
 * returns the next position with that hash, or SIZE_MAX when no more. */
size_t hindex_next(const struct hindex *h, uint32_t hash, size_t *cursor);

/* Adds position pos (below UINT32_MAX - 1) under hash. */
void hindex_put(struct hindex *h, uint32_t hash, size_t pos);

void hindex_free(struct hindex *h);

#endif
