/* This VM's traps into the hypervisor as chipvisor's SBI extension counts
 * them: for the guests that measure traps per interrupt. */
#ifndef TRAP_COUNTS_H
#define TRAP_COUNTS_H
#include "guest.h"

static inline uint64_t trap_count(void)
{
    return (uint64_t)sbi_call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_TRAP_COUNT, 0, 0, 0, 0, 0).value;
}

/* traps that were the hypervisor's own interrupts (its slice timer), not the VM's */
static inline uint64_t host_irq_count(void)
{
    return (uint64_t)sbi_call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_HOST_IRQ_COUNT, 0, 0, 0, 0, 0).value;
}

struct trap_mark {
    uint64_t traps, host;
};

static inline struct trap_mark trap_mark(void)
{
    struct trap_mark m;
    m.host = host_irq_count();
    m.traps = trap_count();
    return m;
}

/* The VM's traps since the mark, less the trap_count call that reads them and
 * the hypervisor's own interrupts that landed in between (*host). */
static inline uint64_t traps_since(struct trap_mark m, uint64_t *host)
{
    uint64_t traps = trap_count() - m.traps - 1;
    *host = host_irq_count() - m.host;
    return traps - (*host < traps ? *host : traps);
}
#endif
