/* gen_plain.c: a plain Markdown tree, as GitHub and editors show it: no
 * config, every file published where it is, links lead from file to
 * file, heading ids as GitHub makes them. */
#include "generator.h"

#include "permalink.h"
#include "site.h"
#include "siteindex.h"

static int
detect(const char *dir, struct arena *a)
{
    (void)dir;
    (void)a;
    return 0;                   /* the fallback: never claims a folder */
}

static void
open_site(struct site *site, struct arena *a)
{
    gen_add_mount(site, a, site->root, "/", 0, NULL);
}

static void
page_urls(const struct page *pg, const char *rel, struct page_info *pi,
          struct page_urls *more, struct arena *a)
{
    (void)pg;
    (void)rel;
    (void)more;
    (void)a;
    pi->url = pi->src_key;
}

/* A plain tree's pages are often a Hugo site's, read without it. */
static void
plain_shortcode(const struct site *site, const char *name,
                struct gen_shortcode *out)
{
    (void)site;
    gen_builtin_shortcode(name, out);
}

const struct generator gen_plain = {
    .name = "plain",
    .flags = 0,
    .meta = GEN_META_GUESS,
    .detect = detect,
    .open = open_site,
    .static_prefix = gen_static_root,
    .page_urls = page_urls,
    .menu_url = { "/{page}/{url}/", "/{url}/" },
    .heading_id = gen_id_github,
    .repeats = GEN_REPEATS_DASH,
    .wordless_id = NULL,
    .shortcode = plain_shortcode,
};
