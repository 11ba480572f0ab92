/* A flat device-tree walk over the structure block (devicetree spec, ch. 5). */
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

static bool starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (*s++ != *prefix++)
            return false;
    return *s == '\0' || *s == '@';
}

const void *fdt_find_node_property(const void *fdt, const char *node, const char *must_have,
                                   const char *prop, uint32_t *len)
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
                in_node = starts_with(name, node);
                has = false;
                found = NULL;
                p += ALIGN_UP(strlen(name) + 1, 4);
            }
            break;
        case FDT_PROP: {
            uint32_t plen = be32(p), nameoff = be32(p + 4);
            const uint8_t *val = p + 8;
            if (in_node && strcmp(strings + nameoff, must_have) == 0)
                has = true;
            if (in_node && strcmp(strings + nameoff, prop) == 0) {
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
