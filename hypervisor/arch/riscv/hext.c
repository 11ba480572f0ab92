/* Probing the hart: the H extension, Sstc, Sv48x4, VMID width. Each probe is
 * a CSR access that may trap; the HS trap handler resumes at a fixup label. */
#include "hext.h"
#include "csr.h"
#include "console.h"

struct hart_features hart;

volatile uint64_t hs_fixup_pc;

/* Runs one instruction `insn` (string) with a fixup; evaluates to 1 if it did
 * not trap. `v` is the register operand. */
#define TRY_INSN(insn, v) ({                                        \
    long ok_;                                                       \
    __asm__ volatile("la   t0, 1f\n\t"                              \
                     "sd   t0, 0(%[fix])\n\t"                       \
                     "li   %[ok], 0\n\t"                            \
                     insn "\n\t"                                    \
                     "li   %[ok], 1\n"                              \
                     "1:\n\t"                                       \
                     "sd   zero, 0(%[fix])\n\t"                     \
                     : [v] "+&r"(v), [ok] "=&r"(ok_)                \
                     : [fix] "r"(&hs_fixup_pc)                      \
                     : "t0", "memory");                             \
    ok_; })

bool hlvx_hu(uint64_t gva, uint16_t *out)
{
    uint64_t v = gva;
    /* hlvx.hu v, (v) */
    if (!TRY_INSN(H_INSN("hlvx.hu %[v], (%[v])"), v))
        return false;
    *out = (uint16_t)v;
    return true;
}

bool hlvx_wu(uint64_t gva, uint32_t *out)
{
    uint64_t v = gva;
    /* hlvx.wu v, (v) */
    if (!TRY_INSN(H_INSN("hlvx.wu %[v], (%[v])"), v))
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool hgatp_takes(uint64_t mode)
{
    csr_write(hgatp, mode << HGATP_MODE_SHIFT);
    bool ok = (csr_read(hgatp) >> HGATP_MODE_SHIFT) == mode;
    csr_write(hgatp, 0);
    return ok;
}

void hext_probe(void)
{
    uint64_t v = 0;

    hart.h = TRY_INSN("csrr %[v], hgatp", v);
    if (!hart.h)
        return;

    /* VMID width: write all ones into hgatp.VMID (mode Bare keeps it inert) */
    v = HGATP_VMID_MASK << HGATP_VMID_SHIFT;
    csr_write(hgatp, v);
    v = (csr_read(hgatp) >> HGATP_VMID_SHIFT) & HGATP_VMID_MASK;
    hart.vmid_bits = 0;
    while (v & 1)
        hart.vmid_bits++, v >>= 1;

    /* hgatp.MODE is WARL; an unsupported mode leaves hgatp unchanged */
    hart.sv48x4 = hgatp_takes(HGATP_MODE_SV48X4);
    hart.sv57x4 = hgatp_takes(HGATP_MODE_SV57X4);

    /* vsatp.MODE is WARL the same way: the widest mode it keeps is what a
     * guest may pick (Linux probes it, whatever the DT's mmu-type says) */
    hart.vsatp_max = SATP_MODE_SV39;
    for (uint64_t mode = SATP_MODE_SV57; mode > SATP_MODE_SV39; mode--) {
        csr_write(vsatp, mode << SATP_MODE_SHIFT);
        if ((csr_read(vsatp) >> SATP_MODE_SHIFT) == mode) {
            hart.vsatp_max = (uint8_t)mode;
            break;
        }
    }
    csr_write(vsatp, 0);

    /* Sstc: stimecmp is only accessible when M-mode set menvcfg.STCE */
    v = ~0UL;
    hart.sstc = TRY_INSN("csrw " CSR_STR(CSR_STIMECMP) ", %[v]", v);
    if (hart.sstc) {
        csr_set(henvcfg, HENVCFG_STCE);
        hart.sstc = (csr_read(henvcfg) & HENVCFG_STCE) != 0;
    }
}
