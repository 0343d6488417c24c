/* test_record.c: record.h's fields read back as written, and a damaged
 * record marked bad at its first broken field, with nothing read after
 * it. */
#include "harness.h"

#include <stdint.h>

#include "record.h"

static struct record_reader
reader_of(const struct buf *b, size_t len)
{
    struct record_reader r;

    r.p = (const unsigned char *)b->p;
    r.end = r.p + len;
    r.bad = 0;
    return r;
}

/* Does a string field that says it is len + 1 bytes and then holds
 * bytes[0, n) read as none, and make the record bad? */
static int
bad_string(uint64_t len, const char *bytes, size_t n)
{
    struct buf b = { 0 };
    struct record_reader r;
    int bad;

    record_num(&b, len + 1);
    buf_add(&b, bytes, n);
    r = reader_of(&b, b.len);
    bad = record_read_str(&r, NULL) == NULL && r.bad;
    buf_free(&b);
    return bad;
}

void
test_record(void)
{
    static const uint64_t nums[] = { 0, 1, 127, 128, 16383, 16384,
                                     UINT32_MAX, (uint64_t)UINT32_MAX + 1,
                                     UINT64_MAX };
    struct buf b = { 0 };
    struct record_reader r;
    const char *s;
    size_t i, len, whole;
    int same = 1;

    for (i = 0; i < sizeof nums / sizeof nums[0]; i++)
        record_num(&b, nums[i]);
    record_str(&b, NULL);
    record_str(&b, "");
    record_str(&b, "menu");
    record_strn(&b, "a\0b", 3);
    whole = b.len;
    r = reader_of(&b, whole);
    for (i = 0; i < sizeof nums / sizeof nums[0]; i++)
        same &= record_read_num(&r) == nums[i];
    ok(same && !r.bad, "numbers read back as written, 0 to UINT64_MAX");
    ok(record_read_str(&r, &len) == NULL && len == 0, "no string: NULL");
    s = record_read_str(&r, &len);
    ok(s != NULL && len == 0 && *s == '\0', "the empty string is a string");
    s = record_read_str(&r, NULL);
    str_eq(s, "menu", "a string, NUL-terminated where it lies");
    s = record_read_str(&r, &len);
    ok(s != NULL && len == 3 && memcmp(s, "a\0b", 4) == 0,
       "a string with a NUL inside keeps its length");
    ok(!r.bad && r.p == r.end, "the record read to its end, not bad");

    /* Cut at any byte, the record reads as bad by its last field. */
    for (len = 0, same = 1; len < whole; len++) {
        r = reader_of(&b, len);
        for (i = 0; i < sizeof nums / sizeof nums[0]; i++)
            (void)record_read_num(&r);
        for (i = 0; i < 4; i++)
            (void)record_read_str(&r, NULL);
        same &= r.bad;
    }
    ok(same, "a record cut at any byte is bad");
    buf_free(&b);

    /* A number whose last byte says more follow, at the end: bad. */
    buf_addc(&b, (char)0x80);
    r = reader_of(&b, b.len);
    int_eq(record_read_num(&r), 0, "a cut number reads 0");
    ok(r.bad, "a cut number makes the record bad");
    ok(record_read_str(&r, NULL) == NULL, "nothing is read after bad");
    buf_free(&b);

    /* Ten bytes that say more than 64 bits: bad, not the low bits. */
    for (i = 0; i < 9; i++)
        buf_addc(&b, (char)0xff);
    buf_addc(&b, 0x02);
    r = reader_of(&b, b.len);
    (void)record_read_num(&r);
    ok(r.bad, "a number past 64 bits makes the record bad");
    buf_free(&b);

    ok(bad_string(9, "abc", 3), "a string past the record's end: NULL, bad");
    ok(bad_string(3, "abcd", 4), "a string without its NUL: NULL, bad");
}
