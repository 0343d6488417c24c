/* textfile.c: read a source file again, with a line table. */
#include "textfile.h"

#include <string.h>

#include "page.h"

uint32_t *
text_lines(struct arena *a, const char *data, size_t len, size_t *n)
{
    uint32_t *off = NULL;
    size_t cap = 0, i;

    if (len > TEXT_LINES_MAX_BYTES)
        len = TEXT_LINES_MAX_BYTES;     /* no caller reads so much */
    *n = 0;
    *ARENA_PUSH(a, off, *n, cap) = 0;
    for (i = 0; i < len; i++) {
        const char *nl = memchr(data + i, '\n', len - i);
        const char *cr = memchr(data + i, '\r', nl != NULL
                                ? (size_t)(nl - data) - i : len - i);

        /* A lone CR ends a line too, as CommonMark says; seldom, so the
         * search for it stops at the next LF. */
        if (cr != NULL && (size_t)(cr - data) + 1 < len && cr[1] != '\n')
            i = (size_t)(cr - data);
        else if (nl != NULL)
            i = (size_t)(nl - data);
        else
            break;
        if (i + 1 < len)
            *ARENA_PUSH(a, off, *n, cap) = (uint32_t)(i + 1);
    }
    return off;
}

int
textfile_load(struct textfile *tf, const char *path)
{
    char *p;
    size_t len;

    if (tf->path != NULL && strcmp(tf->path, path) == 0)
        return tf->failed ? -1 : 0;
    arena_reset(&tf->mem);
    tf->path = arena_strdup(&tf->mem, path);
    tf->data = NULL;
    tf->len = tf->nlines = tf->bom = 0;
    tf->line_off = NULL;
    tf->failed = 1;
    if ((p = arena_read_file(&tf->mem, path, PAGE_MAX_BYTES, &len)) == NULL)
        return -1;
    /* Columns do not count a byte order mark (as page.c reads pages). */
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        tf->bom = 3;
    tf->data = p + tf->bom;
    tf->len = len - tf->bom;
    tf->line_off = text_lines(&tf->mem, tf->data, tf->len, &tf->nlines);
    tf->failed = 0;
    return 0;
}

int
textfile_line(struct textfile *tf, const char *path, unsigned line,
              struct str *out)
{
    size_t s, e;

    if (path == NULL || line == 0 || textfile_load(tf, path) != 0 ||
        line > tf->nlines)
        return -1;
    s = tf->line_off[line - 1];
    e = line < tf->nlines ? tf->line_off[line] - 1 : tf->len;
    if (e > s && tf->data[e - 1] == '\n')
        e--;
    if (e > s && tf->data[e - 1] == '\r')
        e--;
    out->p = tf->data + s;
    out->len = e - s;
    return 0;
}

void
textfile_free(struct textfile *tf)
{
    arena_free(&tf->mem);
    memset(tf, 0, sizeof *tf);
}
