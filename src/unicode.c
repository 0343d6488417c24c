/* unicode.c: see unicode.h.  The tables are in unicode_data.c. */
#include "unicode.h"

unsigned
uni_decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i, n, k;
    unsigned cp, min;

    if (p[0] < 0x80) {
        (*i)++;
        return p[0];
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2, cp = p[0] & 0x1Fu, min = 0x80;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 3, cp = p[0] & 0x0Fu, min = 0x800;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 4, cp = p[0] & 0x07u, min = 0x10000;
    else
        n = 0, cp = 0, min = 0;
    if (n == 0 || left < n) {
        (*i)++;
        return UNI_INVALID;
    }
    for (k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            (*i)++;
            return UNI_INVALID;
        }
        cp = cp << 6 | (p[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return UNI_INVALID;
    }
    *i += n;
    return cp;
}

size_t
uni_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

unsigned
uni_class(unsigned cp)
{
    size_t lo = 0, hi = uni_nruns;

    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            return UNI_LETTER;
        return cp >= '0' && cp <= '9' ? UNI_DIGIT | UNI_NUMBER : 0;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cp < uni_runs[mid].lo)
            hi = mid;
        else if (cp > uni_runs[mid].hi)
            lo = mid + 1;
        else
            return uni_runs[mid].cls;
    }
    return 0;
}

unsigned
uni_lower(unsigned cp)
{
    size_t lo = 0, hi = uni_nlowers;

    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct uni_lower *l = &uni_lowers[mid];

        if (cp < l->lo)
            hi = mid;
        else if (cp > l->hi)
            lo = mid + 1;
        else
            return (cp - l->lo) % l->step == 0 ? (unsigned)((int)cp + l->delta)
                                                : cp;
    }
    return cp;
}

int
uni_is_space(unsigned cp)
{
    switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

/* The entry for cp of a table sorted by cp, each of its entries size
 * bytes starting with their code point; NULL if it has none. */
static const void *
entry(const void *v, size_t n, size_t size, unsigned cp)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned at = *(const unsigned *)(const void *)
                      ((const char *)v + mid * size);

        if (cp < at)
            hi = mid;
        else if (cp > at)
            lo = mid + 1;
        else
            return (const char *)v + mid * size;
    }
    return NULL;
}

const char *
uni_nfkd_ascii(unsigned cp)
{
    const struct uni_ascii *a = entry(uni_asciis, uni_nasciis,
                                      sizeof *uni_asciis, cp);

    return a != NULL ? a->nfkd : "";
}

unsigned
uni_bare(unsigned cp)
{
    const struct uni_bare *b = cp < 0x80 ? NULL
                             : entry(uni_bares, uni_nbares,
                                     sizeof *uni_bares, cp);

    return b != NULL ? b->bare : cp;
}

const char *
uni_pelican_ascii(unsigned cp)
{
    const struct uni_translit *t = entry(uni_translits, uni_ntranslits,
                                         sizeof *uni_translits, cp);
    const struct uni_ascii *a;

    if (t != NULL)
        return t->ascii;
    a = entry(uni_asciis, uni_nasciis, sizeof *uni_asciis, cp);
    return a != NULL && a->exact ? a->nfkd : NULL;
}
