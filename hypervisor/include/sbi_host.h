/* Calls from the hypervisor down to the SBI firmware (OpenSBI) below it. */
#ifndef CHIPVISOR_SBI_HOST_H
#define CHIPVISOR_SBI_HOST_H

#include <stdint.h>

struct sbiret {
    long error;
    long value;
};

struct sbiret sbi_host_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2);
void sbi_host_set_timer(uint64_t when);
void sbi_host_shutdown(int failure);

#endif
