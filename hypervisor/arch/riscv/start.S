/* Entry from OpenSBI (fw_jump): a0 = hart id, a1 = device tree, S-mode (HS). */
    .section .text.start, "ax"
    .globl _start
_start:
    /* no interrupts, no FP state of our own until we set it up */
    csrw    sie, zero
    csrw    sscratch, zero
    la      sp, hv_stack_top
    la      t0, trap_entry
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

    .section .bss.stack, "aw", @nobits
    .balign 16
    .globl hv_stack_top
hv_stack:
    .space  32768
hv_stack_top:
