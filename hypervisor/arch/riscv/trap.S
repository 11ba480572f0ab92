/* Trap entry and guest entry.
 *
 * sscratch holds the running guest's `struct vcpu_regs *` while a guest runs,
 * and 0 while the hypervisor runs. A trap swaps it with sp: nonzero means the
 * trap came from the guest (save its registers there, continue on this
 * hart's stack), zero means it came from HS-mode itself. While the hypervisor
 * runs, tp is this hart's struct cpu (its first field: the stack top); the
 * vCPU's regs remember it across the guest's run (REG_CPU).
 *
 * Offsets follow struct vcpu_regs in vm.h (checked by _Static_assert there).
 */
#define REG_SEPC    256
#define REG_SSTATUS 264
#define REG_HSTATUS 272
#define REG_SCAUSE  280
#define REG_STVAL   288
#define REG_HTVAL   296
#define REG_HTINST  304
#define REG_CPU     312
#define CPU_LOADED  8            /* struct cpu.loaded */
#define FRAME_SIZE  320          /* sizeof(struct vcpu_regs), 16-aligned */

/* restores every GPR but the base register and sp */
.macro LOAD_GPRS base
    ld x1,   8(\base)
    ld x3,  24(\base)
    ld x4,  32(\base)
    ld x5,  40(\base)
    ld x6,  48(\base)
    ld x7,  56(\base)
    ld x8,  64(\base)
    ld x9,  72(\base)
    ld x11, 88(\base)
    ld x12, 96(\base)
    ld x13, 104(\base)
    ld x14, 112(\base)
    ld x15, 120(\base)
    ld x16, 128(\base)
    ld x17, 136(\base)
    ld x18, 144(\base)
    ld x19, 152(\base)
    ld x20, 160(\base)
    ld x21, 168(\base)
    ld x22, 176(\base)
    ld x23, 184(\base)
    ld x24, 192(\base)
    ld x25, 200(\base)
    ld x26, 208(\base)
    ld x27, 216(\base)
    ld x28, 224(\base)
    ld x29, 232(\base)
    ld x30, 240(\base)
    ld x31, 248(\base)
.endm

.macro SAVE_TRAP_CSRS base, tmp
    csrr \tmp, sepc
    sd   \tmp, REG_SEPC(\base)
    csrr \tmp, sstatus
    sd   \tmp, REG_SSTATUS(\base)
    csrr \tmp, hstatus
    sd   \tmp, REG_HSTATUS(\base)
    csrr \tmp, scause
    sd   \tmp, REG_SCAUSE(\base)
    csrr \tmp, stval
    sd   \tmp, REG_STVAL(\base)
    csrr \tmp, htval
    sd   \tmp, REG_HTVAL(\base)
    csrr \tmp, htinst
    sd   \tmp, REG_HTINST(\base)
.endm

/* what C may clobber (the ABI's caller-saved registers), and the guest's tp */
.macro SAVE_CALLER_SAVED base
    sd x1,   8(\base)
    sd x4,  32(\base)
    sd x5,  40(\base)
    sd x6,  48(\base)
    sd x7,  56(\base)
    sd x10, 80(\base)
    sd x11, 88(\base)
    sd x12, 96(\base)
    sd x13, 104(\base)
    sd x14, 112(\base)
    sd x15, 120(\base)
    sd x16, 128(\base)
    sd x17, 136(\base)
    sd x28, 224(\base)
    sd x29, 232(\base)
    sd x30, 240(\base)
    sd x31, 248(\base)
.endm

/* the rest: what C preserves (s0-s11) and gp */
.macro SAVE_CALLEE_SAVED base
    sd x3,  24(\base)
    sd x8,  64(\base)
    sd x9,  72(\base)
    sd x18, 144(\base)
    sd x19, 152(\base)
    sd x20, 160(\base)
    sd x21, 168(\base)
    sd x22, 176(\base)
    sd x23, 184(\base)
    sd x24, 192(\base)
    sd x25, 200(\base)
    sd x26, 208(\base)
    sd x27, 216(\base)
.endm

/* restores the caller-saved registers and tp, all but the base */
.macro LOAD_CALLER_SAVED base
    ld x1,   8(\base)
    ld x4,  32(\base)
    ld x6,  48(\base)
    ld x7,  56(\base)
    ld x10, 80(\base)
    ld x11, 88(\base)
    ld x12, 96(\base)
    ld x13, 104(\base)
    ld x14, 112(\base)
    ld x15, 120(\base)
    ld x16, 128(\base)
    ld x17, 136(\base)
    ld x28, 224(\base)
    ld x29, 232(\base)
    ld x30, 240(\base)
    ld x31, 248(\base)
.endm

    .section .text
    .balign 4
    .globl trap_entry
trap_entry:
    csrrw   sp, sscratch, sp
    beqz    sp, .Lfrom_hs

    /* from the guest: sp = its struct vcpu_regs. First only what C may
     * clobber: the fast path (guest_trap_fast) answers the calls that touch
     * nothing but the vCPU itself and returns straight to it. */
    SAVE_CALLER_SAVED sp
    csrrw   t0, sscratch, zero
    sd      t0, 16(sp)              /* the guest's own sp */
    ld      tp, REG_CPU(sp)
    mv      a0, sp
    ld      sp, 0(tp)               /* this hart's stack */
    csrr    a1, scause
    call    guest_trap_fast
    ld      t0, CPU_LOADED(tp)      /* the vCPU (its regs come first) */
    beqz    a0, .Lslow
    csrw    sscratch, t0
    LOAD_CALLER_SAVED t0
    ld      sp, 16(t0)
    ld      t0, 40(t0)
    sret

    /* the whole trap: the rest of the registers and the trap CSRs */
.Lslow:
    SAVE_CALLEE_SAVED t0
    SAVE_TRAP_CSRS t0, t1
    mv      a0, t0
    call    guest_trap              /* returns the vcpu_regs to run next */
    j       vcpu_enter

.Lfrom_hs:
    csrrw   sp, sscratch, sp        /* sp back, sscratch = 0 again */
    addi    sp, sp, -FRAME_SIZE
    SAVE_CALLER_SAVED sp
    SAVE_CALLEE_SAVED sp
    addi    t0, sp, FRAME_SIZE
    sd      t0, 16(sp)
    SAVE_TRAP_CSRS sp, t0
    mv      a0, sp
    call    hs_trap                 /* may redirect sepc to a fixup */
    ld      t0, REG_SEPC(sp)
    csrw    sepc, t0
    ld      t0, REG_SSTATUS(sp)
    csrw    sstatus, t0
    ld      t0, REG_HSTATUS(sp)
    csrw    hstatus, t0
    mv      x10, sp
    LOAD_GPRS x10
    ld      x10, 80(sp)
    addi    sp, sp, FRAME_SIZE
    sret

/* void vcpu_enter(struct vcpu_regs *r) -- does not return */
    .globl vcpu_enter
vcpu_enter:
    sd      tp, REG_CPU(a0)
    ld      t0, REG_SEPC(a0)
    csrw    sepc, t0
    ld      t0, REG_SSTATUS(a0)
    csrw    sstatus, t0
    ld      t0, REG_HSTATUS(a0)
    csrw    hstatus, t0
    csrw    sscratch, a0
    ld      sp, 16(a0)
    LOAD_GPRS a0
    ld      a0, 80(a0)
    sret

/* FP state of a vCPU (struct vcpu_fp): only touched on a vCPU switch. */
    .option push
    .option arch, +d
    .globl fp_save
fp_save:
    fsd f0, 0(a0);   fsd f1, 8(a0);   fsd f2, 16(a0);  fsd f3, 24(a0)
    fsd f4, 32(a0);  fsd f5, 40(a0);  fsd f6, 48(a0);  fsd f7, 56(a0)
    fsd f8, 64(a0);  fsd f9, 72(a0);  fsd f10, 80(a0); fsd f11, 88(a0)
    fsd f12, 96(a0); fsd f13, 104(a0); fsd f14, 112(a0); fsd f15, 120(a0)
    fsd f16, 128(a0); fsd f17, 136(a0); fsd f18, 144(a0); fsd f19, 152(a0)
    fsd f20, 160(a0); fsd f21, 168(a0); fsd f22, 176(a0); fsd f23, 184(a0)
    fsd f24, 192(a0); fsd f25, 200(a0); fsd f26, 208(a0); fsd f27, 216(a0)
    fsd f28, 224(a0); fsd f29, 232(a0); fsd f30, 240(a0); fsd f31, 248(a0)
    frcsr t0
    sd  t0, 256(a0)
    ret

    .globl fp_restore
fp_restore:
    fld f0, 0(a0);   fld f1, 8(a0);   fld f2, 16(a0);  fld f3, 24(a0)
    fld f4, 32(a0);  fld f5, 40(a0);  fld f6, 48(a0);  fld f7, 56(a0)
    fld f8, 64(a0);  fld f9, 72(a0);  fld f10, 80(a0); fld f11, 88(a0)
    fld f12, 96(a0); fld f13, 104(a0); fld f14, 112(a0); fld f15, 120(a0)
    fld f16, 128(a0); fld f17, 136(a0); fld f18, 144(a0); fld f19, 152(a0)
    fld f20, 160(a0); fld f21, 168(a0); fld f22, 176(a0); fld f23, 184(a0)
    fld f24, 192(a0); fld f25, 200(a0); fld f26, 208(a0); fld f27, 216(a0)
    fld f28, 224(a0); fld f29, 232(a0); fld f30, 240(a0); fld f31, 248(a0)
    ld  t0, 256(a0)
    fscsr t0
    ret
    .option pop
