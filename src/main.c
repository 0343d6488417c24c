/* main.c: options, collecting the pages to lint, the run, exit status;
 * the only file that calls exit(). */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uthash.h>

#include "arena.h"
#include "diag.h"
#include "emit.h"
#include "engine.h"
#include "frontmatter.h"
#include "rule.h"
#include "site.h"
#include "walk.h"

#ifndef SITELINT_VERSION
#define SITELINT_VERSION "0.1.0"
#endif

#define EXIT_FINDINGS 1
#define EXIT_USAGE    2

/* Options rules read with rule_option(); set from the command line. */
static const char *const option_names[] = {
    "check-fragments", "codespell-dir", "dropdown-url", "link-accept",
    "link-backoff-ms", "link-cache", "link-cache-ttl", "link-concurrency",
    "link-connect-timeout", "link-exclude", "link-failure-ttl",
    "link-header", "link-host-concurrency", "link-include",
    "link-redirects", "link-retries", "link-retry-after-max",
    "link-timeout", "locale", "no-link-cache", "offline", "placeholders",
    "plain-shortcodes", "progress", "refuse-private", "resolve",
    "sidebar-url", "site-root", "site-type", "spelling-lists",
    "strict-links", "untrusted", "user-agent",
};

/* Options that may be given more than once: their values are kept, one
 * a line, in the order given. */
static const char *const repeatable[] = {
    "link-accept", "link-exclude", "link-header", "link-include", "resolve",
};

/* Options that are switches: on or absent. */
static const char *const switches[] = {
    "check-fragments", "no-link-cache", "offline", "refuse-private",
    "strict-links", "untrusted",
};

static int
named_in(const char *const *list, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}
#define IN(list, name) named_in((list), sizeof (list) / sizeof (list)[0], \
                                (name))

static struct {
    const char *only;           /* comma list, or NULL for all */
    const char *disable;
    enum severity fail_on;      /* SEV_OFF: never fail */
    const char *values[sizeof option_names / sizeof option_names[0]];
    const char **outside;       /* --outside, in the order given */
    size_t noutside;
    int outside_from_file;
    /* values[i] when it was joined from repeats, so ours to free */
    char *joined[sizeof option_names / sizeof option_names[0]];
    const char *config;         /* --config FILE */
    int quiet;
} opts = { NULL, NULL, SEV_WARNING, { NULL }, NULL, 0, 0, { NULL }, NULL, 0 };

static void
usage(FILE *fp)
{
    size_t i;

    fputs(
"usage: sitelint [options] [path ...]\n"
"\n"
"Lint the Markdown and HTML sources of a static site (Hugo, Pelican or a\n"
"plain Markdown tree).  With no path, the site around the working folder.\n"
"Findings are printed as path:line:col: severity: message [rule].\n"
"\n"
"options:\n"
"  --config FILE          read FILE instead of the nearest .sitelint.yml\n"
"  --only RULE[,RULE]     run only these rules\n"
"  --disable RULE[,RULE]  do not run these rules\n"
"  --fail-on LEVEL        exit 1 on findings at or above LEVEL: error,\n"
"                         warning (default), note, or never\n"
"  --site-root DIR        take DIR as the site root instead of searching\n"
"  --site-type TYPE       hugo, pelican or plain, instead of detecting it\n"
"  --outside URL          a URL prefix or glob served by something other\n"
"                         than these sources (repeatable)\n"
"  --dropdown-url TPL     where a Pelican dropdown entry leads (default\n"
"                         '/{page}/{url}.html')\n"
"  --sidebar-url TPL      where a Pelican sidebar entry leads (default\n"
"                         '/{url}.html')\n"
"  --placeholders LIST    comma-separated placeholder texts to flag\n"
"  --plain-shortcodes LIST  shortcodes that add no ids to a page, so that\n"
"                         anchors into pages using them are checked\n"
"  --locale LOCALE        en-US or en-GB: the spelling the site uses\n"
"  --spelling-lists LIST  codespell lists to use (default: clear); any of\n"
"                         clear, rare, informal, usage, names, code\n"
"  --codespell-dir DIR    where codespell's dictionary*.txt files are\n"
"\n"
"external links (rule external-link):\n"
"  --offline              do not check external links at all\n"
"  --strict-links         transient failures (timeouts, 5xx, 429) fail\n"
"                         the run too\n"
"  --check-fragments      fetch pages whose links carry #fragment and\n"
"                         look for the id\n"
"  --link-include REGEX   check only URLs matching REGEX (repeatable)\n"
"  --link-exclude REGEX   never check URLs matching REGEX (repeatable)\n"
"  --link-accept REGEX=CODES  take these HTTP codes as alive for URLs\n"
"                         matching REGEX (repeatable)\n"
"  --link-header HOST=NAME: VALUE  send this header to HOST only;\n"
"                         ${VAR} is read from the environment\n"
"  --link-concurrency N   requests at once (default 64)\n"
"  --link-host-concurrency N  requests at once to one host (default 4)\n"
"  --link-timeout S       seconds for a request (default 20)\n"
"  --link-connect-timeout S  seconds to connect (default 10)\n"
"  --link-retries N       retries after network errors and 5xx (2)\n"
"  --link-backoff-ms MS   first retry's pause; doubles (default 500)\n"
"  --link-retry-after-max S  longest Retry-After honoured (default 60)\n"
"  --link-redirects N     redirects followed (default 5)\n"
"  --link-cache FILE      the cache file (default\n"
"                         $XDG_CACHE_HOME/sitelint/links.tsv)\n"
"  --no-link-cache        neither read nor write the cache\n"
"  --link-cache-ttl S     how long a success is trusted (default 86400)\n"
"  --link-failure-ttl S   how long a failure is trusted (default 0)\n"
"  --resolve HOST:PORT:ADDR  connect to ADDR for HOST:PORT, as curl's\n"
"  --refuse-private       never connect to private or loopback addresses\n"
"  --untrusted            for content you did not write: --refuse-private\n"
"  --user-agent TEXT      the User-Agent header\n"
"  -q, --quiet            no progress line on a terminal\n"
"  --list-rules           list the rules and exit\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
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

/* Is id one of the comma-separated ids in list? */
static int
in_list(const char *list, const char *id)
{
    size_t n = strlen(id);
    const char *p = list;

    while (p != NULL && *p != '\0') {
        size_t len = strcspn(p, ",");

        if (len == n && strncmp(p, id, n) == 0)
            return 1;
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

static void
check_rule_list(const char *list)
{
    char id[128];
    const char *p = list;

    while (*p != '\0') {
        size_t len = strcspn(p, ",");

        if (len == 0 || len >= sizeof id)
            die_usage("bad rule list '%s'", list);
        memcpy(id, p, len);
        id[len] = '\0';
        if (rule_find(id) == NULL)
            die_usage("unknown rule '%s' (see --list-rules)", id);
        p += len;
        if (*p == ',')
            p++;
    }
}

static enum severity
policy(const char *rule, enum severity sev)
{
    if (opts.only != NULL && !in_list(opts.only, rule))
        return SEV_OFF;
    if (opts.disable != NULL && in_list(opts.disable, rule))
        return SEV_OFF;
    return sev;
}

static const char *
option_value(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof option_names / sizeof option_names[0]; i++)
        if (strcmp(option_names[i], name) == 0)
            return opts.values[i];
    return NULL;
}

static void
set_option(const char *name, const char *value)
{
    size_t i;

    for (i = 0; i < sizeof option_names / sizeof option_names[0]; i++) {
        if (strcmp(option_names[i], name) != 0)
            continue;
        if (IN(repeatable, name) && opts.values[i] != NULL) {
            size_t a = strlen(opts.values[i]), b = strlen(value);
            char *both = xmalloc(a + b + 2);

            memcpy(both, opts.values[i], a);
            both[a] = '\n';
            memcpy(both + a + 1, value, b + 1);
            free(opts.joined[i]);
            value = opts.joined[i] = both;
        }
        opts.values[i] = value;
    }
}

/* Options whose value is one of a few, and what they take. */
static const struct {
    const char *name;
    const char *takes;
} restricted[] = {
    { "locale", "en-US or en-GB" },
    { "outside", "a URL path from the site root ('/extensions/')" },
    { "site-type", "hugo, pelican or plain" },
    { "resolve", "HOST:PORT:ADDRESS ('example.org:443:127.0.0.1')" },
};

static const char *
option_takes(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof restricted / sizeof restricted[0]; i++)
        if (strcmp(restricted[i].name, name) == 0)
            return restricted[i].takes;
    return NULL;
}

/* Is val a value option name takes, from the command line or config? */
static int
option_ok(const char *name, const char *val)
{
    if (strcmp(name, "resolve") == 0) {
        const char *c1 = strchr(val, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : 0;

        return c1 != NULL && c1 > val && c2 != NULL && c2 > c1 + 1 &&
               c2[1] != '\0';
    }
    if (strcmp(name, "site-type") == 0)
        return strcmp(val, "hugo") == 0 || strcmp(val, "pelican") == 0 ||
               strcmp(val, "plain") == 0;
    if (strcmp(name, "locale") == 0)
        return strcasecmp(val, "en-US") == 0 || strcasecmp(val, "en-GB") == 0;
    if (strcmp(name, "outside") == 0)
        return val[0] == '/';
    return 1;
}

/* ---- collecting pages ------------------------------------------------- */

/* A file already collected, by identity: a page named on the command line
 * is not read again when the site around it is walked. */
struct seen {
    struct { dev_t dev; ino_t ino; } id;
    UT_hash_handle hh;
};

struct collect {
    const struct site *site;
    struct arena *run;
    struct engine_page *pages;
    size_t n, cap;
    struct seen *seen;
    int linted;                 /* what the pages being added are */
    struct stat skip[3];        /* generated output at the site root */
    size_t nskip;
};

static void
add_page(struct collect *c, const char *path, const struct stat *st)
{
    struct seen *s, key;
    struct engine_page *p;

    memset(&key, 0, sizeof key);
    key.id.dev = st->st_dev;
    key.id.ino = st->st_ino;
    HASH_FIND(hh, c->seen, &key.id, sizeof key.id, s);
    if (s != NULL)
        return;
    s = arena_alloc(c->run, sizeof *s);
    s->id = key.id;
    HASH_ADD(hh, c->seen, id, sizeof s->id, s);
    p = ARENA_PUSH(c->run, c->pages, c->n, c->cap);
    p->path = arena_strdup(c->run, path);
    p->linted = c->linted;
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
    if (S_ISREG(st->st_mode) && is_page_name(name))
        add_page(c, path, st);
    return WALK_SKIP;
}

/* The whole site: its content folders, not templates or output. */
static void
collect_site(struct collect *c)
{
    size_t i;

    for (i = 0; i < c->site->nmounts; i++)
        if (!c->site->mounts[i].is_static)
            walk_tree(c->site->mounts[i].dir, c->site->mounts[i].dir,
                      collect_entry, c, 1);
}

static void
collect_arg(struct collect *c, const char *arg, int implicit)
{
    struct stat st;

    if (stat(arg, &st) == -1) {
        diag_add((struct pos){ arena_strdup(c->run, arg), 0, 0 }, 0,
                 SEV_ERROR, "io", "cannot read: %s", strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (!is_page_name(arg))
            diag_add((struct pos){ arena_strdup(c->run, arg), 0, 0 }, 0,
                     SEV_NOTE, "io", "not a Markdown or HTML page; skipped");
        else
            add_page(c, arg, &st);
        return;
    }
    if (st.st_dev == c->site->root_dev && st.st_ino == c->site->root_ino &&
        c->site->kind != SITE_PLAIN) {
        collect_site(c);
        return;
    }
    walk_tree(arg, implicit ? "" : arg, collect_entry, c, 1);
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

/* ---- .sitelint.yml ----------------------------------------------------- */

#define CONFIG_NAME ".sitelint.yml"
/* A config file is a few lines; a larger one is a mistake. */
#define CONFIG_FILE_MAX (1024u * 1024)

/* Keys the config file may set: the long options that describe the site
 * rather than one run.  The command line wins over the file. */
static const char *const config_keys[] = {
    "check-fragments", "codespell-dir", "dropdown-url", "link-accept",
    "link-cache-ttl", "link-concurrency", "link-connect-timeout",
    "link-exclude", "link-failure-ttl", "link-header",
    "link-host-concurrency", "link-include", "link-redirects",
    "link-retries", "link-retry-after-max", "link-timeout", "locale",
    "offline", "outside", "placeholders", "plain-shortcodes",
    "refuse-private", "sidebar-url", "site-type", "spelling-lists",
    "strict-links", "untrusted", "user-agent",
};

/* The nearest .sitelint.yml from the working folder up to the root, as
 * a path from the working folder ("../.sitelint.yml"); NULL if none. */
static const char *
find_config(struct arena *a)
{
    const char *dir = ".";
    char real[PATH_MAX];
    struct stat st;
    int up;

    for (up = 0; up < WALK_MAX_DEPTH; up++) {
        const char *cand = up == 0 ? CONFIG_NAME
                                   : arena_printf(a, "%s/" CONFIG_NAME, dir);

        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
            return cand;
        if (realpath(dir, real) == NULL || strcmp(real, "/") == 0)
            return NULL;
        dir = up == 0 ? ".." : arena_printf(a, "%s/..", dir);
    }
    return NULL;
}

/* A scalar, or a list of scalars joined with commas. */
static const char *
config_value(struct arena *a, const struct fm_node *v, int sep)
{
    struct buf b = { 0 };
    const char *out;
    size_t i;

    if (v->type == FM_SCALAR)
        return v->str;
    if (v->type != FM_SEQ) {
        diag_add(v->pos, 0, SEV_ERROR, "config", "'%s' takes a value or a "
                 "list of values", v->key);
        return NULL;
    }
    for (i = 0; i < v->nkids; i++) {
        if (v->kids[i]->type != FM_SCALAR) {
            diag_add(v->kids[i]->pos, 0, SEV_ERROR, "config",
                     "'%s' takes a list of plain values", v->key);
            buf_free(&b);
            return NULL;
        }
        if (i > 0)
            buf_addc(&b, sep);
        buf_adds(&b, v->kids[i]->str);
    }
    out = arena_strdup(a, b.p != NULL ? b.p : "");
    buf_free(&b);
    return out;
}

/* Reads the config file (given with --config, else the nearest
 * .sitelint.yml upward from the working folder) into the options the
 * command line left unset.  Problems are findings of rule "config" at
 * their line and column. */
static void
load_config(struct arena *a, const char *given)
{
    const char *path = given != NULL ? given : find_config(a);
    const struct fm_node *cfg;
    char *text;
    size_t len, i, k;

    if (path == NULL)
        return;
    path = diag_intern(path);
    if ((text = arena_read_file(a, path, CONFIG_FILE_MAX, &len)) == NULL) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, "config",
                 "cannot read config: %s", strerror(errno));
        return;
    }
    if ((cfg = fm_parse_yaml(a, path, text, len, 1, "config")) == NULL)
        return;
    for (i = 0; i < cfg->nkids; i++) {
        const struct fm_node *v = cfg->kids[i];
        const char *val;

        for (k = 0; k < sizeof config_keys / sizeof config_keys[0]; k++)
            if (strcmp(v->key, config_keys[k]) == 0)
                break;
        if (k == sizeof config_keys / sizeof config_keys[0]) {
            diag_add(v->key_pos, v->key_pos.col + (unsigned)strlen(v->key),
                     SEV_ERROR, "config", "unknown key '%s' (see "
                     "sitelint(1), CONFIGURATION)", v->key);
            continue;
        }
        if ((val = config_value(a, v, IN(repeatable, v->key) ? '\n' : ','))
                == NULL)
            continue;
        if (IN(switches, v->key)) {
            if (strcmp(val, "true") == 0 || strcmp(val, "yes") == 0)
                val = "1";
            else if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0)
                continue;
            else {
                diag_add(v->pos, 0, SEV_ERROR, "config", "'%s' is true or "
                         "false, not '%s'", v->key, val);
                continue;
            }
        }
        if (strcmp(v->key, "outside") == 0) {
            const char *p = val;

            if (opts.noutside > 0 && !opts.outside_from_file)
                continue;       /* the command line said it */
            while (*p != '\0') {
                size_t n = strcspn(p, ",");
                char *one = arena_strndup(a, p, n);

                if (!option_ok("outside", one))
                    diag_add(v->pos, 0, SEV_ERROR, "config", "'outside' "
                             "takes URL paths from the site root "
                             "('/extensions/'), not '%s'", one);
                else {
                    opts.outside = xrealloc(opts.outside,
                                            (opts.noutside + 1) *
                                            sizeof *opts.outside);
                    opts.outside[opts.noutside++] = one;
                    opts.outside_from_file = 1;
                }
                p += n + (p[n] == ',');
            }
            continue;
        }
        if (!option_ok(v->key, val)) {
            diag_add(v->pos, 0, SEV_ERROR, "config", "'%s' cannot be '%s' "
                     "(see sitelint(1))", v->key, val);
            continue;
        }
        if (option_value(v->key) == NULL)
            set_option(v->key, val);
    }
}

static int
run(int argc, char **argv)
{
    struct arena mem = { 0 };
    struct site site;
    struct collect c;
    struct diag **v;
    size_t n, parsed, nlinted;
    int i, status;

    diag_init(policy);
    load_config(&mem, opts.config);
    if (site_open(&site, argc > 0 ? argv[0] : ".",
                  option_value("site-root"), option_value("site-type"),
                  &mem) != 0) {
        fprintf(stderr, "sitelint: cannot open '%s': %s\n",
                argc > 0 ? argv[0] : ".", strerror(errno));
        arena_free(&mem);
        diag_finish();
        return EXIT_USAGE;
    }
    site.outside = opts.outside;
    site.noutside = opts.noutside;
    site.plain_shortcodes = option_value("plain-shortcodes");
    memset(&c, 0, sizeof c);
    c.site = &site;
    c.run = &mem;
    c.linted = 1;
    skip_generated(&c);
    if (argc == 0)
        collect_arg(&c, ".", 1);
    for (i = 0; i < argc; i++)
        collect_arg(&c, argv[i], 0);
    nlinted = c.n;
    /* Links, anchors and menus are checked against the whole site, also
     * when only some of its files are linted (a pre-commit hook). */
    c.linted = 0;
    if (site.kind != SITE_PLAIN)
        collect_site(&c);
    parsed = engine_run(&site, c.pages, c.n, policy, option_value, &mem);
    HASH_CLEAR(hh, c.seen);
    v = diag_sorted(&n);
    emit_gcc(stdout, v, n);
    fflush(stdout);
    if (parsed == 0) {
        fprintf(stderr, "sitelint: no page could be linted%s\n",
                nlinted == 0 ? " (no Markdown or HTML pages found)" : "");
        status = EXIT_USAGE;
    } else if (opts.fail_on != SEV_OFF && diag_worst() >= opts.fail_on) {
        status = EXIT_FINDINGS;
    } else {
        status = EXIT_SUCCESS;
    }
    site_close(&site);
    diag_finish();
    arena_free(&mem);
    return status;
}

int
main(int argc, char **argv)
{
    /* OPT_NAMED options only store their value (rule_option() and the
     * site read it), after option_ok() where values are restricted. */
    enum {
        OPT_ONLY = 256, OPT_DISABLE, OPT_FAIL_ON, OPT_LIST_RULES,
        OPT_OUTSIDE, OPT_CONFIG, OPT_NAMED, OPT_SWITCH,
    };
    static const struct option longopts[] = {
        { "check-fragments", no_argument,      NULL, OPT_SWITCH },
        { "codespell-dir",  required_argument, NULL, OPT_NAMED },
        { "config",         required_argument, NULL, OPT_CONFIG },
        { "disable",        required_argument, NULL, OPT_DISABLE },
        { "dropdown-url",   required_argument, NULL, OPT_NAMED },
        { "fail-on",        required_argument, NULL, OPT_FAIL_ON },
        { "help",           no_argument,       NULL, 'h' },
        { "link-accept",    required_argument, NULL, OPT_NAMED },
        { "link-backoff-ms", required_argument, NULL, OPT_NAMED },
        { "link-cache",     required_argument, NULL, OPT_NAMED },
        { "link-cache-ttl", required_argument, NULL, OPT_NAMED },
        { "link-concurrency", required_argument, NULL, OPT_NAMED },
        { "link-connect-timeout", required_argument, NULL, OPT_NAMED },
        { "link-exclude",   required_argument, NULL, OPT_NAMED },
        { "link-failure-ttl", required_argument, NULL, OPT_NAMED },
        { "link-header",    required_argument, NULL, OPT_NAMED },
        { "link-host-concurrency", required_argument, NULL, OPT_NAMED },
        { "link-include",   required_argument, NULL, OPT_NAMED },
        { "link-redirects", required_argument, NULL, OPT_NAMED },
        { "link-retries",   required_argument, NULL, OPT_NAMED },
        { "link-retry-after-max", required_argument, NULL, OPT_NAMED },
        { "link-timeout",   required_argument, NULL, OPT_NAMED },
        { "list-rules",     no_argument,       NULL, OPT_LIST_RULES },
        { "locale",         required_argument, NULL, OPT_NAMED },
        { "only",           required_argument, NULL, OPT_ONLY },
        { "no-link-cache",  no_argument,       NULL, OPT_SWITCH },
        { "offline",        no_argument,       NULL, OPT_SWITCH },
        { "outside",        required_argument, NULL, OPT_OUTSIDE },
        { "placeholders",   required_argument, NULL, OPT_NAMED },
        { "plain-shortcodes", required_argument, NULL, OPT_NAMED },
        { "quiet",          no_argument,       NULL, 'q' },
        { "refuse-private", no_argument,       NULL, OPT_SWITCH },
        { "resolve",        required_argument, NULL, OPT_NAMED },
        { "sidebar-url",    required_argument, NULL, OPT_NAMED },
        { "site-root",      required_argument, NULL, OPT_NAMED },
        { "site-type",      required_argument, NULL, OPT_NAMED },
        { "spelling-lists", required_argument, NULL, OPT_NAMED },
        { "strict-links",   no_argument,       NULL, OPT_SWITCH },
        { "untrusted",      no_argument,       NULL, OPT_SWITCH },
        { "user-agent",     required_argument, NULL, OPT_NAMED },
        { "version",        no_argument,       NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int ch, li = 0;
    size_t i;

    while ((ch = getopt_long(argc, argv, "hqV", longopts, &li)) != -1) {
        const char *name = ch >= 256 ? longopts[li].name : NULL;

        if ((ch == OPT_NAMED || ch == OPT_OUTSIDE) && !option_ok(name, optarg))
            die_usage("--%s takes %s, not '%s'", name, option_takes(name),
                      optarg);
        switch (ch) {
        case 'h':
            usage(stdout);
            return EXIT_SUCCESS;
        case 'V':
            puts("sitelint " SITELINT_VERSION);
            return EXIT_SUCCESS;
        case OPT_ONLY:
            check_rule_list(optarg);
            opts.only = optarg;
            break;
        case OPT_DISABLE:
            check_rule_list(optarg);
            opts.disable = optarg;
            break;
        case OPT_FAIL_ON:
            if (strcmp(optarg, "never") == 0)
                opts.fail_on = SEV_OFF;
            else if (severity_parse(optarg, &opts.fail_on) != 0 ||
                     opts.fail_on == SEV_OFF)
                die_usage("--fail-on takes error, warning, note or never, "
                          "not '%s'", optarg);
            break;
        case OPT_LIST_RULES:
            for (i = 0; i < rules_count; i++)
                printf("%-18s %-8s %s\n", rules[i]->id,
                       severity_name(rules[i]->severity), rules[i]->summary);
            return EXIT_SUCCESS;
        case OPT_OUTSIDE:
            opts.outside = xrealloc(opts.outside, (opts.noutside + 1) *
                                    sizeof *opts.outside);
            opts.outside[opts.noutside++] = optarg;
            break;
        case OPT_CONFIG:
            opts.config = optarg;
            break;
        case OPT_NAMED:
            set_option(name, optarg);
            break;
        case OPT_SWITCH:
            set_option(name, "1");
            break;
        case 'q':
            opts.quiet = 1;
            break;
        default:
            fputs("Try 'sitelint --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (!opts.quiet && isatty(STDERR_FILENO))
        set_option("progress", "1");
    ch = run(argc - optind, argv + optind);
    free(opts.outside);
    for (i = 0; i < sizeof opts.joined / sizeof opts.joined[0]; i++)
        free(opts.joined[i]);
    return ch;
}
