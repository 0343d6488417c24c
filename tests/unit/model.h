/* model.h: a page model as text, for tests that compare two models (the
 * unit tests, and the fuzz target that parses a page whole and in
 * pieces). */
#ifndef MODEL_H
#define MODEL_H

#include "buf.h"
#include "page.h"

/* Appends everything pg's model holds to b, a line an item. */
void model_dump(struct buf *b, const struct page *pg);

/* Parses data[0, len) as a Markdown page of a plain tree, whole and in
 * pieces of about piece bytes (cut wherever markdown.c may cut it), and
 * appends the two models to *whole and *cut; returns how many pieces.
 * What the page has to say goes to diag, which the caller set up. */
size_t model_whole_and_pieces(const char *data, size_t len, size_t piece,
                              struct buf *whole, struct buf *cut);

#endif
