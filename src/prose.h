/* prose.h: the words of a page's prose, as the spelling rules read them:
 * URLs, paths, identifiers and file names left out, each word with
 * whether it stands inside a sentence (where a capital marks a name) and
 * whether the words around it are another language's. */
#ifndef PROSE_H
#define PROSE_H

#include <stddef.h>

#include "diag.h"

struct page;
struct span;

/* One word: letters, with apostrophes inside ("wasn't"). */
struct prose_word {
    const char *p;              /* its bytes, in the page's source */
    size_t n;
    struct pos pos;
    int mid;                    /* not the first word of a sentence,
                                 * heading or title: a capital here is a
                                 * name's */
    int foreign_near;           /* a word beside it has an accented
                                 * letter ("raison d'être", "Salut à
                                 * Toi"): a phrase of another language */
    int fragment;               /* part of a word that inline markup cuts
                                 * ("e**X**tensible"), not a word */
    int compound;               /* joined to another by a hyphen
                                 * ("solid-telekram") */
    const struct span *span;
    const char *link_url;       /* in link text: the link's destination,
                                 * as written; else NULL */
};

typedef void (*prose_fn)(void *ctx, const struct prose_word *w);

/* Calls fn for each word of the page's prose spans, in order; quotations
 * (span.quoted) are left out, as their authors wrote them.  A line that
 * goes on with the sentence of the line before it (a soft line break)
 * does not start a sentence. */
void prose_words(const struct page *pg, prose_fn fn, void *ctx);

/* Finds the page's words once, in its memory, for every later
 * prose_words(): a page parsed ahead on another thread has them ready
 * for the rules.  A page past PROSE_KEEP_MAX_BYTES is left to find them
 * as it goes, to keep a huge page's peak down (its words take up to
 * four times its size). */
#define PROSE_KEEP_MAX_BYTES (512u * 1024)
void prose_keep_words(struct page *pg);

/* Is the text t[0, n) in another language than English: more of its
 * words are another language's commonest words (German, French, Spanish,
 * Portuguese, Italian, Latin) than English's, or it has an accented
 * letter and one of them? */
int prose_is_foreign(const char *t, size_t n);

enum prose_case { PC_LOWER, PC_TITLE, PC_UPPER, PC_MIXED };

/* "word", "Word", "WORD" or "WoRd". */
enum prose_case prose_case(const char *w, size_t n);

#endif
