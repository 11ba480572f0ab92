/* Every hart runs vCPUs from one shared list: round robin with a time slice
 * from its host timer, pins respected, WFI as a yield, wake-up on a vCPU's
 * own interrupts. Everything here runs with the hypervisor lock held. */
#ifndef CHIPVISOR_SCHED_H
#define CHIPVISOR_SCHED_H

#include <stdint.h>
#include "vm.h"

#define SCHED_SLICE_TICKS 50000     /* 5 ms at the 10 MHz timebase */

/* A vCPU joins the run list (at VM creation). */
void sched_add(struct vcpu *v);
/* The first guest entry of a hart (lock held; released on the way in). */
void sched_start(void) __attribute__((noreturn));
/* After a trap: the vCPU this hart enters next (maybe the same one). */
struct vcpu *sched_next(struct vcpu *current);
/* The vCPU's CSRs are no longer what any hart holds (after reset or stop). */
void sched_forget(struct vcpu *v);
/* Host timer interrupt; host IPI from another hart. */
void sched_timer_irq(void);
void sched_ipi(void);
/* Something changed that the scheduler must look at on the way out of this
 * trap (timers, device state, vCPU state); without it, a trap returns
 * straight to the vCPU that took it. */
void sched_kick(void);
/* A vCPU became runnable: an idle hart that may run it is woken for it. */
void wake_a_hart_for(struct vcpu *v);
/* An idle vCPU with an interrupt pending becomes runnable (and a hart for it
 * is woken). */
void vcpu_wake_if_pending(struct vcpu *v);
/* A fresh start of a vCPU at `addr`: a0 = its hart id, a1 = `arg`, VS-mode,
 * translation off, interrupts off (SBI HSM hart_start). */
void vcpu_start_at(struct vcpu *v, uint64_t addr, uint64_t arg);
/* Fences this hart owes its loaded vCPU's VM, then its ack (cpu.h). */
void sched_apply_own_fences(void);
/* When every VM has stopped: the summary, then the end of the run. */
void sched_finish(void) __attribute__((noreturn));

#endif
