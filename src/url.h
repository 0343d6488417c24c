/* url.h: the small pieces of URL syntax that links and images share. */
#ifndef URL_H
#define URL_H

#include <stddef.h>

/* Does s start with a scheme ("https:", "mailto:", "data:")? */
int url_has_scheme(const char *s);

/* The host of an http, https or scheme-relative ("//host/") URL, and its
 * length in *len: after any "user:password@", up to the port, path,
 * query or fragment; an IPv6 literal with its brackets.  NULL for any
 * other URL. */
const char *url_host(const char *url, size_t *len);

/* Decodes the %XX escapes of s[0..len) into out, which holds len + 1
 * bytes; returns the decoded length.  A '%' not followed by two hex
 * digits is kept as it is. */
size_t url_decode(char *out, const char *s, size_t len);

/* The form an http(s) URL is checked and cached in: scheme and host in
 * lower case, the default port dropped, an empty path made "/", the
 * fragment cut off (into *fragment, without '#', or NULL).  NULL for any
 * other URL or one without a host.  Memory is a's. */
struct arena;
char *url_normalize(struct arena *a, const char *url, const char **fragment);

/* url with the password of its userinfo shown as "***"
 * ("https://user:***@host/"), for messages and the link cache; url itself
 * when it has none. */
const char *url_redact(struct arena *a, const char *url);

#endif
