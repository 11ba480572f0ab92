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

bool fdt_find_memory(const void *fdt, uint64_t *base, uint64_t *size)
{
    const uint8_t *blob = fdt;
    if (!blob || be32(blob) != FDT_MAGIC)
        return false;
    uint32_t total = be32(blob + 4);
    const uint8_t *p = blob + be32(blob + 8);
    const uint8_t *end = blob + total;
    const char *strings = (const char *)blob + be32(blob + 12);
    int depth = 0;
    bool in_memory = false;

    while (p + 4 <= end) {
        uint32_t tok = be32(p);
        p += 4;
        switch (tok) {
        case FDT_BEGIN_NODE: {
            const char *name = (const char *)p;
            depth++;
            in_memory = depth == 2 && starts_with(name, "memory");
            p += ALIGN_UP(strlen(name) + 1, 4);
            break;
        }
        case FDT_END_NODE:
            depth--;
            in_memory = false;
            break;
        case FDT_PROP: {
            uint32_t len = be32(p), nameoff = be32(p + 4);
            const uint8_t *val = p + 8;
            if (in_memory && len >= 16 && strcmp(strings + nameoff, "reg") == 0) {
                *base = (uint64_t)be32(val) << 32 | be32(val + 4);
                *size = (uint64_t)be32(val + 8) << 32 | be32(val + 12);
                return true;
            }
            p = val + ALIGN_UP(len, 4);
            break;
        }
        case FDT_NOP:
            break;
        default:
            return false;
        }
    }
    return false;
}
