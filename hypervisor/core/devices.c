/* The virtual devices of a VM (ns16550a UART, PLIC, periodic tick) and the
 * wires between them: device interrupts -> PLIC sources, PLIC S-context ->
 * hvip.VSEIP. */
#include "mmio.h"
#include "console.h"
#include "aia.h"
#include "hva_hw.h"
#include "hva_regs.h"
#include "sbi_defs.h"
#include "vic_model/vic_layout.h"
#include "csr.h"
#include "sched.h"
#include "util.h"
#include "vm.h"

/* context 1 of the virtual PLIC is the guest's S-mode external interrupt */
#define VPLIC_CTX_S 1

static void vic_setup(struct vm *vm);

static void uart_tx(void *ctx, uint8_t ch)
{
    struct vm *vm = ctx;
    console_write_from(vm->cfg->name, ch);
}

void vm_devices_init(struct vm *vm)
{
    vm->uart_dev = vm->plic_dev = vm->tick_dev = vm->imsic_dev = NULL;
    vm->uart_line = vm->tick_line = false;
    for (uint32_t i = 0; i < vm->cfg->n_devices; i++) {
        const struct vm_device_config *d = &vm->cfg->devices[i];
        if (d->type == VM_DEV_UART16550 && !vm->uart_dev)
            vm->uart_dev = d;
        else if (d->type == VM_DEV_PLIC && !vm->plic_dev)
            vm->plic_dev = d;
        else if (d->type == VM_DEV_TICK && !vm->tick_dev)
            vm->tick_dev = d;
        else if (d->type == VM_DEV_IMSIC && !vm->imsic_dev)
            vm->imsic_dev = d;
    }
    vuart_init(&vm->uart, uart_tx, vm);
    vplic_init(&vm->plic);
    vtick_init(&vm->tick);
    if (vm->vic_file)
        vic_setup(vm);
}

/* ---- the HVA VIC behind a VM's PLIC window (hardware path) ---- */

static uint32_t vic_next_file;

static uint32_t vic_window(const struct vm *vm)
{
    return HVA_VIC_GUEST_OFFSET + (vm->vic_file - 1) * HVA_VIC_GUEST_STRIDE;
}

/* Routes the VM's device sources to its guest file; clears the file (a VM
 * reset must not inherit enables, priorities or claims). */
static void vic_setup(struct vm *vm)
{
    uint32_t win = vic_window(vm), ids = hva_hw_vic_ids();
    for (uint32_t id = 1; id < ids; id++) {
        hva_hw_write(win + VIC_G_PRIORITY + 4 * id, 0);
        hva_hw_write(win + VIC_G_CLAIM, id);            /* completes anything left in service */
    }
    for (uint32_t w = 0; w < (ids + 31) / 32; w++)
        hva_hw_write(win + VIC_G_ENABLE + 4 * w, 0);
    hva_hw_write(win + VIC_G_THRESHOLD, 0);
    uint32_t guest = (vm->vic_file - 1) << VIC_ROUTE_GUEST_SHIFT;
    if (vm->uart_dev && vm->uart_dev->irq)
        hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_ROUTE + 4 * vm->vic_src_uart,
                     VIC_ROUTE_ENABLE | guest | vm->uart_dev->irq);
    if (vm->tick_dev)
        hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_ROUTE + 4 * vm->vic_src_tick,
                     VIC_ROUTE_ENABLE | guest | vm->tick_dev->irq);
    /* one hart polls every VM's wire, so every attached file counts as running */
    uint32_t running = 0;
    hva_hw_read(HVA_VIC_HYP_OFFSET + VIC_RUNNING, &running);
    hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_RUNNING, running | 1u << (vm->vic_file - 1));
}

/* The guest file's output wire (deliverable & RUNNING) is what a hart's
 * hgeip would see; the register read in vm_devices_update_irqs answers at
 * once, the wire catches what settles later (the VIC takes two cycles). */
void vm_devices_poll_lines(struct vm *vm)
{
    if (vm->vic_file)
        vm_hvip_update(vm, MIP_VSEIP, (hva_hw_guest_eip() >> (vm->vic_file - 1)) & 1);
}

void vm_attach_vic(struct vm *vm)
{
    const struct vm_device_config *plic = NULL;
    for (uint32_t i = 0; i < vm->cfg->n_devices; i++)
        if (vm->cfg->devices[i].type == VM_DEV_PLIC)
            plic = &vm->cfg->devices[i];
    if (!plic || !hva_hw_vic_guests())
        return;
    uint32_t src = 2 * vm->index;
    if (vic_next_file >= hva_hw_vic_guests() || src + 1 >= hva_hw_vic_sources() || src + 1 >= 32) {
        hv_log("vm %s: no HVA VIC guest file left; its PLIC stays in software\n", vm->cfg->name);
        return;
    }
    vm->vic_file = ++vic_next_file;
    vm->vic_src_uart = src;
    vm->vic_src_tick = src + 1;
    hv_log("vm %s: PLIC at GPA 0x%lx served by the HVA VIC (guest file %u, sources %u-%u)\n",
           vm->cfg->name, plic->gpa_base, vm->vic_file - 1, src, src + 1);
}

uint32_t vm_irq_backend(const struct vm *vm)
{
    if (vm->imsic_file && !vm->plic_dev)
        return SBI_CHIPVISOR_IRQ_AIA;
    if (vm->vic_file)
        return SBI_CHIPVISOR_IRQ_HVA_VIC;
    return vm->plic_dev ? SBI_CHIPVISOR_IRQ_VPLIC : SBI_CHIPVISOR_IRQ_NONE;
}

/* PLIC offsets -> the VIC guest window's four pages (vic_layout.h); other
 * PLIC offsets are reserved space: reads 0, writes ignored. */
static bool vic_offset(uint64_t off, uint32_t *win_off)
{
    if (off < 0x3000)
        *win_off = (uint32_t)off;
    else if (off >= VIC_PLIC_PAGE3_OFF && off < VIC_PLIC_PAGE3_OFF + 0x1000)
        *win_off = 0x3000 + (uint32_t)(off - VIC_PLIC_PAGE3_OFF);
    else
        return false;
    return true;
}

static bool vic_access(struct vm *vm, uint64_t off, bool write, uint32_t *val)
{
    uint32_t w;
    if (!vic_offset(off, &w)) {
        if (!write)
            *val = 0;
        return true;
    }
    return write ? hva_hw_write(vic_window(vm) + w, *val) : hva_hw_read(vic_window(vm) + w, val);
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

static void update_irqs(struct vm *vm, const struct vm_device_config *touched)
{
    if (vm->imsic_file && !vm->plic_dev) {
        msi_line(vm, vm->uart_dev, vuart_irq(&vm->uart), &vm->uart_line, touched);
        msi_line(vm, vm->tick_dev, vtick_irq(&vm->tick), &vm->tick_line, touched);
        return;
    }
    vm_devices_update_irqs(vm);
}

void vm_devices_update_irqs(struct vm *vm)
{
    bool eip = false;
    if (vm->imsic_file && !vm->plic_dev) {
        update_irqs(vm, NULL);
        return;
    }
    if (vm->vic_file) {
        /* the device lines are the VIC's physical sources; its answer is
         * the guest file's output (GUEST_EIP, bit per file) */
        if (vm->uart_dev)
            hva_hw_set_source(vm->vic_src_uart, vuart_irq(&vm->uart));
        if (vm->tick_dev)
            hva_hw_set_source(vm->vic_src_tick, vtick_irq(&vm->tick));
        uint32_t bits = 0;
        hva_hw_read(HVA_VIC_HYP_OFFSET + VIC_GUEST_EIP, &bits);
        vm_hvip_update(vm, MIP_VSEIP, (bits >> (vm->vic_file - 1)) & 1);
        return;
    }
    if (vm->plic_dev) {
        if (vm->uart_dev && vm->uart_dev->irq)
            vplic_set_level(&vm->plic, vm->uart_dev->irq, vuart_irq(&vm->uart));
        if (vm->tick_dev)
            vplic_set_level(&vm->plic, vm->tick_dev->irq, vtick_irq(&vm->tick));
        eip = vplic_irq(&vm->plic, VPLIC_CTX_S);
    }
    vm_hvip_update(vm, MIP_VSEIP, eip);
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

bool vdev_read(struct vm *vm, const struct vm_device_config *dev, uint64_t off, unsigned size,
               uint64_t *val)
{
    bool ok = false;
    if (dev->type == VM_DEV_UART16550) {
        /* reg-io-width 1; a wider access reads the byte register at its address */
        uint8_t b = 0;
        ok = vuart_read(&vm->uart, (uint32_t)off, &b) == 0;
        *val = b;
    } else if (dev->type == VM_DEV_PLIC && vm->vic_file && (size == 4 || size == 8) && (off & 3) == 0) {
        uint32_t lo = 0, hi = 0;
        ok = vic_access(vm, off, false, &lo);
        if (ok && size == 8)
            ok = vic_access(vm, off + 4, false, &hi);
        *val = (uint64_t)hi << 32 | lo;
    } else if (dev->type == VM_DEV_PLIC && (size == 4 || size == 8) && (off & 3) == 0) {
        uint32_t lo = 0, hi = 0;
        ok = vplic_read(&vm->plic, (uint32_t)off, &lo) == 0;
        if (ok && size == 8)
            ok = vplic_read(&vm->plic, (uint32_t)off + 4, &hi) == 0;
        *val = (uint64_t)hi << 32 | lo;
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
    if (dev->type == VM_DEV_UART16550) {
        ok = vuart_write(&vm->uart, (uint32_t)off, (uint8_t)val) == 0;
    } else if (dev->type == VM_DEV_PLIC && vm->vic_file && (size == 4 || size == 8) && (off & 3) == 0) {
        uint32_t lo = (uint32_t)val, hi = (uint32_t)(val >> 32);
        ok = vic_access(vm, off, true, &lo);
        if (ok && size == 8)
            ok = vic_access(vm, off + 4, true, &hi);
    } else if (dev->type == VM_DEV_PLIC && (size == 4 || size == 8) && (off & 3) == 0) {
        ok = vplic_write(&vm->plic, (uint32_t)off, (uint32_t)val) == 0;
        if (ok && size == 8)
            ok = vplic_write(&vm->plic, (uint32_t)off + 4, (uint32_t)(val >> 32)) == 0;
    } else if (dev->type == VM_DEV_TICK && size == 4) {
        ok = vtick_write(&vm->tick, (uint32_t)off, (uint32_t)val, read_time()) == 0;
    }
    update_irqs(vm, dev);
    return ok;
}
