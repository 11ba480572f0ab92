/* VMs from the configuration table: host memory, G-stage tables, reset and stop. */
#include "vm.h"
#include "csr.h"
#include "console.h"
#include "gstage.h"
#include "guest_dtb.h"
#include "aia.h"
#include "hext.h"
#include "cpu.h"
#include "devices.h"
#include "fence.h"
#include "irq_backend.h"
#include "vcpu_ctx.h"
#include "vic_backend.h"
#include "util.h"
#include "platform.h"

struct vm vms[MAX_VMS];
uint32_t vm_count;

_Static_assert(offsetof(struct vcpu, regs) == 0, "trap.S finds the vCPU at its regs");
_Static_assert(offsetof(struct vcpu_regs, sepc) == 256, "trap.S offset");
_Static_assert(offsetof(struct vcpu_regs, htinst) == 304, "trap.S offset");
_Static_assert(offsetof(struct vcpu_regs, cpu) == 312 && sizeof(struct vcpu_regs) == 320, "trap.S offset");
_Static_assert(offsetof(struct cpu, stack_top) == 0 && offsetof(struct cpu, loaded) == 8,
               "start.S and trap.S load sp and the vCPU from it");
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

/* A VM with an `imsic` device gets a guest interrupt file per vCPU, on the
 * hart the vCPU is pinned to (a file belongs to one hart), mapped at the
 * device's GPA + 4 KiB * vCPU id; false (VM not started) when one is missing. */
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
    for (uint32_t i = 0; i < vm->n_vcpus; i++) {
        struct vcpu *v = &vm->vcpus[i];
        if (v->pin < 0)
            v->pin = (int32_t)(i % cpu_count);      /* its file ties it to one hart */
        v->imsic_file = aia_alloc_file((uint32_t)v->pin);
        v->hgei = v->imsic_file;
        if (!v->imsic_file) {
            hv_log("vm %s: every IMSIC guest file of hart %d is taken; not started\n",
                   vm->cfg->name, v->pin);
            return false;
        }
        uint64_t gpa = dev->gpa_base + 0x1000UL * i;
        if (!gstage_map_device_page(vm->gstage_root, gpa, aia_file_hpa((uint32_t)v->pin, v->imsic_file))) {
            hv_log("vm %s: cannot map its IMSIC file at GPA 0x%lx; not started\n", vm->cfg->name, gpa);
            return false;
        }
        hv_log("vm %s: vCPU %u: IMSIC guest file %u of hart %d at GPA 0x%lx\n", vm->cfg->name, i,
               v->imsic_file, v->pin, gpa);
    }
    return true;
}

/* vCPUs from the configuration: count and pins (a pin to a hart this
 * machine lacks stops the VM from starting, with the reason). */
static bool vm_make_vcpus(struct vm *vm)
{
    const struct vm_config *cfg = vm->cfg;
    vm->n_vcpus = cfg->n_vcpus ? cfg->n_vcpus : 1;
    if (vm->n_vcpus > VM_MAX_VCPUS) {
        hv_log("vm %s: %u vCPUs, at most %u; not started\n", cfg->name, vm->n_vcpus, VM_MAX_VCPUS);
        return false;
    }
    for (uint32_t i = 0; i < vm->n_vcpus; i++) {
        struct vcpu *v = &vm->vcpus[i];
        v->vm = vm;
        v->id = i;
        v->pin = cfg->vcpu_pin[i];
        v->state = VCPU_STOPPED;
        if (v->pin >= (int32_t)cpu_count) {
            hv_log("vm %s: vCPU %u is pinned to host hart %d, but there are %u; not started\n",
                   cfg->name, i, v->pin, cpu_count);
            return false;
        }
    }
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
        vm->irq = &irq_none;

        if (!vm_make_vcpus(vm))
            continue;
        if (!IS_ALIGNED(cfg->ram_gpa | cfg->ram_size, MiB(2)) || cfg->ram_size == 0) {
            hv_log("vm %s: RAM 0x%lx+0x%lx is not 2 MiB aligned; not started\n",
                   cfg->name, cfg->ram_gpa, cfg->ram_size);
            continue;
        }
        /* identity (GPA = HPA, for a passthrough device's DMA): its own GPA
         * range of host RAM, which must still be free; the pool skips the
         * part below it */
        uint64_t hpa = cfg->ram_identity ? cfg->ram_gpa : next;
        if (cfg->ram_identity && (hpa < next || hpa + cfg->ram_size > pool_end)) {
            hv_log("vm %s: RAM GPA = HPA [0x%lx, 0x%lx) is not free host RAM (free: [0x%lx, "
                   "0x%lx)); not started\n", cfg->name, hpa, hpa + cfg->ram_size, next, pool_end);
            continue;
        }
        if (hpa + cfg->ram_size > pool_end) {
            hv_log("vm %s: needs %lu MiB, only %lu MiB of host memory left; not started\n",
                   cfg->name, cfg->ram_size >> 20, (pool_end - next) >> 20);
            continue;
        }
        vm->gstage_root = gstage_new_root();
        if (!vm->gstage_root ||
            !gstage_map(vm->gstage_root, cfg->ram_gpa, hpa, cfg->ram_size)) {
            hv_log("vm %s: out of G-stage tables; not started\n", cfg->name);
            continue;
        }
        vm->hgatp = gstage_hgatp(vm->gstage_root, vm->vmid);
        if (!vm_attach_imsic(vm))
            continue;
        vm_attach_vic(vm);
        if (!vm_attach_passthrough(vm))
            continue;
        vm->ram_hpa = hpa;
        next = hpa + cfg->ram_size;
        hv_log("vm %s: %lu MiB at GPA 0x%lx -> HPA 0x%lx%s, VMID %u, %u vCPU(s), %u device(s)\n",
               cfg->name, cfg->ram_size >> 20, cfg->ram_gpa, vm->ram_hpa,
               cfg->ram_identity ? " (identity: its devices' DMA reaches all host memory)" : "",
               vm->vmid, vm->n_vcpus, cfg->n_devices);
        vm->created = true;
        vm_reset(vm);
    }
}

/* Every vCPU of the VM off every other hart (their state saved), so the VM
 * can be stopped for good or rebuilt; the caller's own is dropped. Waits
 * with the lock released; false if another hart is already doing this. */
static bool vm_quiesce(struct vm *vm)
{
    if (vm->resetting)
        return false;
    vm->resetting = true;
    vm->state = VM_STOPPED;             /* no hart picks its vCPUs any more */
    for (;;) {
        uint64_t busy = 0;
        for (uint32_t i = 0; i < vm->n_vcpus; i++) {
            struct vcpu *v = &vm->vcpus[i];
            v->state = VCPU_STOPPED;
            if (v->cpu && v->cpu != this_cpu())
                busy |= 1UL << v->cpu->id;
        }
        if (!busy)
            break;
        cpu_kick_mask(busy);
        cpu_let_others_in();
    }
    for (uint32_t i = 0; i < vm->n_vcpus; i++)
        vcpu_ctx_forget(&vm->vcpus[i]);
    vm->resetting = false;
    return true;
}

/* Loads the images and starts vCPU 0: the second half of a reset, once the
 * VM's RAM is clear. */
static void vm_boot(struct vm *vm)
{
    const struct vm_config *cfg = vm->cfg;
    uint8_t *ram = (uint8_t *)(uintptr_t)vm->ram_hpa;

    vm->booted = true;
    memcpy(ram + (cfg->image_gpa - cfg->ram_gpa), cfg->image, cfg->image_size);
    if (cfg->initrd_size)
        memcpy(ram + (cfg->initrd_gpa - cfg->ram_gpa), cfg->initrd, cfg->initrd_size);
    if (cfg->dtb_size) {
        uint8_t *dtb = ram + (cfg->dtb_gpa - cfg->ram_gpa);
        memcpy(dtb, cfg->dtb, cfg->dtb_size);
        if (!guest_dtb_fixup(dtb, (uint32_t)(cfg->ram_gpa + cfg->ram_size - cfg->dtb_gpa)))
            hv_log("vm %s: cannot complete its device tree (ISA, mmu-type)\n", cfg->name);
    }
    vm->input_head = vm->input_tail = 0;
    vm_devices_init(vm);
    /* the same VMID on every hart: nothing of the old run may survive anywhere */
    for (uint32_t i = 0; i < MAX_CPUS; i++)
        vm->fence_pending[i] = VM_FENCE_GVMA | VM_FENCE_I;
    gstage_flush_vmid(vm->vmid);
    /* vCPU 0 boots (a0 = 0, a1 = device tree); the others wait for HSM hart_start */
    vcpu_start_at(&vm->vcpus[0], cfg->image_gpa, cfg->dtb_gpa);
    vm->state = VM_RUNNABLE;
    vm->outcome = VM_OUTCOME_RUNNING;
    vm->progress_at = read_time();
    cpu_resched();
}

void vm_reset(struct vm *vm)
{
    if (!vm_quiesce(vm))
        return;
    /* a reboot must not show the guest its old memory; the first boot finds
     * zeroed RAM where the platform gives it so. The clearing is done in
     * chunks by harts with nothing else to do (vm_zero_step), beside the
     * other VMs, and the VM boots when it is done. */
    if (vm->booted || !platform.ram_zero_at_boot) {
        vm->zero_next = vm->zero_busy = 0;
        vm->zeroing = true;
        cpu_resched();
        return;
    }
    vm_boot(vm);
}

bool vm_zero_step(void)
{
    for (uint32_t i = 0; i < vm_count; i++) {
        struct vm *vm = &vms[i];
        if (!vm->zeroing)
            continue;
        uint64_t size = vm->cfg->ram_size;
        if (vm->zero_next >= size) {
            if (vm->zero_busy)
                continue;               /* another hart clears the last chunk */
            vm->zeroing = false;
            vm_boot(vm);
            return true;
        }
        uint64_t at = vm->zero_next, n = size - at < VM_ZERO_CHUNK ? size - at : VM_ZERO_CHUNK;
        vm->zero_next += n;
        vm->zero_busy++;
        hv_unlock();                    /* the VM is stopped: nobody else touches its RAM */
        memset((uint8_t *)(uintptr_t)(vm->ram_hpa + at), 0, n);
        hv_lock();
        vm->zero_busy--;
        return true;
    }
    return false;
}

void vm_stop(struct vm *vm, enum vm_outcome outcome, const char *why)
{
    if (vm->state == VM_STOPPED && vm->outcome != VM_OUTCOME_RUNNING)
        return;                         /* stopped already (two vCPUs raced to it) */
    vm->outcome = outcome;
    hv_log("vm %s: stopped (%s): %s\n", vm->cfg->name, outcome_names[outcome], why);
    vm_quiesce(vm);
    cpu_resched();
}
