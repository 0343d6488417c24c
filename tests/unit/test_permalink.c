/* test_permalink.c: slugs, heading ids, URL resolution and the edit
 * distance behind suggestions. */
#include <stdlib.h>

#include "harness.h"
#include "permalink.h"
#include "generator.h"
#include "site.h"
#include "siteindex.h"

static const char *
with(void (*fn)(struct buf *, const char *, size_t), const char *s)
{
    static char out[256];
    struct buf b = { 0 };

    fn(&b, s, strlen(s));
    snprintf(out, sizeof out, "%s", b.p != NULL ? b.p : "");
    buf_free(&b);
    return out;
}

static void
urlize_lower(struct buf *b, const char *s, size_t len)
{
    permalink_urlize(b, s, len, 1);
}

static void
github(struct buf *b, const char *s, size_t len)
{
    permalink_anchor_github(b, s, len, 0);
}

static void
github_ascii(struct buf *b, const char *s, size_t len)
{
    permalink_anchor_github(b, s, len, 1);
}

static void
test_slugs(void)
{
    /* Hugo's urlize, as its documentation shows it. */
    str_eq(with(urlize_lower, "A B C"), "a-b-c", "urlize: spaces");
    str_eq(with(urlize_lower, "a b   c"), "a-b-c", "urlize: runs of spaces");
    str_eq(with(urlize_lower, "< a, b, & c >"), "a-b-c",
           "urlize: punctuation dropped, no hyphen at the ends");
    str_eq(with(urlize_lower, "main.go"), "main.go", "urlize: dots kept");
    str_eq(with(urlize_lower, "MongooseIM 6.4 - Simplified"),
           "mongooseim-6.4-simplified", "urlize: ' - ' is one hyphen");
    str_eq(with(urlize_lower, "XMPP Summit 27: Brussels"),
           "xmpp-summit-27-brussels", "urlize: colon dropped");
    str_eq(with(urlize_lower, "It\xE2\x80\x99s all about"), "its-all-about",
           "urlize: a typographic apostrophe is dropped");
    str_eq(with(urlize_lower, "Caf\xC3\xA9 chat"), "caf\xC3\xA9-chat",
           "urlize: letters beyond ASCII are kept");

    /* Pelican's slugify and Python-Markdown's toc. */
    str_eq(with(permalink_slugify, "Big News!"), "big-news", "slugify");
    str_eq(with(permalink_slugify, "  Café  Déjà vu "), "cafe-deja-vu",
           "slugify: accents folded, ends trimmed");
    str_eq(with(permalink_slugify, "a -- b_c"), "a-b_c",
           "slugify: runs of - and space");
    str_eq(with(permalink_slugify, "What's new?"), "whats-new",
           "toc id");

    /* goldmark's GitHub-style ids. */
    str_eq(with(github, "1999: Jabber"), "1999-jabber",
           "github id: colon dropped, space kept as -");
    str_eq(with(github, "Über uns & Café"),
           "über-uns--café", "github id: letters lower-cased, & dropped");
    str_eq(with(github,
                "Aidez-nous \xE2\x80\x99 vite"), "aidez-nous--vite",
           "github id: typographic quote dropped");
}

struct slug_case {
    const char *in, *out, *what;
};

/* fn of each case's in must be its out. */
static void
check_slugs(void (*fn)(struct buf *, const char *, size_t), const char *name,
            const struct slug_case *c, size_t n)
{
    char what[120];
    size_t i;

    for (i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s: %s", name, c[i].what);
        str_eq(with(fn, c[i].in), c[i].out, what);
    }
}

/* Beyond Latin-1, each generator asks the Unicode Character Database:
 * the expected values are what Go's unicode package (Hugo) and Python's
 * unicodedata (Python-Markdown) gave for these inputs. */
static void
test_slugs_unicode(void)
{
    static const struct slug_case gh[] = {
        { "Ärger Ÿes 人々 Tiếng Việt", "ärger-ÿes-人々-tiếng-việt",
          "Ÿ lower-cased, 々 is a letter" },
        { "Café： what？", "café-what", "full-width punctuation dropped" },
        { "हिन्दी भाषा", "हनद-भष", "vowel signs are marks, not letters" },
        { "İstanbul", "istanbul", "İ's simple lower case is i" },
        { "ΣΑΣ Ώρα", "σασ-ώρα", "Greek, no final sigma" },
        { "\xC2\xA0 Title \xE3\x80\x80", "title",
          "Unicode white space trimmed" },
        { "x² ½ Ⅳ", "x--", "numbers that are not digits dropped" },
        { "ǅemal", "ǆemal", "title case to lower case" },
        { "e\xCC\x81te", "ete", "a combining accent dropped" },
        { "🚀 Launch", "-launch", "emoji dropped" },
        { "𝐀 𠀀", "𝐀-𠀀", "letters past the BMP kept" },
        { "a_b-c d", "a_b-c-d", "_ kept" },
        { "bad\xFF" "byte", "badbyte", "an invalid byte dropped" },
    };
    static const struct slug_case gha[] = {
        { "Tiếng Việt ß ﬁ", "tieng-viet--", "accents gone, ß and ﬁ too" },
        { "e\xCC\x81te", "ete", "a combining accent gone" },
        { "Ærger Œ x²", "rger--x", "Æ and Œ have no ASCII form" },
        { "\xCC\x81 foo", "foo", "accent gone before the trim" },
    };
    static const struct slug_case bf[] = {
        { "Tiếng Việt — x² 1/2", "tiếng-việt-x²-1-2", "numbers kept" },
        { "ΣΑΣ, Ώρα!", "σασ-ώρα", "punctuation runs are one -" },
        { "--lead", "lead", "no - first" },
    };
    static const struct slug_case url[] = {
        { "Über uns — Geschichte", "über-uns-geschichte", "dash dropped" },
        { "日本語\xE3\x80\x80タイトル", "日本語-タイトル",
          "ideographic space is white space" },
        { "nai\xCC\x88ve Ǆ ™ 50%", "nai\xCC\x88ve-ǆ-50",
          "marks kept, ™ dropped, Ǆ lower-cased, a lone % dropped" },
        { "a%2Fb %zz", "a%2fb-zz", "% kept before two hex digits only" },
        { " lead", "lead", "no - first" },
    };
    static const struct slug_case md[] = {
        { "Tiếng Việt", "tieng-viet", "NFKD folds Vietnamese" },
        { "ﬁne ½", "fine-12", "ligature and fraction to ASCII" },
        { "- leading", "-leading", "a leading - stays" },
        { "trailing -  ", "trailing-", "a trailing - stays, space goes" },
        { "Straße", "strae", "ß has no ASCII form" },
        { "x²", "x2", "superscript two" },
        { "Ｆｕｌｌ ｗｉｄｔｈ", "full-width", "full-width letters" },
        { "Привет мир", "", "Cyrillic has no ASCII form" },
        { "Ærø — Œuvre", "r-uvre", "Æ, ø and Œ have none either" },
        { "a  --  b", "a-b", "a run of - and space" },
        { "$100 & more", "100-more", "symbols dropped" },
        { "㎏ rads", "kg-rads", "a squared unit" },
    };
    struct buf b = { 0 };

    check_slugs(github, "github id", gh, sizeof gh / sizeof gh[0]);
    check_slugs(github_ascii, "github-ascii id", gha,
                sizeof gha / sizeof gha[0]);
    check_slugs(permalink_anchor_blackfriday, "blackfriday id", bf,
                sizeof bf / sizeof bf[0]);
    check_slugs(urlize_lower, "urlize", url, sizeof url / sizeof url[0]);
    check_slugs(permalink_slugify, "toc slugify", md,
                sizeof md / sizeof md[0]);
    /* Pelican's slugify: unidecode where it is known (values from
     * python3-unidecode), else not known at all. */
    int_eq(permalink_slugify_pelican(&b, "Größe", strlen("Größe")), 0,
           "pelican slug: ß is known");
    str_eq(b.p, "grosse", "pelican slug: ß is ss");
    buf_reset(&b);
    int_eq(permalink_slugify_pelican(&b, "Ærø Œuvre — „quoted“ Ŋ",
                                     strlen("Ærø Œuvre — „quoted“ Ŋ")), 0,
           "pelican slug: Latin letters and punctuation known");
    str_eq(b.p, "aero-oeuvre-quoted-ng",
           "pelican slug: Æ, ø, Œ, a dash, quotes and Ŋ as unidecode has them");
    buf_reset(&b);
    int_eq(permalink_slugify_pelican(&b, "Tiếng ﬁ ½", strlen("Tiếng ﬁ ½")),
           0, "pelican slug: NFKC forms known");
    str_eq(b.p, "tieng-fi-12", "pelican slug: NFKC then ASCII");
    buf_reset(&b);
    int_eq(permalink_slugify_pelican(&b, "Привет мир", strlen("Привет мир")),
           -1, "pelican slug: Cyrillic is not known");
    int_eq(permalink_slugify_pelican(&b, "5 €", strlen("5 €")), -1,
           "pelican slug: € (EUR there) is not known");
    buf_reset(&b);
    /* strings.ToLower on a path: lengths change past ASCII. */
    buf_adds(&b, "/x/Über/İSTANBUL/ȺB/ΣΑΣ");
    permalink_lower(&b, 3);
    str_eq(b.p, "/x/über/istanbul/ⱥb/σασ", "lower: Unicode's simple mapping");
    buf_reset(&b);
    buf_adds(&b, "A\xE2\x82" "B");
    permalink_lower(&b, 0);
    str_eq(b.p, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b",
           "lower: each invalid byte is U+FFFD, as strings.ToLower has it");
    buf_free(&b);
}

static size_t
naive(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i, j;
    size_t *d = calloc((na + 1) * (nb + 1), sizeof *d), r;

    for (i = 0; i <= na; i++)
        d[i * (nb + 1)] = i;
    for (j = 0; j <= nb; j++)
        d[j] = j;
    for (i = 1; i <= na; i++)
        for (j = 1; j <= nb; j++) {
            size_t v = d[(i - 1) * (nb + 1) + j - 1] + (a[i - 1] != b[j - 1]);

            if (d[(i - 1) * (nb + 1) + j] + 1 < v)
                v = d[(i - 1) * (nb + 1) + j] + 1;
            if (d[i * (nb + 1) + j - 1] + 1 < v)
                v = d[i * (nb + 1) + j - 1] + 1;
            d[i * (nb + 1) + j] = v;
        }
    r = d[na * (nb + 1) + nb];
    free(d);
    return r;
}

static void
test_distance(void)
{
    char a[80], b[80];
    int i, k, bad = 0;

    int_eq(site_edit_distance("/about/histroy", "/about/history"), 2,
           "distance: a transposition is two edits");
    int_eq(site_edit_distance("", "abc"), 3, "distance: empty");
    srand(7);
    for (i = 0; i < 2000; i++) {
        int na = rand() % 70, nb = rand() % 70;

        for (k = 0; k < na; k++)
            a[k] = "abc/-"[rand() % 5];
        a[na] = '\0';
        for (k = 0; k < nb; k++)
            b[k] = "abc/-"[rand() % 5];
        b[nb] = '\0';
        bad += site_edit_distance(a, b) != naive(a, b);
    }
    int_eq(bad, 0, "distance: bit-parallel agrees with the table on "
           "2000 random pairs up to 70 bytes");
}

static void
test_resolve(void)
{
    struct arena a = { 0 };
    struct site site = { .gen = &gen_hugo, .default_lang = "en",
                         .root = ".", .base_host = "xmpp.example",
                         .base_path = "/" };
    static const char *const outside[] = { "/extensions/", "/xsf/*.shtml" };
    struct page_info faq = { .path = "content/about/faq.md",
                             .src_key = "/about/faq.md", .url = "/about/faq/" };
    struct page_info hist = { .path = "content/about/history.md",
                              .src_key = "/about/history.md",
                              .url = "/about/history/" };
    const char *aliases[] = { "/old/history/" };
    struct link_target t;

    site.index = site_index_new(&a);
    site.outside = outside;
    site.noutside = 2;
    site_add_page(site.index, &faq, NULL, 0);
    site_add_page(site.index, &hist, aliases, 1);
    site_add_list(site.index, "/about/");

    site_resolve(&site, &faq, "../history/", FORM_URL, &t, &a);
    ok(t.kind == LINK_PAGE && t.page == &hist,
       "resolve: relative to the page's URL");
    site_resolve(&site, &faq, "history/", FORM_URL, &t, &a);
    ok(t.kind == LINK_BROKEN && strcmp(t.url, "/about/faq/history/") == 0,
       "resolve: 'history/' from /about/faq/ is below it, as in a browser");
    site_resolve(&site, &faq, "/about/history/index.html#x", FORM_URL, &t,
                 &a);
    ok(t.kind == LINK_PAGE && t.page == &hist && !strcmp(t.fragment, "x"),
       "resolve: index.html and a fragment");
    site_resolve(&site, &faq, "https://XMPP.example/old/history", FORM_URL,
                 &t, &a);
    ok(t.kind == LINK_PAGE && t.page == &hist,
       "resolve: own host, alias, no trailing slash");
    site_resolve(&site, &faq, "https://example.org/x", FORM_URL, &t, &a);
    ok(t.kind == LINK_SKIP, "resolve: another host is not ours");
    site_resolve(&site, &faq, "http://xmpp.example:5290/muc_log/", FORM_URL,
                 &t, &a);
    ok(t.kind == LINK_SKIP, "resolve: another port is not ours");
    site_resolve(&site, &faq, "/about", FORM_URL, &t, &a);
    ok(t.kind == LINK_PAGE && t.page == NULL, "resolve: a list page");
    site_resolve(&site, &faq, "/extensions/xep-0001.html", FORM_URL, &t, &a);
    ok(t.kind == LINK_OUTSIDE, "resolve: an outside prefix");
    site_resolve(&site, &faq, "/xsf/docs/bylaws.shtml", FORM_URL, &t, &a);
    ok(t.kind == LINK_OUTSIDE, "resolve: an outside glob");
    site_resolve(&site, &faq, "history.md#y", FORM_URL, &t, &a);
    ok(t.kind == LINK_PAGE && t.page == &hist,
       "resolve: a link to a source file next to the page");
    site_resolve(&site, &faq, "history.md", FORM_REF, &t, &a);
    ok(t.kind == LINK_PAGE && t.page == &hist, "resolve: ref, relative");
    site_resolve(&site, &faq, "/about/history", FORM_REF, &t, &a);
    ok(t.kind == LINK_PAGE && t.page == &hist, "resolve: ref, absolute");
    site_resolve(&site, &faq, "#local", FORM_URL, &t, &a);
    ok(t.kind == LINK_PAGE && t.same_page && t.page == &faq,
       "resolve: a fragment alone is this page");
    site_resolve(&site, &faq, "/a/%2e%2e/about/hist%6Fry/", FORM_URL, &t, &a);
    ok(t.kind == LINK_PAGE && t.page == &hist,
       "resolve: percent escapes decoded, dot segments removed");
    str_eq(site_suggest(&site, "/about/histroy/", &a), "/about/history/",
           "suggest: a sibling two edits away");
    ok(site_suggest(&site, "/about/completely-else/", &a) == NULL,
       "suggest: nothing when nothing is close");
    ok(site_has_below(&site, "/about/") && !site_has_below(&site, "/xsf/"),
       "has_below: folders with and without pages");
    site_index_free(site.index);
    arena_free(&a);
}

void
test_permalink(void)
{
    test_slugs();
    test_slugs_unicode();
    test_distance();
    test_resolve();
}
