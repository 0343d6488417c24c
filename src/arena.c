/* arena.c: region allocator; out-of-memory is fatal here and nowhere else. */
#define _GNU_SOURCE             /* MAP_ANONYMOUS, MADV_HUGEPAGE, mremap */
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* An arena's first block is 64 KiB, where a typical page model fits; the
 * next ones are 2 MiB, mapped on a 2 MiB boundary and offered for a
 * transparent huge page.  Touching fresh memory costs a page fault per
 * 4 KiB, and on a virtual machine those faults cost a fifth of linting a
 * 600-page site; one fault per 2 MiB costs next to nothing.  An
 * allocation of its own of ARENA_MAP_MIN or more is mapped the same way:
 * codespell's 830 KB word list cost 200 faults, 2 ms, read into malloc()ed
 * memory.  A huge page touched once is 2 MiB resident, so an array that
 * grows by doubling gets none (its top half is mostly unwritten: 12 MB
 * of the 5 MB headings page's peak, over six arrays), an allocation of
 * its own past 2 MiB gets them up to its last whole 2 MiB, and one under
 * 2 MiB gets one whole (the word list: a fault, where 4 KiB pages took
 * 200), as does each block an arena carves unless it is a scratch one
 * (struct arena). */
#define ARENA_BLOCK_MIN (64 * 1024)
#define ARENA_BLOCK_MAX (2 * 1024 * 1024)
#define ARENA_MAP_MIN   (256 * 1024)
/* An allocation above this gets a block of its own, so that it does not
 * cut short the block being carved. */
#define ARENA_ALONE     (ARENA_BLOCK_MIN / 4)
#define ARENA_ALIGN     16

struct arena_map {
    struct arena_map *next;
    void *p;
    size_t len;
};

struct arena_block {
    struct arena_block *next;
    size_t size;                /* usable bytes after the header */
    size_t used;
    size_t mapped;              /* bytes mmap()ed, 0 if from malloc() */
    unsigned char alone;        /* one large allocation; never reused */
    unsigned char seeded;       /* arena_seed()'s: the caller's memory */
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

/* A block of want bytes (a multiple of ARENA_BLOCK_MAX) on an
 * ARENA_BLOCK_MAX boundary, its first huge bytes (a multiple too) offered
 * huge pages, or NULL if the system will not map one. */
static struct arena_block *
block_map(size_t want, size_t huge)
{
    char *p = mmap(NULL, 2 * want, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t at, lead;

    if (p == MAP_FAILED)
        return NULL;
    at = ((uintptr_t)p + want - 1) & ~(uintptr_t)(want - 1);
    lead = at - (uintptr_t)p;
    if (lead > 0)
        munmap(p, lead);
    munmap((char *)at + want, want - lead);
#ifdef MADV_HUGEPAGE
    if (huge > 0)
        madvise((void *)at, huge, MADV_HUGEPAGE);  /* a hint; may be refused */
#endif
    ((struct arena_block *)at)->mapped = want;
    return (struct arena_block *)at;
}

/* A block of usable bytes; huge: all of them will be written (above). */
static struct arena_block *
block_new(size_t usable, int alone, int huge)
{
    struct arena_block *b = NULL;
    size_t total;

    if (usable > SIZE_MAX - sizeof *b - ARENA_BLOCK_MAX)
        oom();
    total = sizeof *b + usable;
    if (total >= ARENA_MAP_MIN) {
        size_t want = (total + ARENA_BLOCK_MAX - 1) &
                      ~(size_t)(ARENA_BLOCK_MAX - 1);

        b = block_map(want, !huge ? 0 : want == ARENA_BLOCK_MAX ? want
                            : total & ~(size_t)(ARENA_BLOCK_MAX - 1));
    }
    if (b == NULL) {
        b = xmalloc(total);
        b->mapped = 0;
    }
    b->alone = (unsigned char)alone;
    b->seeded = 0;
    b->size = usable;
    b->used = 0;
    b->next = NULL;
    return b;
}

static void
block_free(struct arena_block *b)
{
    if (b->seeded)
        return;
    if (b->mapped > 0)
        munmap(b, b->mapped);
    else
        free(b);
}

/* Room for size bytes: a spare block, or a new one. */
static struct arena_block *
block_for(struct arena *a, size_t size)
{
    struct arena_block *b;
    size_t total;

    if (a->spare != NULL && a->spare->size >= size) {
        b = a->spare;
        a->spare = b->next;
        b->used = 0;
        return b;
    }
    total = a->grown == 0 ? ARENA_BLOCK_MIN : ARENA_BLOCK_MAX;
    a->grown += total;
    return block_new(total - sizeof *b, 0, !a->scratch);
}

/* Links b, a block of one allocation, into a behind the block being
 * carved, so that that one is not cut short. */
static void
link_alone(struct arena *a, struct arena_block *b)
{
    if (a->head != NULL) {
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = NULL;
        a->head = b;
    }
}

/* size bytes (aligned) in a block of their own. */
static void *
alloc_alone(struct arena *a, size_t size, int huge)
{
    struct arena_block *b = block_new(size, 1, huge);

    link_alone(a, b);
    b->used = size;
    if (b->mapped == 0)
        memset(b->data, 0, size);   /* a fresh mapping is zeroes already */
    return b->data;
}

static size_t
aligned(size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        oom();
    return (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void *
arena_alloc(struct arena *a, size_t size)
{
    struct arena_block *b = a->head;
    size_t off;
    void *p;

    size = aligned(size);
    if (b == NULL || b->size - b->used < size) {
        if (size > ARENA_ALONE)
            return alloc_alone(a, size, 1);
        b = block_for(a, size);
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
arena_strlower(struct arena *a, const char *s)
{
    char *low = arena_strdup(a, s), *p;

    for (p = low; *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
    return low;
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

/* The block of a's whose data is v alone (an allocation of its own),
 * taken off a's list; NULL when there is none. */
static struct arena_block *
take_alone(struct arena *a, const void *v)
{
    struct arena_block **pp, *b;

    for (pp = &a->head; (b = *pp) != NULL; pp = &b->next)
        if (b->alone && (const void *)b->data == v) {
            *pp = b->next;
            return b;
        }
    return NULL;
}

/* b, grown to hold usable bytes, its contents kept and the rest zeroed;
 * b itself may move. */
static struct arena_block *
block_resize(struct arena_block *b, size_t usable)
{
    size_t old = b->size, total = sizeof *b + usable;
    struct arena_block *nb;

    if (b->mapped > 0) {
        size_t want = (total + ARENA_BLOCK_MAX - 1) &
                      ~(size_t)(ARENA_BLOCK_MAX - 1);
        void *p = want == b->mapped
                  ? (void *)b : mremap(b, b->mapped, want, MREMAP_MAYMOVE);

        if (p != MAP_FAILED) {
            /* Past the old size the mapping was never written: the
             * kernel's zeroes, untouched until used. */
            nb = p;
            nb->mapped = want;
            nb->size = usable;
            return nb;
        }
    }
    nb = block_new(usable, 1, 0);
    memcpy(nb->data, b->data, old);
    memset((char *)nb->data + old, 0, usable - old);
    block_free(b);
    return nb;
}

void *
arena_grow(struct arena *a, void *v, size_t *cap, size_t need, size_t elem)
{
    struct arena_block *b;
    size_t ncap;
    void *nv;

    if (need <= *cap)
        return v;
    ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > (SIZE_MAX - ARENA_BLOCK_MAX) / elem)
        oom();
    /* An array that has a block of its own grows in it, and a move
     * leaves nothing behind; a small one is copied, and the old copy
     * stays until the arena is reset. */
    if (*cap * elem > ARENA_ALONE && (b = take_alone(a, v)) != NULL) {
        b = block_resize(b, ncap * elem);
        b->used = b->size;      /* all the array's: nothing is carved here */
        link_alone(a, b);
        *cap = ncap;
        return b->data;
    }
    nv = ncap * elem > ARENA_ALONE ? alloc_alone(a, aligned(ncap * elem), 0)
                                   : arena_alloc(a, ncap * elem);
    if (*cap > 0)
        memcpy(nv, v, *cap * elem);
    *cap = ncap;
    return nv;
}

size_t
arena_size(const struct arena *a)
{
    const struct arena_block *lists[2] = { a->head, a->spare }, *b;
    size_t i, n = 0;

    for (i = 0; i < 2; i++)
        for (b = lists[i]; b != NULL; b = b->next)
            n += sizeof *b + b->size;
    return n;
}

char *
arena_read_file(struct arena *a, const char *path, size_t max, size_t *len)
{
    /* Non-blocking: a FIFO where a file was expected must not hang the
     * run waiting for a writer; it is refused below. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    size_t got = 0;
    char *p;

    if (fd == -1)
        return NULL;
    if (fstat(fd, &st) == -1) {
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        errno = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
        return NULL;
    }
    if ((unsigned long long)st.st_size > max) {
        close(fd);
        errno = EFBIG;
        return NULL;
    }
    p = arena_alloc(a, (size_t)st.st_size + 1);
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, p + got, (size_t)st.st_size - got);

        if (r == -1 && errno == EINTR)
            continue;
        if (r == -1) {
            int e = errno;

            close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0)
            break;              /* it shrank while we read */
        got += (size_t)r;
    }
    close(fd);
    p[got] = '\0';
    *len = got;
    return p;
}

const char *
arena_map_file(struct arena *a, int fd, size_t len)
{
    struct arena_map *m;
    void *p;

    if (len == 0)
        return NULL;
    /* Populated: the whole file is read in order at once. */
    p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED)
        return NULL;
    m = xmalloc(sizeof *m);     /* not the arena's: a reset recycles it */
    m->p = p;
    m->len = len;
    m->next = a->maps;
    a->maps = m;
    return p;
}

void
arena_reset(struct arena *a)
{
    struct arena_block *b, *next;
    struct arena_map *m;

    while ((m = a->maps) != NULL) {
        a->maps = m->next;
        munmap(m->p, m->len);
        free(m);
    }

    for (b = a->head; b != NULL; b = next) {
        next = b->next;
        if (!b->alone) {
            b->next = a->spare;
            a->spare = b;
        } else {
            block_free(b);      /* do not keep one huge page's text */
        }
    }
    a->head = NULL;
}

void
arena_seed(struct arena *a, void *mem, size_t size)
{
    struct arena_block *b = mem;

    b->next = NULL;
    b->size = size - sizeof *b;
    b->used = 0;
    b->mapped = 0;
    b->alone = 0;
    b->seeded = 1;
    a->spare = b;
    a->grown = size;
}

void
arena_adopt(struct arena *dst, struct arena *src)
{
    struct arena_block *last;

    if (src->head != NULL) {
        for (last = src->head; last->next != NULL; last = last->next)
            continue;
        if (dst->head != NULL) {    /* keep carving dst's current block */
            last->next = dst->head->next;
            dst->head->next = src->head;
        } else {
            last->next = NULL;
            dst->head = src->head;
        }
        src->head = NULL;
    }
    if (src->maps != NULL) {
        struct arena_map *m = src->maps;

        while (m->next != NULL)
            m = m->next;
        m->next = dst->maps;
        dst->maps = src->maps;
        src->maps = NULL;
    }
    arena_free(src);
}

void
arena_free(struct arena *a)
{
    struct arena_block *b, *next;

    arena_reset(a);
    for (b = a->spare; b != NULL; b = next) {
        next = b->next;
        block_free(b);
    }
    a->spare = NULL;
    a->grown = 0;
}
