/* gen_mkdocs.c: MkDocs: mkdocs.yml (docs_dir, site_url,
 * use_directory_urls, nav, markdown_extensions, plugins, theme), each
 * page's URL, links between sources resolved from the source file as
 * MkDocs rewrites them, Python-Markdown's toc ids, attr_list ids,
 * footnote ids and the headings pymdownx.snippets brings in.  The nav is
 * this generator's menu. */
#include "generator.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"
#include "page.h"
#include "permalink.h"
#include "site.h"
#include "siteindex.h"
#include "url.h"

/* Snippet files are text; a larger one is not read. */
#define SNIPPET_MAX_BYTES (4u * 1024 * 1024)
/* pymdownx.snippets' base_path entries we look in. */
#define SNIPPET_MAX_BASES 8

/* What mkdocs.yml says; gen_conf of a MkDocs site. */
struct mkdocs_conf {
    int directory_urls;         /* use_directory_urls, default true */
    int attr_list;              /* { #id } sets ids */
    int footnotes;              /* fn:x and fnref:x ids */
    int snippets;               /* --8<-- "file" includes a file */
    const char *bases[SNIPPET_MAX_BASES];
    size_t nbases;
    int blocks;                 /* "::: x" blocks (mkdocstrings,
                                 * mkdocs-click) write headings */
    int literate_nav;           /* nav folders come from a file in them */
    const char *not_in_nav;     /* gitignore-style lines, or NULL */
    const char *exclude_docs;   /* the same: not built */
    const char *draft_docs;     /* the same: built by "mkdocs serve" only */
    int own_slugs;              /* toc makes ids with its own slugify */
    int foreign_theme;          /* a theme not built into MkDocs (Material):
                                 * its files are not on disk */
    const struct fm_node *redirects;    /* redirects' redirect_maps */
    int containers;             /* admonition, details or tabbed: blocks
                                 * whose body is indented ("!!! note") */
    int tabbed;                 /* pymdownx.tabbed: 1, tabs get the ids
                                 * __tabbed_SET_TAB; 2, its own slugs, or
                                 * pymdownx.blocks.tab: not known */
    int abs_to_docs;            /* validation's absolute_links:
                                 * relative_to_docs (MkDocs 1.6): "/a.md"
                                 * is the docs' a.md, made relative */
};

static const struct mkdocs_conf mkdocs_defaults = { .directory_urls = 1 };

static const struct mkdocs_conf *
conf(const struct site *site)
{
    return site->gen_conf != NULL ? site->gen_conf : &mkdocs_defaults;
}

static int
detect(const char *dir, struct arena *a)
{
    return gen_is_file(gen_join(a, dir, "mkdocs.yml")) ||
           gen_is_file(gen_join(a, dir, "mkdocs.yaml"));
}

/* The name of an extension or plugin entry: "toc" or {toc: {...}}. */
static const char *
entry_name(const struct fm_node *e, const struct fm_node **opts)
{
    *opts = NULL;
    if (e->type == FM_SCALAR)
        return e->str;
    if (e->type == FM_MAP && e->nkids == 1) {
        *opts = e->kids[0];
        return e->kids[0]->key;
    }
    return NULL;
}

/* What one entry of markdown_extensions or plugins (their names do not
 * meet) changes for sitelint. */
static void
read_entry(struct mkdocs_conf *mc, const char *name,
           const struct fm_node *opts, const char *root, struct arena *a)
{
    if (strncmp(name, "markdown.extensions.", 20) == 0)
        name += 20;
    if (strcmp(name, "toc") == 0) {
        const char *sep = gen_config_str(opts, "separator", "-");

        /* A slugify of the site's own or another separator: heading ids
         * sitelint cannot make. */
        mc->own_slugs = fm_get(opts, "slugify") != NULL ||
                        strcmp(sep, "-") != 0;
    } else if (strcmp(name, "attr_list") == 0) {
        mc->attr_list = 1;
    } else if (strcmp(name, "footnotes") == 0) {
        mc->footnotes = 1;
    } else if (strcmp(name, "extra") == 0) {
        mc->attr_list = mc->footnotes = 1;
    } else if (strcmp(name, "pymdownx.snippets") == 0) {
        const char *v[SNIPPET_MAX_BASES];
        size_t n, k;

        mc->snippets = 1;
        gen_string_list(fm_get(opts, "base_path"), v, SNIPPET_MAX_BASES, &n);
        if (n == 0) {
            v[0] = ".";         /* the folder mkdocs runs in */
            n = 1;
        }
        for (k = 0; k < n; k++)
            mc->bases[mc->nbases++] = gen_join(a, root, v[k]);
    } else if (strcmp(name, "mkdocs-click") == 0 ||
               strcmp(name, "mkdocs_click") == 0 ||
               strcmp(name, "mkdocstrings") == 0) {
        mc->blocks = 1;
    } else if (strcmp(name, "redirects") == 0) {
        mc->redirects = fm_get(opts, "redirect_maps");
    } else if (strcmp(name, "literate-nav") == 0) {
        mc->literate_nav = 1;
    } else if (strcmp(name, "admonition") == 0 ||
               strcmp(name, "pymdownx.details") == 0) {
        mc->containers = 1;
    } else if (strcmp(name, "pymdownx.tabbed") == 0) {
        mc->containers = 1;
        mc->tabbed = fm_get(opts, "slugify") != NULL ? 2 : 1;
    } else if (strcmp(name, "pymdownx.blocks.tab") == 0) {
        mc->tabbed = 2;
    }
}

/* Each entry of a list of extensions or plugins: "toc" or {toc: {...}}. */
static void
read_entries(struct mkdocs_conf *mc, const struct fm_node *list,
             const char *root, struct arena *a)
{
    size_t i;

    for (i = 0; list != NULL && list->type == FM_SEQ && i < list->nkids;
         i++) {
        const struct fm_node *opts;
        const char *name = entry_name(list->kids[i], &opts);

        if (name != NULL)
            read_entry(mc, name, opts, root, a);
    }
}

/* The files MkDocs' built-in themes add to every site (their folders
 * are in the installed package, not the site). */
static void
theme_files(struct site *site, const char *theme, struct arena *a)
{
    static const char *const common[] = {
        "/404.html", "/sitemap.xml", "/sitemap.xml.gz",
        "/search/search_index.json", "/search/main.js", "/search/worker.js",
        "/search/lunr.js", "/img/favicon.ico",
    };
    static const char *const mkdocs[] = {
        "/css/base.css", "/css/bootstrap.min.css", "/css/brands.min.css",
        "/css/fontawesome.min.css", "/css/solid.min.css",
        "/css/v4-font-face.min.css", "/js/base.js",
        "/js/bootstrap.bundle.min.js", "/js/darkmode.js", "/img/grid.png",
    };
    static const char *const readthedocs[] = {
        "/css/theme.css", "/css/theme_extra.css", "/js/theme.js",
        "/js/theme_extra.js", "/js/jquery-3.6.0.min.js",
        "/js/html5shiv.min.js", "/search.html",
    };
    size_t i;

    for (i = 0; i < sizeof common / sizeof common[0]; i++)
        site_add_file(site, common[i], a);
    if (strcmp(theme, "mkdocs") == 0)
        for (i = 0; i < sizeof mkdocs / sizeof mkdocs[0]; i++)
            site_add_file(site, mkdocs[i], a);
    else if (strcmp(theme, "readthedocs") == 0)
        for (i = 0; i < sizeof readthedocs / sizeof readthedocs[0]; i++)
            site_add_file(site, readthedocs[i], a);
}

static struct fm_node *
scalar(struct arena *a, const char *key, const char *value, struct pos pos,
       int exact)
{
    struct fm_node *n = arena_alloc(a, sizeof *n);

    n->type = FM_SCALAR;
    n->key = key;
    n->key_pos = pos;
    n->pos = pos;
    n->str = value;
    n->len = strlen(value);
    n->exact = exact;
    return n;
}

/* Turns the nav into the menu the menu rule checks, entries as
 * {name, pageRef or url, parent}: nav items are "path", {Title: path}
 * or {Title: [items]}. */
static void
nav_items(struct mkdocs_conf *mc, struct fm_node *menu,
          const struct fm_node *items, const char *parent, struct arena *a)
{
    size_t i;

    for (i = 0; items != NULL && items->type == FM_SEQ && i < items->nkids;
         i++) {
        const struct fm_node *it = items->kids[i], *v = it;
        const char *title = NULL;
        struct fm_node *e;

        if (it->type == FM_MAP && it->nkids == 1) {
            title = it->kids[0]->key;
            v = it->kids[0];
        }
        e = gen_config_map(a, NULL, it->type == FM_MAP && it->nkids == 1
                                    ? it->kids[0]->key_pos : it->pos);
        /* A bare path takes its page's title; until then, its path. */
        if (title == NULL && v->type == FM_SCALAR)
            title = v->str;
        if (title != NULL)
            gen_config_put(a, e, scalar(a, "name", title, e->pos, 0));
        if (parent != NULL)
            gen_config_put(a, e, scalar(a, "parent", parent, e->pos, 0));
        if (v->type == FM_SEQ) {
            gen_config_put(a, menu, e);
            if (title != NULL)
                nav_items(mc, menu, v, title, a);
            continue;
        }
        if (v->type != FM_SCALAR || v->len == 0)
            continue;
        if (url_has_scheme(v->str) || strncmp(v->str, "//", 2) == 0 ||
            (mc->literate_nav && v->str[v->len - 1] == '/'))
            continue;           /* another site, or a literate-nav folder */
        gen_config_put(a, e, scalar(a, v->str[0] == '/' ? "url" : "pageRef",
                                    v->str, v->pos, v->exact));
        gen_config_put(a, menu, e);
    }
}

/* Does validation set absolute_links to relative_to_docs, under links:
 * or for nav and links at once (its top level)? */
static int
relative_to_docs(const struct fm_node *validation)
{
    const struct fm_node *v;

    if (validation == NULL || validation->type != FM_MAP)
        return 0;
    v = fm_get(fm_get(validation, "links"), "absolute_links");
    if (v == NULL)
        v = fm_get(validation, "absolute_links");
    return v != NULL && v->type == FM_SCALAR &&
           strcmp(v->str, "relative_to_docs") == 0;
}

/* Parents are a chain of a few files; a longer one is a loop. */
#define INHERIT_MAX_DEPTH 8

/* The config with its INHERIT parent (a path from the config's folder)
 * under it, as MkDocs merges them: the child's keys win, maps merge. */
static const struct fm_node *
inherit(const struct fm_node *cfg, const char *dir, struct arena *a,
        int depth)
{
    const char *parent = gen_config_str(cfg, "INHERIT", NULL), *path;
    const struct fm_node *base;
    char *pdir, *slash;

    if (parent == NULL || depth >= INHERIT_MAX_DEPTH)
        return cfg;
    path = gen_join(a, dir, parent);
    if ((base = gen_read_config(a, path)) == NULL)
        return cfg;
    pdir = arena_strdup(a, path);
    slash = strrchr(pdir, '/');
    base = inherit(base, slash != NULL ? (*slash = '\0', pdir) : ".", a,
                   depth + 1);
    return gen_config_merge(a, base, cfg);
}

static void
open_site(struct site *site, struct arena *a)
{
    struct mkdocs_conf *mc = arena_alloc(a, sizeof *mc);
    const struct fm_node *cfg = NULL, *theme;
    const char *cand, *docs, *name;

    cand = gen_join(a, site->root, "mkdocs.yml");
    if (!gen_is_file(cand))
        cand = gen_join(a, site->root, "mkdocs.yaml");
    if (gen_is_file(cand)) {
        site->config = cand;
        cfg = inherit(gen_read_config(a, cand), site->root, a, 0);
    }
    site->cfg = cfg;
    site->gen_conf = mc;
    site->base_url = gen_config_str(cfg, "site_url", NULL);
    mc->directory_urls = gen_config_bool(cfg, "use_directory_urls", 1);
    mc->abs_to_docs = relative_to_docs(fm_get(cfg, "validation"));
    mc->exclude_docs = gen_config_str(cfg, "exclude_docs", NULL);
    mc->draft_docs = gen_config_str(cfg, "draft_docs", NULL);
    docs = gen_config_str(cfg, "docs_dir", "docs");
    gen_add_content_mount(site, a, gen_join(a, site->root, docs), "", NULL);
    read_entries(mc, fm_get(cfg, "markdown_extensions"), site->root, a);
    read_entries(mc, fm_get(cfg, "plugins"), site->root, a);
    theme = fm_get(cfg, "theme");
    name = theme != NULL && theme->type == FM_SCALAR ? theme->str
         : gen_config_str(theme, "name", "mkdocs");
    theme_files(site, name, a);
    mc->foreign_theme = strcmp(name, "mkdocs") != 0 &&
                        strcmp(name, "readthedocs") != 0;
    if (gen_config_str(theme, "custom_dir", NULL) != NULL)
        gen_add_mount(site, a, gen_join(a, site->root,
                      gen_config_str(theme, "custom_dir", NULL)), "/", 1,
                      NULL);
    if (fm_get(cfg, "nav") != NULL) {
        struct fm_node *menus = gen_config_map(a, NULL, cfg->pos);
        struct fm_node *nav = arena_alloc(a, sizeof *nav);

        nav->type = FM_SEQ;
        nav->key = "nav";
        nav->pos = fm_get(cfg, "nav")->pos;
        nav_items(mc, nav, fm_get(cfg, "nav"), NULL, a);
        gen_config_put(a, menus, nav);
        site->menus = menus;
        /* Every page belongs in the nav, unless a plugin makes it from
         * the folders (literate-nav) or not_in_nav says otherwise. */
        if (!mc->literate_nav)
            site->page_menu = "nav";
        mc->not_in_nav = gen_config_str(cfg, "not_in_nav", NULL);
    }
}

/* Does the gitignore-style pattern (one line of not_in_nav or
 * exclude_docs) match the source path ("a/b.md", from docs_dir)? */
static int
ignore_match(const char *pat, size_t n, const char *path, struct arena *a)
{
    char *p = arena_strndup(a, pat, n);
    const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1
                                                  : path;
    size_t len = strlen(p);

    if (len > 0 && p[len - 1] == '/') {         /* a folder: what is in it */
        p[len - 1] = '\0';
        if (*p == '/')
            p++;
        len = strlen(p);
        return strncmp(path, p, len) == 0 && path[len] == '/';
    }
    if (*p == '/')
        return fnmatch(p + 1, path, FNM_PATHNAME) == 0;
    if (strchr(p, '/') != NULL)
        return fnmatch(p, path, FNM_PATHNAME) == 0;
    return fnmatch(p, base, 0) == 0;
}

/* Does a line of lines (gitignore-style) match path ("a/b.md")? */
static int
ignored(const char *l, const char *path)
{
    struct arena scratch = { 0 };
    int hit = 0;

    while (!hit && l != NULL && *l != '\0') {
        size_t n = strcspn(l, "\n");

        while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\r'))
            n--;
        if (n > 0 && *l != '#')
            hit = ignore_match(l, n, path, &scratch);
        l += strcspn(l, "\n");
        l += *l == '\n';
    }
    arena_free(&scratch);
    return hit;
}

static int
menu_exempt(const struct site *site, const char *src_key)
{
    return ignored(conf(site)->not_in_nav, src_key + 1);
}

/* Why MkDocs leaves the source rel out of the built site, or NULL:
 * exclude_docs (and its defaults, dot files and /templates/),
 * draft_docs, or a README.md that the folder's index.md replaces. */
static const char *
left_out(const struct page *pg, const char *rel, struct arena *a)
{
    const struct mkdocs_conf *mc = conf(pg->site);
    const char *base = strrchr(rel, '/') != NULL ? strrchr(rel, '/') + 1
                                                 : rel;

    if (strncmp(rel, "templates/", 10) == 0 || strstr(rel, "/.") != NULL ||
        rel[0] == '.' || ignored(mc->exclude_docs, rel))
        return "a page excluded by exclude_docs";
    if (ignored(mc->draft_docs, rel))
        return "a draft (draft_docs)";
    if (strcmp(base, "README.md") == 0 &&
        site_has_file(pg->site, arena_printf(a, "/%.*sindex.md",
                                             (int)(base - rel), rel)))
        return "a README that the folder's index.md replaces";
    return NULL;
}

/* ---- the page --------------------------------------------------------- */

/* The URL of the source rel ("a/b.md"), as File.url makes it. */
static const char *
source_url(const struct mkdocs_conf *mc, const char *rel, struct arena *a)
{
    const char *slash = strrchr(rel, '/');
    const char *base = slash != NULL ? slash + 1 : rel;
    size_t dir = slash != NULL ? (size_t)(slash - rel) + 1 : 0;
    const char *dot = strrchr(base, '.');
    /* os.path.splitext: the last dot, not one the name starts with. */
    size_t stem = dot != NULL && dot > base ? (size_t)(dot - base)
                                            : strlen(base);
    int index = (stem == 5 && strncmp(base, "index", 5) == 0) ||
                (stem == 6 && strncmp(base, "README", 6) == 0);

    if (index)
        return arena_printf(a, "/%.*s", (int)dir, rel);
    if (mc->directory_urls)
        return arena_printf(a, "/%.*s%.*s/", (int)dir, rel, (int)stem, base);
    return arena_printf(a, "/%.*s%.*s.html", (int)dir, rel, (int)stem, base);
}

/* The ids of the ATX headings of text, as toc makes them. */
static void
heading_ids(const char *t, size_t len, struct gen_ids *an, struct arena *a)
{
    size_t i = 0;
    struct buf b = { 0 };

    while (i < len) {
        size_t e = i, h = i, end;

        while (e < len && t[e] != '\n')
            e++;
        while (h < e && h - i < 6 && t[h] == '#')
            h++;
        if (h > i && h < e && t[h] == ' ') {
            end = e;
            while (end > h && (t[end - 1] == '#' || isspace((unsigned char)
                                                            t[end - 1])))
                end--;
            buf_reset(&b);
            permalink_slugify(&b, t + h + 1, end > h + 1 ? end - h - 1 : 0);
            if (b.len > 0)
                gen_push_id(an, a, b.p, b.len);
        }
        i = e + 1;
    }
    buf_free(&b);
}

/* The headings and ids a --8<-- "file" line brings into the page.
 * Returns -1 if a file cannot be found: its ids are not known. */
static int
snippet(const struct mkdocs_conf *mc, const char *line, size_t len,
        struct gen_ids *an, struct arena *a)
{
    const char *q, *end;
    size_t i, n;
    char *path, *text;

    q = memchr(line, '"', len);
    if (q == NULL)
        q = memchr(line, '\'', len);
    if (q == NULL || (end = memchr(q + 1, *q, len - (size_t)(q + 1 - line)))
        == NULL)
        return 0;               /* the block form: not followed */
    path = arena_strndup(a, q + 1, (size_t)(end - q - 1));
    path[strcspn(path, ":")] = '\0';    /* "file.md:2:10", "file:name" */
    if (path[0] == '\0' || strstr(path, "..") != NULL)
        return -1;
    for (i = 0; i < mc->nbases; i++) {
        text = gen_read_file(a, gen_join(a, mc->bases[i], path),
                               SNIPPET_MAX_BYTES, &n);
        if (text != NULL) {
            heading_ids(text, n, an, a);
            if (mc->attr_list)
                gen_attr_ids(text, n, an, a);
            return 0;
        }
    }
    return -1;
}

/* Does the line start with a snippet marker: "-", "8<", "-"? */
static int
is_snippet(const char *p, size_t len)
{
    size_t k = 0;

    while (k < len && p[k] == '-')
        k++;
    if (k == 0 || k + 2 >= len || p[k] != '8' || p[k + 1] != '<' ||
        p[k + 2] != '-')
        return 0;
    return 1;
}

/* The ids the page gets besides its headings, and whether some are
 * made where sitelint cannot see them. */
/* Tab sets nest a few deep; deeper ones are counted at the deepest. */
#define TAB_MAX_DEPTH 8

/* Is l a tab of pymdownx.tabbed ('=== "Title"', '===! "..."' starting a
 * new set, '===+' selected) or pymdownx.blocks.tab ('/// tab')?  *fresh
 * says it starts a set of its own. */
static int
is_tab(const char *l, size_t n, int *fresh)
{
    size_t k = 3;

    *fresh = 0;
    if (n > 7 && strncmp(l, "/// tab", 7) == 0)
        return 1;
    if (n < 5 || strncmp(l, "===", 3) != 0)
        return 0;
    for (; k < n && (l[k] == '!' || l[k] == '+'); k++)
        *fresh |= l[k] == '!';
    return k + 1 < n && l[k] == ' ' && l[k + 1] == '"';
}

/* Does l (past its indentation) open a block of admonition, details or
 * tabbed: "!!! note", "??? tip", "???+", "=== \"Tab\"", "===!", "===+"? */
static int
opens_container(const char *l, size_t len)
{
    static const char *const open[] = { "!!!", "???", "===" };
    size_t i, n;

    for (i = 0; i < sizeof open / sizeof open[0]; i++)
        if (len >= 3 && strncmp(l, open[i], 3) == 0) {
            n = 3;
            if (n < len && (l[n] == '+' || l[n] == '!'))
                n++;
            return n < len && (l[n] == ' ' || l[n] == '\t');
        }
    return 0;
}

/* Is l (past its indentation) an ATX heading: 1 to 6 '#', then a space
 * or the end? */
static int
is_atx(const char *l, size_t len)
{
    size_t n = 0;

    while (n < len && n < 7 && l[n] == '#')
        n++;
    return n >= 1 && n <= 6 && (n == len || l[n] == ' ' || l[n] == '\t');
}

/* The ids pymdownx.tabbed gives the tabs of a page: sets are numbered in
 * the order they start, tabs within a set; a set goes on while its next
 * tab follows at its indentation with only the tabs' content (indented
 * more) between. */
struct tab_sets {
    struct {
        size_t indent, set, tabs;
    } open[TAB_MAX_DEPTH];
    size_t depth, sets;
};

static void
tab_line(struct tab_sets *ts, const char *l, size_t len, size_t indent,
         struct gen_ids *an, struct arena *a)
{
    int fresh;
    char id[64];

    if (!is_tab(l, len, &fresh)) {
        while (ts->depth > 0 && ts->open[ts->depth - 1].indent >= indent)
            ts->depth--;        /* text at a tab's level ends its set */
        return;
    }
    while (ts->depth > 0 && ts->open[ts->depth - 1].indent > indent)
        ts->depth--;
    if (ts->depth == 0 || ts->open[ts->depth - 1].indent != indent ||
        fresh) {
        if (ts->depth > 0 && ts->open[ts->depth - 1].indent == indent)
            ts->depth--;
        if (ts->depth < TAB_MAX_DEPTH)
            ts->depth++;
        ts->open[ts->depth - 1].indent = indent;
        ts->open[ts->depth - 1].set = ++ts->sets;
        ts->open[ts->depth - 1].tabs = 0;
    }
    snprintf(id, sizeof id, "__tabbed_%zu_%zu", ts->open[ts->depth - 1].set,
             ++ts->open[ts->depth - 1].tabs);
    gen_push_id(an, a, id, strlen(id));
}

static void
extra_ids(const struct page *pg, struct page_info *pi, struct arena *a)
{
    const struct mkdocs_conf *mc = conf(pg->site);
    const char *t = pg->src;
    struct gen_ids an = { NULL, 0, 0, 0 };
    struct tab_sets ts = { .depth = 0 };
    size_t ln;
    int fresh, container = 0;

    if (mc->attr_list)
        gen_attr_ids(t, pg->len, &an, a);
    for (ln = pg->body_line; ln <= pg->nlines; ln++) {
        struct str l = page_line(pg, ln);
        size_t k = 0;

        while (k < l.len && (l.p[k] == ' ' || l.p[k] == '\t'))
            k++;
        if (mc->tabbed == 1 && k < l.len)
            tab_line(&ts, l.p + k, l.len - k, k, &an, a);
        else if (mc->tabbed == 2 && is_tab(l.p + k, l.len - k, &fresh))
            pi->opaque = 1;     /* ids from the tabs' titles, their way */
        if (mc->blocks && l.len - k > 4 && strncmp(l.p + k, "::: ", 4) == 0)
            pi->opaque = 1;     /* mkdocstrings, mkdocs-click */
        if (mc->snippets && is_snippet(l.p + k, l.len - k) &&
            snippet(mc, l.p + k, l.len - k, &an, a) != 0)
            pi->opaque = 1;
        if (mc->footnotes)
            gen_footnote_ids(l.p + k, l.len - k, &an, a);
        if (mc->containers && k < l.len) {
            if (opens_container(l.p + k, l.len - k))
                container = 1;
            else if (container &&
                     (k >= 4 || memchr(l.p, '\t', k) != NULL) &&
                     is_atx(l.p + k, l.len - k))
                pi->opaque = 1; /* a heading in "!!! note": Python-Markdown
                                 * sees it, cmark-gfm reads code */
        }
    }
    gen_add_ids(pi, &an, a);
}

static void
page_urls(const struct page *pg, const char *rel, struct page_info *pi,
          struct page_urls *more, struct arena *a)
{
    const struct mkdocs_conf *mc = conf(pg->site);
    const struct fm_node *r = mc->redirects;
    size_t i;

    pi->url = source_url(mc, rel, a);
    if (pi->unpublished == NULL &&
        (pi->unpublished = left_out(pg, rel, a)) != NULL)
        pi->url = NULL;         /* not built: its URL is another's or none */
    extra_ids(pg, pi, a);
    if (mc->own_slugs && pg->nheadings > 0)
        pi->opaque = 1;         /* its headings' ids are not ours to make */
    /* mkdocs-redirects: an old source path served as a redirect here. */
    for (i = 0; r != NULL && r->type == FM_MAP && i < r->nkids; i++)
        if (r->kids[i]->type == FM_SCALAR &&
            strcmp(r->kids[i]->str, rel) == 0)
            *ARENA_PUSH(a, more->aliases, more->naliases, more->aliases_cap)
                = source_url(mc, r->kids[i]->key, a);
}

/* A file (a name with an extension) of an installed theme (Material's
 * assets/): raw HTML and absolute links into it are not the docs'. */
static int
unseen(const struct site *site, const char *path)
{
    const char *base = strrchr(path, '/');

    return conf(site)->foreign_theme &&
           strchr(base != NULL ? base : path, '.') != NULL;
}

/* MkDocs rewrites a Markdown link or image that names a file of the
 * docs: relative to the source file, normalised (so "a.md/" is "a.md");
 * with absolute_links: relative_to_docs, "/a.md" from the docs folder.
 * A path with no extension that names no file is left as written, for
 * the browser to resolve from the page's URL. */
static int
resolve_own(const struct site *site, const struct page_info *from,
            const char *href, enum link_form form, struct link_target *out,
            struct arena *a)
{
    size_t plen = strcspn(href, "?#"), n;
    const char *last;
    char *path;
    int dir_link;

    if (form != FORM_URL || plen == 0 || url_has_scheme(href) ||
        strncmp(href, "//", 2) == 0 ||
        (href[0] == '/' && !conf(site)->abs_to_docs))
        return 0;
    /* (A path from the root ignores the folder.) */
    path = site_join_path(a, site_source_dir(from),
                          site_percent_decode(a, href, plen));
    /* "release-1.0/": splitext() finds no extension after the slash. */
    dir_link = href[plen - 1] == '/';
    n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    out->url = path;
    out->source = 1;
    if ((out->page = site_source_page(site, path)) != NULL) {
        out->kind = LINK_PAGE;
        return 1;
    }
    if (site_has_file(site, path)) {
        out->kind = LINK_FILE;
        return 1;
    }
    last = strrchr(path, '/');
    if (dir_link || strchr(last != NULL ? last : path, '.') == NULL)
        return 0;               /* "unrecognized": left to the browser */
    out->kind = LINK_BROKEN;
    return 1;
}

const struct generator gen_mkdocs = {
    .name = "mkdocs",
    .flags = GEN_INDEXED,
    .meta = GEN_META_FENCED,
    .detect = detect,
    .open = open_site,
    .static_prefix = gen_static_root,
    .page_urls = page_urls,
    .menu_url = { "/{page}/{url}/", "/{url}/" },
    .heading_id = gen_id_python,
    .repeats = GEN_REPEATS_TOC,
    .resolve_own = resolve_own,
    .menu_exempt = menu_exempt,
    .unseen = unseen,
};
