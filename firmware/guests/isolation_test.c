/* Isolation: the guest reads a guest-physical address outside its own RAM
 * (where, in host-physical terms, another VM's memory or the hypervisor
 * could be). The hypervisor must stop this VM with a report naming it; the
 * read must never return. If it does, the guest reports failure itself. */
#include "guest.h"

#define OWN_RAM_BASE 0x80000000UL
#define OWN_RAM_SIZE 0x01000000UL        /* configs give this guest 16 MiB */

void guest_main(void)
{
    guest_printf("isolation test guest\n");
    volatile uint64_t *own = (volatile uint64_t *)(OWN_RAM_BASE + OWN_RAM_SIZE - 0x20000);
    *own = 0xfeedface;
    CHECK(*own == 0xfeedface, "its own RAM is readable and writable");

    uint64_t target = OWN_RAM_BASE + OWN_RAM_SIZE + 0x100000;
    guest_printf("reading GPA 0x%lx, outside its RAM: the hypervisor must stop this VM\n", target);
    uint64_t v = *(volatile uint64_t *)target;
    CHECK(false, "the read returned 0x%lx: isolation is broken", v);
}
