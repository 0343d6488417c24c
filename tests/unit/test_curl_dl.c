/* test_curl_dl.c: what the libcurl loader does when there is no libcurl.
 * It is compiled here with a library name that cannot exist; the unit
 * binary is linked without src/curl_dl.c for that reason. */
#undef CURL_SONAME
#define CURL_SONAME "libsitelint-absent-curl.so.0"
#include "../../src/curl_dl.c"

#include "harness.h"

void
test_curl_dl(void)
{
    const char *why = linkcheck_load();

    ok(why != NULL, "curl_dl: a missing libcurl is reported");
    ok(why != NULL && strstr(why, CURL_SONAME) != NULL,
       "curl_dl: the report names the library");
    int_eq(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_FAILED_INIT,
           "curl_dl: curl_global_init fails without the library");
    ok(linkcheck_load() != NULL, "curl_dl: a second load fails the same");
}
