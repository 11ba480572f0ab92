/* Guest memory as the hypervisor reaches it: a guest-physical buffer is
 * translated page by page through the VM's own G-stage tables (guest_walk:
 * the HVA walker where it serves, else the software walker), so the hypervisor can
 * never be pointed at memory the guest could not touch itself. HS runs with
 * satp Bare: host-physical = host-virtual. */
#include "vm_mem.h"
#include "guest_mem.h"
#include "xlate/xlate.h"

#define PAGE 4096UL

static bool gstage_translate(const struct vm *vm, uint64_t gpa, bool write, uint64_t *hpa)
{
    const struct xlate_ctx ctx = {
        .hgatp = vm->hgatp,
        .virt = false,                   /* G-stage only: the address is a GPA */
        .ad_mode = XLATE_AD_UPDATE,
    };
    return guest_walk(vm, &ctx, gpa, write ? XLATE_WRITE : XLATE_READ, hpa);
}

bool vm_gpa_to_hva(const struct vm *vm, uint64_t gpa, uint64_t len, bool write, uint8_t **hva)
{
    uint64_t base;
    if (gpa + len < gpa || !gstage_translate(vm, gpa, write, &base))
        return false;
    /* every further page must be mapped, writable if asked, and follow on */
    for (uint64_t page = (gpa & ~(PAGE - 1)) + PAGE; page < gpa + len; page += PAGE) {
        uint64_t hpa;
        if (!gstage_translate(vm, page, write, &hpa) || hpa != base + (page - gpa))
            return false;
    }
    *hva = (uint8_t *)(uintptr_t)base;
    return true;
}
