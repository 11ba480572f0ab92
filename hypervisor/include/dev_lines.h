/* The interrupt wires of a VM's emulated devices (UART, tick, virtio block
 * and console): each one's level now, and the level it had when the VM's
 * interrupts were last updated (edge-triggered paths need both). Inline:
 * the device exit asks on every access. */
#ifndef CHIPVISOR_DEV_LINES_H
#define CHIPVISOR_DEV_LINES_H
#include <stdbool.h>
#include "vm.h"

#define VM_WIRED_DEVICES 4

struct vm_wire {
    const struct vm_device_config *dev;   /* NULL: the VM lacks this device */
    bool *last;                           /* its level at the last update */
};

/* The VM's wired devices, in a fixed order. */
static inline void vm_wires(struct vm *vm, struct vm_wire w[VM_WIRED_DEVICES])
{
    w[0] = (struct vm_wire){ vm->uart_dev, &vm->uart_line };
    w[1] = (struct vm_wire){ vm->tick_dev, &vm->tick_line };
    w[2] = (struct vm_wire){ vm->blk_dev, &vm->blk_line };
    w[3] = (struct vm_wire){ vm->vcon_dev, &vm->vcon_line };
}

/* The level of a device's interrupt wire now. */
static inline bool vm_dev_line(struct vm *vm, const struct vm_device_config *dev)
{
    switch (dev->type) {
    case VM_DEV_UART16550:      return vuart_irq(&vm->uart);
    case VM_DEV_TICK:           return vtick_irq(&vm->tick);
    case VM_DEV_VIRTIO_BLK:     return virtio_mmio_irq(&vm->blk.mmio);
    case VM_DEV_VIRTIO_CONSOLE: return virtio_mmio_irq(&vm->vcon.mmio);
    default:                    return false;
    }
}

/* Where a wired device's last level is kept; NULL for a device without a wire. */
static inline bool *vm_dev_last_line(struct vm *vm, const struct vm_device_config *dev)
{
    return dev == vm->uart_dev ? &vm->uart_line : dev == vm->tick_dev ? &vm->tick_line :
           dev == vm->blk_dev ? &vm->blk_line : dev == vm->vcon_dev ? &vm->vcon_line : NULL;
}

/* The rule of the edge-triggered paths (MSIs into an IMSIC file, INJECTs
 * into a VIC file): a device's line is sent on each rising edge, and again
 * when the guest just changed the device (`touched`) and the line is still
 * high -- it may have taken only part of what the device holds, as a level
 * gateway would pend it again. Records the level as the last one. */
static inline bool vm_wire_fires(const struct vm_device_config *dev, bool level, bool *last,
                                 const struct vm_device_config *touched)
{
    bool fire = dev && dev->irq && level && (!*last || touched == dev);
    *last = level;
    return fire;
}

#endif
