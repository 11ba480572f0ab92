/* Interrupt latency in instructions, from the moment a device raises its line
 * to the first instruction of the guest's interrupt handler, on whichever
 * backend serves this VM (software PLIC; the HVA VIC on the HVA platform;
 * an AIA IMSIC guest file: irqlat_aia.c). Run under -icount shift=0, where
 * instret counts every instruction of the hart (the hypervisor's included)
 * and nothing else moves it: tests/bench/bench_irqlat.sh.
 *
 * The handler's first instruction is `lat_entry` (stvec), whose second
 * instruction reads instret: the stamp, kept in sscratch for the handler.
 *   tick: the tick device's expiry is the hart's timer interrupt into the
 *         hypervisor, which takes the guest off its spin loop; the loop
 *         reads instret in every pass (7 instructions) and keeps the reading
 *         before the first gap: the moment the line rose, to within 7
 *         instructions (checked against the tick's due time: instret and
 *         time are one clock under -icount shift=0).
 *   uart: the guest's write of IER.ETBEI raises THR-empty at once; measured
 *         from the instret read just before that store (the write's own
 *         trap and emulation are part of the latency).
 * SAMPLES of each; the guest prints the median, min and max. */
#include "guest.h"
#include "devices.h"
#include "irq_ctl.h"
#include "sort_u64.h"

#define SAMPLES 21
#define TICK_PERIOD_TICKS 2000           /* 200 us: the spin loop is well under way */

static volatile uint64_t stamp;
static volatile uint32_t taken, other_irqs, bad_source;
static volatile uint32_t expect_id;

/* The handler's first instructions: t0 <-> sscratch, instret, back. */
extern char lat_entry[];
__asm__(".balign 4\n"
        "lat_entry:\n"
        "    csrrw t0, sscratch, t0\n"
        "    csrr  t0, instret\n"
        "    csrrw t0, sscratch, t0\n"
        "    j     guest_trap_entry\n");

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    uint64_t at = csr_read(sscratch);
    uint32_t id = irq_ctl_claim();
    if (id == UART_IRQ) {
        (void)mmio_r8(UART_BASE + UART_IIR);             /* clears THR-empty */
        mmio_w8(UART_BASE + UART_IER, 0);
    } else if (id == TICK_IRQ) {
        mmio_w32(TICK_CTRL, 0);                          /* one expiry per sample */
        mmio_w32(TICK_ACK, mmio_r32(TICK_PENDING));
    } else if (id) {
        other_irqs++;
    }
    if (id) {
        irq_ctl_complete(id);
        if (id == expect_id && !taken) {
            stamp = at - 1;                  /* the stamp is the entry's 2nd instruction */
            taken = 1;
        } else if (id != expect_id) {
            bad_source++;
        }
    }
    return true;
}

static const char *backend(void)
{
    switch (sbi_call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_IRQ_BACKEND, 0, 0, 0, 0, 0).value) {
    case SBI_CHIPVISOR_IRQ_VPLIC:   return "vplic";
    case SBI_CHIPVISOR_IRQ_HVA_VIC: return "hva-vic-device";
    case SBI_CHIPVISOR_IRQ_AIA:     return "aia-imsic";
    default:                        return "none";
    }
}

/* Spins until the handler ran (or 50 ms of guest time), reading instret in
 * every pass (7 instructions); a pass that finds more than 64 instructions
 * since the one before was interrupted: the first such gap is where the hart
 * left the loop first (the tick's timer interrupt into the hypervisor; the
 * handler itself, where that was the same trap). Returns the last reading
 * before that gap. */
static uint64_t spin_to_first_gap(void)
{
    uint64_t give_up = rdtime() + TIMEBASE_HZ / 20, before_gap = 0;
    while (!taken && rdtime() < give_up)
        __asm__ volatile("   csrr t0, instret\n"
                         "1: csrr t1, instret\n"
                         "   sub  t2, t1, t0\n"
                         "   sltiu t2, t2, 64\n"
                         "   bnez t2, 2f\n"
                         "   bnez %0, 2f\n"
                         "   mv   %0, t0\n"
                         "2: mv   t0, t1\n"
                         "   lw   t2, 0(%1)\n"
                         "   beqz t2, 1b\n"
                         /* the handler came between the last reading and here */
                         "   csrr t1, instret\n"
                         "   sub  t2, t1, t0\n"
                         "   sltiu t2, t2, 64\n"
                         "   bnez t2, 3f\n"
                         "   bnez %0, 3f\n"
                         "   mv   %0, t0\n"
                         "3:\n"
                         : "+r"(before_gap) : "r"(&taken) : "t0", "t1", "t2", "memory");
    return before_gap;
}

static unsigned tick_late;

static uint64_t tick_sample(void)
{
    taken = 0;
    expect_id = TICK_IRQ;
    mmio_w32(TICK_PERIOD, TICK_PERIOD_TICKS);
    uint64_t w0 = rdinstret();
    mmio_w32(TICK_CTRL, 1);
    uint64_t w1 = rdinstret();
    uint64_t left = spin_to_first_gap();
    /* Under -icount shift=0 instret and time are one clock (1 ns, 100 per
     * timebase tick): the device's `now` at the enable lies in [w0, w1], so
     * its expiry in [lo, hi]; the loop must have been left there, or the
     * latency is not from the line's rise. */
    uint64_t lo = (w0 / 100 + TICK_PERIOD_TICKS) * 100, hi = (w1 / 100 + TICK_PERIOD_TICKS + 1) * 100;
    if (taken && (left + 8 < lo || left > hi))
        tick_late++;
    return taken ? stamp - left : ~0UL;
}

static uint64_t uart_sample(void)
{
    uint64_t before;
    taken = 0;
    expect_id = UART_IRQ;
    __asm__ volatile("csrr %0, instret\n"
                     "sb   %2, 0(%1)\n"
                     : "=&r"(before) : "r"(UART_BASE + UART_IER), "r"(IER_ETBEI) : "memory");
    uint64_t give_up = rdtime() + TIMEBASE_HZ / 20;
    while (!taken && rdtime() < give_up)
        ;
    return taken ? stamp - before : ~0UL;
}

static void measure(const char *source, uint64_t (*sample)(void))
{
    uint64_t v[SAMPLES];
    unsigned got = 0;
    for (unsigned i = 0; i < SAMPLES; i++) {
        v[i] = sample();
        got += v[i] != ~0UL;
        delay_ticks(100);                /* the handler's exit is over */
    }
    CHECK(got == SAMPLES, "%s: %u of %u interrupts taken", source, got, SAMPLES);
    if (got != SAMPLES)
        return;
    sort_u64(v, SAMPLES);
    guest_printf("METRIC irq_latency_instructions=%lu min=%lu max=%lu samples=%u backend=%s source=%s "
                 "unit=instructions\n", v[SAMPLES / 2], v[0], v[SAMPLES - 1], SAMPLES, backend(), source);
}

void guest_main(void)
{
    guest_printf("interrupt latency guest (%s)\n", backend());
    guest_handler = handler;
    csr_write(stvec, (uint64_t)(uintptr_t)lat_entry);
    irq_ctl_init(1U << UART_IRQ | 1U << TICK_IRQ);
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);
    measure("tick", tick_sample);
    CHECK(tick_late == 0, "tick: the spin loop was left when the tick was due, in %u of %u samples",
          SAMPLES - tick_late, SAMPLES);
    measure("uart", uart_sample);
    CHECK(other_irqs == 0 && bad_source == 0, "no interrupt from another source (%u, %u)", other_irqs,
          bad_source);
}
