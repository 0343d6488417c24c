/* textfile.h: the lines of a source file, read again after the run for
 * printers (source lines, UTF-16 columns) and for --fix. */
#ifndef TEXTFILE_H
#define TEXTFILE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

/* One file at a time: findings come sorted by file, so the last file
 * read is the one asked for next. */
struct textfile {
    struct arena mem;
    const char *path;           /* the file held, or NULL */
    const char *data;           /* after any byte order mark */
    size_t len;
    size_t bom;                 /* bytes of byte order mark before data */
    uint32_t *line_off;
    size_t nlines;
    int failed;                 /* path could not be read */
};

/* Line (1-based, without its line ending) of path into *out; -1 if the
 * file cannot be read or has no such line. */
int textfile_line(struct textfile *tf, const char *path, unsigned line,
                  struct str *out);
/* Reads path whole (as textfile_line does); -1 if it cannot. */
int textfile_load(struct textfile *tf, const char *path);
void textfile_free(struct textfile *tf);

/* The offset of each line's start in data[0, len), in a's memory; *n is
 * the number of lines (1 for empty data).  A line ends at LF, CRLF or a
 * lone CR, as CommonMark's lines do.  Offsets are 32 bits, half the
 * memory of a page of short lines: pages and files are read up to
 * PAGE_MAX_BYTES, and lines past TEXT_LINES_MAX_BYTES are not counted. */
#define TEXT_LINES_MAX_BYTES UINT32_MAX
uint32_t *text_lines(struct arena *a, const char *data, size_t len,
                     size_t *n);

#endif
