/* SBI SRST: shutdown or reboot of the calling VM (never of the machine). */
#include "console.h"
#include "sbi_ext.h"

static enum sbi_flow sbi_srst_handle(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    uint64_t type = c->arg[0], reason = c->arg[1];
    if (c->fid != SBI_SRST_RESET) {
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    if (type > SBI_SRST_WARM_REBOOT || (reason > SBI_SRST_REASON_FAILURE && reason < 0xE0000000UL)) {
        c->error = SBI_ERR_INVALID_PARAM;
        return SBI_FLOW_RETURN;
    }
    if (type == SBI_SRST_SHUTDOWN) {
        bool ok = reason == SBI_SRST_REASON_NONE;
        vm_stop(vm, ok ? VM_OUTCOME_PASS : VM_OUTCOME_FAIL,
                ok ? "shutdown requested (SBI SRST)" : "shutdown with reason 'system failure' (SBI SRST)");
        return SBI_FLOW_NONE;
    }
    hv_log("vm %s: %s reboot requested (SBI SRST); restarting it\n", vm->cfg->name,
           type == SBI_SRST_COLD_REBOOT ? "cold" : "warm");
    vm_reset(vm);
    return SBI_FLOW_NONE;
}

SBI_EXTENSION(sbi_ext_srst) = {
    .eid_first = SBI_EXT_SRST, .eid_last = SBI_EXT_SRST, .name = "SRST",
    .handle = sbi_srst_handle,
};
