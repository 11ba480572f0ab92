/* The console input a VM has not taken yet (vm_input.h). */
#include "vm_input.h"

bool vm_input_push(struct vm *vm, uint8_t ch)
{
    uint32_t next = (vm->input_head + 1) % VM_INPUT_RING;
    if (next == vm->input_tail)
        return false;
    vm->input[vm->input_head] = ch;
    vm->input_head = next;
    return true;
}

int vm_input_pop(struct vm *vm)
{
    if (vm->input_tail == vm->input_head)
        return -1;
    uint8_t ch = vm->input[vm->input_tail];
    vm->input_tail = (vm->input_tail + 1) % VM_INPUT_RING;
    return ch;
}
