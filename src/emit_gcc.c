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

/* Bytes a terminal or a log reader would act on: C0 controls but tab,
 * DEL, and the C1 controls (U+0080..U+009F, "\xc2\x80".."\xc2\x9f" in
 * UTF-8; U+009B is a CSI to some terminals).  Returns how many bytes at
 * p (of n) are one such control, or 0. */
static size_t
control_len(const char *p, size_t n)
{
    unsigned char c = (unsigned char)p[0];

    if ((c < 0x20 && c != '\t') || c == 0x7f)
        return 1;
    if (c == 0xc2 && n > 1 && (unsigned char)p[1] >= 0x80 &&
        (unsigned char)p[1] <= 0x9f)
        return 2;
    return 0;
}

/* Writes s[0..n) with every control escaped ("\n", "\x1b"): a file
 * name, an href or a line of a page must not move the cursor, colour the
 * terminal or start a line that an editor reads as another finding. */
static void
put_text(FILE *fp, const char *s, size_t n)
{
    size_t i, j, k;

    for (i = 0; i < n; i += k ? k : 1) {
        if ((k = control_len(s + i, n - i)) == 0)
            putc(s[i], fp);
        else if (s[i] == '\n')
            fputs("\\n", fp);
        else if (s[i] == '\r')
            fputs("\\r", fp);
        else
            for (j = 0; j < k; j++)
                fprintf(fp, "\\x%02x", (unsigned char)s[i + j]);
    }
}

static void
put_str(FILE *fp, const char *s)
{
    put_text(fp, s, strlen(s));
}

/* The columns put_text() gives s[i] when it starts a character. */
static size_t
width_at(struct str line, size_t i)
{
    size_t k = control_len(line.p + i, line.len - i);

    if (k == 0)
        return ((unsigned char)line.p[i] & 0xc0) != 0x80;
    return line.p[i] == '\n' || line.p[i] == '\r' ? 2 : 4 * k;
}

/* How wide a terminal draws code point c: East Asian wide and
 * fullwidth characters and emoji take two columns, combining marks and
 * zero-width ones none. */
static unsigned
char_width(unsigned long c)
{
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) ||
        (c >= 0xfe00 && c <= 0xfe0f))
        return 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
        (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
        return 2;
    return 1;
}

/* The display column of byte column col of line, as GCC counts it with
 * -fdiagnostics-column-unit=display: a tab to the next multiple of 8,
 * wide characters two. */
static unsigned
display_col(struct str line, unsigned col)
{
    unsigned d = 0;
    size_t i = 0;

    while (i + 1 < col && i < line.len) {
        unsigned char b = (unsigned char)line.p[i];
        unsigned long c = b;
        size_t k = 1;

        if (b == '\t') {
            d = (d / 8 + 1) * 8;
            i++;
            continue;
        }
        if (b >= 0xf0 && i + 3 < line.len) {
            c = ((unsigned long)(b & 0x07) << 18) |
                ((unsigned long)(line.p[i + 1] & 0x3f) << 12) |
                ((unsigned long)(line.p[i + 2] & 0x3f) << 6) |
                (unsigned long)(line.p[i + 3] & 0x3f);
            k = 4;
        } else if (b >= 0xe0 && i + 2 < line.len) {
            c = ((unsigned long)(b & 0x0f) << 12) |
                ((unsigned long)(line.p[i + 1] & 0x3f) << 6) |
                (unsigned long)(line.p[i + 2] & 0x3f);
            k = 3;
        } else if (b >= 0xc0 && i + 1 < line.len) {
            c = ((unsigned long)(b & 0x1f) << 6) |
                (unsigned long)(line.p[i + 1] & 0x3f);
            k = 2;
        }
        d += b < 0x80 || k > 1 ? char_width(c) : 1;
        i += k;
    }
    return d + 1;
}

static void
print_pos(FILE *fp, struct textfile *tf, struct pos pos, int color,
          int display)
{
    struct str line;

    if (color)
        fputs(SGR_LOCUS, fp);
    if (pos.file == NULL) {
        fputs("sitelint", fp);
    } else {
        unsigned col = pos.col;

        if (display && pos.line > 0 && col > 1 &&
            textfile_line(tf, pos.file, pos.line, &line) == 0)
            col = display_col(line, col);
        put_str(fp, pos.file);
        if (pos.line > 0)
            fprintf(fp, ":%u:%u", pos.line, col);
    }
    if (color)
        fputs(SGR_RESET, fp);
}

/* Writes the bytes of line before column col as the blanks that line
 * them up: a tab stays a tab, a UTF-8 character is one column, an
 * escaped control as wide as its escape. */
static void
pad_to(FILE *fp, struct str line, unsigned col)
{
    size_t i, w;

    for (i = 0; i + 1 < col && i < line.len; i++) {
        if (line.p[i] == '\t') {
            putc('\t', fp);
            continue;
        }
        for (w = width_at(line, i); w > 0; w--)
            putc(' ', fp);
        if (control_len(line.p + i, line.len - i) == 2)
            i++;
    }
}

/* The columns of line[from, to) as put_text() writes them. */
static size_t
chars(struct str line, size_t from, size_t to)
{
    size_t i, n = 0;

    for (i = from; i < to && i < line.len; i++) {
        n += width_at(line, i);
        if (control_len(line.p + i, line.len - i) == 2)
            i++;
    }
    return n;
}

/* The byte after the UTF-8 character at line.p[i]. */
static size_t
next_char(struct str line, size_t i)
{
    i++;
    while (i < line.len && ((unsigned char)line.p[i] & 0xc0) == 0x80)
        i++;
    return i;
}

/* The part of line to echo in cols columns, from a third of them before
 * byte at: a paragraph can be one line of 1,400 characters, and a
 * terminal then shows pages of it for one finding.  Sets *from (never
 * past at) and *to (bytes). */
static void
window(struct str line, size_t at, size_t cols, size_t *from, size_t *to)
{
    size_t lead = cols / 3, k, i;

    *from = 0;
    *to = line.len;
    if (cols == 0 || chars(line, 0, line.len) <= cols)
        return;
    /* Back from the range's start by a third of the width... */
    for (k = 0, i = 0; i < at; i = next_char(line, i))
        k++;
    if (k > lead) {
        size_t skip = k - lead;

        for (i = 0; skip > 0; skip--)
            i = next_char(line, i);
        *from = i;
    }
    /* ...and on for the rest of it. */
    for (k = 0, i = *from; i < line.len && k < cols; i = next_char(line, i))
        k++;
    *to = i;
}

static void
print_source(FILE *fp, struct textfile *tf, struct pos pos, unsigned end_col,
             const struct diag_fix *fix, const struct emit_opts *eo)
{
    struct str line, part;
    size_t width, i, from, to, cols = 0;
    int color = eo->color;
    const char *cut = "...";

    if (textfile_line(tf, pos.file, pos.line, &line) != 0 || pos.col == 0)
        return;
    /* "%5u | ", and "..." at either end. */
    if (eo->width > 8 + 2 * 3 + 10)
        cols = eo->width - 8 - 2 * 3;
    window(line, pos.col - 1, cols, &from, &to);
    part = (struct str){ line.p + from, to - from };
    fprintf(fp, "%5u | %s", pos.line, from > 0 ? cut : "");
    put_text(fp, part.p, part.len);
    fputs(to < line.len ? cut : "", fp);
    putc('\n', fp);
    fprintf(fp, "      | %s", from > 0 ? "   " : "");
    pad_to(fp, part, pos.col - (unsigned)from);
    width = end_col > pos.col
        ? chars(part, pos.col - 1 - from, end_col - 1 - from) : 1;
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
    if (fix != NULL && fix->pos.line == pos.line && fix->pos.col > from &&
        fix->pos.col - 1 <= to && strchr(fix->text, '\n') == NULL) {
        fprintf(fp, "      | %s", from > 0 ? "   " : "");
        pad_to(fp, part, fix->pos.col - (unsigned)from);
        fputs(color ? SGR_FIXIT : "", fp);
        put_str(fp, fix->text);
        fputs(color ? SGR_RESET : "", fp);
        putc('\n', fp);
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

        print_pos(fp, &tf, d->pos, color, eo != NULL && eo->display_columns);
        fprintf(fp, ": %s%s:%s ", color ? sgr_of(d->sev) : "",
                severity_name(d->sev), color ? SGR_RESET : "");
        put_str(fp, d->msg);
        fprintf(fp, " [%s%s%s]\n", color ? sgr_of(d->sev) : "", d->rule,
                color ? SGR_RESET : "");
        if (eo != NULL && eo->show_source && d->pos.line > 0)
            print_source(fp, &tf, d->pos, d->end_col, d->fix, eo);
        if (eo != NULL && eo->fixits && d->fix != NULL &&
            d->fix->pos.file != NULL)
            print_fixit(fp, d->fix);
        for (note = d->notes; note != NULL; note = note->next) {
            print_pos(fp, &tf, note->pos, color,
                      eo != NULL && eo->display_columns);
            fprintf(fp, ": %snote:%s ", color ? SGR_NOTE : "",
                    color ? SGR_RESET : "");
            put_str(fp, note->msg);
            putc('\n', fp);
            if (eo != NULL && eo->show_source && note->pos.line > 0)
                print_source(fp, &tf, note->pos, 0, NULL, eo);
        }
    }
    textfile_free(&tf);
}
