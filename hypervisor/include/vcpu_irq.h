/* A vCPU's interrupts and wake-ups (core/vcpu_irq.c): below the scheduler,
 * the devices and the interrupt backends, which all raise them. */
#ifndef CHIPVISOR_VCPU_IRQ_H
#define CHIPVISOR_VCPU_IRQ_H
#include <stdbool.h>
#include <stdint.h>
#include "csr.h"
#include "hext.h"
#include "vm.h"

/* Set or clear hvip bits of a vCPU: on this hart at once, on the hart that
 * runs it on its way back in (an IPI), or in its saved context. */
void vcpu_hvip_update(struct vcpu *v, uint64_t mask, bool on);
/* What other harts asked (hvip_set/hvip_clear) into this hart's hvip; the
 * vCPU runs on this hart. */
void vcpu_hvip_apply_requests(struct vcpu *v);
/* SBI TIME: the vCPU's next timer interrupt (vstimecmp with Sstc). */
void vcpu_set_timer(struct vcpu *v, uint64_t when);
/* The same for the vCPU this hart runs, where that needs nothing but the
 * hart (Sstc: vstimecmp, VSTIP follows it in hardware); false: it needs
 * vcpu_set_timer. Inline: the SBI fast path (trap.c) uses it. */
static inline bool vcpu_set_own_timer(uint64_t when)
{
    if (!hart.sstc)
        return false;
    csr_write(CSR_VSTIMECMP, when);
    return true;
}
/* Does hart c's hgeip show the vCPU's guest external interrupt line? */
bool vcpu_sees_line(const struct vcpu *v, const struct cpu *c);
/* A pending, enabled VS interrupt (requests not yet applied count). */
bool vcpu_irq_pending(const struct vcpu *v);
/* An idle vCPU becomes runnable (a non-retentive suspend restarts at its
 * resume address); an idle hart that may run it is woken. */
void vcpu_resume(struct vcpu *v);
/* An idle vCPU with an interrupt pending is resumed; true if it was. */
bool vcpu_wake_if_pending(struct vcpu *v);
/* A vCPU became runnable: an idle hart that may run it takes it now. */
void wake_a_hart_for(struct vcpu *v);

#endif
