/* The HVA's VIC behind a VM's PLIC window (vic_backend.c): the VM's guest
 * file is taken at its creation; its interrupts then go through irq_vic
 * (irq_backend.h). */
#ifndef CHIPVISOR_VIC_BACKEND_H
#define CHIPVISOR_VIC_BACKEND_H
#include <stdbool.h>
#include "vm.h"

/* The VM's PLIC on the HVA VIC when there is one to spare (vm.c at creation). */
void vm_attach_vic(struct vm *vm);
/* The machine's own devices of the VM (config `passthrough`) mapped into it;
 * false (the reason logged: they need the HVA device's VIC) when they cannot be. */
bool vm_attach_passthrough(struct vm *vm);

#endif
