/* IPI cost in retired instructions, for tests/bench/bench_smp_ipi.sh: hart 0
 * sends hart 1 an IPI with sbi_send_ipi and then waits in WFI; hart 1 waits
 * in WFI too, so under chipvisor on ONE host hart (-smp 1 -icount shift=0:
 * instret counts every instruction of that hart, guest, hypervisor and
 * firmware, deterministically) the IPI goes to a descheduled vCPU:
 *   sender  instructions of the sbi_send_ipi call (ecall to return)
 *   total   instructions from the call to the first instruction of hart 1's
 *           handler: the call, hart 0's WFI exit, the switch to hart 1, its
 *           entry and its trap into the handler
 * ROUNDS rounds; prints "METRIC ipi_descheduled_<part>=<median> min= max=".
 * (Without -icount QEMU's instret counts host ticks, and SMP runs under
 * -icount stall: the running-target case is not measured this way.) */
#include "smp/smp.h"
#include "sort_u64.h"

#define ROUNDS 51

static volatile uint64_t at_handler;    /* instret when hart 1's handler ran */
static volatile unsigned long got;
static volatile int running, quit;

static void ipi_hook(unsigned long hartid)
{
    if (hartid == 1) {
        at_handler = rdinstret();
        got++;
    }
}

void hart_main(unsigned long hartid, unsigned long opaque)
{
    (void)opaque;
    if (hartid == 1) {
        csr_set(sie, SIE_SSIE);
        csr_set(sstatus, SSTATUS_SIE);
        running = 1;
        while (!quit)
            __asm__ volatile("wfi" ::: "memory");
        csr_clear(sstatus, SSTATUS_SIE);
    }
    sbi_hart_stop();
    for (;;)
        ;
}

/* no non-retentive suspend here: a resume would be a bug */
void hart_resume(unsigned long hartid, unsigned long opaque)
{
    smp_check(false, "resume", "hart %lu resumed unexpectedly (opaque 0x%lx)", hartid, opaque);
    smp_finish();
}

static void report(const char *name, uint64_t *v)
{
    sort_u64(v, ROUNDS);
    smp_printf("METRIC ipi_descheduled_%s=%lu min=%lu max=%lu unit=instructions rounds=%u\n", name,
               v[ROUNDS / 2], v[0], v[ROUNDS - 1], ROUNDS);
}

static uint64_t sender[ROUNDS], total[ROUNDS];

void smp_main(void)
{
    smp_ipi_hook = ipi_hook;
    if (smp_nharts < 2) {
        smp_check(false, "harts", "%u harts (2 needed)", smp_nharts);
        smp_finish();
    }
    csr_set(sie, SIE_STIE);             /* its relax timer ends its waits */
    csr_set(sstatus, SSTATUS_SIE);
    smp_check(smp_start_hart(1, 0) == 0, "start", "hart 1 started");
    while (!running)
        smp_relax(SMP_RELAX_TICKS);
    unsigned lost = 0;
    for (unsigned r = 0; r < ROUNDS; r++) {
        smp_relax(SMP_RELAX_TICKS);         /* hart 1 back in its WFI */
        unsigned long before = got;
        uint64_t s0 = rdinstret();
        long err = sbi_send_ipi(1UL << 1, 0);
        uint64_t s1 = rdinstret();
        uint64_t until = rdtime() + TIMEBASE_HZ;
        while (got == before && rdtime() < until)
            smp_relax(SMP_RELAX_TICKS);
        if (err || got != before + 1)
            lost++;
        sender[r] = s1 - s0;
        total[r] = at_handler - s0;
    }
    smp_check(lost == 0, "ipi-delivered", "%u of %u IPIs arrived once each", ROUNDS - lost, ROUNDS);
    report("sender", sender);
    report("total", total);
    quit = 1;
    sbi_send_ipi(1UL << 1, 0);
    smp_finish();
}
