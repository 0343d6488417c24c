/* walk.c: visit a folder tree in a stable order, surviving symlink loops,
 * dangling links and unreadable folders. */
#define _DEFAULT_SOURCE         /* d_type, DT_REG */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
/* Not in the headers of kernels before 5.5 (Ubuntu 20.04, RHEL 8). */
#ifndef XFS_SUPER_MAGIC
#define XFS_SUPER_MAGIC 0x58465342
#endif
#ifndef F2FS_SUPER_MAGIC
#define F2FS_SUPER_MAGIC 0xF2F52010
#endif
#endif

#include <uthash.h>

#include "arena.h"
#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "parallel.h"

#define RULE_IO "io"

/* A folder entered, by identity. */
struct visited {
    struct { dev_t dev; ino_t ino; } id;
    UT_hash_handle hh;
};

struct walk {
    walk_fn fn;
    void *ctx;
    int flags;
    char *inside[2];            /* resolved roots symlinks may lead into */
    struct visited *visited;
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
    ino_t ino;                  /* the listing's d_ino */
    unsigned char type;         /* DT_REG, DT_DIR, ... or DT_UNKNOWN */
    int err;                    /* prestat(): 0, or stat()'s errno */
    int done;                   /* prestat() stat()ed it */
};

/* A folder of this many entries has them stat()ed on every core at once
 * before the walk goes through them: on a 50,000-page folder the stat()s
 * are a fifth of a run that names one file. */
#define WALK_PRESTAT_MIN 2048

struct prestat {
    int dirfd;
    struct name *v;
    struct stat *st;
    size_t n;
};

static void *
prestat_run(void *arg)
{
    struct prestat *ps = arg;
    size_t i;

    for (i = 0; i < ps->n; i++) {
        struct name *nm = &ps->v[i];

        /* Links are looked at first (link_allowed()), in the walk. */
        if (nm->type != DT_REG && nm->type != DT_DIR)
            continue;
        nm->err = fstatat(ps->dirfd, nm->s, &ps->st[i], 0) == -1 ? errno : 0;
        nm->done = 1;
    }
    return NULL;
}

/* Stats names[0, n) from the folder dirfd into st[0, n), spread over
 * the cores. */
static void
prestat(int dirfd, struct name *names, struct stat *st, size_t n)
{
    struct prestat part[PARALLEL_MAX];
    size_t k, nparts = parallel_threads(), lo, hi;

    for (k = 0; k < nparts; k++) {
        parallel_part(n, nparts, k, &lo, &hi);
        part[k].dirfd = dirfd;
        part[k].v = names + lo;
        part[k].st = st + lo;
        part[k].n = hi - lo;
    }
    parallel_run(part, nparts, sizeof *part, prestat_run);
}

/* Does the file system of the folder fd list each file with the inode
 * stat() gives it, on the folder's device?  Those known to: not
 * overlayfs, FUSE, network or virtual file systems, which may not. */
static int
listing_gives_id(int fd)
{
#ifdef __linux__
    struct statfs sf;

    if (fstatfs(fd, &sf) != 0)
        return 0;
    switch ((uint32_t)sf.f_type) {
    case EXT4_SUPER_MAGIC:      /* ext2 and ext3 too */
    case XFS_SUPER_MAGIC:
    case BTRFS_SUPER_MAGIC:
    case F2FS_SUPER_MAGIC:
    case TMPFS_MAGIC:
        return 1;
    default:
        return 0;
    }
#else
    (void)fd;
    return 0;
#endif
}

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

/* Is the resolved path real inside the resolved folder dir? */
static int
under(const char *real, const char *dir)
{
    size_t n;

    if (dir == NULL)
        return 0;
    n = strlen(dir);
    return strncmp(real, dir, n) == 0 &&
           (real[n] == '/' || real[n] == '\0' || strcmp(dir, "/") == 0);
}

/* May the walk follow fs, which may be a symbolic link?  A link whose
 * target resolves outside the site is reported once and not followed. */
static int
link_allowed(struct walk *w, const char *fs, const char *shown)
{
    struct stat lst;
    char *real;
    int ok;

    if (lstat(fs, &lst) == -1 || !S_ISLNK(lst.st_mode))
        return 1;
    if ((real = realpath(fs, NULL)) == NULL)
        return 1;               /* dangling: reported as such below */
    ok = under(real, w->inside[0]) || under(real, w->inside[1]);
    if (!ok)
        report(w, shown, SEV_WARNING, "symbolic link to a file outside "
               "the site; not followed");
    free(real);
    return ok;
}

/* The followed stat of the entry: prestat()'s when it has it (in pre),
 * else asked now.  -1 with errno set when it cannot be had. */
static int
stat_entry(DIR *d, const struct name *nm, const struct stat *pre,
           struct stat *st)
{
    if (!nm->done)
        return fstatat(dirfd(d), nm->s, st, 0);
    if (nm->err != 0) {
        errno = nm->err;
        return -1;
    }
    *st = *pre;
    return 0;
}

static void
walk_dir(struct walk *w, const char *fs, const char *shown,
         const struct stat *st)
{
    DIR *d;
    struct dirent *de;
    struct name *names = NULL;
    struct stat *sts = NULL;
    size_t n = 0, cap = 0, i;
    struct buf fpath = { 0 }, spath = { 0 };
    struct visited *v, key;
    int listed;                 /* files taken as the listing says */

    for (i = 0; i < w->depth; i++)
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
            report(w, shown, SEV_WARNING,
                   "symbolic link loop: this folder is '%s' again; not "
                   "followed", w->stack[i].path);
            return;
        }
    /* Two links to one folder, nested: entering it once per path would
     * take 2^depth visits. */
    memset(&key, 0, sizeof key);
    key.id.dev = st->st_dev;
    key.id.ino = st->st_ino;
    HASH_FIND(hh, w->visited, &key.id, sizeof key.id, v);
    if (v != NULL)
        return;
    v = xcalloc(1, sizeof *v);
    v->id = key.id;
    HASH_ADD(hh, w->visited, id, sizeof v->id, v);
    if (w->depth == WALK_MAX_DEPTH) {
        report(w, shown, SEV_WARNING, "folder nested deeper than %d levels; "
               "not entered", WALK_MAX_DEPTH);
        return;
    }
    if (w->flags & WALK_DEPEND)
        deps_dir(fs);
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
        names[n].done = 0;
        names[n].ino = de->d_ino;
        names[n++].type = de->d_type;
    }
    /* Kept open: each entry is stat()ed from it, not by its whole path
     * (a lookup of every folder above it, for every file). */
    if (n > 1)
        parallel_sort(names, n, sizeof *names, cmp_names);
    listed = (w->flags & WALK_FILE_TYPE) &&
             (!(w->flags & WALK_FILE_ID) || listing_gives_id(dirfd(d)));
    if (n >= WALK_PRESTAT_MIN && !listed) {
        sts = xmalloc(n * sizeof *sts);
        prestat(dirfd(d), names, sts, n);
    }
    w->stack[w->depth].dev = st->st_dev;
    w->stack[w->depth].ino = st->st_ino;
    w->stack[w->depth].path = shown;
    w->depth++;
    for (i = 0; i < n; i++) {
        struct stat est;

        buf_reset(&fpath);
        buf_reset(&spath);
        buf_adds(&fpath, fs);
        buf_addc(&fpath, '/');
        buf_adds(&fpath, names[i].s);
        if (*shown != '\0') {
            buf_adds(&spath, shown);
            buf_addc(&spath, '/');
        }
        buf_adds(&spath, names[i].s);
        if ((names[i].type == DT_LNK || names[i].type == DT_UNKNOWN) &&
            !link_allowed(w, fpath.p, spath.p))
            continue;
        if (listed && names[i].type == DT_REG) {
            /* The folder says it is a plain file: no stat needed. */
            memset(&est, 0, sizeof est);
            est.st_mode = S_IFREG;
            est.st_ino = names[i].ino;
            est.st_dev = st->st_dev;
        } else if (stat_entry(d, &names[i], sts != NULL ? &sts[i] : NULL,
                              &est) == -1) {
            struct stat lst;

            if (lstat(fpath.p, &lst) == 0 && S_ISLNK(lst.st_mode))
                report(w, spath.p, SEV_WARNING,
                       "dangling symbolic link: %s", strerror(errno));
            else
                report(w, spath.p, SEV_ERROR, "cannot read: %s",
                       strerror(errno));
            continue;
        }
        if (!S_ISDIR(est.st_mode) && !S_ISREG(est.st_mode)) {
            /* Opening a FIFO would wait for a writer forever. */
            report(w, spath.p, SEV_NOTE, "not a regular file (a FIFO, "
                   "socket or device); skipped");
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
    closedir(d);
    for (i = 0; i < n; i++)
        free(names[i].s);
    free(names);
    free(sts);
    buf_free(&fpath);
    buf_free(&spath);
}

void
walk_tree(const char *root, const char *display, const char *within,
          walk_fn fn, void *ctx, int flags)
{
    struct walk *w = xcalloc(1, sizeof *w);
    struct visited *v, *tmp;
    struct stat st;

    w->fn = fn;
    w->ctx = ctx;
    w->flags = flags;
    w->inside[0] = realpath(root, NULL);
    w->inside[1] = within != NULL ? realpath(within, NULL) : NULL;
    if (stat(root, &st) == -1) {
        report(w, display, SEV_ERROR, "cannot read folder: %s",
               strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        walk_dir(w, root, display, &st);
    }
    HASH_ITER(hh, w->visited, v, tmp) {
        HASH_DEL(w->visited, v);
        free(v);
    }
    free(w->inside[0]);
    free(w->inside[1]);
    free(w);
}

int
walk_inside(const char *path, const char *dir)
{
    char *real = realpath(path, NULL), *rdir = realpath(dir, NULL);
    int in = real != NULL && under(real, rdir);

    free(real);
    free(rdir);
    return in;
}
