/* xlate_compare: the payload that compares the xlate golden model with QEMU's
 * own two-stage MMU. Memory map, random numbers, and the page-table builder. */
#ifndef XC_H
#define XC_H

#include <stdbool.h>
#include <stdint.h>
#include "xlate/xlate.h"

/* Host physical memory (QEMU virt, -m 256M). */
#define RAM_BASE      0x80000000ull
#define ARENA_BASE    0x80400000ull   /* below: OpenSBI (PMP-protected) and this payload */
#define POOL_BASE     ARENA_BASE      /* page-table pages of both stages */
#define POOL_END      0x80c00000ull
#define SCRATCH_BASE  POOL_END        /* data pages the leaves point to */
#define RAM_END       0x90000000ull
/* Nothing decodes here on virt (RAM ends, high PCIe MMIO starts at 16 GiB):
 * a PTE read or access here is an access fault. */
#define HOLE_BASE     RAM_END
#define HOLE_END      0x400000000ull
#define HOLE_PTE_BASE 0x200000000ull   /* where "PTE outside RAM" pointers go */

/* The G-stage maps a window of guest physical space onto host physical space
 * one to one: GPA = window + HPA (so superpages of every size line up). */
#define WINDOW_SIZE   0x400000000ull   /* 16 GiB: RAM and the hole */

#define KIB4  0x1000ull
#define MIB2  0x200000ull
#define GIB1  0x40000000ull

struct rng {
    uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
    /* xorshift64* */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Dull;
}

static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
    return n ? rng_next(r) % n : 0;
}

static inline bool rng_percent(struct rng *r, unsigned p)
{
    return rng_below(r, 100) < p;
}

#define XC_MAX_TABLES 4096
#define XC_MAX_ADDRS  1536

struct xc_table {
    uint64_t hpa;
    uint64_t prefix;      /* the address bits above this table's index */
    uint8_t stage;        /* XLATE_STAGE_VS / XLATE_STAGE_G */
    int8_t level;
};

/* One random two-stage page-table set and the addresses worth probing. */
struct xc_gen {
    struct rng *rng;
    unsigned vs_mode, g_mode;       /* XLATE_SATP_MODE_SV39/48/57, XLATE_HGATP_MODE_SV39X4/48X4/57X4 */
    unsigned vs_levels, g_levels;
    uint64_t pool_next;
    bool pool_full;
    uint64_t vs_root, g_root;       /* HPAs */
    uint64_t window;                /* GPA of HPA 0 in the G-stage mirror (below 2^56: a
                                       VS PTE's PPN reaches no higher) */
    uint64_t unmapped_window;       /* VS tables seen at these GPAs: the G-stage never maps them */
    unsigned g_leaf_percent[5];     /* chance of a G-stage leaf at each level (this round) */
    uint64_t vsatp, hgatp;
    struct xc_table tables[XC_MAX_TABLES];
    unsigned n_tables;
    uint64_t addrs[XC_MAX_ADDRS];   /* GVAs to probe */
    unsigned n_addrs;
    unsigned n_vs_leaves, n_g_leaves, n_junk;
};

/* Builds a fresh table set in the arena (the previous one is overwritten). */
void xc_gen_build(struct xc_gen *g, unsigned vs_mode, unsigned g_mode, uint16_t asid,
                  uint16_t vmid, unsigned n_leaves, unsigned n_junk);

/* ---- one comparison (compare.c) ---------------------------------------- */

enum xc_op { OP_HLV_D, OP_HSV_D, OP_HLVX_HU, N_OP };

/*
 * Deviations from the spec that the comparison tolerates, each only in the
 * exact form named here, and counted. Where each comes from (QEMU v7.2.0
 * source, which Debian's 7.2.22 does not change in target/riscv's MMU code):
 *  1 cpu_helper.c riscv_cpu_tlb_fill(): TRANSLATE_G_STAGE_FAIL sets
 *    access_type = MMU_DATA_LOAD before raise_mmu_exception()
 *  2 cpu_helper.c raise_mmu_exception(): a first-stage fault is a page fault
 *    only if HS satp (env->satp, not vsatp) is not Bare
 *  3 (no enum) cpu_helper.c get_physical_address(): A/D set by cmpxchg
 *  4 not QEMU: OpenSBI v1.1 lib/sbi/sbi_hart.c delegate_traps() keeps access
 *    faults in M-mode and lib/sbi/sbi_trap.c sbi_trap_redirect() writes
 *    htval/htinst/hstatus only for traps from V=1
 *  5 cpu_helper.c get_physical_address(): sum = mstatus.SUM || use_background
 *  6 cpu_helper.c get_physical_address(): the A/D cmpxchg writes the PTE's
 *    HPA directly; the G-stage walk of a VS table is always MMU_DATA_LOAD
 *  7 cpu_helper.c get_physical_address(): mxr = mstatus.MXR (first stage) or
 *    vsstatus.MXR (G-stage)
 *  8 op_helper.c helper_hyp_hlvx_hu(): cpu_lduw_mmuidx_ra(), a data load
 *  9 cpu_helper.c get_physical_address(): res != MEMTX_OK -> TRANSLATE_FAIL
 * 10 cpu_helper.c get_physical_address(): the masked_msbs check (sign
 *    extension) runs for the G-stage too (fixed in 8.1, commit 7bf14a2f37
 *    "target/riscv: Fix Guest Physical Address Translation"); for Sv57x4 its
 *    bit is 58, which no GPA of a VS-stage leaf or table reaches (56-bit PPN)
 */
enum xc_dev {
    DEV_IMPLICIT_AS_LOAD,    /* 1 */
    DEV_VS_FAULT_AS_ACCESS,  /* 2 */
    DEV_HTVAL_STALE,         /* 4 */
    DEV_SUM_FORCED,          /* 5 */
    DEV_VS_AD_NO_G_WRITE,    /* 6 */
    DEV_MXR_SWAPPED,         /* 7 */
    DEV_HLVX_NEEDS_READ,     /* 8 */
    DEV_G_PTE_BUS_ERROR,     /* 9 */
    DEV_GPA_MSB,             /* 10 */
    N_DEV
};
extern const char *const xc_dev_text[N_DEV];

struct xc_counts {
    uint64_t checks;          /* probes compared (skipped ones not included) */
    uint64_t ok;              /* both translated to the same HPA */
    uint64_t exc[24];         /* both faulted alike, by scause */
    uint64_t dev[N_DEV];      /* probes that needed this deviation to agree */
    uint64_t with_dev;        /* probes that needed at least one deviation */
    uint64_t skipped;         /* would reach device/firmware memory, or store into page tables */
    uint64_t mismatches;
    uint64_t ad_writes;       /* A/D updates the model made and QEMU's memory shows */
};

/* Translates `gva` with the model and with the hart (op), compares, counts. */
void xc_check(const struct xlate_ctx *ctx, struct rng *rng, const char *pair, uint64_t gva,
              enum xc_op op, struct xc_counts *cnt);

#endif
