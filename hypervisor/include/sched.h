/* Every hart runs vCPUs from one shared list: round robin with a time slice
 * from its host timer, pins respected, WFI as a yield, wake-up on a vCPU's
 * own interrupts. Everything here runs with the hypervisor lock held. */
#ifndef CHIPVISOR_SCHED_H
#define CHIPVISOR_SCHED_H

#include <stdint.h>
#include "vm.h"

#define SCHED_SLICE_TICKS 50000     /* 5 ms at the 10 MHz timebase */

/* The run list from the VMs that were created (main, once, before any sched_start). */
void sched_init(void);
/* The first guest entry of a hart (lock held; released on the way in). */
void sched_start(void) __attribute__((noreturn));
/* After a trap: the vCPU this hart enters next (maybe the same one). */
struct vcpu *sched_next(struct vcpu *current);
/* Host timer interrupt; host IPI from another hart. */
void sched_timer_irq(void);
void sched_ipi(void);
/* When every VM has stopped: the summary, then the end of the run. */
void sched_finish(void) __attribute__((noreturn));

#endif
