/* AIA guest interrupt files: see aia.h. */
#include "aia.h"
#include "console.h"
#include "csr.h"
#include "fdt_min.h"
#include "util.h"
#include "cpu.h"

#define IMSIC_FILE_SIZE 0x1000UL
#define IMSIC_SETEIPNUM_LE 0x0

/* indirect registers of an interrupt file (AIA spec, "IMSIC") */
#define ISELECT_EIDELIVERY  0x70
#define ISELECT_EITHRESHOLD 0x72
#define ISELECT_EIP0        0x80
#define ISELECT_EIE0        0xC0
#define IMSIC_ID_WORDS      4            /* 64-bit eip/eie registers for ids 0..255 */

#define HSTATUS_VGEIN_MASK (0x3fUL << HSTATUS_VGEIN_SHIFT)

/* The S-level IMSICs: hart i's (in the order of the cpus) at base + i *
 * hart_stride, its S-level file first, then its guest files. */
static uint64_t imsic_s_base, hart_stride;
static uint64_t files_free[MAX_CPUS];  /* bit g: guest file g of that hart is unused */

static uint32_t be32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

void aia_probe(const void *dtb)
{
    uint32_t len;
    /* the S-level IMSIC is the one with guest files */
    const uint8_t *reg = fdt_find_node_property(dtb, "imsics", "riscv,guest-index-bits", "reg", &len);
    const uint8_t *gbits = fdt_find_node_property(dtb, "imsics", "riscv,guest-index-bits",
                                                  "riscv,guest-index-bits", &len);
    if (!reg || !gbits)
        return;
    uint64_t geilen_mask;
    csr_write(hgeie, ~0UL);
    geilen_mask = csr_read(hgeie);
    csr_write(hgeie, 0);
    if (!geilen_mask)
        return;
    imsic_s_base = (uint64_t)be32(reg) << 32 | be32(reg + 4);
    hart_stride = IMSIC_FILE_SIZE << be32(gbits);
    for (uint32_t i = 0; i < MAX_CPUS; i++)
        files_free[i] = geilen_mask & ~1UL;
    hv_log("AIA: IMSICs at 0x%lx (0x%lx per hart) with %u guest interrupt files per hart\n",
           imsic_s_base, hart_stride, (unsigned)__builtin_popcountl(geilen_mask & ~1UL));
}

void aia_reserve_lines(uint64_t lines)
{
    if (files_free[0] & lines)
        hv_log("AIA: of those, %u are the HVA VIC's lines (hgeip 0x%lx), not IMSIC guest files\n",
               (unsigned)__builtin_popcountl(files_free[0] & lines), files_free[0] & lines);
    for (uint32_t i = 0; i < MAX_CPUS; i++)
        files_free[i] &= ~lines;
}

bool aia_present(void)
{
    return imsic_s_base != 0;
}

uint32_t aia_alloc_file(uint32_t cpu)
{
    if (cpu >= MAX_CPUS || !files_free[cpu])
        return 0;
    uint32_t g = (uint32_t)__builtin_ctzl(files_free[cpu]);
    files_free[cpu] &= ~(1UL << g);
    return g;
}

uint64_t aia_file_hpa(uint32_t cpu, uint32_t file)
{
    return imsic_s_base + cpu * hart_stride + file * IMSIC_FILE_SIZE;
}

void aia_send(uint32_t cpu, uint32_t file, uint32_t eiid)
{
    *(volatile uint32_t *)(uintptr_t)(aia_file_hpa(cpu, file) + IMSIC_SETEIPNUM_LE) = eiid;
}

static void ireg_write(uint64_t sel, uint64_t val)
{
    csr_write(CSR_VSISELECT, sel);
    csr_write(CSR_VSIREG, val);
}

void aia_reset_file(uint32_t file)
{
    /* the file is reached through vsiselect/vsireg while hstatus.VGEIN names it */
    uint64_t hstatus = csr_read(hstatus);
    csr_write(hstatus, (hstatus & ~HSTATUS_VGEIN_MASK) | (uint64_t)file << HSTATUS_VGEIN_SHIFT);
    ireg_write(ISELECT_EIDELIVERY, 0);
    ireg_write(ISELECT_EITHRESHOLD, 0);
    for (unsigned i = 0; i < IMSIC_ID_WORDS; i++) {
        ireg_write(ISELECT_EIE0 + 2 * i, 0);
        ireg_write(ISELECT_EIP0 + 2 * i, 0);
    }
    csr_write(hstatus, hstatus);
}

bool aia_file_pending(uint32_t file)
{
    return (csr_read(hgeip) >> file) & 1;
}
