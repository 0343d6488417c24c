/* options.c: the option table, .sitelint.yml, and the severity policy
 * that the command line, the config file and its per-path overrides make
 * together.  One table drives getopt, --help, the config keys and
 * --print-config, so that they cannot disagree. */
#include "options.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uthash.h>

#include "buf.h"
#include "deps.h"
#include "frontmatter.h"
#include "rule.h"
#include "walk.h"

#define V  OPTF_VALUE
#define C  OPTF_CONFIG
#define O  OPTF_OUTPUT

/* Tests of values, for the tables here and in rules. */
static int ok_count(const char *s);
static int ok_format(const char *s);
static int ok_url_path(const char *v);
static int ok_static_dir(const char *v);

static const struct option_def option_defs[OPTION_COUNT] = {
    [OPTION_CONFIG] = { "config", OPT_CONFIG_FILE, "FILE", 0, OPTT_STRING,
      NULL, "read FILE instead of the nearest .sitelint.yml",
      .section = "options" },
    [OPTION_INIT] = { "init", OPT_STORE, NULL, V | O, OPTT_SWITCH, NULL,
      "write a starter .sitelint.yml at the site root\nwith what a first "
      "run finds, and exit" },
    [OPTION_PRINT_CONFIG] = { "print-config", OPT_PRINT_CONFIG, NULL, 0,
      OPTT_SWITCH, NULL,
      "print the effective configuration as YAML and exit" },
    [OPTION_ONLY] = { "only", OPT_ONLY, "RULE[,RULE]", 0, OPTT_STRING, NULL,
      "run only these rules" },
    [OPTION_ENABLE] = { "enable", OPT_ENABLE, "RULE[,RULE]", 0, OPTT_STRING,
      NULL, "run these rules, also where the config file\nturns them off" },
    [OPTION_DISABLE] = { "disable", OPT_DISABLE, "RULE[,RULE]", 0,
      OPTT_STRING, NULL, "do not run these rules" },
    [OPTION_SEVERITY] = { "severity", OPT_SEVERITY, "RULE=LEVEL", 0,
      OPTT_STRING, NULL,
      "report RULE at LEVEL: error, warning, note or\noff (repeatable)" },
    [OPTION_FAIL_ON] = { "fail-on", OPT_STORE, "LEVEL", V | C | O, OPTT_STRING,
      "note", "exit 1 on findings at or above LEVEL: error,\nwarning, note "
      "or never",
      .takes = "error, warning, note or never",
      .words = "error warning note never" },
    [OPTION_MAX_WARNINGS] = { "max-warnings", OPT_STORE, "N", V | C | O,
      OPTT_NUMBER, NULL,
      "exit 1 only when there are errors or more than\nN warnings" },
    [OPTION_WARNINGS_AS_ERRORS] = { "warnings-as-errors", OPT_STORE, NULL,
      V | C | O, OPTT_SWITCH, NULL,
      "report warnings as errors (also -Werror)" },
    [OPTION_REPORT_UNUSED_SUPPRESSIONS] = { "report-unused-suppressions",
      OPT_STORE, NULL, V | C | O, OPTT_SWITCH, NULL,
      "report sitelint-disable comments that suppress\nnothing" },
    [OPTION_STDIN_FILENAME] = { "stdin-filename", OPT_STORE, "PATH", V | O,
      OPTT_STRING, NULL, "lint standard input as the page PATH of its\nsite "
      "(an editor's unsaved buffer)" },
    [OPTION_MAX_PAGE_BYTES] = { "max-page-bytes", OPT_STORE, "N", V | C,
      OPTT_NUMBER, "8388608",
      "a Markdown page larger than N bytes is not\nparsed as Markdown (the "
      "per-page budget)" },
    [OPTION_EXCLUDE] = { "exclude", OPT_STORE, "GLOB", V | C, OPTT_LIST,
      NULL, "do not lint files matching GLOB (from the\nconfig's folder); "
      "they are still link targets\n(repeatable)" },
    [OPTION_NO_GITIGNORE] = { "no-gitignore", OPT_STORE, NULL, V | C,
      OPTT_SWITCH, NULL, "lint files the site's .gitignore names too" },
    [OPTION_NO_GIT] = { "no-git", OPT_STORE, NULL, V | C, OPTT_SWITCH, NULL,
      "when files are named, do not read their\ncommitted versions with "
      "git (to check\nlinks elsewhere to their former URLs)" },
    [OPTION_NO_CACHE] = { "no-cache", OPT_STORE, NULL, V | C | O, OPTT_SWITCH,
      NULL, "neither read nor write the site index cache\n(read every page)" },
    [OPTION_JOBS] = { "jobs", OPT_STORE, "N", V | O, OPTT_NUMBER, NULL,
      "split work N ways, up to 4, whatever the\ncores (default: one way "
      "for each core\nonline, up to 4; 1: no threads)", .min = 1 },
    [OPTION_SITE_ROOT] = { "site-root", OPT_STORE, "DIR", V, OPTT_STRING,
      NULL, "take DIR as the site root instead of searching" },
    [OPTION_SITE_TYPE] = { "site-type", OPT_STORE, "TYPE", V | C,
      OPTT_STRING, NULL,
      "hugo, pelican, mkdocs or plain, instead of detecting it",
      .takes = "hugo, pelican, mkdocs or plain",
      .words = "hugo pelican mkdocs plain" },
    [OPTION_PELICAN_SETTINGS] = { "pelican-settings", OPT_STORE, "FILE",
      V | C, OPTT_STRING, NULL,
      "the Pelican settings file, from the site root\n(default: "
      "pelicanconf.py, else what the\nMakefile or tasks.py passes as -s)" },
    [OPTION_STATIC_DIR] = { "static-dir", OPT_STORE, "DIR[=/URL/]", V | C,
      OPTT_LIST, NULL, "a folder of static files from the site root,\n"
      "served at /URL/ (default /, /DIR/ for Pelican)",
      .takes = "DIR or DIR=/URL-PREFIX/ ('assets/img=/img/')",
      .ok = ok_static_dir },
    [OPTION_OUTSIDE] = { "outside", OPT_STORE, "URL", V | C, OPTT_LIST, NULL,
      "a URL prefix or glob served by something other\nthan these sources "
      "(repeatable)",
      .takes = "a URL path from the site root ('/extensions/')",
      .ok = ok_url_path },
    [OPTION_LINK_MAP] = { "link-map", OPT_STORE, "REGEX=URL", V | C,
      OPTT_LIST, NULL, "where the site's render hook sends a Markdown\nlink "
      "whose whole destination matches REGEX\n(repeatable)" },
    [OPTION_PLAIN_SHORTCODES] = { "plain-shortcodes", OPT_STORE, "LIST",
      V | C, OPTT_STRING, NULL, "shortcodes that add no ids to a page, so "
      "that\nanchors into pages using them are checked" },

    [OPTION_FORMAT] = { "format", OPT_STORE, "FORMAT[=FILE]", V | C | O,
      OPTT_LIST, "gcc", "gcc, json, sarif or github; =FILE writes it\nthere "
      "(repeatable: several formats, one run)", .section = "output",
      .takes = "gcc, json, sarif or github, each with =FILE if you like "
               "('sarif=results.sarif')",
      .ok = ok_format },
    [OPTION_BASELINE] = { "baseline", OPT_STORE, "FILE", V | C | O,
      OPTT_STRING,
      NULL, "do not report the findings FILE holds (see\n--write-baseline)" },
    [OPTION_WRITE_BASELINE] = { "write-baseline", OPT_STORE, "FILE", V | O,
      OPTT_STRING, NULL,
      "write every finding's key to FILE for\n--baseline, and exit 0" },
    [OPTION_OUTPUT] = { "output", OPT_STORE, "FILE", V | C | O, OPTT_STRING,
      NULL, "write the findings to FILE, not standard output" },
    [OPTION_SHOW_SOURCE] = { "show-source", OPT_STORE, NULL, V | O,
      OPTT_SWITCH,
      NULL, "print the source line and a caret under each\nfinding (default "
      "on a terminal)" },
    [OPTION_NO_SHOW_SOURCE] = { "no-show-source", OPT_STORE, NULL, V | O,
      OPTT_SWITCH, NULL, "never print source lines" },
    [OPTION_COLOR] = { "color", OPT_STORE, "WHEN", V | O, OPTT_STRING, "auto",
      "auto, always or never; auto honours NO_COLOR",
      .takes = "auto, always or never", .words = "auto always never" },
    [OPTION_COLUMN_UNIT] = { "column-unit", OPT_STORE, "UNIT", V | C,
      OPTT_STRING, "byte", "gcc columns in bytes (the default) or in\n"
      "display columns, as GCC 11 counts them",
      .takes = "byte or display", .words = "byte display" },
    [OPTION_SUMMARY] = { "summary", OPT_STORE, NULL, V | C | O, OPTT_SWITCH,
      NULL, "say how many findings in how many files on\nstandard error also "
      "when it is no terminal" },
    [OPTION_FIXITS] = { "fixits", OPT_STORE, NULL, V | O, OPTT_SWITCH, NULL,
      "print fixes as clang's parseable fix-it lines" },
    /* --fix, or --fix=RULE[,RULE]: only those rules' fixes ("1": all). */
    [OPTION_FIX] = { "fix", OPT_STORE, NULL, V | O, OPTT_STRING, NULL,
      "apply the fixes findings carry, in place" },
    [OPTION_DIFF] = { "diff", OPT_STORE, NULL, V | O, OPTT_SWITCH, NULL,
      "print those fixes as a unified diff instead" },
    [OPTION_QUIET] = { "quiet", 'q', NULL, V | O, OPTT_SWITCH, NULL,
      "no progress line on a terminal" },
    [OPTION_LIST_RULES] = { "list-rules", OPT_LIST_RULES, NULL, 0,
      OPTT_SWITCH, NULL, "list the rules and exit" },
    [OPTION_EXPLAIN] = { "explain", OPT_EXPLAIN, "RULE", 0, OPTT_STRING,
      NULL, "print RULE's documentation and exit" },
    [OPTION_HELP] = { "help", 'h', NULL, 0, OPTT_SWITCH, NULL,
      "show this help and exit" },
    [OPTION_VERSION] = { "version", 'V', NULL, 0, OPTT_SWITCH, NULL,
      "show the version and exit" },
};

#undef V
#undef C
#undef O

#define RULE_CONFIG "config"

/* The registry holds 13 rules; a unit test checks there is room. */
#define OPTIONS_MAX_RULES 64

/* A severity not set at this level. */
#define UNSET (-1)
/* --enable: on, at the level the file gives, else the default. */
#define CLI_ENABLE (-2)

/* One "overrides:" entry of the config file: rule levels for files
 * matching any of its globs. */
struct override {
    const char **globs;
    size_t nglobs;
    signed char level[OPTIONS_MAX_RULES];
};

/* A value as stored: checked and parsed once, when it is set. */
struct value {
    const char *str;            /* the last given */
    long num;                   /* OPTT_NUMBER */
    const char **list;          /* OPTT_LIST: every value given */
    size_t n, cap;
    int set, from_file;
    char *joined;               /* options_named()'s list, one a line */
};

static struct {
    struct value engine[OPTION_COUNT];
    struct value *rule[OPTIONS_MAX_RULES];  /* each rule's, by index */
    const struct option_def **all;          /* options_at() */
    struct value **all_values;
    size_t nall;

    signed char cfg[OPTIONS_MAX_RULES];     /* rules: in the file */
    /* The last of --severity (a level), --disable (SEV_OFF) and
     * --enable (CLI_ENABLE) given for the rule, or UNSET. */
    signed char cli[OPTIONS_MAX_RULES];
    signed char only[OPTIONS_MAX_RULES];    /* named by --only */
    int only_given;
    struct override *ov;
    size_t nov;
    /* The policy, computed once per file and rule ("levels" of a file
     * are its rules' levels before --warnings-as-errors). */
    struct file_levels *levels;
    pthread_mutex_t levels_lock;

    const char *config_path;    /* as found or given; NULL if none */
    char config_dir[PATH_MAX];  /* its folder, resolved; "" if none */
    char cwd[PATH_MAX];
    int ready;
} o = { .levels_lock = PTHREAD_MUTEX_INITIALIZER };

static void
ready(void)
{
    size_t k, i, n = OPTION_COUNT;

    if (o.ready)
        return;
    memset(o.cfg, UNSET, sizeof o.cfg);
    memset(o.cli, UNSET, sizeof o.cli);
    for (k = 0; k < rules_count; k++)
        n += rules[k]->noptions;
    o.all = xcalloc(n, sizeof *o.all);
    o.all_values = xcalloc(n, sizeof *o.all_values);
    for (i = 0; i < OPTION_COUNT; i++) {
        o.all[o.nall] = &option_defs[i];
        o.all_values[o.nall++] = &o.engine[i];
    }
    for (k = 0; k < rules_count && k < OPTIONS_MAX_RULES; k++) {
        o.rule[k] = xcalloc(rules[k]->noptions + 1, sizeof *o.rule[k]);
        for (i = 0; i < rules[k]->noptions; i++) {
            o.all[o.nall] = &rules[k]->options[i];
            o.all_values[o.nall++] = &o.rule[k][i];
        }
    }
    o.ready = 1;
}

size_t
options_count(void)
{
    ready();
    return o.nall;
}

const struct option_def *
options_at(size_t i)
{
    ready();
    return i < o.nall ? o.all[i] : NULL;
}

static size_t
def_index(const char *name)
{
    size_t i;

    ready();
    for (i = 0; i < o.nall; i++)
        if (strcmp(o.all[i]->name, name) == 0)
            return i;
    return o.nall;
}

const struct option_def *
options_find(const char *name)
{
    size_t i = def_index(name);

    return i < o.nall ? o.all[i] : NULL;
}

/* Stores val (already checked) for option i; from the file, only when
 * the command line has not set it. */
static void
put(size_t i, const char *val, int from_file)
{
    const struct option_def *d = o.all[i];
    struct value *v = o.all_values[i];

    if (from_file && v->set && !v->from_file)
        return;                 /* the command line said it */
    if (d->type == OPTT_LIST) {
        if (v->cap == v->n) {
            v->cap = v->cap ? 2 * v->cap : 4;
            v->list = xrealloc(v->list, v->cap * sizeof *v->list);
        }
        v->list[v->n++] = val;
    } else if (d->type == OPTT_NUMBER) {
        v->num = strtol(val, NULL, 10);
    }
    v->str = val;
    v->set = 1;
    v->from_file = from_file;
}

void
options_set(const char *name, const char *value)
{
    size_t i = def_index(name);

    if (i == o.nall) {
        fprintf(stderr, "sitelint: no option '%s'\n", name);
        abort();                /* a misspelt name in our own code */
    }
    put(i, value, 0);
}

static long
number(const struct option_def *d, const struct value *v)
{
    return v->set ? v->num : d->dflt != NULL ? strtol(d->dflt, NULL, 10) : 0;
}

static const char *
string(const struct option_def *d, const struct value *v)
{
    if (d->type == OPTT_SWITCH)
        return v->set ? "1" : NULL;
    return v->set ? v->str : d->dflt;
}

static const char *const *
list(const struct option_def *d, const struct value *v, size_t *n)
{
    if (v->set) {
        *n = v->n;
        return v->list;
    }
    *n = d->dflt != NULL;
    return d->dflt != NULL ? &d->dflt : NULL;
}

const char *
options_str(enum option_id id)
{
    return string(&option_defs[id], &o.engine[id]);
}

int
options_on(enum option_id id)
{
    return o.engine[id].set;
}

long
options_num(enum option_id id)
{
    return number(&option_defs[id], &o.engine[id]);
}

const char *const *
options_list(enum option_id id, size_t *n)
{
    return list(&option_defs[id], &o.engine[id], n);
}

const char *
options_rule_str(size_t k, unsigned i)
{
    ready();
    return string(&rules[k]->options[i], &o.rule[k][i]);
}

int
options_rule_on(size_t k, unsigned i)
{
    ready();
    return o.rule[k][i].set;
}

long
options_rule_num(size_t k, unsigned i)
{
    ready();
    return number(&rules[k]->options[i], &o.rule[k][i]);
}

const char *const *
options_rule_list(size_t k, unsigned i, size_t *n)
{
    ready();
    return list(&rules[k]->options[i], &o.rule[k][i], n);
}

int
options_rule_set(size_t k, unsigned i)
{
    ready();
    return o.rule[k][i].set;
}

const char *
options_named(const char *name)
{
    size_t i = def_index(name), n, j;
    const char *const *vals;
    struct value *v;
    struct buf b = { 0 };

    if (i == o.nall) {
        fprintf(stderr, "sitelint: no option '%s'\n", name);
        abort();                /* a misspelt name in our own code */
    }
    v = o.all_values[i];
    if (o.all[i]->type != OPTT_LIST)
        return string(o.all[i], v);
    vals = list(o.all[i], v, &n);
    if (n == 0)
        return NULL;
    for (j = 0; j < n; j++)
        buf_addf(&b, "%s%s", j > 0 ? "\n" : "", vals[j]);
    free(v->joined);
    v->joined = xstrdup(b.p);
    buf_free(&b);
    return v->joined;
}

static int
ok_format(const char *s)
{
    static const char *const names[] = { "gcc", "json", "sarif", "github" };
    size_t n = strcspn(s, "="), i;

    if (s[n] == '=' && s[n + 1] == '\0')
        return 0;               /* "sarif=": a file with no name */
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && strncmp(names[i], s, n) == 0)
            return 1;
    return 0;
}

/* Is s a whole non-negative decimal number below a billion? */
static int
ok_count(const char *s)
{
    size_t n = strspn(s, "0123456789");

    return n > 0 && n < 10 && s[n] == '\0';
}

static int
ok_url_path(const char *v)
{
    return v[0] == '/';
}

static int
ok_static_dir(const char *v)
{
    const char *eq = strchr(v, '=');

    return v[0] != '\0' && v[0] != '=' && v[0] != '/' &&
           (eq == NULL || (eq[1] == '/' && eq[strlen(eq) - 1] == '/'));
}

/* Is v one of the blank-separated words? */
static int
one_of(const char *v, const char *words, int nocase)
{
    size_t n = strlen(v);

    while (*words != '\0') {
        size_t w = strcspn(words, " ");

        if (w == n && (nocase ? strncasecmp(words, v, n)
                              : strncmp(words, v, n)) == 0)
            return 1;
        words += w + (words[w] == ' ');
    }
    return 0;
}

int
options_check(const char *name, const char *val, const char **takes)
{
    const struct option_def *d = options_find(name);

    if (d == NULL)
        return 1;
    if (d->type == OPTT_NUMBER) {
        if (takes != NULL)
            *takes = d->min > 0 ? "a whole number, at least 1" : "a number";
        return ok_count(val) && strtol(val, NULL, 10) >= d->min;
    }
    if (takes != NULL && d->takes != NULL)
        *takes = d->takes;
    if (d->words != NULL)
        return one_of(val, d->words, d->nocase);
    return d->ok == NULL || d->ok(val);
}

static void forget_levels(void);

/* ---- rule levels -------------------------------------------------------- */

static int
find_rule(const char *id, size_t len)
{
    size_t k;

    for (k = 0; k < rules_count; k++)
        if (strlen(rules[k]->id) == len && strncmp(rules[k]->id, id, len) == 0)
            return (int)k;
    return -1;
}

const char *
options_unknown_rule(const char *list)
{
    const char *p = list;

    do {
        size_t len = strcspn(p, ",");

        if (find_rule(p, len) < 0)
            return p;
        p += len + (p[len] == ',');
    } while (*p != '\0');
    return NULL;
}

/* Sets v[k] to value for each rule k in the comma list; -1 if one is
 * not a rule (nothing is changed then). */
static int
mark_rules(const char *list, signed char *v, signed char value)
{
    const char *p = list;

    ready();
    forget_levels();
    if (options_unknown_rule(list) != NULL)
        return -1;
    do {
        size_t len = strcspn(p, ",");

        v[find_rule(p, len)] = value;
        p += len + (p[len] == ',');
    } while (*p != '\0');
    return 0;
}

int
options_only(const char *list)
{
    o.only_given = 1;
    return mark_rules(list, o.only, 1);
}

int
options_enable(const char *list)
{
    return mark_rules(list, o.cli, CLI_ENABLE);
}

int
options_disable(const char *list)
{
    return mark_rules(list, o.cli, SEV_OFF);
}

int
options_severity(const char *spec)
{
    const char *eq = strchr(spec, '=');
    enum severity sev;
    int k;

    ready();
    forget_levels();
    if (eq == NULL || (k = find_rule(spec, (size_t)(eq - spec))) < 0 ||
        severity_parse(eq + 1, &sev) != 0)
        return -1;
    o.cli[k] = (signed char)sev;
    return 0;
}

/* The command line's word on rule k, given the level the file set. */
static enum severity
apply_cli(size_t k, enum severity level)
{
    int on = o.cli[k] == CLI_ENABLE || o.only[k];

    if (o.cli[k] >= SEV_OFF)
        return (enum severity)o.cli[k];     /* --severity, --disable */
    if (o.only_given && !on)
        return SEV_OFF;
    if (on && level == SEV_OFF)
        return o.cfg[k] != UNSET && o.cfg[k] != SEV_OFF
               ? (enum severity)o.cfg[k] : rules[k]->severity;
    return level;
}

/* Folds "." and ".." out of an absolute path, in place. */
static void
normalize(char *path)
{
    char *out = path, *p = path;

    while (*p != '\0') {
        size_t n;

        while (*p == '/')
            p++;
        n = strcspn(p, "/");
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out > path && *--out != '/')
                continue;
        } else {
            *out++ = '/';
            memmove(out, p, n);
            out += n;
        }
        p += n;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

/* file as a path from the config file's folder, in buf; file itself if
 * it is elsewhere. */
static const char *
config_relative(const char *file, char *buf, size_t size)
{
    size_t n;

    if (o.config_dir[0] == '\0')
        return file;
    n = file[0] == '/' ? (size_t)snprintf(buf, size, "%s", file)
                       : (size_t)snprintf(buf, size, "%s/%s", o.cwd, file);
    if (n >= size)
        return file;            /* longer than a path can be */
    normalize(buf);
    n = strlen(o.config_dir);
    if (strncmp(buf, o.config_dir, n) == 0 && buf[n] == '/')
        return buf + n + 1;
    if (strcmp(o.config_dir, "/") == 0)
        return buf + 1;
    return file;
}

/* Does one folder or file name match one glob segment? */
static int
seg_match(const char *g, size_t gn, const char *p, size_t pn)
{
    char seg[NAME_MAX + 1], name[NAME_MAX + 1];

    if (gn >= sizeof seg || pn >= sizeof name)
        return 0;
    memcpy(seg, g, gn);
    seg[gn] = '\0';
    memcpy(name, p, pn);
    name[pn] = '\0';
    return fnmatch(seg, name, 0) == 0;
}

static int
match_segs(const char *g, const char *p)
{
    for (;;) {
        size_t gn = strcspn(g, "/"), pn = strcspn(p, "/");

        if (gn == 2 && g[0] == '*' && g[1] == '*') {
            const char *rest = g[2] == '/' ? g + 3 : g + 2;

            if (*rest == '\0')
                return 1;
            for (;;) {
                if (match_segs(rest, p))
                    return 1;
                if ((p = strchr(p, '/')) == NULL)
                    return 0;
                p++;
            }
        }
        if (!seg_match(g, gn, p, pn))
            return 0;
        if (g[gn] == '\0')
            return p[pn] == '\0';
        if (g[gn + 1] == '\0')
            return p[pn] == '/';        /* "dir/": what is below it */
        if (p[pn] != '/')
            return 0;
        g += gn + 1;
        p += pn + 1;
    }
}

/* Does the glob match path?  "*" and "?" stay within a name, "**"
 * spans folders, a glob without "/" matches the last name anywhere,
 * and one ending in "/" everything below that folder. */
static int
glob_match(const char *glob, const char *path)
{
    if (strchr(glob, '/') == NULL) {
        const char *base = strrchr(path, '/');

        return fnmatch(glob, base != NULL ? base + 1 : path, 0) == 0;
    }
    return match_segs(glob[0] == '/' ? glob + 1 : glob, path);
}

int
options_glob_match(const char *glob, const char *path)
{
    return glob_match(glob, path);
}

int
options_excluded(const char *file)
{
    size_t n, i;
    const char *const *globs = options_list(OPTION_EXCLUDE, &n), *rel;
    char buf[PATH_MAX];

    if (n == 0)
        return 0;
    rel = config_relative(file, buf, sizeof buf);
    for (i = 0; i < n; i++)
        if (glob_match(globs[i], rel))
            return 1;
    return 0;
}

static enum severity
level_for(size_t k, const char *file)
{
    enum severity level = o.cfg[k] != UNSET ? (enum severity)o.cfg[k]
                                            : rules[k]->severity;
    char buf[PATH_MAX];
    const char *rel;
    size_t i, g;

    if (file != NULL && o.nov > 0) {
        rel = config_relative(file, buf, sizeof buf);
        for (i = 0; i < o.nov; i++) {
            if (o.ov[i].level[k] == UNSET)
                continue;
            for (g = 0; g < o.ov[i].nglobs; g++)
                if (glob_match(o.ov[i].globs[g], rel)) {
                    level = (enum severity)o.ov[i].level[k];
                    break;
                }
        }
    }
    return apply_cli(k, level);
}

/* Every rule's level for one file, computed at its first finding. */
struct file_levels {
    const char *file;
    signed char level[OPTIONS_MAX_RULES];
    UT_hash_handle hh;
};

/* Drops what levels_of() computed: the levels changed. */
static void
forget_levels(void)
{
    struct file_levels *f, *tmp;

    pthread_mutex_lock(&o.levels_lock);
    HASH_ITER(hh, o.levels, f, tmp) {
        HASH_DEL(o.levels, f);
        free((char *)f->file);
        free(f);
    }
    pthread_mutex_unlock(&o.levels_lock);
}

static const signed char *
levels_of(const char *file)
{
    const char *key = file != NULL ? file : "";
    struct file_levels *f;
    size_t k;

    pthread_mutex_lock(&o.levels_lock);
    HASH_FIND_STR(o.levels, key, f);
    if (f == NULL) {
        f = xcalloc(1, sizeof *f);
        f->file = xstrdup(key);
        for (k = 0; k < rules_count; k++)
            f->level[k] = (signed char)level_for(k, file);
        HASH_ADD_KEYPTR(hh, o.levels, f->file, strlen(f->file), f);
    }
    pthread_mutex_unlock(&o.levels_lock);
    return f->level;
}

enum severity
options_policy(const char *rule, const char *file, enum severity sev)
{
    int k = find_rule(rule, strlen(rule));
    enum severity level;

    if (k < 0)
        return sev;
    level = (enum severity)levels_of(file)[k];
    if (level == SEV_OFF)
        return SEV_OFF;
    /* A finding milder than the rule's own severity stays milder. */
    if (sev < rules[k]->severity && sev < level)
        level = sev;
    if (level == SEV_WARNING && options_on(OPTION_WARNINGS_AS_ERRORS))
        level = SEV_ERROR;
    return level;
}

enum severity
options_rule_runs(const char *rule, enum severity dflt)
{
    int k = find_rule(rule, strlen(rule));
    enum severity level;
    size_t i;

    if (k < 0)
        return dflt;
    if ((level = level_for((size_t)k, NULL)) != SEV_OFF)
        return level;
    for (i = 0; i < o.nov; i++)
        if (o.ov[i].level[k] != UNSET &&
            (level = apply_cli(k, (enum severity)o.ov[i].level[k])) !=
                SEV_OFF)
            return level;
    return SEV_OFF;
}

/* ---- .sitelint.yml ------------------------------------------------------ */

#define CONFIG_NAME ".sitelint.yml"
/* A config file is a few lines; a larger one is a mistake. */
#define CONFIG_FILE_MAX (1024u * 1024)

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

static void
bad_key(const struct fm_node *v, const char *where)
{
    diag_add(v->key_pos, v->key_pos.col + (unsigned)strlen(v->key),
             SEV_ERROR, RULE_CONFIG, "unknown key '%s'%s (see sitelint(1), "
             "CONFIGURATION)", v->key, where);
}

/* A scalar, or a list of scalars joined with sep. */
static const char *
config_value(struct arena *a, const struct fm_node *v, int sep)
{
    struct buf b = { 0 };
    const char *out;
    size_t i;

    if (v->type == FM_SCALAR)
        return v->str;
    if (v->type != FM_SEQ) {
        diag_add(v->pos, 0, SEV_ERROR, RULE_CONFIG, "'%s' takes a value or a "
                 "list of values", v->key);
        return NULL;
    }
    for (i = 0; i < v->nkids; i++) {
        if (v->kids[i]->type != FM_SCALAR) {
            diag_add(v->kids[i]->pos, 0, SEV_ERROR, RULE_CONFIG,
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

/* The value's position for a finding about its element elem (of a
 * list), or about the whole value. */
static struct pos
elem_pos(const struct fm_node *v, size_t elem)
{
    return v->type == FM_SEQ && elem < v->nkids ? v->kids[elem]->pos
                                                : v->pos;
}

static void
config_option(struct arena *a, const struct fm_node *v, size_t i)
{
    const struct option_def *d = o.all[i];
    const char *val, *takes = "another value";
    size_t elem;

    if (d->type == OPTT_LIST && v->type == FM_SEQ) {
        /* Each element on its own: the good ones are kept, each bad one
         * reported. */
        for (elem = 0; elem < v->nkids; elem++) {
            const struct fm_node *e = v->kids[elem];

            if (e->type != FM_SCALAR) {
                diag_add(e->pos, 0, SEV_ERROR, RULE_CONFIG, "'%s' takes a "
                         "list of plain values", v->key);
                continue;
            }
            if (!options_check(d->name, e->str, &takes))
                diag_add(elem_pos(v, elem), 0, SEV_ERROR, RULE_CONFIG, "'%s' "
                         "takes %s, not '%s'", v->key, takes, e->str);
            else
                put(i, e->str, 1);
        }
        return;
    }
    /* A list for a one-value option is its values joined by commas. */
    if ((val = config_value(a, v, ',')) == NULL)
        return;
    if (d->type == OPTT_SWITCH) {
        if (strcmp(val, "true") == 0 || strcmp(val, "yes") == 0) {
            val = "1";
        } else if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0) {
            return;
        } else {
            diag_add(v->pos, 0, SEV_ERROR, RULE_CONFIG, "'%s' is true or "
                     "false, not '%s'", v->key, val);
            return;
        }
    }
    if (!options_check(d->name, val, &takes)) {
        diag_add(v->pos, 0, SEV_ERROR, RULE_CONFIG, "'%s' takes %s, not '%s'",
                 v->key, takes, val);
        return;
    }
    put(i, val, 1);
}

/* Reads a map of rule id to level into level[]. */
static void
config_levels(const struct fm_node *map, signed char *level)
{
    size_t i;

    if (map->type != FM_MAP) {
        diag_add(map->pos, 0, SEV_ERROR, RULE_CONFIG, "'%s' takes a map of "
                 "rule ids to levels (error, warning, note, off)", map->key);
        return;
    }
    for (i = 0; i < map->nkids; i++) {
        const struct fm_node *v = map->kids[i];
        int k = find_rule(v->key, strlen(v->key));
        enum severity sev;

        if (k < 0 && strcmp(v->key, "all") == 0) {
            /* "all: off", then the rules to keep: later keys win. */
            if (v->type != FM_SCALAR || severity_parse(v->str, &sev) != 0) {
                diag_add(v->pos, 0, SEV_ERROR, RULE_CONFIG, "'all' takes "
                         "error, warning, note or off");
                continue;
            }
            memset(level, sev, rules_count);
            continue;
        }
        if (k < 0) {
            diag_add(v->key_pos, v->key_pos.col + (unsigned)strlen(v->key),
                     SEV_ERROR, RULE_CONFIG, "unknown rule '%s' (see "
                     "sitelint --list-rules)", v->key);
            continue;
        }
        if (v->type != FM_SCALAR || severity_parse(v->str, &sev) != 0) {
            diag_add(v->pos, 0, SEV_ERROR, RULE_CONFIG, "rule '%s' takes "
                     "error, warning, note or off, not '%s'", v->key,
                     v->type == FM_SCALAR ? v->str : "a list or map");
            continue;
        }
        level[k] = (signed char)sev;
    }
}

static void
config_overrides(struct arena *a, const struct fm_node *seq)
{
    size_t i, j;

    if (seq->type != FM_SEQ) {
        diag_add(seq->pos, 0, SEV_ERROR, RULE_CONFIG, "'overrides' takes a "
                 "list of {files: [GLOB], rules: {RULE: LEVEL}}");
        return;
    }
    for (i = 0; i < seq->nkids; i++) {
        const struct fm_node *e = seq->kids[i], *files = NULL, *lv = NULL;
        struct override *ov;

        if (e->type != FM_MAP) {
            diag_add(e->pos, 0, SEV_ERROR, RULE_CONFIG, "an override is a map "
                     "with 'files' and 'rules'");
            continue;
        }
        for (j = 0; j < e->nkids; j++) {
            if (strcmp(e->kids[j]->key, "files") == 0)
                files = e->kids[j];
            else if (strcmp(e->kids[j]->key, "rules") == 0)
                lv = e->kids[j];
            else
                bad_key(e->kids[j], " in an override");
        }
        if (files == NULL || lv == NULL) {
            diag_add(e->pos, 0, SEV_ERROR, RULE_CONFIG, "an override needs "
                     "both 'files' and 'rules'");
            continue;
        }
        o.ov = xrealloc(o.ov, (o.nov + 1) * sizeof *o.ov);
        ov = &o.ov[o.nov];
        memset(ov, 0, sizeof *ov);
        memset(ov->level, UNSET, sizeof ov->level);
        if (files->type == FM_SCALAR) {
            ov->globs = arena_alloc(a, sizeof *ov->globs);
            ov->globs[ov->nglobs++] = files->str;
        } else if (files->type == FM_SEQ) {
            ov->globs = arena_alloc(a, (files->nkids + 1) *
                                    sizeof *ov->globs);
            for (j = 0; j < files->nkids; j++) {
                if (files->kids[j]->type == FM_SCALAR)
                    ov->globs[ov->nglobs++] = files->kids[j]->str;
                else
                    diag_add(files->kids[j]->pos, 0, SEV_ERROR, RULE_CONFIG,
                             "'files' takes a list of globs");
            }
        } else {
            diag_add(files->pos, 0, SEV_ERROR, RULE_CONFIG, "'files' takes a "
                     "glob or a list of globs");
            continue;
        }
        config_levels(lv, ov->level);
        o.nov++;
    }
}

void
options_load_config(struct arena *a, const char *given)
{
    const char *path;
    const struct fm_node *cfg;
    char *text, dir[PATH_MAX], *slash;
    size_t len, i, k;

    ready();
    if (getcwd(o.cwd, sizeof o.cwd) == NULL)
        o.cwd[0] = '\0';
    path = given != NULL ? given : find_config(a);
    if (path == NULL)
        return;
    path = diag_intern(path);
    o.config_path = path;
    snprintf(dir, sizeof dir, "%s", path);
    slash = strrchr(dir, '/');
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    if (realpath(dir, o.config_dir) == NULL)
        o.config_dir[0] = '\0';
    deps_file(path);
    if ((text = arena_read_file(a, path, CONFIG_FILE_MAX, &len)) == NULL) {
        diag_add((struct pos){ path, 0, 0 }, 0, SEV_ERROR, RULE_CONFIG,
                 "cannot read config: %s", strerror(errno));
        return;
    }
    if ((cfg = fm_parse_yaml(a, path, text, len, 1, RULE_CONFIG)) == NULL)
        return;
    for (i = 0; i < cfg->nkids; i++) {
        const struct fm_node *v = cfg->kids[i];

        if (strcmp(v->key, "rules") == 0) {
            config_levels(v, o.cfg);
            continue;
        }
        if (strcmp(v->key, "overrides") == 0) {
            config_overrides(a, v);
            continue;
        }
        k = def_index(v->key);
        if (k == o.nall || !(o.all[k]->flags & OPTF_CONFIG)) {
            bad_key(v, "");
            continue;
        }
        config_option(a, v, k);
    }
    forget_levels();            /* levels asked while reading are stale */
}

/* ---- printing ----------------------------------------------------------- */

/* Writes s as a YAML scalar, quoted when plain style would change it. */
static void
print_scalar(FILE *fp, const char *s)
{
    const char *p;

    if (s[0] != '\0' && strcspn(s, ":#{}[],&*!|>'\"%@`\\\n") == strlen(s) &&
        s[0] != '-' && s[0] != '?' && s[0] != ' ' &&
        s[strlen(s) - 1] != ' ' && strcmp(s, "true") != 0 &&
        strcmp(s, "false") != 0 && strcmp(s, "null") != 0 &&
        strcmp(s, "yes") != 0 && strcmp(s, "no") != 0 &&
        strcmp(s, "off") != 0 && strcmp(s, "on") != 0) {
        fputs(s, fp);
        return;
    }
    putc('"', fp);
    for (p = s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", fp);
        else
            putc(*p, fp);
    }
    putc('"', fp);
}

void
options_print(FILE *fp)
{
    size_t i, k, g;

    ready();
    fprintf(fp, "# sitelint %s: the effective configuration\n",
            SITELINT_VERSION);
    fprintf(fp, "# config file: %s\n",
            o.config_path != NULL ? o.config_path : "none");
    for (i = 0; i < o.nall; i++) {
        const struct option_def *d = o.all[i];
        const struct value *val = o.all_values[i];
        const char *const *vs;
        size_t n, j;

        if (!(d->flags & OPTF_CONFIG))
            continue;
        if (!val->set && d->dflt == NULL) {
            fprintf(fp, "# %s: %s\n", d->name,
                    d->type == OPTT_SWITCH ? "false" : "(unset)");
            continue;
        }
        fprintf(fp, "%s:", d->name);
        if (d->type == OPTT_SWITCH) {
            fputs(" true", fp);
        } else if (d->type == OPTT_LIST) {
            vs = list(d, val, &n);
            for (j = 0; j < n; j++) {
                fputs("\n  - ", fp);
                print_scalar(fp, vs[j]);
            }
        } else {
            putc(' ', fp);
            print_scalar(fp, string(d, val));
        }
        fprintf(fp, "%s\n", !val->set ? "  # default"
                : val->from_file ? "" : "  # command line");
    }
    fputs("rules:\n", fp);
    for (k = 0; k < rules_count; k++) {
        enum severity s = level_for(k, NULL);

        fprintf(fp, "  %s: %s", rules[k]->id, severity_name(s));
        if (s != rules[k]->severity)
            fprintf(fp, "  # default %s", severity_name(rules[k]->severity));
        putc('\n', fp);
    }
    if (o.nov == 0)
        return;
    fputs("overrides:\n", fp);
    for (i = 0; i < o.nov; i++) {
        fputs("  - files:\n", fp);
        for (g = 0; g < o.ov[i].nglobs; g++) {
            fputs("      - ", fp);
            print_scalar(fp, o.ov[i].globs[g]);
            putc('\n', fp);
        }
        fputs("    rules:\n", fp);
        for (k = 0; k < rules_count; k++)
            if (o.ov[i].level[k] != UNSET)
                fprintf(fp, "      %s: %s\n", rules[k]->id,
                        severity_name(apply_cli(k, (enum severity)
                                                o.ov[i].level[k])));
    }
}

void
options_usage(FILE *fp)
{
    size_t i;

    ready();
    for (i = 0; i < o.nall; i++) {
        const struct option_def *d = o.all[i];
        const char *h;
        char head[64];
        int n;

        if (d->section != NULL)
            fprintf(fp, "\n%s:\n", d->section);
        if (d->flags & OPTF_HIDDEN)
            continue;
        if (d->key > 0 && d->key < 0x100)
            n = snprintf(head, sizeof head, "-%c, --%s%s%s", d->key,
                         d->name, d->arg ? " " : "", d->arg ? d->arg : "");
        else
            n = snprintf(head, sizeof head, "--%s%s%s", d->name,
                         d->arg ? " " : "", d->arg ? d->arg : "");
        fprintf(fp, "  %s", head);
        if (n > 22)
            fprintf(fp, "\n%25s", "");
        else
            fprintf(fp, "%*s", 23 - n, "");
        for (h = d->help; *h != '\0'; h++) {
            putc(*h, fp);
            if (*h == '\n')
                fprintf(fp, "%25s", "");
        }
        if (d->dflt != NULL)
            fprintf(fp, " (default %s)", d->dflt);
        putc('\n', fp);
    }
}

void
options_free(void)
{
    size_t i, k;

    forget_levels();
    for (i = 0; i < o.nall; i++) {
        free(o.all_values[i]->list);
        free(o.all_values[i]->joined);
    }
    for (k = 0; k < OPTIONS_MAX_RULES; k++)
        free(o.rule[k]);
    free(o.all);
    free(o.all_values);
    free(o.ov);
    memset(&o, 0, sizeof o);
    o.levels_lock = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
}
