/* A vCPU's interrupts: its hvip, asked for by whichever hart, its timer, and
 * whether one is pending for it; an idle vCPU with one pending becomes
 * runnable and an idle hart that may run it is woken. Everything here runs
 * with the hypervisor lock held. */
#include "vcpu_irq.h"
#include "aia.h"
#include "cpu.h"
#include "csr.h"
#include "hext.h"
#include "util.h"
#include "vcpu_ctx.h"

void vcpu_hvip_update(struct vcpu *v, uint64_t mask, bool on)
{
    struct cpu *c = v->cpu;
    if (c == this_cpu()) {
        if (on)
            csr_set(hvip, mask);
        else
            csr_clear(hvip, mask);
    } else if (c) {
        /* it runs on another hart: that hart applies this on its way back in */
        uint64_t set = on ? (v->hvip_set | mask) : (v->hvip_set & ~mask);
        uint64_t clear = on ? (v->hvip_clear & ~mask) : (v->hvip_clear | mask);
        if (set == v->hvip_set && clear == v->hvip_clear && !(mask & MIP_VSSIP))
            return;
        v->hvip_set = set;
        v->hvip_clear = clear;
        cpu_kick(c);
    } else if (on) {
        v->csr.hvip |= mask;
        vcpu_wake_if_pending(v);        /* it may wait for just this */
    } else {
        v->csr.hvip &= ~mask;
    }
}

void vcpu_hvip_apply_requests(struct vcpu *v)
{
    if (v->hvip_set)
        csr_set(hvip, v->hvip_set);
    if (v->hvip_clear)
        csr_clear(hvip, v->hvip_clear);
    v->hvip_set = v->hvip_clear = 0;
}

void vcpu_set_timer(struct vcpu *v, uint64_t when)
{
    this_cpu()->kicked = true;
    if (v->cpu == this_cpu() && vcpu_set_own_timer(when))
        return;
    if (hart.sstc) {
        v->csr.vstimecmp = when;
    } else {
        v->timer_deadline = when;
        vcpu_hvip_update(v, MIP_VSTIP, read_time() >= when);
    }
}

/* does hart c's hgeip show the vCPU's guest external interrupt line? */
bool vcpu_sees_line(const struct vcpu *v, const struct cpu *c)
{
    return v->pin < 0 || v->pin == (int32_t)c->id;
}

bool vcpu_irq_pending(const struct vcpu *v)
{
    bool live = v->cpu == this_cpu();
    /* requests from other harts count before this hart has applied them */
    uint64_t hvip = ((live ? csr_read(hvip) : v->csr.hvip) | v->hvip_set) & ~v->hvip_clear;
    uint64_t vsie = live ? csr_read(vsie) : v->csr.vsie;   /* VS view: bits 1, 5, 9 */
    uint64_t pending = 0;

    if (hvip & MIP_VSSIP)
        pending |= 1UL << 1;
    if (hvip & MIP_VSTIP)
        pending |= 1UL << 5;
    /* its guest external line (an IMSIC file's is seen only by its hart) */
    if ((hvip & MIP_VSEIP) || (v->hgei && vcpu_sees_line(v, this_cpu()) && aia_file_pending(v->hgei)))
        pending |= 1UL << 9;
    if (hart.sstc) {
        uint64_t cmp = live ? csr_read(CSR_VSTIMECMP) : v->csr.vstimecmp;
        if (read_time() >= cmp)
            pending |= 1UL << 5;
    }
    return (pending & vsie) != 0;
}

void wake_a_hart_for(struct vcpu *v)
{
    struct cpu *me = this_cpu();
    for (uint32_t i = 0; i < cpu_count; i++) {
        struct cpu *c = &cpus[i];
        if (c != me && c->online && c->idle && (v->pin < 0 || v->pin == (int32_t)i)) {
            cpu_kick(c);
            return;
        }
    }
}

void vcpu_resume(struct vcpu *v)
{
    v->state = VCPU_RUNNABLE;
    v->runnable_at = read_time();
    v->hsm_suspended = false;
    if (v->resume_nonretentive) {
        /* HSM: a non-retentive suspend returns at resume_addr as a fresh
         * start, which keeps the interrupt that woke it: a vCPU this hart
         * still holds is saved first, for its hvip (and so that its
         * deadline does not stay armed here) */
        if (v->cpu == this_cpu()) {
            vcpu_hvip_apply_requests(v);
            vcpu_ctx_save(v);
        }
        vcpu_start_at(v, v->resume_addr, v->resume_opaque);
    }
    wake_a_hart_for(v);
}

bool vcpu_wake_if_pending(struct vcpu *v)
{
    if (v->state != VCPU_IDLE || v->vm->state != VM_RUNNABLE || !vcpu_irq_pending(v))
        return false;
    vcpu_resume(v);
    return true;
}
