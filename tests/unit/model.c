/* model.c: a page model as text (model.h). */
#include "model.h"

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
