/* record.h: the fields of the records the index cache keeps, its own
 * entries and what rules keep of a page with rule_record(): numbers as
 * unsigned LEB128; strings as their length plus one (0 for none), their
 * bytes and a NUL, so that a string read is used where it lies. */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

void record_num(struct buf *b, uint64_t v);
/* s[0, n), or none when s is NULL. */
void record_strn(struct buf *b, const char *s, size_t n);
void record_str(struct buf *b, const char *s);
/* n, then each of v[0, n). */
void record_strs(struct buf *b, const char *const *v, size_t n);

/* A record being read.  bad is set at the first field that is not one
 * (a damaged file, another version's record), and every field read
 * after it is 0 or NULL. */
struct record_reader {
    const unsigned char *p, *end;
    int bad;
};

uint64_t record_read_num(struct record_reader *r);
/* The next string where it lies, its length in *len when len is not
 * NULL; NULL for none, or when r is bad. */
const char *record_read_str(struct record_reader *r, size_t *len);

#endif
