/* walk.c: visit a folder tree in a stable order, surviving symlink loops,
 * dangling links and unreadable folders. */
#define _DEFAULT_SOURCE         /* d_type, DT_REG */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"

#define RULE_IO "io"

struct walk {
    walk_fn fn;
    void *ctx;
    int flags;
    struct {
        dev_t dev;
        ino_t ino;
        const char *path;
    } stack[WALK_MAX_DEPTH];
    size_t depth;
};

/* A name as read from the folder, with the type it says when it says. */
struct name {
    char *s;
    unsigned char type;         /* DT_REG, DT_DIR, ... or DT_UNKNOWN */
};

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(((const struct name *)a)->s, ((const struct name *)b)->s);
}

static void report(struct walk *w, const char *path, enum severity sev,
                   const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void
report(struct walk *w, const char *path, enum severity sev, const char *fmt,
       ...)
{
    va_list ap;

    if (!(w->flags & WALK_REPORT))
        return;
    va_start(ap, fmt);
    diag_vadd((struct pos){ diag_intern(path), 0, 0 }, 0, sev, RULE_IO, fmt,
              ap);
    va_end(ap);
}

static void
walk_dir(struct walk *w, const char *fs, const char *shown,
         const struct stat *st)
{
    DIR *d;
    struct dirent *de;
    struct name *names = NULL;
    size_t n = 0, cap = 0, i;
    struct buf fpath = { 0 }, spath = { 0 };

    for (i = 0; i < w->depth; i++)
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
            report(w, shown, SEV_WARNING,
                   "symbolic link loop: this folder is '%s' again; not "
                   "followed", w->stack[i].path);
            return;
        }
    if (w->depth == WALK_MAX_DEPTH) {
        report(w, shown, SEV_WARNING, "folder nested deeper than %d levels; "
               "not entered", WALK_MAX_DEPTH);
        return;
    }
    if ((d = opendir(fs)) == NULL) {
        report(w, shown, SEV_ERROR, "cannot read folder: %s", strerror(errno));
        return;
    }
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n].s = xstrdup(de->d_name);
        names[n++].type = de->d_type;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    w->stack[w->depth].dev = st->st_dev;
    w->stack[w->depth].ino = st->st_ino;
    w->stack[w->depth].path = shown;
    w->depth++;
    for (i = 0; i < n; i++) {
        struct stat est;

        buf_reset(&fpath);
        buf_reset(&spath);
        buf_addf(&fpath, "%s/%s", fs, names[i].s);
        if (*shown != '\0')
            buf_addf(&spath, "%s/%s", shown, names[i].s);
        else
            buf_adds(&spath, names[i].s);
        if ((w->flags & WALK_FILE_TYPE) && names[i].type == DT_REG) {
            /* The folder says it is a plain file: no stat needed. */
            memset(&est, 0, sizeof est);
            est.st_mode = S_IFREG;
        } else if (stat(fpath.p, &est) == -1) {
            struct stat lst;

            if (lstat(fpath.p, &lst) == 0 && S_ISLNK(lst.st_mode))
                report(w, spath.p, SEV_WARNING,
                       "dangling symbolic link: %s", strerror(errno));
            else
                report(w, spath.p, SEV_ERROR, "cannot read: %s",
                       strerror(errno));
            continue;
        }
        if (w->fn(w->ctx, spath.p, names[i].s, &est) == WALK_GO &&
            S_ISDIR(est.st_mode)) {
            /* The recursion keeps its own copies of the paths. */
            char *f = xstrdup(fpath.p), *s = xstrdup(spath.p);

            walk_dir(w, f, s, &est);
            free(f);
            free(s);
        }
    }
    w->depth--;
    for (i = 0; i < n; i++)
        free(names[i].s);
    free(names);
    buf_free(&fpath);
    buf_free(&spath);
}

void
walk_tree(const char *root, const char *display, walk_fn fn, void *ctx,
          int flags)
{
    struct walk *w = xcalloc(1, sizeof *w);
    struct stat st;

    w->fn = fn;
    w->ctx = ctx;
    w->flags = flags;
    if (stat(root, &st) == -1) {
        report(w, display, SEV_ERROR, "cannot read folder: %s",
               strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        walk_dir(w, root, display, &st);
    }
    free(w);
}
