/* A flat host memory for the HVA tests: [base, base + size), 64-bit words,
 * the golden model's memory hooks on it, and a small page-table builder.
 * Used by the driver's host test (tests/unit/test_hva.c) and the Verilator
 * test (tests/rtl/hva), so the RTL, the fake device and xlate read one memory. */
#ifndef HVA_SIM_MEM_H
#define HVA_SIM_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "xlate/xlate.h"

struct hva_mem {
    uint64_t base, size;
    uint64_t *words;
    uint64_t next_free;        /* page allocator */
    uint64_t err_lo, err_hi;   /* accesses in [err_lo, err_hi) fail (SLVERR) */
    struct xlate_mem xm;       /* read64/cas64 for xlate_translate */
};

void hva_mem_init(struct hva_mem *m, uint64_t base, uint64_t size);
void hva_mem_free(struct hva_mem *m);
bool hva_mem_ok(const struct hva_mem *m, uint64_t pa);   /* inside, aligned, not an error */
uint64_t hva_mem_read(const struct hva_mem *m, uint64_t pa);
void hva_mem_write(struct hva_mem *m, uint64_t pa, uint64_t v);
uint64_t *hva_mem_ptr(struct hva_mem *m, uint64_t pa);

/* A zeroed, naturally aligned block of `pages` 4 KiB pages. */
uint64_t hva_mem_alloc(struct hva_mem *m, unsigned pages);

/* Maps va -> pa with a leaf at `level` in the table rooted at root (levels:
 * 3 Sv39, 4 Sv48; x4: a G-stage root with 2 more index bits). Missing tables
 * are allocated in this memory and linked by their address, so VS-stage
 * tables built here need a G-stage that maps GPA == HPA over the memory.
 * flags: XLATE_PTE_* of the leaf. */
void hva_mem_map(struct hva_mem *m, uint64_t root, unsigned levels, bool x4, uint64_t va,
                 uint64_t pa, int level, uint64_t flags);

#endif
