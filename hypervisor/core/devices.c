/* The virtual devices of a VM (ns16550a UART, PLIC, periodic tick) and the
 * wires between them: device interrupts -> PLIC sources, PLIC S-context ->
 * hvip.VSEIP; or, on the other interrupt paths, -> the HVA VIC
 * (vic_backend.c) or MSIs into an IMSIC guest file. */
#include "mmio.h"
#include "console.h"
#include "aia.h"
#include "vic_backend.h"
#include "csr.h"
#include "sched.h"
#include "util.h"
#include "vm.h"

/* context 1 of the virtual PLIC is the guest's S-mode external interrupt */
#define VPLIC_CTX_S 1

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

void vm_devices_init(struct vm *vm)
{
    vm->uart_dev = vm_config_device(vm->cfg, VM_DEV_UART16550);
    vm->plic_dev = vm_config_device(vm->cfg, VM_DEV_PLIC);
    vm->tick_dev = vm_config_device(vm->cfg, VM_DEV_TICK);
    vm->imsic_dev = vm_config_device(vm->cfg, VM_DEV_IMSIC);
    vm->uart_line = vm->tick_line = false;
    vuart_init(&vm->uart, uart_tx, vm);
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
static void msi_line(struct vm *vm, const struct vm_device_config *dev, bool level, bool *prev,
                     const struct vm_device_config *touched)
{
    if (dev && dev->irq && level && (!*prev || touched == dev))
        aia_send(vm->imsic_file, dev->irq);
    *prev = level;
}

/* The device lines to wherever this VM's interrupts go; `touched` is the
 * device the guest just changed (NULL for timer or input events). */
static void update_irqs(struct vm *vm, const struct vm_device_config *touched)
{
    if (vm->imsic_file && !vm->plic_dev) {
        msi_line(vm, vm->uart_dev, vuart_irq(&vm->uart), &vm->uart_line, touched);
        msi_line(vm, vm->tick_dev, vtick_irq(&vm->tick), &vm->tick_line, touched);
    } else if (vm->vic_file) {
        vic_update_irqs(vm);
    } else {
        bool eip = false;
        if (vm->plic_dev) {
            if (vm->uart_dev && vm->uart_dev->irq)
                vplic_set_level(&vm->plic, vm->uart_dev->irq, vuart_irq(&vm->uart));
            if (vm->tick_dev)
                vplic_set_level(&vm->plic, vm->tick_dev->irq, vtick_irq(&vm->tick));
            eip = vplic_irq(&vm->plic, VPLIC_CTX_S);
        }
        vm_hvip_update(vm, MIP_VSEIP, eip);
    }
}

void vm_devices_update_irqs(struct vm *vm)
{
    update_irqs(vm, NULL);
}

void vm_input_feed_uart(struct vm *vm)
{
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

void vm_devices_advance(struct vm *vm, uint64_t now)
{
    if (!vm->tick_dev)
        return;
    bool was = vtick_irq(&vm->tick);
    vtick_advance(&vm->tick, now);
    if (vtick_irq(&vm->tick) != was)
        vm_devices_update_irqs(vm);
}

uint64_t vm_devices_next_event(const struct vm *vm)
{
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
    else if (dev->type == VM_DEV_TICK && size == 4)
        ok = vtick_write(&vm->tick, (uint32_t)off, (uint32_t)val, read_time()) == 0;
    update_irqs(vm, dev);
    return ok;
}
