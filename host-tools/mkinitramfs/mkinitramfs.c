/* mkinitramfs: list file -> cpio newc archive (see mkinitramfs.h). */
#define _GNU_SOURCE
#include "mkinitramfs.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_TOKENS 10

struct ctx {
    FILE *out;
    const char *list_name;
    unsigned line;
    uint32_t ino;
    uint64_t offset;       /* bytes written so far, for the 4-byte padding */
    char *err;
    size_t errlen;
};

static int fail(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct ctx *c, const char *fmt, ...)
{
    int n = snprintf(c->err, c->errlen, "%s:%u: ", c->list_name, c->line);
    if (n < 0 || (size_t)n >= c->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errlen - n, fmt, ap);
    va_end(ap);
    return -1;
}

static int put(struct ctx *c, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, c->out) != n)
        return fail(c, "write error: %s", strerror(errno));
    c->offset += n;
    return 0;
}

static int pad4(struct ctx *c)
{
    static const char zeros[4];
    return put(c, zeros, (4 - (c->offset & 3)) & 3);
}

/* One header + name + padding; the caller writes the data and pads after it. */
static int header(struct ctx *c, const char *name, uint32_t mode, uint32_t uid, uint32_t gid,
                  uint32_t nlink, uint32_t size, uint32_t rmaj, uint32_t rmin, uint32_t ino)
{
    char hdr[CPIO_HDR_LEN + 1];
    size_t namesize = strlen(name) + 1;
    snprintf(hdr, sizeof hdr, "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
             CPIO_NEWC_MAGIC, ino, mode, uid, gid, nlink, 0u /* mtime */, size,
             0u, 0u /* dev */, rmaj, rmin, (uint32_t)namesize, 0u /* check */);
    if (put(c, hdr, CPIO_HDR_LEN) || put(c, name, namesize))
        return -1;
    return pad4(c);
}

static bool parse_num(const char *s, int base, uint32_t max, uint32_t *v)
{
    char *end;
    errno = 0;
    unsigned long x = strtoul(s, &end, base);
    if (errno || end == s || *end || s[0] == '-' || x > max)
        return false;
    *v = (uint32_t)x;
    return true;
}

static int parse_common(struct ctx *c, char **tok, uint32_t *mode, uint32_t *uid, uint32_t *gid)
{
    if (!parse_num(tok[0], 8, 07777, mode))
        return fail(c, "bad mode '%s' (octal, at most 07777)", tok[0]);
    if (!parse_num(tok[1], 10, UINT32_MAX, uid))
        return fail(c, "bad uid '%s'", tok[1]);
    if (!parse_num(tok[2], 10, UINT32_MAX, gid))
        return fail(c, "bad gid '%s'", tok[2]);
    return 0;
}

static const char *arc_name(struct ctx *c, const char *name)
{
    while (*name == '/')
        name++;
    if (!*name) {
        fail(c, "empty name");
        return NULL;
    }
    return name;
}

static int do_file(struct ctx *c, const char *name, const char *src, uint32_t mode,
                   uint32_t uid, uint32_t gid)
{
    FILE *f = fopen(src, "rb");
    if (!f)
        return fail(c, "cannot open '%s': %s", src, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
        fclose(f);
        return fail(c, "'%s' is not a regular file", src);
    }
    if ((uint64_t)st.st_size > UINT32_MAX) {
        fclose(f);
        return fail(c, "'%s' is larger than 4 GiB (newc sizes are 32-bit)", src);
    }
    int rc = header(c, name, S_IFREG | mode, uid, gid, 1, (uint32_t)st.st_size, 0, 0, ++c->ino);
    char buf[65536];
    uint64_t total = 0;
    size_t n;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        total += n;
        rc = put(c, buf, n);
    }
    if (rc == 0 && (ferror(f) || total != (uint64_t)st.st_size))
        rc = fail(c, "read error on '%s' (size changed?)", src);
    fclose(f);
    return rc ? rc : pad4(c);
}

static int do_line(struct ctx *c, char *text)
{
    char *tok[MAX_TOKENS + 1];
    int n = 0;
    char *hash = strchr(text, '#');
    if (hash)
        *hash = '\0';
    for (char *save, *t = strtok_r(text, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save)) {
        if (n == MAX_TOKENS)
            return fail(c, "too many fields");
        tok[n++] = t;
    }
    if (n == 0)
        return 0;

    uint32_t mode, uid, gid;
    const char *name;
    const char *kw = tok[0];
    if (strcmp(kw, "dir") == 0) {
        if (n != 5)
            return fail(c, "'dir' takes <name> <mode> <uid> <gid> (%d fields given)", n - 1);
        if (!(name = arc_name(c, tok[1])) || parse_common(c, tok + 2, &mode, &uid, &gid))
            return -1;
        return header(c, name, S_IFDIR | mode, uid, gid, 2, 0, 0, 0, ++c->ino);
    }
    if (strcmp(kw, "file") == 0) {
        if (n != 6)
            return fail(c, "'file' takes <name> <source> <mode> <uid> <gid> (%d fields given)", n - 1);
        if (!(name = arc_name(c, tok[1])) || parse_common(c, tok + 3, &mode, &uid, &gid))
            return -1;
        return do_file(c, name, tok[2], mode, uid, gid);
    }
    if (strcmp(kw, "slink") == 0) {
        if (n != 6)
            return fail(c, "'slink' takes <name> <target> <mode> <uid> <gid> (%d fields given)", n - 1);
        if (!(name = arc_name(c, tok[1])) || parse_common(c, tok + 3, &mode, &uid, &gid))
            return -1;
        size_t len = strlen(tok[2]);
        if (header(c, name, S_IFLNK | mode, uid, gid, 1, (uint32_t)len, 0, 0, ++c->ino)
            || put(c, tok[2], len))
            return -1;
        return pad4(c);
    }
    if (strcmp(kw, "nod") == 0) {
        if (n != 8)
            return fail(c, "'nod' takes <name> <mode> <uid> <gid> <c|b> <maj> <min> (%d fields given)", n - 1);
        if (!(name = arc_name(c, tok[1])) || parse_common(c, tok + 2, &mode, &uid, &gid))
            return -1;
        uint32_t type, maj, min;
        if (strcmp(tok[5], "c") == 0)
            type = S_IFCHR;
        else if (strcmp(tok[5], "b") == 0)
            type = S_IFBLK;
        else
            return fail(c, "bad device type '%s' (c or b)", tok[5]);
        if (!parse_num(tok[6], 10, 4095, &maj))
            return fail(c, "bad major '%s'", tok[6]);
        if (!parse_num(tok[7], 10, 1048575, &min))
            return fail(c, "bad minor '%s'", tok[7]);
        return header(c, name, type | mode, uid, gid, 1, 0, maj, min, ++c->ino);
    }
    return fail(c, "unknown entry type '%s' (dir, file, slink, nod)", kw);
}

int mkinitramfs_build(FILE *list, const char *list_name, FILE *out, char *err, size_t errlen)
{
    struct ctx c = { .out = out, .list_name = list_name, .err = err, .errlen = errlen };
    char *text = NULL;
    size_t cap = 0;
    int entries = 0;
    while (getline(&text, &cap, list) >= 0) {
        c.line++;
        uint32_t before = c.ino;
        if (do_line(&c, text)) {
            free(text);
            return -1;
        }
        entries += c.ino != before;
    }
    free(text);
    if (ferror(list))
        return fail(&c, "read error: %s", strerror(errno));
    c.line++;
    if (header(&c, CPIO_TRAILER, 0, 0, 0, 1, 0, 0, 0, 0))
        return -1;
    if (fflush(out) == EOF)
        return fail(&c, "write error: %s", strerror(errno));
    return entries;
}
