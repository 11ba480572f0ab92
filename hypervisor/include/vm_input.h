/* Host console input a VM has not taken yet: bytes wait in the VM's ring
 * until its UART FIFO (or an SBI console read) takes them (core/vm_input.c). */
#ifndef CHIPVISOR_VM_INPUT_H
#define CHIPVISOR_VM_INPUT_H
#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* false when the ring is full (the byte stays with the caller) */
bool vm_input_push(struct vm *vm, uint8_t ch);
/* the oldest byte, or -1 when the ring is empty */
int vm_input_pop(struct vm *vm);

#endif
