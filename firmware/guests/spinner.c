/* A guest that never yields: a busy loop with no WFI and no SBI call. It
 * prints only through its UART-less SBI console every ~100 ms of time, so the
 * hypervisor's time slices are what let the other VMs run. */
#include "guest.h"

void guest_main(void)
{
    guest_printf("spinner guest: looping forever without yielding\n");
    uint64_t next = rdtime();
    for (unsigned n = 0;; n++) {
        if (rdtime() >= next) {
            guest_printf("still spinning (%u)\n", n);
            next = rdtime() + TIMEBASE_HZ / 10;
        }
    }
}
