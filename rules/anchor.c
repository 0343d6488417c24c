/* anchor: a link's #fragment names a heading or an id on its target. */
#include <string.h>
#include <strings.h>

#include "rule.h"

/* The column of the '#' in the link, when the link's text is exact. */
static unsigned
fragment_col(const struct site_link *l)
{
    const char *hash = strchr(l->href, '#');

    if (hash == NULL || l->end_col != l->pos.col + strlen(l->href))
        return l->pos.col;
    return l->pos.col + (unsigned)(hash - l->href);
}

/* The target's anchor closest to id by case and a few letters. */
static const char *
closest(const struct page_info *pi, const char *id)
{
    size_t i, n = strlen(id);

    for (i = 0; i < pi->nanchors; i++)
        if (strlen(pi->anchors[i]) == n &&
            strncasecmp(pi->anchors[i], id, n) == 0)
            return pi->anchors[i];
    for (i = 0; i < pi->nanchors; i++) {
        size_t m = strlen(pi->anchors[i]);

        /* "#installation" for "#install", "#faq-1" for "#faq". */
        if (m != n && n >= 4 && m >= 4 &&
            strncmp(pi->anchors[i], id, m < n ? m : n) == 0)
            return pi->anchors[i];
    }
    return NULL;
}

static void
check_site(struct rule_ctx *cx)
{
    size_t i, n, unknown = 0;
    const struct site_link *links = site_links(rule_site(cx), &n);

    for (i = 0; i < n; i++) {
        const struct site_link *l = &links[i];
        const struct link_target *t = site_link_target(rule_site(cx), i);
        struct pos at = l->pos;
        const char *near;
        struct diag *d;
        enum severity sev;

        if (t->kind != LINK_PAGE || t->page == NULL || t->fragment == NULL ||
            t->fragment[0] == '\0' || strcmp(t->fragment, "top") == 0)
            continue;
        if (t->page->opaque &&
            !site_has_anchor(rule_site(cx), t->page, t->fragment)) {
            unknown++;          /* a template's ids cannot be known */
            continue;
        }
        if (site_has_anchor(rule_site(cx), t->page, t->fragment))
            continue;
        at.col = fragment_col(l);
        /* A definition no link uses leads nowhere on the page itself. */
        sev = l->via != NULL && strcmp(l->via, "definition") == 0
            ? SEV_WARNING : SEV_ERROR;
        if (t->same_page)
            d = rule_report_sev(cx, sev, at, l->end_col,
                                "no heading or id '%s' on this page",
                                t->fragment);
        else
            d = rule_report_sev(cx, sev, at, l->end_col,
                                "no heading or id '%s' on %s", t->fragment,
                                site_page_shown(t->page));
        if ((near = closest(t->page, t->fragment)) != NULL) {
            const char *hash = strchr(l->href, '#');

            rule_note(d, at, "did you mean '#%s'?", near);
            /* Only the case differs: the id is certain, and the fix is
             * the fragment as the page writes it, where the link's text
             * is exactly its source. */
            if (strcasecmp(near, t->fragment) == 0 && hash != NULL &&
                strcmp(hash + 1, t->fragment) == 0 &&
                l->end_col == l->pos.col + strlen(l->href))
                rule_fix(d, (struct pos){ at.file, at.line, at.col + 1 },
                         l->end_col, near);
        }
    }
    rule_unchecked(cx, unknown, "links to a #fragment of a page whose ids "
                   "templates, shortcodes or Markdown extensions make");
}

const struct rule rule_anchor = {
    .id       = "anchor",
    .summary  = "a link's #fragment names no heading or id on its target",
    .severity = SEV_ERROR,
    .on_site  = check_site,
};
