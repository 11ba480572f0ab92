/* Legacy (v0.1) SBI calls, extension ids 0x00..0x08: the return value goes
 * in a0 only. The IPI and fence calls (0x03..0x07) take pointers to hart
 * masks and are not offered: BASE's probe answers 0 for them. */
#include "console.h"
#include "sbi_ext.h"
#include "vcpu_irq.h"
#include "vm_input.h"

static bool sbi_legacy_probe(uint64_t eid)
{
    return eid < SBI_EXT_LEGACY_CLEAR_IPI || eid > SBI_EXT_LEGACY_REMOTE_SFENCE_ASID;
}

static enum sbi_flow sbi_legacy_handle(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    switch (c->ext) {
    case SBI_EXT_LEGACY_SET_TIMER:
        vcpu_set_timer(v, c->arg[0]);
        c->error = 0;
        break;
    case SBI_EXT_LEGACY_CONSOLE_PUTCHAR:
        console_write_from(vm->cfg->name, (uint8_t)c->arg[0]);
        c->error = 0;
        break;
    case SBI_EXT_LEGACY_CONSOLE_GETCHAR:
        c->error = vm_input_pop(vm);
        break;
    case SBI_EXT_LEGACY_SHUTDOWN:
        vm_stop(vm, VM_OUTCOME_PASS, "shutdown requested (legacy SBI)");
        return SBI_FLOW_NONE;
    default:
        c->error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    c->value = c->arg[1];             /* a1 is left as the guest had it */
    return SBI_FLOW_RETURN;
}

SBI_EXTENSION(sbi_ext_legacy) = {
    .eid_first = SBI_EXT_LEGACY_SET_TIMER, .eid_last = SBI_EXT_LEGACY_SHUTDOWN, .name = "legacy",
    .probe = sbi_legacy_probe, .handle = sbi_legacy_handle,
};
