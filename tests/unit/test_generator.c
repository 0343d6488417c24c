/* test_generator.c: what the generator modules share: merging configs
 * as Hugo does, choosing a generator, template and Markdown ids. */
#include "harness.h"

#include "frontmatter.h"
#include "generator.h"
#include "site.h"

static struct arena mem;

static const struct fm_node *
toml(const char *text)
{
    return fm_parse_toml(&mem, "t.toml", text, strlen(text), 1, NULL);
}

static void
merge(void)
{
    const struct fm_node *base = toml("title = 'a'\n[params]\nx = 1\ny = 2\n"
                                      "[menus]\nmain = 1\n");
    const struct fm_node *over = toml("Title = 'b'\n[PARAMS]\ny = 3\nz = 4\n");
    const struct fm_node *m = gen_config_merge(&mem, base, over);
    const struct fm_node *p = fm_get(m, "params");

    str_eq(fm_str(m, "title"), "b", "merge: a scalar of the overlay wins, "
           "keys without case");
    str_eq(fm_str(p, "x"), "1", "merge: maps merge: the base's own key");
    str_eq(fm_str(p, "y"), "3", "merge: the overlay's value for a shared key");
    str_eq(fm_str(p, "z"), "4", "merge: the overlay's own key");
    ok(fm_get(m, "menus") != NULL, "merge: a map only the base has stays");
    str_eq(fm_str(fm_get(base, "params"), "y"), "2",
           "merge: the base is not changed");
    ok(gen_config_merge(&mem, NULL, over) == over &&
       gen_config_merge(&mem, base, NULL) == base,
       "merge: with nothing on one side, the other");
}

static void
choose(void)
{
    ok(generator_find("hugo") == &gen_hugo &&
       generator_find("mkdocs") == &gen_mkdocs &&
       generator_find("pelican") == &gen_pelican &&
       generator_find("plain") == &gen_plain &&
       generator_find("jekyll") == NULL, "find: each generator by name");
    ok(generator_detect("/nonexistent-folder", &mem) == NULL,
       "detect: no generator claims a folder with no config");
}

static void
ids(void)
{
    struct gen_ids v = { NULL, 0, 0, 0 };
    const char *text = "**term**{ #t1 } and {: #t2 .cls } but {#} and "
                       "{ not #an-id } and {x}";

    gen_attr_ids(text, strlen(text), &v, &mem);
    int_eq(v.n, 2, "attr_list: two ids");
    ok(v.n == 2 && strcmp(v.v[0], "t1") == 0 && strcmp(v.v[1], "t2") == 0,
       "attr_list: { #t1 } and {: #t2 .cls }");
    v.n = 0;
    gen_footnote_ids("[^note]: text", 13, &v, &mem);
    gen_footnote_ids("[^x] used", 9, &v, &mem);
    ok(v.n == 2 && strcmp(v.v[0], "fn:note") == 0 &&
       strcmp(v.v[1], "fnref:note") == 0,
       "footnotes: a definition makes fn: and fnref: ids, a use none");
}

static void
tidy(void)
{
    str_eq(gen_tidy_path(&mem, "settings/../content"), "content",
           "tidy: dir/.. goes");
    str_eq(gen_tidy_path(&mem, "./a/./b/"), "a/b", "tidy: . goes");
    str_eq(gen_tidy_path(&mem, "../../site/x/../y"), "../../site/y",
           "tidy: a leading .. stays");
    str_eq(gen_tidy_path(&mem, "a/.."), ".", "tidy: nothing left is .");
    str_eq(gen_tidy_path(&mem, "/srv/site/../www"), "/srv/www",
           "tidy: an absolute path stays absolute");
}

void
test_generator(void)
{
    merge();
    tidy();
    choose();
    ids();
    arena_free(&mem);
}
