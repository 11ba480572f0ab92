/* ecall to OpenSBI: the hypervisor's own timer (without Sstc) and shutdown. */
#include "sbi_host.h"
#include "sbi_defs.h"

struct sbiret sbi_host_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2)
{
    register uint64_t r_a0 __asm__("a0") = a0;
    register uint64_t r_a1 __asm__("a1") = a1;
    register uint64_t r_a2 __asm__("a2") = a2;
    register uint64_t r_a6 __asm__("a6") = fid;
    register uint64_t r_a7 __asm__("a7") = ext;
    __asm__ volatile("ecall"
                     : "+r"(r_a0), "+r"(r_a1)
                     : "r"(r_a2), "r"(r_a6), "r"(r_a7)
                     : "memory");
    return (struct sbiret){ .error = (long)r_a0, .value = (long)r_a1 };
}

void sbi_host_set_timer(uint64_t when)
{
    sbi_host_call(SBI_EXT_TIME, 0, when, 0, 0);
}

void sbi_host_shutdown(int failure)
{
    sbi_host_call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN,
                  failure ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0);
}
