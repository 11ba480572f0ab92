/* AIA as a VM's interrupt path: each vCPU has an IMSIC guest file of its
 * hart mapped into its G-stage (vm.c), so the guest takes and completes its
 * interrupts without a trap; the emulated devices' wires become MSIs into
 * those files, either straight (irq_msi: the UART's id to vCPU 0's file) or
 * through an emulated APLIC in MSI mode (irq_aplic: the EIIDs and harts the
 * guest programmed there). */
#include "irq_backend.h"
#include "aia.h"
#include "cpu.h"
#include "dev_lines.h"
#include "sbi_defs.h"

/* An MSI into vCPU `id`'s guest file; its hart looks at once if it waits
 * for one (only that hart sees the file's hgeip). */
static void send_msi(struct vm *vm, uint32_t id, uint32_t eiid)
{
    struct vcpu *v = &vm->vcpus[id];
    aia_send((uint32_t)v->pin, v->imsic_file, eiid);
    if (v->state == VCPU_IDLE)
        cpu_kick(&cpus[v->pin]);
}

/* A device's line as MSIs (identity = its irq), by the edge-triggered
 * paths' rule (vm_wire_fires); duplicates merge in the file's pending bit. */
static void msi_update(struct vm *vm, const struct vm_device_config *touched)
{
    struct vm_wire w[VM_WIRED_DEVICES];
    vm_wires(vm, w);
    for (unsigned i = 0; i < VM_WIRED_DEVICES; i++) {
        bool level = w[i].dev && vm_dev_line(vm, w[i].dev);
        if (vm_wire_fires(w[i].dev, level, w[i].last, touched))
            send_msi(vm, 0, w[i].dev->irq);   /* without an APLIC: to the boot hart */
    }
}

static void aplic_reset(struct vm *vm)
{
    vaplic_init(&vm->aplic, VAPLIC_MAX_SOURCES);
}

/* the device lines into the APLIC's sources; what it forwards goes into the
 * vCPUs' files */
static void aplic_update(struct vm *vm, const struct vm_device_config *touched)
{
    struct vm_wire w[VM_WIRED_DEVICES];
    struct vaplic_msi msi;
    (void)touched;                    /* the APLIC keeps the levels itself */
    vm_wires(vm, w);
    for (unsigned i = 0; i < VM_WIRED_DEVICES; i++)
        if (w[i].dev && w[i].dev->irq)
            vaplic_set_level(&vm->aplic, w[i].dev->irq, vm_dev_line(vm, w[i].dev));
    while (vaplic_next_msi(&vm->aplic, &msi))
        if (msi.hart_index < vm->n_vcpus && msi.guest_index == 0)
            send_msi(vm, msi.hart_index, msi.eiid);
}

const struct irq_backend irq_msi = {
    .name = "IMSIC guest files (MSIs)",
    .sbi_id = SBI_CHIPVISOR_IRQ_AIA,
    .update = msi_update,
};

const struct irq_backend irq_aplic = {
    .name = "APLIC and IMSIC guest files",
    .sbi_id = SBI_CHIPVISOR_IRQ_AIA,
    .reset = aplic_reset,
    .update = aplic_update,
};
