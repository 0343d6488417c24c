/* fix.c: --fix and --diff.  The fixes findings carry are replacements
 * within one line; they are applied to a fresh read of each file, which
 * must be the file that was linted, and written through a temporary file
 * and rename(2), so a reader never sees half a file and a crash never
 * leaves one. */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>

#include "arena.h"
#include "engine.h"
#include "page.h"
#include "textfile.h"

/* Lines of context around a change in --diff output, as diff -u. */
#define FIX_CONTEXT 3

#define RULE_IO "io"

/* One replacement in a file, as byte offsets after any BOM. */
struct edit {
    size_t from, to;
    const char *text;
    struct diag *d;
};

/* A file read for the run, by path: what it was then. */
struct known {
    const char *path;
    const struct file_stamp *stamp;
    UT_hash_handle hh;
};

struct fixer {
    struct arena mem;
    struct textfile text;       /* the file being fixed, read again */
    struct known *files;
    FILE *diff;                 /* NULL: write the files */
    size_t applied;             /* fixes written (or printed) */
    size_t nfiles;              /* files they are in */
};

static int
cmp_edit(const void *pa, const void *pb)
{
    const struct edit *a = pa, *b = pb;

    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return strcmp(a->text, b->text);
}

/* The temporary file being written, for the signal handler: an
 * interrupted --fix leaves no ".name.sitelint-XXXXXX" behind. */
static char pending_tmp[PATH_MAX + 32];
static volatile sig_atomic_t pending;

static void
on_signal(int sig)
{
    if (pending)
        unlink(pending_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Why path may not be rewritten, or NULL.  A fix replaces the file by
 * rename(2): through a symbolic link it would write wherever the link
 * points (a page linked to ~/.bashrc); a file with other hard links would
 * be split from them; a read-only file is read-only on purpose. */
static const char *
refuse(const char *path, const struct stat *st)
{
    struct stat lst;

    if (lstat(path, &lst) == -1)
        return strerror(errno);
    if (S_ISLNK(lst.st_mode))
        return "it is a symbolic link; fix the file it names instead";
    if (!S_ISREG(st->st_mode))
        return "not a regular file";
    if (st->st_nlink > 1)
        return "it has other hard links, which a fix would split from it";
    if (access(path, W_OK) != 0)
        return "it is not writable";
    return NULL;
}

/* Writes len bytes of data to path through a temporary file in the same
 * folder, with the mode and owner of the old file; the old file must
 * still be want.  Reports and returns -1 on failure. */
static int
write_atomic(const char *path, const char *data, size_t len,
             const struct stat *old, const struct file_stamp *want)
{
    char real[PATH_MAX], *slash;
    struct file_stamp now;
    struct stat st;
    size_t done = 0;
    int fd, dfd, rc = -1;
    const char *why;

    if ((why = refuse(path, old)) != NULL) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_WARNING, RULE_IO,
                 "not fixed: %s", why);
        return -1;
    }
    if (realpath(path, real) == NULL) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, RULE_IO,
                 "cannot fix: %s", strerror(errno));
        return -1;
    }
    slash = strrchr(real, '/');
    snprintf(pending_tmp, sizeof pending_tmp, "%.*s/.%s.sitelint-XXXXXX",
             (int)(slash - real), real, slash + 1);
    pending = 1;
    if ((fd = mkstemp(pending_tmp)) == -1) {
        pending = 0;
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, RULE_IO,
                 "cannot fix: cannot create a file beside it: %s",
                 strerror(errno));
        return -1;
    }
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);

        if (w == -1 && errno == EINTR)
            continue;
        if (w == -1)
            goto fail;
        done += (size_t)w;
    }
    /* Owner first: chown(2) clears the set-user-ID and set-group-ID bits
     * that the mode then puts back.  Only root may give a file away;
     * anyone else keeps it theirs. */
    if (fchown(fd, old->st_uid, old->st_gid) == -1 && errno != EPERM)
        goto fail;
    if (fchmod(fd, old->st_mode & 07777) == -1 || fsync(fd) == -1)
        goto fail;
    if (close(fd) == -1) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (page_stamp_now(real, &now, &st) != 0 || !page_stamp_equal(&now, want)) {
        unlink(pending_tmp);
        pending = 0;
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_WARNING, RULE_IO,
                 "changed on disk while it was being fixed; left alone");
        return -1;
    }
    if (rename(pending_tmp, real) == -1)
        goto fail;
    pending = 0;
    *slash = '\0';
    if ((dfd = open(real[0] != '\0' ? real : "/", O_RDONLY | O_DIRECTORY))
            != -1) {
        (void)fsync(dfd);       /* the rename itself is durable */
        close(dfd);
    }
    return 0;
fail:
    diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, RULE_IO,
             "cannot fix: %s", strerror(errno));
    if (fd != -1)
        close(fd);
    unlink(pending_tmp);
    pending = 0;
    return rc;
}

/* The end of line k (0-based) of data, before its newline. */
static size_t
line_end(const char *data, size_t len, const uint32_t *off, size_t nlines,
         size_t k)
{
    size_t e = k + 1 < nlines ? off[k + 1] - 1 : len;

    if (e > off[k] && e == len && data[e - 1] == '\n')
        e--;
    return e;
}

static void
diff_line(FILE *fp, int mark, const char *data, size_t len,
          const uint32_t *off, size_t nlines, size_t k)
{
    size_t e = line_end(data, len, off, nlines, k);

    fprintf(fp, "%c%.*s\n", mark, (int)(e - off[k]), data + off[k]);
    if (k + 1 == nlines && (len == 0 || data[len - 1] != '\n'))
        fputs("\\ No newline at end of file\n", fp);
}

/* Prints the change from old to new (same line count) as diff -u. */
static void
print_diff(FILE *fp, const char *path, const char *old, size_t olen,
           const char *new, size_t nlen, const unsigned char *changed,
           struct arena *a)
{
    size_t on, nn, k = 0;
    uint32_t *oo = text_lines(a, old, olen, &on);
    uint32_t *no = text_lines(a, new, nlen, &nn);
    const char *shown = path;

    while (shown[0] == '.' && shown[1] == '/')
        shown += 2;
    fprintf(fp, "--- a/%s\n+++ b/%s\n", shown, shown);
    while (k < on) {
        size_t first, last, s, e, j;

        if (!changed[k]) {
            k++;
            continue;
        }
        /* A hunk: changes whose contexts touch go together. */
        first = last = k;
        for (j = k + 1; j < on && j <= last + 2 * FIX_CONTEXT + 1; j++)
            if (changed[j])
                last = j;
        s = first >= FIX_CONTEXT ? first - FIX_CONTEXT : 0;
        e = last + FIX_CONTEXT < on ? last + FIX_CONTEXT : on - 1;
        fprintf(fp, "@@ -%zu,%zu +%zu,%zu @@\n", s + 1, e - s + 1, s + 1,
                e - s + 1);
        for (j = s; j <= e;) {
            size_t r;

            if (!changed[j]) {
                diff_line(fp, ' ', old, olen, oo, on, j);
                j++;
                continue;
            }
            for (r = j; r <= e && changed[r]; r++)
                diff_line(fp, '-', old, olen, oo, on, r);
            for (r = j; r <= e && changed[r]; r++)
                diff_line(fp, '+', new, nlen, no, nn, r);
            j = r;
        }
        k = e + 1;
    }
}

/* Applies the edits of one file. */
static void
fix_file(struct fixer *fx, const char *path, struct diag **ds, size_t nd)
{
    struct known *k;
    struct file_stamp now;
    struct stat st;
    struct edit *ed;
    struct buf out = { 0 };
    unsigned char *changed;
    const char *body, *raw;
    const uint32_t *off;
    size_t len, blen, bom, nlines, ne = 0, i, at, last_to = 0, napplied = 0;

    HASH_FIND_STR(fx->files, path, k);
    if (k == NULL)
        return;                 /* not a page this run read */
    if (page_stamp_now(path, &now, &st) != 0 ||
        !page_stamp_equal(&now, k->stamp)) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_WARNING, RULE_IO,
                 "changed on disk since it was read; not fixed");
        return;
    }
    if (textfile_load(&fx->text, path) != 0) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, RULE_IO,
                 "cannot fix: %s", strerror(errno));
        return;
    }
    body = fx->text.data;
    blen = fx->text.len;
    bom = fx->text.bom;
    raw = body - bom;
    len = blen + bom;
    off = fx->text.line_off;
    nlines = fx->text.nlines;
    ed = arena_alloc(&fx->mem, nd * sizeof *ed);
    for (i = 0; i < nd; i++) {
        const struct diag_fix *f = ds[i]->fix;
        size_t l = f->pos.line - 1, e;

        if (f->pos.line == 0 || l >= nlines || f->pos.col == 0 ||
            f->end_col < f->pos.col || strpbrk(f->text, "\r\n") != NULL)
            continue;
        e = line_end(body, blen, off, nlines, l);
        if (off[l] + f->end_col - 1 > e)
            continue;
        ed[ne].from = off[l] + f->pos.col - 1;
        ed[ne].to = off[l] + f->end_col - 1;
        ed[ne].text = f->text;
        ed[ne].d = ds[i];
        ne++;
    }
    qsort(ed, ne, sizeof *ed, cmp_edit);
    changed = arena_alloc(&fx->mem, nlines + 1);
    buf_add(&out, raw, bom);
    at = 0;
    for (i = 0; i < ne; i++) {
        size_t l;

        if (i > 0 && ed[i].from == ed[i - 1].from &&
            ed[i].to == ed[i - 1].to &&
            strcmp(ed[i].text, ed[i - 1].text) == 0) {
            if (fx->diff == NULL && ed[i - 1].d->fixed)
                diag_fixed(ed[i].d);    /* the same fix twice */
            continue;
        }
        if (i > 0 && ed[i].from < last_to)
            continue;           /* overlaps one applied: never both */
        buf_add(&out, body + at, ed[i].from - at);
        buf_adds(&out, ed[i].text);
        at = last_to = ed[i].to;
        for (l = 0; l + 1 < nlines && off[l + 1] <= ed[i].from; l++)
            continue;
        changed[l] = 1;
        if (fx->diff == NULL)
            diag_fixed(ed[i].d);
        napplied++;
    }
    buf_add(&out, body + at, blen - at);
    if (out.len == len && memcmp(out.p, raw, len) == 0) {
        buf_free(&out);
        return;                 /* every fix was already there */
    }
    /* The diff is of the bytes as they are, BOM and all, so that patch
     * and git apply find the lines. */
    if (fx->diff != NULL) {
        print_diff(fx->diff, path, raw, len, out.p, out.len, changed,
                   &fx->mem);
    } else if (write_atomic(path, out.p, out.len, &st, k->stamp) != 0) {
        for (i = 0; i < ne; i++)
            ed[i].d->fixed = 0;
        napplied = 0;
    }
    if (napplied > 0) {
        fx->applied += napplied;
        fx->nfiles++;
    }
    buf_free(&out);
}

size_t
fix_run(struct diag *const *v, size_t n, const struct engine_page *pages,
        size_t npages, FILE *diff, size_t *files, const char *rules)
{
    struct fixer fx;
    struct diag **ds = NULL;
    struct known *k;
    size_t i, j, nd, cap = 0;

    memset(&fx, 0, sizeof fx);
    fx.diff = diff;
    if (diff == NULL) {
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
    }
    for (i = 0; i < npages; i++) {
        if (!pages[i].linted || !pages[i].read)
            continue;
        HASH_FIND_STR(fx.files, pages[i].path, k);
        if (k != NULL)
            continue;
        k = arena_alloc(&fx.mem, sizeof *k);
        k->path = pages[i].path;
        k->stamp = &pages[i].stamp;
        HASH_ADD_KEYPTR(hh, fx.files, k->path, strlen(k->path), k);
    }
    /* Findings come sorted by file; a fix is in its finding's file. */
    for (i = 0; i < n; i = j) {
        nd = 0;
        for (j = i; j < n && v[j]->pos.file != NULL && v[i]->pos.file != NULL
             && strcmp(v[j]->pos.file, v[i]->pos.file) == 0; j++)
            if (v[j]->fix != NULL && v[j]->fix->pos.file != NULL &&
                strcmp(v[j]->fix->pos.file, v[j]->pos.file) == 0 &&
                (rules == NULL || str_in_list(rules, v[j]->rule)))
                *ARENA_PUSH(&fx.mem, ds, nd, cap) = v[j];
        if (j == i)
            j = i + 1;
        if (nd > 0)
            fix_file(&fx, v[i]->pos.file, ds, nd);
        ds = NULL;
        cap = 0;
    }
    HASH_CLEAR(hh, fx.files);
    textfile_free(&fx.text);
    arena_free(&fx.mem);
    if (files != NULL)
        *files = fx.nfiles;
    return fx.applied;
}
