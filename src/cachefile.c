/* cachefile.c: see cachefile.h. */
#include "cachefile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
cache_path(struct arena *a, const char *name)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

    if (x != NULL && x[0] == '/')
        return arena_printf(a, "%s/sitelint/%s", x, name);
    if (home != NULL && home[0] != '\0')
        return arena_printf(a, "%s/.cache/sitelint/%s", home, name);
    return NULL;
}

void
cache_make_parent(struct arena *a, const char *path)
{
    char *dir = arena_strdup(a, path), *slash = strrchr(dir, '/'), *p;

    if (slash == NULL || slash == dir)
        return;
    *slash = '\0';
    for (p = dir + 1; *p != '\0'; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    mkdir(dir, 0700);
}

/* Writes len bytes of p to fd; -1 on a failed write. */
static int
write_all(int fd, const char *p, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t w = write(fd, p + done, len - done);

        if (w == -1 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        done += (size_t)w;
    }
    return 0;
}

int
cache_replace(struct arena *a, const char *path, const struct str *parts,
              size_t nparts)
{
    char *tmp = arena_printf(a, "%s.XXXXXX", path);
    struct stat st;
    size_t i;
    int fd, ok = 1;

    cache_make_parent(a, path);
    if (lstat(path, &st) == 0 &&
        (!S_ISREG(st.st_mode) || st.st_uid != geteuid()))
        return -1;              /* a link, or another user's: left alone */
    if ((fd = mkstemp(tmp)) == -1)
        return -1;
    for (i = 0; i < nparts && ok; i++)
        ok = write_all(fd, parts[i].p, parts[i].len) == 0;
    if (close(fd) != 0 || !ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}
