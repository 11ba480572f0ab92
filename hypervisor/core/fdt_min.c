/* A flat device-tree walk over the structure block (devicetree spec, ch. 5),
 * and in-place property edits for the guests' device trees. */
#include "fdt_min.h"
#include "util.h"

#define FDT_MAGIC      0xd00dfeedU
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put_be32(void *p, uint32_t v)
{
    uint8_t *b = p;
    b[0] = (uint8_t)(v >> 24), b[1] = (uint8_t)(v >> 16), b[2] = (uint8_t)(v >> 8), b[3] = (uint8_t)v;
}

static bool starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++)
            return false;
    return *s == '\0' || *s == '@';
}

/* Is `want` one of the strings of a `compatible` list? */
static bool compatible_has(const char *list, uint32_t len, const char *want)
{
    for (const char *p = list; p < list + len; p += strlen(p) + 1)
        if (strcmp(p, want) == 0)
            return true;
    return false;
}

/* Property `prop` of the first node, at any depth, that qualifies: its name
 * starts with `node` (any name if NULL) and it has the property `must_have`,
 * or, with `compatible` given, its compatible list names that. */
static const void *find_property(const void *fdt, const char *node, const char *must_have,
                                 const char *compatible, const char *prop, uint32_t *len)
{
    const uint8_t *blob = fdt;
    if (!blob || be32(blob) != FDT_MAGIC)
        return NULL;
    const uint8_t *p = blob + be32(blob + 8);
    const uint8_t *end = blob + be32(blob + 4);
    const char *strings = (const char *)blob + be32(blob + 12);
    bool in_node = false, has = false;
    const void *found = NULL;
    uint32_t found_len = 0;

    while (p + 4 <= end) {
        uint32_t tok = be32(p);
        p += 4;
        switch (tok) {
        case FDT_BEGIN_NODE:
        case FDT_END_NODE:
            /* a node's own properties come before its children */
            if (in_node && has && found) {
                *len = found_len;
                return found;
            }
            in_node = false;
            if (tok == FDT_BEGIN_NODE) {
                const char *name = (const char *)p;
                in_node = !node || starts_with(name, node);
                has = false;
                found = NULL;
                p += ALIGN_UP(strlen(name) + 1, 4);
            }
            break;
        case FDT_PROP: {
            uint32_t plen = be32(p), nameoff = be32(p + 4);
            const char *pname = strings + nameoff;
            const uint8_t *val = p + 8;
            if (in_node && (compatible ? strcmp(pname, "compatible") == 0 &&
                                         compatible_has((const char *)val, plen, compatible)
                                       : strcmp(pname, must_have) == 0))
                has = true;
            if (in_node && strcmp(pname, prop) == 0) {
                found = val;
                found_len = plen;
            }
            p = val + ALIGN_UP(plen, 4);
            break;
        }
        case FDT_NOP:
            break;
        default:
            return NULL;
        }
    }
    return NULL;
}

const void *fdt_find_node_property(const void *fdt, const char *node, const char *must_have,
                                   const char *prop, uint32_t *len)
{
    return find_property(fdt, node, must_have, NULL, prop, len);
}

const void *fdt_find_compatible_property(const void *fdt, const char *compatible, const char *prop,
                                         uint32_t *len)
{
    return find_property(fdt, NULL, NULL, compatible, prop, len);
}

const void *fdt_find_property(const void *fdt, const char *node, const char *prop, uint32_t *len)
{
    return fdt_find_node_property(fdt, node, prop, prop, len);
}

bool fdt_find_memory(const void *fdt, uint64_t *base, uint64_t *size)
{
    uint32_t len;
    const uint8_t *reg = fdt_find_property(fdt, "memory", "reg", &len);
    if (!reg || len < 16)
        return false;
    *base = (uint64_t)be32(reg) << 32 | be32(reg + 4);
    *size = (uint64_t)be32(reg + 8) << 32 | be32(reg + 12);
    return true;
}

uint32_t fdt_cpu_hartids(const void *fdt, uint64_t *ids, uint32_t max)
{
    const uint8_t *blob = fdt;
    if (!blob || be32(blob) != FDT_MAGIC)
        return 0;
    const uint8_t *p = blob + be32(blob + 8);
    const uint8_t *end = blob + be32(blob + 4);
    const char *strings = (const char *)blob + be32(blob + 12);
    bool in_cpu = false;
    uint32_t n = 0;

    while (p + 4 <= end && n < max) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            in_cpu = starts_with(name, "cpu") && name[3] == '@';
            p += ALIGN_UP(strlen(name) + 1, 4);
        } else if (tok == FDT_END_NODE) {
            in_cpu = false;
        } else if (tok == FDT_PROP) {
            uint32_t plen = be32(p), nameoff = be32(p + 4);
            const uint8_t *val = p + 8;
            if (in_cpu && strcmp(strings + nameoff, "reg") == 0 && (plen == 4 || plen == 8)) {
                ids[n++] = plen == 4 ? be32(val) : (uint64_t)be32(val) << 32 | be32(val + 4);
                in_cpu = false;
            }
            p = val + ALIGN_UP(plen, 4);
        } else if (tok != FDT_NOP) {
            break;
        }
    }
    return n;
}

/* Replaces the value of property `prop` in every node named `node` (or
 * `node@...`), shifting what follows in the blob. The strings block must
 * come last (as dtc and libfdt's fdt_pack lay it out). */
int fdt_set_property(void *fdt, uint32_t cap, const char *node, const char *prop,
                     const void *val, uint32_t len)
{
    uint8_t *blob = fdt;
    if (!blob || be32(blob) != FDT_MAGIC || be32(blob + 12) < be32(blob + 8))
        return -1;
    uint32_t total = be32(blob + 4), off_struct = be32(blob + 8), off_strings = be32(blob + 12);
    uint32_t struct_size = be32(blob + 36);
    const char *strings = (const char *)blob + off_strings;
    uint8_t *p = blob + off_struct;
    bool in_node = false;
    int count = 0;

    while (p + 4 <= blob + off_struct + struct_size) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            in_node = starts_with((const char *)p, node);
            p += ALIGN_UP(strlen((const char *)p) + 1, 4);
        } else if (tok == FDT_END_NODE) {
            in_node = false;
        } else if (tok == FDT_PROP) {
            uint32_t plen = be32(p), nameoff = be32(p + 4);
            uint8_t *v = p + 8;
            if (in_node && strcmp(strings + nameoff, prop) == 0) {
                int64_t delta = (int64_t)ALIGN_UP(len, 4) - (int64_t)ALIGN_UP(plen, 4);
                if (total + delta > cap)
                    return -1;
                uint8_t *tail = v + ALIGN_UP(plen, 4);
                memmove(tail + delta, tail, (size_t)(blob + total - tail));
                memcpy(v, val, len);
                memset(v + len, 0, ALIGN_UP(len, 4) - len);
                put_be32(p, len);
                total += delta, off_strings += delta, struct_size += delta;
                put_be32(blob + 4, total);
                put_be32(blob + 12, off_strings);
                put_be32(blob + 36, struct_size);
                strings = (const char *)blob + off_strings;
                plen = len;
                count++;
            }
            p = v + ALIGN_UP(plen, 4);
        } else if (tok == FDT_END) {
            break;
        } else if (tok != FDT_NOP) {
            return -1;
        }
    }
    return count;
}
