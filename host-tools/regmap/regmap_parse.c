/* regmap_parse: the map text -> struct regmap, with every check the format
 * promises (see regmap.h). Errors name the file and line. */
#include "regmap.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 8

struct parser {
    const char *file;
    int line;
    struct regmap *m;
    char *err;
    size_t err_len;
};

static int fail(struct parser *p, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(p->err, p->err_len, "%s:%d: ", p->file, p->line);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < p->err_len)
        vsnprintf(p->err + n, p->err_len - n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Splits one line into tokens; a "quoted" token (the doc) runs to its closing
 * quote and is returned in *doc. Returns the token count, or -1. */
static int tokenize(struct parser *p, char *s, char **tok, char **doc)
{
    int n = 0;
    *doc = NULL;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (*s == '\0' || *s == '#')
            return n;
        if (*s == '"') {
            char *end = strchr(s + 1, '"');
            if (!end)
                return fail(p, "unterminated \"text\"");
            *end = '\0';
            *doc = s + 1;
            s = end + 1;
            continue;
        }
        if (*doc)
            return fail(p, "nothing may follow the \"text\"");
        if (n == MAX_TOKENS)
            return fail(p, "too many words");
        tok[n++] = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '#')
            s++;
        if (*s == '#') {
            *s = '\0';
            return n;
        }
        if (*s)
            *s++ = '\0';
    }
}

static int number(struct parser *p, const char *s, const char *what, uint64_t *v)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return fail(p, "%s: '%s' is not a number", what, s);
    errno = 0;
    *v = strtoull(s, &end, 0);
    if (errno || *end)
        return fail(p, "%s: '%s' is not a number", what, s);
    return 0;
}

static int name(struct parser *p, const char *s, char *dst, const char *what)
{
    size_t len = strlen(s);
    if (len == 0 || len >= REGMAP_NAME_MAX || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return fail(p, "%s name '%s' is not an identifier", what, s);
    for (size_t i = 0; i < len; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return fail(p, "%s name '%s' is not an identifier", what, s);
    memcpy(dst, s, len + 1);
    return 0;
}

static void upper(char *s)
{
    for (; *s; s++)
        *s = (char)toupper((unsigned char)*s);
}

static void copy_doc(char *dst, const char *doc)
{
    snprintf(dst, REGMAP_DOC_MAX, "%s", doc ? doc : "");
}

static int access(struct parser *p, const char *s, enum regmap_acc *acc)
{
    static const char *const names[] = { "RW", "RO", "W1C", "WO" };
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *acc = (enum regmap_acc)i;
            return 0;
        }
    return fail(p, "access '%s' is not RW, RO, W1C or WO", s);
}

static int check_arity(struct parser *p, int n, int lo, int hi, const char *usage)
{
    if (n < lo || n > hi)
        return fail(p, "usage: %s", usage);
    return 0;
}

static int add_field(struct parser *p, struct regmap_item *r, char **tok, int n, const char *doc)
{
    struct regmap_field f;
    uint64_t msb, lsb, reset = 0;
    char *colon;

    memset(&f, 0, sizeof f);
    if (check_arity(p, n, 4, 5, "field <NAME> <msb>[:<lsb>] <RW|RO|W1C|WO> [<reset>]") ||
        name(p, tok[1], f.name, "field"))
        return -1;
    upper(f.name);
    colon = strchr(tok[2], ':');
    if (colon)
        *colon = '\0';
    if (number(p, tok[2], "msb", &msb) || (colon && number(p, colon + 1, "lsb", &lsb)))
        return -1;
    if (!colon)
        lsb = msb;
    if (msb > 31 || lsb > msb)
        return fail(p, "field %s: bits %llu:%llu are not within 31:0 (msb >= lsb)", f.name,
                    (unsigned long long)msb, (unsigned long long)lsb);
    if (access(p, tok[3], &f.acc) || (n == 5 && number(p, tok[4], "reset", &reset)))
        return -1;
    f.msb = (unsigned)msb;
    f.lsb = (unsigned)lsb;
    if (reset >> (msb - lsb + 1))
        return fail(p, "field %s: reset 0x%llx does not fit in %u bits", f.name,
                    (unsigned long long)reset, f.msb - f.lsb + 1);
    f.reset = (uint32_t)reset;
    copy_doc(f.doc, doc);
    if (r->n_fields == REGMAP_MAX_FIELDS)
        return fail(p, "register %s: too many fields", r->name);
    for (int i = 0; i < r->n_fields; i++) {
        const struct regmap_field *o = &r->fields[i];
        if (strcmp(o->name, f.name) == 0)
            return fail(p, "register %s: field %s defined twice", r->name, f.name);
        if (f.lsb <= o->msb && o->lsb <= f.msb)
            return fail(p, "register %s: field %s overlaps field %s", r->name, f.name, o->name);
    }
    r->fields[r->n_fields++] = f;
    return 0;
}

/* Checks the finished register before the next item starts. */
static int close_reg(struct parser *p, const struct regmap_item *r)
{
    if (r && r->kind == REGMAP_REG && r->n_fields == 0) {
        p->line = r->line;
        return fail(p, "register %s has no fields", r->name);
    }
    return 0;
}

static int check_placement(struct parser *p, const struct regmap_item *it)
{
    const struct regmap *m = p->m;
    for (int i = 0; i < m->n_items; i++) {
        const struct regmap_item *o = &m->items[i];
        if (o->block == it->block && strcmp(o->name, it->name) == 0)
            return fail(p, "%s defined twice in block %s (line %d)", it->name,
                        m->blocks[it->block].name, o->line);
        if (o->kind == REGMAP_CONST || it->kind == REGMAP_CONST)
            continue;
        uint64_t a0 = it->offset, a1 = it->offset + (it->kind == REGMAP_WINDOW ? it->size : 4);
        uint64_t b0 = o->offset, b1 = o->offset + (o->kind == REGMAP_WINDOW ? o->size : 4);
        if (a0 < b1 && b0 < a1)
            return fail(p, "%s at 0x%llx overlaps %s (line %d)", it->name,
                        (unsigned long long)it->offset, o->name, o->line);
    }
    return 0;
}

static int directive(struct parser *p, char **tok, int n, const char *doc)
{
    struct regmap *m = p->m;
    struct regmap_item *last = m->n_items ? &m->items[m->n_items - 1] : NULL;
    const char *kw = tok[0];

    if (strcmp(kw, "field") == 0) {
        if (!last || last->kind != REGMAP_REG)
            return fail(p, "field outside a register (put it under a reg line)");
        return add_field(p, last, tok, n, doc);
    }
    if (close_reg(p, last))
        return -1;

    if (strcmp(kw, "map") == 0) {
        if (m->name[0])
            return fail(p, "map given twice");
        if (check_arity(p, n, 2, 2, "map <name>") || name(p, tok[1], m->name, "map"))
            return -1;
        return 0;
    }
    if (!m->name[0])
        return fail(p, "the first directive must be 'map <name>'");

    if (strcmp(kw, "block") == 0) {
        struct regmap_block *b = &m->blocks[m->n_blocks];
        if (check_arity(p, n, 3, 3, "block <name> <base>"))
            return -1;
        if (m->n_blocks == 16)
            return fail(p, "too many blocks");
        if (name(p, tok[1], b->name, "block") || number(p, tok[2], "base", &b->base))
            return -1;
        upper(b->name);
        for (int i = 0; i < m->n_blocks; i++)
            if (strcmp(m->blocks[i].name, b->name) == 0)
                return fail(p, "block %s defined twice", b->name);
        copy_doc(b->doc, doc);
        m->n_blocks++;
        return 0;
    }
    if (m->n_blocks == 0)
        return fail(p, "'%s' before any block", kw);
    if (m->n_items == REGMAP_MAX_ITEMS)
        return fail(p, "too many items");

    struct regmap_item *it = &m->items[m->n_items];
    memset(it, 0, sizeof *it);
    it->block = m->n_blocks - 1;
    it->line = p->line;
    copy_doc(it->doc, doc);
    uint64_t base = m->blocks[it->block].base;

    if (strcmp(kw, "const") == 0) {
        it->kind = REGMAP_CONST;
        if (check_arity(p, n, 3, 3, "const <NAME> <value>") || name(p, tok[1], it->name, "const") ||
            number(p, tok[2], "value", &it->offset))
            return -1;
    } else if (strcmp(kw, "window") == 0) {
        it->kind = REGMAP_WINDOW;
        if (check_arity(p, n, 4, 4, "window <NAME> <offset> <size>") ||
            name(p, tok[1], it->name, "window") || number(p, tok[2], "offset", &it->offset) ||
            number(p, tok[3], "size", &it->size))
            return -1;
        if (it->size == 0)
            return fail(p, "window %s has size 0", tok[1]);
        it->offset += base;
    } else if (strcmp(kw, "reg") == 0) {
        it->kind = REGMAP_REG;
        if (check_arity(p, n, 3, 5, "reg <NAME> <offset> [<RW|RO|W1C|WO> [<reset>]]") ||
            name(p, tok[1], it->name, "register") || number(p, tok[2], "offset", &it->offset))
            return -1;
        if (it->offset % 4)
            return fail(p, "register %s: offset 0x%llx is not 4-byte aligned", tok[1],
                        (unsigned long long)it->offset);
        it->offset += base;
    } else {
        return fail(p, "unknown directive '%s'", kw);
    }
    upper(it->name);
    if (check_placement(p, it))
        return -1;
    m->n_items++;
    if (it->kind == REGMAP_REG && n >= 4) {   /* shorthand: one full-width field */
        char bits[] = "31:0";   /* writable: add_field splits it at ':' */
        char *ftok[5] = { "field", "VALUE", bits, tok[3], n == 5 ? tok[4] : "0" };
        return add_field(p, it, ftok, 5, NULL);
    }
    return 0;
}

int regmap_parse(const char *file, const char *text, struct regmap *m, char *err, size_t err_len)
{
    struct parser p = { file, 0, m, err, err_len };
    memset(m, 0, sizeof *m);

    while (*text) {
        const char *eol = strchr(text, '\n');
        size_t len = eol ? (size_t)(eol - text) : strlen(text);
        char buf[512];
        char *tok[MAX_TOKENS];
        const char *doc;
        char *docbuf;
        int n;

        p.line++;
        if (len >= sizeof buf)
            return fail(&p, "line too long");
        memcpy(buf, text, len);
        buf[len] = '\0';
        text += eol ? len + 1 : len;

        n = tokenize(&p, buf, tok, &docbuf);
        if (n < 0)
            return -1;
        doc = docbuf;
        if (n == 0) {
            if (doc)
                return fail(&p, "\"text\" without a directive");
            continue;
        }
        if (directive(&p, tok, n, doc))
            return -1;
    }
    p.line++;
    if (m->n_items && close_reg(&p, &m->items[m->n_items - 1]))
        return -1;
    if (!m->name[0]) {
        p.line = 1;
        return fail(&p, "empty map (no 'map <name>')");
    }
    return 0;
}

uint32_t regmap_reset(const struct regmap_item *r)
{
    uint32_t v = 0;
    for (int i = 0; i < r->n_fields; i++)
        v |= r->fields[i].reset << r->fields[i].lsb;
    return v;
}

uint32_t regmap_acc_mask(const struct regmap_item *r, enum regmap_acc acc)
{
    uint32_t v = 0;
    for (int i = 0; i < r->n_fields; i++) {
        const struct regmap_field *f = &r->fields[i];
        if (f->acc == acc)
            v |= (uint32_t)((2ull << f->msb) - (1ull << f->lsb));
    }
    return v;
}
