/* deps.c: see deps.h.  A set of paths, each with its stat when noted. */
#include "deps.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uthash.h>

#include "arena.h"

/* What a file or folder was: all zero when there was none. */
struct dep_state {
    unsigned long long dev, ino, size;
    long long mtime_ns, ctime_ns;
};

struct dep {
    char kind;                  /* 'f' a file, 'd' a folder */
    struct dep_state st;
    UT_hash_handle hh;
    char path[];
};

static struct dep *noted;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* An environment variable's state: a hash of its value (1: unset). */
static void
env_state(const char *name, struct dep_state *out)
{
    const char *v = getenv(name);

    memset(out, 0, sizeof *out);
    out->dev = v == NULL ? 1 : fnv1a64(FNV1A64_START, v, strlen(v)) | 2;
}

static void
state_of(char kind, const char *path, struct dep_state *out)
{
    struct stat st;

    if (kind == 'e') {
        env_state(path, out);
        return;
    }
    memset(out, 0, sizeof *out);
    if (stat(path, &st) != 0)
        return;
    if (kind == 'x') {
        out->dev = (unsigned long long)(st.st_mode & S_IFMT);
        return;                 /* what it is, not what it holds */
    }
    out->dev = (unsigned long long)st.st_dev;
    out->ino = (unsigned long long)st.st_ino;
    out->size = (unsigned long long)st.st_size;
    out->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
                    st.st_mtim.tv_nsec;
    out->ctime_ns = (long long)st.st_ctim.tv_sec * 1000000000LL +
                    st.st_ctim.tv_nsec;
}

static void
note(char kind, const char *path, const struct dep_state *st)
{
    size_t n = strlen(path);
    struct dep *d;

    pthread_mutex_lock(&lock);
    HASH_FIND(hh, noted, path, n, d);
    if (d == NULL) {
        d = xmalloc(sizeof *d + n + 1);
        d->kind = kind;
        memcpy(d->path, path, n + 1);
        if (st != NULL)
            d->st = *st;
        else
            state_of(kind, path, &d->st);
        HASH_ADD(hh, noted, path[0], n, d);
    }
    pthread_mutex_unlock(&lock);
}

void
deps_file(const char *path)
{
    note('f', path, NULL);
}

void
deps_dir(const char *path)
{
    note('d', path, NULL);
}

void
deps_exists(const char *path)
{
    note('x', path, NULL);
}

const char *
deps_getenv(const char *name)
{
    note('e', name, NULL);
    return getenv(name);
}

void
deps_take(struct buf *b)
{
    struct dep *d, *tmp;

    pthread_mutex_lock(&lock);
    HASH_ITER(hh, noted, d, tmp) {
        buf_addf(b, "%c %llu %llu %llu %lld %lld %s\n", d->kind, d->st.dev,
                 d->st.ino, d->st.size, d->st.mtime_ns, d->st.ctime_ns,
                 d->path);
        HASH_DEL(noted, d);
        free(d);
    }
    pthread_mutex_unlock(&lock);
}

int
deps_check(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    char path[PATH_MAX + 128];          /* a path and its state's numbers */

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        struct dep_state was, now;
        char kind;
        int at = 0;

        if (nl == NULL || (size_t)(nl - p) >= sizeof path)
            return -1;
        memcpy(path, p, (size_t)(nl - p));
        path[nl - p] = '\0';
        if (sscanf(path, "%c %llu %llu %llu %lld %lld %n", &kind, &was.dev,
                   &was.ino, &was.size, &was.mtime_ns, &was.ctime_ns,
                   &at) != 6 || at == 0 || path[at] == '\0' ||
            strchr("fdxe", kind) == NULL)
            return -1;
        state_of(kind, path + at, &now);
        if (memcmp(&was, &now, sizeof now) != 0)
            return -1;
        note(kind, path + at, &now);
        p = nl + 1;
    }
    return 0;
}
