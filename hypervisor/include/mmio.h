/* Guest-page faults: emulated device accesses, or a VM stopped for touching
 * memory that is not its own. */
#ifndef CHIPVISOR_MMIO_H
#define CHIPVISOR_MMIO_H

#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

void mmio_guest_page_fault(struct vcpu *v);

#endif
