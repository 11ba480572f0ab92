/* The HVA's VIC as a VM's PLIC (hardware path); vm_attach_vic(),
 * vm_devices_poll_lines() and vm_irq_vcpu_on_hart() are declared in vm.h. */
#ifndef CHIPVISOR_VIC_BACKEND_H
#define CHIPVISOR_VIC_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* Clears the VM's guest file (and, forwarded, routes its device sources to it). */
void vic_setup(struct vm *vm);
/* A 32-bit access at PLIC offset `off` of the VM's PLIC window. */
bool vic_access(struct vm *vm, uint64_t off, bool write, uint32_t *val);
/* Device lines into the VM's guest file (`touched`: the device the guest
 * just changed, or NULL); forwarded, the file's output -> hvip.VSEIP. */
void vic_update_irqs(struct vm *vm, const struct vm_device_config *touched);

#endif
