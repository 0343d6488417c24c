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
 * names); st is the followed stat of the entry. */
typedef enum walk_action (*walk_fn)(void *ctx, const char *path,
                                    const char *name, const struct stat *st);

/* Walks the folder root, shown in paths as display ("" for none).
 * Symbolic links are followed; a link back to a folder being walked,
 * a dangling link and an unreadable folder are each reported once (rule
 * "io") when report is set, and the walk goes on. */
void walk_tree(const char *root, const char *display, walk_fn fn, void *ctx,
               int report);

/* Folders deeper than this are not entered: no real site nests so deep,
 * and it bounds the stack and the path length. */
#define WALK_MAX_DEPTH 128

#endif
