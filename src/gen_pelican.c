/* gen_pelican.c: Pelican: pelicanconf.py's plain assignments, PATH and
 * STATIC_PATHS, each page's URL and Save_as from its Slug/Url/Save_as
 * metadata and the *_URL and *_SAVE_AS settings, Python-Markdown's toc
 * heading ids, and Pelican's own link syntax ({filename}, {static}). */
#include "generator.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"
#include "permalink.h"
#include "site.h"
#include "siteindex.h"
#include "unicode.h"

/* What Pelican's own config is: gen_conf of a Pelican site. */
struct pelican_conf {
    const char *templates;      /* THEME/templates, or NULL */
    const char *theme_url;      /* "/theme/" when THEME is not a folder
                                 * of the site (a built-in or installed
                                 * theme), else NULL */
    struct template *cache;     /* ids of templates pages name */
    size_t ncache, cache_cap;
    struct gen_templates read;  /* template files read so far */
    int heading_ids;            /* MARKDOWN has the toc extension with its
                                 * own slugs: the ids of headings known */
    const char *content;        /* PATH, from the site root */
};

struct template {
    const char *name;
    struct gen_ids ids;
};

/* Pelican's default FILENAME_METADATA, as its settings file spells it. */
#define FILENAME_META "(?P<date>\\d{4}-\\d{2}-\\d{2}).*"

/* Settings and build files are small. */
#define SETTINGS_MAX_BYTES (1024u * 1024)

/* The settings file a build of dir passes to pelican with -s: the
 * Makefile's CONFFILE or -s, tasks.py's settings_base or -s.  NULL if
 * none names an existing file. */
static const char *
settings_from_build(const char *dir, struct arena *a)
{
    static const char *const files[] = { "Makefile", "tasks.py" };
    static const char *const marks[] = {
        "CONFFILE", "settings_base", "-s ", "--settings ",
    };
    size_t f, m, len;

    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        const char *text = gen_read_file(a, gen_join(a, dir, files[f]),
                                           SETTINGS_MAX_BYTES, &len);
        const char *p;

        if (text == NULL || strstr(text, "pelican") == NULL)
            continue;
        for (m = 0; m < sizeof marks / sizeof marks[0]; m++)
            for (p = text; (p = strstr(p, marks[m])) != NULL; p++) {
                const char *v = p + strlen(marks[m]);
                size_t n;
                const char *path;

                v += strspn(v, " \t\"':=?");
                n = strcspn(v, " \t\r\n\"',)");
                if (n < 4 || strncmp(v + n - 3, ".py", 3) != 0 ||
                    memchr(v, '$', n) != NULL)
                    continue;
                path = gen_join(a, dir, arena_strndup(a, v, n));
                if (gen_is_file(path))
                    return path;
            }
    }
    return NULL;
}

/* The settings file of a Pelican site at dir: pelicanconf.py, else the
 * one its build names, else a settings.py that sets Pelican's keys. */
static const char *
find_settings(const char *dir, struct arena *a)
{
    const char *p = gen_join(a, dir, "pelicanconf.py"), *text;
    size_t len;

    if (gen_is_file(p))
        return p;
    if ((p = settings_from_build(dir, a)) != NULL)
        return p;
    p = gen_join(a, dir, "settings.py");
    text = gen_read_file(a, p, SETTINGS_MAX_BYTES, &len);
    if (text != NULL && strstr(text, "SITENAME") != NULL &&
        (strstr(text, "ARTICLE_") != NULL || strstr(text, "STATIC_PATHS") !=
         NULL || strstr(text, "THEME") != NULL))
        return p;
    return NULL;
}

/* Is the toc extension in the MARKDOWN setting (Pelican's default has
 * none: its headings get no ids), making ids with Python-Markdown's own
 * slugs?  Not when MARKDOWN could not be read, or toc has a slugify or
 * separator of its own: then the ids are not known. */
static int
toc_ids(const struct fm_node *md)
{
    static const char *const names[] = { "markdown.extensions.toc", "toc" };
    const struct fm_node *cfgs = fm_get(md, "extension_configs");
    const struct fm_node *list = fm_get(md, "extensions"), *toc = NULL;
    size_t i, k;

    for (k = 0; k < sizeof names / sizeof names[0] && toc == NULL; k++)
        toc = fm_get(cfgs, names[k]);
    for (i = 0; toc == NULL && list != NULL && list->type == FM_SEQ &&
                i < list->nkids; i++)
        for (k = 0; k < sizeof names / sizeof names[0]; k++)
            if (list->kids[i]->type == FM_SCALAR &&
                strcmp(list->kids[i]->str, names[k]) == 0)
                toc = list->kids[i];
    return toc != NULL && fm_get(toc, "slugify") == NULL &&
           fm_get(toc, "separator") == NULL;
}

/* publishconf.py's SITEURL, when pelicanconf.py has none: the URL the
 * site is published at, for links written with it.  Only a plain
 * assignment counts, not one under an "if". */
static const char *
publish_siteurl(const char *dir, struct arena *a)
{
    const char *path = gen_join(a, dir, "publishconf.py");
    const struct fm_node *cfg;

    if (!gen_is_file(path) || (cfg = gen_read_config(a, path)) == NULL)
        return NULL;
    return gen_config_str(cfg, "SITEURL", NULL);
}

static int
detect(const char *dir, struct arena *a)
{
    return find_settings(dir, a) != NULL;
}

static void
open_site(struct site *site, struct arena *a)
{
    struct pelican_conf *pc = arena_alloc(a, sizeof *pc);
    const struct fm_node *cfg;
    const char *dirs[64], *path, *theme, *tdir;
    char *dir, *slash;
    size_t i, n;

    site->config = site->settings != NULL
        ? gen_join(a, site->root, site->settings)
        : find_settings(site->root, a);
    if (site->config == NULL)
        site->config = gen_join(a, site->root, "pelicanconf.py");
    cfg = gen_read_config(a, site->config);
    path = gen_config_str(cfg, "PATH", "content");
    site->default_lang = gen_config_str(cfg, "DEFAULT_LANG", "en");
    site->base_url = gen_config_str(cfg, "SITEURL", NULL);
    site->cfg = cfg;
    pc->heading_ids = toc_ids(fm_get(cfg, "MARKDOWN"));
    site->gen_conf = pc;
    gen_string_list(fm_get(cfg, "STATIC_PATHS"), dirs, 64, &n);
    if (fm_get(cfg, "STATIC_PATHS") == NULL) {
        dirs[0] = "images";
        n = 1;
    }
    /* PATH and THEME are from the settings file's folder, as Pelican's
     * read_settings takes them. */
    dir = arena_strdup(a, site->config);
    if ((slash = strrchr(dir, '/')) != NULL)
        *slash = '\0';
    else
        dir = arena_strdup(a, ".");
    path = gen_tidy_path(a, gen_join(a, dir, path));
    pc->content = path;
    if (site->base_url == NULL || *site->base_url == '\0')
        site->base_url = publish_siteurl(dir, a);
    /* Static paths first: the walker asks which mount a folder is. */
    for (i = 0; i < n; i++)
        gen_add_mount(site, a, gen_join(a, path, dirs[i]),
                      arena_printf(a, "/%s/", dirs[i]), 1, NULL);
    /* The theme's static files, under /THEME_STATIC_DIR/. */
    tdir = gen_config_str(cfg, "THEME_STATIC_DIR", "theme");
    theme = gen_config_str(cfg, "THEME", "notmyidea");
    if (strstr(theme, "..") != NULL ||
        !gen_is_dir(theme = gen_tidy_path(a, gen_join(a, dir, theme)))) {
        /* Pelican's own themes and installed ones are not here. */
        pc->theme_url = arena_printf(a, "/%s/", tdir);
    } else {
        gen_string_list(fm_get(cfg, "THEME_STATIC_PATHS"), dirs, 64, &n);
        if (fm_get(cfg, "THEME_STATIC_PATHS") == NULL) {
            dirs[0] = "static";
            n = 1;
        }
        for (i = 0; i < n; i++)
            gen_add_mount(site, a, gen_join(a, theme, dirs[i]),
                          arena_printf(a, "/%s/", tdir), 1, NULL);
        pc->templates = gen_join(a, theme, "templates");
    }
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

/* A date d as Pelican reads it (dateutil): ISO, or with a month name
 * ("October 8, 2025", "8 Oct 2025", "Sept 5, 2023"); 0 if none. */
static int
pelican_date(const char *d, int *year, int *month, int *day)
{
    static const char *const names[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec",
    };
    const char *p;
    int mon = 0, dd = 0, yy = 0;
    size_t i;

    if (d == NULL)
        return 0;
    if (permalink_iso_date(d, year, month, day))
        return 1;
    for (p = d; *p != '\0';) {
        size_t n = strspn(p, "0123456789");

        if (n > 0) {
            int v = atoi(p);

            if (n == 4 && yy == 0)
                yy = v;
            else if (n <= 2 && dd == 0)
                dd = v;
            p += n;
        } else if (isalpha((unsigned char)*p)) {
            for (n = 0; isalpha((unsigned char)p[n]); n++)
                continue;
            for (i = 0; i < 12 && mon == 0; i++)
                if (n >= 3 && strncasecmp(p, names[i], 3) == 0)
                    mon = (int)i + 1;
            p += n;
        } else {
            p++;
        }
    }
    if (yy == 0 || mon == 0 || dd < 1 || dd > 31)
        return 0;
    *year = yy;
    *month = mon;
    *day = dd;
    return 1;
}

/* A numeric character reference "&#233;" or "&#xE9;" at p, before end:
 * its length, its code point in *cp; 0 if there is none (or it names no
 * character). */
static size_t
numeric_entity(const char *p, const char *end, unsigned *cp)
{
    int hex = end - p > 2 && (p[2] == 'x' || p[2] == 'X');
    const char *q = p + 2 + hex, *digits = q;
    unsigned long v = 0;

    for (; q < end && v < 0x110000; q++) {
        int c = (unsigned char)*q;

        if (isdigit(c))
            v = v * (hex ? 16 : 10) + (unsigned long)(c - '0');
        else if (hex && isxdigit(c))
            v = v * 16 + (unsigned long)(tolower(c) - 'a' + 10);
        else
            break;
    }
    if (q == digits || q >= end || *q != ';' || v == 0 || v >= 0x110000 ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = (unsigned)v;
    return (size_t)(q + 1 - p);
}

/* Markup(s).striptags() as Pelican's slugify starts with: comments and
 * tags out, then the entities HTML escaping writes (&amp; &lt; &gt;
 * &quot; &#39; and numeric ones) unescaped, into t.  -1 when s has
 * another named entity, which html.unescape() would know and this does
 * not. */
static int
strip_tags(struct buf *t, const char *s, size_t len)
{
    static const struct { const char *name; char c; } named[] = {
        { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
        { "apos;", '\'' },
    };
    const char *end = s + len, *p, *q;
    struct buf tmp = { 0 };
    size_t i;
    int rc = 0;

    /* Comments first, then tags; a '<' with no '>' after it stays. */
    for (p = s; p < end; ) {
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            for (q = p + 4; end - q >= 3 && memcmp(q, "-->", 3) != 0; q++)
                continue;
            if (end - q >= 3) {
                p = q + 3;
                continue;
            }
        }
        buf_addc(&tmp, *p++);
    }
    for (p = tmp.p, end = tmp.p + tmp.len; p != NULL && p < end; ) {
        if (*p == '<' && (q = memchr(p, '>', (size_t)(end - p))) != NULL) {
            p = q + 1;
            continue;
        }
        if (*p == '&') {
            char u[4];
            unsigned cp;
            size_t k;

            for (i = 0; i < sizeof named / sizeof named[0]; i++)
                if ((size_t)(end - p - 1) >= strlen(named[i].name) &&
                    memcmp(p + 1, named[i].name, strlen(named[i].name)) == 0)
                    break;
            if (i < sizeof named / sizeof named[0]) {
                buf_addc(t, named[i].c);
                p += 1 + strlen(named[i].name);
                continue;
            }
            if (p + 2 < end && p[1] == '#') {
                if ((k = numeric_entity(p, end, &cp)) > 0) {
                    buf_add(t, u, uni_encode(cp, u));
                    p += k;
                    continue;
                }
                rc = -1;        /* html.unescape()'s own rules */
            } else if (p + 1 < end && isalpha((unsigned char)p[1])) {
                rc = -1;        /* &eacute; and the like */
            }
        }
        buf_addc(t, *p++);
    }
    buf_free(&tmp);
    return rc;
}

/* Pelican's slug of s[0, len) onto b; where it holds a letter whose
 * transliteration sitelint does not know, PERMALINK_UNSURE instead. */
static void
pelican_slug(struct buf *b, const char *s, size_t len)
{
    size_t at = b->len;
    struct buf t = { 0 };
    int rc;

    if (memchr(s, '<', len) == NULL && memchr(s, '&', len) == NULL) {
        rc = permalink_slugify_pelican(b, s, len);
    } else {
        rc = strip_tags(&t, s, len);
        if (rc == 0)
            rc = permalink_slugify_pelican(b, t.p != NULL ? t.p : "", t.len);
        buf_free(&t);
    }
    if (rc != 0) {
        b->len = at;
        buf_addc(b, PERMALINK_UNSURE);
    }
}

/* Expands {slug}, {lang}, {category}, {author}, {date:%Y} and friends. */
static void
pelican_expand(struct buf *b, const struct page *pg, const char *tpl,
               const char *slug, const char *category, const char *date)
{
    static const char *const mon[] = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec",
    };
    int y, m, d, dated = pelican_date(date, &y, &m, &d);
    int unsure = date != NULL && date[0] == PERMALINK_UNSURE;

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
            pelican_slug(b, category, strlen(category));
        } else if (strncmp(tpl, "author}", 7) == 0) {
            /* The page's Author, else the AUTHOR setting. */
            const char *au = fm_str(pg->fm, "author");

            if (au == NULL)
                au = setting(pg->site, "AUTHOR", NULL);
            if (au != NULL)
                pelican_slug(b, au, strlen(au));
        } else if (strncmp(tpl, "date:", 5) == 0 && unsure) {
            buf_addc(b, PERMALINK_UNSURE);
        } else if (strncmp(tpl, "date:", 5) == 0 && dated) {
            const char *f;

            for (f = tpl + 5; f < end; f++) {
                if (*f != '%' || f + 1 >= end) {
                    buf_addc(b, *f);
                    continue;
                }
                f++;
                if (*f == 'Y')
                    buf_addf(b, "%04d", y % 10000);
                else if (*f == 'm')
                    buf_addf(b, "%02d", m % 100);
                else if (*f == 'd')
                    buf_addf(b, "%02d", d % 100);
                else if (*f == 'b' && m >= 1 && m <= 12)
                    buf_adds(b, mon[m - 1]);
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
                const char *date, struct arena *a)
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
                   slug, category, date);
    out = arena_strdup(a, b.p != NULL ? b.p : "");
    buf_free(&b);
    return out;
}

/* Has the regex FILENAME_METADATA or PATH_METADATA a group named key
 * ("(?P<slug>...)")? */
static int
path_gives(const char *fmeta, const char *pmeta, const char *key)
{
    char group[32];

    snprintf(group, sizeof group, "<%s>", key);
    return strstr(fmeta, group) != NULL || strstr(pmeta, group) != NULL;
}

static const char *
pelican_url(const struct page *pg, const char *rel, struct arena *a,
            const char **save_as)
{
    const struct site *site = pg->site;
    const char *title = fm_str(pg->fm, "title"), *url = fm_str(pg->fm, "url");
    const char *save = fm_str(pg->fm, "save_as");
    const char *slug = fm_str(pg->fm, "slug");
    const char *category = fm_str(pg->fm, "category");
    int is_page = under_any(fm_get(site->cfg, "PAGE_PATHS"), rel, "pages");
    int trans = strcasecmp(pg->lang, site->default_lang) != 0;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    const char *dot = strrchr(base, '.'), *date = fm_str(pg->fm, "date");
    const char *fmeta = setting(site, "FILENAME_METADATA", FILENAME_META);
    const char *pmeta = setting(site, "PATH_METADATA", "");
    /* Metadata the file's path gives (readers.py parse_path_metadata):
     * the default FILENAME_METADATA dates "2020-01-02-hello.md"; a regex
     * of the site's own gives what sitelint does not evaluate. */
    int custom = strcmp(fmeta, FILENAME_META) != 0 || pmeta[0] != '\0';
    size_t n = dot != NULL && dot > base ? (size_t)(dot - base)
                                         : strlen(base);
    char unsure[2] = { PERMALINK_UNSURE, '\0' };
    struct buf b = { 0 };
    int y, m, d;

    if (date == NULL && custom && path_gives(fmeta, pmeta, "date"))
        date = unsure;
    else if (date == NULL && !custom && n >= 10 &&
             permalink_iso_date(base, &y, &m, &d))
        date = arena_strndup(a, base, 10);
    if (slug == NULL && custom && path_gives(fmeta, pmeta, "slug")) {
        slug = arena_strdup(a, unsure);
    } else if (slug == NULL) {
        const char *src = setting(site, "SLUGIFY_SOURCE", "title");

        if (strcmp(src, "basename") == 0 || title == NULL)
            pelican_slug(&b, base, n);      /* os.path.splitext */
        else
            pelican_slug(&b, title, strlen(title));
        slug = arena_strdup(a, b.p != NULL ? b.p : "");
        buf_reset(&b);
    }
    if (category == NULL && custom &&
        path_gives(fmeta, pmeta, "category")) {
        category = arena_strdup(a, unsure);
    } else if (category == NULL) {
        /* USE_FOLDER_AS_CATEGORY: the folder the article sits in. */
        const char *slash = strrchr(rel, '/');

        category = slash && gen_config_bool(site->cfg,
                                            "USE_FOLDER_AS_CATEGORY", 1)
                   ? arena_strndup(a, rel, (size_t)(slash - rel))
                   : setting(site, "DEFAULT_CATEGORY", "misc");
        if (strrchr(category, '/') != NULL)
            category = strrchr(category, '/') + 1;
    }
    if (url == NULL)
        url = pelican_setting(pg, "URL", is_page, trans, slug, category,
                              date, a);
    if (save == NULL)
        save = pelican_setting(pg, "SAVE_AS", is_page, trans, slug, category,
                               date, a);
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
    out->source = 1;
    if (strcmp(kind, "filename") == 0) {
        out->page = site_find_source(site, path, a);
        /* Pelican warns, but links a static file named so all the same
         * (contents.py _get_linked_content). */
        out->kind = out->page != NULL ? LINK_PAGE
                  : site_has_file(site, path) ? LINK_FILE : LINK_BROKEN;
    } else {
        out->kind = site_has_file(site, path) ? LINK_FILE : LINK_BROKEN;
    }
    return 1;
}

/* A Jinja template's {% include %}, {% extends %} and {% import %}
 * name a file below the theme's templates. */
static const char *
find_template(void *ctx, const char *name, struct arena *a)
{
    const char *p;

    if (strstr(name, "..") != NULL)
        return NULL;
    if (strncmp(name, "!theme/", 7) == 0)
        name += 7;
    p = gen_join(a, ctx, name);
    return gen_is_file(p) ? p : NULL;
}

static const char *const jinja_calls[] = {
    "include", "extends", "import", "from", NULL,
};

/* The cache of templates' ids is filled as pages are read, on every
 * thread that reads them: one at a time. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* The ids the page's template writes: its template metadata, else
 * "page" or "article", with what it includes and extends. */
static void
template_anchors(const struct page *pg, const char *rel, struct page_info *pi,
                 struct arena *a)
{
    /* The cache of a const site: see cache_lock. */
    struct pelican_conf *pc = (struct pelican_conf *)pg->site->gen_conf;
    const char *name = fm_str(pg->fm, "template");
    struct template *t;
    size_t i;

    if (pc == NULL || pc->templates == NULL)
        return;
    if (name == NULL)
        name = under_any(fm_get(pg->site->cfg, "PAGE_PATHS"), rel, "pages")
             ? "page" : "article";
    pthread_mutex_lock(&cache_lock);
    for (i = 0; i < pc->ncache; i++)
        if (strcmp(pc->cache[i].name, name) == 0)
            break;
    if (i == pc->ncache) {
        t = ARENA_PUSH(a, pc->cache, pc->ncache, pc->cache_cap);
        t->name = arena_strdup(a, name);
        gen_template_ids(&t->ids, &pc->read,
                         find_template((void *)pc->templates,
                                       arena_printf(a, "%s.html", name), a),
                         1, jinja_calls, find_template,
                         (void *)pc->templates, a);
    }
    gen_add_ids(pi, &pc->cache[i].ids, a);
    pthread_mutex_unlock(&cache_lock);
}

static void
page_urls(const struct page *pg, const char *rel, struct page_info *pi,
          struct page_urls *more, struct arena *a)
{
    const char *save_as;

    const struct pelican_conf *pc = pg->site->gen_conf;

    template_anchors(pg, rel, pi, a);
    /* Pelican's default Markdown has "extra": attr_list, footnotes. */
    gen_markdown_ids(pg, pi, 1, a);
    /* Without toc a heading has no id, unless a plugin (PLUGINS, or one
     * installed that Pelican finds by itself) makes one: not known. */
    if (pc != NULL && !pc->heading_ids && pg->nheadings > 0 &&
        pg->type == PAGE_MARKDOWN)
        pi->opaque = 1;
    pi->url = pelican_url(pg, rel, a, &save_as);
    if (strcmp(save_as, pi->url) != 0)
        *ARENA_PUSH(a, more->aliases, more->naliases, more->aliases_cap) =
            save_as;
}

/* Does path match the setting's pattern: "{slug}" and the like stand
 * for a run without '/', and a page number may come before the
 * extension ("blog/index2.html"), as pagination writes? */
static int
matches(const char *pat, const char *path)
{
    while (*pat != '\0') {
        if (*pat == '{') {
            const char *end = strchr(pat, '}');

            if (end == NULL)
                return 0;
            pat = end + 1;
            while (*path != '\0' && *path != '/' &&
                   !(*path == *pat && matches(pat, path)))
                path++;
            continue;
        }
        if (*pat == '.' && isdigit((unsigned char)*path)) {
            while (isdigit((unsigned char)*path))
                path++;
            continue;
        }
        if (*pat++ != *path++)
            return 0;
    }
    return *path == '\0';
}

/* The lists and feeds Pelican writes besides pages: the direct
 * templates (index, tags, categories, authors, archives), a page per
 * tag, category and author, the feeds, each where its *_SAVE_AS or
 * *_URL setting says, or Pelican's default. */
static int
makes(const struct site *site, const char *path, struct arena *a)
{
    static const char *const made[][2] = {
        { "INDEX", "index.html" }, { "TAGS", "tags.html" },
        { "CATEGORIES", "categories.html" }, { "AUTHORS", "authors.html" },
        { "ARCHIVES", "archives.html" }, { "TAG", "tag/{slug}.html" },
        { "CATEGORY", "category/{slug}.html" },
        { "AUTHOR", "author/{slug}.html" },
    };
    static const char *const feeds[][2] = {
        { "FEED_ALL_ATOM", "feeds/all.atom.xml" },
        { "FEED_ALL_RSS", NULL }, { "FEED_ATOM", NULL }, { "FEED_RSS", NULL },
        { "CATEGORY_FEED_ATOM", "feeds/{slug}.atom.xml" },
        { "CATEGORY_FEED_RSS", NULL }, { "TAG_FEED_ATOM", NULL },
        { "TAG_FEED_RSS", NULL },
        { "AUTHOR_FEED_ATOM", "feeds/{slug}.atom.xml" },
        { "AUTHOR_FEED_RSS", "feeds/{slug}.rss.xml" },
        { "TRANSLATION_FEED_ATOM", "feeds/all-{lang}.atom.xml" },
    };
    const char *p = path[0] == '/' ? path + 1 : path, *v;
    const struct fm_node *extra = fm_get(site->cfg, "EXTRA_PATH_METADATA");
    const struct pelican_conf *pc = site->gen_conf;
    size_t i, k, n = strlen(p);

    /* A static file saved elsewhere: {'extra/robots.txt': {'path':
     * 'robots.txt'}}. */
    for (i = 0; extra != NULL && extra->type == FM_MAP && i < extra->nkids;
         i++) {
        const struct fm_node *to = fm_get(extra->kids[i], "path");

        if (to != NULL && to->type == FM_SCALAR && strcmp(to->str, p) == 0 &&
            pc != NULL &&
            gen_is_file(gen_join(a, pc->content, extra->kids[i]->key)))
            return 1;
    }
    if (n == 0 || p[n - 1] == '/')
        p = arena_printf(a, "%sindex.html", p);
    for (i = 0; i < sizeof made / sizeof made[0]; i++)
        for (k = 0; k < 2; k++) {
            v = setting(site, arena_printf(a, "%s_%s", made[i][0],
                                           k == 0 ? "SAVE_AS" : "URL"),
                        made[i][1]);
            if (*v != '\0' && (matches(v, p) || matches(v, path + 1)))
                return 1;
        }
    for (i = 0; i < sizeof feeds / sizeof feeds[0]; i++) {
        v = setting(site, feeds[i][0], feeds[i][1]);
        if (v != NULL && *v != '\0' && matches(v, p))
            return 1;
    }
    return 0;
}

static int
unseen(const struct site *site, const char *path)
{
    const struct pelican_conf *pc = site->gen_conf;

    return pc != NULL && pc->theme_url != NULL &&
           strncmp(path, pc->theme_url, strlen(pc->theme_url)) == 0;
}

static const char *
static_prefix(const char *dir, struct arena *a)
{
    return arena_printf(a, "/%s/", dir);
}

const struct generator gen_pelican = {
    .name = "pelican",
    .flags = GEN_INDEXED,
    .meta = GEN_META_PELICAN,
    .detect = detect,
    .open = open_site,
    .static_prefix = static_prefix,
    .page_urls = page_urls,
    .menu_url = { "/{page}/{url}.html", "/{url}.html" },
    .heading_id = gen_id_python,
    .repeats = GEN_REPEATS_TOC,
    .resolve_own = resolve_own,
    .source_link = "{filename}",
    .makes = makes,
    .unseen = unseen,
};
