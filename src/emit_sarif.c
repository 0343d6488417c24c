/* emit_sarif.c: SARIF 2.1.0 as GitHub code scanning takes it.  SARIF
 * counts columns in characters of some unit and has none for bytes, so
 * columns are given in UTF-16 code units (columnKind), computed from the
 * source line; the other formats keep byte columns. */
#include "emit.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "buf.h"
#include "manual.h"
#include "options.h"
#include "rule.h"
#include "textfile.h"

/* Byte column col of line as a UTF-16 column (both 1-based). */
static unsigned
utf16_col(struct str line, unsigned col)
{
    const unsigned char *p = (const unsigned char *)line.p;
    size_t i = 0, end = col - 1 < line.len ? col - 1 : line.len;
    unsigned units = 0;

    while (i < end) {
        size_t k = utf8_len(p + i, line.len - i);

        units += k == 4 ? 2 : 1;    /* a bad byte shows as one U+FFFD */
        i += k > 0 ? k : 1;
    }
    /* A column past the end of the line (the end of a range) stays so. */
    if (col - 1 > line.len)
        units += (unsigned)(col - 1 - line.len);
    return units + 1;
}

/* A relative path as a URI reference: percent-encoded but for the
 * unreserved characters and "/"; an absolute one as a file: URI. */
static void
print_uri(FILE *fp, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct buf b = { 0 };
    const unsigned char *p = (const unsigned char *)path;

    while (p[0] == '.' && p[1] == '/')
        p += 2;
    if (*p == '/')
        buf_adds(&b, "file://");
    for (; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
            buf_addc(&b, *p);
        } else {
            buf_addc(&b, '%');
            buf_addc(&b, hex[*p >> 4]);
            buf_addc(&b, hex[*p & 15]);
        }
    }
    emit_json_string(fp, b.p != NULL ? b.p : "");
    buf_free(&b);
}

/* {"startLine": ..., "startColumn": ..., "endColumn": ...} */
static void
region_body(FILE *fp, struct textfile *tf, struct pos pos, unsigned end_col)
{
    struct str line;
    int have = textfile_line(tf, pos.file, pos.line, &line) == 0;

    fprintf(fp, "{\"startLine\": %u, \"startColumn\": %u",
            pos.line, have ? utf16_col(line, pos.col) : pos.col);
    if (end_col > pos.col)
        fprintf(fp, ", \"endColumn\": %u",
                have ? utf16_col(line, end_col) : end_col);
    putc('}', fp);
}

/* "physicalLocation": {...}, without braces around it. */
static void
physical(FILE *fp, struct textfile *tf, struct pos pos, unsigned end_col)
{
    fputs("\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", fp);
    print_uri(fp, pos.file);
    putc('}', fp);
    if (pos.line > 0) {
        fputs(", \"region\": ", fp);
        region_body(fp, tf, pos, end_col);
    }
    putc('}', fp);
}

static const char *
level(enum severity sev)
{
    return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning"
                                                           : "note";
}

/* What identifies a finding across edits elsewhere in the file: its
 * rule, file and message and the text of its line, without the line
 * number; repeats of the same get an ordinal. */
uint64_t
emit_fingerprint(struct textfile *tf, const struct diag *d)
{
    uint64_t h = FNV1A64_START;
    struct str line;

    h = fnv1a64(h, d->rule, strlen(d->rule) + 1);
    if (d->pos.file != NULL)
        h = fnv1a64(h, d->pos.file, strlen(d->pos.file) + 1);
    h = fnv1a64(h, d->msg, strlen(d->msg) + 1);
    if (textfile_line(tf, d->pos.file, d->pos.line, &line) == 0) {
        line = str_trim(line);
        h = fnv1a64(h, line.p, line.len);
    }
    return h;
}

static void
print_rules(FILE *fp)
{
    struct buf help = { 0 };
    size_t i;

    fputs("\"rules\": [", fp);
    for (i = 0; i < rules_count; i++) {
        const struct rule *r = rules[i];

        buf_reset(&help);
        if (manual_rule(r->id, &help) != 0)
            buf_adds(&help, r->summary);
        fputs(i > 0 ? ",\n        {\"id\": " : "\n        {\"id\": ", fp);
        emit_json_string(fp, r->id);
        fputs(", \"shortDescription\": {\"text\": ", fp);
        emit_json_string(fp, r->summary);
        fputs("}, \"fullDescription\": {\"text\": ", fp);
        emit_json_string(fp, help.p);
        fputs("}, \"help\": {\"text\": ", fp);
        emit_json_string(fp, help.p);
        fprintf(fp, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                level(r->severity));
    }
    fputs("]", fp);
    buf_free(&help);
}

static size_t
rule_index(const char *id)
{
    size_t i;

    for (i = 0; i < rules_count; i++)
        if (strcmp(rules[i]->id, id) == 0)
            return i;
    return 0;
}

static void
print_fix(FILE *fp, struct textfile *tf, const struct diag *d)
{
    fputs(", \"fixes\": [{\"description\": {\"text\": ", fp);
    {
        struct buf b = { 0 };

        buf_addf(&b, "Replace with '%s'", d->fix->text);
        emit_json_string(fp, b.p);
        buf_free(&b);
    }
    fputs("}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ", fp);
    print_uri(fp, d->fix->pos.file);
    fputs("}, \"replacements\": [{\"deletedRegion\": ", fp);
    region_body(fp, tf, d->fix->pos, d->fix->end_col);
    fputs(", \"insertedContent\": {\"text\": ", fp);
    emit_json_string(fp, d->fix->text);
    fputs("}}]}]}]", fp);
}

/* How many findings had a fingerprint so far. */
struct seen {
    uint64_t fp;
    size_t count;
    UT_hash_handle hh;
};

void
emit_sarif(FILE *fp, struct diag *const *v, size_t n,
           const struct emit_summary *sum)
{
    struct textfile tf = { 0 };
    struct seen *seen = NULL, *s;
    struct seen *pool = n > 0 ? xcalloc(n, sizeof *pool) : NULL;
    size_t i, npool = 0, nout = 0;

    fprintf(fp, "{\n  \"$schema\": "
            "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
            "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
            "    \"tool\": {\"driver\": {\"name\": \"sitelint\", "
            "\"version\": \"%s\", \"semanticVersion\": \"%s\",\n      ",
            SITELINT_VERSION, SITELINT_VERSION);
    print_rules(fp);
    fputs("}},\n", fp);
    /* A finding of the run names no file: it is a notification of the
     * tool's run, not a result in the code. */
    fputs("    \"invocations\": [{\"executionSuccessful\": true, "
          "\"toolExecutionNotifications\": [", fp);
    for (i = 0; i < n; i++) {
        if (v[i]->pos.file != NULL)
            continue;
        fprintf(fp, "%s\n      {\"level\": \"%s\", \"message\": {\"text\": ",
                nout++ > 0 ? "," : "", level(v[i]->sev));
        emit_json_string(fp, v[i]->msg);
        fputs("}, \"descriptor\": {\"id\": ", fp);
        emit_json_string(fp, v[i]->rule);
        fprintf(fp, ", \"index\": %zu}}", rule_index(v[i]->rule));
    }
    fputs(nout > 0 ? "\n    ]" : "]", fp);
    fputs(", \"properties\": {", fp);
    emit_json_counts(fp, sum, 1);
    fputs("}}],\n", fp);
    fputs("    \"columnKind\": \"utf16CodeUnits\",\n"
          "    \"results\": [", fp);
    nout = 0;
    for (i = 0; i < n; i++) {
        const struct diag *d = v[i];
        const struct diag_note *note;
        uint64_t fp64;

        if (d->pos.file == NULL)
            continue;
        fputs(nout++ > 0 ? ",\n      {" : "\n      {", fp);
        fputs("\"ruleId\": ", fp);
        emit_json_string(fp, d->rule);
        fprintf(fp, ", \"ruleIndex\": %zu, \"level\": \"%s\", "
                "\"message\": {\"text\": ", rule_index(d->rule),
                level(d->sev));
        emit_json_string(fp, d->msg);
        putc('}', fp);
        fputs(", \"locations\": [{", fp);
        physical(fp, &tf, d->pos, d->end_col);
        fputs("}]", fp);
        if (d->notes != NULL) {
            size_t id = 1;

            fputs(", \"relatedLocations\": [", fp);
            for (note = d->notes; note != NULL; note = note->next) {
                if (note->pos.file == NULL)
                    continue;
                fprintf(fp, "%s{\"id\": %zu, \"message\": {\"text\": ",
                        id > 1 ? ", " : "", id);
                emit_json_string(fp, note->msg);
                fputs("}, ", fp);
                physical(fp, &tf, note->pos, 0);
                putc('}', fp);
                id++;
            }
            fputs("]", fp);
        }
        fp64 = emit_fingerprint(&tf, d);
        HASH_FIND(hh, seen, &fp64, sizeof fp64, s);
        if (s == NULL) {
            s = &pool[npool++];
            s->fp = fp64;
            HASH_ADD(hh, seen, fp, sizeof s->fp, s);
        }
        s->count++;
        fprintf(fp, ", \"partialFingerprints\": "
                "{\"primaryLocationLineHash\": \"%016" PRIx64 ":%zu\"}",
                fp64, s->count);
        if (d->fix != NULL && d->fix->pos.file != NULL)
            print_fix(fp, &tf, d);
        if (d->soft)
            fputs(", \"properties\": {\"transient\": true}", fp);
        putc('}', fp);
    }
    fputs(nout > 0 ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n", fp);
    HASH_CLEAR(hh, seen);
    free(pool);
    textfile_free(&tf);
}
