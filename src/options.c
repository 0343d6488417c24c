/* options.c: the option table, .sitelint.yml, and the severity policy
 * that the command line, the config file and its per-path overrides make
 * together.  One table drives getopt, --help, the config keys and
 * --print-config, so that they cannot disagree. */
#include "options.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "frontmatter.h"
#include "rule.h"
#include "walk.h"

#define V  OPTF_VALUE
#define R  OPTF_REPEAT
#define C  OPTF_CONFIG
#define S  OPTF_SWITCH

const struct option_def option_defs[] = {
    { NULL, 0, NULL, 0, NULL, "options" },
    { "config", OPT_CONFIG_FILE, "FILE", 0, NULL,
      "read FILE instead of the nearest .sitelint.yml" },
    { "init", OPT_STORE, NULL, V | S, NULL,
      "write a starter .sitelint.yml at the site root\nwith what a first "
      "run finds, and exit" },
    { "print-config", OPT_PRINT_CONFIG, NULL, 0, NULL,
      "print the effective configuration as YAML and exit" },
    { "only", OPT_ONLY, "RULE[,RULE]", 0, NULL, "run only these rules" },
    { "enable", OPT_ENABLE, "RULE[,RULE]", 0, NULL,
      "run these rules, also where the config file\nturns them off" },
    { "disable", OPT_DISABLE, "RULE[,RULE]", 0, NULL,
      "do not run these rules" },
    { "severity", OPT_SEVERITY, "RULE=LEVEL", 0, NULL,
      "report RULE at LEVEL: error, warning, note or\noff (repeatable)" },
    { "fail-on", OPT_STORE, "LEVEL", V | C, "note",
      "exit 1 on findings at or above LEVEL: error,\nwarning, note "
      "or never" },
    { "max-warnings", OPT_STORE, "N", V | C, NULL,
      "exit 1 only when there are errors or more than\nN warnings" },
    { "warnings-as-errors", OPT_STORE, NULL, V | S | C, NULL,
      "report warnings as errors (also -Werror)" },
    { "report-unused-suppressions", OPT_STORE, NULL, V | S | C, NULL,
      "report sitelint-disable comments that suppress\nnothing" },
    { "stdin-filename", OPT_STORE, "PATH", V, NULL,
      "lint standard input as the page PATH of its\nsite (an editor's "
      "unsaved buffer)" },
    { "max-page-bytes", OPT_STORE, "N", V | C, "8388608",
      "a Markdown page larger than N bytes is not\nparsed as Markdown (the "
      "per-page budget)" },
    { "exclude", OPT_STORE, "GLOB", V | R | C, NULL,
      "do not lint files matching GLOB (from the\nconfig's folder); they "
      "are still link targets\n(repeatable)" },
    { "no-gitignore", OPT_STORE, NULL, V | S | C, NULL,
      "lint files the site's .gitignore names too" },
    { "no-git", OPT_STORE, NULL, V | S | C, NULL,
      "when files are named, do not read their\ncommitted versions with "
      "git (to check\nlinks elsewhere to their former URLs)" },
    { "site-root", OPT_STORE, "DIR", V, NULL,
      "take DIR as the site root instead of searching" },
    { "site-type", OPT_STORE, "TYPE", V | C, NULL,
      "hugo, pelican, mkdocs or plain, instead of detecting it" },
    { "pelican-settings", OPT_STORE, "FILE", V | C, NULL,
      "the Pelican settings file, from the site root\n(default: "
      "pelicanconf.py, else what the\nMakefile or tasks.py passes as -s)" },
    { "static-dir", OPT_STORE, "DIR[=/URL/]", V | R | C, NULL,
      "a folder of static files from the site root,\nserved at /URL/ "
      "(default /, /DIR/ for Pelican)" },
    { "outside", OPT_STORE, "URL", V | R | C, NULL,
      "a URL prefix or glob served by something other\nthan these "
      "sources (repeatable)" },
    { "link-map", OPT_STORE, "REGEX=URL", V | R | C, NULL,
      "where the site's render hook sends a Markdown\nlink whose whole "
      "destination matches REGEX\n(repeatable)" },
    { "dropdown-url", OPT_STORE, "TPL", V | C, NULL,
      "where a numbered dropdown entry leads (default\n"
      "/{page}/{url}.html on Pelican, /{page}/{url}/)" },
    { "sidebar-url", OPT_STORE, "TPL", V | C, NULL,
      "where a numbered sidebar entry leads (default\n"
      "/{url}.html on Pelican, /{url}/)" },
    { "placeholders", OPT_STORE, "LIST", V | C, NULL,
      "comma-separated placeholder texts to flag" },
    { "plain-shortcodes", OPT_STORE, "LIST", V | C, NULL,
      "shortcodes that add no ids to a page, so that\nanchors into "
      "pages using them are checked" },
    { "locale", OPT_STORE, "LOCALE", V | C, NULL,
      "en-US or en-GB: the spelling the site uses" },
    { "spelling-lists", OPT_STORE, "LIST", V | C, "clear",
      "codespell lists to use; any of clear, rare,\ninformal, usage, "
      "names, code" },
    { "spelling-add", OPT_STORE, "WRONG->RIGHT", V | R | C, NULL,
      "flag WRONG and suggest RIGHT (repeatable)" },
    { "spelling-drop", OPT_STORE, "WORD", V | R | C, NULL,
      "never flag WORD (repeatable)" },
    { "words", OPT_STORE, "WORD", V | R | C, NULL,
      "a word of the site's that typo never reports\n(repeatable)" },
    { "words-file", OPT_STORE, "FILE", V | C, NULL,
      "more such words, one a line" },
    { "typo-min-length", OPT_STORE, "N", V | C, "5",
      "typo: shorter words are not judged (acronyms:\n4)" },
    { "typo-max-uses", OPT_STORE, "N", V | C, "2",
      "typo: a word used more often on the site is\nits vocabulary" },
    { "dict-dir", OPT_STORE, "DIRS", V | C, NULL,
      "where Hunspell dictionaries are (default\n/usr/share/hunspell and "
      "myspell's folders)" },
    { "codespell-dir", OPT_STORE, "DIR", V | C, NULL,
      "where codespell's dictionary*.txt files are" },

    { NULL, 0, NULL, 0, NULL, "output" },
    { "format", OPT_STORE, "FORMAT[=FILE]", V | R | C, "gcc",
      "gcc, json, sarif or github; =FILE writes it\nthere (repeatable: "
      "several formats, one run)" },
    { "baseline", OPT_STORE, "FILE", V | C, NULL,
      "do not report the findings FILE holds (see\n--write-baseline)" },
    { "write-baseline", OPT_STORE, "FILE", V, NULL,
      "write every finding's key to FILE for\n--baseline, and exit 0" },
    { "output", OPT_STORE, "FILE", V | C, NULL,
      "write the findings to FILE, not standard output" },
    { "show-source", OPT_STORE, NULL, V | S, NULL,
      "print the source line and a caret under each\nfinding (default "
      "on a terminal)" },
    { "no-show-source", OPT_STORE, NULL, V | S, NULL,
      "never print source lines" },
    { "color", OPT_STORE, "WHEN", V, "auto",
      "auto, always or never; auto honours NO_COLOR" },
    { "column-unit", OPT_STORE, "UNIT", V | C, "byte",
      "gcc columns in bytes (the default) or in\ndisplay columns, as GCC 11 "
      "counts them" },
    { "summary", OPT_STORE, NULL, V | S | C, NULL,
      "say how many findings in how many files on\nstandard error also "
      "when it is no terminal" },
    { "fixits", OPT_STORE, NULL, V | S, NULL,
      "print fixes as clang's parseable fix-it lines" },
    { "fix", OPT_STORE, NULL, V | S, NULL,
      "apply the fixes findings carry, in place" },
    { "diff", OPT_STORE, NULL, V | S, NULL,
      "print those fixes as a unified diff instead" },
    { "quiet", 'q', NULL, V | S, NULL,
      "no progress line on a terminal" },
    { "list-rules", OPT_LIST_RULES, NULL, 0, NULL,
      "list the rules and exit" },
    { "explain", OPT_EXPLAIN, "RULE", 0, NULL,
      "print RULE's documentation and exit" },
    { "help", 'h', NULL, 0, NULL, "show this help and exit" },
    { "version", 'V', NULL, 0, NULL, "show the version and exit" },

    { NULL, 0, NULL, 0, NULL, "external links (rule external-link)" },
    { "offline", OPT_STORE, NULL, V | S | C, NULL,
      "do not check external links at all" },
    { "strict-links", OPT_STORE, NULL, V | S | C, NULL,
      "transient failures (timeouts, 5xx, 429) fail\nthe run too" },
    { "check-fragments", OPT_STORE, NULL, V | S | C, NULL,
      "fetch pages whose links carry #fragment and\nlook for the id" },
    { "link-include", OPT_STORE, "REGEX", V | R | C, NULL,
      "check only URLs matching REGEX (repeatable)" },
    { "link-exclude", OPT_STORE, "REGEX", V | R | C, NULL,
      "never check URLs matching REGEX (repeatable)" },
    { "link-accept", OPT_STORE, "REGEX=CODES", V | R | C, NULL,
      "take these HTTP codes as alive for URLs\nmatching REGEX "
      "(repeatable)" },
    { "link-get", OPT_STORE, "REGEX", V | R | C, NULL,
      "ask URLs matching REGEX with GET, not HEAD:\ntheir servers answer "
      "HEAD wrongly (repeatable)" },
    { "link-header", OPT_STORE, "HOST=NAME: VALUE", V | R | C, NULL,
      "send this header to HOST only; ${VAR} is read\nfrom the "
      "environment (repeatable)" },
    { "link-concurrency", OPT_STORE, "N", V | C, "64",
      "requests at once" },
    { "link-host-concurrency", OPT_STORE, "N", V | C, "4",
      "requests at once to one host" },
    { "link-timeout", OPT_STORE, "S", V | C, "20",
      "seconds for a request" },
    { "link-connect-timeout", OPT_STORE, "S", V | C, "10",
      "seconds to connect" },
    { "link-retries", OPT_STORE, "N", V | C, "2",
      "retries after network errors and 5xx" },
    { "link-backoff-ms", OPT_STORE, "MS", V | C, "500",
      "first retry's pause; doubles" },
    { "link-retry-after-max", OPT_STORE, "S", V | C, "60",
      "longest Retry-After honoured" },
    { "link-redirects", OPT_STORE, "N", V | C, "5",
      "redirects followed" },
    { "link-cache", OPT_STORE, "FILE", V, NULL,
      "the cache file (default\n$XDG_CACHE_HOME/sitelint/links.tsv)" },
    { "no-link-cache", OPT_STORE, NULL, V | S, NULL,
      "neither read nor write the cache" },
    { "link-cache-ttl", OPT_STORE, "S", V | C, "86400",
      "how long a success is trusted" },
    { "link-failure-ttl", OPT_STORE, "S", V | C, "0",
      "how long a failure is trusted" },
    { "resolve", OPT_STORE, "HOST:PORT:ADDR", V | R, NULL,
      "connect to ADDR for HOST:PORT, as curl's" },
    { "refuse-private", OPT_STORE, NULL, V | S | C, NULL,
      "never connect to private or loopback addresses" },
    { "untrusted", OPT_STORE, NULL, V | S | C, NULL,
      "for content you did not write: --refuse-private" },
    { "link-cacert", OPT_STORE, "FILE", V | C, NULL,
      "trust the CA certificates in FILE (PEM) for\nhttps, not the "
      "system's" },
    { "user-agent", OPT_STORE, "TEXT", V | C, NULL,
      "the User-Agent header" },
    { "progress", OPT_STORE, NULL, V | S | OPTF_HIDDEN, NULL, NULL },
};
const size_t option_defs_count = sizeof option_defs / sizeof option_defs[0];

#undef V
#undef R
#undef C
#undef S

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

static struct {
    const char *values[sizeof option_defs / sizeof option_defs[0]];
    char *joined[sizeof option_defs / sizeof option_defs[0]];
    unsigned char from_file[sizeof option_defs / sizeof option_defs[0]];

    signed char cfg[OPTIONS_MAX_RULES];     /* rules: in the file */
    /* The last of --severity (a level), --disable (SEV_OFF) and
     * --enable (CLI_ENABLE) given for the rule, or UNSET. */
    signed char cli[OPTIONS_MAX_RULES];
    signed char only[OPTIONS_MAX_RULES];    /* named by --only */
    int only_given;
    struct override *ov;
    size_t nov;

    const char *config_path;    /* as found or given; NULL if none */
    char config_dir[PATH_MAX];  /* its folder, resolved; "" if none */
    char cwd[PATH_MAX];
    int ready;
} o;

static void
ready(void)
{
    if (o.ready)
        return;
    memset(o.cfg, UNSET, sizeof o.cfg);
    memset(o.cli, UNSET, sizeof o.cli);
    o.ready = 1;
}

static size_t
def_index(const char *name)
{
    size_t i;

    for (i = 0; i < option_defs_count; i++)
        if (option_defs[i].name != NULL &&
            strcmp(option_defs[i].name, name) == 0)
            return i;
    return option_defs_count;
}

const struct option_def *
options_find(const char *name)
{
    size_t i = def_index(name);

    return i < option_defs_count ? &option_defs[i] : NULL;
}

/* Adds value to option i: a repeated option keeps every value. */
static void
store(size_t i, const char *value)
{
    if ((option_defs[i].flags & OPTF_REPEAT) && o.values[i] != NULL) {
        size_t a = strlen(o.values[i]), b = strlen(value);
        char *both = xmalloc(a + b + 2);

        memcpy(both, o.values[i], a);
        both[a] = '\n';
        memcpy(both + a + 1, value, b + 1);
        free(o.joined[i]);
        value = o.joined[i] = both;
    }
    o.values[i] = value;
}

void
options_set(const char *name, const char *value)
{
    size_t i = def_index(name);

    if (i < option_defs_count)
        store(i, value);
}

const char *
options_get(const char *name)
{
    size_t i = def_index(name);

    if (i == option_defs_count)
        return NULL;
    return o.values[i] != NULL ? o.values[i] : option_defs[i].dflt;
}

/* Is s a whole non-negative decimal number below a billion? */
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

static int
ok_count(const char *s)
{
    size_t n = strspn(s, "0123456789");

    return n > 0 && n < 10 && s[n] == '\0';
}

static int
ok_resolve(const char *v)
{
    const char *c1 = strchr(v, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

    return c1 != NULL && c1 > v && c2 != NULL && c2 > c1 + 1 &&
           c2[1] != '\0';
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

static int
ok_spelling(const char *v)
{
    const char *arrow = strstr(v, "->");

    return arrow != NULL && arrow > v && arrow[2] != '\0' &&
           strchr(v, ' ') == NULL;
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

/* Options whose values are restricted: what they take, and either the
 * words they take or a test. */
static const struct {
    const char *name;
    const char *takes;
    const char *words;
    int nocase;
    int (*ok)(const char *);
} restricted[] = {
    { "color", "auto, always or never", "auto always never", 0, NULL },
    { "column-unit", "byte or display", "byte display", 0, NULL },
    { "fail-on", "error, warning, note or never",
      "error warning note never", 0, NULL },
    { "format", "gcc, json, sarif or github, each with =FILE if you like "
      "('sarif=results.sarif')", NULL, 0, ok_format },
    { "locale", "en-US or en-GB", "en-US en-GB", 1, NULL },
    { "max-page-bytes", "a number", NULL, 0, ok_count },
    { "typo-max-uses", "a number", NULL, 0, ok_count },
    { "typo-min-length", "a number", NULL, 0, ok_count },
    { "max-warnings", "a number", NULL, 0, ok_count },
    { "outside", "a URL path from the site root ('/extensions/')", NULL, 0,
      ok_url_path },
    { "resolve", "HOST:PORT:ADDRESS ('example.org:443:127.0.0.1')", NULL, 0,
      ok_resolve },
    { "site-type", "hugo, pelican, mkdocs or plain",
      "hugo pelican mkdocs plain", 0, NULL },
    { "spelling-add", "WRONG->RIGHT ('Jabbre->Jabber')", NULL, 0,
      ok_spelling },
    { "static-dir", "DIR or DIR=/URL-PREFIX/ ('assets/img=/img/')", NULL, 0,
      ok_static_dir },
};

int
options_check(const char *name, const char *val, const char **takes)
{
    size_t i;

    for (i = 0; i < sizeof restricted / sizeof restricted[0]; i++) {
        if (strcmp(restricted[i].name, name) != 0)
            continue;
        if (takes != NULL)
            *takes = restricted[i].takes;
        return restricted[i].words != NULL
               ? one_of(val, restricted[i].words, restricted[i].nocase)
               : restricted[i].ok(val);
    }
    return 1;
}

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
    const char *globs = options_get("exclude"), *rel;
    char buf[PATH_MAX], one[PATH_MAX];

    if (globs == NULL)
        return 0;
    rel = config_relative(file, buf, sizeof buf);
    while (*globs != '\0') {
        size_t n = strcspn(globs, "\n");

        if (n < sizeof one) {
            memcpy(one, globs, n);
            one[n] = '\0';
            if (glob_match(one, rel))
                return 1;
        }
        globs += n + (globs[n] == '\n');
    }
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

enum severity
options_policy(const char *rule, const char *file, enum severity sev)
{
    int k = find_rule(rule, strlen(rule));
    enum severity level;

    if (k < 0)
        return sev;
    level = level_for((size_t)k, file);
    if (level == SEV_OFF)
        return SEV_OFF;
    /* A finding milder than the rule's own severity stays milder. */
    if (sev < rules[k]->severity && sev < level)
        level = sev;
    if (level == SEV_WARNING && options_get("warnings-as-errors") != NULL)
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
    const struct option_def *d = &option_defs[i];
    const char *val, *takes = "another value", *p;
    size_t elem;

    if ((val = config_value(a, v, (d->flags & OPTF_REPEAT) ? '\n' : ','))
            == NULL)
        return;
    if (d->flags & OPTF_SWITCH) {
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
    /* Each element of a repeatable option on its own: the good ones are
     * kept, each bad one reported. */
    if (d->flags & OPTF_REPEAT) {
        struct buf keep = { 0 };

        for (p = val, elem = 0; *p != '\0'; elem++) {
            size_t n = strcspn(p, "\n");
            char *one = arena_strndup(a, p, n);

            if (!options_check(d->name, one, &takes))
                diag_add(elem_pos(v, elem), 0, SEV_ERROR, RULE_CONFIG, "'%s' "
                         "takes %s, not '%s'", v->key, takes, one);
            else
                buf_addf(&keep, "%s%s", keep.len > 0 ? "\n" : "", one);
            p += n + (p[n] == '\n');
        }
        val = keep.p != NULL ? arena_strdup(a, keep.p) : NULL;
        buf_free(&keep);
        if (val == NULL)
            return;
    } else if (!options_check(d->name, val, &takes)) {
        diag_add(v->pos, 0, SEV_ERROR, RULE_CONFIG, "'%s' takes %s, not '%s'",
                 v->key, takes, val);
        return;
    }
    if (o.values[i] != NULL && !o.from_file[i])
        return;                 /* the command line said it */
    o.from_file[i] = 1;
    store(i, val);
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
        if (k == option_defs_count ||
            !(option_defs[k].flags & OPTF_CONFIG)) {
            bad_key(v, "");
            continue;
        }
        config_option(a, v, k);
    }
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

    fprintf(fp, "# sitelint %s: the effective configuration\n",
            SITELINT_VERSION);
    fprintf(fp, "# config file: %s\n",
            o.config_path != NULL ? o.config_path : "none");
    for (i = 0; i < option_defs_count; i++) {
        const struct option_def *d = &option_defs[i];
        const char *v = o.values[i];

        if (d->name == NULL || !(d->flags & OPTF_CONFIG))
            continue;
        if (v == NULL && d->dflt == NULL) {
            fprintf(fp, "# %s: %s\n", d->name,
                    (d->flags & OPTF_SWITCH) ? "false" : "(unset)");
            continue;
        }
        fprintf(fp, "%s:", d->name);
        if (v == NULL)
            v = d->dflt;
        if (d->flags & OPTF_SWITCH) {
            fputs(" true", fp);
        } else if (d->flags & OPTF_REPEAT) {
            const char *p = v;

            while (*p != '\0') {
                size_t n = strcspn(p, "\n");
                char *one = xmalloc(n + 1);

                memcpy(one, p, n);
                one[n] = '\0';
                fputs("\n  - ", fp);
                print_scalar(fp, one);
                free(one);
                p += n + (p[n] == '\n');
            }
        } else {
            putc(' ', fp);
            print_scalar(fp, v);
        }
        fprintf(fp, "%s\n", o.values[i] == NULL ? "  # default"
                : o.from_file[i] ? "" : "  # command line");
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

    for (i = 0; i < option_defs_count; i++) {
        const struct option_def *d = &option_defs[i];
        const char *h;
        char head[64];
        int n;

        if (d->name == NULL) {
            fprintf(fp, "\n%s:\n", d->help);
            continue;
        }
        if (d->flags & OPTF_HIDDEN)
            continue;
        if (d->key < 0x100)
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
    size_t i;

    for (i = 0; i < option_defs_count; i++)
        free(o.joined[i]);
    free(o.ov);
    memset(&o, 0, sizeof o);
}
