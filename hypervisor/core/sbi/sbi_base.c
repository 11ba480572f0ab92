/* SBI BASE: versions, implementation, extension probe. */
#include "sbi_ext.h"
#include "sbi_fast.h"

static enum sbi_flow sbi_base_handle(struct vcpu *v, struct sbi_call *c)
{
    (void)v;
    if (sbi_base_fast(c->fid, &c->value))
        return SBI_FLOW_RETURN;
    switch (c->fid) {
    case SBI_BASE_GET_IMPL_ID:      c->value = (long)SBI_IMPL_ID_CHIPVISOR; break;
    case SBI_BASE_GET_IMPL_VERSION: c->value = (long)SBI_IMPL_VERSION; break;
    case SBI_BASE_PROBE_EXT: {
        const struct sbi_extension *e = sbi_find_extension(c->arg[0]);
        c->value = e && (!e->probe || e->probe(c->arg[0]));
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

SBI_EXTENSION(sbi_ext_base) = {
    .eid_first = SBI_EXT_BASE, .eid_last = SBI_EXT_BASE, .name = "BASE",
    .handle = sbi_base_handle,
};
