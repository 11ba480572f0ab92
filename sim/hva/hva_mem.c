/* hva_mem: see hva_mem.h. */
#include "hva_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int mem_read64(void *ctx, uint64_t hpa, uint64_t *val)
{
    struct hva_mem *m = ctx;
    if (!hva_mem_ok(m, hpa))
        return -1;
    *val = hva_mem_read(m, hpa);
    return 0;
}

static int mem_cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    struct hva_mem *m = ctx;
    if (!hva_mem_ok(m, hpa))
        return -1;
    *old = hva_mem_read(m, hpa);
    if (*old == expect)
        hva_mem_write(m, hpa, desired);
    return 0;
}

void hva_mem_init(struct hva_mem *m, uint64_t base, uint64_t size)
{
    m->base = base;
    m->size = size;
    m->words = calloc(size / 8, 8);
    if (!m->words) {
        fprintf(stderr, "hva_mem: out of memory\n");
        exit(1);
    }
    m->next_free = base;
    m->err_lo = m->err_hi = 0;
    m->xm.read64 = mem_read64;
    m->xm.cas64 = mem_cas64;
    m->xm.ctx = m;
}

void hva_mem_free(struct hva_mem *m)
{
    free(m->words);
    m->words = NULL;
}

bool hva_mem_ok(const struct hva_mem *m, uint64_t pa)
{
    return pa >= m->base && pa - m->base < m->size && (pa & 7) == 0 &&
           !(pa >= m->err_lo && pa < m->err_hi);
}

uint64_t hva_mem_read(const struct hva_mem *m, uint64_t pa)
{
    return m->words[(pa - m->base) / 8];
}

void hva_mem_write(struct hva_mem *m, uint64_t pa, uint64_t v)
{
    m->words[(pa - m->base) / 8] = v;
}

uint64_t *hva_mem_ptr(struct hva_mem *m, uint64_t pa)
{
    return &m->words[(pa - m->base) / 8];
}

uint64_t hva_mem_alloc(struct hva_mem *m, unsigned pages)
{
    uint64_t bytes = (uint64_t)pages * 4096;
    uint64_t pa = (m->next_free + bytes - 1) & ~(bytes - 1);
    if (pa + bytes > m->base + m->size) {
        fprintf(stderr, "hva_mem: page pool exhausted\n");
        exit(1);
    }
    m->next_free = pa + bytes;
    memset(hva_mem_ptr(m, pa), 0, bytes);
    return pa;
}

void hva_mem_map(struct hva_mem *m, uint64_t root, unsigned levels, bool x4, uint64_t va,
                 uint64_t pa, int level, uint64_t flags)
{
    uint64_t table = root;
    for (int l = (int)levels - 1;; l--) {
        uint64_t mask = (l == (int)levels - 1 && x4) ? 0x7ff : 0x1ff;
        uint64_t pte_pa = table + ((va >> (12 + 9 * l)) & mask) * 8;
        uint64_t pte = hva_mem_read(m, pte_pa);
        if (l == level) {
            hva_mem_write(m, pte_pa, xlate_make_pte(pa >> 12, flags | XLATE_PTE_V));
            return;
        }
        if (!(pte & XLATE_PTE_V) || (pte & (XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X))) {
            uint64_t t = hva_mem_alloc(m, 1);
            pte = xlate_make_pte(t >> 12, XLATE_PTE_V);
            hva_mem_write(m, pte_pa, pte);
        }
        table = xlate_pte_ppn(pte) << 12;
    }
}
