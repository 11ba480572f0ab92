/* A guest that spins with interrupts off after one line: it never asks the
 * hypervisor for anything again, so only its VM's watchdog ends it
 * (configs/watchdog). */
#include "guest.h"

void guest_main(void)
{
    guest_printf("hang_spin: spinning with interrupts off\n");
    csr_clear(sstatus, SSTATUS_SIE);
    for (;;)
        __asm__ volatile("" ::: "memory");
}
