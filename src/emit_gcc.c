/* emit_gcc.c: GCC-style lines that editors' error parsers read, and, for
 * people, the source line with a caret range under it. */
#include "emit.h"

#include <string.h>

#include "textfile.h"

/* The SGR sequences GCC uses (its default GCC_COLORS). */
#define SGR_LOCUS   "\033[01m\033[K"
#define SGR_ERROR   "\033[01;31m\033[K"
#define SGR_WARNING "\033[01;35m\033[K"
#define SGR_NOTE    "\033[01;36m\033[K"
#define SGR_CARET   "\033[01;32m\033[K"
#define SGR_FIXIT   "\033[32m\033[K"
#define SGR_RESET   "\033[m\033[K"

static const char *
sgr_of(enum severity sev)
{
    return sev == SEV_ERROR ? SGR_ERROR
         : sev == SEV_WARNING ? SGR_WARNING : SGR_NOTE;
}

static void
print_pos(FILE *fp, struct pos pos, int color)
{
    if (color)
        fputs(SGR_LOCUS, fp);
    if (pos.file == NULL)
        fputs("sitelint", fp);
    else if (pos.line == 0)
        fputs(pos.file, fp);
    else
        fprintf(fp, "%s:%u:%u", pos.file, pos.line, pos.col);
    if (color)
        fputs(SGR_RESET, fp);
}

/* Writes the bytes of line before column col as the blanks that line
 * them up: a tab stays a tab, a UTF-8 character is one column. */
static void
pad_to(FILE *fp, struct str line, unsigned col)
{
    size_t i;

    for (i = 0; i + 1 < col && i < line.len; i++) {
        unsigned char c = (unsigned char)line.p[i];

        if (c == '\t')
            putc('\t', fp);
        else if ((c & 0xc0) != 0x80)
            putc(' ', fp);
    }
}

/* The number of characters (not bytes) in line[from, to). */
static size_t
chars(struct str line, size_t from, size_t to)
{
    size_t i, n = 0;

    for (i = from; i < to && i < line.len; i++)
        n += ((unsigned char)line.p[i] & 0xc0) != 0x80;
    return n;
}

static void
print_source(FILE *fp, struct textfile *tf, struct pos pos, unsigned end_col,
             const struct diag_fix *fix, int color)
{
    struct str line;
    size_t width, i;

    if (textfile_line(tf, pos.file, pos.line, &line) != 0 || pos.col == 0)
        return;
    fprintf(fp, "%5u | %.*s\n", pos.line, (int)line.len, line.p);
    fputs("      | ", fp);
    pad_to(fp, line, pos.col);
    width = end_col > pos.col ? chars(line, pos.col - 1, end_col - 1) : 1;
    if (width == 0)
        width = 1;
    if (color)
        fputs(SGR_CARET, fp);
    putc('^', fp);
    for (i = 1; i < width; i++)
        putc('~', fp);
    if (color)
        fputs(SGR_RESET, fp);
    putc('\n', fp);
    if (fix != NULL && fix->pos.line == pos.line && fix->pos.col > 0 &&
        strchr(fix->text, '\n') == NULL) {
        fputs("      | ", fp);
        pad_to(fp, line, fix->pos.col);
        fprintf(fp, "%s%s%s\n", color ? SGR_FIXIT : "", fix->text,
                color ? SGR_RESET : "");
    }
}

/* clang -fdiagnostics-parseable-fixits: fix-it:"file":{l:c-l:c}:"text",
 * the range half-open, the strings escaped as C strings. */
static void
print_fixit(FILE *fp, const struct diag_fix *fix)
{
    const char *p;

    fputs("fix-it:\"", fp);
    for (p = fix->pos.file; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            putc('\\', fp);
        putc(*p, fp);
    }
    fprintf(fp, "\":{%u:%u-%u:%u}:\"", fix->pos.line, fix->pos.col,
            fix->pos.line, fix->end_col);
    for (p = fix->text; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c < 0x20 || c == 0x7f)
            fprintf(fp, "\\%03o", c);
        else
            putc(c, fp);
    }
    fputs("\"\n", fp);
}

void
emit_gcc(FILE *fp, struct diag *const *v, size_t n,
         const struct emit_opts *eo)
{
    struct textfile tf = { 0 };
    int color = eo != NULL && eo->color;
    size_t i;

    for (i = 0; i < n; i++) {
        const struct diag *d = v[i];
        const struct diag_note *note;

        print_pos(fp, d->pos, color);
        fprintf(fp, ": %s%s:%s %s [%s%s%s]\n", color ? sgr_of(d->sev) : "",
                severity_name(d->sev), color ? SGR_RESET : "", d->msg,
                color ? sgr_of(d->sev) : "", d->rule,
                color ? SGR_RESET : "");
        if (eo != NULL && eo->show_source && d->pos.line > 0)
            print_source(fp, &tf, d->pos, d->end_col, d->fix, color);
        if (eo != NULL && eo->fixits && d->fix != NULL &&
            d->fix->pos.file != NULL)
            print_fixit(fp, d->fix);
        for (note = d->notes; note != NULL; note = note->next) {
            print_pos(fp, note->pos, color);
            fprintf(fp, ": %snote:%s %s\n", color ? SGR_NOTE : "",
                    color ? SGR_RESET : "", note->msg);
            if (eo != NULL && eo->show_source && note->pos.line > 0)
                print_source(fp, &tf, note->pos, 0, NULL, color);
        }
    }
    textfile_free(&tf);
}
