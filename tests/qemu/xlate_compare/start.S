/* Entry from OpenSBI fw_jump (HS-mode, satp Bare), the trap vector, and the
 * probes: one H-extension access each, whose fault resumes at a fixup label. */
#include "xc_trap.h"

    .section .text.start, "ax"
    .globl _start
_start:
    csrw    sie, zero
    csrw    sscratch, zero
    la      sp, xc_stack_top
    la      t0, xc_trap_entry
    csrw    stvec, t0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    xc_main
3:  wfi
    j       3b

/*
 * Trap vector. An expected fault (xc_trap.fixup != 0) records scause, stval,
 * htval, htinst and hstatus and resumes at the fixup pc; it uses only t0
 * (through sscratch) and t1 (saved in the record). Anything else goes to
 * xc_unexpected_trap() in C, which ends the run.
 */
    .text
    .balign 4
    .globl xc_trap_entry
xc_trap_entry:
    csrw    sscratch, t0
    la      t0, xc_trap
    sd      t1, TRAP_SAVE_T1(t0)
    ld      t1, TRAP_FIXUP(t0)
    beqz    t1, 1f
    csrw    sepc, t1
    sd      zero, TRAP_FIXUP(t0)
    csrr    t1, scause
    sd      t1, TRAP_CAUSE(t0)
    csrr    t1, stval
    sd      t1, TRAP_TVAL(t0)
    csrr    t1, htval
    sd      t1, TRAP_HTVAL(t0)
    csrr    t1, htinst
    sd      t1, TRAP_HTINST(t0)
    csrr    t1, hstatus
    sd      t1, TRAP_HSTATUS(t0)
    ld      t1, TRAP_SAVE_T1(t0)
    csrr    t0, sscratch
    sret
1:  csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    j       xc_unexpected_trap

/* Arm the fixup: the access below either completes or resumes at label 9. */
.macro ARM_FIXUP
    la      t0, xc_trap
    la      t1, 9f
    sd      zero, TRAP_CAUSE(t0)
    sd      t1, TRAP_FIXUP(t0)
.endm

.macro DISARM_FIXUP
    la      t0, xc_trap
    sd      zero, TRAP_FIXUP(t0)
.endm

/* uint64_t xc_probe_hlv_d(uint64_t gva): HLV.D; a fault leaves xc_trap.cause != 0 */
    .globl xc_probe_hlv_d
xc_probe_hlv_d:
    ARM_FIXUP
    .option push
    .option arch, +h
    hlv.d   a0, (a0)
    .option pop
9:  DISARM_FIXUP
    ret

/* uint64_t xc_probe_hlvx_hu(uint64_t gva): HLVX.HU (a read that needs execute permission) */
    .globl xc_probe_hlvx_hu
xc_probe_hlvx_hu:
    ARM_FIXUP
    .option push
    .option arch, +h
    hlvx.hu a0, (a0)
    .option pop
9:  DISARM_FIXUP
    ret

/* void xc_probe_hsv_d(uint64_t gva, uint64_t value): HSV.D */
    .globl xc_probe_hsv_d
xc_probe_hsv_d:
    ARM_FIXUP
    .option push
    .option arch, +h
    hsv.d   a1, (a0)
    .option pop
9:  DISARM_FIXUP
    ret

/* void xc_hfence_all(void): both stages, every VMID and address */
    .globl xc_hfence_all
xc_hfence_all:
    .option push
    .option arch, +h
    hfence.gvma zero, zero
    hfence.vvma zero, zero
    .option pop
    ret

    .section .bss.stack, "aw", @nobits
    .balign 16
xc_stack:
    .space  32768
xc_stack_top:
