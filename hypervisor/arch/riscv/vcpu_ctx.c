/* The vCPU context as the RISC-V hart holds it: the VS-level CSRs, hvip,
 * the Sstc timer and the FP registers, saved when a vCPU leaves a hart and
 * loaded when it comes (core/sched.c decides when); a vCPU's fresh start
 * and the exceptions the hypervisor hands to the guest's own handler. */
#include "vcpu_ctx.h"
#include "csr.h"
#include "gstage.h"
#include "hext.h"
#include "cpu.h"
#include "util.h"

void fp_save(struct vcpu_fp *fp);               /* trap.S */
void fp_restore(const struct vcpu_fp *fp);

void vcpu_ctx_save(struct vcpu *v)
{
    struct vcpu_csrs *c = &v->csr;
    c->vsstatus = csr_read(vsstatus);
    c->vsie = csr_read(vsie);
    c->vstvec = csr_read(vstvec);
    c->vsscratch = csr_read(vsscratch);
    c->vsepc = csr_read(vsepc);
    c->vscause = csr_read(vscause);
    c->vstval = csr_read(vstval);
    c->vsatp = csr_read(vsatp);
    c->hvip = csr_read(hvip);
    if (hart.sstc) {
        /* VSTIP belongs to vstimecmp: a copy in hvip would outlive it */
        c->hvip &= ~MIP_VSTIP;
        c->vstimecmp = csr_read(CSR_VSTIMECMP);
        /* nothing of its deadline may stay armed on this hart for the next vCPU */
        csr_write(CSR_VSTIMECMP, ~0UL);
    }
}

void vcpu_ctx_load(const struct vcpu *v)
{
    const struct vcpu_csrs *c = &v->csr;
    csr_write(hgatp, c->hgatp);
    if (!hart.vmid_bits)
        gstage_flush_all();
    csr_write(vsstatus, c->vsstatus);
    csr_write(vsie, c->vsie);
    csr_write(vstvec, c->vstvec);
    csr_write(vsscratch, c->vsscratch);
    csr_write(vsepc, c->vsepc);
    csr_write(vscause, c->vscause);
    csr_write(vstval, c->vstval);
    csr_write(vsatp, c->vsatp);
    csr_write(hvip, c->hvip);
    csr_write(henvcfg, c->henvcfg);
    csr_write(hcounteren, c->hcounteren);
    if (hart.sstc)
        csr_write(CSR_VSTIMECMP, c->vstimecmp);
}

void vcpu_ctx_save_fp(struct vcpu *v)
{
    if ((v->regs.sstatus & SSTATUS_FS) != SSTATUS_FS_DIRTY)
        return;
    csr_set(sstatus, SSTATUS_FS_INITIAL);
    fp_save(&v->fp);
    v->regs.sstatus = (v->regs.sstatus & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
}

void vcpu_ctx_load_fp(const struct vcpu *v)
{
    csr_set(sstatus, SSTATUS_FS_INITIAL);
    fp_restore(&v->fp);
}

void vcpu_ctx_forget(struct vcpu *v)
{
    if (v->cpu) {
        v->cpu->loaded = NULL;
        v->cpu->kicked = true;
        v->cpu = NULL;
    }
    for (uint32_t i = 0; i < cpu_count; i++)
        if (cpus[i].fp_owner == v)
            cpus[i].fp_owner = NULL;
    v->fp_cpu = NULL;
    v->last_cpu = NULL;
}

void vcpu_start_at(struct vcpu *v, uint64_t addr, uint64_t arg)
{
    struct vm *vm = v->vm;
    /* a resume from a non-retentive suspend keeps what woke it pending */
    uint64_t keep_hvip = v->resume_nonretentive ? v->csr.hvip & (MIP_VSSIP | MIP_VSEIP | MIP_VSTIP) : 0;
    vcpu_ctx_forget(v);    /* whatever a hart held of it is stale now */
    memset(&v->regs, 0, sizeof(v->regs));
    memset(&v->fp, 0, sizeof(v->fp));
    memset(&v->csr, 0, sizeof(v->csr));
    v->regs.x[10] = v->id;              /* a0: hart id */
    v->regs.x[11] = arg;                /* a1 */
    v->regs.sepc = addr;
    v->regs.sstatus = SSTATUS_SPP | SSTATUS_FS_INITIAL;     /* enter in VS-mode */
    v->regs.hstatus = HSTATUS_VSXL_64 | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW |
                      (uint64_t)v->hgei << HSTATUS_VGEIN_SHIFT;
    v->csr.hgatp = vm->hgatp;
    v->csr.hvip = keep_hvip;
    v->csr.henvcfg = hart.sstc ? HENVCFG_STCE : 0;
    v->csr.hcounteren = 0x7;            /* cycle, time, instret readable by the guest */
    v->csr.vstimecmp = ~0UL;
    v->timer_deadline = ~0UL;
    v->hvip_set = v->hvip_clear = 0;
    v->resume_nonretentive = false;
    v->hsm_suspended = false;
    v->imsic_reset = v->imsic_file != 0;
    /* it may land on a hart that ran this VM before: drop what that hart holds */
    for (uint32_t i = 0; i < cpu_count; i++)
        vm->fence_pending[i] |= VM_FENCE_VVMA | VM_FENCE_I;
    v->state = VCPU_RUNNABLE;
    v->runnable_at = read_time();
}

/* Delivers an exception to the guest's own trap handler (as if the hart had
 * delegated it): vsepc/vscause/vstval, vsstatus.SPP/SPIE/SIE, pc = vstvec. */
void vcpu_inject_exception(struct vcpu *v, uint64_t cause, uint64_t tval)
{
    struct vcpu_regs *r = &v->regs;
    uint64_t vsstatus = csr_read(vsstatus);
    bool from_vs = r->sstatus & SSTATUS_SPP;

    vsstatus &= ~(SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE);
    if (from_vs)
        vsstatus |= SSTATUS_SPP;
    if (csr_read(vsstatus) & SSTATUS_SIE)
        vsstatus |= SSTATUS_SPIE;
    csr_write(vsstatus, vsstatus);
    csr_write(vsepc, r->sepc);
    csr_write(vscause, cause);
    csr_write(vstval, tval);
    r->sepc = csr_read(vstvec) & ~3UL;
    r->sstatus |= SSTATUS_SPP;        /* the handler runs in VS-mode */
}
