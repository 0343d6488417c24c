/* options.h: sitelint's settings, from defaults, .sitelint.yml and the
 * command line (which wins), and the policy they make: which rules run,
 * at what severity, for which files. */
#ifndef OPTIONS_H
#define OPTIONS_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"

#ifndef SITELINT_VERSION
#define SITELINT_VERSION "0.1.0"
#endif

/* What an option is.  OPTF_VALUE options only store their value (rules
 * read it with rule_option()); the others are acted on by main.c. */
#define OPTF_VALUE   0x01u      /* stored, read by name */
#define OPTF_REPEAT  0x02u      /* may be given again: values one a line */
#define OPTF_CONFIG  0x04u      /* may be set in .sitelint.yml */
#define OPTF_SWITCH  0x08u      /* takes no value: on or absent */
#define OPTF_HIDDEN  0x10u      /* set by the program, not by users */

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

struct option_def {
    const char *name;           /* long option, and config key */
    int key;                    /* getopt's value for it (see main.c) */
    const char *arg;            /* placeholder in --help; NULL: switch */
    unsigned flags;
    const char *dflt;           /* value when unset, or NULL */
    const char *help;           /* --help text; "\n" starts a new line */
};

/* Every option, in --help order; a NULL name starts a section whose
 * title is help. */
extern const struct option_def option_defs[];
extern const size_t option_defs_count;

/* The definition of the option called name, or NULL. */
const struct option_def *options_find(const char *name);

/* Stores value for an OPTF_VALUE option from the command line; a
 * repeated option keeps every value, one a line.  value must outlive
 * the run. */
void options_set(const char *name, const char *value);
/* The option's value, its default if unset, or NULL. */
const char *options_get(const char *name);

/* Does glob match path, as overrides' globs match ("*" within a name,
 * "**" across folders, a glob without "/" a name anywhere, "dir/"
 * everything below)? */
int options_glob_match(const char *glob, const char *path);

/* Is file (as the user named it) matched by an --exclude glob, taken from
 * the config's folder? */
int options_excluded(const char *file);
/* Is value one the option takes?  If not, *takes says what it takes. */
int options_check(const char *name, const char *value, const char **takes);

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
