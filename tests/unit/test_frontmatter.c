/* test_frontmatter.c: YAML, TOML, Pelican and Python readers, and the
 * positions they give. */
#include "harness.h"

#include "diag.h"
#include "frontmatter.h"

static struct arena mem;

static const struct diag *
only_diag(void)
{
    size_t n;
    struct diag **v = diag_sorted(&n);

    return n == 1 ? v[0] : NULL;
}

static void
yaml(void)
{
    const char *text = "title: Hello world\n"
                       "tags: [a, \"b c\"]\n"
                       "caf\xC3\xA9: 'quoted'\n"
                       "menu:\n"
                       "  main:\n"
                       "    weight: 3\n";
    struct fm_node *fm;
    const struct fm_node *v, *m;
    const struct diag *d;

    diag_init(NULL);
    fm = fm_parse_yaml(&mem, "p.md", text, strlen(text), 2, "front-matter");
    ok(fm != NULL && fm->type == FM_MAP, "yaml: a mapping");
    v = fm_get(fm, "TITLE");
    ok(v != NULL, "yaml: keys compare case-insensitively");
    str_eq(v ? v->str : NULL, "Hello world", "yaml: scalar value");
    int_eq(v ? v->key_pos.line : 0, 2, "yaml: key line offset by fence");
    int_eq(v ? v->pos.col : 0, 8, "yaml: value column");
    ok(v && v->exact, "yaml: plain scalar is exact");
    v = fm_get(fm, "tags");
    ok(v && v->type == FM_SEQ && v->nkids == 2, "yaml: flow sequence");
    int_eq(v && v->nkids == 2 ? v->kids[1]->pos.col : 0, 12,
           "yaml: quoted item column is after the quote");
    v = fm_get(fm, "caf\xC3\xA9");
    int_eq(v ? v->pos.col : 0, 9,
           "yaml: columns count bytes, not characters");
    m = fm_get(fm_get(fm_get(fm, "menu"), "main"), "weight");
    str_eq(m ? m->str : NULL, "3", "yaml: nested mapping");
    int_eq(m ? m->pos.line : 0, 7, "yaml: nested line");
    diag_finish();

    diag_init(NULL);
    text = "Title: What: is it\n";
    fm = fm_parse_yaml(&mem, "p.md", text, strlen(text), 2, "front-matter");
    d = only_diag();
    ok(fm == NULL && d != NULL, "yaml: 'Title: What: is it' is an error");
    int_eq(d ? d->pos.line : 0, 2, "yaml: error line");
    int_eq(d ? d->pos.col : 0, 12, "yaml: error column");
    ok(d && strstr(d->msg, "mapping values") != NULL, "yaml: error text");
    diag_finish();

    diag_init(NULL);
    text = "a: [1, 2\n";
    fm = fm_parse_yaml(&mem, "p.md", text, strlen(text), 2, NULL);
    ok(fm == NULL && only_diag() == NULL, "yaml: quiet mode reports nothing");
    diag_finish();
}

static void
toml(void)
{
    const char *text = "title = \"Caf\\u00e9 \\\"x\\\"\"\n"
                       "date = 2024-01-02T03:04:05Z\n"
                       "draft = false\n"
                       "tags = [\n  'a', # comment\n  \"b\",\n]\n"
                       "[params]\n"
                       "author = { name = \"N\", n = 1 }\n"
                       "[[menu.main]]\n"
                       "name = \"Home\"\n"
                       "[[menu.main]]\n"
                       "name = \"About\"\n";
    struct fm_node *fm;
    const struct fm_node *v;
    const struct diag *d;

    diag_init(NULL);
    fm = fm_parse_toml(&mem, "p.md", text, strlen(text), 2, "front-matter");
    ok(fm != NULL, "toml: parses");
    v = fm_get(fm, "title");
    str_eq(v ? v->str : NULL, "Caf\xC3\xA9 \"x\"", "toml: escapes");
    ok(v && !v->exact, "toml: escaped string is not exact");
    int_eq(v ? v->pos.col : 0, 10, "toml: string column after quote");
    str_eq(fm_get(fm, "date") ? fm_get(fm, "date")->str : NULL,
           "2024-01-02T03:04:05Z", "toml: datetime kept as text");
    v = fm_get(fm, "tags");
    ok(v && v->type == FM_SEQ && v->nkids == 2, "toml: multi-line array");
    int_eq(v && v->nkids == 2 ? v->kids[1]->pos.line : 0, 7,
           "toml: array item line");
    v = fm_get(fm_get(fm_get(fm, "params"), "author"), "name");
    str_eq(v ? v->str : NULL, "N", "toml: inline table in a table");
    v = fm_get(fm_get(fm, "menu"), "main");
    ok(v && v->type == FM_SEQ && v->nkids == 2, "toml: array of tables");
    diag_finish();

    diag_init(NULL);
    text = "title = \"never closed\ndraft = true\n";
    fm = fm_parse_toml(&mem, "p.md", text, strlen(text), 2, "front-matter");
    d = only_diag();
    ok(fm == NULL && d != NULL, "toml: unterminated string");
    int_eq(d ? d->pos.line : 0, 2, "toml: error line");
    int_eq(d ? d->pos.col : 0, 9, "toml: error column at the quote");
    diag_finish();

    diag_init(NULL);
    text = "a = 1\nb = 2\na = 3\n";
    fm = fm_parse_toml(&mem, "p.md", text, strlen(text), 1, "front-matter");
    d = only_diag();
    ok(fm == NULL && d && strstr(d->msg, "duplicate key 'a'"),
       "toml: duplicate key");
    int_eq(d ? d->pos.line : 0, 3, "toml: duplicate key line");
    diag_finish();

    diag_init(NULL);
    text = "title = bare words\n";
    fm = fm_parse_toml(&mem, "p.md", text, strlen(text), 1, "front-matter");
    ok(fm == NULL && only_diag() != NULL, "toml: unquoted string refused");
    diag_finish();
}

static void
pelican(void)
{
    const char *text = "Title: What: is it\n"
                       "Summary: first line\n"
                       "    second line\n"
                       "Sidebar_menu_elem_url_1: about/history\n";
    struct fm_node *fm;
    const struct fm_node *v;

    diag_init(NULL);
    ok(fm_looks_pelican(text, strlen(text)), "pelican: recognised");
    fm = fm_parse_pelican(&mem, "p.md", text, strlen(text), 2,
                          "front-matter");
    v = fm_get(fm, "title");
    str_eq(v ? v->str : NULL, "What: is it", "pelican: value is text");
    int_eq(v ? v->pos.col : 0, 8, "pelican: value column");
    v = fm_get(fm, "summary");
    str_eq(v ? v->str : NULL, "first line\nsecond line",
           "pelican: continuation line");
    v = fm_get(fm, "sidebar_menu_elem_url_1");
    int_eq(v ? v->key_pos.line : 0, 5, "pelican: key line");
    diag_finish();

    diag_init(NULL);
    text = "Title: x\nthis is not metadata\n";
    ok(!fm_looks_pelican(text, strlen(text)), "pelican: prose refused");
    fm = fm_parse_pelican(&mem, "p.md", text, strlen(text), 2,
                          "front-matter");
    ok(fm == NULL && only_diag() && only_diag()->pos.line == 3,
       "pelican: bad line reported at its line");
    diag_finish();
}

static void
python(void)
{
    const char *text = "#!/usr/bin/env python\n"
                       "PATH = 'content'\n"
                       "STATIC_PATHS = [\n    'images',\n    \"extra\",\n]\n"
                       "import os\n"
                       "SITEURL = os.environ.get('X')\n"
                       "if PATH == 'x':\n    THEME = 'no'\n"
                       "TAG_URL = TAG_SAVE_AS = 'tags/{slug}/'\n"
                       "AUTHOR_SAVE_AS = None\n";
    struct fm_node *fm = fm_parse_python(&mem, "pelicanconf.py", text,
                                         strlen(text));
    const struct fm_node *v;

    str_eq(fm_get(fm, "PATH") ? fm_get(fm, "PATH")->str : NULL, "content",
           "python: string assignment");
    v = fm_get(fm, "STATIC_PATHS");
    ok(v && v->type == FM_SEQ && v->nkids == 2, "python: list of strings");
    ok(fm_get(fm, "THEME") == NULL, "python: indented lines are skipped");
    str_eq(fm_get(fm, "TAG_URL") ? fm_get(fm, "TAG_URL")->str : NULL,
           "tags/{slug}/", "python: a chained assignment sets its first name");
    str_eq(fm_get(fm, "TAG_SAVE_AS") ? fm_get(fm, "TAG_SAVE_AS")->str : NULL,
           "tags/{slug}/", "python: and its second");
    v = fm_get(fm, "AUTHOR_SAVE_AS");
    ok(v != NULL && v->type == FM_SCALAR && v->len == 0,
       "python: None is no value");
}

static void
python_dicts(void)
{
    const char *text =
        "MARKDOWN = {\n"
        "    'extension_configs': {\n"
        "        'markdown.extensions.toc': {'toc_depth': 3},  # ids\n"
        "        \"markdown.extensions.extra\": {},\n"
        "    },\n"
        "    'output_format': 'html5', 'tab_length': 2,\n"
        "}\n"
        "EXTRA_PATH_METADATA = {'extra/robots.txt': {'path': 'robots.txt'}}\n"
        "PAIRS = (('a', True), ('b', None))\n"
        "STATIC_PATHS = ['images', os.path.join('a', 'b'), 'later']\n"
        "BAD = {'x': os.environ['Y']}\n"
        "AFTER = 'read'\n";
    struct fm_node *fm = fm_parse_python(&mem, "pelicanconf.py", text,
                                         strlen(text));
    const struct fm_node *md = fm_get(fm, "MARKDOWN"), *v;

    v = fm_get(fm_get(fm_get(md, "extension_configs"),
                      "markdown.extensions.toc"), "toc_depth");
    str_eq(v != NULL ? v->str : NULL, "3", "python: a dict in a dict");
    ok(fm_get(fm_get(md, "extension_configs"), "markdown.extensions.extra")
       != NULL, "python: a double-quoted key, an empty dict");
    v = fm_get(md, "tab_length");
    str_eq(v != NULL ? v->str : NULL, "2", "python: two pairs on a line");
    v = fm_get(fm_get(fm_get(fm, "EXTRA_PATH_METADATA"), "extra/robots.txt"),
               "path");
    str_eq(v != NULL ? v->str : NULL, "robots.txt",
           "python: EXTRA_PATH_METADATA");
    v = fm_get(fm, "PAIRS");
    ok(v != NULL && v->type == FM_SEQ && v->nkids == 2 &&
       v->kids[1]->type == FM_SEQ && v->kids[1]->kids[1]->len == 0,
       "python: tuples of tuples; None is no value");
    v = fm_get(fm, "STATIC_PATHS");
    ok(v != NULL && v->nkids == 1, "python: a list keeps what comes before "
       "a call");
    v = fm_get(fm, "BAD");
    ok(v != NULL && v->type == FM_MAP && v->nkids == 0,
       "python: a dict whose value is computed keeps nothing of it");
    v = fm_get(fm, "AFTER");
    str_eq(v != NULL ? v->str : NULL, "read",
           "python: the next assignment is read after one that stopped");
}

void
test_frontmatter(void)
{
    yaml();
    toml();
    pelican();
    python();
    python_dicts();
    arena_free(&mem);
}
