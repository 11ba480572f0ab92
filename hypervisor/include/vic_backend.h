/* The HVA's VIC as a VM's PLIC (hardware path); vm_attach_vic() and
 * vm_devices_poll_lines() are declared in vm.h. */
#ifndef CHIPVISOR_VIC_BACKEND_H
#define CHIPVISOR_VIC_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* Routes the VM's device sources to its guest file and clears the file. */
void vic_setup(struct vm *vm);
/* A 32-bit access at PLIC offset `off` of the VM's PLIC window. */
bool vic_access(struct vm *vm, uint64_t off, bool write, uint32_t *val);
/* Device lines -> VIC sources; the guest file's output -> hvip.VSEIP. */
void vic_update_irqs(struct vm *vm);

#endif
