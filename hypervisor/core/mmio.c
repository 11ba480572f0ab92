/* Guest-page fault handling (the faulting GPA: fault_gpa()).
 * Inside a device window: decode the instruction (htinst when the hart gives
 * a transformed one, else the instruction read from guest memory by the HVA
 * walker where it serves translations, or with HLVX.HU, cross-checked by the
 * software walker on request) and emulate it. Anywhere else the guest touched memory that is not
 * its own: the VM is stopped with a report, everything else goes on. */
#include "mmio.h"
#include "devices.h"
#include "guest_mem.h"
#include "vcpu_ctx.h"
#include "console.h"
#include "util.h"
#include "csr.h"
#include "hext.h"
#include "hva_hw.h"
#include "mmio_decode/mmio_decode.h"

static const struct vm_device_config *find_device(const struct vm *vm, uint64_t gpa)
{
    for (uint32_t i = 0; i < vm->cfg->n_devices; i++) {
        const struct vm_device_config *d = &vm->cfg->devices[i];
        if (gpa >= d->gpa_base && gpa - d->gpa_base < d->size)
            return d;
    }
    return NULL;
}

static const char *access_name(uint64_t cause)
{
    switch (cause) {
    case EXC_INST_GUEST_PAGE_FAULT: return "instruction fetch";
    case EXC_LOAD_GUEST_PAGE_FAULT: return "load";
    default:                        return "store";
    }
}


static bool fetch_insn(struct vcpu *v, uint32_t *insn)
{
    const struct vm *vm = v->vm;
    /* where the HVA walker serves translations it reads the instruction
     * (with the golden model beside it under the cross-check) */
    if (hva_hw_walker_on())
        return guest_fetch_insn(v, v->regs.sepc, insn);
    uint64_t pc = v->regs.sepc;
    bool hw;
    if ((pc & 3) == 0) {
        /* one read: 4 aligned bytes never cross a page (a compressed
         * instruction keeps its low half) */
        hw = hlvx_wu(pc, insn);
        if (hw && (*insn & 3) != 3)
            *insn &= 0xffff;
    } else {
        uint16_t lo, hi = 0;
        hw = hlvx_hu(pc, &lo) && ((lo & 3) != 3 || hlvx_hu(pc + 2, &hi));
        *insn = (uint32_t)hi << 16 | lo;
    }
    if (fetch_xcheck.on) {
        uint32_t sw_insn = 0;
        bool sw = guest_fetch_insn(v, v->regs.sepc, &sw_insn);
        fetch_xcheck.fetches++;
        if (sw != hw || (hw && sw_insn != *insn)) {
            if (log_nth(++fetch_xcheck.disagreements))
                hv_log("vm %s: software walker and HLVX disagree on the instruction at 0x%lx "
                       "(vsatp 0x%lx): walker %s 0x%x, HLVX %s 0x%x (%lu so far)\n",
                       vm->cfg->name, v->regs.sepc, csr_read(vsatp), sw ? "reads" : "faults",
                       sw_insn, hw ? "reads" : "faults", *insn, fetch_xcheck.disagreements);
        }
    }
    return hw;
}

/* The guest-physical address of a guest-page fault. htval holds it shifted
 * right by 2; for the guest's own loads and stores stval (the address it
 * used, with the same page offset) gives the two low bits. For an
 * instruction fetch, and for the implicit reads of the guest's page-table
 * walk (stval is then the virtual address being translated: its page offset
 * differs from the PTE's), htval alone is the answer. */
static uint64_t fault_gpa(const struct vcpu_regs *r)
{
    uint64_t gpa = r->htval << 2;
    if (r->scause != EXC_INST_GUEST_PAGE_FAULT && ((gpa ^ r->stval) & 0xffc) == 0)
        gpa |= r->stval & 3;
    return gpa;
}

/* Stops the VM with a report; out of line, so that the emulation's own
 * frame stays small (this is the hot path of every device access). */
static void __attribute__((noinline, cold, format(printf, 2, 3))) mmio_refuse(struct vm *vm,
                                                                             const char *fmt, ...)
{
    char text[160];
    va_list ap;
    va_start(ap, fmt);
    hv_vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    vm_stop(vm, VM_OUTCOME_KILLED, text);
}

void mmio_guest_page_fault(struct vcpu *v)
{
    struct vm *vm = v->vm;
    struct vcpu_regs *r = &v->regs;
    uint64_t gpa = fault_gpa(r);
    const struct vm_device_config *dev = NULL;

    if (r->scause != EXC_INST_GUEST_PAGE_FAULT)
        dev = find_device(vm, gpa);
    if (!dev) {
        mmio_refuse(vm, "%s at GPA 0x%lx outside its memory (pc 0x%lx, va 0x%lx)",
                    access_name(r->scause), gpa, r->sepc, r->stval);
        return;
    }

    struct mmio_access a;
    uint32_t insn = 0;
    int decoded;
    if (r->htinst & 1) {
        decoded = mmio_decode_htinst(r->htinst, &a);
        insn = (uint32_t)r->htinst;
    } else if (fetch_insn(v, &insn)) {
        decoded = mmio_decode_insn(insn, &a);
    } else {
        mmio_refuse(vm, "cannot read the instruction at pc 0x%lx (device access at GPA 0x%lx)",
                    r->sepc, gpa);
        return;
    }
    if (decoded != 0 || a.is_store != (r->scause == EXC_STORE_GUEST_PAGE_FAULT)) {
        mmio_refuse(vm, "unsupported device access: instruction 0x%x at pc 0x%lx, GPA 0x%lx",
                    insn, r->sepc, gpa);
        return;
    }

    vm->stats.mmio_exits++;
    if (gpa & (a.size - 1)) {
        /* device registers are naturally aligned: a misaligned access (the
         * firmware's misaligned-access emulation brings it here) is refused
         * as a device would, with an access fault, never split into bytes */
        if (log_nth(++vm->stats.bad_regs))
            hv_log("vm %s: misaligned %u-byte %s at GPA 0x%lx (pc 0x%lx): access fault (%lu so far)\n",
                   vm->cfg->name, a.size, a.is_store ? "store" : "load", gpa, r->sepc,
                   vm->stats.bad_regs);
        vcpu_inject_exception(v, a.is_store ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS, r->stval);
        return;
    }
    uint64_t off = gpa - dev->gpa_base;
    if (a.is_store) {
        uint64_t val = a.reg ? r->x[a.reg] : 0;
        if (!vdev_write(vm, dev, off, a.size, val) && log_nth(++vm->stats.bad_regs))
            hv_log("vm %s: write of 0x%lx to unknown device register +0x%lx ignored (%lu so far)\n",
                   vm->cfg->name, val, off, vm->stats.bad_regs);
    } else {
        uint64_t raw = 0;
        if (!vdev_read(vm, dev, off, a.size, &raw) && log_nth(++vm->stats.bad_regs))
            hv_log("vm %s: read of unknown device register +0x%lx gives 0 (%lu so far)\n",
                   vm->cfg->name, off, vm->stats.bad_regs);
        if (a.reg)
            r->x[a.reg] = mmio_load_value(&a, raw);
    }
    r->sepc += a.len;
}
