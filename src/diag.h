/* diag.h: the one sink for findings; collected, then sorted and printed. */
#ifndef DIAG_H
#define DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum severity {
    SEV_OFF = 0,                /* a rule switched off */
    SEV_NOTE,
    SEV_WARNING,
    SEV_ERROR
};

/* A place in a source file.  file is the path as the user gave it (run
 * arena); line and col are 1-based, col counted in bytes; line 0 means the
 * file as a whole. */
struct pos {
    const char *file;
    unsigned line, col;
};

struct diag_note {
    struct pos pos;
    const char *msg;
    struct diag_note *next;
};

/* A suggested replacement of the bytes [pos.col, end_col) on pos.line. */
struct diag_fix {
    struct pos pos;
    unsigned end_col;
    const char *text;
};

struct diag {
    struct pos pos;
    unsigned end_col;           /* one past the last byte; 0 if unknown */
    enum severity sev;
    const char *rule;
    const char *msg;
    struct diag_note *notes;    /* in the order added */
    struct diag_fix *fix;       /* NULL if none */
    int soft;                   /* shown, but not counted by diag_worst():
                                 * a failure that may pass by itself */
    int fixed;                  /* its fix was applied: no longer true */
};

/* Decides the effective severity of a finding of rule in file (NULL for
 * the run), reported at sev; SEV_OFF drops it.  Set once by main.c;
 * called from any thread. */
typedef enum severity (*diag_policy_fn)(const char *rule, const char *file,
                                        enum severity sev);

void diag_init(diag_policy_fn policy);

/* Adds a finding.  Returns NULL when the policy drops it; the note and fix
 * calls accept NULL so callers need not check.  Memory is the run's. */
struct diag *diag_add(struct pos pos, unsigned end_col, enum severity sev,
                      const char *rule, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* The same with a va_list, for reporters that take a format of their own. */
struct diag *diag_vadd(struct pos pos, unsigned end_col, enum severity sev,
                       const char *rule, const char *fmt, va_list ap)
        __attribute__((format(printf, 5, 0)));
void diag_note(struct diag *d, struct pos pos, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void diag_fix(struct diag *d, struct pos pos, unsigned end_col,
              const char *text);

/* Drops every later finding in file (by path, as diagnostics name it):
 * a page read only for what it tells about the rest of the site.  Notes
 * that point into it are kept. */
void diag_mute(const char *file);
/* Keeps the findings on line, columns first to end - 1, of a muted file:
 * a link there leads into a page this run lints.  The path is copied. */
void diag_unmute_at(const char *file, unsigned line, unsigned first,
                    unsigned end);
/* While paused, this thread's findings are dropped: a page's committed
 * version, read for the URLs it had, is not the page being linted. */
void diag_pause(int on);

/* Drops the findings of rule (NULL: of every rule) in file on lines
 * first to last; first 0 means the whole file, findings of the file as
 * a whole included.  at and what name the comment that asked, for
 * diag_apply_suppressions().  Strings are copied. */
void diag_suppress(const char *file, const char *rule, unsigned first,
                   unsigned last, struct pos at, const char *what);
/* Drops the suppressed findings; with report_unused, reports (rule
 * "suppression") each suppression that dropped nothing.  Call once,
 * after the last finding and before diag_sorted(). */
void diag_apply_suppressions(int report_unused);

/* Copies s into the sink's memory, for a path that must live as long as
 * the findings that name it. */
const char *diag_intern(const char *s);

/* Sorts by file, line, column, rule, message and drops exact repeats;
 * returns the array (valid until diag_finish) and its length in *n. */
struct diag **diag_sorted(size_t *n);
/* Marks d as fixed (--fix applied its fix): diag_sorted() leaves it out
 * from then on. */
void diag_fixed(struct diag *d);
/* Marks d as soft: printed at its severity, but it does not decide the
 * exit status (a server that was slow once must not fail a CI run). */
void diag_soft(struct diag *d);
/* The highest effective severity added so far, SEV_OFF if none; soft
 * findings do not count. */
enum severity diag_worst(void);
size_t diag_count(enum severity sev);
/* The same, without soft findings: those that decide the exit status. */
size_t diag_hard_count(enum severity sev);
void diag_finish(void);

/* A count for the run's summary ("external": links answered); counts
 * of one name add up.  what is copied. */
struct diag_tally {
    const char *what;
    size_t n;
};
void diag_tally(const char *what, size_t n);
/* The counts, in the order first given; *n of them. */
const struct diag_tally *diag_tallies(size_t *n);

/* A setting of .sitelint.yml that the run learnt the site needs, for
 * --init to write: key and value; comment, why (lines without "# ");
 * noun, what --init counts ("outside folder"; for a setting of one
 * value, its name: "the locale"). */
struct diag_proposal {
    const char *key, *value, *comment, *noun;
};

/* Keeps a proposal; the same key and value once. */
void diag_propose(const char *key, const char *value, const char *comment,
                  const char *noun);
/* Every proposal, in the order they came. */
const struct diag_proposal *diag_proposals(size_t *n);

/* Records that rule left n things unchecked, what says which and why
 * ("anchors into pages whose ids their templates make").  Not a finding:
 * the run's summary on standard error says it once, and it does not
 * change the exit status.  n 0 records nothing. */
void diag_unchecked(const char *rule, size_t n, const char *what);
/* Prints one "sitelint: not checked: N what [rule]" line each to fp. */
void diag_print_unchecked(FILE *fp);

const char *severity_name(enum severity sev);
/* Parses "error", "warning", "note"; returns -1 if it is none of them. */
int severity_parse(const char *s, enum severity *out);

#endif
