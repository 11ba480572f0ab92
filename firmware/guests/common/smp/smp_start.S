/* SMP test guest entry points (S-mode natively, VS-mode under chipvisor).
 *   _start            boot hart:  a0 = hart id, a1 = device tree
 *   smp_hart_entry    HSM hart_start target:  a0 = hart id, a1 = opaque
 *   smp_resume_entry  HSM non-retentive suspend resume:  a0 = hart id, a1 = opaque
 * Each hart runs on its own stack (smp_stacks[hartid]) with tp = hart id, and
 * traps to smp_trap_entry, which saves the caller-saved registers on that
 * hart's stack and calls smp_trap(frame) (frame layout: struct trap_frame). */
#define SMP_MAX_HARTS  8
#define SMP_STACK_SIZE 16384

    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    mv      s0, a0
    mv      s1, a1
    li      t0, SMP_MAX_HARTS
    bgeu    a0, t0, 9f
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  mv      a0, s0
    call    hart_setup              /* sp, tp, stvec for hart a0 (keeps a0, a1) */
    mv      a0, s0
    mv      a1, s1
    call    smp_boot                /* never returns */
9:  wfi                             /* a hart id beyond the stacks: park */
    j       9b

    .text
    .globl smp_hart_entry
    .balign 4
smp_hart_entry:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    li      t0, SMP_MAX_HARTS
    bgeu    a0, t0, 9b
    call    hart_setup
    mv      s0, a0
    mv      s1, a1
    call    smp_hart_init           /* no timer */
    mv      a0, s0
    mv      a1, s1
    call    hart_main               /* the guest's; never returns */
    j       9b

    .globl smp_resume_entry
    .balign 4
smp_resume_entry:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    li      t0, SMP_MAX_HARTS
    bgeu    a0, t0, 9b
    call    hart_setup
    mv      s0, a0
    mv      s1, a1
    call    smp_hart_init
    mv      a0, s0
    mv      a1, s1
    call    hart_resume             /* the guest's; never returns */
    j       9b

/* hart_setup: a0 = hart id; sets sp to the top of that hart's stack, tp = a0,
 * stvec = smp_trap_entry. Returns with a0, a1 intact (ra is used before sp). */
hart_setup:
    mv      tp, a0
    la      sp, smp_stacks
    addi    t0, a0, 1
    li      t1, SMP_STACK_SIZE
    mul     t0, t0, t1
    add     sp, sp, t0
    la      t0, smp_trap_entry
    csrw    stvec, t0
    ret

    .globl smp_trap_entry
    .balign 4
smp_trap_entry:
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
    call    smp_trap
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
    .balign 4096
    .globl smp_stacks
smp_stacks:
    .space  SMP_STACK_SIZE * SMP_MAX_HARTS
