/* siteindex.h: the site as it will be served: every page's URL, aliases,
 * source path and anchors, the links written in linted pages, and link
 * resolution against all of it.
 *
 * Every page of the site, linted or not, is summarised here as the engine
 * parses it; links are resolved against the index once every page is in
 * (rules do that from on_site).  Only the engine adds to the index; rules
 * read it.  All of it lives for the run. */
#ifndef SITEINDEX_H
#define SITEINDEX_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

struct site;
struct ref;

struct page_info {
    const char *path;           /* the source file, as in diagnostics */
    const char *src_key;        /* "/about/faq.md": from the content root */
    const char *url;            /* "/about/faq/": where it is published */
    const char *title;          /* or NULL */
    const char **anchors;       /* heading ids and explicit ids */
    size_t nanchors;
    const char *unpublished;    /* what a normal build does not publish it
                                 * as ("a draft", "a page dated in the
                                 * future"), or NULL */
    int opaque;                 /* uses shortcodes whose output (and so
                                 * whose ids) a template makes */
    int embedded;               /* not published as a page of its own (a
                                 * bundle's resource, a headless page):
                                 * shown, if at all, inside another page,
                                 * so its links are not checked */
    int linted;                 /* this run lints it (not context only) */
    size_t order;               /* where a run over the whole site has it:
                                 * pages named first are read first, and
                                 * what depends on which page comes first
                                 * (the later of two that repeat) goes by
                                 * this */
};

enum link_kind {
    LINK_SKIP,                  /* not ours to check: another host, a
                                 * scheme, a template expression */
    LINK_PAGE,                  /* a page (page may be an implicit list
                                 * page the generator makes: NULL) */
    LINK_FILE,                  /* a static file or page resource */
    LINK_OUTSIDE,               /* under a declared outside prefix */
    LINK_HOOK,                  /* leads nowhere as written, but the
                                 * site's render hook decides where */
    LINK_UNKNOWN,               /* a file the site's sources do not have,
                                 * but a theme or module that is not on
                                 * disk may serve */
    LINK_UNSURE,                /* no URL sitelint knows, but a page's
                                 * URL it knows only in part may be it
                                 * (PERMALINK_UNSURE) */
    LINK_BROKEN
};

/* What a site's render hooks may resolve themselves. */
enum site_hook {
    HOOK_LINK = 1,              /* Markdown links (render-link) */
    HOOK_IMAGE = 2              /* Markdown images (render-image) */
};

/* May path, a URL path of a file the site's sources lack, be served by
 * a theme or module whose files are not on disk (a Hugo module not
 * vendored, a Pelican theme installed as a package)? */
int site_unseen(const struct site *site, const char *path);

/* Does a render hook of the site resolve destinations of kind hook
 * (a page lookup, a glossary), so that one sitelint finds nothing at may
 * still lead somewhere? */
int site_hook_decides(const struct site *site, enum site_hook hook);

/* How a link's text names its target. */
enum link_form {
    FORM_URL,                   /* a Markdown link or image: a URL, or
                                 * what the generator rewrites into one */
    FORM_HTML,                  /* an attribute of raw HTML: a URL as a
                                 * browser follows it, never rewritten */
    FORM_REF,                   /* Hugo ref/relref: a content path */
    FORM_ROOT                   /* a URL path from the site root */
};

struct link_target {
    enum link_kind kind;
    const struct page_info *page;   /* LINK_PAGE, when a real page */
    const char *url;            /* the URL path looked up, for messages */
    const char *fragment;       /* decoded, after '#'; NULL if none */
    int same_page;              /* the link was "#fragment" alone */
    int source;                 /* url is a source path the generator
                                 * rewrites ("{filename}", MkDocs): what
                                 * to suggest is a source, not a URL */
};

/* The index lives in run memory; its hash tables are freed by
 * site_close(). */
struct site_index *site_index_new(struct arena *run);
void site_index_free(struct site_index *ix);
/* Sizes the tables for a site of this many pages before they are filled:
 * they do not grow as the pages go in. */
void site_index_expect(struct site_index *ix, size_t pages);

/* Adds a page; info must live for the run.  Its URL, aliases and source
 * path become link targets. */
void site_add_page(struct site_index *ix, const struct page_info *info,
                   const char *const *aliases, size_t naliases);
/* When href, written in from, names a source file relative to it that
 * the generator does not rewrite ("faq.md" on Pelican), how to write the
 * link so that it does ("{filename}faq.md"); else NULL.  Memory from
 * a. */
const char *site_source_link(const struct site *site,
                             const struct page_info *from, const char *href,
                             struct arena *a);

/* Is path a file templates and shortcodes can read as a resource (Hugo's
 * assets/), though the site does not serve it as it is? */
int site_has_asset(const struct site *site, const char *path);

/* How many URLs of pages and lists are known only in part (a Pelican
 * slug of letters sitelint cannot transliterate): links that may lead
 * to them are LINK_UNSURE, and ids made of them are not known. */
size_t site_unsure_urls(const struct site *site);
/* May s (a Parent_id, say) be the slug of such a URL: are there any, and
 * is s made of what a slug may have? */
int site_unsure_slug(const struct site *site, const char *s);
/* Is path (a link target's) relative to a URL known only in part? */
int site_path_unsure(const char *path);
/* What to call page in a message: its URL, or its source when its URL
 * is known only in part. */
const char *site_page_shown(const struct page_info *page);

/* Is url a page, alias or list page of the index? */
int site_has_url(const struct site *site, const char *url, struct arena *a);

/* The page whose source is exactly key ("/about/faq.md"), or NULL. */
const struct page_info *site_source_page(const struct site *site,
                                         const char *key);
/* The page whose source is path ("/about/faq", with or without ".md",
 * "/_index.md", "/index.md" or ".html"), or NULL. */
const struct page_info *site_find_source(const struct site *site,
                                         const char *path, struct arena *a);
/* The source folder of a page, as a URL-like path: "/about/faq.md" (its
 * folder is what comes before the last slash); "/" for none. */
const char *site_source_dir(const struct page_info *from);
/* Joins rel to the folder of base ("/a/b/c" → "/a/b/"; base NULL is the
 * root) and removes "." and ".." segments; ".." never climbs above the
 * root, as in a browser.  A trailing slash is kept. */
char *site_join_path(struct arena *a, const char *base, const char *rel);
/* s[0, len) with %XX escapes decoded, NUL-terminated, in a. */
char *site_percent_decode(struct arena *a, const char *s, size_t len);

/* Adds a URL the generator makes without a source page of its own (a
 * section or taxonomy list). */
void site_add_list(struct site_index *ix, const char *url);

/* Resolves href, written in page from, against the index.  Memory for
 * out's strings comes from a. */
void site_resolve(const struct site *site, const struct page_info *from,
                  const char *href, enum link_form form,
                  struct link_target *out, struct arena *a);

/* href, a link that leads to url, which the site lacks, written with
 * the case of its letters fixed when exactly one page's URL (a source
 * path on a plain tree) differs from url only by case; else NULL.
 * Memory from a. */
const char *site_case_fix(const struct site *site, const char *href,
                          const char *url, struct arena *a);

/* The published URL closest to url by edit distance, if close enough to
 * be a likely typo; else NULL. */
const char *site_suggest(const struct site *site, const char *url,
                         struct arena *a);

/* The source file closest to path ("/a/stup.md", what the link href
 * names) by edit distance, if a likely slip of it, written as a link
 * from from's source ("../a/b.md", "{filename}../a/b.md" when href
 * starts so); else NULL. */
const char *site_suggest_source(const struct site *site,
                                const struct page_info *from,
                                const char *href, const char *path,
                                struct arena *a);

/* The Levenshtein distance of two strings (exported for the tests). */
size_t site_edit_distance(const char *a, const char *b);

/* Does the site publish anything below the folder prefix ("/a/")?  A
 * plain tree always says yes: it is not indexed. */
int site_has_below(const struct site *site, const char *prefix);

/* Is url an absolute URL of the site itself (its baseURL's host, on the
 * default port), which the index resolves without the network? */
int site_is_own(const struct site *site, const char *url);

/* Does the page, added with site_add_page(), have an anchor named id? */
int site_has_anchor(const struct site *site, const struct page_info *info,
                    const char *id);

/* A link written in a linted page, kept for checks across the site. */
struct site_link {
    struct pos pos;
    const char *href;
    const struct page_info *from;
    const char *via;            /* "[]", "a", "ref", "figure", ... */
    unsigned end_col;
    enum link_form form;
};

/* Keeps a copy of the link in run memory. */
void site_add_link(struct site_index *ix, const struct page_info *from,
                   const struct ref *ref, enum link_form form);
/* Keeps a link of a page read for context only (a run that names some
 * files): site_select_inbound() decides whether it is checked. */
void site_add_inbound(struct site_index *ix, const struct page_info *from,
                      const struct ref *ref, enum link_form form);
/* A URL a linted page had in its committed version ("/old-name/"): a
 * link of a context page there is checked, for it may have just broken. */
void site_add_former(struct site_index *ix, const char *url);
/* Calls fn(arg, url) for each URL site_add_former() added. */
void site_each_former(const struct site *site,
                      void (*fn)(void *arg, const char *url), void *arg);
/* Once every page is in, before the rules' on_site: adds to the links
 * the kept context links that lead into a linted page or to a former URL
 * of one.  Returns the index of the first added; those up to
 * site_links()'s count are new. */
size_t site_select_inbound(const struct site *site);

/* Every link kept, in the order added. */
const struct site_link *site_links(const struct site *site, size_t *n);
/* Where links[i] leads, resolved once however many rules ask; only once
 * every page is in (from on_site). */
const struct link_target *site_link_target(const struct site *site,
                                           size_t i);
/* Resolves every link kept, on every core, so that the rules that read
 * the targets at once do not take turns resolving them; only once every
 * page is in, before on_site. */
void site_resolve_links(const struct site *site);

#endif
