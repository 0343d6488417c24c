/* fuzz_pieces.c: libFuzzer target: a Markdown page parsed whole and in
 * pieces must give the same model, to the byte.  markdown.c cuts a big
 * page only where no block goes on, and gives each piece the reference
 * definitions it may use; here every page is cut, in pieces of 1 to 64
 * bytes (the first byte says how many).  A difference aborts, with both
 * models. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "../unit/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf whole = { 0 }, cut = { 0 };
    size_t piece, n;

    if (size == 0)
        return 0;
    piece = 1 + data[0] % 64;
    diag_init(NULL);
    n = model_whole_and_pieces((const char *)data + 1, size - 1, piece,
                               &whole, &cut);
    diag_finish();
    if (whole.len != cut.len ||
        (whole.len > 0 && memcmp(whole.p, cut.p, whole.len) != 0)) {
        fprintf(stderr, "whole (%zu pieces of %zu bytes):\n%s\npieces:\n%s\n",
                n, piece, whole.p != NULL ? whole.p : "",
                cut.p != NULL ? cut.p : "");
        abort();
    }
    buf_free(&whole);
    buf_free(&cut);
    return 0;
}
