/* test_shortcode.c: the shortcode scanner: forms, parameters, positions,
 * blanking, and recovery from broken tags. */
#include "harness.h"

#include "diag.h"
#include "shortcode.h"
#include "generator.h"
#include "site.h"
#include "siteindex.h"

static struct arena mem, run;
static struct site site = { .gen = &gen_plain, .default_lang = "en" };

/* Scans text as a page body; the filler copy is left in *out. */
static struct page *
scan(const char *text, char **out)
{
    static struct page pg;
    size_t len = strlen(text);

    memset(&pg, 0, sizeof pg);
    page_parse(&pg, "p.md", text, len, PAGE_MARKDOWN, &site, &mem, &run);
    *out = (char *)pg.text;
    return &pg;
}

static size_t
ndiags(void)
{
    size_t n;

    diag_sorted(&n);
    return n;
}

void
test_shortcode(void)
{
    char *out;
    struct page *pg;
    const struct shortcode *sc;

    diag_init(NULL);
    pg = scan("a {{< figure src=\"/x_(y).png\" caption=\"A \\\"b\\\"\" "
              "class=big `raw` >}} z\n", &out);
    int_eq(pg->nshortcodes, 1, "shortcode: one tag");
    sc = pg->nshortcodes ? &pg->shortcodes[0] : NULL;
    str_eq(sc ? sc->name : NULL, "figure", "shortcode: name");
    int_eq(sc ? sc->pos.col : 0, 3, "shortcode: tag column");
    int_eq(sc ? sc->nparams : 0, 4, "shortcode: four parameters");
    if (sc != NULL && sc->nparams == 4) {
        str_eq(sc->params[0].value, "/x_(y).png", "shortcode: quoted value");
        int_eq(sc->params[0].value_pos.col, 19,
               "shortcode: value column after the quote");
        str_eq(sc->params[1].value, "A \"b\"", "shortcode: escapes");
        ok(!sc->params[1].exact, "shortcode: escaped value not exact");
        str_eq(sc->params[2].value, "big", "shortcode: unquoted value");
        ok(sc->params[3].name == NULL, "shortcode: positional parameter");
        str_eq(sc->params[3].value, "raw", "shortcode: raw value");
    }
    ok(out[0] == 'a' && out[2] == PAGE_FILLER &&
       out[strlen(out) - 2] == 'z', "shortcode: tag blanked, text kept");
    int_eq(ndiags(), 0, "shortcode: no diagnostics");
    diag_finish();

    diag_init(NULL);
    pg = scan("{{% note %}}\ntext\n{{% /note %}}\n{{< br />}}\n"
              "{{< figure\n  src=\"a.png\"\n>}}\n", &out);
    int_eq(pg->nshortcodes, 4, "shortcode: paired, self-closing, multi-line");
    ok(pg->nshortcodes == 4 && pg->shortcodes[0].markdown &&
       pg->shortcodes[1].closing && pg->shortcodes[2].self_closing,
       "shortcode: kinds");
    int_eq(pg->nshortcodes == 4 ? pg->shortcodes[3].params[0].value_pos.line
                                : 0, 6, "shortcode: multi-line param line");
    ok(strstr(out, "\ntext\n") != NULL, "shortcode: paired body kept");
    int_eq(ndiags(), 0, "shortcode: balanced tags report nothing");
    diag_finish();

    diag_init(NULL);
    pg = scan("```\n{{</* figure src=\"x.png\" */>}}\n```\n", &out);
    int_eq(pg->nshortcodes, 0, "shortcode: escaped form is not a shortcode");
    ok(out[4] == PAGE_FILLER, "shortcode: escaped form blanked");
    int_eq(pg->nimages, 0, "shortcode: escaped figure adds no image");
    diag_finish();

    diag_init(NULL);
    pg = scan("{{< mermaid >}}\ngraph Ressources\n{{< /mermaid >}}\n", &out);
    ok(out[16] == PAGE_FILLER, "shortcode: code shortcode body blanked");
    int_eq(pg->nspans, 0, "shortcode: no prose from a code shortcode");
    diag_finish();

    diag_init(NULL);
    pg = scan("{{< figure src=\"a.png\" caption=\"open\n\n"
              "{{< figure src=\"b.png\" >}}\n{{< /details >}}\n", &out);
    int_eq(pg->nshortcodes, 2, "shortcode: scanning resumes after a bad tag");
    int_eq(ndiags(), 2, "shortcode: unterminated and unmatched reported");
    {
        size_t n;
        struct diag **v = diag_sorted(&n);

        ok(n == 2 && v[0]->pos.line == 1 &&
           strstr(v[0]->msg, "unterminated shortcode 'figure'"),
           "shortcode: unterminated at its opener");
        ok(n == 2 && v[1]->pos.line == 4 &&
           strstr(v[1]->msg, "'details' has no opening"),
           "shortcode: closer without opener");
    }
    diag_finish();

    diag_init(NULL);
    {
        /* Thousands of unclosed openers: linear, one report each. */
        static char hostile[40000];
        size_t i;

        for (i = 0; i + 4 < sizeof hostile; i += 4)
            memcpy(hostile + i, "{{<\"", 4);
        hostile[sizeof hostile - 1] = '\0';
        pg = scan(hostile, &out);
        ok(pg->nshortcodes == 0 && ndiags() > 0,
           "shortcode: hostile input survives");
    }
    diag_finish();
    arena_free(&mem);
    arena_free(&run);
}
