/* url.c: scheme, host and percent escapes, as RFC 3986 writes them. */
#include "url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int
url_has_scheme(const char *s)
{
    const char *p = s;

    if (!isalpha((unsigned char)*p))
        return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

const char *
url_host(const char *url, size_t *len)
{
    const char *host;

    if (strncasecmp(url, "https://", 8) == 0)
        host = url + 8;
    else if (strncasecmp(url, "http://", 7) == 0)
        host = url + 7;
    else if (strncmp(url, "//", 2) == 0)
        host = url + 2;
    else
        return NULL;
    *len = strcspn(host, "/:?#");
    return host;
}

static int
hexval(int c)
{
    if (isdigit(c))
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t
url_decode(char *out, const char *s, size_t len)
{
    size_t i, o = 0;

    for (i = 0; i < len; i++) {
        int hi = -1, lo = -1;

        if (s[i] == '%' && i + 2 < len) {
            hi = hexval((unsigned char)s[i + 1]);
            lo = hexval((unsigned char)s[i + 2]);
        }
        if (hi >= 0 && lo >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return o;
}
