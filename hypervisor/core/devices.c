/* The virtual devices of a VM (ns16550a UART, PLIC, periodic tick, virtio
 * block and console, APLIC) and the wires between them: device interrupts ->
 * PLIC sources, PLIC S-context -> hvip.VSEIP; or, on the other interrupt
 * paths, -> the HVA VIC (vic_backend.c), or MSIs into an IMSIC guest file,
 * directly or through the APLIC. */
#include "mmio.h"
#include "console.h"
#include "aia.h"
#include "vic_backend.h"
#include "csr.h"
#include "sched.h"
#include "util.h"
#include "vm.h"

/* context 2i + 1 of the virtual PLIC is vCPU i's S-mode external interrupt */
#define VPLIC_CTX_S(vcpu) (2 * (vcpu) + 1)

static void uart_tx(void *ctx, uint8_t ch)
{
    struct vm *vm = ctx;
    console_write_from(vm->cfg->name, ch);
}

const struct vm_device_config *vm_config_device(const struct vm_config *cfg, enum vm_device_type type)
{
    for (uint32_t i = 0; i < cfg->n_devices; i++)
        if (cfg->devices[i].type == type)
            return &cfg->devices[i];
    return NULL;
}

/* virtio buffers: the VM's own RAM only */
static bool virtio_gpa_to_hva(void *ctx, uint64_t gpa, uint64_t len, bool write, uint8_t **hva)
{
    return vm_gpa_to_hva(ctx, gpa, len, write, hva);
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
    vaplic_init(&vm->aplic, VAPLIC_MAX_SOURCES);
    vm->uart_line = vm->tick_line = vm->blk_line = vm->vcon_line = false;
    vm->blk_errors_logged = vm->vcon_errors_logged = 0;
    vuart_init(&vm->uart, uart_tx, vm);
    if (vm->blk_dev)
        virtio_blk_init(&vm->blk, vm->cfg->disk, vm->cfg->disk_size, false, vm->cfg->name,
                        virtio_gpa_to_hva, vm);
    if (vm->vcon_dev)
        virtio_console_init(&vm->vcon, uart_tx, vm, virtio_gpa_to_hva, vm);
    vplic_init(&vm->plic);
    vtick_init(&vm->tick);
    if (vm->vic_file)
        vic_setup(vm);
}

/* With an IMSIC file and no PLIC, a device's interrupt line becomes MSIs
 * (identity = its irq): one on each rising edge, and one more when the guest
 * changed the device's state (a write, or a UART read, which consumes) and
 * the line is still high -- MSIs are edges, and the guest may have taken only
 * part of what the device holds; this is the re-trigger an APLIC driver does
 * at EOI for a level source. Duplicates merge in the file's pending bit. */
/* An MSI into vCPU `id`'s guest file; its hart looks at once if it waits
 * for one (only that hart sees the file's hgeip). */
static void send_msi(struct vm *vm, uint32_t id, uint32_t eiid)
{
    struct vcpu *v = &vm->vcpus[id];
    aia_send((uint32_t)v->pin, v->imsic_file, eiid);
    if (v->state == VCPU_IDLE)
        cpu_kick(&cpus[v->pin]);
}

static void msi_line(struct vm *vm, const struct vm_device_config *dev, bool level, bool *prev,
                     const struct vm_device_config *touched)
{
    if (dev && dev->irq && level && (!*prev || touched == dev))
        send_msi(vm, 0, dev->irq);    /* without an APLIC: to the boot hart */
    *prev = level;
}

static void aplic_deliver(struct vm *vm)
{
    struct vaplic_msi msi;
    while (vaplic_next_msi(&vm->aplic, &msi))
        if (msi.hart_index < vm->n_vcpus && msi.guest_index == 0)
            send_msi(vm, msi.hart_index, msi.eiid);
}

/* The level of a device's interrupt wire. */
static bool dev_line(struct vm *vm, const struct vm_device_config *dev)
{
    switch (dev->type) {
    case VM_DEV_UART16550:      return vuart_irq(&vm->uart);
    case VM_DEV_TICK:           return vtick_irq(&vm->tick);
    case VM_DEV_VIRTIO_BLK:     return virtio_mmio_irq(&vm->blk.mmio);
    case VM_DEV_VIRTIO_CONSOLE: return virtio_mmio_irq(&vm->vcon.mmio);
    default:                    return false;
    }
}

#define WIRED_DEVICES 4

/* The device lines to wherever this VM's interrupts go: PLIC sources, MSIs
 * straight into an IMSIC file, or the sources of the APLIC in front of the
 * files (what it forwards, the EIIDs and harts the guest programmed, goes
 * into the vCPUs' files); `touched` is the device the guest just changed
 * (NULL for timer or input events). */
static void __attribute__((noinline)) update_all_irqs(struct vm *vm,
                                                       const struct vm_device_config *touched)
{
    const struct vm_device_config *wired[WIRED_DEVICES] = {
        vm->uart_dev, vm->tick_dev, vm->blk_dev, vm->vcon_dev,
    };
    bool *prev[WIRED_DEVICES] = { &vm->uart_line, &vm->tick_line, &vm->blk_line, &vm->vcon_line };

    if (vm->aplic_dev) {
        for (unsigned i = 0; i < WIRED_DEVICES; i++)
            if (wired[i] && wired[i]->irq)
                vaplic_set_level(&vm->aplic, wired[i]->irq, dev_line(vm, wired[i]));
        aplic_deliver(vm);
    } else if (vm->imsic_dev && !vm->plic_dev) {
        for (unsigned i = 0; i < WIRED_DEVICES; i++)
            msi_line(vm, wired[i], wired[i] && dev_line(vm, wired[i]), prev[i], touched);
    } else if (vm->vic_file) {
        vic_update_irqs(vm, touched);
    } else {
        for (unsigned i = 0; i < WIRED_DEVICES; i++) {
            bool level = wired[i] && dev_line(vm, wired[i]);
            if (vm->plic_dev && wired[i] && wired[i]->irq)
                vplic_set_level(&vm->plic, wired[i]->irq, level);
            *prev[i] = level;
        }
        for (uint32_t id = 0; id < vm->n_vcpus; id++)
            vcpu_hvip_update(&vm->vcpus[id], MIP_VSEIP,
                             vm->plic_dev && vplic_irq(&vm->plic, VPLIC_CTX_S(id)));
    }
}

/* the line a wired device had when the interrupts were last updated */
static bool *last_line(struct vm *vm, const struct vm_device_config *dev)
{
    return dev == vm->uart_dev ? &vm->uart_line : dev == vm->tick_dev ? &vm->tick_line :
           dev == vm->blk_dev ? &vm->blk_line : dev == vm->vcon_dev ? &vm->vcon_line : NULL;
}

static void update_irqs(struct vm *vm, const struct vm_device_config *touched)
{
    if (touched && !vm->aplic_dev && !vm->imsic_dev && !vm->vic_file) {
        /* the software PLIC is level-triggered: a device whose line did not
         * move (a UART status read, a register write) changes nothing there
         * (the common MMIO exit: checked before anything else) */
        bool *last = last_line(vm, touched);
        if (last && dev_line(vm, touched) == *last)
            return;
    }
    update_all_irqs(vm, touched);
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

/* One 32-bit register of the VM's PLIC window: the HVA VIC's guest file, or
 * the software PLIC. */
static bool plic_access32(struct vm *vm, uint64_t off, bool write, uint32_t *val)
{
    if (vm->vic_file)
        return vic_access(vm, off, write, val);
    return (write ? vplic_write(&vm->plic, (uint32_t)off, *val)
                  : vplic_read(&vm->plic, (uint32_t)off, val)) == 0;
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
        sched_kick();           /* its next expiry moved: the host timer follows */
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
            sched_kick();       /* the host timer must come back for the rest */
    }
    update_irqs(vm, dev);
    return ok;
}
