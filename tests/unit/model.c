/* model.c: a page model as text (model.h). */
#include "model.h"

#include <string.h>

#include "generator.h"
#include "markdown.h"
#include "site.h"

static void
dump_refs(struct buf *b, const char *what, const struct ref *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        buf_addf(b, "%s %u:%u-%u %s %d %s\n", what, v[i].pos.line,
                 v[i].pos.col, v[i].end_col, v[i].text, (int)v[i].origin,
                 v[i].via != NULL ? v[i].via : "-");
}

void
model_dump(struct buf *b, const struct page *pg)
{
    size_t i;

    for (i = 0; i < pg->nspans; i++)
        buf_addf(b, "span %u:%u %d %d %.*s\n", pg->spans[i].line,
                 pg->spans[i].col, (int)pg->spans[i].kind,
                 pg->spans[i].quoted, (int)pg->spans[i].text.len,
                 pg->spans[i].text.p);
    for (i = 0; i < pg->nheadings; i++)
        buf_addf(b, "heading %u:%u %d %s %s\n", pg->headings[i].line,
                 pg->headings[i].col, pg->headings[i].level,
                 pg->headings[i].text,
                 pg->headings[i].id != NULL ? pg->headings[i].id : "-");
    dump_refs(b, "link", pg->links, pg->nlinks);
    dump_refs(b, "image", pg->images, pg->nimages);
    dump_refs(b, "caption", pg->captions, pg->ncaptions);
    dump_refs(b, "id", pg->ids, pg->nids);
    dump_refs(b, "comment", pg->comments, pg->ncomments);
}

/* The model of data parsed in pieces of piece bytes past min, into b. */
static void
parsed(const char *data, size_t len, size_t min, size_t piece, struct buf *b)
{
    static struct site plain = { .gen = &gen_plain, .default_lang = "en",
                                 .root = "." };
    struct arena mem = { 0 }, run = { 0 };
    struct page pg;

    markdown_set_pieces(min, piece);
    memset(&pg, 0, sizeof pg);
    page_parse(&pg, "p.md", data, len, PAGE_MARKDOWN, &plain, &mem, &run);
    model_dump(b, &pg);
    arena_free(&mem);
    arena_free(&run);
}

size_t
model_whole_and_pieces(const char *data, size_t len, size_t piece,
                       struct buf *whole, struct buf *cut)
{
    size_t n;

    parsed(data, len, (size_t)-1, piece, whole);
    parsed(data, len, 0, piece, cut);
    n = markdown_pieces();
    markdown_set_pieces(MARKDOWN_PIECE_MIN, MARKDOWN_PIECE_BYTES);
    return n;
}
