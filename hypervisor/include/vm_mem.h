/* A guest-physical buffer as the hypervisor reaches it (core/vm_mem.c). */
#ifndef CHIPVISOR_VM_MEM_H
#define CHIPVISOR_VM_MEM_H
#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* A guest-physical buffer as a host pointer, through the VM's G-stage tables
 * (guest_walk): false unless every byte is the VM's own RAM
 * (writable, if `write`). */
bool vm_gpa_to_hva(const struct vm *vm, uint64_t gpa, uint64_t len, bool write, uint8_t **hva);

#endif
