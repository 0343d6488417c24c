/* linkcache.c: a text file, one result a line:
 *
 *     sitelint-link-cache 1
 *     CHECKED<TAB>OUTCOME<TAB>STATUS<TAB>KEY<TAB>MOVED-TO<TAB>DETAIL
 *
 * CHECKED is seconds since the epoch, OUTCOME a name of lc_outcome_name(),
 * and "-" stands for an empty MOVED-TO or DETAIL.  Text so that a user can
 * read it and grep it; a line per URL so that merging is simple. */
#define _DEFAULT_SOURCE         /* flock, mkstemp */
#include "linkcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <uthash.h>

#include "buf.h"
#include "cachefile.h"

#define CACHE_MAGIC "sitelint-link-cache 1\n"
/* A cache of a million URLs is a mistake; stop reading it there. */
#define CACHE_MAX_BYTES (256u * 1024 * 1024)

struct entry {
    const char *key;
    struct lc_result r;
    UT_hash_handle hh;
};

/* Entries kept at most: the newest.  A cache that only grew cost 1.4 GB
 * and 15 s a run at 224 MB. */
#define CACHE_MAX_ENTRIES 200000

struct link_cache {
    const char *path;
    struct arena *a;
    struct entry *map;
    int foreign;                /* another user's file, or a link: never
                                 * written */
};

const char *
link_cache_default(struct arena *a)
{
    return cache_path(a, "links.tsv");
}

static void
put(struct link_cache *c, struct entry **map, const char *key,
    const struct lc_result *r)
{
    struct entry *e;

    HASH_FIND_STR(*map, key, e);
    if (e == NULL) {
        e = arena_alloc(c->a, sizeof *e);
        e->key = arena_strdup(c->a, key);
        HASH_ADD_KEYPTR(hh, *map, e->key, strlen(e->key), e);
    }
    e->r = *r;
    e->r.moved_to = r->moved_to != NULL ? arena_strdup(c->a, r->moved_to)
                                        : NULL;
    e->r.detail = r->detail != NULL ? arena_strdup(c->a, r->detail) : NULL;
}

/* Splits line at tabs into at most n fields; returns how many. */
static size_t
split(char *line, char **f, size_t n)
{
    size_t k = 0;

    while (k < n) {
        f[k++] = line;
        if ((line = strchr(line, '\t')) == NULL)
            break;
        *line++ = '\0';
    }
    return line == NULL ? k : n + 1;
}

/* Parses text into *map; returns NULL or what is wrong with it. */
static const char *
parse(struct link_cache *c, char *text, size_t len, struct entry **map)
{
    char *p = text, *end = text + len;

    if (len < sizeof CACHE_MAGIC - 1 ||
        memcmp(text, CACHE_MAGIC, sizeof CACHE_MAGIC - 1) != 0)
        return "it is not a sitelint link cache";
    if (text[len - 1] != '\n')
        return "it is cut short";
    p += sizeof CACHE_MAGIC - 1;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p)), *f[6], *e1, *e2;
        struct lc_result r;
        long long checked;
        int out;

        *nl = '\0';
        memset(&r, 0, sizeof r);
        if (split(p, f, 6) != 6)
            return "a line does not have six fields";
        errno = 0;
        checked = strtoll(f[0], &e1, 10);
        r.status = strtol(f[2], &e2, 10);
        out = lc_outcome_parse(f[1]);
        if (errno != 0 || *e1 != '\0' || *e2 != '\0' || e1 == f[0] ||
            e2 == f[2] || out < 0 || f[3][0] == '\0')
            return "a line does not parse";
        r.outcome = (enum lc_outcome)out;
        r.checked = (time_t)checked;
        r.moved_to = strcmp(f[4], "-") != 0 ? f[4] : NULL;
        r.detail = strcmp(f[5], "-") != 0 ? f[5] : NULL;
        put(c, map, f[3], &r);
        p = nl + 1;
    }
    return NULL;
}

static void
clear(struct entry **map)
{
    struct entry *e, *tmp;

    HASH_ITER(hh, *map, e, tmp)
        HASH_DEL(*map, e);
}

/* Reads path into *map; a missing file is empty.  Returns why it was
 * ignored, or NULL. */
/* Why the file at path is not ours to read and write, or NULL.  A cache
 * another user can write could feed --fix what it likes; a link could
 * make a save overwrite what it points at. */
static const char *
not_ours(const char *path)
{
    struct stat st;

    if (lstat(path, &st) == -1)
        return NULL;            /* missing: ours to create */
    if (S_ISLNK(st.st_mode))
        return "it is a symbolic link";
    if (!S_ISREG(st.st_mode))
        return "it is not a regular file";
    if (st.st_uid != geteuid())
        return "it belongs to another user";
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return "others may write to it";
    return NULL;
}

static const char *
load(struct link_cache *c, struct entry **map)
{
    size_t len;
    char *text;
    const char *why;

    if ((why = not_ours(c->path)) != NULL) {
        c->foreign = 1;
        return why;
    }
    text = arena_read_file(c->a, c->path, CACHE_MAX_BYTES, &len);
    if (text == NULL)
        return errno == ENOENT ? NULL : arena_printf(c->a, "it cannot be "
                                                     "read: %s",
                                                     strerror(errno));
    if (len == 0)
        return NULL;
    if ((why = parse(c, text, len, map)) != NULL)
        clear(map);
    return why;
}

struct link_cache *
link_cache_open(const char *path, struct arena *a, const char **why)
{
    struct link_cache *c = arena_alloc(a, sizeof *c);

    c->path = arena_strdup(a, path);
    c->a = a;
    *why = load(c, &c->map);
    return c;
}

const struct lc_result *
link_cache_get(struct link_cache *c, const char *key, time_t now,
               long ok_ttl, long fail_ttl)
{
    struct entry *e;
    long ttl;

    HASH_FIND_STR(c->map, key, e);
    if (e == NULL)
        return NULL;
    ttl = e->r.outcome == LC_OK ? ok_ttl : fail_ttl;
    if (ttl <= 0 || e->r.checked > now || now - e->r.checked >= ttl)
        return NULL;
    return &e->r;
}

void
link_cache_put(struct link_cache *c, const char *key,
               const struct lc_result *r)
{
    if (strpbrk(key, "\t\n") != NULL)
        return;                 /* cannot be written; not worth escaping */
    put(c, &c->map, key, r);
}

/* A field for the file: no tabs or newlines, "-" for nothing. */
static void
field(struct buf *b, const char *s)
{
    if (s == NULL || *s == '\0' || strcmp(s, "-") == 0) {
        buf_addc(b, '-');
        return;
    }
    for (; *s != '\0'; s++)
        buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int
by_newest(struct entry *a, struct entry *b)
{
    return a->r.checked > b->r.checked ? -1 : a->r.checked < b->r.checked;
}

/* Drops what no run may use again (checked keep seconds ago or more),
 * then all but the newest CACHE_MAX_ENTRIES. */
static void
prune(struct link_cache *c, long keep)
{
    struct entry *e, *tmp;
    time_t now = time(NULL);
    size_t n = 0;

    HASH_ITER(hh, c->map, e, tmp)
        if (keep > 0 && now - e->r.checked >= keep)
            HASH_DEL(c->map, e);
    if (HASH_COUNT(c->map) <= CACHE_MAX_ENTRIES)
        return;
    HASH_SORT(c->map, by_newest);
    HASH_ITER(hh, c->map, e, tmp)
        if (++n > CACHE_MAX_ENTRIES)
            HASH_DEL(c->map, e);
}

int
link_cache_save(struct link_cache *c, long keep, const char **why)
{
    struct entry *disk = NULL, *e, *mine, *tmp;
    struct buf b = { 0 };
    char *lock = arena_printf(c->a, "%s.lock", c->path);
    char *tmpname = arena_printf(c->a, "%s.XXXXXX", c->path);
    int lfd, fd = -1, rc = -1;
    size_t off;
    struct stat st;
    const char *bad = NULL;

    if (c->foreign || (bad = not_ours(c->path)) != NULL) {
        *why = arena_printf(c->a, "%s is left alone: %s", c->path,
                            c->foreign ? "it is not this user's own file"
                                       : bad);
        return -1;
    }
    cache_make_parent(c->a, c->path);
    /* No link is followed to a lock file, and the lock must be ours. */
    if ((lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
                    O_NONBLOCK, 0600)) == -1 ||
        fstat(lfd, &st) == -1 || !S_ISREG(st.st_mode) ||
        st.st_uid != geteuid() || flock(lfd, LOCK_EX) == -1) {
        *why = arena_printf(c->a, "cannot lock %s: %s", lock,
                            lfd == -1 || errno != 0 ? strerror(errno)
                                                    : "not this user's file");
        if (lfd != -1)
            close(lfd);
        return -1;
    }
    /* Another run may have written since we read: keep its newer news. */
    (void)load(c, &disk);
    HASH_ITER(hh, disk, e, tmp) {
        HASH_FIND_STR(c->map, e->key, mine);
        if (mine == NULL || mine->r.checked < e->r.checked)
            put(c, &c->map, e->key, &e->r);
    }
    clear(&disk);
    prune(c, keep);
    buf_adds(&b, CACHE_MAGIC);
    HASH_ITER(hh, c->map, e, tmp) {
        buf_addf(&b, "%lld\t%s\t%ld\t%s\t", (long long)e->r.checked,
                 lc_outcome_name(e->r.outcome), e->r.status, e->key);
        field(&b, e->r.moved_to);
        buf_addc(&b, '\t');
        field(&b, e->r.detail);
        buf_addc(&b, '\n');
    }
    if ((fd = mkstemp(tmpname)) == -1)
        goto fail;
    for (off = 0; off < b.len;) {
        ssize_t w = write(fd, b.p + off, b.len - off);

        if (w == -1 && errno == EINTR)
            continue;
        if (w == -1)
            goto fail;
        off += (size_t)w;
    }
    if (fsync(fd) == -1 || close(fd) == -1) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmpname, c->path) == -1)
        goto fail;
    rc = 0;
    goto out;
fail:
    *why = arena_printf(c->a, "cannot write %s: %s", c->path,
                        strerror(errno));
    if (fd != -1)
        close(fd);
    unlink(tmpname);
out:
    buf_free(&b);
    flock(lfd, LOCK_UN);
    close(lfd);
    return rc;
}

void
link_cache_close(struct link_cache *c)
{
    if (c != NULL)
        clear(&c->map);
}
