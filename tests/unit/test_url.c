/* test_url.c: URL syntax the checks and the link cache rely on: hosts
 * after userinfo, IPv6 literals, normal forms, passwords kept out of
 * what is printed and stored. */
#include "harness.h"

#include "arena.h"
#include "siteindex.h"
#include "url.h"

static struct arena mem;

static const char *
host(const char *url)
{
    size_t n;
    const char *h = url_host(url, &n);

    return h != NULL ? arena_strndup(&mem, h, n) : NULL;
}

static const char *
norm(const char *url)
{
    const char *frag;

    return url_normalize(&mem, url, &frag);
}

void
test_url(void)
{
    str_eq(host("https://Example.org/x"), "Example.org", "host: plain");
    str_eq(host("http://user:pw@good.test:8080/x"), "good.test",
           "host: after userinfo, not the user name");
    str_eq(host("http://good.test:1@evil.test:2/x"), "evil.test",
           "host: the last '@' of the authority ends the userinfo");
    str_eq(host("http://[::1]:8080/"), "[::1]",
           "host: an IPv6 literal keeps its colons and brackets");
    str_eq(host("//cdn.test/a.js"), "cdn.test", "host: scheme-relative");
    str_eq(host("http://h.test/p@q"), "h.test",
           "host: an '@' in the path is not userinfo");
    ok(host("mailto:a@b.test") == NULL, "host: not http");

    str_eq(norm("HTTP://Example.ORG:80"), "http://example.org/",
           "normalize: case, default port, empty path");
    str_eq(norm("https://[::1]:8443/a"), "https://[::1]:8443/a",
           "normalize: IPv6 literal with its port");
    str_eq(norm("https://[::1]:443/a#f"), "https://[::1]/a",
           "normalize: IPv6 literal, default port dropped, fragment cut");
    str_eq(norm("http://User:PW@Host.test:8080/x?q"),
           "http://User:PW@host.test:8080/x?q",
           "normalize: userinfo kept as written, host lowered");

    str_eq(url_redact(&mem, "https://user:hunter2@h.test/x"),
           "https://user:***@h.test/x", "redact: the password only");
    str_eq(url_redact(&mem, "https://user@h.test/x"),
           "https://user@h.test/x", "redact: a user name alone stays");
    str_eq(url_redact(&mem, "https://h.test/a:b@c"),
           "https://h.test/a:b@c", "redact: nothing outside the authority");

    /* Links joined to the page they are on, as a browser does. */
    str_eq(site_join_path(&mem, "/a/b/c", "d"), "/a/b/d", "join: sibling");
    str_eq(site_join_path(&mem, "/a/b/", "d/"), "/a/b/d/",
           "join: the trailing slash kept");
    str_eq(site_join_path(&mem, "/a/b/", "../d"), "/a/d", "join: '..'");
    str_eq(site_join_path(&mem, "/a/b/", "../../../../d"), "/d",
           "join: '..' stops at the root");
    str_eq(site_join_path(&mem, "/a/b/", ".."), "/a/",
           "join: a last '..' is a folder");
    str_eq(site_join_path(&mem, "/a/b/", "."), "/a/b/",
           "join: a last '.' is a folder");
    str_eq(site_join_path(&mem, "/a/b/", "./x/./y"), "/a/b/x/y",
           "join: '.' dropped");
    str_eq(site_join_path(&mem, "/a/b/", "/x//y"), "/x/y",
           "join: root-relative, doubled slashes");
    str_eq(site_join_path(&mem, "/a/", "../.."), "/", "join: up to the root");
    str_eq(site_join_path(&mem, "/a/b", ""), "/a/", "join: empty");
    str_eq(site_join_path(&mem, NULL, "x/y"), "/x/y", "join: no base");
    str_eq(site_join_path(&mem, NULL, ""), "/", "join: nothing at all");
    str_eq(site_join_path(&mem, "nofolder", "x"), "/x",
           "join: a base with no slash is the root");
    str_eq(site_join_path(&mem, "/a/b/", "c/../../d/"), "/a/d/",
           "join: '..' inside the link");
    arena_free(&mem);
}
