/* The hypervisor's own bugs end here: the trap frame on the console, then the run ends. */
#ifndef CHIPVISOR_PANIC_H
#define CHIPVISOR_PANIC_H

#include "vm.h"

void panic(const char *why, const struct vcpu_regs *frame) __attribute__((noreturn));

#endif
