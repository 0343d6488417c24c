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

/* Is the image where the generator publishes what the page names: as
 * the site resolves it (a URL from the page's, a file the generator
 * rewrites the path to), or, for a Markdown image, beside the page's
 * source (a bundle's resource, a render hook's page resource)? */
static int
image_exists(struct rule_ctx *cx, const struct page *pg,
             const struct ref *img)
{
    char path[IMAGE_PATH_MAX], fs[IMAGE_PATH_MAX * 2];
    struct link_target t;
    const char *slash;

    rule_resolve(cx, pg->info, img->text,
                 img->origin == ORIGIN_HTML ? FORM_HTML : FORM_URL, &t);
    if (t.kind != LINK_BROKEN)
        return 1;
    /* Raw HTML is never rewritten: only the browser's reading counts. */
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
    size_t i;

    for (i = 0; i < pg->nimages; i++) {
        const struct ref *img = &pg->images[i];

        if (img->text[0] == '\0' || url_has_scheme(img->text) ||
            strncmp(img->text, "//", 2) == 0 ||
            strstr(img->text, "{{") != NULL)
            continue;           /* remote, data: or templated */
        if (!image_exists(cx, pg, img))
            rule_report(cx, img->pos, img->end_col,
                        "image '%s' does not exist", img->text);
    }
}

const struct rule rule_missing_image = {
    .id       = "missing-image",
    .summary  = "an image a page shows is not in the site",
    .severity = SEV_ERROR,
    .on_page  = check_page,
};
