/* emit.h: output formats for sorted diagnostics. */
#ifndef EMIT_H
#define EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* path:line:col: severity: message [rule], then each note; a finding of
 * the whole file drops line and column, one of the run prints the
 * program name in place of a path. */
void emit_gcc(FILE *fp, struct diag *const *v, size_t n);

#endif
