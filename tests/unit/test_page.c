/* test_page.c: positions of everything the page model holds, mapped back
 * to the file through front matter, containers and escapes. */
#include "harness.h"

#include <ftw.h>
#include <pthread.h>
#include <stdlib.h>

#include "diag.h"
#include "page.h"
#include "generator.h"
#include "markdown.h"
#include "model.h"
#include "prose.h"
#include "site.h"
#include "siteindex.h"

static struct arena mem, run;
static struct site site = { .gen = &gen_plain, .default_lang = "en" };

static struct page *
parse(const char *text, enum page_type type)
{
    static struct page pg;

    memset(&pg, 0, sizeof pg);
    page_parse(&pg, "p.md", text, strlen(text), type, &site, &mem, &run);
    return &pg;
}

/* The span whose text is word, or NULL. */
static const struct span *
span_with(const struct page *pg, const char *word)
{
    size_t i, n = strlen(word);

    for (i = 0; i < pg->nspans; i++) {
        const struct span *sp = &pg->spans[i];
        const char *hit;

        for (hit = sp->text.p; hit + n <= sp->text.p + sp->text.len; hit++)
            if (memcmp(hit, word, n) == 0)
                return sp;
    }
    return NULL;
}

static unsigned
col_of(const struct page *pg, const char *word)
{
    const struct span *sp = span_with(pg, word);
    size_t n = strlen(word);
    const char *hit;

    if (sp == NULL)
        return 0;
    for (hit = sp->text.p; memcmp(hit, word, n) != 0; hit++)
        continue;
    return sp->col + (unsigned)(hit - sp->text.p);
}

void
test_page(void)
{
    struct page *pg;
    const struct span *sp;

    diag_init(NULL);
    pg = parse("---\ntitle: Hello Ressources\n---\n\n"
               "> quote with alpha\n"
               "lazy bravo continuation\n\n"
               "- item\n  charlie here\n\n"
               "See https://example.org/delta and [echo](/x \"Foxtrot\").\n"
               "![golf](/img/a.png \"hotel title\")\n\n"
               "`india` code span, and\n\n"
               "    juliet indented code\n\n"
               "| kilo | lima |\n|---|---|\n| mike | november |\n\n"
               "[oscar][ref]\n\n[ref]: /papa.html\n", PAGE_MARKDOWN);
    int_eq(pg->body_line, 4, "page: body after front matter");
    sp = span_with(pg, "Ressources");
    ok(sp && sp->kind == SPAN_TITLE && sp->line == 2 &&
       col_of(pg, "Ressources") == 14, "page: front matter title is prose");
    int_eq(col_of(pg, "alpha"), 14, "page: blockquote column");
    sp = span_with(pg, "bravo");
    ok(sp && sp->line == 6 && col_of(pg, "bravo") == 6,
       "page: lazy continuation line placed by source, not by cmark");
    ok(span_with(pg, "charlie") && span_with(pg, "charlie")->line == 9 &&
       col_of(pg, "charlie") == 3, "page: list continuation");
    ok(span_with(pg, "delta") == NULL, "page: autolink URL is not prose");
    int_eq(pg->nlinks, 3, "page: autolink, link and reference link");
    if (pg->nlinks == 3) {
        str_eq(pg->links[0].text, "https://example.org/delta",
               "page: autolink URL");
        int_eq(pg->links[0].pos.col, 5, "page: autolink column");
        int_eq(pg->links[1].pos.col, 42, "page: link destination column");
        str_eq(pg->links[2].text, "/papa.html", "page: reference link URL");
        ok(pg->links[2].pos.line == 24 && pg->links[2].pos.col == 8,
           "page: reference link points at its definition");
    }
    ok(span_with(pg, "echo") && span_with(pg, "echo")->kind == SPAN_LINK_TEXT,
       "page: link text is prose");
    int_eq(pg->nimages, 1, "page: one image");
    if (pg->nimages == 1) {
        int_eq(pg->images[0].pos.col, 9, "page: image source column");
        int_eq(pg->images[0].end_col, 19, "page: image source end");
    }
    ok(pg->ncaptions == 1 && pg->captions[0].pos.col == 21 &&
       strcmp(pg->captions[0].text, "hotel title") == 0,
       "page: image title is a caption at its column");
    ok(span_with(pg, "golf") && span_with(pg, "golf")->kind == SPAN_ALT,
       "page: alt text is prose");
    ok(span_with(pg, "india") == NULL, "page: code span is not prose");
    ok(span_with(pg, "juliet") == NULL, "page: code block is not prose");
    ok(span_with(pg, "kilo") && col_of(pg, "november") == 10,
       "page: table cells are prose");
    diag_finish();

    diag_init(NULL);
    pg = parse("\xEF\xBB\xBF# Title\r\n\r\nSome \\*escaped\\* &amp; "
               "entity Ressources\r\n", PAGE_MARKDOWN);
    int_eq(col_of(pg, "Title"), 3, "page: BOM is not a column");
    int_eq(col_of(pg, "Ressources"), 31,
           "page: escapes and entities keep columns exact");
    ok(span_with(pg, "Ressources") &&
       span_with(pg, "Ressources")->line == 3, "page: CRLF lines");
    int_eq(pg->nheadings, 1, "page: heading");
    diag_finish();

    diag_init(NULL);
    pg = parse("ok\n\xFF\xFEz\n", PAGE_MARKDOWN);
    {
        size_t n;
        struct diag **v = diag_sorted(&n);

        ok(n == 1 && v[0]->pos.line == 2 && v[0]->pos.col == 1 &&
           strcmp(v[0]->rule, "encoding") == 0,
           "page: invalid UTF-8 at its first bad byte");
    }
    diag_finish();

    diag_init(NULL);
    pg = parse("<figure><img src=\"/a.png\" srcset=\"/b.png 1x, /c.png 2x\">"
               "\n<figcaption>Two  words</figcaption></figure>\n"
               "<p>Ressources <code>adresse</code></p>\n", PAGE_HTML);
    int_eq(pg->nimages, 3, "html: src and srcset entries");
    if (pg->nimages == 3) {
        int_eq(pg->images[0].pos.col, 19, "html: src column");
        int_eq(pg->images[2].pos.col, 46, "html: second srcset column");
    }
    ok(pg->ncaptions == 1 && strcmp(pg->captions[0].text, "Two words") == 0
       && pg->captions[0].pos.line == 2 && pg->captions[0].pos.col == 13,
       "html: figcaption text, folded, at its position");
    ok(span_with(pg, "Ressources") != NULL, "html: text is prose");
    ok(span_with(pg, "adresse") == NULL, "html: <code> is not prose");
    diag_finish();

    diag_init(NULL);
    pg = parse("+++\ntitle = \"x\"\n", PAGE_MARKDOWN);
    {
        size_t n;
        struct diag **v = diag_sorted(&n);

        ok(n == 1 && strstr(v[0]->msg, "never closed"),
           "page: unterminated front matter");
    }
    diag_finish();
    arena_free(&mem);
    arena_free(&run);
}

/* Pages parsed on several threads at once: each parse must see the
 * autolink and the strikethrough, which cmark-gfm finds through a table
 * every parser shares (markdown.c). */
#define CONCURRENT_PARSES 400

struct parser_thread {
    pthread_t tid;
    int wrong;
};

static void *
parse_many(void *arg)
{
    static const char text[] =
        "See www.example.org and ~~gone~~ and https://example.net/x.\n";
    struct parser_thread *t = arg;
    struct arena tmem = { 0 }, trun = { 0 };
    int i;

    for (i = 0; i < CONCURRENT_PARSES; i++) {
        struct page pg;

        memset(&pg, 0, sizeof pg);
        page_parse(&pg, "t.md", text, sizeof text - 1, PAGE_MARKDOWN, &site,
                   &tmem, &trun);
        if (pg.nlinks != 2 || span_with(&pg, "~") != NULL)
            t->wrong++;
        arena_reset(&tmem);
        arena_reset(&trun);
    }
    arena_free(&tmem);
    arena_free(&trun);
    page_thread_done();
    return NULL;
}

void
test_page_threads(void)
{
    struct parser_thread t[3];
    size_t i;
    int wrong = 0;

    ok(markdown_concurrent(), "this cmark-gfm parses on threads at once");
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        t[i].wrong = 0;
        if (pthread_create(&t[i].tid, NULL, parse_many, &t[i]) != 0)
            t[i].tid = 0;
        ok(t[i].tid != 0, "a parser thread starts");
    }
    for (i = 0; i < sizeof t / sizeof t[0]; i++)
        if (t[i].tid != 0) {
            pthread_join(t[i].tid, NULL);
            wrong += t[i].wrong;
        }
    int_eq(wrong, 0, "parses on three threads that missed an autolink or "
                     "the strikethrough");
}

/* The words a page's prose gives, as text: each word's bytes, place,
 * flags, span and link. */
static void
word_line(void *ctx, const struct prose_word *w)
{
    struct buf *b = ctx;

    buf_addf(b, "%.*s %u:%u m%d f%d g%d c%d s%p l%s\n", (int)w->n, w->p,
               w->pos.line, w->pos.col, w->mid, w->foreign_near, w->fragment,
               w->compound, (const void *)w->span,
               w->link_url != NULL ? w->link_url : "-");
}

/* Words kept ahead (prose_keep_words) are the words found as they go. */
void
test_page_words(void)
{
    static const char text[] =
        "---\ntitle: The Title Words\n---\n"
        "# A Heading here\n\n"
        "Some prose, e.g. with an add-on and and/or. Salut à Toi is near.\n"
        "It goes on with e**X**tensible and [link text](/to/page/) too.\n\n"
        "> \"A quotation\" is left out.\n\n"
        "| cell words | more |\n| --- | --- |\n| in a table | yes |\n";
    struct page *pg = parse(text, PAGE_MARKDOWN);
    struct buf found = { 0 }, kept = { 0 };

    prose_words(pg, word_line, &found);
    ok(pg->words == NULL, "prose: words are found as they go by default");
    prose_keep_words(pg);
    ok(pg->words != NULL && pg->nwords > 10, "prose: words kept ahead");
    prose_words(pg, word_line, &kept);
    ok(found.len > 0 && found.len == kept.len &&
       memcmp(found.p, kept.p, found.len) == 0,
       "prose: kept words are the words found, with their places and flags");
    pg = parse("```\ncode only\n```\n", PAGE_MARKDOWN);
    prose_keep_words(pg);
    buf_reset(&kept);
    prose_words(pg, word_line, &kept);
    ok(pg->words != NULL && pg->nwords == 0 && kept.len == 0,
       "prose: a page without prose keeps its none");
    buf_free(&found);
    buf_free(&kept);
}

/* The model of text parsed whole, and the number of pieces and model of
 * it parsed in pieces of (about) piece bytes. */
static size_t
whole_and_pieces(const char *text, size_t piece, struct buf *whole,
                 struct buf *cut)
{
    return model_whole_and_pieces(text, strlen(text), piece, whole, cut);
}

/* Every fixture page parsed whole and in pieces of a byte. */
static size_t fixture_pages, fixture_cut, fixture_same;

static int
fixture_page(const char *path, const struct stat *st, int flag,
             struct FTW *ftw)
{
    struct buf whole = { 0 }, cut = { 0 };
    size_t n = strlen(path);
    char *text;

    (void)st;
    (void)ftw;
    if (flag != FTW_F || n < 3 || strcmp(path + n - 3, ".md") != 0 ||
        (text = harness_slurp(path)) == NULL)
        return 0;
    fixture_pages++;
    fixture_cut += whole_and_pieces(text, 1, &whole, &cut) > 1;
    fixture_same += whole.len == cut.len &&
                    (whole.len == 0 || memcmp(whole.p, cut.p, whole.len) == 0);
    buf_free(&whole);
    buf_free(&cut);
    free(text);
    return 0;
}

/* Is text, parsed in pieces of a byte, modelled as when parsed whole,
 * and cut (or not, as cut says; either when it is -1)?  Holds the model
 * in *whole. */
static int
same_cut(const char *text, int cut, struct buf *whole)
{
    struct buf pieces = { 0 };
    size_t n;
    int same;

    buf_reset(whole);
    n = whole_and_pieces(text, 1, whole, &pieces);
    same = whole->len > 0 && whole->len == pieces.len &&
           memcmp(whole->p, pieces.p, whole->len) == 0 &&
           (cut < 0 || (n > 1) == cut);
    if (!same)
        fprintf(stderr, "# %zu pieces of:\n%s# whole:\n%s# pieces:\n%s",
                n, text, whole->p != NULL ? whole->p : "",
                pieces.p != NULL ? pieces.p : "");
    buf_free(&pieces);
    return same;
}

/* A reference definition holds for the whole page: each piece is parsed
 * after the definitions it may use, where they can be told from their
 * lines alone; a page with any other is parsed whole. */
static void
test_pieces_definitions(void)
{
    /* Uses of every kind before and after their definitions, in a list
     * and a quote, over two lines, in other cases and spacing; a label
     * defined twice (the first holds); an image whose title is its
     * caption; labels that Unicode case folding makes ASCII. */
    static const char uses[] =
        "[top]: /top/\n\n"
        "See [the site][s] and [s][] and [S].\n\n"
        "- an item with [the\n  Site][s] over two lines\n\n"
        "> a quote naming [Two\n> Words] and [top]\n\n"
        "![a picture][img] and ![img]\n\n"
        "Folded: [STRASSE], [straße], [\xe2\x84\xaa" "elvin], [\xef\xac\x81" "le].\n\n"
        "Not a use: `[s]` and \\[s] and [s](/inline/).\n\n"
        "# A heading with [s]\n\n"
        "| a | b |\n| - | - |\n| [s] | [top] |\n\n"
        "[s]: /site/\n"
        "[two words]: </two words/> 'Two'\n"
        "[img]: /i.png \"A caption here\"\n"
        "[strasse]: /strasse/\n"
        "[kelvin]: /kelvin/ (K)\n"
        "[file]: /file/\n"
        "[unused]: /unused/\n\n"
        "More [s] after them, and [dup].\n\n"
        "[dup]: /first/\n\n"
        "[dup]: /second/\n";
    /* Pages where a definition's reading needs more than its line. */
    static const char *const whole[] = {
        "[a]: /a/\ntext right after it\n\nSee [a].\n\n",
        "text\n[a]: /a/\n\nSee [a].\n\n",
        "[a]: /a/\n\"a title on the next line\"\n\nSee [a].\n\n",
        "[a]: /a/ \"a title\nover two lines\"\n\nSee [a].\n\n",
        "[a]:\n/a/\n\nSee [a].\n\n",
        "> [a]: /a/\n\nSee [a].\n\n",
        "  [a]: /a/\n\nSee [a].\n\n",
        "- item\n\n  [a]: /a/\n\nSee [a].\n\n",
        "See [^1].\n\n[^1]: a footnote\n\n",
        "[a\\]b]: /a/\n\nSee [a\\]b].\n\n",
        "[a|b]: /a/\n\nSee [a|b].\n\n",
        "[caf\xc3\xa9]: /a/\n\nSee [CAF\xc3\x89" "].\n\n",
        "[a]: /a/\n| x |\n| - |\n\nSee [a].\n\n",
        "[a]: /a/\n===\n\nSee [a].\n\n",
        "[a]: /((((deep))))/\n\nSee [a].\n\n",
        "[a]: /a/ \"t\" x\n\nSee [a].\n\n",
        "[a]: <a>\"t\"\n\nSee [a].\n\n",
    };
    static const char *const in_block[] = {
        "[a]\n\n```\nx\n  ```\n\n[a]: /u\n",
        "[a]\n\n``` x`\n\n[a]: /u\n",
        "[a]\n\n<!x\n\n[a]: /u\n",
        "[a]\n\n<textarea>\n\n[a]: /u\n",
        "[a]\n\n<p\n```\n\n[a]: /u\n",
        "See [a].\n\n```\n[a]: /a/\n```\n\nMore text.\n\n",
        "- [a]: /u\n\n[a]\n",
        "1. > [a]: /u\n\n[a]\n",
        "<pre\f\n\n[a]: /u\n\n</pre>\n\n[a]\n",
    };
    static const struct {
        const char *text;
        int cut;
    } blocks[] = {
        { "Start.\n\n<![cdata[\n\nx\n", -1 },
        { "Start.\n\n<pre\f\n\n</pre>\n", -1 },
        { "<p \n```\n\n```\n\ne\n", -1 },
        { "```\nx\n  ```\n\ny\n", 1 },
        { "\nftp://e\n", 1 },
        { "\nm@.m\n", 1 },
        { "x\n\n> a\n> | c |\n> | - |\n", -1 },
        { "Start.\n\n.\nq\n-\v\n", -1 },
        { "a\n<div>\n```\n\n```\n\nc\n", -1 },
        { "# h\n<a>\n```\n\n```\n\nc\n", -1 },
        { "> a\n<a>\n```\n\n```\n\nc\n", -1 },
        { "Start.\n\n<pre>\n</style>\n\n```\n</pre>\n\nc\n", -1 },
        { "\xef\xbb\xbf\xef\xbb\xbf[a]: /u\n\n[a]\n", -1 },
        { "---\nt: x\n---\n\xef\xbb\xbf[a]: /u\n\n[a]\n", -1 },
    };
    struct buf text = { 0 }, model = { 0 };
    size_t i;
    int all;

    ok(same_cut(uses, 1, &model) &&
       strstr(model.p, "link 23:6-12 /site/ 0 link") != NULL &&
       strstr(model.p, " /file/ 0 link") != NULL &&
       strstr(model.p, " /first/ 0 link") != NULL &&
       strstr(model.p, "/second/") == NULL &&
       strstr(model.p, "link 27:11-19 /kelvin/ 0 link") != NULL &&
       strstr(model.p, "caption 11:1-0 A caption here") != NULL &&
       strstr(model.p, " 1:1-") == NULL,
       "pieces: definitions are shared by the pieces of a page");
    for (all = 1, i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        buf_reset(&text);
        buf_adds(&text, whole[i]);
        buf_adds(&text, "More text.\n\nAnd more.\n");
        all &= same_cut(text.p, 0, &model);
    }
    ok(all, "pieces: a page whose definitions need more than their "
            "lines is parsed whole");
    /* A page with definitions whose one piece would hold most of it is
     * parsed whole: the definitions would be parsed twice for little. */
    ok(same_cut("[a]: /u\n\nA long paragraph that uses [a], [a] and [a]\n"
                "over the lines of the page, and more of them: [a].\n", 0,
                &model) && strstr(model.p, "/u 0 link") != NULL,
       "pieces: a page mostly one piece long is parsed whole");
    /* A label over two lines of a quote in a list item. */
    ok(same_cut("[foo bar]: /u\n\nx\n\n10. > see [foo\n    > bar]\n\n"
                "One more paragraph.\n\nAnd another one.\n", 1,
                &model) && strstr(model.p, "/u 0 link") != NULL,
       "pieces: a label over the lines of a quote in a list is found");
    /* A byte order mark at the body's start, before definitions. */
    ok(same_cut("---\ntitle: x\n---\n\xef\xbb\xbf[a]\n\n[a]: /u\n", 0,
                &model),
       "pieces: a body that starts with a byte order mark stays whole");
    /* cmark-gfm does not see an HTML block end after invalid UTF-8. */
    ok(same_cut("<!A\xff>\n\nT\n\nMore text.\n", 0, &model),
       "pieces: a page with invalid UTF-8 is parsed whole");
    /* Nor where a byte order mark would start a piece, which drops it. */
    ok(same_cut("# Guide\n\n\xef\xbb\xbf [more](x.md).\n", 0, &model),
       "pieces: no piece starts with a byte order mark");
    /* Nor one where a table may take its header from a paragraph. */
    ok(same_cut("# Table\n\n| Notes |\n|---|---|\na | b |\n|---|---|\n"
                "| c | d |\n\nMore text.\n", 0, &model),
       "pieces: a table that ends a paragraph keeps its page whole");
    ok(same_cut("\n:\n:\n-:\n\nMore text.\n", 0, &model),
       "pieces: so does one whose delimiter row has no pipe");
    /* A definition's likeness in a block: this scan may judge the block
     * wrong (a closing fence indented, a fence line in an HTML block). */
    for (all = 1, i = 0; i < sizeof in_block / sizeof in_block[0]; i++)
        all &= same_cut(in_block[i], -1, &model);
    ok(all, "pieces: a definition's likeness in a block is read as "
            "cmark-gfm reads it");
    /* Blocks as cmark-gfm 0.29 starts and ends them. */
    for (all = 1, i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        all &= same_cut(blocks[i].text, blocks[i].cut, &model);
    ok(all, "pieces: fences and HTML blocks are followed as cmark-gfm "
            "follows them");
    buf_free(&text);
    buf_free(&model);
}

/* A big page is parsed in pieces, cut only where no block goes on: the
 * model is the one the whole page gives. */
void
test_page_pieces(void)
{
    static const char section[] =
        "# Heading %d\n\n"
        "Some prose with a [link](/a/%d) and ![img](/i/%d.png), `code`.\n"
        "A second line, https://www.example.org/%d and ~~struck~~.\n\n"
        "- item one\n- item two\n\n"
        "- a loose item after a blank line\nlazily continued\n\n"
        "1. first\n2) second\n\n"
        "> \"A quotation\" in a quote\n> goes on\n\n"
        "```\nfenced\n\n# no heading in a fence %d\n\n```\n\n"
        "~~~~ info\n~~~\n\nstill fenced\n~~~~\n\n"
        "<!-- a comment\n\n# no heading in a comment %d\n-->\n\n"
        "<PRE>\npre text\n\n# no heading in pre %d\n</pre>\n\n"
        "<div id=\"box%d\">\nin a div\n</div>\n\n"
        "| a | b |\n| - | - |\n| c | [t](/t/%d) |\n\n"
        "    indented code\n\n    # no heading %d\n\n"
        "Setext heading %d\n---\n\n***\n\n";
    struct buf text = { 0 }, whole = { 0 }, cut = { 0 };
    size_t n;
    int i;

    diag_init(NULL);            /* what the pages have to say is not kept */
    buf_adds(&text, "---\ntitle: Big\n---\n");
    for (i = 0; i < 40; i++)
        buf_addf(&text, section, i, i, i, i, i, i, i, i, i, i, i);
    /* Pieces of a byte: cut wherever the page may be. */
    n = whole_and_pieces(text.p, 1, &whole, &cut);
    ok(n > 400, "pieces: a page of every kind of block is cut often");
    ok(whole.len > 0 && whole.len == cut.len &&
       memcmp(whole.p, cut.p, whole.len) == 0,
       "pieces: its model is the whole page's");

    /* A fence indented, which may be in a list item: not cut. */
    buf_reset(&whole);
    buf_reset(&cut);
    buf_reset(&text);
    for (i = 0; i < 40; i++)
        buf_addf(&text, "- item %d\n\n  ```\n  code\n\nnot code %d\n  ```\n\n",
                 i, i);
    n = whole_and_pieces(text.p, 64, &whole, &cut);
    ok(n == 1 && whole.len == cut.len &&
       memcmp(whole.p, cut.p, whole.len) == 0,
       "pieces: a page with an indented fence is parsed whole");

    test_pieces_definitions();

    /* The fixtures' pages, written as sites write them. */
    nftw("tests/fixtures", fixture_page, 16, FTW_PHYS);
    ok(fixture_pages > 100 && fixture_cut > fixture_pages / 4,
       "pieces: most fixture pages can be cut");
    ok(fixture_same == fixture_pages,
       "pieces: every fixture page's model is the whole page's");
    diag_finish();
    arena_free(&mem);
    arena_free(&run);
    buf_free(&text);
    buf_free(&whole);
    buf_free(&cut);
}
