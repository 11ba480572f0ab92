/* hva_probe entry: M-mode, QEMU -bios none -kernel: a0 = hart id, a1 = DTB. */
    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, probe_stack_top
    la      t0, probe_trap
    csrw    mtvec, t0
    la      t0, __bss_start
    la      t2, __bss_end
1:  bgeu    t0, t2, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    probe_main
3:  j       3b

/* A trap the probe expects (probe_trap_save.expect, one shot: a bus error it
 * provokes) records mcause and skips the instruction; any other reports and fails. */
    .balign 4
probe_trap:
    csrw    mscratch, t0
    la      t0, probe_trap_save
    sd      t1, 0(t0)
    sd      t2, 8(t0)
    lw      t1, 16(t0)
    beqz    t1, 5f
    sw      zero, 16(t0)
    csrr    t1, mcause
    sd      t1, 24(t0)
    csrr    t1, mepc
    lhu     t2, 0(t1)
    andi    t2, t2, 3
    addi    t1, t1, 2
    addi    t2, t2, -3
    bnez    t2, 6f
    addi    t1, t1, 2
6:  csrw    mepc, t1
    ld      t1, 0(t0)
    ld      t2, 8(t0)
    csrr    t0, mscratch
    mret
5:  la      sp, probe_stack_top
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    call    probe_trap_report
4:  j       4b

    .section .bss
    .balign 16
    .space  16384
probe_stack_top:
