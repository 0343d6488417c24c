/* missing-image: every local image a page shows exists in the site. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rule.h"

/* Longest image path considered; longer ones are reported as missing. */
#define IMAGE_PATH_MAX 4096

/* Copies the path part of url (no query, no fragment), percent-decoded,
 * into out.  Returns -1 if it does not fit. */
static int
url_path(const char *url, char *out, size_t size)
{
    size_t n = strcspn(url, "?#");

    if (n >= size)
        return -1;
    url_decode(out, url, n);
    return 0;
}

static int
file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

struct site_state {
    size_t hooked;              /* images left to a render hook */
    size_t unknown;             /* images a missing theme may have */
    size_t unsure;              /* relative to a URL known in part */
};

/* Is the image where the generator publishes what the page names: as
 * the site resolves it (a URL from the page's, a file the generator
 * rewrites the path to), or, for a Markdown image, beside the page's
 * source (a bundle's resource, a render hook's page resource)?  1 yes,
 * 0 no, -1 the site's render-image hook decides, -2 a theme or module
 * that is not on disk may have it. */
static int
image_exists(struct rule_ctx *cx, const struct page *pg,
             const struct ref *img)
{
    char path[IMAGE_PATH_MAX], fs[IMAGE_PATH_MAX * 2];
    struct link_target t;
    const char *slash;

    rule_resolve(cx, pg->info, img->text,
                 img->origin == ORIGIN_HTML ? FORM_HTML : FORM_URL, &t);
    if (t.kind == LINK_UNKNOWN)
        return -2;              /* a theme that is not here may have it */
    if (t.kind == LINK_UNSURE && site_path_unsure(t.url))
        return -3;              /* relative to a URL not wholly known */
    if (t.kind != LINK_BROKEN && t.kind != LINK_HOOK && t.kind != LINK_UNSURE)
        return 1;
    /* A shortcode may read it as a resource (resources.Get). */
    if (img->origin == ORIGIN_SHORTCODE &&
        url_path(img->text, path, sizeof path) == 0 &&
        site_has_asset(pg->site, path))
        return 1;
    /* Raw HTML is never rewritten: only the browser's reading counts. */
    if (img->origin == ORIGIN_MARKDOWN &&
        site_hook_decides(pg->site, HOOK_IMAGE))
        return -1;              /* the render-image hook decides */
    if (img->origin == ORIGIN_HTML ||
        url_path(img->text, path, sizeof path) != 0 || path[0] == '/' ||
        path[0] == '{' || path[0] == '|')
        return 0;
    slash = strrchr(pg->path, '/');
    if (slash != NULL)
        snprintf(fs, sizeof fs, "%.*s/%s", (int)(slash - pg->path),
                 pg->path, path);
    else
        snprintf(fs, sizeof fs, "%s", path);
    return file_exists(fs);
}

static void
check_page(struct rule_ctx *cx, const struct page *pg)
{
    struct site_state *st = rule_site_state(cx);
    size_t i;

    for (i = 0; i < pg->nimages; i++) {
        const struct ref *img = &pg->images[i];

        if (img->text[0] == '\0' || url_has_scheme(img->text) ||
            strncmp(img->text, "//", 2) == 0 ||
            strstr(img->text, "{{") != NULL)
            continue;           /* remote, data: or templated */
        switch (image_exists(cx, pg, img)) {
        case 0:
            rule_report(cx, img->pos, img->end_col,
                        "image '%s' does not exist", img->text);
            break;
        case -1:
            st->hooked++;
            break;
        case -2:
            st->unknown++;
            break;
        case -3:
            st->unsure++;
            break;
        }
    }
}

static void
check_site(struct rule_ctx *cx)
{
    struct site_state *st = rule_site_state(cx);

    rule_unchecked(cx, st->hooked, "Markdown images that are not where "
                   "they point, which the site's render-image hook may "
                   "resolve");
    rule_unchecked(cx, st->unknown, "images the site's sources lack, which "
                   "a theme or module that is not on disk may have");
    rule_unchecked(cx, st->unsure, "images given relative to a page whose "
                   "URL sitelint knows only in part");
}

const struct rule rule_missing_image = {
    .id              = "missing-image",
    .summary         = "an image a page shows is not in the site",
    .severity        = SEV_ERROR,
    .site_state_size = sizeof(struct site_state),
    .on_page         = check_page,
    .on_site         = check_site,
};
