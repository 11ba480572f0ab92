/* A guest that lives beside others: prints a numbered tick every 200 ms from
 * its timer interrupt and sleeps in WFI between them, forever. */
#include "guest.h"

#define TICK (TIMEBASE_HZ / 5)

static volatile unsigned ticks;

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 5))
        return false;
    ticks++;
    sbi_call(SBI_EXT_TIME, 0, rdtime() + TICK, 0, 0, 0, 0);
    return true;
}

void guest_main(void)
{
    guest_handler = handler;
    guest_printf("ticker guest\n");
    csr_set(sie, SIE_STIE);
    csr_set(sstatus, SSTATUS_SIE);
    sbi_call(SBI_EXT_TIME, 0, rdtime() + TICK, 0, 0, 0, 0);
    for (unsigned seen = 0;;) {
        __asm__ volatile("wfi");
        if (ticks != seen) {
            seen = ticks;
            guest_printf("tick %u\n", seen);
        }
    }
}
