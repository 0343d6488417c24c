/* gen_pelican.c: Pelican: pelicanconf.py's plain assignments, PATH and
 * STATIC_PATHS, each page's URL and Save_as from its Slug/Url/Save_as
 * metadata and the *_URL and *_SAVE_AS settings, Python-Markdown's toc
 * heading ids, and Pelican's own link syntax ({filename}, {static}). */
#include "generator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"
#include "permalink.h"
#include "site.h"
#include "siteindex.h"

static int
detect(const char *dir, struct arena *a)
{
    return gen_is_file(gen_join(a, dir, "pelicanconf.py"));
}

static void
open_site(struct site *site, struct arena *a)
{
    const struct fm_node *cfg;
    const char *dirs[64], *path;
    size_t i, n;

    site->config = gen_join(a, site->root, "pelicanconf.py");
    cfg = gen_read_config(a, site->config);
    path = gen_config_str(cfg, "PATH", "content");
    site->default_lang = gen_config_str(cfg, "DEFAULT_LANG", "en");
    site->base_url = gen_config_str(cfg, "SITEURL", NULL);
    site->cfg = cfg;
    gen_string_list(fm_get(cfg, "STATIC_PATHS"), dirs, 64, &n);
    if (fm_get(cfg, "STATIC_PATHS") == NULL) {
        dirs[0] = "images";
        n = 1;
    }
    path = gen_join(a, site->root, path);
    /* Static paths first: the walker asks which mount a folder is. */
    for (i = 0; i < n; i++)
        gen_add_mount(site, a, gen_join(a, path, dirs[i]),
                  arena_printf(a, "/%s/", dirs[i]), 1, NULL);
    gen_add_mount(site, a, path, "/", 0, NULL);
}

static int
under_any(const struct fm_node *dirs, const char *rel, const char *dflt)
{
    size_t i;

    if (dirs == NULL) {
        size_t n = strlen(dflt);

        return n == 0 || (strncmp(rel, dflt, n) == 0 && rel[n] == '/');
    }
    if (dirs->type == FM_SCALAR)
        return under_any(NULL, rel, dirs->str);
    for (i = 0; i < dirs->nkids; i++)
        if (dirs->kids[i]->type == FM_SCALAR &&
            under_any(NULL, rel, dirs->kids[i]->str))
            return 1;
    return 0;
}

static const char *
setting(const struct site *site, const char *key, const char *dflt)
{
    const struct fm_node *v = fm_get(site->cfg, key);

    return v != NULL && v->type == FM_SCALAR ? v->str : dflt;
}

/* Expands {slug}, {lang}, {category}, {author}, {date:%Y} and friends. */
static void
pelican_expand(struct buf *b, const struct page *pg, const char *tpl,
               const char *slug, const char *category)
{
    static const char *const mon[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec",
    };
    char y[5], m[3], d[3];
    int dated = permalink_date(pg, y, m, d);

    while (*tpl != '\0') {
        const char *end;

        if (*tpl != '{' || (end = strchr(tpl, '}')) == NULL) {
            buf_addc(b, *tpl++);
            continue;
        }
        tpl++;
        if (strncmp(tpl, "slug}", 5) == 0) {
            buf_adds(b, slug);
        } else if (strncmp(tpl, "lang}", 5) == 0) {
            buf_adds(b, pg->lang);
        } else if (strncmp(tpl, "category}", 9) == 0) {
            permalink_slugify(b, category, strlen(category));
        } else if (strncmp(tpl, "author}", 7) == 0) {
            const char *au = fm_str(pg->fm, "author");

            if (au != NULL)
                permalink_slugify(b, au, strlen(au));
        } else if (strncmp(tpl, "date:", 5) == 0 && dated) {
            const char *f;

            for (f = tpl + 5; f < end; f++) {
                if (*f != '%' || f + 1 >= end) {
                    buf_addc(b, *f);
                    continue;
                }
                f++;
                if (*f == 'Y')
                    buf_adds(b, y);
                else if (*f == 'm')
                    buf_adds(b, m);
                else if (*f == 'd')
                    buf_adds(b, d);
                else if (*f == 'b' && atoi(m) >= 1 && atoi(m) <= 12)
                    buf_adds(b, mon[atoi(m) - 1]);
            }
        }
        tpl = end + 1;
    }
}

/* PAGE_URL, ARTICLE_LANG_SAVE_AS and the like (what is "URL" or
 * "SAVE_AS"), expanded for the page; Pelican's defaults if unset. */
static const char *
pelican_setting(const struct page *pg, const char *what, int is_page,
                int trans, const char *slug, const char *category,
                struct arena *a)
{
    char key[32];
    struct buf b = { 0 };
    const char *out;

    snprintf(key, sizeof key, "%s%s_%s", is_page ? "PAGE" : "ARTICLE",
             trans ? "_LANG" : "", what);
    pelican_expand(&b, pg, setting(pg->site, key, is_page
                       ? (trans ? "pages/{slug}-{lang}.html"
                                : "pages/{slug}.html")
                       : (trans ? "{slug}-{lang}.html" : "{slug}.html")),
                   slug, category);
    out = arena_strdup(a, b.p != NULL ? b.p : "");
    buf_free(&b);
    return out;
}

static const char *
pelican_url(const struct page *pg, const char *rel, struct arena *a,
            const char **save_as)
{
    const struct site *site = pg->site;
    const char *title = fm_str(pg->fm, "title"), *url = fm_str(pg->fm, "url");
    const char *save = fm_str(pg->fm, "save_as"), *slug = fm_str(pg->fm, "slug");
    const char *category = fm_str(pg->fm, "category");
    int is_page = under_any(fm_get(site->cfg, "PAGE_PATHS"), rel, "pages");
    int trans = strcasecmp(pg->lang, site->default_lang) != 0;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    struct buf b = { 0 };

    if (slug == NULL) {
        const char *src = setting(site, "SLUGIFY_SOURCE", "title");
        size_t n = strcspn(base, ".");

        if (strcmp(src, "basename") == 0 || title == NULL)
            permalink_slugify(&b, base, n);
        else
            permalink_slugify(&b, title, strlen(title));
        slug = arena_strdup(a, b.p != NULL ? b.p : "");
        buf_reset(&b);
    }
    if (category == NULL) {
        /* USE_FOLDER_AS_CATEGORY: the folder the article sits in. */
        const char *slash = strrchr(rel, '/');

        category = slash ? arena_strndup(a, rel, (size_t)(slash - rel)) :
                   setting(site, "DEFAULT_CATEGORY", "misc");
        if (strrchr(category, '/') != NULL)
            category = strrchr(category, '/') + 1;
    }
    if (url == NULL)
        url = pelican_setting(pg, "URL", is_page, trans, slug, category, a);
    if (save == NULL)
        save = pelican_setting(pg, "SAVE_AS", is_page, trans, slug, category,
                               a);
    buf_free(&b);
    *save_as = permalink_clean_url(a, save);
    return permalink_clean_url(a, url);
}

/* A Pelican "{filename}x", "|static|x" ... link: its kind and the path
 * after the marker, or NULL if href has none. */
static const char *
pelican_marker(const char *href, const char **kind)
{
    static const char *const kinds[] = {
        "filename", "static", "attach", "tag", "category", "author",
        "index", "archives",
    };
    size_t i, n;

    if (href[0] != '{' && href[0] != '|')
        return NULL;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        n = strlen(kinds[i]);
        if (strncmp(href + 1, kinds[i], n) == 0 &&
            href[1 + n] == (href[0] == '{' ? '}' : '|')) {
            *kind = kinds[i];
            return href + 2 + n;
        }
    }
    return NULL;
}

static int
resolve_own(const struct site *site, const struct page_info *from,
            const char *href, enum link_form form, struct link_target *out,
            struct arena *a)
{
    const char *kind = NULL, *rest, *path;
    size_t plen;

    (void)form;                 /* Pelican rewrites HTML attributes too */
    if ((rest = pelican_marker(href, &kind)) == NULL)
        return 0;
    if (strcmp(kind, "filename") != 0 && strcmp(kind, "static") != 0 &&
        strcmp(kind, "attach") != 0)
        return 1;               /* {tag}, {category}: lists Pelican makes */
    plen = strcspn(rest, "?#");
    path = site_join_path(a, rest[0] == '/' ? NULL : site_source_dir(from),
                          site_percent_decode(a, rest, plen));
    out->url = path;
    if (strcmp(kind, "filename") == 0) {
        out->page = site_find_source(site, path, a);
        out->kind = out->page != NULL ? LINK_PAGE : LINK_BROKEN;
    } else {
        out->kind = site_has_file(site, path) ? LINK_FILE : LINK_BROKEN;
    }
    return 1;
}

static void
page_urls(const struct page *pg, const char *rel, struct page_info *pi,
          struct page_urls *more, struct arena *a)
{
    const char *save_as;

    pi->url = pelican_url(pg, rel, a, &save_as);
    if (strcmp(save_as, pi->url) != 0)
        *ARENA_PUSH(a, more->aliases, more->naliases, more->aliases_cap) =
            save_as;
}

static const char *
static_prefix(const char *dir, struct arena *a)
{
    return arena_printf(a, "/%s/", dir);
}

const struct generator gen_pelican = {
    .name = "pelican",
    .flags = GEN_INDEXED | GEN_MD_LINKS,
    .meta = GEN_META_PELICAN,
    .detect = detect,
    .open = open_site,
    .static_prefix = static_prefix,
    .page_urls = page_urls,
    .heading_id = permalink_slugify,
    .repeat_sep = '_',
    .wordless_id = "_",
    .resolve_own = resolve_own,
};
