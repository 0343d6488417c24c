/* generator.h: what one static-site generator knows, behind one
 * interface.  Each generator is one module (gen_hugo.c, gen_pelican.c,
 * gen_mkdocs.c, gen_plain.c); the engine, the site index and the rules
 * ask these callbacks and never which generator a site uses. */
#ifndef GENERATOR_H
#define GENERATOR_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "siteindex.h"

struct site;
struct page;
struct page_info;
struct page_urls;
struct link_target;

/* How a Markdown page's metadata is written when it has no fences. */
enum gen_meta {
    GEN_META_FENCED,            /* only ---, +++ or { front matter */
    GEN_META_PELICAN,           /* "Key: value" lines up to a blank line,
                                 * and --- fences hold the same */
    GEN_META_GUESS              /* either, told apart by their look */
};

/* What the generator's published site is made of. */
enum gen_flags {
    /* Its files are indexed when the site is opened; without this flag
     * the site is a plain tree, whose files are asked for one by one and
     * whose links lead from file to file. */
    GEN_INDEXED = 1 << 0,
    /* A relative link to a ".md" source names that page (render hooks,
     * MkDocs), tried before the link is taken as a URL. */
    GEN_MD_LINKS = 1 << 1,
    /* A file name's last suffix but one names its page's language when
     * the site has that language ("about.de.md": Hugo); without it a
     * page's language is its front matter's or its folder's. */
    GEN_LANG_SUFFIX = 1 << 2
};

/* What a shortcode's template does with the body between its tags. */
enum gen_body {
    GEN_BODY_UNKNOWN,           /* no template known: a call opens a body
                                 * when the page closes it later */
    GEN_BODY_NONE,              /* the template never reads .Inner: every
                                 * call is whole ({{< gh 123 >}}) */
    GEN_BODY_PROSE,             /* shown as Markdown or HTML */
    GEN_BODY_CODE,              /* shown as code: not prose, not links */
    GEN_BODY_HIDDEN             /* read but never shown */
};

/* What the generator knows of one shortcode. */
struct gen_shortcode {
    enum gen_body body;
    int ids;                    /* -1 unknown, 0 makes no id, 1 makes ids
                                 * (their values are not known), 2 makes
                                 * ids the generator computes for each
                                 * call (gen_ids from its parameters) */
};

struct generator {
    const char *name;           /* "hugo": what --site-type takes */
    unsigned flags;             /* enum gen_flags */
    enum gen_meta meta;

    /* Is dir the root of a site of this generator (its config is
     * there)?  Scratch memory from a. */
    int (*detect)(const char *dir, struct arena *a);

    /* Finds and reads the config under site->root, sets site->config,
     * the languages, the base URL and the mounts.  Reports config
     * problems; a site without config gets the generator's defaults. */
    void (*open)(struct site *site, struct arena *a);

    /* The URL prefix of an extra static folder named by --static-dir
     * without one ("images" → "/" or "/images/"). */
    const char *(*static_prefix)(const char *dir, struct arena *a);

    /* Sets pi->url and adds the URLs the page brings with it (aliases,
     * the lists it appears on) to more; rel is the page's path from its
     * content folder ("about/faq.md").  Memory from a. */
    void (*page_urls)(const struct page *pg, const char *rel,
                      struct page_info *pi, struct page_urls *more,
                      struct arena *a);

    /* Appends the id the generator gives a heading of text to b, before
     * the suffix that tells repeats apart. */
    void (*heading_id)(const struct site *site, struct buf *b,
                       const char *text, size_t len);
    enum gen_repeats {
        GEN_REPEATS_DASH,       /* goldmark: "x-1", "x-2" */
        GEN_REPEATS_TOC         /* Python-Markdown toc's unique(): "x_1",
                                 * "_1" for a heading of no word, "x_2"
                                 * after "x_1" */
    } repeats;                  /* how repeated heading ids are told apart */
    const char *wordless_id;    /* GEN_REPEATS_DASH: the id of a heading
                                 * with no word, or NULL: none */

    /* Resolves a link the generator itself rewrites ("{filename}x.md",
     * MkDocs' links between sources); returns 0 to leave href to the
     * URL resolution every site shares, else sets out's kind, url and
     * page (its fragment is set).  May be NULL. */
    int (*resolve_own)(const struct site *site, const struct page_info *from,
                       const char *href, enum link_form form,
                       struct link_target *out, struct arena *a);

    /* Where an entry of the xmpp.org themes' numbered dropdown and
     * sidebar keys leads, as the generator serves it: {page} is the
     * page's URL without its slashes, {url} the entry's url. */
    const char *menu_url[2];

    /* What a link to a source file starts with when the generator does
     * not rewrite a plain relative one ("{filename}"), or NULL. */
    const char *source_link;

    /* What the shortcode name does, in *out; NULL for a generator
     * without shortcodes, whose "{{<" is plain text. */
    void (*shortcode)(const struct site *site, const char *name,
                      struct gen_shortcode *out);

    /* Is the page with source src_key ("/a.md") meant to stay out of
     * site->page_menu (MkDocs' not_in_nav)?  NULL: none is. */
    int (*menu_exempt)(const struct site *site, const char *src_key);

    /* May path (a URL path the sources do not have) be a file of a
     * theme or module of the site that is not on disk?  NULL: never. */
    int (*unseen)(const struct site *site, const char *path);

    /* Which destinations (enum site_hook bits) the site's own render
     * hooks resolve themselves; NULL for none. */
    unsigned (*hooks)(const struct site *site);

    /* Is path ("images/a.png") a file of the folders templates read
     * resources from (Hugo's assets, for resources.Get)?  NULL: none. */
    int (*asset)(const struct site *site, const char *path);

    /* Is path (a URL path, no page or file of the index) something the
     * generator makes beside its pages: a feed, a pager, a sitemap?
     * May be NULL. */
    int (*makes)(const struct site *site, const char *path, struct arena *a);
};

extern const struct generator gen_hugo;
extern const struct generator gen_mkdocs;
extern const struct generator gen_pelican;
extern const struct generator gen_plain;

/* The generator whose site has its root at dir, or NULL if none
 * claims it. */
const struct generator *generator_detect(const char *dir, struct arena *a);
/* The generator called name, or NULL. */
const struct generator *generator_find(const char *name);

/* ---- shared by the generator modules ---------------------------------- */

/* Hugo's own shortcodes, for a Hugo site and for a plain tree whose
 * pages were written for Hugo. */
void gen_builtin_shortcode(const char *name, struct gen_shortcode *out);

struct fm_node;

/* heading_id as GitHub and goldmark make it, and as Python-Markdown's
 * toc does. */
void gen_id_github(const struct site *site, struct buf *b, const char *text,
                   size_t len);
void gen_id_python(const struct site *site, struct buf *b, const char *text,
                   size_t len);
/* static_prefix for a generator that serves extra static folders at the
 * site's root. */
const char *gen_static_root(const char *dir, struct arena *a);
int gen_is_dir(const char *path);
int gen_is_file(const char *path);
/* arena_read_file(), for a file the site's reading depends on (config,
 * template, settings): noted with deps_file(), as gen_is_dir() and
 * gen_is_file() note what they look at. */
char *gen_read_file(struct arena *a, const char *path, size_t max,
                    size_t *len);
/* path with "." and "dir/.." taken out ("settings/../content" is
 * "content"), as a user names it; memory from a. */
const char *gen_tidy_path(struct arena *a, const char *path);
/* dir/name, or name alone when dir is "."; memory from a. */
const char *gen_join(struct arena *a, const char *dir, const char *name);
/* Reads a config file by its extension: TOML, Python's assignments, else
 * YAML (and so JSON).  Reports a file it cannot read or parse as a
 * config error and returns NULL. */
struct fm_node *gen_read_config(struct arena *a, const char *path);
/* The scalar member key of cfg, or dflt. */
const char *gen_config_str(const struct fm_node *cfg, const char *key,
                           const char *dflt);
int gen_config_bool(const struct fm_node *cfg, const char *key, int dflt);
/* Adds the folder dir, if it exists, as a mount published under prefix:
 * static files (is_static) or content pages of language lang (or
 * NULL). */
void gen_add_mount(struct site *site, struct arena *a, const char *dir,
                   const char *prefix, int is_static, const char *lang);
/* A new, empty map node named key; memory from a. */
struct fm_node *gen_config_map(struct arena *a, const char *key,
                               struct pos pos);
/* Appends kid to map. */
void gen_config_put(struct arena *a, struct fm_node *map,
                    struct fm_node *kid);
/* base with over set on it, as Hugo merges config files: maps merge key
 * by key (keys compared without case), anything else in over replaces
 * what base has.  Neither is changed; the result may share their nodes. */
const struct fm_node *gen_config_merge(struct arena *a,
                                       const struct fm_node *base,
                                       const struct fm_node *over);

/* Adds the folder dir, if it exists, as content of language lang (or
 * NULL) filling the folder sub ("" for the top) of the content tree. */
void gen_add_content_mount(struct site *site, struct arena *a,
                           const char *dir, const char *sub,
                           const char *lang);
/* text with template comments and HTML comments blanked: what they say
 * is never output. */
void gen_strip_comments(char *text);

/* The ids a page's templates write. */
struct gen_ids {
    const char **v;             /* literal: id="x" */
    size_t n, cap;
    int dynamic;                /* the page's own template makes ids from
                                 * data: its anchors cannot be known */
};

/* The template files read so far, each once a run (a cache the
 * generator keeps in its gen_conf). */
struct gen_template;
struct gen_templates {
    struct gen_template *v;
    size_t n, cap;
};

/* Adds to out the ids the template at path writes, and those of the
 * templates it calls: a call is one of calls ("partial", "include")
 * followed by a quoted name, which find(ctx, name) turns into a path
 * (NULL: not found).  main says path is the page's own template, whose
 * ids made from data make its anchors unknown; a partial's (a menu's
 * ids) do not.  path NULL adds nothing.  Each file is read once, into
 * tc. */
void gen_template_ids(struct gen_ids *out, struct gen_templates *tc,
                      const char *path, int main, const char *const *calls,
                      const char *(*find)(void *ctx, const char *name,
                                          struct arena *a),
                      void *ctx, struct arena *a);
/* Appends s[0, len) to ids. */
void gen_push_id(struct gen_ids *ids, struct arena *a, const char *s,
                 size_t len);
/* attr_list (Python-Markdown) and Hugo's attributes: "{#id}",
 * "{: #id .class }" after a heading, a block or an inline element give
 * it the id; adds every such id of text. */
void gen_attr_ids(const char *text, size_t len, struct gen_ids *ids,
                  struct arena *a);
/* A footnote definition line ("[^1]: ...") makes the ids "fn:1" and
 * "fnref:1" (Python-Markdown's and goldmark's). */
void gen_footnote_ids(const char *line, size_t len, struct gen_ids *ids,
                      struct arena *a);
/* Adds the footnote ids of a Markdown page and, with attr, its attribute
 * list ids, to its anchors. */
void gen_markdown_ids(const struct page *pg, struct page_info *pi, int attr,
                      struct arena *a);
/* Adds ids to the page's anchors; dynamic ids make it opaque. */
void gen_add_ids(struct page_info *pi, const struct gen_ids *ids,
                 struct arena *a);

/* The strings of a scalar or a sequence, at most max of them. */
void gen_string_list(const struct fm_node *v, const char **out, size_t max,
                     size_t *n);

#endif
