/*
 * xlate: the two-stage (VS-stage + G-stage) address translation golden model.
 *
 * One library, three users: the hypervisor's software walker (built
 * freestanding), the reference for the HVA RTL walker, and host unit tests.
 * It follows the RISC-V privileged spec, "Virtual-Memory System" (Sv39/Sv48/
 * Sv57) and "Two-Stage Address Translation" (Sv39x4/Sv48x4/Sv57x4), with the
 * H extension:
 *
 *   | vsatp/satp MODE | levels | VA bits (sign-extended to 64) |
 *   | 8  Sv39         | 3      | 38:0                          |
 *   | 9  Sv48         | 4      | 47:0                          |
 *   | 10 Sv57         | 5      | 56:0                          |
 *   | hgatp MODE      | levels | GPA bits (above: guest-page fault) | root     |
 *   | 8  Sv39x4       | 3      | 40:0                               | 16 KiB   |
 *   | 9  Sv48x4       | 4      | 49:0                               | 16 KiB   |
 *   | 10 Sv57x4       | 5      | 58:0                               | 16 KiB   |
 *
 * The x4 root table has 2048 entries (2 more index bits at the top level);
 * leaves may sit at any level (4 KiB, 2 MiB, 1 GiB, 512 GiB, 256 TiB), and
 * the PTE's PPN layout (bits 53:10, a 56-bit PA) is the same in every mode.
 *
 * Choices where the spec leaves room (the RTL must make the same ones):
 *  - No Svnapot, no Svpbmt: PTE bits 63:54 are reserved; nonzero -> fault.
 *    The RSW bits 9:8 are ignored.
 *  - Non-leaf PTEs with A, D or U set are reserved -> fault.
 *  - A/D: XLATE_AD_FAULT (Svade) or XLATE_AD_UPDATE (hardware update with a
 *    compare-and-swap; on a CAS mismatch the stage is walked again). The
 *    A/D write to a VS-stage PTE is an implicit *write* through the G-stage.
 *  - Implicit VS-stage PTE reads are G-stage reads (R needed, or X with
 *    sstatus.MXR). A G-stage fault on them is a guest-page fault of the
 *    original access type with htval = PTE GPA >> 2.
 *  - A PTE read or CAS that the memory hook refuses is an access fault of
 *    the original access type (tval = the address translated, htval = 0).
 *  - Walks are bounded: at most XLATE_MAX_WALKS walks of one stage per
 *    request (CAS retries included); beyond that -> access fault.
 *  - An unknown vsatp/hgatp MODE is treated as Bare (those CSRs are WARL;
 *    legalizing a written value is the CSR emulation's job, not ours).
 */
#ifndef XLATE_XLATE_H
#define XLATE_XLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PTE bits */
#define XLATE_PTE_V        (1ull << 0)
#define XLATE_PTE_R        (1ull << 1)
#define XLATE_PTE_W        (1ull << 2)
#define XLATE_PTE_X        (1ull << 3)
#define XLATE_PTE_U        (1ull << 4)
#define XLATE_PTE_G        (1ull << 5)
#define XLATE_PTE_A        (1ull << 6)
#define XLATE_PTE_D        (1ull << 7)
#define XLATE_PTE_PPN_SHIFT 10
#define XLATE_PTE_PPN_MASK  ((1ull << 44) - 1)        /* PPN is bits 53:10 */
#define XLATE_PTE_RESERVED  (0x3ffull << 54)          /* bits 63:54 */

/* satp / vsatp: MODE 63:60, ASID 59:44, PPN 43:0 */
#define XLATE_SATP_MODE_BARE 0u
#define XLATE_SATP_MODE_SV39 8u
#define XLATE_SATP_MODE_SV48 9u
#define XLATE_SATP_MODE_SV57 10u
/* hgatp: MODE 63:60, VMID 57:44, PPN 43:0 */
#define XLATE_HGATP_MODE_BARE   0u
#define XLATE_HGATP_MODE_SV39X4 8u
#define XLATE_HGATP_MODE_SV48X4 9u
#define XLATE_HGATP_MODE_SV57X4 10u

/* scause codes the model can return */
#define XLATE_EXC_NONE              0u
#define XLATE_EXC_INST_ACCESS       1u
#define XLATE_EXC_LOAD_ACCESS       5u
#define XLATE_EXC_STORE_ACCESS      7u
#define XLATE_EXC_INST_PAGE        12u
#define XLATE_EXC_LOAD_PAGE        13u
#define XLATE_EXC_STORE_PAGE       15u
#define XLATE_EXC_INST_GUEST_PAGE  20u
#define XLATE_EXC_LOAD_GUEST_PAGE  21u
#define XLATE_EXC_STORE_GUEST_PAGE 23u

#define XLATE_MAX_STEPS 40    /* steps[] records the first 40 PTE reads (a cold
                                 Sv57 over Sv57x4 walk reads 5 * (5 + 1) + 5 = 35) */
#define XLATE_MAX_WALKS 4     /* walks of one stage per request (CAS retries) */

enum xlate_access { XLATE_READ, XLATE_WRITE, XLATE_EXEC };

enum xlate_ad_mode {
    XLATE_AD_FAULT,   /* Svade: A=0, or D=0 on a write -> page fault */
    XLATE_AD_UPDATE,  /* hardware sets A/D with an atomic compare-and-swap */
};

/* PTE memory hook, addressed by host physical address. */
struct xlate_mem {
    int (*read64)(void *ctx, uint64_t hpa, uint64_t *val);      /* 0, or -1: access fault */
    int (*cas64)(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired,
                 uint64_t *old);                                /* 0, or -1: access fault */
    void *ctx;
};

struct xlate_ctx {
    uint64_t vsatp;   /* MODE Bare/Sv39/Sv48/Sv57, ASID, PPN */
    uint64_t hgatp;   /* MODE Bare/Sv39x4/Sv48x4/Sv57x4, VMID, PPN */
    bool virt;        /* true: two-stage (VS/VU access or HLV/HSV); false: G-stage only (GPA in) */
    bool user;        /* effective privilege U (VU, or HLV with hstatus.SPVP=0) */
    bool sum;         /* vsstatus.SUM */
    bool vmxr;        /* vsstatus.MXR (VS-stage only) */
    bool mxr;         /* sstatus.MXR (both stages) */
    bool hlvx;        /* HLVX: a read that needs X instead of R, both stages */
    enum xlate_ad_mode ad_mode;
};

struct xlate_step {
    uint8_t stage;     /* 0 VS, 1 G */
    int8_t level;
    uint64_t pte_addr; /* HPA the PTE was read from */
    uint64_t pte;
};

#define XLATE_STAGE_VS 0
#define XLATE_STAGE_G  1

struct xlate_result {
    uint32_t exc;      /* 0: ok; else the scause code (XLATE_EXC_*) */
    uint64_t hpa;      /* ok: host physical address */
    uint64_t gpa;      /* GPA of the access (ok), or the faulting GPA (guest-page fault;
                          for an implicit access: the GPA of the VS-stage PTE) */
    uint64_t tval;     /* stval/vstval on a fault: the address translated (GVA, or GPA if !virt) */
    uint64_t htval;    /* guest-page fault: faulting GPA >> 2; else 0 */
    bool implicit;     /* guest-page fault raised by an implicit VS-stage PTE access */
    uint8_t vs_perm, g_perm;  /* R/W/X/U bits of the leaves (a Bare stage reports R|W|X|U) */
    uint64_t page_size;       /* of the combined mapping: the smaller leaf; a Bare stage
                                 sets no limit, both Bare -> 4 KiB */
    uint32_t pte_reads;       /* PTE reads, both stages */
    uint32_t n_steps;
    struct xlate_step steps[XLATE_MAX_STEPS];  /* the walk path, for error reports */
};

void xlate_translate(const struct xlate_ctx *c, const struct xlate_mem *m, uint64_t addr,
                     enum xlate_access acc, struct xlate_result *r);

/* Value builders for the hypervisor and tests. */
uint64_t xlate_make_pte(uint64_t ppn, uint64_t flags);   /* flags: XLATE_PTE_* bits */
uint64_t xlate_make_satp(unsigned mode, uint16_t asid, uint64_t root_ppn);
uint64_t xlate_make_hgatp(unsigned mode, uint16_t vmid, uint64_t root_ppn);
uint64_t xlate_pte_ppn(uint64_t pte);

/* Number of page-table levels of a mode (0 for Bare/unknown). */
unsigned xlate_satp_levels(uint64_t satp);
unsigned xlate_hgatp_levels(uint64_t hgatp);

/* Size in bytes of a leaf at `level` (0: 4 KiB, 1: 2 MiB, 2: 1 GiB, 3: 512 GiB,
 * 4: 256 TiB). */
static inline uint64_t xlate_level_size(int level)
{
    return 1ull << (12 + 9 * level);
}

#endif
