/* emit_github.c: GitHub Actions workflow commands, which the runner
 * turns into annotations on the pull request's files. */
#include "emit.h"

#include <stdlib.h>

/* GitHub's escaping: in the message, %, CR and LF; in a property value
 * also ':' and ','. */
static void
escape(FILE *fp, const char *s, int property)
{
    for (; *s != '\0'; s++) {
        if (*s == '%')
            fputs("%25", fp);
        else if (*s == '\r')
            fputs("%0D", fp);
        else if (*s == '\n')
            fputs("%0A", fp);
        else if (property && *s == ':')
            fputs("%3A", fp);
        else if (property && *s == ',')
            fputs("%2C", fp);
        else
            putc(*s, fp);
    }
}

/* GitHub shows ten annotations of each kind on a pull request. */
#define GITHUB_SHOWN 10

/* The summary as a table in the job's summary page. */
static void
step_summary(const struct emit_summary *sum)
{
    const char *path = getenv("GITHUB_STEP_SUMMARY");
    FILE *out;
    size_t i;

    if (path == NULL || *path == '\0' || (out = fopen(path, "a")) == NULL)
        return;
    fputs("### sitelint\n\n| errors | warnings | notes | files with "
          "findings | files checked | links |", out);
    for (i = 0; i < sum->ntallies; i++)
        fprintf(out, " %s |", sum->tallies[i].what);
    fputs("\n| ---: | ---: | ---: | ---: | ---: | ---: |", out);
    for (i = 0; i < sum->ntallies; i++)
        fputs(" ---: |", out);
    fprintf(out, "\n| %zu | %zu | %zu | %zu | %zu | %zu |", sum->errors,
            sum->warnings, sum->notes, sum->files, sum->checked, sum->links);
    for (i = 0; i < sum->ntallies; i++)
        fprintf(out, " %zu |", sum->tallies[i].n);
    fputs("\n\n", out);
    fclose(out);
}

void
emit_github(FILE *fp, struct diag *const *v, size_t n,
            const struct emit_summary *sum)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct diag *d = v[i];
        const struct diag_note *note;
        char title[128];

        fprintf(fp, "::%s ", d->sev == SEV_ERROR ? "error"
                : d->sev == SEV_WARNING ? "warning" : "notice");
        if (d->pos.file != NULL) {
            fputs("file=", fp);
            escape(fp, d->pos.file, 1);
            if (d->pos.line > 0) {
                fprintf(fp, ",line=%u,col=%u", d->pos.line, d->pos.col);
                if (d->end_col > d->pos.col)
                    fprintf(fp, ",endColumn=%u", d->end_col);
            }
            putc(',', fp);
        }
        snprintf(title, sizeof title, "sitelint %s", d->rule);
        fputs("title=", fp);
        escape(fp, title, 1);
        fputs("::", fp);
        escape(fp, d->msg, 0);
        for (note = d->notes; note != NULL; note = note->next) {
            fputs("%0Anote: ", fp);
            if (note->pos.file != NULL && note->pos.line > 0) {
                escape(fp, note->pos.file, 0);
                fprintf(fp, ":%u:%u: ", note->pos.line, note->pos.col);
            }
            escape(fp, note->msg, 0);
        }
        putc('\n', fp);
    }
    if (sum->errors > GITHUB_SHOWN || sum->warnings > GITHUB_SHOWN ||
        sum->notes > GITHUB_SHOWN)
        fprintf(fp, "::notice title=sitelint::%zu errors, %zu warnings and "
                "%zu notes: GitHub shows %d annotations of each kind; the "
                "job's log has them all\n", sum->errors, sum->warnings,
                sum->notes, GITHUB_SHOWN);
    step_summary(sum);
}
