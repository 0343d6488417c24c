/* test_fix.c: fix_run() on fixes no rule makes today: overlapping and
 * repeated ones, and one past the end of its line. */
#include "harness.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "fix.h"

static struct diag *
finding(const char *file, unsigned line, unsigned col, unsigned end,
        const char *text)
{
    struct pos at = { file, line, col };
    struct diag *d = diag_add(at, end, SEV_WARNING, "spelling-variant",
                              "word at %u", col);

    diag_fix(d, at, end, text);
    return d;
}

static char *
slurp(struct arena *a, const char *path)
{
    size_t len;

    return arena_read_file(a, path, 1 << 20, &len);
}

void
test_fix(void)
{
    char path[] = "/tmp/sitelint-test-fix-XXXXXX";
    struct engine_page pg = { 0 };
    struct arena a = { 0 };
    struct diag **v;
    struct stat st;
    size_t n, applied, left;
    int fd = mkstemp(path);
    FILE *fp = fd != -1 ? fdopen(fd, "w") : NULL;

    ok(fp != NULL, "fix: temporary file");
    if (fp == NULL)
        return;
    fputs("abcdef ghij\nsecond\n", fp);
    fclose(fp);
    stat(path, &st);
    pg.path = path;
    pg.linted = 1;
    pg.read = 1;
    page_stamp(&st, &pg.stamp);

    diag_init(NULL);
    finding(path, 1, 1, 4, "ABC");      /* bytes 1-3 */
    finding(path, 1, 3, 6, "XX");       /* overlaps the first */
    finding(path, 1, 1, 4, "ABC");      /* the first again */
    finding(path, 1, 8, 12, "GHIJ");
    finding(path, 2, 1, 40, "far");     /* past the end of its line */
    v = diag_sorted(&n);
    applied = fix_run(v, n, &pg, 1, NULL, NULL, NULL);
    str_eq(slurp(&a, path), "ABCdef GHIJ\nsecond\n",
           "fix: the first of overlapping fixes, once; not past a line");
    int_eq(applied, 2, "fix: two fixes applied");
    v = diag_sorted(&left);
    int_eq(left, 2, "fix: the overlapping and the bad fix are still shown");
    diag_finish();

    /* The file changed since it was read: left alone. */
    diag_init(NULL);
    finding(path, 2, 1, 3, "SE");
    v = diag_sorted(&n);
    applied = fix_run(v, n, &pg, 1, NULL, NULL, NULL);
    int_eq(applied, 0, "fix: a changed file is not fixed");
    str_eq(slurp(&a, path), "ABCdef GHIJ\nsecond\n",
           "fix: a changed file is left as it is");
    v = diag_sorted(&n);
    ok(n == 2 && strstr(v[0]->msg, "changed on disk") != NULL,
       "fix: a changed file is reported");
    diag_finish();

    unlink(path);
    arena_free(&a);
}
