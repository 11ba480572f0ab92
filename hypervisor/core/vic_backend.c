/* The HVA's VIC behind a VM's PLIC window: the hardware path for a VM's
 * interrupts, in one of two ways, by what the transport allows (hva_hw.h):
 *  - direct (the HVA a device on the bus): the VM's guest file pages are in
 *    its G-stage at its PLIC window, so claim, complete, enable, priority and
 *    threshold never trap; vCPU k is the file's context k (PLIC context
 *    2k+1: its own enables, threshold and claim page), whose output is a
 *    guest external interrupt line of its own (an hgeip bit seen by every
 *    hart, selected by hstatus.VGEIN on whichever hart runs the vCPU, so it
 *    moves with it); the context's LINE.RUN follows the vCPU on and off the
 *    harts; the emulated devices' lines reach the file through INJECT (the
 *    machine's wires are the VIC's sources);
 *  - forwarded (the co-simulation mailbox: reads there cannot have side
 *    effects the guest sees at once): the guest's PLIC accesses trap and
 *    are forwarded to the file, the emulated devices drive VIC sources, the
 *    file's output (polled) becomes hvip.VSEIP. */
#include "vic_backend.h"
#include "irq_backend.h"
#include "console.h"
#include "csr.h"
#include "dev_lines.h"
#include "gstage.h"
#include "hva_hw.h"
#include "hva_regs.h"
#include "sbi_defs.h"
#include "vcpu_irq.h"
#include "util.h"
#include "vic_model/vic_layout.h"

static uint32_t vic_next_file;
static uint32_t vic_running;         /* the RUNNING register: the hypervisor is its one writer */
static uint32_t vic_lines_used;      /* direct: VIC output lines given to a vCPU's context */
/* direct: what LINE of (file, vCPU) holds (the hypervisor is its one writer) */
static uint32_t vic_line_reg[HVA_VIC_MAX_GUESTS][HVA_VIC_MAX_CTXS];
static uint32_t vic_ctx_line[HVA_VIC_MAX_GUESTS][HVA_VIC_MAX_CTXS];   /* the line of (file, vCPU) */

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

static uint32_t vcpu_index(const struct vcpu *v) { return (uint32_t)(v - v->vm->vcpus); }

/* direct: vCPU k's context: its line and whether it runs (LINE register) */
static void set_line(const struct vm *vm, uint32_t k, uint32_t val)
{
    uint32_t *reg = &vic_line_reg[vm->vic_file - 1][k];
    uint32_t off = VIC_LINE + 4 * ((vm->vic_file - 1) * VIC_MAX_CTXS + k);
    if (val != *reg && hva_hw_write(HVA_VIC_HYP_OFFSET + off, val))
        *reg = val;
}

/* contexts per guest file: one without INFO2 (a one-context VIC) */
static uint32_t vic_ctxs(void)
{
    uint32_t info2 = 0;
    if (!hva_hw_read(HVA_VIC_HYP_OFFSET + VIC_INFO2, &info2) || (info2 & 0xff) == 0)
        return 1;
    return info2 & 0xff;
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
    for (uint32_t k = 0; k < vm->n_vcpus; k++) {        /* each vCPU's context */
        for (uint32_t w = 0; w < (ids + 31) / 32; w++)
            hva_hw_write(win + VIC_G_ENABLE_K(k) + 4 * w, 0);
        hva_hw_write(win + VIC_G_THRESHOLD_K(k), 0);
    }
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
        /* each vCPU's context on its own line, RUN off until it is on a hart */
        for (uint32_t k = 0; k < vm->n_vcpus; k++) {
            vic_line_reg[vm->vic_file - 1][k] = ~0u;
            set_line(vm, k, vic_ctx_line[vm->vic_file - 1][k]);
        }
        return;                 /* RUN follows its vCPU (vic_vcpu_on_hart) */
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

/* Direct: a vCPU's context drives its line only while LINE.RUN says so; it
 * is on while the vCPU is on a hart or idle (its line must end the WFI of a
 * hart that waits for it), off while it waits for its turn (it gets the
 * interrupt when it runs again) or is stopped. The line is seen by every
 * hart: the hart that runs the vCPU selects it with VGEIN. */
static void vic_vcpu_on_hart(struct vcpu *v, bool on)
{
    struct vm *vm = v->vm;
    if (!vm->vic_direct)
        return;
    uint32_t k = vcpu_index(v);
    set_line(vm, k, vic_ctx_line[vm->vic_file - 1][k] | (on ? VIC_LINE_RUN : 0));
}

/* Forwarded: the guest file's output wire (deliverable & RUNNING) is what a
 * hart's hgeip would see; the register read in vic_update_irqs answers at
 * once, the wire catches what settles later (the VIC takes two cycles). */
static void vic_poll(struct vm *vm)
{
    if (!vm->vic_direct)
        vcpu_hvip_update(&vm->vcpus[0], MIP_VSEIP, (hva_hw_guest_eip() >> (vm->vic_file - 1)) & 1);
}

/* The file's pages at the PLIC window (vic_layout.h): priorities, pending
 * and enables at pages 0..2, vCPU k's context page at context 2k+1's. */
static bool map_file(struct vm *vm, uint64_t plic_gpa, uint64_t file_hpa)
{
    static const uint64_t at[3] = { VIC_PLIC_PAGE0_OFF, VIC_PLIC_PAGE1_OFF, VIC_PLIC_PAGE2_OFF };
    for (unsigned p = 0; p < 3; p++)
        if (!gstage_map_device_page(vm->gstage_root, plic_gpa + at[p], file_hpa + 0x1000UL * p))
            return false;
    for (uint32_t k = 0; k < vm->n_vcpus; k++)
        if (!gstage_map_device_page(vm->gstage_root,
                                    plic_gpa + VIC_PLIC_PAGE3_OFF + k * VIC_PLIC_CTX_STRIDE,
                                    file_hpa + VIC_G_THRESHOLD_K(k)))
            return false;
    return true;
}

/* Direct: a free VIC output line for each vCPU of the VM that gets guest
 * file `file` (the lines are shared by all VMs: each hgeip bit must name one
 * context). */
static bool take_lines(struct vm *vm, uint32_t file)
{
    uint32_t free = 0, n = hva_hw_vic_guests();
    for (uint32_t j = 0; j < n; j++)
        if (!(vic_lines_used >> j & 1) && hva_hw_vic_hgei(j))
            free++;
    if (free < vm->n_vcpus)
        return false;
    for (uint32_t k = 0, j = 0; k < vm->n_vcpus; j++) {
        if ((vic_lines_used >> j & 1) || !hva_hw_vic_hgei(j))
            continue;
        vic_lines_used |= 1u << j;
        vic_ctx_line[file][k] = j;
        vm->vcpus[k].hgei = hva_hw_vic_hgei(j);
        k++;
    }
    return true;
}

void vm_attach_vic(struct vm *vm)
{
    const struct vm_device_config *plic = vm_config_device(vm->cfg, VM_DEV_PLIC);
    if (!plic || !hva_hw_vic_guests())
        return;
    uint32_t ctxs = vic_ctxs();
    bool direct = hva_hw_vic_guest_hpa(0) && hva_hw_vic_hgei(0);
    if (vm->n_vcpus > ctxs || (vm->n_vcpus > 1 && !direct)) {
        /* a context per vCPU; the polled (mailbox) outputs serve one vCPU */
        hv_log("vm %s: %u vCPUs, the VIC has %u contexts per guest file%s: its PLIC stays in "
               "software\n", vm->cfg->name, vm->n_vcpus, ctxs,
               direct ? "" : " (one without its lines on hgeip)");
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
    if (hpa && hva_hw_vic_hgei(0)) {
        uint32_t lines_before = vic_lines_used;
        if (!take_lines(vm, file)) {
            hv_log("vm %s: no VIC output line left for its %u vCPUs; its PLIC stays in software\n",
                   vm->cfg->name, vm->n_vcpus);
            return;
        }
        if (!map_file(vm, plic->gpa_base, hpa)) {
            hv_log("vm %s: cannot map the VIC guest file into its G-stage; its PLIC stays in software\n",
                   vm->cfg->name);
            vic_lines_used = lines_before;
            for (uint32_t k = 0; k < vm->n_vcpus; k++)
                vm->vcpus[k].hgei = 0;
            return;
        }
        vm->vic_direct = true;
    }
    vm->vic_file = ++vic_next_file;
    vm->vic_src_uart = src;
    vm->vic_src_tick = src + 1;
    if (vm->vic_direct) {
        char ctxs_txt[24];
        ctxs_txt[0] = '\0';
        if (vm->n_vcpus > 1)
            hv_snprintf(ctxs_txt, sizeof(ctxs_txt), "%u contexts, ", vm->n_vcpus);
        hv_log("vm %s: PLIC at GPA 0x%lx served by the HVA VIC (guest file %u in its G-stage, "
               "%sline hgeip %u%s)\n", vm->cfg->name, plic->gpa_base, file, ctxs_txt,
               vm->vcpus[0].hgei, vm->n_vcpus > 1 ? " for vCPU 0, one per vCPU" : "");
    } else {
        hv_log("vm %s: PLIC at GPA 0x%lx served by the HVA VIC (guest file %u, sources %u-%u)\n",
               vm->cfg->name, plic->gpa_base, file, src, src + 1);
    }
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

/* PLIC offsets -> the VIC guest window's pages (vic_layout.h); other PLIC
 * offsets are reserved space: reads 0, writes ignored. Direct, only the
 * reserved space traps. */
static bool vic_offset(const struct vm *vm, uint64_t off, uint32_t *win_off)
{
    if (off < 0x3000) {
        *win_off = (uint32_t)off;
        return true;
    }
    for (uint32_t k = 0; k < vm->n_vcpus; k++) {
        uint64_t page = VIC_PLIC_PAGE3_OFF + k * VIC_PLIC_CTX_STRIDE;
        if (off >= page && off < page + 0x1000) {
            *win_off = VIC_G_THRESHOLD_K(k) + (uint32_t)(off - page);
            return true;
        }
    }
    return false;
}

static bool vic_access(struct vm *vm, uint64_t off, bool write, uint32_t *val)
{
    uint32_t w;
    if (!vic_offset(vm, off, &w)) {
        if (!write)
            *val = 0;
        return true;
    }
    return write ? hva_hw_write(vic_window(vm) + w, *val) : hva_hw_read(vic_window(vm) + w, val);
}

/* Direct: an emulated device's level line as INJECTs into the file, by the
 * edge-triggered paths' rule (vm_wire_fires); duplicates merge in the
 * pending bit. */
static void inject_line(struct vm *vm, const struct vm_device_config *dev, bool level, bool *prev,
                        const struct vm_device_config *touched)
{
    if (vm_wire_fires(dev, level, prev, touched))
        hva_hw_write(HVA_VIC_HYP_OFFSET + VIC_INJECT, VIC_ROUTE_ENABLE |
                     (vm->vic_file - 1) << VIC_ROUTE_GUEST_SHIFT | dev->irq);
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
