/* fuzz_url.c: libFuzzer target: arbitrary bytes as a URL or link, through
 * the URL syntax every rule shares (host, userinfo, IPv6 literals, normal
 * form, redaction, escapes) and through link resolution against a site:
 * paths joined, percent-decoded and looked up. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "generator.h"
#include "site.h"
#include "siteindex.h"
#include "url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct site_mount content = { .dir = ".", .url_prefix = "/",
                                         .sub = "" };
    static struct page_info from = { .path = "a/b.md",
                                     .src_key = "/a/b.md", .url = "/a/b/" };
    struct site site = { .gen = &gen_hugo, .default_lang = "en",
                         .root = ".", .base_path = "/",
                         .base_host = "example.org" };
    struct arena a = { 0 };
    char *s = arena_strndup(&a, (const char *)data, size);
    const char *frag, *n, *shown;
    struct link_target t;
    size_t len;
    char *dec = arena_alloc(&a, size + 1);

    (void)url_has_scheme(s);
    (void)url_host(s, &len);
    n = url_normalize(&a, s, &frag);
    if (n != NULL) {
        const char *again = url_normalize(&a, n, &frag);

        /* The normal form is a fixed point. */
        if (again == NULL || strcmp(again, n) != 0)
            __builtin_trap();
    }
    shown = url_redact(&a, s);
    if (shown != s && strstr(shown, "***") == NULL)
        __builtin_trap();
    url_decode(dec, s, size);
    (void)site_join_path(&a, "/a/b/", s);

    diag_init(NULL);
    site.mounts = &content;
    site.nmounts = 1;
    site.index = site_index_new(&a);
    site_add_page(site.index, &from, NULL, 0);
    memset(&t, 0, sizeof t);
    site_resolve(&site, &from, s,
                 size > 0 ? (enum link_form)(data[0] % 4) : FORM_URL, &t, &a);
    site_index_free(site.index);
    diag_finish();
    arena_free(&a);
    return 0;
}
