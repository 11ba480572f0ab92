/* The vCPU context the hart holds (arch/riscv/vcpu_ctx.c). */
#ifndef CHIPVISOR_VCPU_CTX_H
#define CHIPVISOR_VCPU_CTX_H

#include "vm.h"

/* VS-level CSRs, hvip and the Sstc deadline: hart -> vCPU (the deadline is
 * taken off the hart) and vCPU -> hart (hgatp first). */
void vcpu_ctx_save(struct vcpu *v);
void vcpu_ctx_load(const struct vcpu *v);
/* FP registers: saved only when the guest dirtied them. */
void vcpu_ctx_save_fp(struct vcpu *v);
void vcpu_ctx_load_fp(const struct vcpu *v);

/* No hart holds the vCPU's CSRs or FP registers any more (after a reset or a
 * stop): what a hart held of it is dropped, not saved. */
void vcpu_ctx_forget(struct vcpu *v);
/* A fresh start of a vCPU at `addr`: a0 = its hart id, a1 = `arg`, VS-mode,
 * translation off, interrupts off (SBI HSM hart_start); runnable. */
void vcpu_start_at(struct vcpu *v, uint64_t addr, uint64_t arg);
/* An exception for the guest's own handler (vsepc, vscause, vstval; pc =
 * vstvec), as if the hart had delegated it; the vCPU must be on this hart. */
void vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval);

#endif
