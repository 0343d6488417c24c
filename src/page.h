/* page.h: one parsed page as rules see it: front matter, prose, images,
 * captions, links, headings and shortcodes, each with its source position. */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"

struct site;
struct page_info;
struct stat;

/* What a prose span was in the source. */
enum span_kind {
    SPAN_TEXT,                  /* paragraph, list item, table cell */
    SPAN_HEADING,
    SPAN_LINK_TEXT,
    SPAN_ALT,                   /* image alt text */
    SPAN_CAPTION,               /* figure caption or image title */
    SPAN_TITLE,                 /* a prose-valued front matter field */
    SPAN_HTML                   /* text inside raw HTML */
};

/* A run of prose on one line of the page's file: text is exactly the
 * source bytes at line and col (page_span_pos() makes them a pos). */
struct span {
    unsigned line, col;
    struct str text;
    enum span_kind kind;
    int quoted;                 /* inside a blockquote that opens with a
                                 * quotation mark: someone else's words,
                                 * reproduced as they wrote them */
};

/* Where a reference to another file or page was written. */
enum origin {
    ORIGIN_MARKDOWN,
    ORIGIN_HTML,
    ORIGIN_SHORTCODE,
    ORIGIN_FRONT_MATTER
};

/* An image, link or caption.  text is unescaped; pos points at its first
 * source byte (a URL, not the tag or bracket around it). */
struct ref {
    struct pos pos;
    const char *text;
    const char *via;            /* "figure", "img", "srcset", "![]", ... */
    unsigned end_col;           /* one past the last source byte, or 0 */
    enum origin origin;
};

struct heading {
    unsigned line, col;         /* in the page's file */
    int level;
    const char *text;           /* plain text, inline markup removed */
    const char *id;             /* an explicit {#id}, else NULL */
};

struct sc_param {
    const char *name;           /* NULL for a positional parameter */
    const char *value;          /* unescaped */
    struct pos name_pos;
    struct pos value_pos;       /* first byte inside any quotes */
    int exact;                  /* value is the source bytes at value_pos */
};

/* A Hugo shortcode tag: {{< name params >}}, {{% name %}}, {{< /name >}}. */
struct shortcode {
    struct pos pos;             /* the opening "{{" */
    struct pos name_pos;
    const char *name;
    int closing;                /* {{< /name >}} */
    int self_closing;           /* {{< name />}} */
    int markdown;               /* {{% %}} rather than {{< >}} */
    struct sc_param *params;
    size_t nparams;
};

/* What a file was when it was read: --fix leaves alone a file that has
 * changed since. */
struct file_stamp {
    dev_t dev;
    ino_t ino;
    off_t size;
    long long mtime_ns, ctime_ns;
};

enum page_type {
    PAGE_MARKDOWN,
    PAGE_HTML
};

struct page {
    const char *path;           /* as the user named it; run arena */
    const char *lang;           /* "en", "fr", "pt-br", as the generator
                                 * has it (URLs, menus); never NULL */
    const char *text_lang;      /* what its text is in, for the prose
                                 * rules: lang, or a translation's suffix
                                 * the generator does not take for a
                                 * language ("press-kit.fr.md" on a site
                                 * without languages); never NULL */
    enum page_type type;
    const struct site *site;

    struct file_stamp stamp;    /* zero for a page not read from a file */
    const char *src;            /* the file, after any BOM; not NUL-safe */
    const char *text;           /* src with shortcodes as PAGE_FILLER;
                                 * same length and offsets as src */
    size_t len;
    const uint32_t *line_off;   /* byte offset of each line's start */
    size_t nlines;

    const struct fm_node *fm;   /* a FM_MAP, or NULL without front matter */
    enum fm_format fm_format;
    unsigned body_line;         /* first line after the front matter */

    struct span *spans;
    size_t nspans, spans_cap;
    struct ref *images;
    size_t nimages, images_cap;
    struct ref *links;
    size_t nlinks, links_cap;
    struct ref *captions;
    size_t ncaptions, captions_cap;
    struct heading *headings;
    size_t nheadings, headings_cap;
    struct shortcode *shortcodes;
    size_t nshortcodes, shortcodes_cap;
    struct ref *ids;            /* explicit anchors: HTML id= and <a name> */
    size_t nids, ids_cap;
    struct ref *comments;       /* HTML comments outside code: pos is the
                                 * "<!--", text what is between the marks */
    size_t ncomments, comments_cap;
    const struct kept_word *words;  /* its prose's words, when
                                     * prose_keep_words() found them
                                     * ahead; else NULL (prose.c) */
    size_t nwords;

    /* What the site index knows of this page (its URL, anchors); set by
     * the engine before any rule sees the page.  Lives for the run. */
    const struct page_info *info;
    int linted;                 /* 0: read only for what it tells about the
                                 * site; its findings are not reported */
    int unparsed;               /* over the per-page budget: its Markdown
                                 * was not parsed, its ids are unknown */
    int bad_utf8;               /* holds invalid UTF-8 */

    struct arena *mem;          /* the page arena: everything above */
};

/* Pages larger than this are skipped with a diagnostic: real pages are
 * under 1 MiB, and 64 MiB keeps a stray data dump from eating memory. */
#define PAGE_MAX_BYTES (64u * 1024 * 1024)

/* The per-page budget: what one page may ask of cmark-gfm, which is
 * superlinear on some inputs (a blockquote 50,000 levels deep and then
 * any long line: 49 s; a table row of 10,000 cells; a 50 MB page: 21 s
 * and 3 GB).  A Markdown page past any of these is not parsed as
 * Markdown: it gets one finding, and only its front matter and
 * shortcodes are checked, so that no page can stall a run.  The bytes
 * are --max-page-bytes; real pages stay far inside all three. */
#define PAGE_BUDGET_BYTES (8u * 1024 * 1024)
#define PAGE_BUDGET_NESTING 64      /* block quotes and list items */
#define PAGE_BUDGET_CELLS 1000      /* '|' on one line */

/* Reads and parses path into pg, whose memory is mem (the page arena) and
 * whose path strings are copied into run.  Reports unreadable, binary and
 * oversized files and returns -1 for them; problems inside a readable
 * file are reported and the page is still returned (0). */
int page_load(struct page *pg, const char *path, const struct site *site,
              struct arena *mem, struct arena *run);
/* HTML for a .html or .htm name, else Markdown. */
enum page_type page_type_of(const char *path);

/* The same as page_load() for bytes already in memory (an editor's
 * buffer, tests, fuzzing). */
int page_parse(struct page *pg, const char *path, const char *data,
               size_t len, enum page_type type, const struct site *site,
               struct arena *mem, struct arena *run);

/* Frees the scratch memory the calling thread parsed pages with; a
 * thread that parsed pages calls it before it ends. */
void page_thread_done(void);

/* pg's text_lang, from its path and lang (a translation's suffix the
 * generator does not read, "press-kit.fr.md", else lang); memory from
 * a when it is the suffix. */
const char *page_text_language(const struct page *pg, struct arena *a);

/* The stamp of a file from its stat. */
void page_stamp(const struct stat *st, struct file_stamp *out);
/* The stamp of the file at path now, and its stat in *st; -1 if it
 * cannot be had. */
int page_stamp_now(const char *path, struct file_stamp *out,
                   struct stat *st);
/* Are a and b the same file as it was: device, inode, size and times? */
int page_stamp_equal(const struct file_stamp *a, const struct file_stamp *b);

/* Where span sp of pg starts, as a position in pg's file. */
struct pos page_span_pos(const struct page *pg, const struct span *sp);
/* Position of byte offset off in the page. */
struct pos page_pos(const struct page *pg, size_t off);
/* The bytes of line (1-based), without its line ending. */
struct str page_line(const struct page *pg, unsigned line);

/* The filler byte that stands in for shortcodes in the text given to the
 * Markdown parser: inert there, and never part of a word or URL. */
#define PAGE_FILLER '\x1a'

#endif
