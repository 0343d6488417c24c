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

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "generator.h"
#include "markdown.h"
#include "../unit/model.h"
#include "page.h"
#include "site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The model of data[0, size) parsed in pieces of piece bytes past min. */
static void
model_of(const char *data, size_t size, size_t min, size_t piece,
         struct buf *out)
{
    static struct site site = { .gen = &gen_plain, .default_lang = "en",
                                .root = "." };
    struct arena mem = { 0 }, run = { 0 };
    struct page pg;

    markdown_set_pieces(min, piece);
    memset(&pg, 0, sizeof pg);
    page_parse(&pg, "fuzz.md", data, size, PAGE_MARKDOWN, &site, &mem, &run);
    model_dump(out, &pg);
    arena_free(&mem);
    arena_free(&run);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf whole = { 0 }, cut = { 0 };
    size_t piece;

    if (size == 0)
        return 0;
    piece = 1 + data[0] % 64;
    diag_init(NULL);
    model_of((const char *)data + 1, size - 1, (size_t)-1, piece, &whole);
    model_of((const char *)data + 1, size - 1, 0, piece, &cut);
    markdown_set_pieces(MARKDOWN_PIECE_MIN, MARKDOWN_PIECE_BYTES);
    diag_finish();
    if (whole.len != cut.len ||
        (whole.len > 0 && memcmp(whole.p, cut.p, whole.len) != 0)) {
        fprintf(stderr, "whole (%zu pieces of %zu bytes):\n%s\npieces:\n%s\n",
                markdown_pieces(), piece, whole.p, cut.p);
        abort();
    }
    buf_free(&whole);
    buf_free(&cut);
    return 0;
}
