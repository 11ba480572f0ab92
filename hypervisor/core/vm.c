/* VMs from the configuration table: host memory, G-stage tables, reset and stop. */
#include "vm.h"
#include "csr.h"
#include "console.h"
#include "gstage.h"
#include "guest_dtb.h"
#include "aia.h"
#include "hext.h"
#include "sched.h"
#include "util.h"

struct vm vms[MAX_VMS];
uint32_t vm_count;

_Static_assert(offsetof(struct vm, regs) == 0, "trap.S finds the VM at its regs");
_Static_assert(offsetof(struct vcpu_regs, sepc) == 256, "trap.S offset");
_Static_assert(offsetof(struct vcpu_regs, htinst) == 304, "trap.S offset");
_Static_assert(offsetof(struct vcpu_fp, fcsr) == 256, "trap.S offset");

static const char *const outcome_names[] = {
    [VM_OUTCOME_RUNNING] = "running",
    [VM_OUTCOME_PASS] = "passed",
    [VM_OUTCOME_FAIL] = "failed",
    [VM_OUTCOME_KILLED] = "killed",
};

const char *vm_outcome_name(enum vm_outcome o)
{
    return outcome_names[o];
}

/* A VM with an `imsic` device gets a guest interrupt file of the hart, mapped
 * at the device's GPA; false (VM not started) when there is none to give. */
static bool vm_attach_imsic(struct vm *vm)
{
    const struct vm_device_config *dev = vm_config_device(vm->cfg, VM_DEV_IMSIC);
    if (!dev)
        return true;
    if (!aia_present()) {
        hv_log("vm %s: needs an IMSIC guest file, but the platform has no AIA "
               "(QEMU: -M virt,aia=aplic-imsic,aia-guests=N); not started\n", vm->cfg->name);
        return false;
    }
    vm->imsic_file = aia_alloc_file();
    if (!vm->imsic_file) {
        hv_log("vm %s: every IMSIC guest file of the hart is taken; not started\n", vm->cfg->name);
        return false;
    }
    if (!gstage_map_device_page(vm->gstage_root, dev->gpa_base, aia_file_hpa(vm->imsic_file))) {
        hv_log("vm %s: cannot map its IMSIC file at GPA 0x%lx; not started\n", vm->cfg->name,
               dev->gpa_base);
        return false;
    }
    hv_log("vm %s: IMSIC guest file %u at GPA 0x%lx\n", vm->cfg->name, vm->imsic_file, dev->gpa_base);
    return true;
}

void vm_create_all(uint64_t pool_base, uint64_t pool_end)
{
    uint64_t next = ALIGN_UP(pool_base, MiB(2));
    uint32_t n = vm_config_count < MAX_VMS ? vm_config_count : MAX_VMS;

    if (vm_config_count > MAX_VMS)
        hv_log("configuration has %u VMs; only the first %u run\n", vm_config_count, MAX_VMS);
    for (uint32_t i = 0; i < n; i++) {
        struct vm *vm = &vms[vm_count++];
        const struct vm_config *cfg = &vm_configs[i];
        vm->cfg = cfg;
        vm->index = i;
        /* VMID 0 is left to the hypervisor; without VMID bits every switch flushes */
        vm->vmid = hart.vmid_bits ? (uint16_t)((i + 1) & ((1U << hart.vmid_bits) - 1)) : 0;
        vm->state = VM_STOPPED;
        vm->outcome = VM_OUTCOME_KILLED;

        if (!IS_ALIGNED(cfg->ram_gpa | cfg->ram_size, MiB(2)) || cfg->ram_size == 0) {
            hv_log("vm %s: RAM 0x%lx+0x%lx is not 2 MiB aligned; not started\n",
                   cfg->name, cfg->ram_gpa, cfg->ram_size);
            continue;
        }
        if (next + cfg->ram_size > pool_end) {
            hv_log("vm %s: needs %lu MiB, only %lu MiB of host memory left; not started\n",
                   cfg->name, cfg->ram_size >> 20, (pool_end - next) >> 20);
            continue;
        }
        vm->gstage_root = gstage_new_root();
        if (!vm->gstage_root ||
            !gstage_map(vm->gstage_root, cfg->ram_gpa, next, cfg->ram_size)) {
            hv_log("vm %s: out of G-stage tables; not started\n", cfg->name);
            continue;
        }
        if (!vm_attach_imsic(vm))
            continue;
        vm_attach_vic(vm);
        vm->ram_hpa = next;
        next += cfg->ram_size;
        hv_log("vm %s: %lu MiB at GPA 0x%lx -> HPA 0x%lx, VMID %u, %u device(s)\n",
               cfg->name, cfg->ram_size >> 20, cfg->ram_gpa, vm->ram_hpa, vm->vmid,
               cfg->n_devices);
        vm_reset(vm);
    }
}

void vm_reset(struct vm *vm)
{
    const struct vm_config *cfg = vm->cfg;
    uint8_t *ram = (uint8_t *)(uintptr_t)vm->ram_hpa;

    sched_forget(vm);
    memset(ram, 0, cfg->ram_size);
    memcpy(ram + (cfg->image_gpa - cfg->ram_gpa), cfg->image, cfg->image_size);
    if (cfg->initrd_size)
        memcpy(ram + (cfg->initrd_gpa - cfg->ram_gpa), cfg->initrd, cfg->initrd_size);
    if (cfg->dtb_size) {
        uint8_t *dtb = ram + (cfg->dtb_gpa - cfg->ram_gpa);
        memcpy(dtb, cfg->dtb, cfg->dtb_size);
        if (!guest_dtb_fixup(dtb, (uint32_t)(cfg->ram_gpa + cfg->ram_size - cfg->dtb_gpa)))
            hv_log("vm %s: cannot complete its device tree (ISA, mmu-type)\n", cfg->name);
    }

    memset(&vm->regs, 0, sizeof(vm->regs));
    memset(&vm->fp, 0, sizeof(vm->fp));
    memset(&vm->csr, 0, sizeof(vm->csr));
    vm->regs.x[10] = 0;                 /* a0: hart id */
    vm->regs.x[11] = cfg->dtb_gpa;      /* a1: device tree */
    vm->regs.sepc = cfg->image_gpa;
    vm->regs.sstatus = SSTATUS_SPP | SSTATUS_FS_INITIAL;     /* enter in VS-mode */
    vm->regs.hstatus = HSTATUS_VSXL_64 | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_VTW |
                       (uint64_t)vm->imsic_file << HSTATUS_VGEIN_SHIFT;
    if (vm->imsic_file)
        aia_reset_file(vm->imsic_file);
    vm->csr.hgatp = gstage_hgatp(vm->gstage_root, vm->vmid);
    vm->csr.henvcfg = hart.sstc ? HENVCFG_STCE : 0;
    vm->csr.hcounteren = 0x7;           /* cycle, time, instret readable by the guest */
    vm->csr.vstimecmp = ~0UL;
    vm->timer_deadline = ~0UL;
    vm->input_head = vm->input_tail = 0;
    vm_devices_init(vm);
    gstage_flush_vmid(vm->vmid);
    vm->state = VM_RUNNABLE;
    vm->outcome = VM_OUTCOME_RUNNING;
}

void vm_stop(struct vm *vm, enum vm_outcome outcome, const char *why)
{
    vm->state = VM_STOPPED;
    vm->outcome = outcome;
    hv_log("vm %s: stopped (%s): %s\n", vm->cfg->name, outcome_names[outcome], why);
    sched_forget(vm);
}
