/* Builders and decoders for PTE, satp/vsatp and hgatp values. */
#include "xlate/xlate.h"

#define CSR_MODE_SHIFT 60
#define CSR_ID_SHIFT   44          /* ASID (satp) / VMID (hgatp) */
#define CSR_PPN_MASK   ((1ull << 44) - 1)
#define HGATP_VMID_MASK ((1ull << 14) - 1)

uint64_t xlate_make_pte(uint64_t ppn, uint64_t flags)
{
    return ((ppn & XLATE_PTE_PPN_MASK) << XLATE_PTE_PPN_SHIFT) | (flags & 0x3ff);
}

uint64_t xlate_pte_ppn(uint64_t pte)
{
    return (pte >> XLATE_PTE_PPN_SHIFT) & XLATE_PTE_PPN_MASK;
}

uint64_t xlate_make_satp(unsigned mode, uint16_t asid, uint64_t root_ppn)
{
    return ((uint64_t)(mode & 0xf) << CSR_MODE_SHIFT) |
           ((uint64_t)asid << CSR_ID_SHIFT) | (root_ppn & CSR_PPN_MASK);
}

uint64_t xlate_make_hgatp(unsigned mode, uint16_t vmid, uint64_t root_ppn)
{
    return ((uint64_t)(mode & 0xf) << CSR_MODE_SHIFT) |
           (((uint64_t)vmid & HGATP_VMID_MASK) << CSR_ID_SHIFT) | (root_ppn & CSR_PPN_MASK);
}

unsigned xlate_satp_levels(uint64_t satp)
{
    switch (satp >> CSR_MODE_SHIFT) {
    case XLATE_SATP_MODE_SV39: return 3;
    case XLATE_SATP_MODE_SV48: return 4;
    case XLATE_SATP_MODE_SV57: return 5;
    default: return 0;
    }
}

unsigned xlate_hgatp_levels(uint64_t hgatp)
{
    switch (hgatp >> CSR_MODE_SHIFT) {
    case XLATE_HGATP_MODE_SV39X4: return 3;
    case XLATE_HGATP_MODE_SV48X4: return 4;
    case XLATE_HGATP_MODE_SV57X4: return 5;
    default: return 0;
    }
}
