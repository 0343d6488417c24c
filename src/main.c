/* main.c: options, collecting the pages to lint, the run, exit status;
 * the only file that calls exit(). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <uthash.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "emit.h"
#include "engine.h"
#include "fix.h"
#include "frontmatter.h"
#include "hindex.h"
#include "history.h"
#include "manual.h"
#include "options.h"
#include "page.h"
#include "parallel.h"
#include "permalink.h"
#include "rule.h"
#include "site.h"
#include "siteindex.h"
#include "textfile.h"
#include "walk.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE    2

static void die_usage(const char *fmt, ...)
        __attribute__((format(printf, 1, 2), noreturn));

static void
die_usage(const char *fmt, ...)
{
    va_list ap;

    fputs("sitelint: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'sitelint --help'.\n", stderr);
    exit(EXIT_USAGE);
}

static void
usage(FILE *fp)
{
    size_t i;

    fputs(
"usage: sitelint [options] [path ...]\n"
"\n"
"Lint the Markdown and HTML sources of a static site (Hugo, Pelican or a\n"
"plain Markdown tree).  With no path, the site around the working folder.\n"
"Findings are printed as path:line:col: severity: message [rule].\n", fp);
    options_usage(fp);
    fputs(
"\n"
"exit status: 0 no finding at the fail level, 1 findings, 2 usage error\n"
"or nothing could be linted.\n"
"\n"
"rules:\n", fp);
    for (i = 0; i < rules_count; i++)
        fprintf(fp, "  %-18s %-8s %s\n", rules[i]->id,
                severity_name(rules[i]->severity), rules[i]->summary);
    fputs("\nSee sitelint(1) for every rule and diagnostic.\n", fp);
}

/* ---- collecting pages ------------------------------------------------- */

/* A file already collected, by identity: a page named on the command line
 * is not read again when the site around it is walked. */
struct seen {
    dev_t dev;
    ino_t ino;
    size_t page;                /* its number in pages */
};

struct collect {
    const struct site *site;
    struct arena *run;
    struct engine_page *pages;
    size_t n, cap;
    struct hindex seen_ix;      /* the files collected: by identity, */
    struct seen *seen;          /* in the order collected; freed once */
    size_t nseen, seen_cap;     /* the pages are all in */
    int linted;                 /* what the pages being added are */
    struct stat skip[3];        /* generated output at the site root */
    size_t nskip;
    int whole_site;             /* every page of the site is in */
    char **ignored;             /* the site's .gitignore, as our globs */
    size_t nignored;
    uint64_t site_pages;        /* a hash of every page of the site */
    int hashing;                /* collect_site() is walking */
    size_t walked;              /* the pages it found so far */
    int listed;                 /* the walk takes files as their folders
                                 * list them: no stamp (walk.h,
                                 * WALK_FILE_TYPE) */
};

/* Reads the site's .gitignore into globs of our kind (options.h): a
 * pattern with a '/' before its end is from the root, one without
 * matches at any depth.  Negations ("!keep.md") are not followed: a file
 * they would bring back stays unlinted. */
static void
read_gitignore(struct collect *c)
{
    char *path = arena_printf(c->run, "%s/.gitignore", c->site->root);
    size_t len, cap = 0;
    char *text = arena_read_file(c->run, path, 1 << 20, &len), *line, *next;

    for (line = text; line != NULL && *line != '\0'; line = next) {
        char *end;
        size_t n;

        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        n = strlen(line);
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#' || line[0] == '!')
            continue;
        end = strchr(line, '/');
        *ARENA_PUSH(c->run, c->ignored, c->nignored, cap) =
            line[0] == '/' ? line + 1
            : end != NULL && end[1] != '\0' ? line
            : arena_printf(c->run, "**/%s", line);
    }
}

/* Is path (as collected) not to be linted: an --exclude glob, or the
 * site's .gitignore?  It is still read, as a link target. */
static int
excluded(const struct collect *c, const char *path)
{
    size_t i, rl = strlen(c->site->root);
    const char *rel = path;

    if (options_excluded(path))
        return 1;
    if (strcmp(c->site->root, ".") != 0 && strncmp(path, c->site->root, rl)
            == 0 && path[rl] == '/')
        rel = path + rl + 1;
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    for (i = 0; i < c->nignored; i++)
        if (options_glob_match(c->ignored[i], rel))
            return 1;
    return 0;
}

/* Marks the file st as collected, as pages[page]; returns what it was
 * collected as if it already was, else NULL. */
static const struct seen *
add_seen(struct collect *c, const struct stat *st, size_t page)
{
    struct seen key;
    uint32_t hash;
    size_t cursor = 0, i;

    memset(&key, 0, sizeof key);
    key.dev = st->st_dev;
    key.ino = st->st_ino;
    hash = hindex_hash(&key, offsetof(struct seen, page));
    while ((i = hindex_next(&c->seen_ix, hash, &cursor)) != SIZE_MAX)
        if (c->seen[i].dev == key.dev && c->seen[i].ino == key.ino)
            return &c->seen[i];
    key.page = page;
    if (c->nseen == c->seen_cap) {
        c->seen_cap = c->seen_cap ? 2 * c->seen_cap : 1024;
        c->seen = xrealloc(c->seen, c->seen_cap * sizeof *c->seen);
    }
    hindex_put(&c->seen_ix, hash, c->nseen);
    c->seen[c->nseen++] = key;
    return NULL;
}

static void
add_page(struct collect *c, const char *path, const struct stat *st)
{
    const struct seen *had = add_seen(c, st, c->n);
    struct engine_page *p;

    if (had != NULL) {
        /* A page named before the site was walked: its place in the
         * site is where the walk finds it. */
        if (c->hashing && c->pages[had->page].order == SIZE_MAX)
            c->pages[had->page].order = c->walked++;
        return;
    }
    p = ARENA_PUSH(c->run, c->pages, c->n, c->cap);
    p->order = c->hashing ? c->walked++ : SIZE_MAX;
    p->path = arena_strdup(c->run, path);
    p->linted = c->linted && !excluded(c, path);
    if (S_ISREG(st->st_mode) && !c->listed)
        page_stamp(st, &p->stamp);
}

/* Adds the page at path to the hash of the site's pages: the same set of
 * pages, found the same way, hashes the same, in any order. */
static void
hash_page(struct collect *c, const char *path)
{
    c->site_pages += fnv1a64(FNV1A64_START, path, strlen(path)) | 1;
}

/* The URLs and aliases the linted pages had in their committed version:
 * a link elsewhere to one of them may break with this change (a page's
 * "url:" edited, a page moved). */
static void
add_former_urls(const struct site *site, const struct engine_page *pages,
                size_t n, struct arena *run)
{
    struct arena scratch = { 0 };
    size_t i, k, len;

    for (i = 0; i < n; i++) {
        const struct engine_page *p = &pages[i];
        struct page_urls more;
        struct page_info *info;
        struct page pg;
        char *text;

        if (!p->linted || p->data != NULL ||
            (text = history_committed(p->path, PAGE_MAX_BYTES,
                                      &scratch, &len)) == NULL)
            continue;
        diag_pause(1);          /* its findings are not the page's */
        /* The generator keeps what it learns (layouts) in run memory. */
        page_parse(&pg, p->path, text, len, page_type_of(p->path), site,
                   &scratch, run);
        info = permalink_info(&pg, run, &more);
        diag_pause(0);
        if (info->url != NULL)
            site_add_former(site->index, info->url);
        for (k = 0; k < more.naliases; k++)
            site_add_former(site->index, more.aliases[k]);
        arena_reset(&scratch);
    }
    arena_free(&scratch);
}

static int
is_page_name(const char *name)
{
    static const char *const exts[] = {
        ".htm", ".html", ".markdown", ".md", ".mdown", ".mkd", ".mkdn",
    };
    const char *dot = strrchr(name, '.');
    size_t i;

    if (dot == NULL)
        return 0;
    for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

static enum walk_action
collect_entry(void *ctx, const char *path, const char *name,
              const struct stat *st)
{
    struct collect *c = ctx;
    const struct site_mount *m;
    size_t i;

    if (name[0] == '.')
        return WALK_SKIP;       /* .git, .hugo_build.lock, editor files */
    if (S_ISDIR(st->st_mode)) {
        if (strcmp(name, "node_modules") == 0)
            return WALK_SKIP;
        m = site_mount_at(c->site, st->st_dev, st->st_ino);
        if (m != NULL && m->is_static)
            return WALK_SKIP;   /* assets, not pages */
        for (i = 0; i < c->nskip; i++)
            if (c->skip[i].st_dev == st->st_dev &&
                c->skip[i].st_ino == st->st_ino)
                return WALK_SKIP;
        return WALK_GO;
    }
    if (S_ISREG(st->st_mode) && is_page_name(name)) {
        if (c->hashing)
            hash_page(c, path);
        add_page(c, path, st);
    }
    return WALK_SKIP;
}

/* The whole site: its content folders, not templates or output. */
static void
collect_site(struct collect *c)
{
    size_t i;

    c->hashing = 1;
    /* Each page is stat()ed when it is read: the walk need not, unless
     * the run named files, whose stamps the index cache compares with
     * the ones it kept (a run of the whole site uses it only for pages
     * it does not lint, which engine_run() stats).  A page's identity,
     * which tells it from one met before, is then as the listing gives
     * it, where that is stat()'s (WALK_FILE_ID). */
    c->listed = c->n == 0;
    for (i = 0; i < c->site->nmounts; i++)
        if (!c->site->mounts[i].is_static)
            walk_tree(c->site->mounts[i].dir, c->site->mounts[i].dir,
                      c->site->root, collect_entry, c,
                      WALK_REPORT | (c->listed ? WALK_FILE_TYPE |
                                                 WALK_FILE_ID : 0));
    c->listed = 0;
    c->hashing = 0;
    c->whole_site = 1;
}

static void
collect_arg(struct collect *c, const char *arg, int implicit)
{
    struct stat st, lst;

    if (stat(arg, &st) == -1) {
        diag_add((struct pos){ arena_strdup(c->run, arg), 0, 0 }, 0,
                 SEV_ERROR, "io", "cannot read: %s", strerror(errno));
        return;
    }
    if (lstat(arg, &lst) == 0 && S_ISLNK(lst.st_mode) &&
        !walk_inside(arg, c->site->root)) {
        /* A hook names what git staged; a link staged to a file outside
         * is neither read (its text would be echoed) nor fixed. */
        diag_add((struct pos){ arena_strdup(c->run, arg), 0, 0 }, 0,
                 SEV_WARNING, "io", "symbolic link to a file outside the "
                 "site; not followed");
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (!S_ISREG(st.st_mode))
            diag_add((struct pos){ arena_strdup(c->run, arg), 0, 0 }, 0,
                     SEV_ERROR, "io", "not a regular file (a FIFO, socket "
                     "or device); skipped");
        else if (!is_page_name(arg))
            diag_add((struct pos){ arena_strdup(c->run, arg), 0, 0 }, 0,
                     SEV_NOTE, "io", "not a Markdown or HTML page; skipped");
        else
            add_page(c, arg, &st);
        return;
    }
    if (st.st_dev == c->site->root_dev && st.st_ino == c->site->root_ino &&
        site_is_indexed(c->site)) {
        collect_site(c);
        return;
    }
    walk_tree(arg, implicit ? "" : arg, c->site->root, collect_entry, c,
              WALK_REPORT);
}

static void
skip_generated(struct collect *c)
{
    static const char *const out[] = { "public", "output", "resources/_gen" };
    size_t i;

    for (i = 0; i < sizeof out / sizeof out[0]; i++) {
        char *p = arena_printf(c->run, "%s/%s", c->site->root, out[i]);

        if (stat(p, &c->skip[c->nskip]) == 0)
            c->nskip++;
    }
}

/* What the options say of the site, for site_open(). */
static void
site_options(struct site_options *so)
{
    memset(so, 0, sizeof *so);
    so->root = options_str(OPTION_SITE_ROOT);
    so->max_page_bytes = (size_t)options_num(OPTION_MAX_PAGE_BYTES);
    so->generator = options_str(OPTION_SITE_TYPE);
    so->static_dirs = options_list(OPTION_STATIC_DIR, &so->nstatic_dirs);
    so->settings = options_str(OPTION_PELICAN_SETTINGS);
    so->link_map = options_list(OPTION_LINK_MAP, &so->nlink_map);
    so->outside = options_list(OPTION_OUTSIDE, &so->noutside);
    so->plain_shortcodes = options_str(OPTION_PLAIN_SHORTCODES);
}

/* The exit status the findings call for. */
static int
verdict(void)
{
    const char *fail_on = options_str(OPTION_FAIL_ON);
    const char *max = options_str(OPTION_MAX_WARNINGS);
    enum severity level = SEV_NOTE;

    if (strcmp(fail_on, "never") == 0)
        return EXIT_SUCCESS;
    (void)severity_parse(fail_on, &level);
    if (max != NULL) {
        /* Errors fail; warnings only past the allowance; notes never. */
        if (diag_hard_count(SEV_ERROR) > 0)
            return EXIT_FINDINGS;
        if (level <= SEV_WARNING &&
            diag_hard_count(SEV_WARNING) > strtoul(max, NULL, 10))
            return EXIT_FINDINGS;
        return EXIT_SUCCESS;
    }
    return diag_worst() >= level ? EXIT_FINDINGS : EXIT_SUCCESS;
}

/* The width of the terminal fd is, or 0: $COLUMNS, else what the
 * terminal says. */
static unsigned
terminal_width(int fd)
{
    const char *c = getenv("COLUMNS");
    struct winsize ws;

    if (c != NULL && atoi(c) > 0)
        return (unsigned)atoi(c);
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

/* Is the "terminal" an editor's buffer (INSIDE_EMACS) or TERM=dumb? */
static int
dumb_terminal(void)
{
    const char *term = getenv("TERM"), *emacs = getenv("INSIDE_EMACS");

    return (emacs != NULL && emacs[0] != '\0') ||
           (term != NULL && strcmp(term, "dumb") == 0);
}

/* The rule nearest to name by edit distance, for "did you mean": the
 * name a prefix of one ("spelling"), or two edits away at most. */
static const char *
nearest_rule(const char *name, size_t len)
{
    const char *best = NULL;
    size_t i, best_d = 3;

    for (i = 0; i < rules_count; i++) {
        const char *id = rules[i]->id;
        char a[64], b[64];
        size_t d;

        if (len >= 3 && strncmp(id, name, len) == 0 && best_d > 0) {
            best = id;          /* "spelling" for "spelling-variant" */
            best_d = 0;
            continue;
        }
        if (len >= sizeof a || strlen(id) >= sizeof b)
            continue;
        memcpy(a, name, len);
        a[len] = '\0';
        strcpy(b, id);
        if ((d = site_edit_distance(a, b)) < best_d) {
            best_d = d;
            best = id;
        }
    }
    return best;
}

static void
unknown_rules(const char *list)
{
    const char *bad = options_unknown_rule(list), *near;
    size_t len;

    if (bad == NULL)
        return;
    len = strcspn(bad, ",");
    if ((near = nearest_rule(bad, len)) != NULL)
        die_usage("unknown rule '%.*s'; did you mean '%s'? (see "
                  "--list-rules)", (int)len, bad, near);
    die_usage("unknown rule '%.*s' (see --list-rules)", (int)len, bad);
}

/* --explain: the rule's entry of the manual. */
static int
explain(FILE *fp, const char *id)
{
    struct buf b = { 0 };
    int rc = manual_rule(id, &b);

    if (rc == 0)
        fputs(b.p, fp);
    buf_free(&b);
    return rc;
}

static char *
copy_of(const char *s, size_t n)
{
    char *out = xmalloc(n + 1);

    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* The key of each finding of v[0..n) for --baseline: rule, file and
 * fingerprint, with an ordinal for repeats ("typo\tcontent/a.md\t
 * 1f...:2").  Findings of the run, with no file, have none (NULL). */
static char **
baseline_keys(struct diag *const *v, size_t n)
{
    struct textfile tf = { 0 };
    char **keys = xcalloc(n + 1, sizeof *keys);
    struct arena mem = { 0 };
    /* How often each rule and fingerprint came so far: its ordinal. */
    struct seen_fp {
        const char *key;
        size_t n;
        UT_hash_handle hh;
    } *seen = NULL, *s;
    size_t i;

    for (i = 0; i < n; i++) {
        char *key;

        if (v[i]->pos.file == NULL)
            continue;
        key = arena_printf(&mem, "%s\t%016llx", v[i]->rule,
                           (unsigned long long)emit_fingerprint(&tf, v[i]));
        HASH_FIND_STR(seen, key, s);
        if (s == NULL) {
            s = arena_alloc(&mem, sizeof *s);
            s->key = key;
            HASH_ADD_KEYPTR(hh, seen, s->key, strlen(s->key), s);
        }
        s->n++;
        keys[i] = xmalloc(strlen(v[i]->rule) + strlen(v[i]->pos.file) + 48);
        sprintf(keys[i], "%s\t%s\t%s:%zu", v[i]->rule, v[i]->pos.file,
                strchr(key, '\t') + 1, s->n);
    }
    HASH_CLEAR(hh, seen);
    arena_free(&mem);
    textfile_free(&tf);
    return keys;
}

static void
free_keys(char **keys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* --init: a starter .sitelint.yml at the site root with what this run
 * learnt of the site and no default: the settings the rules proposed
 * (rule_propose()), each key with its comment once.  An existing file is
 * never overwritten. */
static int
write_init(const struct site *site)
{
    char *path = xmalloc(strlen(site->root) + 16);
    struct buf b = { 0 }, said = { 0 };
    const struct diag_proposal *p;
    size_t n, i, k, count, len;
    int fd;

    sprintf(path, "%s/.sitelint.yml", site->root);
    buf_adds(&b, "# .sitelint.yml, written by sitelint --init from what it "
             "found of this\n# site; sitelint(1) documents every setting.  "
             "Check each line.\n");
    p = diag_proposals(&n);
    for (i = 0; i < n; i++) {
        const struct option_def *d = options_find(p[i].key);
        const char *c;

        for (k = 0; k < i && strcmp(p[k].key, p[i].key) != 0; k++)
            continue;
        if (k < i)
            continue;           /* written with the key's first */
        buf_addc(&b, '\n');
        for (c = p[i].comment; *c != '\0'; c += len + (c[len] == '\n')) {
            len = strcspn(c, "\n");
            buf_addf(&b, "# %.*s\n", (int)len, c);
        }
        if (d == NULL || d->type != OPTT_LIST) {
            buf_addf(&b, "%s: %s\n", p[i].key, p[i].value);
            buf_addf(&said, "%s%s", said.len > 0 ? ", " : "", p[i].noun);
            continue;
        }
        buf_addf(&b, "%s:\n", p[i].key);
        for (k = i, count = 0; k < n; k++)
            if (strcmp(p[k].key, p[i].key) == 0) {
                buf_addf(&b, "  - %s\n", p[k].value);
                count++;
            }
        buf_addf(&said, "%s%zu %s%s", said.len > 0 ? ", " : "", count,
                 p[i].noun, count == 1 ? "" : "s");
    }
    if (n == 0)
        buf_adds(&b, "\n# Nothing this site needs beyond the defaults "
                 "was found.\n");
    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644))
            == -1) {
        fprintf(stderr, "sitelint: %s: %s; not overwritten\n", path,
                errno == EEXIST ? "it exists already" : strerror(errno));
        buf_free(&b);
        buf_free(&said);
        free(path);
        return EXIT_USAGE;
    }
    if (write(fd, b.p, b.len) != (ssize_t)b.len || close(fd) != 0) {
        fprintf(stderr, "sitelint: cannot write %s: %s\n", path,
                strerror(errno));
        unlink(path);
        buf_free(&b);
        buf_free(&said);
        free(path);
        return EXIT_USAGE;
    }
    fprintf(stderr, "sitelint: wrote %s (%s)\n", path,
            said.len > 0 ? said.p : "no setting");
    buf_free(&b);
    buf_free(&said);
    free(path);
    return EXIT_SUCCESS;
}

/* --write-baseline FILE: every finding's key, one a line, sorted. */
static void
write_baseline(const char *path, struct diag *const *v, size_t n)
{
    char **keys = baseline_keys(v, n);
    struct buf b = { 0 };
    size_t i, count = 0;
    FILE *fp;

    buf_adds(&b, "# sitelint baseline 1: findings that were there before\n");
    for (i = 0; i < n; i++)
        if (keys[i] != NULL) {
            buf_addf(&b, "%s\n", keys[i]);
            count++;
        }
    if ((fp = fopen(path, "w")) == NULL ||
        fwrite(b.p, 1, b.len, fp) != b.len || fclose(fp) != 0) {
        fprintf(stderr, "sitelint: cannot write '%s': %s\n", path,
                strerror(errno));
        exit(EXIT_USAGE);
    }
    fprintf(stderr, "sitelint: %zu findings written to the baseline %s\n",
            count, path);
    buf_free(&b);
    free_keys(keys, n);
}

/* --baseline FILE: the findings it holds are not reported (nor counted
 * for the exit status), so that an old site fails CI on new findings
 * only.  Returns how many were left out. */
static size_t
apply_baseline(const char *path, struct diag *const *v, size_t n,
               struct arena *mem)
{
    size_t len, i, dropped = 0;
    char *text = arena_read_file(mem, path, 256u << 20, &len), **keys;

    if (text == NULL) {
        fprintf(stderr, "sitelint: cannot read the baseline '%s': %s\n",
                path, strerror(errno));
        exit(EXIT_USAGE);
    }
    keys = baseline_keys(v, n);
    for (i = 0; i < n; i++) {
        const char *at;
        size_t kl;

        if (keys[i] == NULL)
            continue;
        kl = strlen(keys[i]);
        for (at = text; (at = strstr(at, keys[i])) != NULL; at += kl)
            if ((at == text || at[-1] == '\n') &&
                (at[kl] == '\n' || at[kl] == '\0')) {
                diag_fixed(v[i]);       /* known before: not reported */
                dropped++;
                break;
            }
    }
    free_keys(keys, n);
    return dropped;
}

/* Prints the findings in format ("gcc", "json"...) on fp, a terminal
 * or not as tty says. */
static void
emit_one(FILE *fp, const char *format, int tty, struct diag *const *v,
         size_t n, const struct emit_summary *sum)
{
    const char *color = options_str(OPTION_COLOR);
    const char *no_color = getenv("NO_COLOR");
    struct emit_opts eo;

    if (strcmp(format, "json") == 0) {
        emit_json(fp, v, n, sum);
    } else if (strcmp(format, "sarif") == 0) {
        emit_sarif(fp, v, n, sum);
    } else if (strcmp(format, "github") == 0) {
        emit_github(fp, v, n, sum);
    } else {
        memset(&eo, 0, sizeof eo);
        /* Emacs runs M-x compile on a pty, and a dumb terminal is no
         * terminal to draw on: no colour, no source lines, so that the
         * editor's parser sees only the findings. */
        if (dumb_terminal())
            tty = 0;
        eo.show_source = options_on(OPTION_SHOW_SOURCE) ||
            (tty && !options_on(OPTION_NO_SHOW_SOURCE));
        eo.color = strcmp(color, "always") == 0 ||
            (strcmp(color, "auto") == 0 && tty &&
             (no_color == NULL || no_color[0] == '\0'));
        eo.fixits = options_on(OPTION_FIXITS);
        eo.display_columns = strcmp(options_str(OPTION_COLUMN_UNIT),
                                    "display") == 0;
        if (tty)
            eo.width = terminal_width(fileno(fp));
        emit_gcc(fp, v, n, &eo);
    }
}

/* Writes the findings in format to path through a temporary file beside
 * it, renamed into place once whole: a SARIF file half written is no
 * SARIF file.  Exits 2 if it cannot. */
static void
emit_file(const char *path, const char *format, struct diag *const *v,
          size_t n, const struct emit_summary *sum)
{
    size_t len = strlen(path);
    char *tmp = xmalloc(len + 16);
    int fd;
    FILE *fp;

    snprintf(tmp, len + 16, "%s.XXXXXX", path);
    if ((fd = mkstemp(tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
        fprintf(stderr, "sitelint: cannot write '%s': %s\n", path,
                strerror(errno));
        if (fd != -1)
            close(fd);
        free(tmp);
        exit(EXIT_USAGE);
    }
    emit_one(fp, format, 0, v, n, sum);
    if (fflush(fp) != 0 || ferror(fp) || fchmod(fd, 0644) != 0 ||
        fclose(fp) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "sitelint: cannot write '%s': %s\n", path,
                strerror(errno));
        unlink(tmp);
        free(tmp);
        exit(EXIT_USAGE);
    }
    free(tmp);
}


/* Prints the findings in every format asked for: each "FORMAT=FILE" to
 * its file, the one without a file to --output or fp; then the summary
 * (on standard error, when a person reads it: a terminal, or a CI log
 * with --summary; JSON and SARIF carry it inside; not with -q). */
static void
emit(FILE *fp, struct diag *const *v, size_t n, struct emit_summary *sum)
{
    size_t nformats, i;
    const char *const *formats = options_list(OPTION_FORMAT, &nformats);
    const char *out = options_str(OPTION_OUTPUT);
    int people = 0, streamed = 0;

    emit_count(v, n, sum);
    for (i = 0; i < nformats; i++)
        if (strchr(formats[i], '=') == NULL && streamed++ > 0) {
            fprintf(stderr, "sitelint: only one --format may go to %s; "
                    "give the others a file (--format %s=FILE)\n",
                    out != NULL ? out : "standard output", formats[i]);
            exit(EXIT_USAGE);
        }
    for (i = 0; i < nformats; i++) {
        size_t flen = strcspn(formats[i], "=");
        char *format = copy_of(formats[i], flen);

        if (formats[i][flen] == '=') {
            emit_file(formats[i] + flen + 1, format, v, n, sum);
        } else if (out != NULL) {
            emit_file(out, format, v, n, sum);
            people |= strcmp(format, "json") != 0 &&
                      strcmp(format, "sarif") != 0;
        } else {
            emit_one(fp, format, isatty(fileno(fp)), v, n, sum);
            people |= strcmp(format, "json") != 0 &&
                      strcmp(format, "sarif") != 0;
        }
        free(format);
    }
    if (!options_on(OPTION_QUIET) && people &&
        (options_on(OPTION_SUMMARY) || isatty(STDERR_FILENO))) {
        fflush(fp);
        fputs("sitelint: ", stderr);
        emit_summary_line(stderr, sum);
    }
}


/* The assumption of a plain tree is said once, not once per pass. */
static int said_assumed;

/* --stdin-filename: a page read from standard input, linted as the file
 * PATH of its site (an editor's unsaved buffer). */
struct stdin_page {
    const char *path;
    const char *dir;            /* the folder the site is found from */
    char *data;
    size_t len;
};

static struct stdin_page *stdin_page;

/* Reads standard input whole for --stdin-filename path; exits 2 if it
 * cannot or it is too big. */
static void
read_stdin_page(const char *path)
{
    static struct stdin_page sp;
    size_t cap = 65536;
    const char *slash = strrchr(path, '/');
    ssize_t r;

    sp.path = path;
    sp.data = xmalloc(cap);
    for (;;) {
        if (sp.len == cap) {
            if (cap >= PAGE_MAX_BYTES) {
                fprintf(stderr, "sitelint: standard input is over the "
                        "%u MiB a page may be\n", PAGE_MAX_BYTES >> 20);
                exit(EXIT_USAGE);
            }
            cap *= 2;
            sp.data = xrealloc(sp.data, cap);
        }
        r = read(STDIN_FILENO, sp.data + sp.len, cap - sp.len);
        if (r == -1 && errno == EINTR)
            continue;
        if (r == -1) {
            fprintf(stderr, "sitelint: cannot read standard input: %s\n",
                    strerror(errno));
            exit(EXIT_USAGE);
        }
        if (r == 0)
            break;
        sp.len += (size_t)r;
    }
    if (slash == NULL)
        sp.dir = ".";
    else if (slash == path)
        sp.dir = "/";
    else
        sp.dir = copy_of(path, (size_t)(slash - path));
    stdin_page = &sp;
}

/* What the fixing itself found (a file refused, or changed meanwhile),
 * carried from the pass that fixes into the pass that reports. */
struct carried {
    char *file;
    unsigned line, col;
    enum severity sev;
    char *rule, *msg;
};

struct carry {
    struct carried *v;
    size_t n;
};

static int
by_address(const void *a, const void *b)
{
    const struct diag *x = *(struct diag *const *)a;
    const struct diag *y = *(struct diag *const *)b;

    return x < y ? -1 : x > y;
}

/* Keeps the findings of after[0..m) that are not in before[0..n). */
static void
carry_new(struct carry *cr, struct diag **before, size_t n,
          struct diag *const *after, size_t m)
{
    size_t i;

    qsort(before, n, sizeof *before, by_address);
    for (i = 0; i < m; i++) {
        const struct diag *d = after[i];
        struct carried *c;

        if (bsearch(&after[i], before, n, sizeof *before, by_address))
            continue;
        cr->v = xrealloc(cr->v, (cr->n + 1) * sizeof *cr->v);
        c = &cr->v[cr->n++];
        c->file = d->pos.file != NULL ? xstrdup(d->pos.file) : NULL;
        c->line = d->pos.line;
        c->col = d->pos.col;
        c->sev = d->sev;
        c->rule = xstrdup(d->rule);
        c->msg = xstrdup(d->msg);
    }
}

static void
carry_free(struct carry *cr)
{
    size_t i;

    for (i = 0; i < cr->n; i++) {
        free(cr->v[i].file);
        free(cr->v[i].rule);
        free(cr->v[i].msg);
    }
    free(cr->v);
}

/* One pass over the site.  With fixing, the fixes are written, and when
 * any was, nothing is printed (*fixed and *files say how many): the
 * findings left are found by a second pass, at the lines and columns the
 * fixed files have now.  Returns the exit status. */
static int
lint(int argc, char **argv, const char *config, int fixing, size_t *fixed,
     size_t *files, struct carry *carry)
{
    struct arena mem = { 0 };
    struct site site;
    struct site_options sopt;
    struct engine *eng;
    struct collect c;
    struct diag **v;
    size_t n, parsed, nlinted;
    int i, status;
    const char *start;
    struct emit_summary sum;

    diag_init(options_policy);
    for (i = 0; !fixing && carry != NULL && (size_t)i < carry->n; i++) {
        const struct carried *cd = &carry->v[i];

        diag_add((struct pos){ cd->file != NULL ? diag_intern(cd->file)
                                                : NULL, cd->line, cd->col },
                 0, cd->sev, cd->rule, "%s", cd->msg);
    }
    options_load_config(&mem, config);
    site_options(&sopt);
    /* The site is the one around the first name that exists: a missing
     * name is one finding below, not the end of the run. */
    for (i = 0; i < argc && access(argv[i], F_OK) != 0; i++)
        continue;
    start = i < argc ? argv[i] : ".";
    if (stdin_page != NULL)
        start = stdin_page->dir;
    if (site_open(&site, start, &sopt, &mem) != 0) {
        fprintf(stderr, "sitelint: cannot open '%s': %s\n", start,
                strerror(errno));
        arena_free(&mem);
        diag_finish();
        return EXIT_USAGE;
    }
    if (site.assumed && !options_on(OPTION_QUIET) && !said_assumed++)
        fprintf(stderr, "sitelint: '%s' has a content, layouts or themes "
                "folder, but no Hugo, Pelican or MkDocs config there or "
                "above it: taken as a plain Markdown tree, whose files link "
                "to files (--site-type names the generator)\n", site.root);
    /* The rules load their word lists while the pages are found. */
    eng = engine_start(&site, options_rule_runs);
    memset(&c, 0, sizeof c);
    c.site = &site;
    c.run = &mem;
    c.linted = 1;
    skip_generated(&c);
    if (!options_on(OPTION_NO_GITIGNORE))
        read_gitignore(&c);
    if (stdin_page != NULL) {
        /* The editor's buffer stands for the file, which the walk of
         * the site below must not read again. */
        struct engine_page *p = ARENA_PUSH(c.run, c.pages, c.n, c.cap);
        struct stat st;

        p->path = stdin_page->path;
        p->data = stdin_page->data;
        p->len = stdin_page->len;
        p->linted = 1;
        p->order = SIZE_MAX;
        if (stat(p->path, &st) == 0) {
            (void)add_seen(&c, &st, c.n - 1);
            if (S_ISREG(st.st_mode))
                page_stamp(&st, &p->stamp);
        }
    } else if (argc == 0) {
        collect_arg(&c, ".", 1);
    }
    for (i = 0; i < argc; i++)
        collect_arg(&c, argv[i], 0);
    for (nlinted = 0, i = 0; (size_t)i < c.n; i++)
        nlinted += c.pages[i].linted != 0;
    /* Links, anchors and menus are checked against the whole site, also
     * when only some of its files are linted (a pre-commit hook); and the
     * other pages' links into those files, which their change may have
     * broken. */
    c.linted = 0;
    if (site_is_indexed(&site) && !c.whole_site) {
        size_t named = c.n;

        collect_site(&c);
        for (i = (int)named; (size_t)i < c.n; i++)
            c.pages[i].inbound = !excluded(&c, c.pages[i].path);
        site_ready(&site);      /* the former pages' URLs are computed */
        if (!options_on(OPTION_NO_GIT))
            add_former_urls(&site, c.pages, named, &mem);
    }
    site_ready(&site);
    /* Pages no walk of the whole site found (none was made, or they are
     * outside it) come after those it did, as they were named. */
    for (i = 0; (size_t)i < c.n; i++)
        if (c.pages[i].order == SIZE_MAX)
            c.pages[i].order = c.walked++;
    hindex_free(&c.seen_ix);
    free(c.seen);
    parsed = engine_run(eng, c.pages, c.n,
                        options_on(OPTION_NO_CACHE) ? 0 : c.site_pages, &mem);
    diag_apply_suppressions(options_on(
                            OPTION_REPORT_UNUSED_SUPPRESSIONS));
    v = diag_sorted(&n);
    if (options_on(OPTION_INIT)) {
        status = write_init(&site);
        goto out;
    }
    if (options_str(OPTION_WRITE_BASELINE) != NULL && !fixing) {
        write_baseline(options_str(OPTION_WRITE_BASELINE), v, n);
        status = EXIT_SUCCESS;
        goto out;
    }
    if (options_str(OPTION_BASELINE) != NULL &&
        apply_baseline(options_str(OPTION_BASELINE), v, n, &mem) > 0)
        v = diag_sorted(&n);
    memset(&sum, 0, sizeof sum);
    sum.checked = nlinted;
    (void)site_links(&site, &sum.links);
    sum.tallies = diag_tallies(&sum.ntallies);
    if (fixing) {
        struct diag **before = xmalloc((n + 1) * sizeof *before);
        size_t n0 = n;

        if (n > 0)
            memcpy(before, v, n * sizeof *v);
        *fixed = fix_run(v, n, c.pages, c.n, NULL, files,
                         strcmp(options_str(OPTION_FIX), "1") != 0
                             ? options_str(OPTION_FIX) : NULL);
        v = diag_sorted(&n);
        if (*fixed > 0)
            carry_new(carry, before, n0, v, n);
        free(before);
        if (*fixed > 0) {
            status = EXIT_SUCCESS;
            goto out;
        }
        emit(stdout, v, n, &sum);
    } else if (options_on(OPTION_DIFF)) {
        /* The diff owns standard output, for git apply or patch; what
         * the fixes would leave is shown on standard error. */
        fix_run(v, n, c.pages, c.n, stdout, NULL, NULL);
        v = diag_sorted(&n);
        emit(stderr, v, n, &sum);
    } else {
        emit(stdout, v, n, &sum);
    }
    fflush(stdout);
    if (!options_on(OPTION_QUIET))
        diag_print_unchecked(stderr);
    if (parsed == 0) {
        fprintf(stderr, "sitelint: no page could be linted%s\n",
                nlinted == 0 ? " (no Markdown or HTML pages found)" : "");
        status = EXIT_USAGE;
    } else {
        status = verdict();
    }
out:
    site_close(&site);
    diag_finish();
    arena_free(&mem);
    return status;
}

static int
run(int argc, char **argv, const char *config)
{
    size_t fixed = 0, files = 0;
    struct carry carry = { NULL, 0 };
    int status;

    if (options_str(OPTION_FIX) == NULL)
        return lint(argc, argv, config, 0, NULL, NULL, NULL);
    status = lint(argc, argv, config, 1, &fixed, &files, &carry);
    if (fixed > 0) {
        if (!options_on(OPTION_QUIET))
            fprintf(stderr, "sitelint: fixed %zu finding%s in %zu file%s\n",
                    fixed, fixed == 1 ? "" : "s", files,
                    files == 1 ? "" : "s");
        status = lint(argc, argv, config, 0, NULL, NULL, &carry);
    }
    carry_free(&carry);
    return status;
}

/* What sitelint finds of the site, as comments above --print-config's
 * settings: the root, the generator and its config, the folders it
 * reads, the languages and the locale, with where each came from. */
static void
print_detected(FILE *fp, int argc, char **argv, struct arena *mem)
{
    struct site site;
    struct site_options sopt;
    const char *start = argc > 0 ? argv[0] : ".", *locale;
    size_t i;

    memset(&sopt, 0, sizeof sopt);
    site_options(&sopt);
    if (site_open(&site, start, &sopt, mem) != 0) {
        fprintf(fp, "# site: '%s' cannot be opened: %s\n", start,
                strerror(errno));
        return;
    }
    fprintf(fp, "# site root: %s (%s)\n", site.root,
            sopt.root != NULL ? "--site-root"
            : strcmp(site_generator_name(&site), "plain") != 0
                ? "where its generator's config is"
                : "the folder given");
    fprintf(fp, "# generator: %s (%s)\n", site_generator_name(&site),
            sopt.generator != NULL ? "--site-type"
            : site.assumed ? "assumed: content/ but no config"
            : site.config != NULL ? site.config : "no config found");
    for (i = 0; i < site.nmounts; i++)
        fprintf(fp, "# %s: %s -> %s%s%s\n",
                site.mounts[i].is_static ? "static" : "content",
                site.mounts[i].dir, site.mounts[i].url_prefix,
                site.mounts[i].lang != NULL ? " (language " : "",
                site.mounts[i].lang != NULL
                    ? arena_printf(mem, "%s)", site.mounts[i].lang) : "");
    fprintf(fp, "# languages: %s (default)", site.default_lang);
    for (i = 0; i < site.nlanguages; i++)
        if (strcmp(site.languages[i], site.default_lang) != 0)
            fprintf(fp, ", %s", site.languages[i]);
    putc('\n', fp);
    locale = options_named("locale");
    fprintf(fp, "# locale: %s\n",
            locale != NULL ? arena_printf(mem, "%s (--locale)", locale)
            : site.language_code != NULL
                ? arena_printf(mem, "%s (the config's languageCode)",
                               site.language_code)
            : "the spelling most of the site uses (none configured)");
    if (site.base_url != NULL)
        fprintf(fp, "# base URL: %s\n", site.base_url);
    site_close(&site);
}

/* getopt_long's table, made from the option table. */
static struct option *
long_options(void)
{
    size_t n = options_count(), i;
    struct option *lo = xcalloc(n + 1, sizeof *lo);

    for (i = 0; i < n; i++) {
        const struct option_def *d = options_at(i);

        lo[i].name = d->name;
        lo[i].has_arg = d->arg != NULL ? required_argument : no_argument;
        /* --fix, or --fix=RULE[,RULE]: only those rules' fixes. */
        if (strcmp(d->name, "fix") == 0)
            lo[i].has_arg = optional_argument;
        lo[i].val = d->key != 0 ? d->key : OPT_STORE;
    }
    return lo;
}

static const struct option_def *
short_option(int key)
{
    size_t i;

    for (i = 0; i < options_count(); i++)
        if (options_at(i)->key == key)
            return options_at(i);
    return NULL;
}

/* At exit: findings that could not be written are a failed run, not a
 * clean one ("sitelint --format sarif > /dev/full" exited 0).  Every
 * write, the last flush included, is checked here once. */
static void
close_stdout(void)
{
    int err = ferror(stdout);

    errno = 0;
    if (fclose(stdout) != 0 || err) {
        fprintf(stderr, "sitelint: cannot write standard output: %s\n",
                errno != 0 ? strerror(errno) : "write error");
        _exit(EXIT_USAGE);
    }
}

int
main(int argc, char **argv)
{
    /* Static: a usage error exits from inside the loop, and the table
     * must still be reachable then (no leak for LeakSanitizer). */
    static struct option *lo;
    const char *config = NULL, *takes = "another value";
    int ch, li = -1, print_config = 0;
    size_t i;

    lo = long_options();
    atexit(close_stdout);
    while ((ch = getopt_long(argc, argv, "hqVW:", lo, &li)) != -1) {
        const struct option_def *d = NULL;

        if (ch == '?') {
            fputs("Try 'sitelint --help'.\n", stderr);
            free(lo);
            return EXIT_USAGE;
        }
        if (li >= 0)
            d = options_find(lo[li].name);
        else if (ch != 'W')
            d = short_option(ch);
        li = -1;
        if (d != NULL && (d->flags & OPTF_VALUE)) {
            const char *val = d->arg != NULL || optarg != NULL ? optarg
                                                              : "1";

            if (strcmp(d->name, "fix") == 0 && optarg != NULL)
                unknown_rules(optarg);

            if (!options_check(d->name, val, &takes))
                die_usage("--%s takes %s, not '%s'", d->name, takes, val);
            options_set(d->name, val);
            continue;
        }
        switch (ch) {
        case 'h':
            usage(stdout);
            free(lo);
            return EXIT_SUCCESS;
        case 'V':
            puts("sitelint " SITELINT_VERSION);
            free(lo);
            return EXIT_SUCCESS;
        case 'W':
            if (strcmp(optarg, "error") != 0)
                die_usage("-W takes 'error' (-Werror), not '%s'", optarg);
            options_set("warnings-as-errors", "1");
            break;
        case OPT_ONLY:
            unknown_rules(optarg);
            (void)options_only(optarg);
            break;
        case OPT_ENABLE:
            unknown_rules(optarg);
            (void)options_enable(optarg);
            break;
        case OPT_DISABLE:
            unknown_rules(optarg);
            (void)options_disable(optarg);
            break;
        case OPT_SEVERITY:
            if (options_severity(optarg) != 0)
                die_usage("--severity takes RULE=LEVEL with a rule of "
                          "--list-rules and a level of error, warning, note "
                          "or off, not '%s'", optarg);
            break;
        case OPT_LIST_RULES:
            for (i = 0; i < rules_count; i++)
                printf("%-18s %-8s %s\n", rules[i]->id,
                       severity_name(rules[i]->severity), rules[i]->summary);
            free(lo);
            return EXIT_SUCCESS;
        case OPT_EXPLAIN:
            if (rule_find(optarg) == NULL)
                unknown_rules(optarg);
            ch = explain(stdout, optarg);
            free(lo);
            if (ch != 0) {
                fprintf(stderr, "sitelint: the manual has no entry for "
                        "'%s'\n", optarg);
                return EXIT_USAGE;
            }
            return EXIT_SUCCESS;
        case OPT_CONFIG_FILE:
            config = optarg;
            break;
        case OPT_PRINT_CONFIG:
            print_config = 1;
            break;
        default:
            fputs("Try 'sitelint --help'.\n", stderr);
            free(lo);
            return EXIT_USAGE;
        }
    }
    free(lo);
    parallel_limit((size_t)options_num(OPTION_JOBS));
    if (options_str(OPTION_FIX) != NULL && options_on(OPTION_DIFF))
        die_usage("--fix writes the fixes and --diff only shows them: "
                  "give one");
    if (options_on(OPTION_INIT))
        options_set("offline", "1");    /* a first look asks no network */
    if (options_str(OPTION_STDIN_FILENAME) != NULL) {
        if (options_str(OPTION_FIX) != NULL || options_on(OPTION_DIFF))
            die_usage("--stdin-filename lints standard input, which --fix "
                      "and --diff cannot change");
        if (optind < argc)
            die_usage("--stdin-filename names the one page: give no other "
                      "path");
        read_stdin_page(options_str(OPTION_STDIN_FILENAME));
    }
    if (print_config) {
        struct arena mem = { 0 };
        struct diag **v;
        size_t n;

        diag_init(NULL);
        options_load_config(&mem, config);
        print_detected(stdout, argc - optind, argv + optind, &mem);
        options_print(stdout);
        v = diag_sorted(&n);
        emit_gcc(stderr, v, n, NULL);
        ch = n > 0 ? EXIT_FINDINGS : EXIT_SUCCESS;
        diag_finish();
        arena_free(&mem);
        options_free();
        return ch;
    }
    if (!options_on(OPTION_QUIET) && isatty(STDERR_FILENO))
        options_set("progress", "1");
    ch = run(argc - optind, argv + optind, config);
    options_free();
    return ch;
}
