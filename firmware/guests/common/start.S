/* Test guest entry (VS-mode): a0 = hart id, a1 = device tree. */
    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, guest_stack_top
    la      t0, guest_trap_entry
    csrw    stvec, t0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    guest_main
    call    guest_finish
3:  j       3b

/* Every trap: save the caller-saved registers, call guest_trap(frame). The
 * handler may change frame->epc (to skip a faulting instruction). */
    .balign 4
    .globl guest_trap_entry
guest_trap_entry:
    addi    sp, sp, -256
    sd      ra, 0(sp)
    sd      t0, 8(sp)
    sd      t1, 16(sp)
    sd      t2, 24(sp)
    sd      a0, 32(sp)
    sd      a1, 40(sp)
    sd      a2, 48(sp)
    sd      a3, 56(sp)
    sd      a4, 64(sp)
    sd      a5, 72(sp)
    sd      a6, 80(sp)
    sd      a7, 88(sp)
    sd      t3, 96(sp)
    sd      t4, 104(sp)
    sd      t5, 112(sp)
    sd      t6, 120(sp)
    csrr    t0, sepc
    sd      t0, 128(sp)
    csrr    t0, scause
    sd      t0, 136(sp)
    csrr    t0, stval
    sd      t0, 144(sp)
    mv      a0, sp
    call    guest_trap
    ld      t0, 128(sp)
    csrw    sepc, t0
    ld      ra, 0(sp)
    ld      t0, 8(sp)
    ld      t1, 16(sp)
    ld      t2, 24(sp)
    ld      a0, 32(sp)
    ld      a1, 40(sp)
    ld      a2, 48(sp)
    ld      a3, 56(sp)
    ld      a4, 64(sp)
    ld      a5, 72(sp)
    ld      a6, 80(sp)
    ld      a7, 88(sp)
    ld      t3, 96(sp)
    ld      t4, 104(sp)
    ld      t5, 112(sp)
    ld      t6, 120(sp)
    addi    sp, sp, 256
    sret

    .section .bss.stack, "aw", @nobits
    .balign 16
    .space  16384
    .globl guest_stack_top
guest_stack_top:
