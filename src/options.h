/* options.h: sitelint's settings, from defaults, .sitelint.yml and the
 * command line (which wins), and the policy they make: which rules run,
 * at what severity, for which files. */
#ifndef OPTIONS_H
#define OPTIONS_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "option_def.h"

#ifndef SITELINT_VERSION
#define SITELINT_VERSION "0.1.0"
#endif

/* getopt values of the options main.c acts on itself. */
enum {
    OPT_STORE = 0x100,          /* an OPTF_VALUE option */
    OPT_CONFIG_FILE,
    OPT_ONLY,
    OPT_ENABLE,
    OPT_DISABLE,
    OPT_SEVERITY,
    OPT_LIST_RULES,
    OPT_EXPLAIN,
    OPT_PRINT_CONFIG
};

/* The engine's options, by index into its table: a misspelt name does
 * not compile.  Rules declare theirs in struct rule. */
enum option_id {
    OPTION_CONFIG, OPTION_INIT, OPTION_PRINT_CONFIG, OPTION_ONLY,
    OPTION_ENABLE, OPTION_DISABLE, OPTION_SEVERITY, OPTION_FAIL_ON,
    OPTION_MAX_WARNINGS, OPTION_WARNINGS_AS_ERRORS,
    OPTION_REPORT_UNUSED_SUPPRESSIONS, OPTION_STDIN_FILENAME,
    OPTION_MAX_PAGE_BYTES, OPTION_EXCLUDE, OPTION_NO_GITIGNORE,
    OPTION_NO_GIT, OPTION_NO_CACHE, OPTION_JOBS, OPTION_SITE_ROOT,
    OPTION_SITE_TYPE,
    OPTION_PELICAN_SETTINGS, OPTION_STATIC_DIR, OPTION_OUTSIDE,
    OPTION_LINK_MAP, OPTION_PLAIN_SHORTCODES,
    OPTION_FORMAT, OPTION_BASELINE, OPTION_WRITE_BASELINE, OPTION_OUTPUT,
    OPTION_SHOW_SOURCE, OPTION_NO_SHOW_SOURCE, OPTION_COLOR,
    OPTION_COLUMN_UNIT, OPTION_SUMMARY, OPTION_FIXITS, OPTION_FIX,
    OPTION_DIFF, OPTION_QUIET, OPTION_LIST_RULES, OPTION_EXPLAIN,
    OPTION_HELP, OPTION_VERSION,
    OPTION_COUNT
};

/* Every option: the engine's table, then each rule's, in registry
 * order; for getopt, --help, the config keys and --print-config. */
size_t options_count(void);
const struct option_def *options_at(size_t i);
/* The definition of the option called name, or NULL. */
const struct option_def *options_find(const char *name);

/* Stores value for an OPTF_VALUE option from the command line: a list
 * keeps every value, a string the last.  value must outlive the run;
 * it must be one the option takes (options_check). */
void options_set(const char *name, const char *value);
/* Is value one the option takes?  If not, *takes says what it takes. */
int options_check(const char *name, const char *value, const char **takes);

/* An engine option's value, typed.  options_str: the value or default,
 * NULL if neither; options_on: a switch is on; options_num: the number
 * (its default if unset); options_list: every value given (else the
 * default, alone), *n of them. */
const char *options_str(enum option_id id);
int options_on(enum option_id id);
long options_num(enum option_id id);
const char *const *options_list(enum option_id id, size_t *n);
/* The same for option i of rules[k]; options_rule_set: given at all. */
const char *options_rule_str(size_t k, unsigned i);
int options_rule_on(size_t k, unsigned i);
long options_rule_num(size_t k, unsigned i);
const char *const *options_rule_list(size_t k, unsigned i, size_t *n);
int options_rule_set(size_t k, unsigned i);
/* Any option's value as a string (a list's values one a line), for code
 * that prints options generically; the name must be an option's. */
const char *options_named(const char *name);

/* Does glob match path, as overrides' globs match ("*" within a name,
 * "**" across folders, a glob without "/" a name anywhere, "dir/"
 * everything below)? */
int options_glob_match(const char *glob, const char *path);

/* Is file (as the user named it) matched by an --exclude glob, taken from
 * the config's folder? */
int options_excluded(const char *file);

/* The first id in a comma list of rules that is no rule (a pointer into
 * list, up to the next comma), or NULL if all are rules. */
const char *options_unknown_rule(const char *list);
/* Rule severities from the command line; -1 for an unknown rule. */
int options_only(const char *list);
int options_enable(const char *list);
int options_disable(const char *list);
int options_severity(const char *spec); /* RULE=LEVEL */

/* Reads the config file: path given with --config, else the nearest
 * .sitelint.yml upward from the working folder.  Problems are findings
 * of rule "config" at their line and column; the run goes on. */
void options_load_config(struct arena *a, const char *given);

/* The severity of a finding of rule in file, reported at sev by a rule
 * whose default is dflt; SEV_OFF drops it.  file NULL: the run as a
 * whole.  Safe to call from any thread once the options are loaded. */
enum severity options_policy(const char *rule, const char *file,
                             enum severity sev);
/* Whether rule runs at all: SEV_OFF if it is off for every file. */
enum severity options_rule_runs(const char *rule, enum severity dflt);

/* Writes the effective configuration as .sitelint.yml YAML. */
void options_print(FILE *fp);
/* Writes --help's option list. */
void options_usage(FILE *fp);

/* Frees what the options hold. */
void options_free(void);

#endif
