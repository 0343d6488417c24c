/* arena.h: region allocator and the allocation helpers that never fail. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena_block;

/* A region: allocations are freed all at once by arena_reset() (blocks kept
 * for reuse) or arena_free().  Zero-initialise before first use. */
struct arena_map;

struct arena {
    struct arena_block *head;   /* block being carved, newest first */
    struct arena_block *spare;  /* blocks kept by arena_reset() */
    size_t grown;               /* bytes of blocks made; sizes the next */
    struct arena_map *maps;     /* files mapped by arena_map_file() */
    int scratch;                /* reset often, and mostly far smaller
                                 * than a block: the blocks it carves
                                 * are not offered huge pages (arena.c) */
};

/* Returns zeroed memory aligned for any object; never returns NULL. */
void   *arena_alloc(struct arena *a, size_t size);
/* Copies len bytes and a terminating NUL into the arena. */
char   *arena_strndup(struct arena *a, const char *s, size_t len);
char   *arena_strdup(struct arena *a, const char *s);
/* The same with ASCII letters in lower case (config keys, URL keys). */
char   *arena_strlower(struct arena *a, const char *s);
char   *arena_printf(struct arena *a, const char *fmt, ...)
            __attribute__((format(printf, 2, 3)));
/* Grows an arena array of *cap elements of size elem to hold need, new
 * elements zeroed.  The old storage is gone: a large array grows in a
 * block of its own, which may move. */
void   *arena_grow(struct arena *a, void *v, size_t *cap, size_t need,
                   size_t elem);
void    arena_reset(struct arena *a);
/* Gives the empty arena a its first block: size bytes at mem, aligned for
 * any object, which a uses but never frees.  Arenas that are many and
 * short-lived share one mapping this way. */
void    arena_seed(struct arena *a, void *mem, size_t size);
/* Hands src's allocations to dst, to be freed with it; src is left empty
 * and its spare blocks are freed. */
void    arena_adopt(struct arena *dst, struct arena *src);
void    arena_free(struct arena *a);
/* The bytes of the blocks a holds, in use or kept for reuse. */
size_t  arena_size(const struct arena *a);

/* Maps len bytes (above 0) of the open file fd read-only, for as long as
 * a's allocations live, or NULL when it cannot be mapped.  The file must
 * not shrink meanwhile: replace it by rename(2). */
const char *arena_map_file(struct arena *a, int fd, size_t len);

/* Reads the whole file at path into the arena, NUL-terminated, and sets
 * *len.  Returns NULL with errno set if it cannot be read, is larger
 * than max bytes (EFBIG), or is not a regular file (EISDIR, or ENODEV
 * for a FIFO, socket or device, which is never waited on). */
char   *arena_read_file(struct arena *a, const char *path, size_t max,
                        size_t *len);

/* Print "sitelint: out of memory" and abort(): the only other exit. */
void   *xmalloc(size_t size);
void   *xcalloc(size_t n, size_t size);
void   *xrealloc(void *p, size_t size);
char   *xstrdup(const char *s);

/* Append one element to an arena vector: v, n and cap name the fields. */
#define ARENA_PUSH(a, v, n, cap) \
    ((v) = arena_grow((a), (v), &(cap), (n) + 1, sizeof *(v)), &(v)[(n)++])

#endif
