/* The vCPU context as the RISC-V hart holds it: the VS-level CSRs, hvip,
 * the Sstc timer and the FP registers, saved when a vCPU leaves a hart and
 * loaded when it comes (core/sched.c decides when). */
#include "vcpu_ctx.h"
#include "csr.h"
#include "gstage.h"
#include "hext.h"

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
