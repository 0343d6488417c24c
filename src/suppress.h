/* suppress.h: sitelint-disable comments and front matter keys, which keep
 * some findings of a page from being reported. */
#ifndef SUPPRESS_H
#define SUPPRESS_H

#include "page.h"

/* Registers the page's suppressions with the diagnostic sink (see
 * diag_suppress()); malformed ones are findings of rule "suppression". */
void suppress_page(const struct page *pg);

#endif
