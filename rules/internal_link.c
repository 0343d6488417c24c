/* internal-link: every link to the site itself leads to a page, an alias
 * or a static file of the generated site. */
#include <string.h>

#include "rule.h"

/* "/extensions/xep-0198.html" → "/extensions/": what to declare when a
 * folder is served by something other than the sources. */
static const char *
first_folder(struct rule_ctx *cx, const char *url)
{
    size_t n = strcspn(url + 1, "/");

    if (url[0] != '/' || url[1 + n] != '/')
        return url;
    return rule_strndup(cx, url, n + 2);
}

/* A folder of the site's URLs that nothing of its sources is under, the
 * first finding of a link into it, and how many links lead there: one
 * note says to declare it, not one per link (xmpp.org: 2,095 of them). */
struct unserved {
    const char *folder;
    struct diag *first;
    struct pos pos;
    size_t links;
};

struct unserved_list {
    struct unserved *v;
    size_t n, cap;
};

static void
count_unserved(struct rule_ctx *cx, struct unserved_list *ul,
               const char *folder, struct diag *d, struct pos pos)
{
    size_t i;
    struct unserved *u;

    for (i = 0; i < ul->n; i++)
        if (strcmp(ul->v[i].folder, folder) == 0) {
            ul->v[i].links++;
            return;
        }
    u = RULE_PUSH(cx, ul->v, ul->n, ul->cap);
    u->folder = folder;
    u->first = d;
    u->pos = pos;
    u->links = 1;
}

static void
report(struct rule_ctx *cx, const struct site_link *l,
       const struct link_target *t, struct unserved_list *ul)
{
    const char *near;
    struct diag *d;
    enum severity sev;

    if (t->kind == LINK_PAGE && t->page != NULL &&
        t->page->unpublished != NULL &&
        !(l->from != NULL && l->from->unpublished != NULL)) {
        d = rule_report(cx, l->pos, l->end_col,
                        "link '%s' leads to %s, which a normal build does "
                        "not publish", l->href, t->page->unpublished);
        rule_note(d, (struct pos){ t->page->path, 0, 0 }, "%s is here",
                  strncmp(t->page->unpublished, "a draft", 7) == 0
                  ? "the draft" : "the page");
        return;
    }
    if (t->kind != LINK_BROKEN)
        return;
    /* A definition no link uses: a warning, nothing on the page leads
     * there. */
    sev = l->via != NULL && strcmp(l->via, "definition") == 0
        ? SEV_WARNING : SEV_ERROR;
    if (strcmp(t->url, l->href) == 0)
        d = rule_report_sev(cx, sev, l->pos, l->end_col,
                            "%s '%s' leads to no page or file of the site",
                            sev == SEV_WARNING ? "unused definition" : "link",
                            l->href);
    else
        d = rule_report_sev(cx, sev, l->pos, l->end_col,
                            "%s '%s' (%s) leads to no page or file of the "
                            "site",
                            sev == SEV_WARNING ? "unused definition" : "link",
                            l->href, t->url);
    if (l->form == FORM_REF)
        return;                 /* a content path: no URL to suggest */
    if (l->form == FORM_URL &&
        (near = site_source_link(rule_site(cx), l->from, l->href,
                                 rule_arena(cx))) != NULL) {
        rule_note(d, l->pos, "the generator does not rewrite a link to a "
                  "source file: write '%s'", near);
        if (l->end_col != 0)
            rule_fix(d, l->pos, l->end_col, near);
        return;
    }
    /* Only the case differs from one page's: the fix is certain. */
    if ((near = site_case_fix(rule_site(cx), l->href, t->url,
                              rule_arena(cx))) != NULL) {
        rule_note(d, l->pos, "did you mean '%s'?", near);
        if (l->end_col != 0)
            rule_fix(d, l->pos, l->end_col, near);
        return;
    }
    near = t->source ? site_suggest_source(rule_site(cx), l->from, l->href,
                                           t->url, rule_arena(cx))
                     : rule_suggest(cx, t->url);
    if (near != NULL) {
        rule_note(d, l->pos, "did you mean '%s'?", near);
    } else if (t->url[0] == '/') {
        /* A folder the sources know nothing of is likely deployed by
         * something else (xmpp.org's /extensions/ from the XEP build). */
        const char *folder = first_folder(cx, t->url);

        if (strcmp(folder, t->url) != 0 &&
            !site_has_below(rule_site(cx), folder))
            count_unserved(cx, ul, folder, d, l->pos);
    }
}

static void
check_site(struct rule_ctx *cx)
{
    size_t i, n, hooked = 0, unknown = 0, unsure = 0;
    const struct site_link *links = site_links(rule_site(cx), &n);
    struct unserved_list ul = { NULL, 0, 0 };

    for (i = 0; i < n; i++) {
        const struct link_target *t = site_link_target(rule_site(cx), i);

        hooked += t->kind == LINK_HOOK;
        unknown += t->kind == LINK_UNKNOWN;
        unsure += t->kind == LINK_UNSURE;
        report(cx, &links[i], t, &ul);
    }
    for (i = 0; i < ul.n; i++) {
        const struct unserved *u = &ul.v[i];

        if (u->first != NULL)
            rule_propose(cx, "outside", u->folder, "Links lead under these "
                         "folders, which no source of the site is\nunder: "
                         "another build serves them (else those links are "
                         "broken).", "outside folder");
        if (u->links == 1)
            rule_note(u->first, u->pos, "if something other than these "
                      "sources serves '%s', declare it: --outside '%s', or "
                      "in .sitelint.yml: outside: [%s]", u->folder,
                      u->folder, u->folder);
        else
            rule_note(u->first, u->pos, "%zu links lead under '%s', which "
                      "none of these sources is under; if something else "
                      "serves it, declare it once: --outside '%s', or in "
                      ".sitelint.yml: outside: [%s]", u->links, u->folder,
                      u->folder, u->folder);
    }
    rule_unchecked(cx, hooked, "links that lead to no page as written, "
                   "which the site's render-link hook may resolve");
    rule_unchecked(cx, unknown, "links to files the site's sources lack, "
                   "which a theme or module that is not on disk may serve");
    rule_unchecked(cx, unsure, "links to no URL sitelint knows, which may "
                   "lead to a page whose URL it knows only in part");
}

const struct rule rule_internal_link = {
    .id       = "internal-link",
    .summary  = "a link to the site leads to no page, alias or file",
    .severity = SEV_ERROR,
    .on_site  = check_site,
};
