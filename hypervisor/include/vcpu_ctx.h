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

#endif
