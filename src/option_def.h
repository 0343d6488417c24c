/* option_def.h: what an option is.  The engine's options are a table in
 * options.c; a rule declares its own in its struct rule, so that getopt,
 * --help, .sitelint.yml and --print-config know them all, and the rule
 * reads them by index, typed (rule_opt_str(), rule_opt_num(), ...). */
#ifndef OPTION_DEF_H
#define OPTION_DEF_H

/* Flags. */
#define OPTF_VALUE   0x01u      /* stored; main.c acts on the others */
#define OPTF_CONFIG  0x04u      /* may be set in .sitelint.yml */
#define OPTF_HIDDEN  0x10u      /* set by the program, not by users */
#define OPTF_OUTPUT  0x20u      /* shapes what is shown of the findings or
                                 * the exit status, never what is found:
                                 * no reason to rebuild the index cache */

enum option_type {
    OPTT_STRING,                /* one value; a later one replaces it */
    OPTT_SWITCH,                /* no value: on or absent */
    OPTT_NUMBER,                /* a whole number below a billion */
    OPTT_LIST                   /* repeatable: every value kept, in order */
};

struct option_def {
    const char *name;           /* long option, and config key */
    int key;                    /* getopt's value (main.c); rules: 0 */
    const char *arg;            /* placeholder in --help; NULL: switch */
    unsigned flags;
    enum option_type type;
    const char *dflt;           /* value when unset, or NULL */
    const char *help;           /* --help text; "\n" starts a new line */
    const char *section;        /* starts a --help section so titled */
    /* What a value must be: one of the blank-separated words (nocase:
     * compared without case), or what ok() accepts; takes says so in
     * messages.  No test: anything goes. */
    const char *takes;
    const char *words;
    int nocase;
    int (*ok)(const char *value);
    long min;                   /* OPTT_NUMBER: 0 or 1, the least taken */
};

#endif
