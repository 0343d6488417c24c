/* url.c: scheme, host and percent escapes, as RFC 3986 writes them. */
#include "url.h"

#include "arena.h"
#include "buf.h"

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

/* Where the parts of an http(s) or scheme-relative URL's authority are:
 * "https://user:pass@[::1]:8080/x" has userinfo "user:pass", host
 * "[::1]" and port "8080".  0, or -1 for any other URL. */
struct authority {
    size_t scheme_len;          /* "https://": 8; "//": 2 */
    const char *userinfo;       /* NULL when there is none */
    size_t userinfo_len;
    const char *host;
    size_t host_len;
    const char *port;           /* after ':', or NULL */
    size_t port_len;
    const char *rest;           /* path, query and fragment */
};

static int
split_authority(const char *url, struct authority *au)
{
    const char *a, *end, *at, *p;

    memset(au, 0, sizeof *au);
    if (strncasecmp(url, "https://", 8) == 0)
        au->scheme_len = 8;
    else if (strncasecmp(url, "http://", 7) == 0)
        au->scheme_len = 7;
    else if (strncmp(url, "//", 2) == 0)
        au->scheme_len = 2;
    else
        return -1;
    a = url + au->scheme_len;
    end = a + strcspn(a, "/?#");
    /* The userinfo ends at the last '@': a host has none. */
    for (at = NULL, p = a; p < end; p++)
        if (*p == '@')
            at = p;
    if (at != NULL) {
        au->userinfo = a;
        au->userinfo_len = (size_t)(at - a);
        a = at + 1;
    }
    au->host = a;
    if (*a == '[') {            /* an IPv6 literal holds ':' */
        const char *close = memchr(a, ']', (size_t)(end - a));

        p = close != NULL ? close + 1 : end;
    } else {
        p = memchr(a, ':', (size_t)(end - a));
        if (p == NULL)
            p = end;
    }
    au->host_len = (size_t)(p - a);
    if (p < end && *p == ':') {
        au->port = p + 1;
        au->port_len = (size_t)(end - p - 1);
    }
    au->rest = end;
    return 0;
}

const char *
url_host(const char *url, size_t *len)
{
    struct authority au;

    if (split_authority(url, &au) != 0)
        return NULL;
    *len = au.host_len;
    return au.host;
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
    struct authority au;
    struct buf b = { 0 };
    const char *hash, *port = NULL;
    size_t i, plen = 0, restlen;
    char *out;

    *fragment = NULL;
    if (split_authority(url, &au) != 0 || au.scheme_len == 2 ||
        au.host_len == 0)
        return NULL;            /* scheme-relative: the page's scheme */
    if (au.port != NULL && au.port_len > 0 &&
        strspn(au.port, "0123456789") >= au.port_len &&
        !(au.scheme_len == 7 && au.port_len == 2 &&
          memcmp(au.port, "80", 2) == 0) &&
        !(au.scheme_len == 8 && au.port_len == 3 &&
          memcmp(au.port, "443", 3) == 0)) {
        port = au.port;
        plen = au.port_len;
    }
    if ((hash = strchr(au.rest, '#')) != NULL)
        *fragment = arena_strdup(a, hash + 1);
    restlen = hash != NULL ? (size_t)(hash - au.rest) : strlen(au.rest);
    buf_adds(&b, au.scheme_len == 8 ? "https://" : "http://");
    if (au.userinfo != NULL) {
        buf_add(&b, au.userinfo, au.userinfo_len);
        buf_addc(&b, '@');
    }
    for (i = 0; i < au.host_len; i++)
        buf_addc(&b, (char)tolower((unsigned char)au.host[i]));
    if (port != NULL) {
        buf_addc(&b, ':');
        buf_add(&b, port, plen);
    }
    if (restlen == 0 || au.rest[0] != '/')
        buf_addc(&b, '/');      /* "http://h" and "http://h?q" */
    buf_add(&b, au.rest, restlen);
    out = arena_strndup(a, b.p, b.len);
    buf_free(&b);
    return out;
}

const char *
url_redact(struct arena *a, const char *url)
{
    struct authority au;
    const char *colon;
    size_t head;

    if (split_authority(url, &au) != 0 || au.userinfo == NULL ||
        (colon = memchr(au.userinfo, ':', au.userinfo_len)) == NULL)
        return url;
    head = (size_t)(colon + 1 - url);
    return arena_printf(a, "%.*s***%s", (int)head, url,
                        au.userinfo + au.userinfo_len);
}
