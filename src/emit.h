/* emit.h: output formats for sorted diagnostics.  Each printer reads the
 * findings and, where its format needs them, the source lines again. */
#ifndef EMIT_H
#define EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct emit_opts {
    int show_source;            /* gcc: the line and a caret range */
    int color;                  /* gcc: SGR escapes as GCC colours them */
    int fixits;                 /* gcc: clang's parseable fix-it lines */
};

/* path:line:col: severity: message [rule], then each note; a finding of
 * the whole file drops line and column, one of the run prints the
 * program name in place of a path. */
void emit_gcc(FILE *fp, struct diag *const *v, size_t n,
              const struct emit_opts *eo);
/* One JSON document, schema "sitelint-diagnostics" version 1 (sitelint(1),
 * OUTPUT FORMATS). */
void emit_json(FILE *fp, struct diag *const *v, size_t n);
/* SARIF 2.1.0 with columns in UTF-16 code units. */
void emit_sarif(FILE *fp, struct diag *const *v, size_t n);
/* GitHub Actions workflow commands (::error file=...::message). */
void emit_github(FILE *fp, struct diag *const *v, size_t n);

/* Writes s as a JSON string: quoted, escaped, and with any byte that is
 * not valid UTF-8 replaced by U+FFFD, so the document always parses. */
void emit_json_string(FILE *fp, const char *s);

#endif
