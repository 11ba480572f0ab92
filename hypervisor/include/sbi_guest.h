/* SBI v2.0 for guests: a table of extensions, each a small handler. */
#ifndef CHIPVISOR_SBI_GUEST_H
#define CHIPVISOR_SBI_GUEST_H

#include <stdint.h>
#include "vm.h"

/* The most guest bytes one SBI call copies (DBCN write and read): a longer
 * buffer is taken in part and the call returns the count it took, as the SBI
 * spec allows ("the number of bytes written"); the guest calls again for the
 * rest. 256: one call holds the hart (and the hypervisor lock, which every
 * hart waits on) for 256 console bytes at most, a printk line fits in one
 * call, the ecall's own cost is about one instruction per byte taken, and a
 * read can never take more anyway (the input ring holds VM_INPUT_RING - 1). */
#define SBI_GUEST_COPY_MAX 256

/* Handles the guest's ecall (a7 = extension, a6 = function, a0..a5 = args). */
void sbi_guest_ecall(struct vcpu *v);

#endif
