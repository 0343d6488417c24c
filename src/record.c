/* record.c: see record.h. */
#include "record.h"

#include <string.h>

void
record_num(struct buf *b, uint64_t v)
{
    unsigned char c[10];
    size_t n = 0;

    do {
        c[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v != 0)
            c[n] |= 0x80;
        n++;
    } while (v != 0);
    buf_add(b, c, n);
}

void
record_strn(struct buf *b, const char *s, size_t n)
{
    if (s == NULL) {
        record_num(b, 0);
        return;
    }
    record_num(b, (uint64_t)n + 1);
    buf_add(b, s, n);
    buf_addc(b, '\0');
}

void
record_str(struct buf *b, const char *s)
{
    record_strn(b, s, s != NULL ? strlen(s) : 0);
}

void
record_strs(struct buf *b, const char *const *v, size_t n)
{
    size_t i;

    record_num(b, n);
    for (i = 0; i < n; i++)
        record_str(b, v[i]);
}

uint64_t
record_read_num(struct record_reader *r)
{
    uint64_t v = 0;
    unsigned shift = 0;

    while (!r->bad && r->p < r->end && shift < 64) {
        unsigned char c = *r->p++;

        if (shift == 63 && c > 1)
            break;              /* past 64 bits */
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
        shift += 7;
    }
    r->bad = 1;
    return 0;
}

const char *
record_read_str(struct record_reader *r, size_t *len)
{
    uint64_t n = record_read_num(r);
    const char *s;

    if (len != NULL)
        *len = 0;
    if (n == 0 || r->bad)
        return NULL;
    if (n > (uint64_t)(r->end - r->p) || r->p[n - 1] != '\0') {
        r->bad = 1;
        return NULL;
    }
    s = (const char *)r->p;
    r->p += n;
    if (len != NULL)
        *len = (size_t)n - 1;
    return s;
}
