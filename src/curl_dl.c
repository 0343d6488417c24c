/* curl_dl.c: libcurl, loaded when the first link is checked.
 *
 * A binary linked with libcurl makes the dynamic loader map and relocate
 * it and the thirty libraries it needs (TLS, Kerberos, LDAP, SSH, IDN...)
 * at every start: 9 ms and 440 page faults on this project's machine,
 * longer than linting a 50-page site.  Most runs check no external link
 * (--offline, a pre-commit hook, a run that finds every link in the
 * cache), so sitelint is not linked with libcurl.  This file defines the
 * libcurl functions sitelint calls; curl_global_init() loads the library
 * with dlopen() and the others call through to it.  linkcheck.c is
 * written against curl.h as if linked, type checks included.
 *
 * CURL_SONAME comes from the Makefile, read off the libcurl that
 * pkg-config finds, so the library loaded is the one compiled against. */
#define CURL_DISABLE_TYPECHECK  /* its macros would rename our functions */
#include <curl/curl.h>

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linkcheck.h"

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif

/* Every libcurl function sitelint calls; the variadic ones are below. */
#define CURL_FUNCS(X)                                                       \
    X(curl_global_init) X(curl_global_cleanup) X(curl_easy_init)            \
    X(curl_easy_cleanup) X(curl_easy_strerror) X(curl_multi_init)           \
    X(curl_multi_add_handle) X(curl_multi_remove_handle)                    \
    X(curl_multi_perform) X(curl_multi_poll) X(curl_multi_info_read)        \
    X(curl_multi_cleanup) X(curl_slist_append) X(curl_slist_free_all)      \
    X(curl_url) X(curl_url_cleanup) X(curl_url_set) X(curl_url_get)         \
    X(curl_free)
#define CURL_VARARGS(X)                                                     \
    X(curl_easy_setopt) X(curl_easy_getinfo) X(curl_multi_setopt)

static struct {
#define FIELD(name) __typeof__(name) *name;
    CURL_FUNCS(FIELD)
    CURL_VARARGS(FIELD)
#undef FIELD
} lib;

static void *handle;
static char load_error[256];

/* Loads libcurl and every function; 0, or -1 with load_error set. */
static int
load(void)
{
    const char *missing = NULL;
    void *sym;

    if (handle != NULL)
        return 0;
    if ((handle = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
        snprintf(load_error, sizeof load_error, "%s", dlerror());
        return -1;
    }
    /* memcpy: ISO C has no cast from dlsym's void * to a function. */
#define LOAD(name)                                                          \
    if ((sym = dlsym(handle, #name)) == NULL && missing == NULL)            \
        missing = #name;                                                    \
    memcpy(&lib.name, &sym, sizeof sym);
    CURL_FUNCS(LOAD)
    CURL_VARARGS(LOAD)
#undef LOAD
    if (missing != NULL) {
        snprintf(load_error, sizeof load_error, "%s has no %s: too old",
                 CURL_SONAME, missing);
        dlclose(handle);
        handle = NULL;
        return -1;
    }
    return 0;
}

const char *
linkcheck_load(void)
{
    return load() == 0 ? NULL : load_error;
}

/* A call before a successful load is sitelint's bug, not the user's. */
static void
loaded(const char *fn)
{
    if (handle == NULL) {
        fprintf(stderr, "sitelint: %s called before libcurl was loaded\n",
                fn);
        abort();
    }
}

CURLcode
curl_global_init(long flags)
{
    if (load() != 0)
        return CURLE_FAILED_INIT;
    return lib.curl_global_init(flags);
}

/* The functions with a fixed argument list call straight through. */
#define CALL(name, ...) (loaded(#name), lib.name(__VA_ARGS__))

void
curl_global_cleanup(void)
{
    CALL(curl_global_cleanup, );
}

CURL *
curl_easy_init(void)
{
    return CALL(curl_easy_init, );
}

void
curl_easy_cleanup(CURL *e)
{
    CALL(curl_easy_cleanup, e);
}

const char *
curl_easy_strerror(CURLcode rc)
{
    return CALL(curl_easy_strerror, rc);
}

CURLM *
curl_multi_init(void)
{
    return CALL(curl_multi_init, );
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *e)
{
    return CALL(curl_multi_add_handle, m, e);
}

CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *e)
{
    return CALL(curl_multi_remove_handle, m, e);
}

CURLMcode
curl_multi_perform(CURLM *m, int *running)
{
    return CALL(curl_multi_perform, m, running);
}

CURLMcode
curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned nfds,
                int timeout_ms, int *ret)
{
    return CALL(curl_multi_poll, m, fds, nfds, timeout_ms, ret);
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *left)
{
    return CALL(curl_multi_info_read, m, left);
}

CURLMcode
curl_multi_cleanup(CURLM *m)
{
    return CALL(curl_multi_cleanup, m);
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *s)
{
    return CALL(curl_slist_append, list, s);
}

void
curl_slist_free_all(struct curl_slist *list)
{
    CALL(curl_slist_free_all, list);
}

CURLU *
curl_url(void)
{
    return CALL(curl_url, );
}

void
curl_url_cleanup(CURLU *u)
{
    CALL(curl_url_cleanup, u);
}

CURLUcode
curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
    return CALL(curl_url_set, u, what, part, flags);
}

CURLUcode
curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
    return CALL(curl_url_get, u, what, part, flags);
}

void
curl_free(void *p)
{
    CALL(curl_free, p);
}

/* An option's number says the type of its one argument (curl.h,
 * CURLOPTTYPE_*; the multi options use the same ranges).  The argument
 * is read as that type and passed on. */
#define SETOPT(name, obj, opt, ap)                                          \
    (opt < CURLOPTTYPE_OBJECTPOINT                                          \
         ? lib.name(obj, opt, va_arg(ap, long))                             \
     : opt < CURLOPTTYPE_FUNCTIONPOINT                                      \
         ? lib.name(obj, opt, va_arg(ap, void *))                           \
     : opt < CURLOPTTYPE_OFF_T                                              \
         ? lib.name(obj, opt, va_arg(ap, void (*)(void)))                   \
     : opt < CURLOPTTYPE_BLOB                                               \
         ? lib.name(obj, opt, va_arg(ap, curl_off_t))                       \
         : lib.name(obj, opt, va_arg(ap, void *)))

CURLcode
curl_easy_setopt(CURL *e, CURLoption opt, ...)
{
    va_list ap;
    CURLcode rc;

    loaded("curl_easy_setopt");
    va_start(ap, opt);
    rc = SETOPT(curl_easy_setopt, e, opt, ap);
    va_end(ap);
    return rc;
}

CURLMcode
curl_multi_setopt(CURLM *m, CURLMoption opt, ...)
{
    va_list ap;
    CURLMcode rc;

    loaded("curl_multi_setopt");
    va_start(ap, opt);
    rc = SETOPT(curl_multi_setopt, m, opt, ap);
    va_end(ap);
    return rc;
}

/* Every CURLINFO takes a pointer to where the answer goes. */
CURLcode
curl_easy_getinfo(CURL *e, CURLINFO info, ...)
{
    va_list ap;
    CURLcode rc;

    loaded("curl_easy_getinfo");
    va_start(ap, info);
    rc = lib.curl_easy_getinfo(e, info, va_arg(ap, void *));
    va_end(ap);
    return rc;
}
