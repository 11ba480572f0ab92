/* CSR access and the bits of the H extension and Sstc the hypervisor uses. */
#ifndef CHIPVISOR_CSR_H
#define CHIPVISOR_CSR_H

#include <stdint.h>

/* `csr` is a name the assembler knows or a CSR_* number macro (expanded first) */
#define CSR_STR_(x) #x
#define CSR_STR(x) CSR_STR_(x)
#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " CSR_STR(csr) : "=r"(v_)); v_; })
#define csr_write(csr, val) __asm__ volatile("csrw " CSR_STR(csr) ", %0" :: "rK"((uint64_t)(val)) : "memory")
#define csr_set(csr, val)   __asm__ volatile("csrs " CSR_STR(csr) ", %0" :: "rK"((uint64_t)(val)) : "memory")
#define csr_clear(csr, val) __asm__ volatile("csrc " CSR_STR(csr) ", %0" :: "rK"((uint64_t)(val)) : "memory")

/* H-extension instructions: GCC 12 rejects `h` in -march, so enable it around each one */
#define H_INSN(insn) ".option push\n\t.option arch, +h\n\t" insn "\n\t.option pop"

/* CSR numbers the assembler has no names for (Sstc, AIA) */
#define CSR_STIMECMP  0x14D
#define CSR_VSTIMECMP 0x24D
#define CSR_VSISELECT 0x250
#define CSR_VSIREG    0x251

/* sstatus */
#define SSTATUS_SIE   (1UL << 1)
#define SSTATUS_SPIE  (1UL << 5)
#define SSTATUS_SPP   (1UL << 8)
#define SSTATUS_FS    (3UL << 13)
#define SSTATUS_FS_INITIAL (1UL << 13)
#define SSTATUS_FS_CLEAN   (2UL << 13)
#define SSTATUS_FS_DIRTY   (3UL << 13)
#define SSTATUS_SUM   (1UL << 18)
#define SSTATUS_MXR   (1UL << 19)

/* hstatus */
#define HSTATUS_GVA   (1UL << 6)
#define HSTATUS_SPV   (1UL << 7)
#define HSTATUS_SPVP  (1UL << 8)
#define HSTATUS_VGEIN_SHIFT 12   /* guest external interrupt line (hgeip bit) while V=1 */
#define HSTATUS_HU    (1UL << 9)
#define HSTATUS_VTVM  (1UL << 20)
#define HSTATUS_VTW   (1UL << 21)
#define HSTATUS_VTSR  (1UL << 22)
#define HSTATUS_VSXL_64 (2UL << 32)

/* interrupt bits (sip/sie/hvip/hideleg) */
#define IRQ_S_SOFT    1
#define IRQ_VS_SOFT   2
#define IRQ_S_TIMER   5
#define IRQ_VS_TIMER  6
#define IRQ_S_EXT     9
#define IRQ_VS_EXT    10
#define MIP_VSSIP     (1UL << IRQ_VS_SOFT)
#define MIP_VSTIP     (1UL << IRQ_VS_TIMER)
#define MIP_VSEIP     (1UL << IRQ_VS_EXT)
#define MIP_STIP      (1UL << IRQ_S_TIMER)

/* scause exception codes */
#define EXC_INST_MISALIGNED   0
#define EXC_INST_ACCESS       1
#define EXC_ILLEGAL_INST      2
#define EXC_BREAKPOINT        3
#define EXC_LOAD_MISALIGNED   4
#define EXC_LOAD_ACCESS       5
#define EXC_STORE_MISALIGNED  6
#define EXC_STORE_ACCESS      7
#define EXC_ECALL_U           8
#define EXC_ECALL_HS          9
#define EXC_ECALL_VS          10
#define EXC_INST_PAGE_FAULT   12
#define EXC_LOAD_PAGE_FAULT   13
#define EXC_STORE_PAGE_FAULT  15
#define EXC_INST_GUEST_PAGE_FAULT  20
#define EXC_LOAD_GUEST_PAGE_FAULT  21
#define EXC_VIRTUAL_INST      22
#define EXC_STORE_GUEST_PAGE_FAULT 23
#define SCAUSE_INTERRUPT (1UL << 63)

/* henvcfg */
#define HENVCFG_STCE  (1UL << 63)

/* satp / vsatp */
#define SATP_MODE_SV39    8UL
#define SATP_MODE_SV48    9UL
#define SATP_MODE_SV57    10UL
#define SATP_MODE_SHIFT   60

/* hgatp */
#define HGATP_MODE_SV39X4 8UL
#define HGATP_MODE_SV48X4 9UL
#define HGATP_MODE_SV57X4 10UL
#define HGATP_MODE_SHIFT  60
#define HGATP_VMID_SHIFT  44
#define HGATP_VMID_MASK   0x3FFFUL

static inline uint64_t read_time(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

#endif
