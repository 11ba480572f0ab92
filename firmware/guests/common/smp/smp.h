/* Runtime of the SMP test guests (smp_test, smp_stress): they run natively on
 * OpenSBI (S-mode, QEMU -smp N) and as chipvisor VMs with `cpus N` (VS-mode).
 *
 * The boot hart enters _start with a0 = hart id, a1 = DTB; the runtime clears
 * bss, finds the harts in the DTB's /cpus (or, without a DTB, asks HSM
 * hart_get_status of ids 0..SMP_MAX_HARTS-1), picks the console (SBI DBCN when
 * probed, else the legacy putchar that OpenSBI 1.1 has) and calls smp_main().
 * Other harts are started with smp_start_hart() and enter hart_main(hartid,
 * opaque); a non-retentive suspend resumes in hart_resume(hartid, opaque).
 * Every hart has its own stack and takes its traps on it; supervisor software
 * (SSIP) and timer (STIP) interrupts are counted per hart here. */
#ifndef SMP_H
#define SMP_H

#include "guest.h"

#define SMP_MAX_HARTS  8            /* hart ids 0..7; matches smp_start.S */
#define SMP_STACK_SIZE 16384

/* SBI values the common header lacks */
#define SBI_HSM_STATE_START_PENDING   2
#define SBI_HSM_STATE_STOP_PENDING    3
#define SBI_HSM_STATE_SUSPENDED       4
#define SBI_HSM_STATE_SUSPEND_PENDING 5
#define SBI_HSM_STATE_RESUME_PENDING  6
#define SBI_HSM_SUSPEND_NON_RETENTIVE 0x80000000UL
#define SBI_RFENCE_FENCE_I            0
#define SBI_RFENCE_SFENCE_VMA         1
#define SBI_RFENCE_SFENCE_VMA_ASID    2
#define SBI_IMPL_ID_OPENSBI           1

/* the harts: index i (0..smp_nharts-1) -> hart id smp_ids[i], ascending */
extern unsigned smp_nharts;
extern unsigned long smp_ids[SMP_MAX_HARTS];
extern unsigned long smp_boot_hart;
extern const char *smp_hart_source;      /* "dtb" or "hsm" */
extern const char *smp_bootargs;         /* /chosen/bootargs or "" */
extern long smp_impl_id, smp_impl_version, smp_spec_version;
extern bool smp_on_opensbi;              /* implementation id is OpenSBI's */

/* per-hart interrupt counts (index: hart id), kept by smp_trap */
extern volatile unsigned long smp_ipi_count[SMP_MAX_HARTS];
extern volatile unsigned long smp_timer_count[SMP_MAX_HARTS];
extern volatile uint64_t smp_timer_at[SMP_MAX_HARTS];

/* optional hooks: called in the interrupt handler after the count, and for
 * any other trap (return true when handled) */
extern void (*volatile smp_ipi_hook)(unsigned long hartid);
extern bool (*volatile smp_trap_hook)(unsigned long hartid, struct trap_frame *f);

/* the guest provides these */
void smp_main(void);
void hart_main(unsigned long hartid, unsigned long opaque) __attribute__((noreturn));
void hart_resume(unsigned long hartid, unsigned long opaque) __attribute__((noreturn));

/* entry points for HSM start / non-retentive suspend (smp_start.S) */
void smp_hart_entry(void);
void smp_resume_entry(void);

static inline unsigned long smp_hartid(void)
{
    unsigned long id;
    __asm__ volatile("mv %0, tp" : "=r"(id));
    return id;
}

/* one call = one piece of output written at once (lines of different harts
 * never mix); %d %u %x %s %c with l and 0/width */
void smp_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "CHECK <name> ok|FAIL <details>" */
void smp_check(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
extern volatile unsigned smp_pass, smp_fail;
/* "SMP-SUMMARY pass=N fail=M", then SRST shutdown (reason none or system failure) */
void smp_finish(void) __attribute__((noreturn));

/* SBI wrappers */
static inline long sbi_hart_start(unsigned long hartid, uintptr_t addr, unsigned long opaque)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, addr, opaque, 0, 0).error;
}
static inline struct sbiret sbi_hart_status(unsigned long hartid)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, hartid, 0, 0, 0, 0);
}
static inline long sbi_hart_stop(void)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0, 0).error;
}
static inline long sbi_hart_suspend(unsigned long type, uintptr_t resume, unsigned long opaque)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, type, resume, opaque, 0, 0).error;
}
static inline long sbi_send_ipi(unsigned long mask, unsigned long base)
{
    return sbi_call(SBI_EXT_IPI, 0, mask, base, 0, 0, 0).error;
}
static inline long sbi_rfence(unsigned long fid, unsigned long mask, unsigned long base,
                              unsigned long start, unsigned long size, unsigned long asid)
{
    return sbi_call(SBI_EXT_RFENCE, fid, mask, base, start, size, asid).error;
}
static inline void sbi_set_timer(uint64_t when)
{
    sbi_call(SBI_EXT_TIME, 0, when, 0, 0, 0, 0);
}

/* start hart `hartid` at hart_main(hartid, opaque) */
static inline long smp_start_hart(unsigned long hartid, unsigned long opaque)
{
    return sbi_hart_start(hartid, (uintptr_t)smp_hart_entry, opaque);
}
/* the HSM state of a hart, or a negative SBI error */
long smp_hart_state(unsigned long hartid);
const char *smp_state_name(long state);

/* Waiting: spin SMP_SPINS times, then sleep in WFI until an interrupt, at
 * most SMP_RELAX_TICKS (the hart's timer is armed for that). A waiting hart
 * that sleeps leaves the host CPU to the hart it waits for: QEMU runs each
 * hart on a host thread, or all of them round-robin on one (-icount), and
 * chipvisor may run several vCPUs on one hart. smp_relax_off: spin only. */
#define SMP_SPINS       200
#define SMP_RELAX_TICKS (TIMEBASE_HZ / 10000)       /* 100 us */
void smp_relax(uint64_t ticks);
extern volatile bool smp_relax_off;
/* the guest's own timer: deadline (~0: none); its interrupt counts in
 * smp_timer_count / smp_timer_at; a timer interrupt when neither it nor a
 * relax wake-up was due counts in smp_timer_spurious */
void smp_set_timer(uint64_t deadline);
extern volatile unsigned long smp_timer_spurious[SMP_MAX_HARTS];
/* no timer at all (before a suspend, whose only wake-up must be the test's) */
void smp_timer_quiet(void);
/* delay_ticks (guest.h) sleeps with smp_relax */

/* spin until *p == want or `ticks` of time pass; true if it got there */
bool smp_wait_eq(volatile unsigned long *p, unsigned long want, uint64_t ticks);
/* index of a hart id in smp_ids, or -1 */
int smp_index(unsigned long hartid);
/* a number from bootargs "key=value", or dflt */
unsigned long smp_bootarg(const char *key, unsigned long dflt);

/* interrupts of this hart: SSIE|STIE in sie and sstatus.SIE */
static inline void smp_irq_on(void)
{
    csr_set(sie, SIE_SSIE | SIE_STIE);
    csr_set(sstatus, SSTATUS_SIE);
}
static inline void smp_irq_off(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
}

/* simple spinlock */
static inline void smp_lock(volatile int *l)
{
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
        while (*l)
            ;
}
static inline void smp_unlock(volatile int *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* Sv39 helpers */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define SATP_SV39 (8UL << 60)
static inline uint64_t smp_pte(uint64_t pa, uint64_t flags)
{
    return (pa >> 12) << 10 | flags | PTE_V;
}
static inline void sfence_vma_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

/* `li a0, k; ret` at p (k in -2048..2047) */
static inline void smp_write_li_ret(volatile uint32_t *p, int k)
{
    p[0] = ((uint32_t)k & 0xfff) << 20 | 10u << 7 | 0x13;    /* addi a0, zero, k */
    p[1] = 0x00008067;                                       /* jalr zero, 0(ra) */
}

#endif
