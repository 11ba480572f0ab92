/* One hart, every VM's vCPU in turn: round robin with a time slice from the
 * host timer, WFI as a yield, wake-up on the guest's own interrupts. */
#ifndef CHIPVISOR_SCHED_H
#define CHIPVISOR_SCHED_H

#include <stdint.h>
#include "vm.h"

#define SCHED_SLICE_TICKS 50000     /* 5 ms at the 10 MHz timebase */

void sched_start(void) __attribute__((noreturn));
/* After a trap: the VM to enter next (maybe the same one). */
struct vm *sched_next(struct vm *current);
/* The VM's CSRs are no longer what the hart holds (after reset or stop). */
void sched_forget(struct vm *vm);
/* Host timer interrupt. */
void sched_timer_irq(void);
/* Something changed that the scheduler must look at on the way out of this
 * trap (timers, device state, VM state); without it, a trap returns straight
 * to the VM that took it. */
void sched_kick(void);
/* set or clear hvip bits of a VM, in the hart if its CSRs are loaded */
void vm_hvip_update(struct vm *vm, uint64_t mask, bool on);
/* When every VM has stopped: the summary, then the end of the run. */
void sched_finish(void) __attribute__((noreturn));

#endif
