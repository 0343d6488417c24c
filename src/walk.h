/* walk.h: sorted, loop-safe recursive directory walk. */
#ifndef WALK_H
#define WALK_H

#include <sys/stat.h>

enum walk_action {
    WALK_GO,                    /* descend into this folder */
    WALK_SKIP                   /* leave this folder out */
};

/* Called for every entry below the root, folders before their contents,
 * names in byte order.  path is the display path (root joined with the
 * names); st is the followed stat of the entry, but for WALK_FILE_TYPE. */
typedef enum walk_action (*walk_fn)(void *ctx, const char *path,
                                    const char *name, const struct stat *st);

enum {
    /* Report a link back to a folder being walked, a dangling link and
     * an unreadable folder, once each (rule "io"). */
    WALK_REPORT = 1,
    /* For a plain file the folder's listing says is one, st holds only
     * st_mode, st_ino as the listing says and st_dev the folder's: the
     * file is not stat()ed, which is most of a walk's time.  For a walk
     * that wants to know which files there are, not what they are now
     * (size, times). */
    WALK_FILE_TYPE = 2,
    /* What the folders hold is what the run depends on (templates,
     * config): each is noted with deps_dir(). */
    WALK_DEPEND = 4,
    /* With WALK_FILE_TYPE, st_ino and st_dev are the file's own, as
     * stat() gives them: on a file system whose listing is not known to
     * give those (overlayfs, where a file's device is its layer's and two
     * layers' inodes meet; FUSE; network file systems) the folder's
     * files are stat()ed after all.  (A file mounted over another, one
     * file bind-mounted, is still listed with the inode beneath it.) */
    WALK_FILE_ID = 8
};

/* Walks the folder root, shown in paths as display ("" for none), with
 * flags from the enum above, and goes on past what it cannot read.
 * Symbolic links are followed when their target lies inside root or
 * inside the folder within (the site's root; NULL: root only): a page
 * linked to ~/.git-credentials is neither read nor fixed.  Each real
 * folder is entered once, however many links lead to it.  FIFOs,
 * sockets and devices are never passed to fn. */
void walk_tree(const char *root, const char *display, const char *within,
               walk_fn fn, void *ctx, int flags);

/* Is path, once every symbolic link in it is followed, inside the folder
 * dir (itself resolved)?  0 also when either cannot be resolved. */
int walk_inside(const char *path, const char *dir);

/* Folders deeper than this are not entered: no real site nests so deep,
 * and it bounds the stack and the path length. */
#define WALK_MAX_DEPTH 128

#endif
