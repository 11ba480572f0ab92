/* SBI DBCN: the debug console, on the VM's own console line and input ring.
 * Write and read take at most SBI_GUEST_COPY_MAX bytes a call and return the
 * count they took (sbi_guest_buffer), so a 1 MiB write is 4096 short calls
 * rather than one that holds the hart; guests loop on the count (Linux's
 * earlycon and hvc do). */
#include "console.h"
#include "sbi_ext.h"
#include "vm_input.h"

static enum sbi_flow sbi_dbcn_handle(struct vcpu *v, struct sbi_call *c)
{
    struct vm *vm = v->vm;
    uint8_t *buf;
    uint64_t len;

    switch (c->fid) {
    case SBI_DBCN_WRITE:
    case SBI_DBCN_READ:
        /* rv64: base_addr_hi must be 0; the buffer must be all the guest's own
         * RAM; len: the part this call takes */
        if (c->arg[2] != 0 ||
            !sbi_guest_buffer(vm, c->arg[1], c->arg[0], c->fid == SBI_DBCN_READ, &buf, &len)) {
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

SBI_EXTENSION(sbi_ext_dbcn) = {
    .eid_first = SBI_EXT_DBCN, .eid_last = SBI_EXT_DBCN, .name = "DBCN",
    .handle = sbi_dbcn_handle,
};
