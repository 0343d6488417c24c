/* markdown.c: cmark-gfm adapter.  cmark-gfm's block positions are exact,
 * but inline columns drift on lazy continuation lines and extension
 * autolinks have none; so every inline is checked against its source line
 * and placed again where the two disagree. */
#define _GNU_SOURCE             /* RTLD_NEXT */
#include "markdown.h"

#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "html.h"
#include "hindex.h"
#include "page_build.h"

/* How far to look for the end of a link's [text]: a paragraph, not the
 * whole page, so that a stray '[' costs little. */
#define LINK_SCAN_MAX_BYTES 4096

/* cmark-gfm allocates a node per inline and frees each one; taking its
 * memory from an arena instead saves a sixth of a run.  The page model
 * copies what it keeps, so the tree is scratch: this thread's scratch
 * arena, reset after each page and reused for the next.  That keeps the
 * tree (several times the size of the model) out of the page's memory, where
 * pages parsed ahead of the rules wait, and its memory warm in the cache.
 * cmark_mem has no context pointer, hence the thread-local arena. */
static _Thread_local struct arena cmark_arena = { .scratch = 1 };

/* What a page's parse keeps until it ends (struct md's own arena) has
 * this much on the stack first. */
#define MD_SEED_BYTES 4096

/* Past this, a page's tree comes from malloc and is freed node by node:
 * the arena would keep all that cmark-gfm frees as it goes (buffers grow
 * by copying), 30 % of a 5 MB page's peak, and keep the blocks for the
 * rest of the run.  Below it the arena's speed wins. */
#define MARKDOWN_ARENA_MAX_BYTES (1024 * 1024)

struct cmark_block {
    size_t size;
    max_align_t data[];
};

static void *
arena_calloc(size_t n, size_t size)
{
    struct cmark_block *b;

    if (size != 0 && n > ((size_t)-1 - sizeof *b) / size)
        return NULL;
    b = arena_alloc(&cmark_arena, sizeof *b + n * size);
    b->size = n * size;
    return b->data;
}

static void *
arena_realloc(void *p, size_t size)
{
    struct cmark_block *old;
    void *q;

    if (p == NULL)
        return arena_calloc(1, size);
    old = (struct cmark_block *)((char *)p - offsetof(struct cmark_block,
                                                      data));
    if (size <= old->size)
        return p;
    q = arena_calloc(1, size);
    memcpy(q, p, old->size);
    return q;
}

static void
arena_nofree(void *p)
{
    (void)p;                    /* the scratch arena is reset after the page */
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_nofree };

/* cmark-gfm's extension registry is a process global without a lock;
 * init() registers the extensions once. */
static pthread_once_t registered = PTHREAD_ONCE_INIT;
static const char *const extension_names[] = {
    "autolink", "strikethrough", "table"
};

/* So is its table of the characters that start an inline.  A parser
 * adds its extensions' characters (':' and 'w' for autolinks, '~') as it
 * starts on inlines and takes them out when it is done, also while
 * another thread's parser is using them, which then misses autolinks.
 * Every parser here attaches the same extensions, so the table needs
 * filling once and never emptying: this definition of the library's
 * function takes the place of its own (it calls it through its PLT), and
 * fills the table on the first call only.  A library that binds the
 * call to itself never calls this one; init() sees that, and then one
 * thread parses with cmark-gfm at a time, as before.  Walking a tree
 * needs no lock either way. */
typedef void manage_fn(cmark_parser *, int);
static int probing;             /* written only under init() */
static int table_filled;        /* by this function, during the probe */
static int parse_alone;         /* the library's own function is in use */
static pthread_mutex_t cmark_lock = PTHREAD_MUTEX_INITIALIZER;

void
cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
    manage_fn *lib;

    if (!probing || !add || table_filled)
        return;
    /* The next definition in the lookup order: the library's. */
    *(void **)&lib = dlsym(RTLD_NEXT,
                           "cmark_manage_extensions_special_characters");
    if (lib == NULL || lib == cmark_manage_extensions_special_characters)
        return;                 /* init() will parse under the lock */
    lib(parser, 1);
    table_filled = 1;
}

static cmark_parser *
new_parser(size_t len)
{
    cmark_parser *parser = len > MARKDOWN_ARENA_MAX_BYTES
                           ? cmark_parser_new(CMARK_OPT_SOURCEPOS)
                           : cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS,
                                                       &arena_mem);
    size_t i;

    for (i = 0; i < sizeof extension_names / sizeof extension_names[0]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(
            extension_names[i]);

        if (e != NULL)
            cmark_parser_attach_syntax_extension(parser, e);
    }
    return parser;
}

/* Registers the extensions and fills the inline table with a first
 * parse; parse_alone unless it was filled for good. */
static void
init(void)
{
    static const char probe[] = "www.example.org ~~a~~\n";
    cmark_parser *parser;

    cmark_gfm_core_extensions_ensure_registered();
    probing = 1;
    parser = new_parser(sizeof probe - 1);
    cmark_parser_feed(parser, probe, sizeof probe - 1);
    cmark_node_free(cmark_parser_finish(parser));
    cmark_parser_free(parser);
    probing = 0;
    parse_alone = !table_filled;
    arena_reset(&cmark_arena);
}

/* A reference link waiting for its definition's position.  It names its
 * ref by array and index, not by pointer: the array moves as it grows. */
struct pending_ref {
    struct ref **v;             /* &pg->links or &pg->images */
    size_t i;
    const char *label;          /* normalised */
    size_t next;                /* the next ref with this label, or 0 */
};

/* The refs waiting for one label: a chain through pending_ref.next,
 * placed by the label's first definition. */
struct ref_label {
    const char *label;
    size_t first, last;         /* indexes into md.refs */
    int placed;
};

/* The labels of a page's reference links, by label. */
struct ref_labels {
    struct ref_label *v;
    size_t n;
    struct hindex ix;
};

struct md {
    struct page *pg;
    const char *t;              /* pg->text */
    size_t len;
    unsigned line0;             /* file line of the piece's first line */
    unsigned skip;              /* lines fed to the parser before it */
    unsigned cur_line;          /* where the last inline was placed */
    unsigned cur_col;           /* one past it */
    int in_image, in_link, in_autolink, in_heading;
    int quote;                  /* quotation blockquotes the walk is in */
    struct heading *heading;
    struct buf heading_text;
    struct pending_ref *refs;
    size_t nrefs, refs_cap;
    unsigned (*code)[2];        /* line ranges of code blocks */
    size_t ncode, code_cap;
    struct defs *defs;          /* shared by the pieces, or NULL */
    struct arena own;           /* refs, labels, code: until the parse ends */
};

/* The file line of a line cmark-gfm numbers n in the piece it was fed. */
static unsigned
file_line(const struct md *m, int n)
{
    return n > (int)m->skip ? (unsigned)n - m->skip + m->line0 - 1
                            : m->line0;
}

/* The offset of a cmark-gfm position, or m->len when the position is
 * not on the page: a column past its line's end is never taken into the
 * next line, or past the text. */
static size_t
offset_of(const struct md *m, unsigned line, unsigned col)
{
    size_t start, end;

    if (line == 0 || line > m->pg->nlines)
        return m->len;
    start = m->pg->line_off[line - 1];
    end = line < m->pg->nlines ? m->pg->line_off[line] : m->len;
    if (col > 0 && col - 1 > end - start)
        return m->len;
    return start + (col > 0 ? col - 1 : 0);
}

/* The Unicode characters that cmark-gfm's case folding makes ASCII, and
 * what it makes them: every other non-ASCII character stays non-ASCII. */
static const struct {
    const char *utf8, *folded;
} ascii_folds[] = {
    { "\xc3\x9f", "ss" }, { "\xc5\xbf", "s" }, { "\xe1\xba\x9e", "ss" },
    { "\xe2\x84\xaa", "k" }, { "\xef\xac\x80", "ff" },
    { "\xef\xac\x81", "fi" }, { "\xef\xac\x82", "fl" },
    { "\xef\xac\x83", "ffi" }, { "\xef\xac\x84", "ffl" },
    { "\xef\xac\x85", "st" }, { "\xef\xac\x86", "st" },
};

enum {
    FOLD_QUOTES = 1,            /* leave out block quote markers */
    FOLD_ASCII = 2,             /* fail where the label cannot be ASCII */
    FOLD_NO_GT = 4              /* leave out every '>' */
};

/* After a line break at p[i]: past the block quote markers that open the
 * line ("> ", "  >", "> >"), as CommonMark reads them. */
static size_t
past_markers(const char *p, size_t n, size_t i)
{
    for (;;) {
        size_t k = i, col = 0;

        while (k < n && (p[k] == ' ' || p[k] == '\t') && col < 4) {
            col = p[k] == '\t' ? col + 4 - col % 4 : col + 1;
            k++;
        }
        if (col >= 4 || k >= n || p[k] != '>')
            return i;
        i = k + 1;
        if (i < n && p[i] == ' ')
            i++;
    }
}

/* The lower case of the two-byte UTF-8 character at p, as Unicode's
 * simple case folding has it for the Latin, Greek, Cyrillic and Armenian
 * letters; 0 when it is none of those capitals. */
static unsigned
fold_two(const unsigned char *p)
{
    unsigned c = (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu);

    if (c == 0xb5)
        return 0x3bc;                           /* micro sign: mu */
    if ((c >= 0xc0 && c <= 0xde && c != 0xd7) ||
        (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
        (c >= 0x410 && c <= 0x42f))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40f)
        return c + 0x50;
    if (c >= 0x531 && c <= 0x556)
        return c + 0x30;
    if (c == 0x178)
        return 0xff;
    if (c == 0x3c2)
        return 0x3c3;                           /* final sigma */
    if (c == 0x386)
        return 0x3ac;
    if ((c >= 0x388 && c <= 0x38a) || c == 0x38c)
        return c + (c == 0x38c ? 0x40 : 0x25);
    if (c == 0x38e || c == 0x38f)
        return c + 0x3f;
    if (c == 0x4c0)
        return 0x4cf;
    /* Pairs, capital first: even capitals, or odd ones. */
    if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) ||
        (c >= 0x14a && c <= 0x177) || (c >= 0x460 && c <= 0x481) ||
        (c >= 0x48a && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x52f))
        return c % 2 == 0 ? c + 1 : 0;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e) ||
        (c >= 0x4c1 && c <= 0x4ce))
        return c % 2 == 1 ? c + 1 : 0;
    return 0;
}

/* Folds the label p[0, n) as cmark-gfm compares labels (white space
 * trimmed and collapsed, case folded: ASCII, the characters above, and,
 * unless FOLD_ASCII, the capitals fold_two() knows) into out (room for
 * n + 1).  Returns its length; 0 with FOLD_ASCII when it cannot be
 * ASCII. */
static size_t
fold_label(const char *p, size_t n, int mode, char *out)
{
    size_t i = 0, o = 0, f;
    int space = 0;

    while (i < n) {
        unsigned char c = (unsigned char)p[i];

        if (c == '>' && (mode & FOLD_NO_GT)) {
            i++;
            continue;
        }
        if (isspace(c)) {       /* cmark-gfm's white space, in C's locale */
            space = o > 0;
            i++;
            if ((mode & FOLD_QUOTES) && (c == '\n' || c == '\r'))
                i = past_markers(p, n, i);
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = 0;
        if (c < 0x80) {
            out[o++] = (char)tolower(c);
            i++;
            continue;
        }
        for (f = 0; f < sizeof ascii_folds / sizeof ascii_folds[0]; f++) {
            size_t k = strlen(ascii_folds[f].utf8);

            if (n - i >= k && memcmp(p + i, ascii_folds[f].utf8, k) == 0)
                break;
        }
        if (f < sizeof ascii_folds / sizeof ascii_folds[0]) {
            memcpy(out + o, ascii_folds[f].folded,
                   strlen(ascii_folds[f].folded));
            o += strlen(ascii_folds[f].folded);
            i += strlen(ascii_folds[f].utf8);
        } else if (mode & FOLD_ASCII) {
            return 0;
        } else if (c >= 0xc2 && c < 0xe0 && n - i >= 2 &&
                   ((unsigned char)p[i + 1] & 0xc0) == 0x80 &&
                   (f = fold_two((const unsigned char *)p + i)) != 0) {
            out[o++] = (char)(0xc0 | f >> 6);
            out[o++] = (char)(0x80 | (f & 0x3f));
            i += 2;
        } else {
            out[o++] = (char)c;
            i++;
        }
    }
    out[o] = '\0';
    return o;
}

/* A label as links and definitions are matched here: folded, with its
 * block quote markers left out (other non-ASCII letters keep their
 * case). */
static const char *
norm_label(struct md *m, const char *p, size_t n)
{
    char *out = arena_alloc(&m->own, n + 1);

    fold_label(p, n, FOLD_QUOTES, out);
    return out;
}

/* Skips a code span starting at t[i] (a backtick run); returns the offset
 * past it, or i + run if it never closes. */
static size_t
skip_code_span(const char *t, size_t i, size_t end)
{
    size_t run = 0, k;

    while (i + run < end && t[i + run] == '`')
        run++;
    for (k = i + run; k < end; k++) {
        size_t r = 0;

        while (k + r < end && t[k + r] == '`')
            r++;
        if (r == run)
            return k + r;
        k += r > 0 ? r - 1 : 0;
    }
    return i + run;
}

struct dest {
    size_t off, len;            /* the destination, or len 0 */
    size_t title_off, title_len;
    const char *label;          /* a reference link's normalised label */
};

/* Reads the source of a link or image whose '[' or '!' is at off. */
static int
scan_link(struct md *m, size_t off, struct dest *d)
{
    const char *t = m->t;
    size_t end = m->len, i = off, text_start;
    int depth = 0;

    memset(d, 0, sizeof *d);
    if (off >= end)
        return -1;
    if (end - off > LINK_SCAN_MAX_BYTES)
        end = off + LINK_SCAN_MAX_BYTES;
    if (i < end && t[i] == '!')
        i++;
    if (i >= end || t[i] != '[')
        return -1;
    text_start = i + 1;
    for (; i < end; i++) {
        if (t[i] == '\\') {
            i++;
        } else if (t[i] == '`') {
            i = skip_code_span(t, i, end) - 1;
        } else if (t[i] == '[') {
            depth++;
        } else if (t[i] == ']' && --depth == 0) {
            break;
        }
    }
    if (i >= end)
        return -1;
    if (i + 1 < end && t[i + 1] == '(') {
        int parens = 0;

        for (i += 2; i < end && (t[i] == ' ' || t[i] == '\t' ||
                                 t[i] == '\n' || t[i] == '\r'); i++)
            continue;
        if (i < end && t[i] == '<') {
            d->off = ++i;
            while (i < end && t[i] != '>' && t[i] != '\n')
                i++;
            d->len = i - d->off;
            i++;
        } else {
            d->off = i;
            for (; i < end && !isspace((unsigned char)t[i]); i++) {
                if (t[i] == '\\')
                    i++;
                else if (t[i] == '(')
                    parens++;
                else if (t[i] == ')' && parens-- == 0)
                    break;
            }
            d->len = i - d->off;
        }
        while (i < end && isspace((unsigned char)t[i]))
            i++;
        if (i < end && (t[i] == '"' || t[i] == '\'' || t[i] == '(')) {
            char close = t[i] == '(' ? ')' : t[i];

            d->title_off = ++i;
            while (i < end && t[i] != close) {
                if (t[i] == '\\')
                    i++;
                i++;
            }
            d->title_len = i < end ? i - d->title_off : 0;
        }
        return 0;
    }
    if (i + 1 < end && t[i + 1] == '[') {
        size_t s = i + 2, e = s;

        while (e < end && t[e] != ']')
            e++;
        if (e < end && e > s) {
            d->label = norm_label(m, t + s, e - s);
            return 0;
        }
    }
    d->label = norm_label(m, t + text_start, i - text_start);
    return 0;
}

static struct pos
md_pos(const struct md *m, size_t off)
{
    return page_pos(m->pg, off);
}

/* cmark-gfm counts the lines of link reference definitions that open a
 * paragraph in the inline positions of what follows them: a link one
 * line below "[ref]: /url" is placed on the definition's line.  Where
 * the byte at the given place cannot start the link, the same column on
 * the next lines is tried. */
#define DEFINITION_LINES_MAX 64
/* A list marker with its indent and padding: "    10.  " */
#define LIST_MARKER_MAX 8

static size_t
past_definitions(const struct md *m, size_t off, unsigned line, unsigned col,
                 int image)
{
    unsigned j;

    if (off < m->len && m->t[off] == (image ? '!' : '['))
        return off;
    /* In a list item, cmark-gfm's column falls short of the marker's
     * width ("- ", "10. ", with indent): look a few bytes on first. */
    for (j = 1; j <= LIST_MARKER_MAX && off + j < m->len &&
                m->t[off + j] != '\n'; j++)
        if (m->t[off + j] == (image ? '!' : '['))
            return off + j;
    /* (A column past the definition's own line is m->len: the link is
     * on a later line.) */
    for (j = 1; j <= DEFINITION_LINES_MAX && line + j <= m->pg->nlines; j++) {
        size_t o = offset_of(m, line + j, col);

        if (o < m->len && o < m->pg->line_off[line + j - 1] +
                              page_line(m->pg, line + j).len &&
            m->t[o] == (image ? '!' : '['))
            return o;
    }
    return off;
}

static void
add_link_or_image(struct md *m, cmark_node *n, int image)
{
    struct page *pg = m->pg;
    const char *url = cmark_node_get_url(n);
    const char *title = cmark_node_get_title(n);
    unsigned line = (unsigned)cmark_node_get_start_line(n);
    unsigned col = (unsigned)cmark_node_get_start_column(n);
    cmark_node *first = cmark_node_first_child(n);
    struct ref *r;
    struct dest d;

    /* A link whose text goes on to another line gets the line where it
     * ends, with the column where it starts; its text knows the line. */
    if (first != NULL && cmark_node_get_start_line(first) > 0 &&
        (unsigned)cmark_node_get_start_line(first) < line)
        line = (unsigned)cmark_node_get_start_line(first);
    size_t off;

    if (url == NULL)
        url = "";
    if (line == 0) {
        /* An extension autolink: no position, so find its text after the
         * last placed inline. */
        cmark_node *kid = cmark_node_first_child(n);
        const char *lit = kid != NULL ? cmark_node_get_literal(kid) : NULL;
        unsigned at = 0;

        if (lit != NULL && *lit != '\0')
            at = (unsigned)page_find_on_line(pg, m->cur_line, m->cur_col,
                                             lit, strlen(lit));
        r = page_add_ref(pg, &pg->links, &pg->nlinks, &pg->links_cap,
                         (struct pos){ pg->path, m->cur_line, at ? at : 1 },
                         url);
        r->origin = ORIGIN_MARKDOWN;
        r->via = "autolink";
        if (at != 0) {
            r->end_col = at + (unsigned)strlen(lit);
            m->cur_col = r->end_col;
        }
        m->in_autolink = 1;
        return;
    }
    line = file_line(m, (int)line);
    off = offset_of(m, line, col);
    if ((off >= m->len || (m->t[off] != '[' && m->t[off] != '!' &&
                           m->t[off] != '<')) && *url != '\0') {
        /* cmark-gfm places a <autolink> inside a list item short of the
         * list marker's width: look for "<url" on the line instead. */
        unsigned at = (unsigned)page_find_on_line(pg, line, 1, url,
                                                  strlen(url));

        if (at > 1 && m->t[offset_of(m, line, at - 1)] == '<')
            off = offset_of(m, line, at - 1);
        else
            off = past_definitions(m, off, line, col, image);
    }
    if (off < m->len && m->t[off] == '<') {
        /* <https://example.org>: a CommonMark autolink, which holds no
         * blank, so the first '>' after it ends it. */
        size_t gt = off + 1;

        while (gt < m->len && m->t[gt] != '>' && m->t[gt] != '\n')
            gt++;
        r = page_add_ref(pg, &pg->links, &pg->nlinks, &pg->links_cap,
                         md_pos(m, off + 1), url);
        r->origin = ORIGIN_MARKDOWN;
        r->via = "autolink";
        if (gt < m->len && m->t[gt] == '>')
            r->end_col = r->pos.col + (unsigned)(gt - off - 1);
        m->in_autolink = 1;
        return;
    }
    /* A reference link is where its definition is (resolve_refs()), or
     * where it is itself when no definition here is found for it. */
    if (scan_link(m, off, &d) != 0 || d.label != NULL)
        d.off = off;
    if (image)
        r = page_add_ref(pg, &pg->images, &pg->nimages, &pg->images_cap,
                         md_pos(m, d.off), url);
    else
        r = page_add_ref(pg, &pg->links, &pg->nlinks, &pg->links_cap,
                         md_pos(m, d.off), url);
    r->origin = ORIGIN_MARKDOWN;
    r->via = image ? "image" : "link";
    if (d.len > 0)
        r->end_col = r->pos.col + (unsigned)d.len;
    if (d.label != NULL) {
        struct pending_ref *p = ARENA_PUSH(&m->own, m->refs, m->nrefs,
                                           m->refs_cap);

        p->v = image ? &pg->images : &pg->links;
        p->i = (size_t)(r - *p->v);
        p->label = d.label;
        p->next = 0;
    }
    if (image && title != NULL && *title != '\0') {
        struct pos tp = d.title_len > 0 ? md_pos(m, d.title_off) : r->pos;

        r = page_add_ref(pg, &pg->captions, &pg->ncaptions,
                         &pg->captions_cap, tp, title);
        r->origin = ORIGIN_MARKDOWN;
        r->via = "image title";
        if (d.title_len > 0)
            page_add_text(pg, tp.line, tp.col, title, strlen(title),
                          SPAN_CAPTION);
    }
}

/* "## Title {#id}": Hugo's heading attribute; returns the length of the
 * text before it and sets *id, or returns len if there is none. */
static size_t
heading_attr(struct md *m, const char *lit, size_t len, const char **id)
{
    size_t e = len, s;

    while (e > 0 && isspace((unsigned char)lit[e - 1]))
        e--;
    if (e == 0 || lit[e - 1] != '}')
        return len;
    for (s = e - 1; s > 0 && lit[s - 1] != '{'; s--)
        continue;
    if (s == 0 || s >= e - 1)
        return len;
    if (lit[s] == '#') {
        size_t k = s + 1;

        while (k < e - 1 && !isspace((unsigned char)lit[k]))
            k++;
        *id = arena_strndup(m->pg->mem, lit + s + 1, k - s - 1);
    }
    s--;
    while (s > 0 && isspace((unsigned char)lit[s - 1]))
        s--;
    return s;
}

static void
add_text(struct md *m, cmark_node *n)
{
    const char *lit = cmark_node_get_literal(n);
    unsigned line = (unsigned)cmark_node_get_start_line(n);
    unsigned col = (unsigned)cmark_node_get_start_column(n);
    size_t len = lit != NULL ? strlen(lit) : 0;
    enum span_kind kind = SPAN_TEXT;
    size_t before = m->pg->nspans;
    size_t before_len = before > 0 ? m->pg->spans[before - 1].text.len : 0;

    if (len == 0)
        return;
    if (m->in_heading) {
        if (cmark_node_next(n) == NULL && m->heading != NULL)
            len = heading_attr(m, lit, len, &m->heading->id);
        buf_add(&m->heading_text, lit, len);
    }
    if (m->in_autolink)
        return;
    if (line == 0) {
        line = m->cur_line;
        col = m->cur_col;
    } else {
        line = file_line(m, (int)line);
    }
    if (m->in_image)
        kind = SPAN_ALT;
    else if (m->in_link)
        kind = SPAN_LINK_TEXT;
    else if (m->in_heading)
        kind = SPAN_HEADING;
    page_add_text(m->pg, line, col, lit, len, kind);
    m->cur_line = line;
    if (m->pg->nspans > before ||
        (before > 0 && m->pg->spans[before - 1].text.len != before_len)) {
        const struct span *sp = &m->pg->spans[m->pg->nspans - 1];

        m->cur_col = sp->col + (unsigned)sp->text.len;
    }
}

/* Where lit, a literal cmark-gfm took from the source at from, ends in
 * the source: cmark-gfm hands line ends over as LF, so a tag written over
 * CRLF lines is longer in the file than in the literal. */
static size_t
source_end(const struct md *m, size_t from, const char *lit)
{
    size_t i = from;

    for (; *lit != '\0' && i < m->len; lit++, i++)
        if (*lit == '\n' && m->t[i] == '\r' && i + 1 < m->len &&
            m->t[i + 1] == '\n')
            i++;
    return i;
}

static void
add_html(struct md *m, cmark_node *n, int block)
{
    unsigned sl = (unsigned)cmark_node_get_start_line(n);
    unsigned sc = (unsigned)cmark_node_get_start_column(n);
    unsigned el = (unsigned)cmark_node_get_end_line(n);
    const char *lit = cmark_node_get_literal(n);
    size_t from, to;

    if (sl == 0 || lit == NULL)
        return;
    sl = file_line(m, (int)sl);
    el = file_line(m, (int)el);
    if (block) {
        /* cmark-gfm ends an HTML block closed on its last line (a
         * comment or a <script> on one line) on the line before: count the
         * literal's lines instead. */
        unsigned lines = 0;
        const char *q;

        for (q = lit; *q != '\0'; q++)
            lines += *q == '\n' && q[1] != '\0';
        if (el < sl + lines)
            el = sl + lines;
        from = offset_of(m, sl, sc);
        to = el < m->pg->nlines ? m->pg->line_off[el] : m->len;
    } else {
        size_t len = strcspn(lit, "\r\n");
        unsigned at = (unsigned)page_find_on_line(m->pg, sl, sc, lit, len);

        if (at == 0)
            return;
        from = offset_of(m, sl, at);
        to = source_end(m, from, lit);
        m->cur_line = sl;
        m->cur_col = at + (unsigned)len;
    }
    html_scan(m->pg, m->t, from, to, block);
}

/* Is line inside a code block?  Lines are asked in increasing order;
 * *at is where the last answer left the sorted, disjoint ranges. */
static int
in_code_block(const struct md *m, unsigned line, size_t *at)
{
    while (*at < m->ncode && m->code[*at][1] < line)
        ++*at;
    return *at < m->ncode && line >= m->code[*at][0];
}

/* The label's entry in t, or NULL. */
static struct ref_label *
find_label(const struct ref_labels *t, const char *label, uint32_t hash)
{
    size_t cursor = 0, i;

    while ((i = hindex_next(&t->ix, hash, &cursor)) != SIZE_MAX)
        if (strcmp(t->v[i].label, label) == 0)
            return &t->v[i];
    return NULL;
}

/* The refs by label, into t (freed with hindex_free() and free()). */
static void
index_refs(const struct md *m, struct ref_labels *t)
{
    size_t i;

    t->v = xmalloc((m->nrefs + 1) * sizeof *t->v);
    t->n = 0;
    memset(&t->ix, 0, sizeof t->ix);
    hindex_reserve(&t->ix, m->nrefs);
    for (i = 0; i < m->nrefs; i++) {
        const char *label = m->refs[i].label;
        uint32_t hash = hindex_hash(label, strlen(label));
        struct ref_label *e = find_label(t, label, hash);

        if (e != NULL) {
            m->refs[e->last].next = i;
            e->last = i;
            continue;
        }
        hindex_put(&t->ix, hash, t->n);
        t->v[t->n++] = (struct ref_label){ .label = label, .first = i,
                                           .last = i };
    }
}

/* Reference definitions are consumed by cmark-gfm; find the ones that
 * used links name, to point those links at the written URL. */
static void
resolve_refs(struct md *m, unsigned first_line)
{
    struct page *pg = m->pg;
    struct ref_labels table;
    struct ref_label *found;
    unsigned ln;
    size_t i, code_at = 0;
    int after_blank = 1;        /* a definition cannot go on a paragraph */

    index_refs(m, &table);
    for (ln = first_line; ln <= pg->nlines; ln++) {
        struct str l = page_line(pg, ln);
        size_t k = 0, ls, le, e;
        const char *label;
        int starts, nested = 0;

        /* Inside a block quote ("> [h]: /x") or indented under a list
         * item: a definition there places the links that use it, though
         * one that none uses is only looked for at the top level. */
        for (;;) {
            size_t sp = k;

            while (k < l.len && l.p[k] == ' ')
                k++;
            nested |= k - sp > 3;
            if (k < l.len && l.p[k] == '>') {
                k++;
                nested = 1;
                continue;
            }
            break;
        }
        starts = after_blank && !nested;
        after_blank = str_trim(l).len == 0;
        if (k >= l.len || l.p[k] != '[' || in_code_block(m, ln, &code_at))
            continue;
        ls = k + 1;
        le = ls;
        while (le < l.len && l.p[le] != ']')
            le++;
        if (le + 1 >= l.len || l.p[le + 1] != ':')
            continue;
        label = norm_label(m, l.p + ls, le - ls);
        k = le + 2;
        while (k < l.len && (l.p[k] == ' ' || l.p[k] == '\t'))
            k++;
        if (k < l.len && l.p[k] == '<') {
            /* "<a b.md>": blanks are the destination's own */
            for (e = ++k; e < l.len && l.p[e] != '>'; e++)
                continue;
        } else {
            for (e = k; e < l.len && l.p[e] != ' ' && l.p[e] != '\t'; e++)
                continue;
        }
        after_blank = 1;        /* definitions follow one another */
        found = find_label(&table, label, hindex_hash(label, strlen(label)));
        /* (A destination on the next line: the links stay put.) */
        if (found != NULL && !found->placed && e > k) {
            for (i = found->first;; i = m->refs[i].next) {
                struct ref *r = &(*m->refs[i].v)[m->refs[i].i];

                r->pos = (struct pos){ pg->path, ln, (unsigned)k + 1 };
                r->end_col = (unsigned)e + 1;
                if (i == found->last)
                    break;
            }
        }
        if (found != NULL)
            found->placed = 1;  /* first definition wins */
        /* A definition no link uses is still a target a reader of the
         * source may follow: kept, as "definition", at its own place.
         * Not a footnote ("[^1]:"), not one inside a paragraph. */
        if (found == NULL && starts && e > k && l.p[ls] != '^') {
            struct ref *r = page_add_ref(pg, &pg->links, &pg->nlinks,
                                         &pg->links_cap,
                                         (struct pos){ pg->path, ln,
                                                       (unsigned)k + 1 },
                                         arena_strndup(pg->mem, l.p + k,
                                                       e - k));

            r->origin = ORIGIN_MARKDOWN;
            r->via = "definition";
            r->end_col = (unsigned)e + 1;
        }
    }
    hindex_free(&table.ix);
    free(table.v);
}

/* Does the blockquote n open with a quotation mark: someone's words
 * reproduced, not the writer's own note? */
static int
opens_quotation(const struct md *m, cmark_node *n)
{
    unsigned line = file_line(m, cmark_node_get_start_line(n));
    struct str l;
    size_t k = 0;

    if (line < 1 || line > m->pg->nlines)
        return 0;
    l = page_line(m->pg, line);
    while (k < l.len && (l.p[k] == ' ' || l.p[k] == '>' || l.p[k] == '\t'))
        k++;
    if (k >= l.len)
        return 0;
    /* ", or the opening marks of English, German and French */
    return l.p[k] == '"' ||
           (l.len - k >= 3 && (memcmp(l.p + k, "\xe2\x80\x9c", 3) == 0 ||
                               memcmp(l.p + k, "\xe2\x80\x9e", 3) == 0)) ||
           (l.len - k >= 2 && memcmp(l.p + k, "\xc2\xab", 2) == 0);
}

int
markdown_concurrent(void)
{
    pthread_once(&registered, init);
    return !parse_alone;
}

/* ---- big pages, in pieces ----------------------------------------------- */

/* A body past piece_min bytes is parsed a piece of about piece_bytes at
 * a time, each tree freed before the next is made: cmark-gfm's tree
 * takes 14 (prose) to 45 (inline code) bytes per byte of source, and
 * must be whole before it can be walked.  A page is cut only where no
 * block can go on: after a blank line, before a line that starts at its
 * first column and is no list item (which would go on the list), outside
 * a fenced code block or an HTML block that a blank line does not end.
 * Those two, when they start at the first column, are always at the top
 * level, where the scan below follows them as cmark-gfm 0.29 does; a
 * page where one may start indented (inside a list item, or not) or
 * inside an HTML block that a blank line ends is parsed whole, and so is
 * one with invalid UTF-8, at which cmark-gfm's scanners stop (an HTML
 * block's end is not seen past it), one whose body starts with a byte
 * order mark, and one where a table may take its header from a
 * paragraph.  Reference definitions: below. */
static size_t piece_min = MARKDOWN_PIECE_MIN;
static size_t piece_bytes = MARKDOWN_PIECE_BYTES;
static _Thread_local size_t pieces;     /* the last page's */

void
markdown_set_pieces(size_t min, size_t bytes)
{
    piece_min = min;
    piece_bytes = bytes > 0 ? bytes : 1;
}

size_t
markdown_pieces(void)
{
    return pieces;
}

/* Does l (at its first column) start a list item? */
static int
is_list_item(struct str l)
{
    size_t k = 0;

    if (l.len > 0 && (l.p[0] == '-' || l.p[0] == '+' || l.p[0] == '*'))
        k = 1;
    else
        while (k < l.len && k < 10 && isdigit((unsigned char)l.p[k]))
            k++;
    if (k == 0)
        return 0;
    if (isdigit((unsigned char)l.p[0])) {
        if (k >= l.len || (l.p[k] != '.' && l.p[k] != ')'))
            return 0;
        k++;
    }
    return k >= l.len || l.p[k] == ' ' || l.p[k] == '\t';
}

/* The HTML blocks that go on past blank lines (CommonMark's kinds 1 to
 * 5), as cmark-gfm 0.29 starts them (its scanners: no <textarea>, which
 * came with CommonMark 0.30; "<!" and a capital letter; CDATA in any
 * case): the end of the kind l starts, after up to three spaces; NULL if
 * it starts none. */
/* Kind 1 (<script>, <pre>, <style>) ends at the end of any of the three. */
static const char raw_end[] = "</script>";

static const char *
html_block_end(struct str l)
{
    static const char *const raw[] = { "script", "pre", "style" };
    size_t k = 0, i, n;

    while (k < l.len && k < 3 && l.p[k] == ' ')
        k++;
    if (k >= l.len || l.p[k] != '<')
        return NULL;
    k++;
    for (i = 0; i < 3; i++) {
        n = strlen(raw[i]);
        if (l.len - k >= n && strncasecmp(l.p + k, raw[i], n) == 0 &&
            (l.len - k == n ||
             (l.p[k + n] != '\0' &&
              strchr(" \t\v\f\r>", l.p[k + n]) != NULL)))
            return raw_end;
    }
    if (l.len - k >= 3 && strncmp(l.p + k, "!--", 3) == 0)
        return "-->";
    if (l.len - k >= 8 && strncasecmp(l.p + k, "![CDATA[", 8) == 0)
        return "]]>";
    if (l.len - k >= 1 && l.p[k] == '?')
        return "?>";
    if (l.len - k >= 2 && l.p[k] == '!' && l.p[k + 1] >= 'A' &&
        l.p[k + 1] <= 'Z')
        return ">";
    return NULL;
}

/* Does l contain s, in any case? */
static int
contains(struct str l, const char *s)
{
    size_t n = strlen(s), k;

    for (k = 0; k + n <= l.len; k++)
        if (strncasecmp(l.p + k, s, n) == 0)
            return 1;
    return 0;
}

/* Does l hold the end of an HTML block whose end html_block_end() gave? */
static int
has_end(struct str l, const char *end)
{
    if (end == raw_end)
        return contains(l, "</script>") || contains(l, "</pre>") ||
               contains(l, "</style>");
    return contains(l, end);
}

/* Does l start with a fence, at its first column: its character in *c,
 * its length in *n, and whether nothing but blanks follows in *bare? */
static int
fence(struct str l, char *c, size_t *n, int *bare)
{
    size_t k = 0;

    if (l.len == 0 || (l.p[0] != '`' && l.p[0] != '~'))
        return 0;
    while (k < l.len && l.p[k] == l.p[0])
        k++;
    if (k < 3)
        return 0;
    if (l.p[0] == '`' && memchr(l.p + k, '`', l.len - k) != NULL)
        return 0;               /* its info string may hold none */
    *c = l.p[0];
    *n = k;
    *bare = str_trim((struct str){ l.p + k, l.len - k }).len == 0;
    return 1;
}

/* The fenced code block or HTML block (CommonMark's kinds 1 to 5) that
 * a scan of a page's lines, from where nothing was open, is in. */
struct open_block {
    char fc;                    /* an open fence's character, or 0 */
    size_t fn;                  /* its length */
    const char *html;           /* an open HTML block's end, or NULL */
};

/* Does l close the fence of fn characters c: indented up to three
 * spaces, at least as long, nothing but blanks after? */
static int
closes_fence(struct str l, char fc, size_t fn)
{
    size_t sp = 0, n;
    char c;
    int bare;

    while (sp < l.len && sp < 3 && l.p[sp] == ' ')
        sp++;
    l.p += sp;
    l.len -= sp;
    return fence(l, &c, &n, &bare) && c == fc && n >= fn && bare;
}

/* May l, with a '[' at k, begin a reference or footnote definition: is
 * its label closed by "]:", or not closed on this line? */
static int
may_define(struct str l, size_t k)
{
    for (k++; k < l.len; k++)
        if (l.p[k] == '\\')
            k++;
        else if (l.p[k] == ']')
            return k + 1 < l.len && l.p[k + 1] == ':';
    return 1;
}

/* ---- reference definitions, shared by the pieces ------------------------ */

/* A reference definition holds for the whole page, so a page cut into
 * pieces has each piece parsed after the definitions it may use, copied
 * above it with a blank line between: cmark-gfm resolves its links as
 * with the page whole.  That is exact for the definitions whose reading
 * the line alone tells: at the first column; after a blank line, the
 * body's start or another such definition, and before a blank line, the
 * page's end or another (nothing can take the line into a paragraph, a
 * table or a heading); label, destination and any title on the line,
 * with no backslash; the label ASCII, without the '|' a table cell
 * unescapes or a '>' (so that one in the brackets of a use can only be
 * a block quote's marker).  A piece may use a definition where a pair of
 * brackets holds no other bracket and, folded as cmark-gfm folds labels
 * with every '>' left out, its label: every use of such a label is one.
 * A page with any other line that may define (after blanks, quote or
 * list markers; also in what the scan takes for a fence or an HTML
 * block) is parsed whole.  The first definition of a label is the one a
 * page's links take, and the one copied. */

/* cmark-gfm takes a label of up to 1,000 bytes (MAX_LINK_LABEL_LENGTH);
 * plain ones are kept to 999, and the brackets read to 1,000. */
#define LABEL_MAX 999
#define DEF_PARENS_MAX 3        /* what CommonMark asks of every parser */

struct def {
    const char *label;          /* folded */
    unsigned line;
    size_t piece;               /* the last piece it was copied to */
};

struct defs {
    struct arena mem;
    struct def *v;
    size_t n, cap;
    struct hindex ix;           /* by label */
    size_t *use;                /* the definitions a piece uses */
    size_t nuse, use_cap;
    size_t piece;               /* pieces parsed, the current one too */
    struct buf feed;            /* the definitions a piece uses */
};

/* Is l a definition whose line alone tells its reading (above)?  Sets
 * *label to its label. */
static int
plain_def(struct str l, struct str *label)
{
    size_t k, e, sp;
    int depth = 0, text = 0;
    char close;

    for (k = 0; k < l.len; k++)
        if ((unsigned char)l.p[k] < 0x20 ? l.p[k] != '\t'
                                         : l.p[k] == 0x7f || l.p[k] == '\\')
            return 0;
    if (l.len < 4 || l.p[0] != '[')
        return 0;
    for (e = 1; e < l.len && e <= LABEL_MAX && l.p[e] != ']'; e++) {
        if (l.p[e] == '[' || l.p[e] == '|' || l.p[e] == '>' ||
            (unsigned char)l.p[e] >= 0x80)
            return 0;
        text |= l.p[e] != ' ' && l.p[e] != '\t';
    }
    if (!text || e >= l.len || l.p[e] != ']' || e + 1 >= l.len ||
        l.p[e + 1] != ':')
        return 0;
    *label = (struct str){ l.p + 1, e - 1 };
    for (k = e + 2; k < l.len && (l.p[k] == ' ' || l.p[k] == '\t'); k++)
        continue;
    if (k >= l.len)
        return 0;               /* the destination on the next line */
    if (l.p[k] == '<') {
        for (k++; k < l.len && l.p[k] != '>'; k++)
            if (l.p[k] == '<')
                return 0;
        if (k++ >= l.len)
            return 0;
    } else {
        for (; k < l.len && l.p[k] != ' ' && l.p[k] != '\t'; k++)
            if ((l.p[k] == '(' && ++depth > DEF_PARENS_MAX) ||
                (l.p[k] == ')' && --depth < 0))
                return 0;
        if (depth != 0)
            return 0;
    }
    for (sp = k; k < l.len && (l.p[k] == ' ' || l.p[k] == '\t'); k++)
        continue;
    if (k == l.len)
        return 1;
    if (k == sp || (l.p[k] != '"' && l.p[k] != '\'' && l.p[k] != '('))
        return 0;
    close = l.p[k] == '(' ? ')' : l.p[k];
    for (k++; k < l.len && l.p[k] != close; k++)
        if (close == ')' && l.p[k] == '(')
            return 0;
    if (k++ >= l.len)
        return 0;
    while (k < l.len && (l.p[k] == ' ' || l.p[k] == '\t'))
        k++;
    return k == l.len;
}

/* Adds the definition on line ln, unless its label has one. */
static void
add_def(struct defs *d, struct str label, unsigned ln)
{
    char key[LABEL_MAX + 1];
    size_t n = fold_label(label.p, label.len, 0, key), cursor = 0, i;
    uint32_t hash = hindex_hash(key, n);
    struct def *def;

    while ((i = hindex_next(&d->ix, hash, &cursor)) != SIZE_MAX)
        if (strcmp(d->v[i].label, key) == 0)
            return;
    hindex_put(&d->ix, hash, d->n);
    def = ARENA_PUSH(&d->mem, d->v, d->n, d->cap);
    def->label = arena_strndup(&d->mem, key, n);
    def->line = ln;
    def->piece = 0;
}

static void
defs_free(struct defs *d)
{
    if (d == NULL)
        return;
    hindex_free(&d->ix);
    buf_free(&d->feed);
    arena_free(&d->mem);
    free(d);
}

/* Is line l inside the block b has open (its last line too)?  Closes b
 * on that last line. */
static int
in_block(struct open_block *b, struct str l)
{
    if (b->fc != 0) {
        if (closes_fence(l, b->fc, b->fn))
            b->fc = 0;
        return 1;
    }
    if (b->html != NULL) {
        if (has_end(l, b->html))
            b->html = NULL;
        return 1;
    }
    return 0;
}

/* Opens in b the fence or the HTML block that l, outside any, starts,
 * unless the HTML block also ends on l. */
static void
open_block(struct open_block *b, struct str l)
{
    int bare;

    if (fence(l, &b->fc, &b->fn, &bare))
        return;
    if ((b->html = html_block_end(l)) != NULL && has_end(l, b->html))
        b->html = NULL;
}

/* Might l be a table's delimiter row ("| --- | :-: |", "-:", in a
 * block quote too)? */
static int
delimiter_row(struct str l)
{
    static const char cells[] = "|-: \t\v\f>";
    size_t k;
    int dash = 0;

    for (k = 0; k < l.len; k++) {
        if (memchr(cells, l.p[k], sizeof cells - 1) == NULL)
            return 0;
        dash |= l.p[k] == '-';
    }
    return dash;
}

/* Past what may open l before its first block's text: blanks, block
 * quote markers, list markers ("- ", "10. ", "> 1) "). */
static size_t
past_prefix(struct str l)
{
    size_t k = 0, d;

    for (;;) {
        while (k < l.len && (l.p[k] == ' ' || l.p[k] == '\t' ||
                             l.p[k] == '>'))
            k++;
        for (d = k; d < l.len && d - k < 9 && isdigit((unsigned char)l.p[d]);
             d++)
            continue;
        if (d > k && d < l.len && (l.p[d] == '.' || l.p[d] == ')'))
            d++;
        else if (d == k && k < l.len && strchr("-+*", l.p[k]) != NULL &&
                 l.p[k] != '\0')
            d++;
        else
            return k;
        if (d < l.len && l.p[d] != ' ' && l.p[d] != '\t')
            return k;           /* "-x", "1.5": no marker */
        k = d;
    }
}

/* Can the body from line first be cut into pieces (see above)?  If so,
 * *defs holds its definitions (NULL if none). */
static int
cuttable(const struct page *pg, unsigned first, struct defs **defs)
{
    enum { START, BLANK, DEF, OTHER } prev = START;
    struct open_block b = { 0, 0, NULL };
    char c;
    size_t n;
    struct defs *d = NULL;
    unsigned ln, run = 0;       /* lines since the last blank one */
    int bare, tag_run = 0;      /* a line of the run starts with a tag */

    *defs = NULL;
    if (pg->bad_utf8)
        return 0;               /* cmark-gfm's scanners stop at it */
    /* cmark-gfm drops a byte order mark that starts its input: the first
     * piece's, where a piece that starts with definitions would keep it
     * (and past_prefix() would not see a definition behind it). */
    if (pg->line_off[first - 1] + 3 <= pg->len &&
        memcmp(pg->text + pg->line_off[first - 1], "\xef\xbb\xbf", 3) == 0)
        return 0;
    for (ln = first; ln <= pg->nlines; ln++) {
        struct str l = page_text_line(pg, pg->text, ln), rest, label;
        size_t k = past_prefix(l), sp;
        int def = 0;

        /* Any line that may define but for a plain definition (also in
         * a block, which this scan may judge wrong) keeps it whole. */
        if (k < l.len && l.p[k] == '[' && may_define(l, k)) {
            if (k > 0 || b.fc != 0 || b.html != NULL || prev == OTHER ||
                !plain_def(l, &label))
                goto whole;
            def = 1;
        }
        if (in_block(&b, l)) {
            prev = OTHER;
            continue;
        }
        for (k = 0; k < l.len && (l.p[k] == ' ' || l.p[k] == '\t'); k++)
            continue;
        if (k == l.len) {
            prev = BLANK;
            run = 0;
            continue;
        }
        /* A table whose header is not its paragraph's first line takes
         * that line from it: cmark-gfm then places the paragraph's text
         * at lines counted from the start of its input. */
        if (++run > 2 && delimiter_row(l))
            goto whole;
        if (run == 1)
            tag_run = 0;
        if (def) {
            if (d == NULL) {
                d = xcalloc(1, sizeof *d);
                d->mem.scratch = 1;
            }
            add_def(d, label, ln);
            prev = DEF;
            continue;
        }
        if (prev == DEF)
            goto whole;         /* a definition, then more of its block */
        prev = OTHER;
        for (sp = 0; sp < l.len && sp < 4 && l.p[sp] == ' '; sp++)
            continue;
        if (sp > 3)
            continue;
        rest = (struct str){ l.p + sp, l.len - sp };
        if (fence(rest, &c, &n, &bare) || html_block_end(rest) != NULL) {
            /* Indented, in a list item or not; or where an HTML block
             * that a blank line ends (CommonMark's kinds 6 and 7) may
             * hold it: no block starts there. */
            if (sp > 0 || (run > 1 && tag_run))
                goto whole;
        }
        /* An HTML block that a blank line ends opens at a tag, after a
         * blank line or interrupting a paragraph, or after a heading. */
        tag_run |= l.p[k] == '<' && k < 4 && k + 1 < l.len &&
                   (isalpha((unsigned char)l.p[k + 1]) || l.p[k + 1] == '/');
        if (sp == 0)
            open_block(&b, l);
    }
    *defs = d;
    return 1;
whole:
    defs_free(d);
    return 0;
}

/* What to feed cmark-gfm before the piece pg->text[start, end): the
 * definitions that it may use, and a blank line, or nothing; sets
 * m->skip to its lines. */
static struct str
piece_defs(struct md *m, size_t start, size_t end)
{
    const char *t = m->t;
    struct defs *d = m->defs;
    char key[LABEL_MAX + 2];
    size_t i, j, u;

    m->skip = 0;
    if (d == NULL)
        return (struct str){ "", 0 };
    d->piece++;
    d->nuse = 0;
    for (i = start; i < end; i++) {
        const char *open = memchr(t + i, '[', end - i);
        size_t n, cursor;
        uint32_t hash;

        if (open == NULL)
            break;
        i = (size_t)(open - t);
        for (j = i + 1; j < end && j - i <= LABEL_MAX + 1 && t[j] != '[' &&
                        t[j] != ']'; j++)
            continue;
        if (j >= end || t[j] != ']')
            continue;
        /* A plain label holds no '>': one in the brackets can only be a
         * block quote's marker, left out of the label. */
        n = fold_label(t + i + 1, j - i - 1, FOLD_ASCII | FOLD_NO_GT, key);
        hash = hindex_hash(key, n);
        cursor = 0;
        while (n > 0 && (u = hindex_next(&d->ix, hash, &cursor)) != SIZE_MAX)
            if (d->v[u].piece != d->piece &&
                strcmp(d->v[u].label, key) == 0) {
                d->v[u].piece = d->piece;
                *ARENA_PUSH(&d->mem, d->use, d->nuse, d->use_cap) = u;
            }
        i = j - 1;              /* the ']' may be before another '[' */
    }
    if (d->nuse == 0)
        return (struct str){ "", 0 };
    buf_reset(&d->feed);
    for (u = 0; u < d->nuse; u++) {
        struct str l = page_text_line(m->pg, t, d->v[d->use[u]].line);

        buf_add(&d->feed, l.p, l.len);
        buf_addc(&d->feed, '\n');
    }
    buf_addc(&d->feed, '\n');
    m->skip = (unsigned)d->nuse + 1;
    return (struct str){ d->feed.p, d->feed.len };
}

/* Where the piece of pg->text that starts at from (a line start, where
 * nothing is open) ends: the first line start past piece_bytes where
 * the page may be cut, or the end of the page. */
static size_t
piece_end(const struct page *pg, size_t from)
{
    unsigned ln = page_pos(pg, from).line;
    struct open_block b = { 0, 0, NULL };
    int blank = 0;

    for (; ln <= pg->nlines; ln++) {
        struct str l = page_text_line(pg, pg->text, ln);
        size_t off = pg->line_off[ln - 1];

        if (in_block(&b, l))
            continue;
        if (str_trim(l).len == 0) {
            blank = 1;
            continue;
        }
        /* (cmark-gfm drops a byte order mark that starts its input) */
        if (blank && off - from >= piece_bytes && l.p[0] != ' ' &&
            l.p[0] != '\t' && !is_list_item(l) &&
            (l.len < 3 || memcmp(l.p, "\xef\xbb\xbf", 3) != 0))
            return off;
        blank = 0;
        open_block(&b, l);
    }
    return pg->len;
}

/* A block starts no earlier than where its start says: what has no
 * place of its own in it (an extension's autolink, say) is looked for
 * from there, not from the last block's last inline. */
static void
enter_block(struct md *m, cmark_node *n)
{
    int line = cmark_node_get_start_line(n);
    int col = cmark_node_get_start_column(n);
    unsigned at;

    if (line <= (int)m->skip)
        return;
    at = file_line(m, line);
    if (at > m->cur_line) {
        m->cur_line = at;
        m->cur_col = col > 0 ? (unsigned)col : 1;
    }
}

/* Parses the lines of pg->text from start to end (line starts) into
 * the page model, as the walk so far (m) left it. */
static void
parse_piece(struct md *m, size_t start, size_t end)
{
    struct page *pg = m->pg;
    cmark_parser *parser;
    cmark_node *doc;
    cmark_iter *it;
    cmark_event_type ev;
    struct str defs;

    m->line0 = page_pos(pg, start).line;
    m->cur_line = m->line0;
    m->cur_col = 1;
    if (parse_alone)
        pthread_mutex_lock(&cmark_lock);
    defs = piece_defs(m, start, end);
    parser = new_parser(defs.len + (end - start));
    if (defs.len > 0)
        cmark_parser_feed(parser, defs.p, defs.len);
    cmark_parser_feed(parser, pg->text + start, end - start);
    doc = cmark_parser_finish(parser);
    if (parse_alone)
        pthread_mutex_unlock(&cmark_lock);
    it = cmark_iter_new(doc);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        int enter = ev == CMARK_EVENT_ENTER;

        if (enter && (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK)
            enter_block(m, n);

        switch (type) {
        case CMARK_NODE_TEXT:
            if (enter) {
                size_t k = pg->nspans;

                add_text(m, n);
                for (; m->quote > 0 && k < pg->nspans; k++)
                    pg->spans[k].quoted = 1;
            }
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            if (enter && (m->quote > 0 || opens_quotation(m, n)))
                m->quote++;
            else if (!enter && m->quote > 0)
                m->quote--;
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            if (enter) {
                m->cur_line++;
                m->cur_col = 1;
            }
            break;
        case CMARK_NODE_LINK:
            if (enter) {
                add_link_or_image(m, n, 0);
                m->in_link++;
            } else {
                m->in_link--;
                m->in_autolink = 0;
            }
            break;
        case CMARK_NODE_IMAGE:
            if (enter) {
                add_link_or_image(m, n, 1);
                m->in_image++;
            } else {
                m->in_image--;
                m->in_autolink = 0;
            }
            break;
        case CMARK_NODE_HEADING:
            if (enter) {
                unsigned line = (unsigned)cmark_node_get_start_line(n);

                m->heading = ARENA_PUSH(pg->mem, pg->headings, pg->nheadings,
                                       pg->headings_cap);
                m->heading->line = file_line(m, (int)line);
                m->heading->col = (unsigned)cmark_node_get_start_column(n);
                m->heading->level = cmark_node_get_heading_level(n);
                buf_reset(&m->heading_text);
                m->in_heading = 1;
            } else {
                m->heading->text = arena_strdup(pg->mem,
                    m->heading_text.p != NULL ? m->heading_text.p : "");
                m->in_heading = 0;
                m->heading = NULL;
            }
            break;
        case CMARK_NODE_CODE:
            if (enter && m->in_heading)
                buf_adds(&m->heading_text, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_CODE_BLOCK:
            if (enter) {
                unsigned (*r)[2] = ARENA_PUSH(&m->own, m->code, m->ncode,
                                               m->code_cap);

                (*r)[0] = file_line(m, cmark_node_get_start_line(n));
                (*r)[1] = file_line(m, cmark_node_get_end_line(n));
            }
            break;
        case CMARK_NODE_HTML_BLOCK:
            if (enter)
                add_html(m, n, 1);
            break;
        case CMARK_NODE_HTML_INLINE:
            if (enter)
                add_html(m, n, 0);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    arena_reset(&cmark_arena);
}

/* Do the pieces of the body from body on pay for the definitions they
 * would parse again: not when one piece holds most of the page (a long
 * paragraph of reference links), whose tree is then nearly whole. */
static int
worth_cutting(const struct page *pg, size_t body, struct defs **defs)
{
    size_t at, end;

    if (*defs == NULL)
        return 1;               /* then cutting costs nothing */
    for (at = body; at < pg->len; at = end) {
        end = piece_end(pg, at);
        if (end - at > (pg->len - body) / 2) {
            defs_free(*defs);
            *defs = NULL;
            return 0;
        }
    }
    return 1;
}

void
markdown_parse(struct page *pg, size_t body)
{
    /* Most pages' refs and code blocks fit here: no block to allocate. */
    max_align_t seed[MD_SEED_BYTES / sizeof(max_align_t)];
    struct md m;
    size_t at, end;
    unsigned first;

    memset(&m, 0, sizeof m);
    arena_seed(&m.own, seed, sizeof seed);
    m.pg = pg;
    m.t = pg->text;
    m.len = pg->len;
    if (body >= pg->len)
        return;
    pthread_once(&registered, init);
    first = page_pos(pg, body).line;
    pieces = 0;
    if (pg->len - body <= piece_min || !cuttable(pg, first, &m.defs) ||
        !worth_cutting(pg, body, &m.defs)) {
        parse_piece(&m, body, pg->len);
        pieces = 1;
    } else {
        for (at = body; at < pg->len; at = end, pieces++) {
            end = piece_end(pg, at);
            parse_piece(&m, at, end);
        }
        defs_free(m.defs);
    }
    resolve_refs(&m, first);
    buf_free(&m.heading_text);
    arena_free(&m.own);
}

void
markdown_thread_done(void)
{
    arena_free(&cmark_arena);
}
