/* indexcache.c: see indexcache.h.
 *
 * The file: a line "sitelint index 4", the fingerprint in hex on a line,
 * the length of the dependencies (deps.h's form) on a line and them, then
 * one entry per page in the run's order.  An entry is its length and then
 * its fields (record.h's): the path and the file's stamp; the names its
 * links lead to (for icache_may_link); the page's language; the page
 * info, its aliases and lists; each rule's record, by rule id.  Nothing
 * else of the page: the rules take what they need from their records. */
#define _GNU_SOURCE             /* dl_iterate_phdr */
#include "indexcache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uthash.h>

#include "cachefile.h"
#include "deps.h"
#include "hindex.h"
#include "diag.h"
#include "linkmap.h"
#include "options.h"
#include "record.h"
#include "rule.h"

#define ICACHE_MAGIC "sitelint index 4\n"
/* A name longer than this is cut: names are compared cut alike. */
#define ICACHE_NAME_MAX 256
/* A site's cache not used for this long is removed by the next run that
 * writes one (the site is gone, or was only visited); a temporary file
 * this old was left by a run that was killed. */
#define ICACHE_UNUSED_S (30L * 24 * 3600)
#define ICACHE_TEMP_S 3600L
/* A file changed this recently may change again within its clock's tick
 * without its stamp changing (git's "racy clean"): not kept until it is
 * older. */
#define ICACHE_RACY_NS (2LL * 1000000000)
/* Past this the file is no cache of ours. */
#define ICACHE_MAX_BYTES (2u << 30)

struct icache_entry {
    const char *path;
    struct file_stamp stamp;
    const unsigned char *body, *end;    /* after the stamp */
    const unsigned char *whole;         /* the entry, length included */
    size_t whole_len;
};

/* A name a link may lead to; see name_of(). */
struct name {
    UT_hash_handle hh;
    char s[];
};

/* An entry of the new index: kept where the old one lies (p), or at off
 * in the fresh entries (p NULL). */
struct seg {
    const unsigned char *p;
    size_t off, len;
};

struct icache {
    const struct site *site;
    const char *file;           /* where it is kept */
    struct arena *run;
    long long start_ns;         /* when the run began, for ICACHE_RACY_NS */
    uint64_t fp;
    struct hindex entries_ix;   /* the old index's entries: by path, */
    struct icache_entry **entries;      /* in the order read */
    size_t nentries, entries_cap;
    size_t deps_len;            /* of the dependencies read */
    struct name *linted;        /* names of the linted pages */
    struct seg *segs;           /* the new index's entries, in order */
    size_t nout, segs_cap;
    struct buf fresh;           /* the entries read afresh */
    int dirty;                  /* out differs from what was read */
};

/* The old index's entry for path, or NULL. */
static const struct icache_entry *
find_entry(const struct icache *ic, const char *path)
{
    uint32_t hash = hindex_hash(path, strlen(path));
    size_t cursor = 0, i;

    while ((i = hindex_next(&ic->entries_ix, hash, &cursor)) != SIZE_MAX)
        if (strcmp(ic->entries[i]->path, path) == 0)
            return ic->entries[i];
    return NULL;
}

/* ---- what a link is named ---------------------------------------------- */

static int
hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Is ext (after the dot, n bytes) a page's: its source or its output? */
static int
page_ext(const char *ext, size_t n)
{
    static const char *const exts[] = {
        "md", "markdown", "mdown", "mkd", "mkdn", "html", "htm", "rst",
    };
    size_t i;

    for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strlen(exts[i]) == n && memcmp(ext, exts[i], n) == 0)
            return 1;
    return 0;
}

/* The name a link's target goes by, lower case, in out: the last part of
 * its path without a page's extension ("/docs/faq/" and "../faq.md#x" are
 * "faq", "/docs/index.html" is "docs"), "/" for the home page.  Returns 1
 * for a name; 0 for a link that names no page of the site (the same page,
 * a mail address); -1 for one that may lead anywhere ("../", a name too
 * long or not ASCII).  Conservative: two links that may lead to one page
 * have one name, whatever else shares it. */
static int
name_of(const char *href, char *out, size_t size)
{
    char path[PATH_MAX];
    const char *p = href;
    size_t n = 0, end, start, dot, scheme;

    /* "scheme://host/path" and "//host/path": the path, on any host (the
     * site's own may be any of them). */
    scheme = strspn(p, "abcdefghijklmnopqrstuvwxyz"
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
    if (scheme > 0 && p[scheme] == ':' && strncmp(p + scheme, "://", 3) != 0)
        return 0;               /* mailto:, tel:, data: */
    if (scheme > 0 && p[scheme] == ':')
        p += scheme + 1;
    if (strncmp(p, "//", 2) == 0) {
        p += 2 + strcspn(p + 2, "/?#");
        if (*p != '/') {
            snprintf(out, size, "/");
            return 1;           /* the host alone: its home page */
        }
    }
    /* Lower case, %XX decoded, "{filename}" and "|filename|" dropped, up
     * to any query or fragment. */
    while (*p != '\0' && *p != '?' && *p != '#' && n + 1 < sizeof path) {
        if ((*p == '{' || *p == '|') &&
            strchr(p + 1, *p == '{' ? '}' : '|') != NULL) {
            p = strchr(p + 1, *p == '{' ? '}' : '|') + 1;
            continue;
        }
        if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
            path[n++] = (char)(hex(p[1]) * 16 + hex(p[2]));
            p += 3;
            continue;
        }
        path[n++] = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
        p++;
    }
    path[n] = '\0';
    if (*p != '\0' && *p != '?' && *p != '#')
        return -1;              /* too long to tell */
    if (n == 0)
        return 0;               /* "#id", "?q": this page */
    for (dot = 0; dot < n; dot++)
        if ((unsigned char)path[dot] >= 0x80)
            return -1;          /* folded otherwise than ASCII: may be
                                 * any page's name */
    for (end = n; end > 0; end = start) {
        while (end > 0 && path[end - 1] == '/')
            end--;
        start = end;
        while (start > 0 && path[start - 1] != '/')
            start--;
        if (start == end)
            break;
        if ((end - start == 1 && path[start] == '.') ||
            (end - start == 2 && path[start] == '.' && path[start + 1] == '.'))
            return -1;          /* a folder named by where it is */
        for (dot = end; dot > start && path[dot - 1] != '.'; dot--)
            continue;
        if (dot > start + 1 && page_ext(path + dot, end - dot))
            end = dot - 1;
        if ((end - start == 5 && memcmp(path + start, "index", 5) == 0) ||
            (end - start == 6 && memcmp(path + start, "_index", 6) == 0) ||
            (end - start == 6 && memcmp(path + start, "readme", 6) == 0))
            continue;           /* its folder's page */
        snprintf(out, size, "%.*s", (int)(end - start), path + start);
        return 1;
    }
    if (path[0] != '/')
        return -1;
    snprintf(out, size, "/");
    return 1;
}

static void
add_name(struct icache *ic, const char *href)
{
    char key[ICACHE_NAME_MAX];
    struct name *nm;
    size_t n;

    if (href == NULL || name_of(href, key, sizeof key) != 1)
        return;
    n = strlen(key);
    HASH_FIND(hh, ic->linted, key, n, nm);
    if (nm != NULL)
        return;
    nm = arena_alloc(ic->run, sizeof *nm + n + 1);
    memcpy(nm->s, key, n + 1);
    HASH_ADD(hh, ic->linted, s[0], n, nm);
}

void
icache_linted(struct icache *ic, const struct page_info *info,
              const char *const *aliases, size_t naliases)
{
    size_t i;

    add_name(ic, info->url);
    add_name(ic, info->src_key);
    for (i = 0; i < naliases; i++)
        add_name(ic, aliases[i]);
    /* A site served below a path: "/proj/" is its home page. */
    if (info->url != NULL && ic->site->base_path != NULL &&
        strcmp(ic->site->base_path, "/") != 0)
        add_name(ic, arena_printf(ic->run, "%s%s", ic->site->base_path,
                                  info->url + (info->url[0] == '/')));
}

void
icache_former(struct icache *ic, const char *url)
{
    add_name(ic, url);
}

int
icache_may_link(struct icache *ic, const struct icache_entry *e)
{
    struct record_reader r = { e->body, e->end, 0 };
    uint64_t n, i;

    if (record_read_num(&r) != 0)
        return 1;               /* a link that may lead anywhere */
    n = record_read_num(&r);
    for (i = 0; i < n && !r.bad; i++) {
        size_t len;
        const char *s = record_read_str(&r, &len);
        struct name *nm;

        if (s == NULL)
            return 1;
        HASH_FIND(hh, ic->linted, s, len, nm);
        if (nm != NULL)
            return 1;
    }
    return r.bad;
}

static int
by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names the page's links go by, each once, for icache_may_link(). */
static void
put_names(struct buf *b, const struct page *pg, struct arena *scratch)
{
    const char **names = NULL;
    size_t n = 0, cap = 0, i, k;
    int anywhere = 0;
    char key[ICACHE_NAME_MAX];

    for (i = 0; i < pg->nlinks && !anywhere; i++) {
        const char *href = pg->links[i].text, *mapped = NULL;
        int rc = href != NULL ? name_of(href, key, sizeof key) : 0;

        if (rc < 0)
            anywhere = 1;
        else if (rc == 1)
            *ARENA_PUSH(scratch, names, n, cap) = arena_strdup(scratch, key);
        /* Where --link-map sends it, too. */
        if (href != NULL && pg->site->link_map != NULL)
            mapped = linkmap_apply(pg->site->link_map,
                                   arena_strndup(scratch, href,
                                                 strcspn(href, "?#")),
                                   scratch);
        if (mapped == NULL)
            continue;
        rc = name_of(mapped, key, sizeof key);
        if (rc < 0)
            anywhere = 1;
        else if (rc == 1)
            *ARENA_PUSH(scratch, names, n, cap) = arena_strdup(scratch, key);
    }
    if (anywhere)
        n = 0;
    if (n > 1)
        qsort(names, n, sizeof *names, by_str);
    for (i = k = 0; i < n; i++)
        if (k == 0 || strcmp(names[k - 1], names[i]) != 0)
            names[k++] = names[i];
    record_num(b, (uint64_t)anywhere);
    record_num(b, k);
    for (i = 0; i < k; i++)
        record_str(b, names[i]);
}

/* ---- the entry ---------------------------------------------------------- */

static const char **
get_strs(struct record_reader *r, size_t *n, struct arena *mem)
{
    uint64_t k = record_read_num(r), i;
    const char **v;

    *n = 0;
    if (r->bad || k > (uint64_t)(r->end - r->p)) {
        r->bad = 1;
        return NULL;
    }
    v = arena_alloc(mem, (size_t)k * sizeof *v + 1);
    for (i = 0; i < k && !r->bad; i++)
        v[i] = record_read_str(r, NULL);
    *n = r->bad ? 0 : (size_t)k;
    return v;
}

void
icache_put(struct icache *ic, const struct page *pg,
           const struct icache_page *in)
{
    const struct page_info *info = in->info;
    struct buf b = { 0 };
    struct arena scratch = { 0 };
    const struct icache_entry *old;
    size_t r, start;

    if (pg->stamp.mtime_ns > ic->start_ns - ICACHE_RACY_NS) {
        ic->dirty = 1;          /* too fresh to trust its stamp: left out */
        return;
    }
    record_str(&b, pg->path);
    record_num(&b, (uint64_t)pg->stamp.dev);
    record_num(&b, (uint64_t)pg->stamp.ino);
    record_num(&b, (uint64_t)pg->stamp.size);
    record_num(&b, (uint64_t)pg->stamp.mtime_ns);
    record_num(&b, (uint64_t)pg->stamp.ctime_ns);
    put_names(&b, pg, &scratch);
    record_str(&b, pg->lang);
    record_str(&b, info->src_key);
    record_str(&b, info->url);
    record_str(&b, info->title);
    record_str(&b, info->unpublished);
    record_strs(&b, info->anchors, info->nanchors);
    record_num(&b, (uint64_t)info->opaque);
    record_num(&b, (uint64_t)info->embedded);
    record_strs(&b, in->aliases, in->naliases);
    record_strs(&b, in->lists, in->nlists);
    for (r = 0; r < rules_count; r++)
        if (in->blobs[r].p != NULL) {
            record_str(&b, rules[r]->id);
            record_strn(&b, in->blobs[r].p, in->blobs[r].len);
        }
    record_num(&b, 0);          /* no more rules */
    start = ic->fresh.len;
    record_num(&ic->fresh, b.len);
    buf_add(&ic->fresh, b.p, b.len);
    *ARENA_PUSH(ic->run, ic->segs, ic->nout, ic->segs_cap) =
        (struct seg){ NULL, start, ic->fresh.len - start };
    /* Unchanged if the old index had this very entry. */
    old = find_entry(ic, pg->path);
    if (old == NULL || old->whole_len != ic->fresh.len - start ||
        memcmp(old->whole, ic->fresh.p + start, old->whole_len) != 0)
        ic->dirty = 1;
    buf_free(&b);
    arena_free(&scratch);
}

void
icache_keep(struct icache *ic, const struct icache_entry *e)
{
    *ARENA_PUSH(ic->run, ic->segs, ic->nout, ic->segs_cap) =
        (struct seg){ e->whole, 0, e->whole_len };
}

int
icache_read(const struct icache_entry *e, const char *path,
            const struct site *site, struct page *pg,
            struct icache_page *out, struct arena *mem, struct arena *run)
{
    struct record_reader r = { e->body, e->end, 0 };
    struct page_info *info = arena_alloc(run, sizeof *info);

    memset(pg, 0, sizeof *pg);
    memset(out, 0, sizeof *out);
    pg->path = path;
    pg->site = site;
    pg->mem = mem;
    pg->stamp = e->stamp;
    if (record_read_num(&r) == 0) {     /* the names of its links */
        uint64_t k = record_read_num(&r), i;

        for (i = 0; i < k && !r.bad; i++)
            (void)record_read_str(&r, NULL);
    }
    pg->lang = record_read_str(&r, NULL);
    info->path = path;
    info->src_key = record_read_str(&r, NULL);
    info->url = record_read_str(&r, NULL);
    info->title = record_read_str(&r, NULL);
    info->unpublished = record_read_str(&r, NULL);
    info->anchors = get_strs(&r, &info->nanchors, run);
    info->opaque = (int)record_read_num(&r);
    info->embedded = (int)record_read_num(&r);
    out->aliases = get_strs(&r, &out->naliases, run);
    out->lists = get_strs(&r, &out->nlists, run);
    out->blobs = arena_alloc(mem, rules_count * sizeof *out->blobs);
    while (!r.bad) {
        const char *id = record_read_str(&r, NULL), *blob;
        size_t len, k;

        if (id == NULL)
            break;
        blob = record_read_str(&r, &len);
        for (k = 0; k < rules_count; k++)
            if (strcmp(rules[k]->id, id) == 0) {
                out->blobs[k].p = blob;
                out->blobs[k].len = len;
            }
    }
    if (pg->lang == NULL)
        pg->lang = "en";
    pg->text_lang = page_text_language(pg, mem);
    out->info = info;
    return r.bad ? -1 : 0;
}

/* ---- the file ----------------------------------------------------------- */

static uint64_t
fnv_str(uint64_t h, const char *s)
{
    return fnv1a64(h, s != NULL ? s : "", (s != NULL ? strlen(s) : 0) + 1);
}

/* What the cache is valid for besides its dependencies and its file's
 * name (options_hash()): this sitelint, the day and the site's pages. */
static uint64_t
fingerprint(const struct site *site, uint64_t pages)
{
    uint64_t h = fnv_str(FNV1A64_START, ICACHE_MAGIC SITELINT_VERSION);

    /* The day pages' dates were compared with: a page dated tomorrow is
     * published then. */
    h = fnv_str(h, site->today);
    return fnv1a64(h, &pages, sizeof pages);
}

/* The options that bear on what is found, and which rules run: runs
 * with other options (an editor's, a hook's) keep caches of their own. */
static uint64_t
options_hash(void)
{
    uint64_t h = FNV1A64_START;
    size_t i;

    for (i = 0; i < options_count(); i++) {
        const struct option_def *d = options_at(i);

        if (d->name == NULL || (d->flags & OPTF_OUTPUT))
            continue;
        h = fnv_str(h, d->name);
        h = fnv_str(h, options_named(d->name));
    }
    for (i = 0; i < rules_count; i++) {
        enum severity sev = options_rule_runs(rules[i]->id,
                                              rules[i]->severity);

        h = fnv1a64(h, &sev, sizeof sev);
    }
    return h;
}

/* Where the site's cache is: one file per site root, folder run from
 * (page paths are given from there) and set of options. */
static const char *
cache_file(const struct site *site, struct arena *run)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    uint64_t h = FNV1A64_START;

    h = fnv_str(h, realpath(site->root, real) != NULL ? real : site->root);
    h = fnv_str(h, getcwd(cwd, sizeof cwd) != NULL ? cwd : "");
    h ^= options_hash();
    return cache_path(run, arena_printf(run, "index/%016llx",
                                        (unsigned long long)h));
}

/* A cache that does not read is rebuilt: said once, as a warning that
 * fails no run. */
static void
damaged(const struct icache *ic, const char *why)
{
    diag_soft(diag_add((struct pos){ NULL, 0, 0 }, 0, SEV_WARNING, "io",
                       "site index cache %s is damaged (%s); it is rebuilt",
                       ic->file, why));
}

/* Reads the entries of data; -1 if they are damaged. */
static int
load_entries(struct icache *ic, const unsigned char *p,
             const unsigned char *end)
{
    while (p < end) {
        struct record_reader r = { p, end, 0 };
        uint64_t len = record_read_num(&r);
        struct icache_entry *e;
        const unsigned char *start = p;

        if (r.bad || len > (uint64_t)(end - r.p))
            return -1;
        e = arena_alloc(ic->run, sizeof *e);
        e->whole = start;
        e->end = r.p + len;
        e->whole_len = (size_t)(e->end - start);
        r.end = e->end;
        e->path = record_read_str(&r, NULL);
        e->stamp.dev = (dev_t)record_read_num(&r);
        e->stamp.ino = (ino_t)record_read_num(&r);
        e->stamp.size = (off_t)record_read_num(&r);
        e->stamp.mtime_ns = (long long)record_read_num(&r);
        e->stamp.ctime_ns = (long long)record_read_num(&r);
        if (r.bad || e->path == NULL)
            return -1;
        e->body = r.p;
        p = e->end;
        if (find_entry(ic, e->path) != NULL)
            return -1;
        hindex_put(&ic->entries_ix, hindex_hash(e->path, strlen(e->path)),
                   ic->nentries);
        *ARENA_PUSH(ic->run, ic->entries, ic->nentries, ic->entries_cap) = e;
    }
    return 0;
}

/* Is the folder of the cache this user's, and no one else's to write?
 * Else no file in it is trusted, nor written. */
static int
own_folder(const struct icache *ic)
{
    char *dir = arena_strdup(ic->run, ic->file), *slash = strrchr(dir, '/');
    struct stat st;

    if (slash == NULL)
        return 0;
    *slash = '\0';
    return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
           st.st_uid == geteuid() && (st.st_mode & 022) == 0;
}

/* The cache file, read whole into run memory if it is this user's own
 * regular file that no one else may write; NULL if not. */
static const char *
read_cache(struct icache *ic, size_t *len)
{
    int fd = open(ic->file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    size_t got = 0;
    const char *mapped;
    char *p;

    if (fd == -1)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_uid != geteuid() || (st.st_mode & 022) != 0 ||
        (unsigned long long)st.st_size > ICACHE_MAX_BYTES) {
        close(fd);
        return NULL;
    }
    /* Mapped, not copied: a cache of a large site is tens of MB that
     * would be fresh memory to fill. */
    if ((mapped = arena_map_file(ic->run, fd, (size_t)st.st_size)) != NULL) {
        close(fd);
        *len = (size_t)st.st_size;
        return mapped;
    }
    p = arena_alloc(ic->run, (size_t)st.st_size + 1);
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, p + got, (size_t)st.st_size - got);

        if (r == -1 && errno == EINTR)
            continue;
        if (r <= 0)
            break;              /* an error, or it shrank: read as is */
        got += (size_t)r;
    }
    close(fd);
    *len = got;
    return p;
}

/* Marks the cache as used today, for prune(): a cache read every day
 * but unchanged is not rewritten. */
static void
used(const struct icache *ic)
{
    struct stat st;

    if (stat(ic->file, &st) == 0 &&
        st.st_mtime < ic->start_ns / 1000000000LL - 24 * 3600)
        utimensat(AT_FDCWD, ic->file, NULL, 0);
}

/* Removes the caches of other sites not used for ICACHE_UNUSED_S, and
 * temporary files older than ICACHE_TEMP_S: this user's own files of
 * the cache folder, named as this file names them. */
static void
prune(const struct icache *ic, const char *dir)
{
    long long now = ic->start_ns / 1000000000LL;
    DIR *d = opendir(dir);
    struct dirent *de;

    if (d == NULL)
        return;
    while ((de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        size_t hex = strspn(name, "0123456789abcdef");
        int temp = hex == 16 && name[16] == '.' && strlen(name) == 23;
        struct stat st;

        if (!(hex == 16 && name[16] == '\0') && !temp)
            continue;
        if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) || st.st_uid != geteuid())
            continue;
        if (st.st_mtime < now - (temp ? ICACHE_TEMP_S : ICACHE_UNUSED_S))
            unlinkat(dirfd(d), name, 0);
    }
    closedir(d);
}

static void
load(struct icache *ic)
{
    size_t len, dlen;
    const char *text, *p, *nl;
    unsigned long long fp;
    char num[32];

    if (!own_folder(ic) || (text = read_cache(ic, &len)) == NULL)
        return;
    if (len < sizeof ICACHE_MAGIC ||
        memcmp(text, ICACHE_MAGIC, sizeof ICACHE_MAGIC - 1) != 0)
        return;                 /* another version's: replaced quietly */
    p = text + sizeof ICACHE_MAGIC - 1;
    /* Numbers are copied out: nothing is read past len. */
    if ((nl = memchr(p, '\n', len - (size_t)(p - text))) == NULL ||
        (size_t)(nl - p) >= sizeof num)
        goto bad;
    memcpy(num, p, (size_t)(nl - p));
    num[nl - p] = '\0';
    if (sscanf(num, "%16llx", &fp) != 1)
        goto bad;
    if (fp != ic->fp)
        return;                 /* options or pages changed */
    p = nl + 1;
    if ((nl = memchr(p, '\n', len - (size_t)(p - text))) == NULL ||
        (size_t)(nl - p) >= sizeof num)
        goto bad;
    memcpy(num, p, (size_t)(nl - p));
    num[nl - p] = '\0';
    dlen = strtoul(num, NULL, 10);
    p = nl + 1;
    if (dlen > len - (size_t)(p - text))
        goto bad;
    if (deps_check(p, dlen) != 0)
        return;                 /* a config or template changed */
    ic->deps_len = dlen;
    p += dlen;
    if (load_entries(ic, (const unsigned char *)p,
                     (const unsigned char *)text + len) == 0) {
        used(ic);
        return;
    }
bad:
    damaged(ic, "its entries do not parse");
    hindex_free(&ic->entries_ix);
    ic->nentries = 0;
}

static int
note_library(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    if (info->dlpi_name != NULL && info->dlpi_name[0] == '/')
        deps_file(info->dlpi_name);
    return 0;
}

struct icache *
icache_open(const struct site *site, uint64_t pages, struct arena *run)
{
    struct timespec now;
    struct icache *ic;
    const char *file = cache_file(site, run);

    if (file == NULL)
        return NULL;
    ic = xcalloc(1, sizeof *ic);
    ic->site = site;
    ic->file = file;
    ic->run = run;
    ic->fp = fingerprint(site, pages);
    if (clock_gettime(CLOCK_REALTIME, &now) == 0)
        ic->start_ns = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
    /* This very build of sitelint, and the libraries that parse for it
     * (cmark-gfm, libyaml, pcre2): an upgrade may read pages otherwise. */
    deps_file("/proc/self/exe");
    dl_iterate_phdr(note_library, NULL);
    load(ic);
    return ic;
}

const struct icache_entry *
icache_get(struct icache *ic, const char *path,
           const struct file_stamp *stamp)
{
    const struct icache_entry *e = find_entry(ic, path);

    return e != NULL && page_stamp_equal(&e->stamp, stamp) ? e : NULL;
}

/* Writes head and the entries to ic->file, whole or not at all, in a
 * folder of this user's alone; then removes what prune() finds. */
static void
save(struct icache *ic, const struct buf *head)
{
    struct str *parts = xmalloc((ic->nout + 1) * sizeof *parts);
    char *dir;
    size_t i;

    cache_make_parent(ic->run, ic->file);
    if (!own_folder(ic)) {
        free(parts);
        return;
    }
    parts[0] = (struct str){ head->p, head->len };
    for (i = 0; i < ic->nout; i++) {
        const struct seg *sg = &ic->segs[i];

        parts[i + 1] = (struct str){
            sg->p != NULL ? (const char *)sg->p : ic->fresh.p + sg->off,
            sg->len };
    }
    (void)cache_replace(ic->run, ic->file, parts, ic->nout + 1);
    free(parts);
    dir = arena_strdup(ic->run, ic->file);
    *strrchr(dir, '/') = '\0';
    prune(ic, dir);
}

void
icache_close(struct icache *ic)
{
    struct buf head = { 0 }, deps = { 0 };

    if (ic == NULL)
        return;
    deps_take(&deps);
    if (ic->dirty || ic->nout != ic->nentries || deps.len != ic->deps_len) {
        buf_adds(&head, ICACHE_MAGIC);
        buf_addf(&head, "%016llx\n%zu\n", (unsigned long long)ic->fp,
                 deps.len);
        buf_add(&head, deps.p, deps.len);
        save(ic, &head);
    }
    buf_free(&head);
    buf_free(&deps);
    buf_free(&ic->fresh);
    hindex_free(&ic->entries_ix);
    HASH_CLEAR(hh, ic->linted);
    free(ic);
}
