/* The SBI answers given on the fast path (trap.c's guest_trap_fast: before
 * the lock, with only the caller-saved registers saved, touching nothing but
 * the calling vCPU and its hart), as inline functions that the extensions'
 * own handlers use too, so that the two paths cannot answer differently.
 * True: answered. (TIME's is vcpu_set_own_timer, vcpu_irq.h.) */
#ifndef CHIPVISOR_SBI_FAST_H
#define CHIPVISOR_SBI_FAST_H
#include <stdbool.h>
#include <stdint.h>
#include "sbi_defs.h"

/* BASE get_spec_version */
static inline bool sbi_base_fast(uint64_t fid, long *value)
{
    if (fid != SBI_BASE_GET_SPEC_VERSION)
        return false;
    *value = (long)SBI_SPEC_VERSION_2_0;
    return true;
}

#endif
