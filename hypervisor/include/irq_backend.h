/* What delivers a VM's interrupts, behind one small table of operations, so
 * that the devices, the scheduler and the SBI layer never ask which path it
 * is: the software PLIC (irq_vplic.c), MSIs into AIA IMSIC guest files,
 * directly or through an emulated APLIC (irq_aia.c), or the HVA's VIC
 * (vic_backend.c). A VM's backend is chosen when its devices are set up. */
#ifndef CHIPVISOR_IRQ_BACKEND_H
#define CHIPVISOR_IRQ_BACKEND_H
#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

struct irq_backend {
    const char *name;
    uint32_t sbi_id;                 /* what the chipvisor SBI extension reports (SBI_CHIPVISOR_IRQ_*) */
    /* at every boot of the VM, after its devices (NULL: nothing to do) */
    void (*reset)(struct vm *vm);
    /* the device wires (dev_lines.h) into the guest's interrupt state after a
     * device changed; `touched`: the device the guest just accessed, or NULL
     * for timer and input events */
    void (*update)(struct vm *vm, const struct vm_device_config *touched);
    /* one 32-bit register of the VM's PLIC window (NULL: no PLIC behind it) */
    bool (*plic_access)(struct vm *vm, uint64_t off, bool write, uint32_t *val);
    /* interrupt wires from outside the hypervisor, polled by the housekeeping
     * hart (NULL: none) */
    void (*poll)(struct vm *vm);
    /* a vCPU came onto a hart (on), or left it (on: it is idle and waits for
     * its line) (NULL: nothing follows the vCPU) */
    void (*vcpu_on_hart)(struct vcpu *v, bool on);
};

extern const struct irq_backend irq_none, irq_vplic, irq_msi, irq_aplic, irq_vic;

static inline void irq_poll(struct vm *vm)
{
    if (vm->irq->poll)
        vm->irq->poll(vm);
}

static inline void irq_vcpu_on_hart(struct vcpu *v, bool on)
{
    if (v->vm->irq->vcpu_on_hart)
        v->vm->irq->vcpu_on_hart(v, on);
}

#endif
