/* SBI TIME: set_timer. */
#include "sbi_ext.h"
#include "vcpu_irq.h"

static enum sbi_flow sbi_time_handle(struct vcpu *v, struct sbi_call *c)
{
    if (c->fid != 0) {
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    vcpu_set_timer(v, c->arg[0]);
    return SBI_FLOW_RETURN;
}

SBI_EXTENSION(sbi_ext_time) = {
    .eid_first = SBI_EXT_TIME, .eid_last = SBI_EXT_TIME, .name = "TIME",
    .handle = sbi_time_handle,
};
