/* model.h: a page model as text, for tests that compare two models (the
 * unit tests, and the fuzz target that parses a page whole and in
 * pieces). */
#ifndef MODEL_H
#define MODEL_H

#include "buf.h"
#include "page.h"

/* Appends everything pg's model holds to b, a line an item. */
void model_dump(struct buf *b, const struct page *pg);

#endif
