/* SBI for guests. Each extension is a handler in a table (as in OpenSBI);
 * unknown extensions and functions answer SBI_ERR_NOT_SUPPORTED. A VM's
 * harts are its vCPUs, ids 0..n-1. Pure logic over the vcpu_* / vm_*
 * operations of vm.h, so the host unit tests run it against fakes. */
#include "sbi_guest.h"
#include "console.h"
#include "sbi_defs.h"
#include "util.h"
#include "vm.h"

enum sbi_flow {
    SBI_FLOW_RETURN,     /* write a0/a1, step over the ecall */
    SBI_FLOW_NONE,       /* vCPU stopped, reset or resumed elsewhere: its registers are not the caller's any more */
};

struct sbi_call {
    uint64_t ext, fid, arg[6];
    long error, value;
};

struct sbi_extension {
    uint64_t eid_first, eid_last;
    const char *name;
    enum sbi_flow (*handle)(struct vcpu *v, struct sbi_call *c);
};

static const struct sbi_extension extensions[];

static enum sbi_flow do_base(struct vcpu *v, struct sbi_call *c);

static enum sbi_flow do_time(struct vcpu *v, struct sbi_call *c)
{
    if (c->fid != 0) {
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    vcpu_set_timer(v, c->arg[0]);
    return SBI_FLOW_RETURN;
}

/* The vCPUs (bit = hart id) named by hart_mask / hart_mask_base; false when
 * the mask names a hart the VM does not have (SBI 2.0: INVALID_PARAM). */
static bool named_harts(const struct vm *vm, uint64_t mask, uint64_t base, uint64_t *set)
{
    uint64_t all = (1UL << vm->n_vcpus) - 1;
    *set = 0;
    if (base == ~0UL) {
        *set = all;                   /* every hart; the mask is ignored */
        return true;
    }
    if (!mask)
        return true;
    if (base >= vm->n_vcpus || (mask & ~(all >> base)))
        return false;
    *set = mask << base;
    return true;
}

static enum sbi_flow do_ipi(struct vcpu *v, struct sbi_call *c)
{
    uint64_t set;
    if (c->fid != 0) {
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    if (!named_harts(v->vm, c->arg[0], c->arg[1], &set)) {
        c->error = SBI_ERR_INVALID_PARAM;
        return SBI_FLOW_RETURN;
    }
    for (uint32_t id = 0; id < v->vm->n_vcpus; id++)
        if (set & (1UL << id))
            vcpu_send_ipi(&v->vm->vcpus[id]);
    return SBI_FLOW_RETURN;
}

static enum sbi_flow do_rfence(struct vcpu *v, struct sbi_call *c)
{
    uint64_t set;
    unsigned kind;
    switch (c->fid) {
    case 0:   /* remote FENCE.I */
        kind = VM_FENCE_I;
        break;
    case 1:   /* remote SFENCE.VMA: the guest's VS-stage entries of this VMID */
    case 2:   /* ... with ASID: all of this VMID's VS-stage entries is a correct superset */
        kind = VM_FENCE_VVMA;
        break;
    default:  /* HFENCE.* for nested guests: this hypervisor offers no H to its guests */
        c->error = SBI_ERR_NOT_SUPPORTED;
        return SBI_FLOW_RETURN;
    }
    if (!named_harts(v->vm, c->arg[0], c->arg[1], &set)) {
        c->error = SBI_ERR_INVALID_PARAM;
        return SBI_FLOW_RETURN;
    }
    if (set)
        vm_remote_fence(v, set, kind);
    return SBI_FLOW_RETURN;
}

#define SBI_HSM_SUSPEND_NONRETENTIVE 0x80000000UL

static enum sbi_flow do_hsm(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    uint8_t *unused;
    switch (c->fid) {
    case SBI_HSM_HART_START:
        if (c->arg[0] >= vm->n_vcpus)
            c->error = SBI_ERR_INVALID_PARAM;
        else if (!vm_gpa_to_hva(vm, c->arg[1], 4, false, &unused))
            c->error = SBI_ERR_INVALID_ADDRESS;
        else
            c->error = vcpu_hart_start(&vm->vcpus[c->arg[0]], c->arg[1], c->arg[2]);
        break;
    case SBI_HSM_HART_STOP:
        vcpu_hart_stop(v);
        return SBI_FLOW_NONE;
    case SBI_HSM_HART_STATUS:
        if (c->arg[0] < vm->n_vcpus)
            c->value = vcpu_hart_status(&vm->vcpus[c->arg[0]]);
        else
            c->error = SBI_ERR_INVALID_PARAM;
        break;
    case SBI_HSM_HART_SUSPEND:
        if (c->arg[0] == SBI_HSM_SUSPEND_RETENTIVE) {
            /* like WFI: resumes after the ecall once an interrupt is pending */
            vcpu_wait(v);
            v->hsm_suspended = v->state == VCPU_IDLE;     /* HSM status: SUSPENDED */
        } else if (c->arg[0] == SBI_HSM_SUSPEND_NONRETENTIVE) {
            if (!vm_gpa_to_hva(vm, c->arg[1], 4, false, &unused)) {
                c->error = SBI_ERR_INVALID_ADDRESS;
                break;
            }
            vcpu_suspend_nonretentive(v, c->arg[1], c->arg[2]);
            return SBI_FLOW_NONE;
        } else {
            /* reserved, or a platform-specific type this platform lacks */
            c->error = SBI_ERR_INVALID_PARAM;
        }
        break;
    default:
        c->error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    return SBI_FLOW_RETURN;
}

static enum sbi_flow do_srst(struct vcpu *v, struct sbi_call *c)
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

static enum sbi_flow do_dbcn(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    uint8_t *buf;
    uint64_t len = c->arg[0];

    switch (c->fid) {
    case SBI_DBCN_WRITE:
    case SBI_DBCN_READ:
        /* rv64: base_addr_hi must be 0; the buffer must be all the guest's own RAM */
        if (c->arg[2] != 0 ||
            !vm_gpa_to_hva(vm, c->arg[1], len, c->fid == SBI_DBCN_READ, &buf)) {
            c->error = SBI_ERR_INVALID_PARAM;
            break;
        }
        if (c->fid == SBI_DBCN_WRITE) {
            for (uint64_t i = 0; i < len; i++)
                console_write_from(vm->cfg->name, buf[i]);
            c->value = (long)len;
        } else {
            uint64_t n = 0;
            int ch;
            while (n < len && (ch = vm_input_pop(vm)) >= 0)
                buf[n++] = (uint8_t)ch;
            c->value = (long)n;
        }
        break;
    case SBI_DBCN_WRITE_BYTE:
        console_write_from(vm->cfg->name, (uint8_t)c->arg[0]);
        break;
    default:
        c->error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    return SBI_FLOW_RETURN;
}

/* chipvisor's own calls, for test guests that measure the hypervisor */
static enum sbi_flow do_chipvisor(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    if (c->fid == SBI_CHIPVISOR_TRAP_COUNT)
        c->value = (long)vm->stats.traps;
    else if (c->fid == SBI_CHIPVISOR_IRQ_BACKEND)
        c->value = (long)vm_irq_backend(vm);
    else
        c->error = SBI_ERR_NOT_SUPPORTED;
    return SBI_FLOW_RETURN;
}

/* legacy (v0.1) calls: the return value goes in a0 only */
static enum sbi_flow do_legacy(struct vcpu *v, struct sbi_call *c)
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
        /* the legacy IPI/fence calls take pointers to hart masks: not offered */
        c->error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    c->value = c->arg[1];             /* a1 is left as the guest had it */
    return SBI_FLOW_RETURN;
}

static const struct sbi_extension extensions[] = {
    { SBI_EXT_LEGACY_SET_TIMER, SBI_EXT_LEGACY_SHUTDOWN, "legacy", do_legacy },
    { SBI_EXT_BASE, SBI_EXT_BASE, "BASE", do_base },
    { SBI_EXT_TIME, SBI_EXT_TIME, "TIME", do_time },
    { SBI_EXT_IPI, SBI_EXT_IPI, "IPI", do_ipi },
    { SBI_EXT_RFENCE, SBI_EXT_RFENCE, "RFENCE", do_rfence },
    { SBI_EXT_HSM, SBI_EXT_HSM, "HSM", do_hsm },
    { SBI_EXT_SRST, SBI_EXT_SRST, "SRST", do_srst },
    { SBI_EXT_DBCN, SBI_EXT_DBCN, "DBCN", do_dbcn },
    { SBI_EXT_CHIPVISOR, SBI_EXT_CHIPVISOR, "chipvisor", do_chipvisor },
};

static const struct sbi_extension *find_extension(uint64_t eid)
{
    for (unsigned i = 0; i < ARRAY_SIZE(extensions); i++)
        if (eid >= extensions[i].eid_first && eid <= extensions[i].eid_last)
            return &extensions[i];
    return NULL;
}

static enum sbi_flow do_base(struct vcpu *v, struct sbi_call *c)
{
    (void)v;
    switch (c->fid) {
    case SBI_BASE_GET_SPEC_VERSION: c->value = (long)SBI_SPEC_VERSION_2_0; break;
    case SBI_BASE_GET_IMPL_ID:      c->value = (long)SBI_IMPL_ID_CHIPVISOR; break;
    case SBI_BASE_GET_IMPL_VERSION: c->value = (long)SBI_IMPL_VERSION; break;
    case SBI_BASE_PROBE_EXT: {
        const struct sbi_extension *e = find_extension(c->arg[0]);
        /* the legacy range answers only for the calls it implements */
        c->value = e && !(e->handle == do_legacy && c->arg[0] >= SBI_EXT_LEGACY_CLEAR_IPI &&
                          c->arg[0] <= SBI_EXT_LEGACY_REMOTE_SFENCE_ASID);
        break;
    }
    case SBI_BASE_GET_MVENDORID:
    case SBI_BASE_GET_MARCHID:
    case SBI_BASE_GET_MIMPID:
        c->value = 0;   /* a virtual hart: no vendor to claim */
        break;
    default:
        c->error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    return SBI_FLOW_RETURN;
}

void sbi_guest_ecall(struct vcpu *v)
{
    struct vcpu_regs *r = &v->regs;
    struct sbi_call c = {
        .ext = r->x[17], .fid = r->x[16],
        .arg = { r->x[10], r->x[11], r->x[12], r->x[13], r->x[14], r->x[15] },
    };
    v->vm->stats.sbi_calls++;
    const struct sbi_extension *e = find_extension(c.ext);
    enum sbi_flow flow = SBI_FLOW_RETURN;
    if (e)
        flow = e->handle(v, &c);
    else
        c.error = SBI_ERR_NOT_SUPPORTED;
    if (flow == SBI_FLOW_NONE)
        return;
    r->x[10] = (uint64_t)c.error;
    r->x[11] = (uint64_t)c.value;
    r->sepc += 4;
}
