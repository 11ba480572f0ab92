/* Guest-page faults: emulated device accesses, or a VM stopped for touching
 * memory that is not its own. */
#ifndef CHIPVISOR_MMIO_H
#define CHIPVISOR_MMIO_H

#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

void mmio_guest_page_fault(struct vcpu *v);

/* The trapping instruction is read with the hart's HLVX.HU. With the
 * cross-check on (boot option chipvisor.xcheck=on, or the HVA walker on),
 * the software walker (lib/model/xlate, the golden model) reads it too, and every
 * disagreement is counted (and logged, rate-limited). */
struct mmio_xcheck {
    bool on;
    uint64_t fetches, disagreements;
};
extern struct mmio_xcheck mmio_xcheck;

/* device register access on an emulated window; false: no such register */
bool vdev_read(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
               uint64_t *val);
bool vdev_write(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
                uint64_t val);

#endif
