/* Entry from OpenSBI (fw_jump): a0 = hart id, a1 = device tree, S-mode (HS). */
#define MAX_CPUS_ASM 8             /* MAX_CPUS of cpu.h (cpu.c checks) */
    .section .text.start, "ax"
    .globl _start
_start:
    /* no interrupts, no FP state of our own until we set it up */
    csrw    sie, zero
    csrw    sscratch, zero
    /* one boot hart: the firmware may send a second one here too (OpenSBI
     * 1.1 on a loaded host was seen to); it waits until the boot hart hands
     * it its struct cpu in late_harts[hart id], then joins as a secondary */
    la      t0, boot_lottery
    li      t1, 1
    amoadd.w t1, t1, (t0)
    bnez    t1, late_hart
    la      sp, hv_stack_top
    /* until the H extension is known to exist, traps must not touch H CSRs */
    la      t0, early_trap_entry
    csrw    stvec, t0
    /* clear .bss */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    hv_main
3:  wfi
    j       3b

/* Other harts, started by the boot hart through SBI HSM: a0 = hart id,
 * a1 = its struct cpu (whose first field is its stack top). */
    .globl _secondary_start
_secondary_start:
    csrw    sie, zero
    csrw    sscratch, zero
    mv      tp, a1
    ld      sp, 0(tp)
    la      t0, early_trap_entry
    csrw    stvec, t0
    call    hv_secondary_main
4:  wfi
    j       4b

late_hart:
    li      t0, MAX_CPUS_ASM
    bgeu    a0, t0, 6f
    la      t0, late_harts
    slli    t1, a0, 3
    add     t0, t0, t1
5:  ld      a1, 0(t0)
    beqz    a1, 5b
    fence   r, rw
    j       _secondary_start
6:  wfi                             /* a hart id beyond the table: stays out */
    j       6b

/* Early trap vector, used while probing: an expected fault resumes at
 * hs_fixup_pc; anything else is reported by early_trap() in C. */
    .balign 4
    .globl early_trap_entry
early_trap_entry:
    csrw    sscratch, t0
    la      t0, hs_fixup_pc
    ld      t0, 0(t0)
    beqz    t0, 1f
    csrw    sepc, t0
    csrr    t0, sscratch
    csrw    sscratch, zero
    sret
1:  csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    j       early_trap

    .section .data
    .balign 8
boot_lottery:                       /* in .data: the boot hart clears .bss */
    .word   0
    .balign 8
    .globl late_harts
late_harts:
    .space  8 * MAX_CPUS_ASM

    .section .bss.stack, "aw", @nobits
    .balign 16
    .globl hv_stack_top
hv_stack:
    .space  32768
hv_stack_top:
