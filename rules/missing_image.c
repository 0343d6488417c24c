/* missing-image: every local image a page shows exists in the site. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rule.h"

/* Longest image path considered; longer ones are reported as missing. */
#define IMAGE_PATH_MAX 4096

/* Pelican's link forms: {static}/x.png is relative to the content root,
 * {static}x.png to the page. */
static const char *const pelican_prefixes[] = {
    "{attach}", "{filename}", "{static}", "|attach|", "|filename|",
    "|static|",
};

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

static int
image_exists(const struct page *pg, const char *src)
{
    const struct site *site = pg->site;
    char path[IMAGE_PATH_MAX], fs[IMAGE_PATH_MAX * 2];
    const char *slash;
    size_t i, n;

    for (i = 0; i < sizeof pelican_prefixes / sizeof pelican_prefixes[0];
         i++) {
        n = strlen(pelican_prefixes[i]);
        if (strncmp(src, pelican_prefixes[i], n) == 0) {
            src += n;
            break;
        }
    }
    if (url_path(src, path, sizeof path) != 0)
        return 0;               /* too long to name a file */
    if (path[0] == '\0')
        return 1;               /* only a query or a fragment */
    if (path[0] == '/')
        return site_has_file(site, path);
    /* Relative: next to the page (a bundle, or a plain Markdown tree). */
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
        if (!image_exists(pg, img->text))
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
