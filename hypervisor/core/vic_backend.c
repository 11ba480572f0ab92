/* The HVA's VIC behind a VM's PLIC window: the hardware path for a VM's
 * interrupts. The VM's emulated devices drive VIC sources, the guest's PLIC
 * accesses land in its VIC guest file, and the file's output becomes
 * hvip.VSEIP. Reached through lib/driver/hva's register hook (hva_hw.c). */
#include "vic_backend.h"
#include "console.h"
#include "csr.h"
#include "hva_hw.h"
#include "hva_regs.h"
#include "sbi_defs.h"
#include "sched.h"
#include "util.h"
#include "vic_model/vic_layout.h"

static uint32_t vic_next_file;

static uint32_t vic_window(const struct vm *vm)
{
    return HVA_VIC_GUEST_OFFSET + (vm->vic_file - 1) * HVA_VIC_GUEST_STRIDE;
}

/* Routes the VM's device sources to its guest file; clears the file (a VM
 * reset must not inherit enables, priorities or claims). */
void vic_setup(struct vm *vm)
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
 * hgeip would see; the register read in vic_update_irqs answers at once, the wire catches what settles later (the VIC takes two cycles). */
void vm_devices_poll_lines(struct vm *vm)
{
    if (vm->vic_file)
        vcpu_hvip_update(&vm->vcpus[0], MIP_VSEIP, (hva_hw_guest_eip() >> (vm->vic_file - 1)) & 1);
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
    if (vm->imsic_dev && !vm->plic_dev)
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

bool vic_access(struct vm *vm, uint64_t off, bool write, uint32_t *val)
{
    uint32_t w;
    if (!vic_offset(off, &w)) {
        if (!write)
            *val = 0;
        return true;
    }
    return write ? hva_hw_write(vic_window(vm) + w, *val) : hva_hw_read(vic_window(vm) + w, val);
}

void vic_update_irqs(struct vm *vm)
{
    /* the device lines are the VIC's physical sources; its answer is the
     * guest file's output (GUEST_EIP, a bit per file) */
    if (vm->uart_dev)
        hva_hw_set_source(vm->vic_src_uart, vuart_irq(&vm->uart));
    if (vm->tick_dev)
        hva_hw_set_source(vm->vic_src_tick, vtick_irq(&vm->tick));
    uint32_t bits = 0;
    hva_hw_read(HVA_VIC_HYP_OFFSET + VIC_GUEST_EIP, &bits);
    vcpu_hvip_update(&vm->vcpus[0], MIP_VSEIP, (bits >> (vm->vic_file - 1)) & 1);
}
