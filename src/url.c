/* url.c: scheme, host and percent escapes, as RFC 3986 writes them. */
#include "url.h"

#include "arena.h"

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

char *
url_normalize(struct arena *a, const char *url, const char **fragment)
{
    size_t hlen, plen, slen = strncasecmp(url, "https://", 8) == 0 ? 8 : 7;
    const char *host = url_host(url, &hlen), *port, *rest, *hash;
    char *out, *o;
    size_t i, restlen;

    *fragment = NULL;
    if (host == NULL || hlen == 0 || url[0] == '/')
        return NULL;            /* scheme-relative: the page's scheme */
    port = host + hlen;
    plen = 0;
    if (*port == ':') {
        port++;
        plen = strspn(port, "0123456789");
        rest = port + plen;
        if ((slen == 7 && plen == 2 && memcmp(port, "80", 2) == 0) ||
            (slen == 8 && plen == 3 && memcmp(port, "443", 3) == 0) ||
            plen == 0)
            plen = 0;
    } else {
        rest = port;
    }
    if ((hash = strchr(rest, '#')) != NULL)
        *fragment = arena_strdup(a, hash + 1);
    restlen = hash != NULL ? (size_t)(hash - rest) : strlen(rest);
    out = o = arena_alloc(a, slen + hlen + plen + restlen + 3);
    memcpy(o, slen == 8 ? "https://" : "http://", slen);
    o += slen;
    for (i = 0; i < hlen; i++)
        *o++ = (char)tolower((unsigned char)host[i]);
    if (plen > 0) {
        *o++ = ':';
        memcpy(o, port, plen);
        o += plen;
    }
    if (restlen == 0 || rest[0] != '/')
        *o++ = '/';             /* "http://h" and "http://h?q" */
    memcpy(o, rest, restlen);
    o[restlen] = '\0';
    return out;
}
