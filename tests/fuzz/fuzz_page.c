/* fuzz_page.c: libFuzzer target: arbitrary bytes through the whole page
 * parser (front matter, shortcodes, Markdown, HTML) and every rule. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "generator.h"
#include "options.h"
#include "site.h"
#include "siteindex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum severity
all_on(const char *rule, enum severity sev)
{
    (void)rule;
    return sev;
}

static enum severity
keep_all(const char *rule, const char *file, enum severity sev)
{
    (void)rule;
    (void)file;
    return sev;
}

/* Loading codespell's 37,000 lines for every input would leave the
 * fuzzer a few dozen runs a second; the rule's own list still loads.
 * No input may reach the network: external-link collects and normalises
 * its URLs, then stops. */
static void
set_options(void)
{
    static int done;

    if (done++)
        return;
    options_set("offline", "1");
    options_set("codespell-dir", "/nonexistent");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct site_mount content = { .dir = ".", .url_prefix = "/",
                                         .sub = "" };
    static struct site plain = { .gen = &gen_plain, .default_lang = "en",
                                 .root = "." };
    static struct site pelican = { .gen = &gen_pelican,
                                   .default_lang = "en", .root = "." };
    static struct site hugo = { .gen = &gen_hugo, .default_lang = "en",
                                .root = "." };
    static struct site mkdocs = { .gen = &gen_mkdocs, .default_lang = "en",
                                  .root = "." };
    struct arena run = { 0 };
    /* The first byte picks the site kind and page type; the rest is the
     * page. */
    struct site site = size > 0 && (data[0] & 1) ? pelican
                     : size > 0 && (data[0] & 4) ? hugo
                     : size > 0 && (data[0] & 8) ? mkdocs : plain;
    int html = size > 0 && (data[0] & 2);

    diag_init(keep_all);
    set_options();
    site.mounts = &content;
    site.nmounts = 1;
    site.index = site_index_new(&run);
    engine_run_data(&site, "fuzz.md", size > 0 ? (const char *)data + 1 : "",
                    size > 0 ? size - 1 : 0, html, all_on, &run);
    site_index_free(site.index);
    arena_free(&run);
    diag_finish();
    return 0;
}
