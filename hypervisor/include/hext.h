/* What this hart's H extension offers, found by probing CSRs at boot. */
#ifndef CHIPVISOR_HEXT_H
#define CHIPVISOR_HEXT_H

#include <stdbool.h>
#include <stdint.h>

struct hart_features {
    bool h;              /* hypervisor extension */
    bool sstc;           /* stimecmp / vstimecmp usable (menvcfg.STCE set below us) */
    bool sv48x4;         /* hgatp accepts Sv48x4 */
    bool sv57x4;         /* hgatp accepts Sv57x4 */
    uint8_t vsatp_max;   /* widest vsatp MODE a guest can use (SATP_MODE_SV39/48/57) */
    uint32_t vmid_bits;
};

extern struct hart_features hart;

void hext_probe(void);

/* A guest halfword read from HS-mode with the guest's own translation
 * (vsatp + hgatp, privilege hstatus.SPVP, execute permission); false on any fault. */
bool hlvx_hu(uint64_t gva, uint16_t *out);
/* the same for 32 bits; gva must be 4-byte aligned */
bool hlvx_wu(uint64_t gva, uint32_t *out);

/* Fixup for expected HS-mode faults (trap.c): the faulting pc continues at `hs_fixup_pc`. */
extern volatile uint64_t hs_fixup_pc;

#endif
