/* What a vCPU's guest asks for itself or another vCPU of its VM (core/vcpu.c):
 * SBI HSM (start, stop, status, suspend), IPIs and WFI. */
#ifndef CHIPVISOR_VCPU_H
#define CHIPVISOR_VCPU_H
#include <stdint.h>
#include "vm.h"

/* SBI IPI: its VSSIP, on whichever hart */
void vcpu_send_ipi(struct vcpu *v);
/* WFI or a retentive suspend: idle until an interrupt is pending */
void vcpu_wait(struct vcpu *v);
/* HSM: start a stopped vCPU at `addr` with a0 = its hart id, a1 = `opaque` */
long vcpu_hart_start(struct vcpu *v, uint64_t addr, uint64_t opaque);
/* HSM: the caller itself stops; its VM stops with its last vCPU */
void vcpu_hart_stop(struct vcpu *v);
long vcpu_hart_status(const struct vcpu *v);
/* HSM non-retentive suspend: on an interrupt, resume at `addr` */
void vcpu_suspend_nonretentive(struct vcpu *v, uint64_t addr, uint64_t opaque);

#endif
