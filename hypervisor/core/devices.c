/* The emulated devices of a VM (ns16550a UART, periodic tick, virtio block
 * and console, the APLIC's registers, the PLIC window): their register
 * accesses, timers and console input. After each change their interrupt
 * wires go to the VM's interrupt backend (irq_backend.h), chosen here. */
#include "devices.h"
#include "console.h"
#include "cpu.h"
#include "irq_backend.h"
#include "csr.h"
#include "util.h"
#include "vm_input.h"
#include "vm_mem.h"

static void uart_tx(void *ctx, uint8_t ch)
{
    struct vm *vm = ctx;
    console_write_from(vm->cfg->name, ch);
}

/* virtio buffers: the VM's own RAM only */
static bool virtio_gpa_to_hva(void *ctx, uint64_t gpa, uint64_t len, bool write, uint8_t **hva)
{
    return vm_gpa_to_hva(ctx, gpa, len, write, hva);
}

/* The path of the VM's interrupts, from its devices: an APLIC in front of
 * IMSIC files, IMSIC files alone, the HVA VIC (its file taken at creation),
 * the software PLIC, or nothing. */
static const struct irq_backend *backend_for(const struct vm *vm)
{
    if (vm->aplic_dev)
        return &irq_aplic;
    if (vm->imsic_dev && !vm->plic_dev)
        return &irq_msi;
    if (vm->vic_file)
        return &irq_vic;
    return vm->plic_dev ? &irq_vplic : &irq_none;
}

void vm_devices_init(struct vm *vm)
{
    vm->uart_dev = vm_config_device(vm->cfg, VM_DEV_UART16550);
    vm->plic_dev = vm_config_device(vm->cfg, VM_DEV_PLIC);
    vm->tick_dev = vm_config_device(vm->cfg, VM_DEV_TICK);
    vm->imsic_dev = vm_config_device(vm->cfg, VM_DEV_IMSIC);
    vm->blk_dev = vm_config_device(vm->cfg, VM_DEV_VIRTIO_BLK);
    vm->vcon_dev = vm_config_device(vm->cfg, VM_DEV_VIRTIO_CONSOLE);
    vm->aplic_dev = vm_config_device(vm->cfg, VM_DEV_APLIC);
    vm->uart_line = vm->tick_line = vm->blk_line = vm->vcon_line = false;
    vm->blk_errors_logged = vm->vcon_errors_logged = 0;
    vuart_init(&vm->uart, uart_tx, vm);
    if (vm->blk_dev)
        virtio_blk_init(&vm->blk, vm->cfg->disk, vm->cfg->disk_size, false, vm->cfg->name,
                        virtio_gpa_to_hva, vm);
    if (vm->vcon_dev)
        virtio_console_init(&vm->vcon, uart_tx, vm, virtio_gpa_to_hva, vm);
    vtick_init(&vm->tick);
    vm->irq = backend_for(vm);
    if (vm->irq->reset)
        vm->irq->reset(vm);
}

static inline void update_irqs(struct vm *vm, const struct vm_device_config *touched)
{
    vm->irq->update(vm, touched);
}

void vm_devices_update_irqs(struct vm *vm)
{
    update_irqs(vm, NULL);
}

/* Host console input goes to the VM's UART, the DTB's stdout-path; to its
 * virtio console (Linux: hvc0) when it has no UART. */
void vm_input_feed_uart(struct vm *vm)
{
    if (vm->vcon_dev && !vm->uart_dev) {
        while (!virtio_console_rx_full(&vm->vcon)) {
            int c = vm_input_pop(vm);
            if (c < 0)
                break;
            virtio_console_rx_push(&vm->vcon, (uint8_t)c);
        }
        vm_devices_update_irqs(vm);
        return;
    }
    if (!vm->uart_dev)
        return;
    while (!vuart_rx_full(&vm->uart)) {
        int c = vm_input_pop(vm);
        if (c < 0)
            break;
        vuart_rx_push(&vm->uart, (uint8_t)c);
    }
    vm_devices_update_irqs(vm);
}

/* A notify does a bounded amount of work; what is left goes on from the
 * scheduler, a little later, so a guest cannot hold the hart with one. */
#define VIRTIO_POLL_TICKS 100       /* 10 us */

static bool virtio_pending(const struct vm *vm)
{
    return (vm->blk_dev && virtio_mmio_pending(&vm->blk.mmio)) ||
           (vm->vcon_dev && virtio_mmio_pending(&vm->vcon.mmio));
}

static void virtio_continue(struct vm *vm)
{
    if (vm->blk_dev && virtio_mmio_pending(&vm->blk.mmio))
        virtio_mmio_poll(&vm->blk.mmio);
    if (vm->vcon_dev && virtio_mmio_pending(&vm->vcon.mmio))
        virtio_mmio_poll(&vm->vcon.mmio);
}

/* guest driver mistakes, logged sparsely */
static void virtio_report(struct vm *vm, const struct virtio_mmio *m, uint32_t *logged,
                          const char *what)
{
    if (m->errors == *logged)
        return;
    *logged = m->errors;
    if (log_nth(m->errors))
        hv_log("vm %s: %s: driver error %u: %s\n", vm->cfg->name, what, m->errors,
               m->last_error ? m->last_error : "?");
}

void vm_devices_advance(struct vm *vm, uint64_t now)
{
    if (virtio_pending(vm)) {
        virtio_continue(vm);
        vm_devices_update_irqs(vm);
    }
    if (!vm->tick_dev)
        return;
    bool was = vtick_irq(&vm->tick);
    vtick_advance(&vm->tick, now);
    if (vtick_irq(&vm->tick) != was)
        vm_devices_update_irqs(vm);
}

uint64_t vm_devices_next_event(const struct vm *vm)
{
    if (virtio_pending(vm))
        return read_time() + VIRTIO_POLL_TICKS;
    return vm->tick_dev ? vtick_next_event(&vm->tick) : ~0UL;
}

/* One 32-bit register of the VM's PLIC window, at its interrupt backend. */
static bool plic_access32(struct vm *vm, uint64_t off, bool write, uint32_t *val)
{
    return vm->irq->plic_access && vm->irq->plic_access(vm, off, write, val);
}

/* PLIC registers are 32 bits wide; an aligned 64-bit access covers two */
static bool plic_access(struct vm *vm, uint64_t off, unsigned size, bool write, uint64_t *val)
{
    uint32_t lo = (uint32_t)*val, hi = (uint32_t)(*val >> 32);
    if ((size != 4 && size != 8) || (off & 3))
        return false;
    bool ok = plic_access32(vm, off, write, &lo);
    if (ok && size == 8)
        ok = plic_access32(vm, off + 4, write, &hi);
    if (!write)
        *val = size == 8 ? (uint64_t)hi << 32 | lo : lo;
    return ok;
}

bool vdev_read(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
               uint64_t *val)
{
    bool ok = false;
    if (dev->type == VM_DEV_UART16550) {
        /* reg-io-width 1; a wider access reads the byte register at its address */
        uint8_t b = 0;
        ok = vuart_read(&vm->uart, (uint32_t)off, &b) == 0;
        *val = b;
    } else if (dev->type == VM_DEV_PLIC) {
        *val = 0;
        ok = plic_access(vm, off, size, false, val);
    } else if (dev->type == VM_DEV_TICK && size == 4) {
        uint32_t v = 0;
        ok = vtick_read(&vm->tick, (uint32_t)off, read_time(), &v) == 0;
        *val = v;
    } else if (dev->type == VM_DEV_APLIC) {
        uint32_t v = 0;
        ok = vaplic_read(&vm->aplic, (uint32_t)off, size, &v) == 0;
        *val = v;
    } else if (dev->type == VM_DEV_VIRTIO_BLK) {
        ok = virtio_mmio_read(&vm->blk.mmio, (uint32_t)off, size, val) == 0;
    } else if (dev->type == VM_DEV_VIRTIO_CONSOLE) {
        ok = virtio_mmio_read(&vm->vcon.mmio, (uint32_t)off, size, val) == 0;
    }
    /* reads that consume state (the UART's RBR/IIR) may leave more behind */
    update_irqs(vm, dev->type == VM_DEV_UART16550 ? dev : NULL);
    return ok;
}

bool vdev_write(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
                uint64_t val)
{
    bool ok = false;
    if (dev->type == VM_DEV_UART16550)
        ok = vuart_write(&vm->uart, (uint32_t)off, (uint8_t)val) == 0;
    else if (dev->type == VM_DEV_PLIC)
        ok = plic_access(vm, off, size, true, &val);
    else if (dev->type == VM_DEV_TICK && size == 4) {
        ok = vtick_write(&vm->tick, (uint32_t)off, (uint32_t)val, read_time()) == 0;
        cpu_resched();           /* its next expiry moved: the host timer follows */
    }
    else if (dev->type == VM_DEV_APLIC)
        ok = vaplic_write(&vm->aplic, (uint32_t)off, size, (uint32_t)val) == 0;
    else if (dev->type == VM_DEV_VIRTIO_BLK || dev->type == VM_DEV_VIRTIO_CONSOLE) {
        bool blk = dev->type == VM_DEV_VIRTIO_BLK;
        struct virtio_mmio *m = blk ? &vm->blk.mmio : &vm->vcon.mmio;
        ok = virtio_mmio_write(m, (uint32_t)off, size, val) == 0;
        virtio_report(vm, m, blk ? &vm->blk_errors_logged : &vm->vcon_errors_logged,
                      blk ? "virtio-blk" : "virtio-console");
        if (virtio_mmio_pending(m))
            cpu_resched();       /* the host timer must come back for the rest */
    }
    update_irqs(vm, dev);
    return ok;
}
