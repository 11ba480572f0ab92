/* chipvisor's own SBI extension, for test guests that measure the hypervisor. */
#include "sbi_ext.h"
#include "irq_backend.h"

static enum sbi_flow sbi_chipvisor_handle(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    if (c->fid == SBI_CHIPVISOR_TRAP_COUNT)
        c->value = (long)vm->stats.traps;
    else if (c->fid == SBI_CHIPVISOR_HOST_IRQ_COUNT)
        c->value = (long)vm->stats.host_irqs;
    else if (c->fid == SBI_CHIPVISOR_IRQ_BACKEND)
        c->value = (long)vm->irq->sbi_id;
    else
        c->error = SBI_ERR_NOT_SUPPORTED;
    return SBI_FLOW_RETURN;
}

SBI_EXTENSION(sbi_ext_chipvisor) = {
    .eid_first = SBI_EXT_CHIPVISOR, .eid_last = SBI_EXT_CHIPVISOR, .name = "chipvisor",
    .handle = sbi_chipvisor_handle,
};
