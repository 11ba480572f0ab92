/* The emulated devices of a VM (core/devices.c): register accesses, timers,
 * console input; their interrupt wires go to the VM's interrupt backend. */
#ifndef CHIPVISOR_DEVICES_H
#define CHIPVISOR_DEVICES_H
#include <stdbool.h>
#include <stdint.h>
#include "vm.h"

/* At every boot: the devices reset, the interrupt backend chosen and reset. */
void vm_devices_init(struct vm *vm);
/* The device wires into the interrupt backend after a change not made by a
 * register access (a timer, console input). */
void vm_devices_update_irqs(struct vm *vm);

/* Device register access on an emulated window; false: no such register. */
bool vdev_read(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
               uint64_t *val);
bool vdev_write(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
                uint64_t val);

/* What the VM's input ring (vm_input.h) holds into its UART (or virtio
 * console), as far as it takes. */
void vm_input_feed_uart(struct vm *vm);

/* Timer-driven devices: count what expired by `now`; when they next need the hart. */
void vm_devices_advance(struct vm *vm, uint64_t now);
uint64_t vm_devices_next_event(const struct vm *vm);

#endif
