/* The HVA's VIC behind a VM's PLIC window: the hardware path for a VM's
 * interrupts, in one of two ways, by what the transport allows (hva_hw.h):
 *  - direct (the HVA a device on the bus): the VM's guest file pages are in
 *    its G-stage at its PLIC window, so claim, complete, enable, priority and
 *    threshold never trap; the file's output is a guest external interrupt
 *    line (hgeip, selected by hstatus.VGEIN while the vCPU runs); the VIC's
 *    RUNNING bit of the file follows the vCPU on and off the harts; the
 *    emulated devices' lines reach the file through INJECT (the machine's
 *    wires are the VIC's sources);
 *  - forwarded (the co-simulation mailbox: reads there cannot have side
 *    effects the guest sees at once): the guest's PLIC accesses trap and
 *    are forwarded to the file, the emulated devices drive VIC sources, the
 *    file's output (polled) becomes hvip.VSEIP. */
#include "vic_backend.h"
#include "irq_backend.h"
#include "console.h"
#include "csr.h"
#include "gstage.h"
#include "hva_hw.h"
#include "hva_regs.h"
#include "sbi_defs.h"
#include "vcpu_irq.h"
#include "util.h"
#include "vic_model/vic_layout.h"

static uint32_t vic_next_file;
static uint32_t vic_running;         /* the RUNNING register: the hypervisor is its one writer */

static uint32_t vic_window(const struct vm *vm)
{
    return HVA_VIC_GUEST_OFFSET + (vm->vic_file - 1) * HVA_VIC_GUEST_STRIDE;
}

static uint32_t file_bit(const struct vm *vm)
{
    return 1u << (vm->vic_file - 1);
}

static void set_running(uint32_t bits)
{
    if (bits != vic_running && hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_RUNNING, bits))
        vic_running = bits;
}

/* Clears the file (a VM reset must not inherit enables, priorities or
 * claims); forwarded: routes the VM's device sources to it. */
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
    if (vm->vic_direct) {
        /* the machine's own devices given to the VM: their wires are VIC
         * sources, routed as level sources to the ids the guest knows */
        for (uint32_t i = 0; i < vm->cfg->n_devices; i++) {
            const struct vm_device_config *d = &vm->cfg->devices[i];
            if (d->type == VM_DEV_PASSTHROUGH)
                hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_ROUTE + 4 * d->host_irq,
                             VIC_ROUTE_ENABLE | guest | d->irq);
        }
        return;                 /* RUNNING follows its vCPU (vic_vcpu_on_hart) */
    }
    if (vm->uart_dev && vm->uart_dev->irq)
        hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_ROUTE + 4 * vm->vic_src_uart,
                     VIC_ROUTE_ENABLE | guest | vm->uart_dev->irq);
    if (vm->tick_dev)
        hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_ROUTE + 4 * vm->vic_src_tick,
                     VIC_ROUTE_ENABLE | guest | vm->tick_dev->irq);
    /* one hart polls every VM's output, so every attached file counts as running */
    set_running(vic_running | file_bit(vm));
}

/* Direct: the file's output reaches hgeip only while RUNNING says so; it is
 * on while the vCPU is on a hart or idle (its line must end the WFI of a
 * hart that waits for it), off while it waits for its turn (it gets the
 * interrupt when it runs again) or is stopped. */
static void vic_vcpu_on_hart(struct vcpu *v, bool on)
{
    struct vm *vm = v->vm;
    if (!vm->vic_direct)
        return;
    set_running(on ? vic_running | file_bit(vm) : vic_running & ~file_bit(vm));
}

/* Forwarded: the guest file's output wire (deliverable & RUNNING) is what a
 * hart's hgeip would see; the register read in vic_update_irqs answers at
 * once, the wire catches what settles later (the VIC takes two cycles). */
static void vic_poll(struct vm *vm)
{
    if (!vm->vic_direct)
        vcpu_hvip_update(&vm->vcpus[0], MIP_VSEIP, (hva_hw_guest_eip() >> (vm->vic_file - 1)) & 1);
}

/* The four pages of the file at the PLIC window's pages 0..3 (vic_layout.h). */
static bool map_file(struct vm *vm, uint64_t plic_gpa, uint64_t file_hpa)
{
    static const uint64_t at[4] = {
        VIC_PLIC_PAGE0_OFF, VIC_PLIC_PAGE1_OFF, VIC_PLIC_PAGE2_OFF, VIC_PLIC_PAGE3_OFF,
    };
    for (unsigned p = 0; p < 4; p++)
        if (!gstage_map_device_page(vm->gstage_root, plic_gpa + at[p], file_hpa + 0x1000UL * p))
            return false;
    return true;
}

void vm_attach_vic(struct vm *vm)
{
    const struct vm_device_config *plic = vm_config_device(vm->cfg, VM_DEV_PLIC);
    if (!plic || !hva_hw_vic_guests())
        return;
    if (vm->n_vcpus > 1) {
        /* the VIC's guest file has one context; an SMP guest needs one per vCPU */
        hv_log("vm %s: %u vCPUs: its PLIC stays in software (the VIC serves one-vCPU VMs)\n",
               vm->cfg->name, vm->n_vcpus);
        return;
    }
    uint32_t src = 2 * vm->index;
    bool sources = hva_hw_drives_sources();
    if (vic_next_file >= hva_hw_vic_guests() ||
        (sources && (src + 1 >= hva_hw_vic_sources() || src + 1 >= 32))) {
        hv_log("vm %s: no HVA VIC guest file left; its PLIC stays in software\n", vm->cfg->name);
        return;
    }
    uint32_t file = vic_next_file;
    uint64_t hpa = hva_hw_vic_guest_hpa(file);
    uint32_t line = hva_hw_vic_hgei(file);
    if (hpa && line) {
        if (!map_file(vm, plic->gpa_base, hpa)) {
            hv_log("vm %s: cannot map the VIC guest file into its G-stage; its PLIC stays in software\n",
                   vm->cfg->name);
            return;
        }
        vm->vic_direct = true;
        vm->vcpus[0].hgei = line;
    }
    vm->vic_file = ++vic_next_file;
    vm->vic_src_uart = src;
    vm->vic_src_tick = src + 1;
    if (vm->vic_direct)
        hv_log("vm %s: PLIC at GPA 0x%lx served by the HVA VIC (guest file %u in its G-stage, "
               "line hgeip %u)\n", vm->cfg->name, plic->gpa_base, file, line);
    else
        hv_log("vm %s: PLIC at GPA 0x%lx served by the HVA VIC (guest file %u, sources %u-%u)\n",
               vm->cfg->name, plic->gpa_base, file, src, src + 1);
}

/* Devices of the machine given to the VM: their windows mapped GPA = HPA,
 * their interrupts routed by the VIC (vic_setup); only on the VIC's direct
 * path (there is no other way for their wires to reach the guest). */
bool vm_attach_passthrough(struct vm *vm)
{
    for (uint32_t i = 0; i < vm->cfg->n_devices; i++) {
        const struct vm_device_config *d = &vm->cfg->devices[i];
        if (d->type != VM_DEV_PASSTHROUGH)
            continue;
        if (!vm->vic_direct || d->host_irq >= hva_hw_vic_sources()) {
            hv_log("vm %s: its device at 0x%lx needs the HVA device's VIC (source %u) for its "
                   "interrupt; not started\n", vm->cfg->name, d->gpa_base, d->host_irq);
            return false;
        }
        for (uint64_t off = 0; off < d->size; off += 0x1000)
            if (!gstage_map_device_page(vm->gstage_root, d->gpa_base + off, d->gpa_base + off)) {
                hv_log("vm %s: cannot map its device at 0x%lx; not started\n", vm->cfg->name,
                       d->gpa_base);
                return false;
            }
        hv_log("vm %s: the machine's device at 0x%lx (+0x%lx) is its own, source %u -> its irq %u "
               "through the VIC\n", vm->cfg->name, d->gpa_base, d->size, d->host_irq, d->irq);
    }
    return true;
}

/* PLIC offsets -> the VIC guest window's four pages (vic_layout.h); other
 * PLIC offsets are reserved space: reads 0, writes ignored. Direct, only the
 * reserved space traps. */
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

/* Direct: an emulated device's level line as INJECTs into the file: one on
 * each rising edge, and one more when the guest changed the device (`touched`)
 * and the line is still high (it may have taken only part of what the device
 * holds; as a level gateway would pend it again). Duplicates merge in the
 * pending bit. The same rule as MSIs into an IMSIC file (irq_aia.c). */
static void inject_line(struct vm *vm, const struct vm_device_config *dev, bool level, bool *prev,
                        const struct vm_device_config *touched)
{
    if (dev && dev->irq && level && (!*prev || touched == dev))
        hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_INJECT, VIC_ROUTE_ENABLE |
                     (vm->vic_file - 1) << VIC_ROUTE_GUEST_SHIFT | dev->irq);
    *prev = level;
}

static void vic_update_irqs(struct vm *vm, const struct vm_device_config *touched)
{
    if (vm->vic_direct) {
        inject_line(vm, vm->uart_dev, vm->uart_dev && vuart_irq(&vm->uart), &vm->uart_line, touched);
        inject_line(vm, vm->tick_dev, vm->tick_dev && vtick_irq(&vm->tick), &vm->tick_line, touched);
        return;
    }
    /* forwarded: the device lines are the VIC's physical sources; its answer
     * is the guest file's output (GUEST_EIP, a bit per file) */
    if (vm->uart_dev)
        hva_hw_set_source(vm->vic_src_uart, vuart_irq(&vm->uart));
    if (vm->tick_dev)
        hva_hw_set_source(vm->vic_src_tick, vtick_irq(&vm->tick));
    uint32_t bits = 0;
    hva_hw_read(HVA_VIC_HYP_OFFSET + VIC_GUEST_EIP, &bits);
    vcpu_hvip_update(&vm->vcpus[0], MIP_VSEIP, (bits >> (vm->vic_file - 1)) & 1);
}

const struct irq_backend irq_vic = {
    .name = "HVA VIC",
    .sbi_id = SBI_CHIPVISOR_IRQ_HVA_VIC,
    .reset = vic_setup,
    .update = vic_update_irqs,
    .plic_access = vic_access,
    .poll = vic_poll,
    .vcpu_on_hart = vic_vcpu_on_hart,
};
