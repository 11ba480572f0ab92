/* SBI for guests: the ecall entry and the table of extensions. Each extension
 * is one file of this folder with its handler and one struct sbi_extension
 * (sbi_ext.h), registered there by SBI_EXTENSION; unknown
 * extensions and functions answer SBI_ERR_NOT_SUPPORTED. A VM's harts are its
 * vCPUs, ids 0..n-1. Pure logic over the vcpu_* / vm_* operations, so
 * the host unit tests run it against fakes. */
#include "sbi_guest.h"
#include "sbi_ext.h"
#include "vm_mem.h"
#include "util.h"

/* the extensions' SBI_EXTENSION entries (sbi_ext.h), put together by the linker */
extern const struct sbi_extension *const __start_sbi_ext[], *const __stop_sbi_ext[];

const struct sbi_extension *sbi_find_extension(uint64_t eid)
{
    for (const struct sbi_extension *const *e = __start_sbi_ext; e < __stop_sbi_ext; e++)
        if (eid >= (*e)->eid_first && eid <= (*e)->eid_last)
            return *e;
    return NULL;
}

bool sbi_named_harts(const struct vm *vm, uint64_t mask, uint64_t base, uint64_t *set)
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

bool sbi_guest_buffer(const struct vm *vm, uint64_t gpa, uint64_t len, bool write,
                      uint8_t **hva, uint64_t *n)
{
    const struct vm_config *cfg = vm->cfg;
    if (gpa < cfg->ram_gpa || len > cfg->ram_size || gpa - cfg->ram_gpa > cfg->ram_size - len)
        return false;
    *n = len < SBI_GUEST_COPY_MAX ? len : SBI_GUEST_COPY_MAX;
    return vm_gpa_to_hva(vm, gpa, *n, write, hva);
}

void sbi_guest_ecall(struct vcpu *v)
{
    struct vcpu_regs *r = &v->regs;
    struct sbi_call c = {
        .ext = r->x[17], .fid = r->x[16],
        .arg = { r->x[10], r->x[11], r->x[12], r->x[13], r->x[14], r->x[15] },
    };
    v->vm->stats.sbi_calls++;
    const struct sbi_extension *e = sbi_find_extension(c.ext);
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
