/* arena.c: region allocator; out-of-memory is fatal here and nowhere else. */
#include "arena.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 64 KiB blocks: a typical page model fits in one or two, and the run
 * arena of a 600-page site needs a few hundred. */
#define ARENA_BLOCK_BYTES (64 * 1024)
#define ARENA_ALIGN       16

struct arena_block {
    struct arena_block *next;
    size_t size;                /* usable bytes after the header */
    size_t used;
    max_align_t data[];
};

static void
oom(void)
{
    fputs("sitelint: out of memory\n", stderr);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        oom();
    return p;
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (p == NULL)
        oom();
    return p;
}

void *
xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);

    if (q == NULL)
        oom();
    return q;
}

char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return memcpy(xmalloc(n), s, n);
}

static struct arena_block *
block_new(size_t need)
{
    size_t size = need > ARENA_BLOCK_BYTES ? need : ARENA_BLOCK_BYTES;
    struct arena_block *b;

    if (size > SIZE_MAX - sizeof *b)
        oom();
    b = xmalloc(sizeof *b + size);
    b->size = size;
    b->used = 0;
    b->next = NULL;
    return b;
}

void *
arena_alloc(struct arena *a, size_t size)
{
    struct arena_block *b = a->head;
    size_t off;
    void *p;

    if (size > SIZE_MAX - ARENA_ALIGN)
        oom();
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (b == NULL || b->size - b->used < size) {
        if (a->spare != NULL && a->spare->size >= size) {
            b = a->spare;
            a->spare = b->next;
            b->used = 0;
        } else {
            b = block_new(size);
        }
        b->next = a->head;
        a->head = b;
    }
    off = b->used;
    b->used += size;
    p = (char *)b->data + off;
    memset(p, 0, size);
    return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);

    if (len > 0)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *
arena_grow(struct arena *a, void *v, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *nv;

    if (need <= *cap)
        return v;
    ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / elem)
        oom();
    nv = arena_alloc(a, ncap * elem);
    if (*cap > 0)
        memcpy(nv, v, *cap * elem);
    *cap = ncap;
    return nv;
}

char *
arena_read_file(struct arena *a, const char *path, size_t max, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *p;
    long n;

    if (fp == NULL)
        return NULL;
    if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) != 0) {
        fclose(fp);
        return NULL;
    }
    if ((unsigned long)n > max) {
        fclose(fp);
        errno = EFBIG;
        return NULL;
    }
    p = arena_alloc(a, (size_t)n + 1);
    *len = fread(p, 1, (size_t)n, fp);
    fclose(fp);
    return p;
}

void
arena_reset(struct arena *a)
{
    struct arena_block *b, *next;

    for (b = a->head; b != NULL; b = next) {
        next = b->next;
        if (b->size == ARENA_BLOCK_BYTES) {
            b->next = a->spare;
            a->spare = b;
        } else {
            free(b);            /* oversized: do not keep huge pages */
        }
    }
    a->head = NULL;
}

void
arena_free(struct arena *a)
{
    struct arena_block *b, *next;

    arena_reset(a);
    for (b = a->spare; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    a->spare = NULL;
}
