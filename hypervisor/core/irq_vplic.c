/* The software PLIC (lib/vdev/vplic) as a VM's interrupt path: device wires
 * are its level-triggered sources, its S-mode context of each vCPU drives
 * that vCPU's hvip.VSEIP; every PLIC register access traps and is emulated.
 * A VM with no PLIC and no other path (irq_none) keeps only the levels. */
#include "irq_backend.h"
#include "csr.h"
#include "dev_lines.h"
#include "sbi_defs.h"
#include "vcpu_irq.h"

/* context 2i + 1 of the virtual PLIC is vCPU i's S-mode external interrupt */
#define VPLIC_CTX_S(vcpu) (2 * (vcpu) + 1)

static void vplic_reset(struct vm *vm)
{
    vplic_init(&vm->plic);
}

static void __attribute__((noinline)) update_all(struct vm *vm)
{
    struct vm_wire w[VM_WIRED_DEVICES];
    vm_wires(vm, w);
    for (unsigned i = 0; i < VM_WIRED_DEVICES; i++) {
        bool level = w[i].dev && vm_dev_line(vm, w[i].dev);
        if (vm->plic_dev && w[i].dev && w[i].dev->irq)
            vplic_set_level(&vm->plic, w[i].dev->irq, level);
        *w[i].last = level;
    }
    for (uint32_t id = 0; id < vm->n_vcpus; id++)
        vcpu_hvip_update(&vm->vcpus[id], MIP_VSEIP,
                         vm->plic_dev && vplic_irq(&vm->plic, VPLIC_CTX_S(id)));
}

static void vplic_update(struct vm *vm, const struct vm_device_config *touched)
{
    if (touched) {
        /* level-triggered: a device whose line did not move (a UART status
         * read, a register write) changes nothing here (the common MMIO
         * exit: checked before anything else) */
        bool *last = vm_dev_last_line(vm, touched);
        if (last && vm_dev_line(vm, touched) == *last)
            return;
    }
    update_all(vm);
}

static bool vplic_access(struct vm *vm, uint64_t off, bool write, uint32_t *val)
{
    return (write ? vplic_write(&vm->plic, (uint32_t)off, *val)
                  : vplic_read(&vm->plic, (uint32_t)off, val)) == 0;
}

const struct irq_backend irq_vplic = {
    .name = "software PLIC",
    .sbi_id = SBI_CHIPVISOR_IRQ_VPLIC,
    .reset = vplic_reset,
    .update = vplic_update,
    .plic_access = vplic_access,
};

const struct irq_backend irq_none = {
    .name = "none",
    .sbi_id = SBI_CHIPVISOR_IRQ_NONE,
    .update = vplic_update,
};
