/* frontmatter.c: libyaml adapter, a TOML reader for the subset front matter
 * and site configs use, Pelican metadata, and pelicanconf.py assignments. */
#include "frontmatter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>
#include <yaml.h>

#include "buf.h"

/* Shared: the text being read, with a table of its line starts so that
 * offsets turn into positions in O(log n). */
struct src {
    struct arena *mem;
    const char *file;
    const char *text;
    size_t len;
    unsigned first_line;
    const char *rule;
    size_t *line_off;
    size_t nlines;
};

static void
src_init(struct src *s, struct arena *mem, const char *file,
         const char *text, size_t len, unsigned first_line, const char *rule)
{
    size_t i, cap = 0;

    memset(s, 0, sizeof *s);
    s->mem = mem;
    s->file = file;
    s->text = text;
    s->len = len;
    s->first_line = first_line;
    s->rule = rule;
    *ARENA_PUSH(mem, s->line_off, s->nlines, cap) = 0;
    for (i = 0; i < len; i++)
        if (text[i] == '\n')
            *ARENA_PUSH(mem, s->line_off, s->nlines, cap) = i + 1;
}

static struct pos
src_pos(const struct src *s, size_t off)
{
    size_t lo = 0, hi = s->nlines;
    struct pos p;

    if (off > s->len)
        off = s->len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (s->line_off[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    p.file = s->file;
    p.line = s->first_line + (unsigned)lo;
    p.col = (unsigned)(off - s->line_off[lo]) + 1;
    return p;
}

static struct fm_node *
node_new(struct arena *mem, enum fm_type type)
{
    struct fm_node *n = arena_alloc(mem, sizeof *n);

    n->type = type;
    n->weight = 1;
    return n;
}

static void
node_add(struct arena *mem, struct fm_node *parent, struct fm_node *kid)
{
    *ARENA_PUSH(mem, parent->kids, parent->nkids, parent->cap) = kid;
    parent->weight += kid->weight;
}

const struct fm_node *
fm_get(const struct fm_node *map, const char *key)
{
    size_t i;
    int first;

    if (map == NULL || map->type != FM_MAP)
        return NULL;
    /* Rules ask for a dozen keys of every page: most differ at once. */
    first = tolower((unsigned char)key[0]);
    for (i = 0; i < map->nkids; i++)
        if (map->kids[i]->key != NULL &&
            tolower((unsigned char)map->kids[i]->key[0]) == first &&
            strcasecmp(map->kids[i]->key, key) == 0)
            return map->kids[i];
    return NULL;
}

const char *
fm_str(const struct fm_node *map, const char *key)
{
    const struct fm_node *v = fm_get(map, key);

    return v != NULL && v->type == FM_SCALAR && v->len > 0 ? v->str : NULL;
}

/* ---- YAML ------------------------------------------------------------ */

#define STR_(x) #x
#define STR(x) STR_(x)

struct yaml_anchor {
    const char *name;
    struct fm_node *node;
    struct yaml_anchor *next;
};

struct yaml_reader {
    struct src s;
    yaml_parser_t parser;
    struct yaml_anchor *anchors;
    const struct fm_node *open[FM_MAX_DEPTH + 1];   /* collections being
                                                     * read, outermost first */
    size_t aliased;             /* nodes aliases have added */
    int failed;
    int alias_reported;
};

/* libyaml counts columns in characters; diagnostics count bytes. */
static size_t
mark_offset(const struct yaml_reader *r, yaml_mark_t m)
{
    size_t off, chars;

    if (m.line >= r->s.nlines)
        return r->s.len;
    off = r->s.line_off[m.line];
    for (chars = 0; chars < m.column && off < r->s.len &&
                    r->s.text[off] != '\n'; chars++) {
        off++;
        while (off < r->s.len && ((unsigned char)r->s.text[off] & 0xC0) == 0x80)
            off++;
    }
    return off;
}

static struct pos
mark_pos(const struct yaml_reader *r, yaml_mark_t m)
{
    return src_pos(&r->s, mark_offset(r, m));
}

static int
yaml_next(struct yaml_reader *r, yaml_event_t *ev)
{
    if (yaml_parser_parse(&r->parser, ev))
        return 0;
    if (!r->failed && r->s.rule != NULL) {
        yaml_mark_t m = r->parser.problem_mark;
        const char *ctx = r->parser.context;

        if (r->parser.error == YAML_READER_ERROR)
            m = r->parser.mark;
        diag_add(mark_pos(r, m), 0, SEV_ERROR, r->s.rule,
                 "invalid YAML: %s%s%s",
                 r->parser.problem ? r->parser.problem : "syntax error",
                 ctx ? " " : "", ctx ? ctx : "");
    }
    r->failed = 1;
    return -1;
}

static struct fm_node *yaml_node(struct yaml_reader *r, yaml_event_t *ev,
                                 int depth);

static void
yaml_anchor(struct yaml_reader *r, const yaml_char_t *name,
            struct fm_node *n)
{
    struct yaml_anchor *a;

    if (name == NULL)
        return;
    a = arena_alloc(r->s.mem, sizeof *a);
    a->name = arena_strdup(r->s.mem, (const char *)name);
    a->node = n;
    a->next = r->anchors;
    r->anchors = a;
}

static struct fm_node *
yaml_scalar(struct yaml_reader *r, yaml_event_t *ev)
{
    struct fm_node *n = node_new(r->s.mem, FM_SCALAR);
    size_t off = mark_offset(r, ev->start_mark);
    yaml_scalar_style_t style = ev->data.scalar.style;
    const char *v = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;

    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
        style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        off++;
    n->str = arena_strndup(r->s.mem, v, len);
    n->len = len;
    n->pos = src_pos(&r->s, off);
    n->exact = (style == YAML_PLAIN_SCALAR_STYLE ||
                style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
               off + len <= r->s.len && memcmp(r->s.text + off, v, len) == 0;
    if (style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.plain_implicit &&
        (len == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0))
        n->type = FM_NULL;
    yaml_anchor(r, ev->data.scalar.anchor, n);
    return n;
}

static struct fm_node *
yaml_collection(struct yaml_reader *r, yaml_event_t *start, int depth)
{
    int is_map = start->type == YAML_MAPPING_START_EVENT;
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT
                                   : YAML_SEQUENCE_END_EVENT;
    struct fm_node *n = node_new(r->s.mem, is_map ? FM_MAP : FM_SEQ);
    yaml_event_t ev;

    n->pos = mark_pos(r, start->start_mark);
    yaml_anchor(r, is_map ? start->data.mapping_start.anchor
                          : start->data.sequence_start.anchor, n);
    if (depth >= FM_MAX_DEPTH) {
        if (r->s.rule != NULL)
            diag_add(n->pos, 0, SEV_ERROR, r->s.rule,
                     "front matter nested deeper than %d levels",
                     FM_MAX_DEPTH);
        r->failed = 1;
        return NULL;
    }
    r->open[depth] = n;
    for (;;) {
        struct fm_node *key = NULL, *val;

        if (yaml_next(r, &ev) != 0)
            return NULL;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            r->open[depth] = NULL;
            return n;
        }
        if (is_map) {
            key = yaml_node(r, &ev, depth + 1);
            yaml_event_delete(&ev);
            if (key == NULL || yaml_next(r, &ev) != 0)
                return NULL;
        }
        val = yaml_node(r, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (val == NULL)
            return NULL;
        if (is_map) {
            /* An alias value is shared: copy the handle to set its key. */
            struct fm_node *m = arena_alloc(r->s.mem, sizeof *m);

            *m = *val;
            m->key = key->type == FM_SCALAR || key->type == FM_NULL
                         ? (key->str ? key->str : "") : "";
            m->key_pos = key->pos;
            val = m;
        }
        node_add(r->s.mem, n, val);
    }
}

/* The node an alias stands for, shared, or a null in its place when it
 * would make the document a cycle (an alias inside its own anchor) or
 * past FM_MAX_ALIAS_NODES: every reader of front matter walks the tree,
 * and neither may make a walk endless. */
static struct fm_node *
yaml_alias(struct yaml_reader *r, yaml_event_t *ev, struct fm_node *to,
           int depth)
{
    const char *why = NULL;
    int i;

    for (i = 0; i < depth && i <= FM_MAX_DEPTH && why == NULL; i++)
        if (r->open[i] == to)
            why = "is inside the node it names";
    if (why == NULL && to->weight > FM_MAX_ALIAS_NODES - r->aliased)
        why = "takes the aliases past " STR(FM_MAX_ALIAS_NODES) " values "
              "(nested aliases multiply)";
    if (why == NULL) {
        r->aliased += to->weight;
        return to;
    }
    if (!r->alias_reported && r->s.rule != NULL)
        diag_add(mark_pos(r, ev->start_mark), 0, SEV_ERROR, r->s.rule,
                 "YAML alias '*%s' %s; taken as null",
                 (const char *)ev->data.alias.anchor, why);
    r->alias_reported = 1;
    return node_new(r->s.mem, FM_NULL);
}

static struct fm_node *
yaml_node(struct yaml_reader *r, yaml_event_t *ev, int depth)
{
    struct yaml_anchor *a;

    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return yaml_scalar(r, ev);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return yaml_collection(r, ev, depth);
    case YAML_ALIAS_EVENT:
        for (a = r->anchors; a != NULL; a = a->next)
            if (strcmp(a->name, (const char *)ev->data.alias.anchor) == 0)
                return yaml_alias(r, ev, a->node, depth);
        return node_new(r->s.mem, FM_NULL);
    default:
        return node_new(r->s.mem, FM_NULL);
    }
}

struct fm_node *
fm_parse_yaml(struct arena *mem, const char *file, const char *text,
              size_t len, unsigned first_line, const char *rule)
{
    struct yaml_reader r;
    struct fm_node *root = NULL;
    yaml_event_t ev;
    int got_doc = 0;

    memset(&r, 0, sizeof r);
    src_init(&r.s, mem, file, text, len, first_line, rule);
    if (!yaml_parser_initialize(&r.parser))
        return NULL;            /* libyaml could not allocate */
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
    for (;;) {
        if (yaml_next(&r, &ev) != 0)
            goto out;
        if (ev.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (ev.type == YAML_DOCUMENT_START_EVENT && got_doc++ > 0) {
            if (rule != NULL)
                diag_add(mark_pos(&r, ev.start_mark), 0, SEV_ERROR, rule,
                         "front matter holds more than one YAML document");
            r.failed = 1;
            yaml_event_delete(&ev);
            goto out;
        }
        if (ev.type == YAML_MAPPING_START_EVENT ||
            ev.type == YAML_SEQUENCE_START_EVENT ||
            ev.type == YAML_SCALAR_EVENT) {
            struct fm_node *n = yaml_node(&r, &ev, 0);

            if (n == NULL) {
                yaml_event_delete(&ev);
                goto out;
            }
            if (n->type == FM_MAP) {
                root = n;
            } else if (n->type != FM_NULL) {
                if (rule != NULL)
                    diag_add(n->pos, 0, SEV_ERROR, rule, "front matter is "
                             "not a mapping of keys to values");
                r.failed = 1;
                yaml_event_delete(&ev);
                goto out;
            }
        }
        yaml_event_delete(&ev);
    }
    if (root == NULL)
        root = node_new(mem, FM_MAP);
out:
    yaml_parser_delete(&r.parser);
    return r.failed ? NULL : root;
}

/* ---- TOML ------------------------------------------------------------ */

/* A key of one table, for finding it again: by table and name in one
 * hash, so that a table of 64,000 keys is read in linear time. */
struct toml_key {
    UT_hash_handle hh;
    struct fm_node *node;
    size_t len;
    char id[];                  /* the table's address, then the name */
};

struct toml {
    struct src s;
    size_t i;
    int failed;
    struct toml_key *keys;
};

static int
toml_fail(struct toml *t, size_t off, const char *msg)
{
    if (!t->failed)
        diag_add(src_pos(&t->s, off), 0, SEV_ERROR, t->s.rule,
                 "invalid TOML: %s", msg);
    t->failed = 1;
    return -1;
}

static int
toml_peek(const struct toml *t)
{
    return t->i < t->s.len ? (unsigned char)t->s.text[t->i] : -1;
}

static void
toml_ws(struct toml *t)
{
    while (toml_peek(t) == ' ' || toml_peek(t) == '\t')
        t->i++;
}

/* Skips blanks, comments and newlines (inside arrays). */
static void
toml_wsnl(struct toml *t)
{
    for (;;) {
        int c = toml_peek(t);

        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            t->i++;
        } else if (c == '#') {
            while (toml_peek(t) != -1 && toml_peek(t) != '\n')
                t->i++;
        } else {
            return;
        }
    }
}

static int
toml_eol(struct toml *t)
{
    toml_ws(t);
    if (toml_peek(t) == '#')
        while (toml_peek(t) != -1 && toml_peek(t) != '\n')
            t->i++;
    if (toml_peek(t) == '\r')
        t->i++;
    if (toml_peek(t) == -1)
        return 0;
    if (toml_peek(t) != '\n')
        return toml_fail(t, t->i, "expected the end of the line");
    t->i++;
    return 0;
}

static void
utf8_put(struct buf *b, unsigned long cp)
{
    if (cp < 0x80) {
        buf_addc(b, (int)cp);
    } else if (cp < 0x800) {
        buf_addc(b, (int)(0xC0 | (cp >> 6)));
        buf_addc(b, (int)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        buf_addc(b, (int)(0xE0 | (cp >> 12)));
        buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
        buf_addc(b, (int)(0x80 | (cp & 0x3F)));
    } else {
        buf_addc(b, (int)(0xF0 | (cp >> 18)));
        buf_addc(b, (int)(0x80 | ((cp >> 12) & 0x3F)));
        buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
        buf_addc(b, (int)(0x80 | (cp & 0x3F)));
    }
}

/* The character a one-letter TOML escape stands for, 0 if none. */
static int
simple_escape(int e)
{
    switch (e) {
    case 'b':  return '\b';
    case 't':  return '\t';
    case 'n':  return '\n';
    case 'f':  return '\f';
    case 'r':  return '\r';
    case '"':  return '"';
    case '\\': return '\\';
    default:   return 0;
    }
}

/* Reads a string of any of the four kinds at t->i into a scalar node. */
static struct fm_node *
toml_string(struct toml *t)
{
    const char *p = t->s.text;
    size_t start = t->i, content;
    char q = p[t->i];
    int multi = t->i + 2 < t->s.len && p[t->i + 1] == q && p[t->i + 2] == q;
    struct buf b = { 0 };
    struct fm_node *n;

    t->i += multi ? 3 : 1;
    if (multi && toml_peek(t) == '\r')
        t->i++;
    if (multi && toml_peek(t) == '\n')
        t->i++;
    content = t->i;
    for (;;) {
        int c = toml_peek(t);

        if (c == -1 || (!multi && c == '\n')) {
            buf_free(&b);
            toml_fail(t, start, "unterminated string");
            return NULL;
        }
        if (c == q && (!multi || (t->i + 2 < t->s.len &&
                                  p[t->i + 1] == q && p[t->i + 2] == q)))
            break;
        if (c == '\\' && q == '"') {
            int e = t->i + 1 < t->s.len ? (unsigned char)p[t->i + 1] : -1;
            int out = simple_escape(e);

            if (out != 0) {
                buf_addc(&b, out);
                t->i += 2;
            } else if (e == 'u' || e == 'U') {
                size_t k, ndig = e == 'u' ? 4 : 8;
                unsigned long cp = 0;

                for (k = 0; k < ndig; k++) {
                    size_t at = t->i + 2 + k;
                    int h = at < t->s.len ? (unsigned char)p[at] : 0;

                    if (!isxdigit(h)) {
                        buf_free(&b);
                        toml_fail(t, t->i, "invalid unicode escape");
                        return NULL;
                    }
                    cp = cp * 16 + (unsigned long)(isdigit(h) ? h - '0'
                                                   : tolower(h) - 'a' + 10);
                }
                utf8_put(&b, cp > 0x10FFFF ? 0xFFFD : cp);
                t->i += 2 + ndig;
            } else if (multi && (e == '\n' || e == ' ' || e == '\t' ||
                                 e == '\r')) {
                t->i++;         /* line-ending backslash: trim */
                toml_wsnl(t);
            } else {
                buf_free(&b);
                toml_fail(t, t->i, "invalid escape in string");
                return NULL;
            }
            continue;
        }
        buf_addc(&b, c);
        t->i++;
    }
    n = node_new(t->s.mem, FM_SCALAR);
    n->str = arena_strndup(t->s.mem, b.p ? b.p : "", b.len);
    n->len = b.len;
    n->pos = src_pos(&t->s, content);
    n->exact = b.len == t->i - content &&
               memcmp(p + content, n->str, b.len) == 0;
    t->i += multi ? 3 : 1;
    buf_free(&b);
    return n;
}

static int
is_bare_key(int c)
{
    return isalnum(c) || c == '_' || c == '-';
}

/* Reads one key part (bare or quoted) into *key, its position into *pos. */
static int
toml_key_part(struct toml *t, const char **key, struct pos *pos)
{
    int c = toml_peek(t);

    toml_ws(t);
    c = toml_peek(t);
    if (c == '"' || c == '\'') {
        struct fm_node *s;

        *pos = src_pos(&t->s, t->i);
        if ((s = toml_string(t)) == NULL)
            return -1;
        *key = s->str;
    } else if (c != -1 && is_bare_key(c)) {
        size_t start = t->i;

        while (toml_peek(t) != -1 && is_bare_key(toml_peek(t)))
            t->i++;
        *pos = src_pos(&t->s, start);
        *key = arena_strndup(t->s.mem, t->s.text + start, t->i - start);
    } else {
        return toml_fail(t, t->i, "expected a key");
    }
    toml_ws(t);
    return 0;
}

static struct fm_node *
map_find(struct toml *t, struct fm_node *map, const char *key)
{
    size_t n = strlen(key), len = sizeof map + n;
    char small[256], *id = len <= sizeof small ? small : xmalloc(len);
    struct toml_key *k;

    memcpy(id, &map, sizeof map);
    memcpy(id + sizeof map, key, n);
    HASH_FIND(hh, t->keys, id, len, k);
    if (id != small)
        free(id);
    return k != NULL ? k->node : NULL;
}

/* Adds kid, whose key is set, to the table map. */
static void
map_add(struct toml *t, struct fm_node *map, struct fm_node *kid)
{
    size_t n = strlen(kid->key);
    struct toml_key *k = arena_alloc(t->s.mem, sizeof *k + sizeof map + n);

    node_add(t->s.mem, map, kid);
    k->node = kid;
    k->len = sizeof map + n;
    memcpy(k->id, &map, sizeof map);
    memcpy(k->id + sizeof map, kid->key, n);
    HASH_ADD(hh, t->keys, id[0], k->len, k);
}

/* Follows a dotted key from map, creating tables; returns the table that
 * holds the last part, whose name is left in *last. */
static struct fm_node *
toml_key_path(struct toml *t, struct fm_node *map, const char **last,
              struct pos *last_pos)
{
    for (;;) {
        const char *key = NULL;
        struct pos pos;
        struct fm_node *next;

        if (toml_key_part(t, &key, &pos) != 0)
            return NULL;
        if (toml_peek(t) != '.') {
            *last = key;
            *last_pos = pos;
            return map;
        }
        t->i++;
        next = map_find(t, map, key);
        if (next == NULL) {
            next = node_new(t->s.mem, FM_MAP);
            next->key = key;
            next->key_pos = next->pos = pos;
            map_add(t, map, next);
        } else if (next->type == FM_SEQ && next->nkids > 0) {
            next = next->kids[next->nkids - 1];     /* [[array]] table */
        }
        if (next->type != FM_MAP) {
            toml_fail(t, t->i, "key is already a value, not a table");
            return NULL;
        }
        map = next;
    }
}

static struct fm_node *toml_value(struct toml *t, int depth);

static struct fm_node *
toml_inline_table(struct toml *t, int depth)
{
    struct fm_node *map = node_new(t->s.mem, FM_MAP);

    map->pos = src_pos(&t->s, t->i);
    t->i++;                     /* { */
    toml_ws(t);
    if (toml_peek(t) == '}') {
        t->i++;
        return map;
    }
    for (;;) {
        const char *key;
        struct pos kpos;
        struct fm_node *tbl, *val;

        if ((tbl = toml_key_path(t, map, &key, &kpos)) == NULL)
            return NULL;
        if (toml_peek(t) != '=') {
            toml_fail(t, t->i, "expected '=' after the key");
            return NULL;
        }
        t->i++;
        toml_ws(t);
        if ((val = toml_value(t, depth + 1)) == NULL)
            return NULL;
        if (map_find(t, tbl, key) != NULL) {
            toml_fail(t, t->i, "duplicate key");
            return NULL;
        }
        val->key = key;
        val->key_pos = kpos;
        map_add(t, tbl, val);
        toml_ws(t);
        if (toml_peek(t) == ',') {
            t->i++;
            continue;
        }
        if (toml_peek(t) == '}') {
            t->i++;
            return map;
        }
        toml_fail(t, t->i, "expected ',' or '}' in inline table");
        return NULL;
    }
}

static struct fm_node *
toml_array(struct toml *t, int depth)
{
    struct fm_node *seq = node_new(t->s.mem, FM_SEQ);

    seq->pos = src_pos(&t->s, t->i);
    t->i++;                     /* [ */
    for (;;) {
        struct fm_node *v;

        toml_wsnl(t);
        if (toml_peek(t) == ']') {
            t->i++;
            return seq;
        }
        if ((v = toml_value(t, depth + 1)) == NULL)
            return NULL;
        node_add(t->s.mem, seq, v);
        toml_wsnl(t);
        if (toml_peek(t) == ',') {
            t->i++;
            continue;
        }
        if (toml_peek(t) == ']') {
            t->i++;
            return seq;
        }
        toml_fail(t, t->i, "expected ',' or ']' in array");
        return NULL;
    }
}

/* Numbers, booleans, dates and times: kept as their source text after a
 * check that they are made of what such values are made of. */
static struct fm_node *
toml_bare_value(struct toml *t)
{
    const char *p = t->s.text;
    size_t start = t->i, len;
    struct fm_node *n;

    while (t->i < t->s.len && (isalnum((unsigned char)p[t->i]) ||
                               strchr("+-_.:", p[t->i]) != NULL ||
                               (p[t->i] == ' ' && t->i > start &&
                                isdigit((unsigned char)p[t->i - 1]) &&
                                t->i + 1 < t->s.len &&
                                isdigit((unsigned char)p[t->i + 1]))))
        t->i++;
    len = t->i - start;
    if (len == 0) {
        toml_fail(t, start, "expected a value");
        return NULL;
    }
    if (!(isdigit((unsigned char)p[start]) || p[start] == '+' ||
          p[start] == '-' ||
          (len == 4 && memcmp(p + start, "true", 4) == 0) ||
          (len == 5 && memcmp(p + start, "false", 5) == 0) ||
          (len == 3 && (memcmp(p + start, "inf", 3) == 0 ||
                        memcmp(p + start, "nan", 3) == 0)))) {
        toml_fail(t, start, "expected a value (strings need quotes)");
        return NULL;
    }
    n = node_new(t->s.mem, FM_SCALAR);
    n->str = arena_strndup(t->s.mem, p + start, len);
    n->len = len;
    n->pos = src_pos(&t->s, start);
    n->exact = 1;
    return n;
}

static struct fm_node *
toml_value(struct toml *t, int depth)
{
    int c = toml_peek(t);

    if (depth >= FM_MAX_DEPTH) {
        toml_fail(t, t->i, "values nested too deeply");
        return NULL;
    }
    if (c == '"' || c == '\'')
        return toml_string(t);
    if (c == '[')
        return toml_array(t, depth);
    if (c == '{')
        return toml_inline_table(t, depth);
    return toml_bare_value(t);
}

static int
toml_table_header(struct toml *t, struct fm_node *root, struct fm_node **cur)
{
    int array = t->i + 1 < t->s.len && t->s.text[t->i + 1] == '[';
    const char *key;
    struct pos kpos;
    struct fm_node *parent, *n;

    t->i += array ? 2 : 1;
    if ((parent = toml_key_path(t, root, &key, &kpos)) == NULL)
        return -1;
    if (toml_peek(t) != ']' || (array && (t->i + 1 >= t->s.len ||
                                          t->s.text[t->i + 1] != ']')))
        return toml_fail(t, t->i, array ? "expected ']]'" : "expected ']'");
    t->i += array ? 2 : 1;
    n = map_find(t, parent, key);
    if (array) {
        struct fm_node *tbl = node_new(t->s.mem, FM_MAP);

        if (n == NULL) {
            n = node_new(t->s.mem, FM_SEQ);
            n->key = key;
            n->key_pos = n->pos = kpos;
            map_add(t, parent, n);
        } else if (n->type != FM_SEQ) {
            return toml_fail(t, t->i, "table array redefines a key");
        }
        tbl->pos = kpos;
        node_add(t->s.mem, n, tbl);
        *cur = tbl;
    } else {
        if (n == NULL) {
            n = node_new(t->s.mem, FM_MAP);
            n->key = key;
            n->key_pos = n->pos = kpos;
            map_add(t, parent, n);
        } else if (n->type != FM_MAP) {
            return toml_fail(t, t->i, "table redefines a key");
        }
        *cur = n;
    }
    return toml_eol(t);
}

struct fm_node *
fm_parse_toml(struct arena *mem, const char *file, const char *text,
              size_t len, unsigned first_line, const char *rule)
{
    struct toml t;
    struct fm_node *root = node_new(mem, FM_MAP), *cur = root;

    memset(&t, 0, sizeof t);
    src_init(&t.s, mem, file, text, len, first_line, rule);
    root->pos = src_pos(&t.s, 0);
    for (;;) {
        const char *key;
        struct pos kpos;
        struct fm_node *tbl, *val;

        toml_wsnl(&t);
        if (toml_peek(&t) == -1)
            break;
        if (toml_peek(&t) == '[') {
            if (toml_table_header(&t, root, &cur) != 0) {
                root = NULL;
                break;
            }
            continue;
        }
        if ((tbl = toml_key_path(&t, cur, &key, &kpos)) == NULL) {
            root = NULL;
            break;
        }
        if (toml_peek(&t) != '=') {
            toml_fail(&t, t.i, "expected '=' after the key");
            root = NULL;
            break;
        }
        t.i++;
        toml_ws(&t);
        if ((val = toml_value(&t, 0)) == NULL) {
            root = NULL;
            break;
        }
        if (map_find(&t, tbl, key) != NULL) {
            diag_add(kpos, 0, SEV_ERROR, rule,
                     "invalid TOML: duplicate key '%s'", key);
            root = NULL;
            break;
        }
        val->key = key;
        val->key_pos = kpos;
        map_add(&t, tbl, val);
        if (toml_eol(&t) != 0) {
            root = NULL;
            break;
        }
    }
    HASH_CLEAR(hh, t.keys);
    return root;
}

/* ---- Pelican metadata ------------------------------------------------- */

/* Python-Markdown's meta extension: "Key: value", key of letters, digits,
 * '_' and '-', up to three spaces before it; four or more spaces start a
 * continuation line.  Returns the key's length, 0 if not a key line. */
static size_t
pelican_key(const char *p, size_t n, size_t *lead)
{
    size_t i = 0, k;

    while (i < n && i < 3 && p[i] == ' ')
        i++;
    k = i;
    while (i < n && (isalnum((unsigned char)p[i]) || p[i] == '_' ||
                     p[i] == '-'))
        i++;
    if (i == k || i >= n || p[i] != ':')
        return 0;
    *lead = k;
    return i - k;
}

int
fm_looks_pelican(const char *text, size_t len)
{
    size_t i = 0, lead;
    int keys = 0;

    while (i < len) {
        size_t e = i;

        while (e < len && text[e] != '\n')
            e++;
        if (pelican_key(text + i, e - i, &lead) > 0)
            keys++;
        else if (!(e - i >= 4 && memcmp(text + i, "    ", 4) == 0) &&
                 !(e - i == 0 || (e - i == 1 && text[i] == '\r')))
            return 0;
        i = e + 1;
    }
    return keys > 0;
}

struct fm_node *
fm_parse_pelican(struct arena *mem, const char *file, const char *text,
                 size_t len, unsigned first_line, const char *rule)
{
    struct src s;
    struct fm_node *root = node_new(mem, FM_MAP), *last = NULL;
    size_t i = 0;

    src_init(&s, mem, file, text, len, first_line, rule);
    root->pos = src_pos(&s, 0);
    while (i < len) {
        size_t e = i, lead, klen, v;
        struct str line;

        while (e < len && text[e] != '\n')
            e++;
        line = (struct str){ text + i, e - i };
        if (line.len > 0 && line.p[line.len - 1] == '\r')
            line.len--;
        if (str_trim(line).len == 0) {
            i = e + 1;
            continue;
        }
        if ((klen = pelican_key(line.p, line.len, &lead)) > 0) {
            struct fm_node *n = node_new(mem, FM_SCALAR);
            struct str val;

            n->key = arena_strndup(mem, line.p + lead, klen);
            n->key_pos = src_pos(&s, i + lead);
            v = lead + klen + 1;
            val = str_trim((struct str){ line.p + v, line.len - v });
            n->str = arena_strndup(mem, val.p, val.len);
            n->len = val.len;
            n->pos = src_pos(&s, (size_t)(val.p - text));
            n->exact = 1;
            node_add(mem, root, n);
            last = n;
        } else if (last != NULL && line.len >= 4 &&
                   memcmp(line.p, "    ", 4) == 0) {
            struct str val = str_trim(line);
            char *joined = arena_printf(mem, "%s\n%.*s", last->str,
                                        (int)val.len, val.p);

            last->str = joined;
            last->len = strlen(joined);
            last->exact = 0;
        } else {
            diag_add(src_pos(&s, i), 0, SEV_ERROR, rule,
                     "invalid metadata: expected 'Key: value'");
            return NULL;
        }
        i = e + 1;
    }
    return root;
}

/* ---- pelicanconf.py --------------------------------------------------- */

/* Reads a Python string literal at *i (no prefixes but r), or returns
 * NULL.  Escapes other than \\ and \' \" are kept as written. */
static struct fm_node *
py_string(struct src *s, size_t *i)
{
    const char *p = s->text;
    size_t k = *i, start;
    struct buf b = { 0 };
    struct fm_node *n;
    char q;
    int raw = 0;

    if (k < s->len && (p[k] == 'r' || p[k] == 'R')) {
        raw = 1;
        k++;
    }
    if (k >= s->len || (p[k] != '\'' && p[k] != '"'))
        return NULL;
    q = p[k++];
    start = k;
    while (k < s->len && p[k] != q && p[k] != '\n') {
        if (p[k] == '\\' && !raw && k + 1 < s->len) {
            k++;
        }
        buf_addc(&b, p[k]);
        k++;
    }
    if (k >= s->len || p[k] != q) {
        buf_free(&b);
        return NULL;
    }
    n = node_new(s->mem, FM_SCALAR);
    n->str = arena_strndup(s->mem, b.p ? b.p : "", b.len);
    n->len = b.len;
    n->pos = src_pos(s, start);
    n->exact = b.len == k - start;
    buf_free(&b);
    *i = k + 1;
    return n;
}

/* Settings nest dicts two or three deep (MARKDOWN's extension_configs);
 * deeper is no settings file. */
#define PY_MAX_DEPTH 16

/* Skips blanks, line ends and comments inside brackets. */
static void
py_skip(const struct src *s, size_t *k)
{
    while (*k < s->len) {
        if (strchr(" \t\r\n", s->text[*k]) != NULL)
            ++*k;
        else if (s->text[*k] == '#')
            while (*k < s->len && s->text[*k] != '\n')
                ++*k;
        else
            break;
    }
}

/* Reads a literal at *k: a string, a word or number (True, None, 3), or
 * a list, tuple or dict of literals, to an fm_node (a dict's string keys
 * as keys).  NULL, *k left anywhere, when it is something else (a call,
 * an expression): what Pelican would compute is not known. */
static struct fm_node *
py_value(struct src *s, size_t *k, int depth)
{
    const char *p = s->text;
    struct fm_node *n, *item;
    size_t start, end;
    char close;

    py_skip(s, k);
    if (*k >= s->len || depth > PY_MAX_DEPTH)
        return NULL;
    if (p[*k] == '[' || p[*k] == '(' || p[*k] == '{') {
        close = p[*k] == '[' ? ']' : p[*k] == '(' ? ')' : '}';
        n = node_new(s->mem, close == '}' ? FM_MAP : FM_SEQ);
        n->pos = src_pos(s, *k);
        ++*k;
        for (;;) {
            struct fm_node *key = NULL;

            py_skip(s, k);
            if (*k < s->len && p[*k] == close) {
                ++*k;
                return n;
            }
            if (close == '}') {
                if ((key = py_string(s, k)) == NULL)
                    return depth == 0 ? n : NULL;
                py_skip(s, k);
                if (*k >= s->len || p[*k] != ':')
                    return depth == 0 ? n : NULL;
                ++*k;
            }
            /* An assignment keeps what it could read, as far as it could
             * ("[x, os.path.join(...)]" is [x]); nested values are whole
             * or nothing. */
            if ((item = py_value(s, k, depth + 1)) == NULL)
                return depth == 0 ? n : NULL;
            if (key != NULL) {
                item->key = key->str;
                item->key_pos = key->pos;
            }
            node_add(s->mem, n, item);
            py_skip(s, k);
            if (*k < s->len && p[*k] == ',')
                ++*k;
            else if (*k >= s->len || p[*k] != close)
                return depth == 0 ? n : NULL;
        }
    }
    if ((n = py_string(s, k)) != NULL)
        return n;
    start = *k;
    while (*k < s->len && (isalnum((unsigned char)p[*k]) ||
                           strchr("_.-+", p[*k]) != NULL))
        ++*k;
    end = *k;
    py_skip(s, k);
    if (end == start || (*k < s->len && strchr(",]})", p[*k]) == NULL))
        return NULL;            /* a call or an expression */
    n = node_new(s->mem, FM_SCALAR);
    if (end - start == 4 && strncmp(p + start, "None", 4) == 0)
        end = start;            /* None is no value */
    n->str = arena_strndup(s->mem, p + start, end - start);
    n->len = end - start;
    n->pos = src_pos(s, start);
    return n;
}

/* Names one chained assignment sets ("A = B = 'x'"): settings files
 * chain two or three. */
#define PY_MAX_CHAIN 8

struct fm_node *
fm_parse_python(struct arena *mem, const char *file, const char *text,
                size_t len)
{
    struct src s;
    struct fm_node *root = node_new(mem, FM_MAP);
    size_t i = 0;

    src_init(&s, mem, file, text, len, 1, "config");
    while (i < len) {
        size_t e = i, k = i, nstart;
        struct fm_node *n = NULL;

        while (e < len && text[e] != '\n')
            e++;
        /* Only NAME = value at the start of a line: never executed. */
        if (k < len && (isupper((unsigned char)text[k]) || text[k] == '_')) {
            nstart = k;
            while (k < e && (isalnum((unsigned char)text[k]) || text[k] == '_'))
                k++;
            const char *name = arena_strndup(mem, text + nstart, k - nstart);
            struct pos npos = src_pos(&s, nstart);

            while (k < e && text[k] == ' ')
                k++;
            if (k < e && text[k] == '=' && (k + 1 >= e || text[k + 1] != '=')) {
                /* "TAG_URL = TAG_SAVE_AS = 'x'": every name gets x. */
                const char *names[PY_MAX_CHAIN];
                struct pos poss[PY_MAX_CHAIN];
                size_t nnames = 0, j;

                names[nnames] = name;
                poss[nnames++] = npos;
                k++;
                while (k < e && text[k] == ' ')
                    k++;
                while (nnames < PY_MAX_CHAIN && k < e &&
                       (isupper((unsigned char)text[k]) || text[k] == '_')) {
                    size_t m = k, ns = k;

                    while (m < e && (isalnum((unsigned char)text[m]) ||
                                     text[m] == '_'))
                        m++;
                    while (m < e && text[m] == ' ')
                        m++;
                    if (m >= e || text[m] != '=' ||
                        (m + 1 < e && text[m + 1] == '='))
                        break;
                    names[nnames] = arena_strndup(mem, text + ns,
                                                  strcspn(text + ns, " ="));
                    poss[nnames++] = src_pos(&s, ns);
                    k = m + 1;
                    while (k < e && text[k] == ' ')
                        k++;
                }
                if (k < len && strchr("[({", text[k]) != NULL) {
                    /* A list, tuple or dict of literals, over lines. */
                    n = py_value(&s, &k, 0);
                    e = k;
                    while (e < len && text[e] != '\n')
                        e++;
                } else if ((n = py_string(&s, &k)) == NULL && k < e) {
                    struct str v = str_trim((struct str){ text + k, e - k });

                    /* None is no value: Pelican writes nothing for it. */
                    if (str_is(v, "None"))
                        v.len = 0;
                    n = node_new(mem, FM_SCALAR);
                    n->str = arena_strndup(mem, v.p, v.len);
                    n->len = v.len;
                    n->pos = src_pos(&s, k);
                }
                for (j = 0; n != NULL && j < nnames; j++) {
                    struct fm_node *one = n;

                    if (j > 0) {
                        one = node_new(mem, n->type);
                        *one = *n;
                    }
                    one->key = names[j];
                    one->key_pos = poss[j];
                    node_add(mem, root, one);
                }
            }
        }
        i = e + 1;
    }
    return root;
}
