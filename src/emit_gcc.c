/* emit_gcc.c: GCC-style lines that editors' error parsers read. */
#include "emit.h"

static void
print_pos(FILE *fp, struct pos pos)
{
    if (pos.file == NULL)
        fputs("sitelint", fp);
    else if (pos.line == 0)
        fputs(pos.file, fp);
    else
        fprintf(fp, "%s:%u:%u", pos.file, pos.line, pos.col);
}

void
emit_gcc(FILE *fp, struct diag *const *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct diag *d = v[i];
        const struct diag_note *note;

        print_pos(fp, d->pos);
        fprintf(fp, ": %s: %s [%s]\n", severity_name(d->sev), d->msg,
                d->rule);
        for (note = d->notes; note != NULL; note = note->next) {
            print_pos(fp, note->pos);
            fprintf(fp, ": note: %s\n", note->msg);
        }
    }
}
