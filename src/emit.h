/* emit.h: output formats for sorted diagnostics.  Each printer reads the
 * findings and, where its format needs them, the source lines again. */
#ifndef EMIT_H
#define EMIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

/* What a run found and looked at, for the summary every format gives. */
struct emit_summary {
    size_t errors, warnings, notes;     /* findings, not their notes */
    size_t files;               /* files with findings */
    size_t checked;             /* pages linted */
    size_t links;               /* links on the linted pages */
    const struct diag_tally *tallies;   /* the rules' counts: "external" */
    size_t ntallies;
};

/* Counts the findings of v[0..n) into s (checked and links are the
 * caller's). */
void emit_count(struct diag *const *v, size_t n, struct emit_summary *s);

/* "3 errors, 1 warning, 0 notes in 2 files (12 files checked, 40 links)"
 * and a newline. */
void emit_summary_line(FILE *fp, const struct emit_summary *s);

struct emit_opts {
    int show_source;            /* gcc: the line and a caret range */
    int color;                  /* gcc: SGR escapes as GCC colours them */
    int fixits;                 /* gcc: clang's parseable fix-it lines */
    int display_columns;        /* gcc: columns as a terminal shows the
                                 * line (GCC 11's default), not bytes */
    unsigned width;             /* gcc: the terminal's width, to cut echoed
                                 * lines to; 0 for none */
};

/* path:line:col: severity: message [rule], then each note; a finding of
 * the whole file drops line and column, one of the run prints the
 * program name in place of a path. */
void emit_gcc(FILE *fp, struct diag *const *v, size_t n,
              const struct emit_opts *eo);
/* One JSON document, schema "sitelint-diagnostics" version 1 (sitelint(1),
 * OUTPUT FORMATS). */
void emit_json(FILE *fp, struct diag *const *v, size_t n,
               const struct emit_summary *sum);
/* SARIF 2.1.0 with columns in UTF-16 code units. */
void emit_sarif(FILE *fp, struct diag *const *v, size_t n,
                const struct emit_summary *sum);
/* GitHub Actions workflow commands (::error file=...::message); with
 * $GITHUB_STEP_SUMMARY set, the summary as a table there too, and one
 * ::notice when a kind has more findings than the 10 GitHub shows. */
void emit_github(FILE *fp, struct diag *const *v, size_t n,
                 const struct emit_summary *sum);

struct textfile;

/* What identifies a finding across edits elsewhere in its file: its rule,
 * file, message and the text of its line, not the line's number (SARIF's
 * primaryLocationLineHash; --baseline's key).  tf caches the files. */
uint64_t emit_fingerprint(struct textfile *tf, const struct diag *d);

/* Writes s as a JSON string: quoted, escaped, and with any byte that is
 * not valid UTF-8 replaced by U+FFFD, so the document always parses. */
void emit_json_string(FILE *fp, const char *s);

/* The summary's counts as the members of a JSON object, without its
 * braces: "errors", "warnings", "notes", then the files with findings,
 * the files checked and the links, named in snake_case ("files_checked",
 * JSON's) or camelCase ("filesChecked", SARIF's properties), then each
 * tally by its text. */
void emit_json_counts(FILE *fp, const struct emit_summary *s, int camel);

#endif
