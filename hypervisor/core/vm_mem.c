/* Guest RAM as the hypervisor reaches it: a guest-physical range, checked to
 * lie wholly in the VM's own RAM, becomes a host pointer (HS runs with satp
 * Bare, so host-physical = host-virtual). Used for SBI calls that pass
 * buffers by guest-physical address. */
#include "vm.h"

bool vm_gpa_to_hva(const struct vm *vm, uint64_t gpa, uint64_t len, uint8_t **hva)
{
    const struct vm_config *cfg = vm->cfg;
    if (gpa < cfg->ram_gpa || len > cfg->ram_size || gpa - cfg->ram_gpa > cfg->ram_size - len)
        return false;
    *hva = (uint8_t *)(uintptr_t)(vm->ram_hpa + (gpa - cfg->ram_gpa));
    return true;
}
