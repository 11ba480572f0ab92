/* What this hart's H extension offers, found by probing CSRs at boot. */
#ifndef CHIPVISOR_HEXT_H
#define CHIPVISOR_HEXT_H

#include <stdbool.h>
#include <stdint.h>

struct hart_features {
    bool h;              /* hypervisor extension */
    bool sstc;           /* stimecmp / vstimecmp usable (menvcfg.STCE set below us) */
    bool sv48x4;         /* hgatp accepts Sv48x4 */
    uint32_t vmid_bits;
};

extern struct hart_features hart;

void hext_probe(void);

/* Runs `insn` at most once with a fixup: returns false if it trapped. */
bool hs_try_csr_read(unsigned csr, uint64_t *val);

/* Guest memory access from HS-mode with the guest's own translation
 * (vsatp + hgatp, privilege hstatus.SPVP); return false on any fault. */
bool hlvx_hu(uint64_t gva, uint16_t *out);
bool hlv_d(uint64_t gva, uint64_t *out);

/* Fixup for expected HS-mode faults (trap.c): the faulting pc continues at `hs_fixup_pc`. */
extern volatile uint64_t hs_fixup_pc;
extern volatile uint64_t hs_fixup_cause, hs_fixup_tval, hs_fixup_htval;

#endif
