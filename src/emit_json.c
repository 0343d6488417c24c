/* emit_json.c: one JSON document for scripts, schema
 * "sitelint-diagnostics" version 1; sitelint(1) documents every key. */
#include "emit.h"

#include <string.h>

#include "buf.h"
#include "options.h"

void
emit_json_string(FILE *fp, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, k;

    while (p[n] != '\0')
        n++;
    putc('"', fp);
    while (n > 0) {
        unsigned char c = *p;

        if (c == '"' || c == '\\') {
            fprintf(fp, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", fp);
        } else if (c == '\t') {
            fputs("\\t", fp);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(fp, "\\u%04x", c);
        } else if (c >= 0x80) {
            if ((k = utf8_len(p, n)) == 0) {
                fputs("\xef\xbf\xbd", fp);      /* U+FFFD */
                k = 1;
            } else {
                fwrite(p, 1, k, fp);
            }
            p += k;
            n -= k;
            continue;
        } else {
            putc(c, fp);
        }
        p++;
        n--;
    }
    putc('"', fp);
}

/* "file": ..., "line": ..., "column": ... of a position; null where the
 * finding is about a whole file or the run. */
static void
print_pos(FILE *fp, struct pos pos)
{
    fputs("\"file\": ", fp);
    if (pos.file != NULL)
        emit_json_string(fp, pos.file);
    else
        fputs("null", fp);
    if (pos.line > 0)
        fprintf(fp, ", \"line\": %u, \"column\": %u", pos.line, pos.col);
    else
        fputs(", \"line\": null, \"column\": null", fp);
}

void
emit_count(struct diag *const *v, size_t n, struct emit_summary *s)
{
    const char *last = NULL;
    size_t i;

    s->errors = s->warnings = s->notes = s->files = 0;
    for (i = 0; i < n; i++) {
        s->errors += v[i]->sev == SEV_ERROR;
        s->warnings += v[i]->sev == SEV_WARNING;
        s->notes += v[i]->sev == SEV_NOTE;
        /* Sorted by file: a new name is a new file. */
        if (v[i]->pos.file != NULL &&
            (last == NULL || strcmp(last, v[i]->pos.file) != 0)) {
            s->files++;
            last = v[i]->pos.file;
        }
    }
}

static const char *
plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void
emit_summary_line(FILE *fp, const struct emit_summary *s)
{
    size_t i;

    fprintf(fp, "%zu %s, %zu %s, %zu %s in %zu %s (%zu %s checked, "
            "%zu %s", s->errors, plural(s->errors, "error", "errors"),
            s->warnings, plural(s->warnings, "warning", "warnings"),
            s->notes, plural(s->notes, "note", "notes"), s->files,
            plural(s->files, "file", "files"), s->checked,
            plural(s->checked, "file", "files"), s->links,
            plural(s->links, "link", "links"));
    for (i = 0; i < s->ntallies; i++)
        fprintf(fp, ", %zu %s", s->tallies[i].n, s->tallies[i].what);
    fputs(")\n", fp);
}

void
emit_json(FILE *fp, struct diag *const *v, size_t n,
          const struct emit_summary *sum)
{
    size_t i;

    fprintf(fp, "{\n  \"schema\": \"sitelint-diagnostics\",\n"
            "  \"version\": 1,\n"
            "  \"tool\": {\"name\": \"sitelint\", \"version\": \"%s\"},\n"
            "  \"diagnostics\": [", SITELINT_VERSION);
    for (i = 0; i < n; i++) {
        const struct diag *d = v[i];
        const struct diag_note *note;

        fputs(i > 0 ? ",\n    {" : "\n    {", fp);
        print_pos(fp, d->pos);
        if (d->pos.line > 0 && d->end_col > d->pos.col)
            fprintf(fp, ", \"end_column\": %u", d->end_col);
        else
            fputs(", \"end_column\": null", fp);
        fprintf(fp, ", \"severity\": \"%s\", \"rule\": ",
                severity_name(d->sev));
        emit_json_string(fp, d->rule);
        fputs(", \"message\": ", fp);
        emit_json_string(fp, d->msg);
        fprintf(fp, ", \"transient\": %s, \"notes\": [",
                d->soft ? "true" : "false");
        for (note = d->notes; note != NULL; note = note->next) {
            fputs(note != d->notes ? ", {" : "{", fp);
            print_pos(fp, note->pos);
            fputs(", \"message\": ", fp);
            emit_json_string(fp, note->msg);
            putc('}', fp);
        }
        fputs("], \"fix\": ", fp);
        if (d->fix != NULL && d->fix->pos.file != NULL) {
            fputs("{", fp);
            print_pos(fp, d->fix->pos);
            fprintf(fp, ", \"end_column\": %u, \"text\": ", d->fix->end_col);
            emit_json_string(fp, d->fix->text);
            putc('}', fp);
        } else {
            fputs("null", fp);
        }
        putc('}', fp);
    }
    fputs(n > 0 ? "\n  ],\n" : "],\n", fp);
    fputs("  \"summary\": {", fp);
    emit_json_counts(fp, sum, 0);
    fputs("}\n}\n", fp);
}

void
emit_json_counts(FILE *fp, const struct emit_summary *s, int camel)
{
    size_t i;

    fprintf(fp, "\"errors\": %zu, \"warnings\": %zu, \"notes\": %zu, "
            "\"%s\": %zu, \"%s\": %zu, \"links\": %zu", s->errors,
            s->warnings, s->notes,
            camel ? "filesWithFindings" : "files_with_findings", s->files,
            camel ? "filesChecked" : "files_checked", s->checked, s->links);
    for (i = 0; i < s->ntallies; i++) {
        fputs(", ", fp);
        emit_json_string(fp, s->tallies[i].what);
        fprintf(fp, ": %zu", s->tallies[i].n);
    }
}
