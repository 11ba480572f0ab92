/* SBI v2.0 for guests: a table of extensions, each a small handler. */
#ifndef CHIPVISOR_SBI_GUEST_H
#define CHIPVISOR_SBI_GUEST_H

#include <stdint.h>
#include "vm.h"

/* Handles the guest's ecall (a7 = extension, a6 = function, a0..a5 = args). */
void sbi_guest_ecall(struct vcpu *v);

#endif
