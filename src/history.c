/* history.c: a page's committed text, through "git cat-file", run
 * without a shell so that no file name is ever interpreted. */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"

extern char **environ;

/* The environment without what would point git at another repository
 * or tree than the one around the file: a pre-commit hook in a linked
 * work tree exports GIT_DIR, and "HEAD:./x" would then be read from the
 * top of the tree. */
static char **
git_environ(struct arena *a)
{
    static const char *const drop[] = {
        "GIT_DIR=", "GIT_WORK_TREE=", "GIT_INDEX_FILE=", "GIT_PREFIX=",
        "GIT_COMMON_DIR=", "GIT_NAMESPACE=",
    };
    size_t n = 0, k = 0, i, j;
    char **env;

    while (environ[n] != NULL)
        n++;
    env = arena_alloc(a, (n + 1) * sizeof *env);
    for (i = 0; i < n; i++) {
        for (j = 0; j < sizeof drop / sizeof drop[0]; j++)
            if (strncmp(environ[i], drop[j], strlen(drop[j])) == 0)
                break;
        if (j == sizeof drop / sizeof drop[0])
            env[k++] = environ[i];
    }
    env[k] = NULL;
    return env;
}

/* A pipe whose ends are not standard descriptors (one of them may be
 * closed) and close on exec; 0 or -1. */
static int
safe_pipe(int fd[2])
{
    int i;

    if (pipe(fd) != 0)
        return -1;
    for (i = 0; i < 2; i++)
        if (fd[i] > STDERR_FILENO) {
            fcntl(fd[i], F_SETFD, FD_CLOEXEC);
        } else {
            int moved = fcntl(fd[i], F_DUPFD_CLOEXEC, STDERR_FILENO + 1);

            close(fd[i]);
            if (moved < 0) {
                close(fd[1 - i]);
                return -1;
            }
            fd[i] = moved;
        }
    return 0;
}

char *
history_committed(const char *path, size_t max, struct arena *a,
                  size_t *len)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash != NULL
                ? arena_strndup(a, path, (size_t)(slash - path) + 1)
                : arena_strdup(a, ".");
    char *spec = arena_printf(a, "HEAD:./%s", slash != NULL ? slash + 1
                                                            : path);
    char *argv[] = { arena_strdup(a, "git"), arena_strdup(a, "-C"), dir,
                     arena_strdup(a, "cat-file"), arena_strdup(a, "blob"),
                     spec, NULL };
    posix_spawn_file_actions_t fa;
    char *out = NULL;
    size_t n = 0, cap = 0;
    int fd[2], status, ok;
    pid_t pid;

    if (safe_pipe(fd) != 0)
        return NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
                                     O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    ok = posix_spawnp(&pid, "git", &fa, NULL, argv, git_environ(a)) == 0;
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    while (ok) {
        ssize_t r;

        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64 * 1024;
            char *grown = arena_alloc(a, ncap + 1);

            if (n > 0)
                memcpy(grown, out, n);
            out = grown;
            cap = ncap;
        }
        r = read(fd[0], out + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
        if (n > max) {
            kill(pid, SIGTERM);     /* too big to be worth reading */
            out = NULL;
            break;
        }
    }
    close(fd[0]);
    if (!ok)
        return NULL;
    for (;;) {
        if (waitpid(pid, &status, 0) == pid)
            break;
        if (errno != EINTR)
            return NULL;        /* SIGCHLD ignored: no status to trust */
    }
    if (out == NULL || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return NULL;
    out[n] = '\0';
    *len = n;
    return out;
}
