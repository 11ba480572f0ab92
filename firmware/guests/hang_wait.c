/* A guest that waits for an interrupt that never comes (none is enabled):
 * its WFI leaves it idle for good, so only its VM's watchdog ends it
 * (configs/watchdog). */
#include "guest.h"

void guest_main(void)
{
    guest_printf("hang_wait: waiting for an interrupt that never comes\n");
    csr_clear(sstatus, SSTATUS_SIE);
    csr_write(sie, 0);
    for (;;)
        __asm__ volatile("wfi" ::: "memory");
}
