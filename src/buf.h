/* buf.h: byte slices and growable byte buffers. */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>
#include <stdint.h>

/* A slice of text that is not NUL-terminated; it does not own p. */
struct str {
    const char *p;
    size_t len;
};

#define STR_NULL ((struct str){ NULL, 0 })

/* A growable, always NUL-terminated buffer on the heap; buf_free() it. */
struct buf {
    char *p;
    size_t len, cap;
};

void buf_add(struct buf *b, const void *p, size_t len);
void buf_addc(struct buf *b, int c);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* The length of the valid UTF-8 sequence at p (n bytes left), or 0 if
 * it is not one: overlong forms, surrogates and past U+10FFFF are not. */
size_t utf8_len(const unsigned char *p, size_t n);

/* 64-bit FNV-1a of n bytes at p, continuing from h (FNV1A64_START to
 * begin): fingerprints and file names, not hash tables (uthash's own). */
#define FNV1A64_START 0xcbf29ce484222325ULL
uint64_t fnv1a64(uint64_t h, const void *p, size_t n);

int  str_is(struct str a, const char *s);
/* Is s one of the comma-separated words of list ("a,b,c")?  0 for NULL. */
int  str_in_list(const char *list, const char *s);
int  str_caseis(struct str a, const char *s);
struct str str_trim(struct str s);

#endif
