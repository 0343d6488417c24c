/* manual.h: the rules' documentation, from the manual itself. */
#ifndef MANUAL_H
#define MANUAL_H

#include "buf.h"

/* Appends rule id's entry of sitelint(1)'s RULES section to out as plain
 * text wrapped to 76 columns; -1 if the manual has no entry for it. */
int manual_rule(const char *id, struct buf *out);

#endif
