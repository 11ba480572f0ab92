/* vmconfig: the guest device tree, written with libfdt's sequential API.
 * It describes what the hypervisor gives the guest: its vCPUs (hart ids
 * 0..n-1, each with its own riscv,cpu-intc), RAM, and the emulated devices,
 * in the shape U-Boot's and Linux's drivers expect, the interrupt
 * controllers naming every vCPU as QEMU virt's DTB names every hart.
 *
 * What depends on the hart the VM runs on is filled in by the hypervisor at
 * VM reset (core/guest_dtb.c), in properties written here with their
 * build-time defaults: the cpus' ISA extensions (VMCFG_ISA_*: `sstc` only
 * where the hart has it) and `mmu-type` (the widest vsatp mode it takes). */
#include "vmconfig_dtb.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define TIMEBASE_HZ     10000000    /* QEMU virt's mtime */
#define UART_CLOCK_HZ   3686400
#define IRQ_M_EXT       11          /* hart-local interrupt ids at the cpu-intc */
#define IRQ_S_EXT       9

/* Any libfdt error aborts the build; `rc` is kept for the message. */
#define TRY(call) do { int rc_ = (call); if (rc_ < 0) { rc = rc_; goto out; } } while (0)

static int prop_reg(void *fdt, uint64_t base, uint64_t size)
{
    fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };
    return fdt_property(fdt, "reg", reg, sizeof(reg));
}

static int begin_node_at(void *fdt, const char *name, uint64_t addr)
{
    char node[64];
    snprintf(node, sizeof(node), "%s@%llx", name, (unsigned long long)addr);
    return fdt_begin_node(fdt, node);
}

/* One cpu@i node per vCPU, each with its interrupt controller, and a
 * cpu-map with every vCPU a core of one cluster (as QEMU virt lays it out).
 * Ssaia with an IMSIC guest file: its CSRs (stopei, siselect/sireg) are the
 * hart's own. Linux drives its IMSIC and the cpu-intc in AIA mode only then. */
static int add_cpus(void *fdt, uint32_t n_vcpus, bool aia)
{
    char isa[128], exts[128], name[16];
    size_t exts_len = sizeof(VMCFG_ISA_EXTENSIONS);
    int rc = 0;

    snprintf(isa, sizeof(isa), "%s%s", VMCFG_ISA_STRING, aia ? "_ssaia" : "");
    memcpy(exts, VMCFG_ISA_EXTENSIONS, exts_len);
    if (aia) {
        memcpy(exts + exts_len, "ssaia", sizeof("ssaia"));
        exts_len += sizeof("ssaia");
    }

    TRY(fdt_begin_node(fdt, "cpus"));
    TRY(fdt_property_u32(fdt, "#address-cells", 1));
    TRY(fdt_property_u32(fdt, "#size-cells", 0));
    TRY(fdt_property_u32(fdt, "timebase-frequency", TIMEBASE_HZ));
    for (uint32_t i = 0; i < n_vcpus; i++) {
        snprintf(name, sizeof(name), "cpu@%x", i);
        TRY(fdt_begin_node(fdt, name));
        TRY(fdt_property_string(fdt, "device_type", "cpu"));
        TRY(fdt_property_u32(fdt, "reg", i));      /* the guest's hart id */
        TRY(fdt_property_string(fdt, "compatible", "riscv"));
        TRY(fdt_property_string(fdt, "riscv,isa", isa));
        TRY(fdt_property_string(fdt, "riscv,isa-base", "rv64i"));
        TRY(fdt_property(fdt, "riscv,isa-extensions", exts, exts_len));
        TRY(fdt_property_string(fdt, "mmu-type", "riscv,sv39"));
        TRY(fdt_property_string(fdt, "status", "okay"));
        TRY(fdt_property_u32(fdt, "phandle", VMCFG_PHANDLE_CPU(i)));
        TRY(fdt_begin_node(fdt, "interrupt-controller"));
        TRY(fdt_property_string(fdt, "compatible", "riscv,cpu-intc"));
        TRY(fdt_property_u32(fdt, "#interrupt-cells", 1));
        TRY(fdt_property_u32(fdt, "#address-cells", 0));    /* dtc wants it on providers */
        TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
        TRY(fdt_property_u32(fdt, "phandle", VMCFG_PHANDLE_CPU_INTC(i)));
        TRY(fdt_end_node(fdt));     /* interrupt-controller */
        TRY(fdt_end_node(fdt));     /* cpu@i */
    }
    TRY(fdt_begin_node(fdt, "cpu-map"));
    TRY(fdt_begin_node(fdt, "cluster0"));
    for (uint32_t i = 0; i < n_vcpus; i++) {
        snprintf(name, sizeof(name), "core%u", i);
        TRY(fdt_begin_node(fdt, name));
        TRY(fdt_property_u32(fdt, "cpu", VMCFG_PHANDLE_CPU(i)));
        TRY(fdt_end_node(fdt));
    }
    TRY(fdt_end_node(fdt));     /* cluster0 */
    TRY(fdt_end_node(fdt));     /* cpu-map */
    TRY(fdt_end_node(fdt));     /* cpus */
out:
    return rc;
}

/* interrupts-extended naming each vCPU's cpu-intc: with `m_ext`, <intc_i 11
 * intc_i 9> per vCPU (PLIC contexts 2i = M-mode, 2i+1 = S-mode), else
 * <intc_i 9> (an S-level IMSIC's files). */
static int prop_cpu_irqs(void *fdt, uint32_t n_vcpus, bool m_ext)
{
    fdt32_t cells[4 * VM_MAX_VCPUS];
    uint32_t n = 0;

    for (uint32_t i = 0; i < n_vcpus && i < VM_MAX_VCPUS; i++) {
        if (m_ext) {
            cells[n++] = cpu_to_fdt32(VMCFG_PHANDLE_CPU_INTC(i));
            cells[n++] = cpu_to_fdt32(IRQ_M_EXT);
        }
        cells[n++] = cpu_to_fdt32(VMCFG_PHANDLE_CPU_INTC(i));
        cells[n++] = cpu_to_fdt32(IRQ_S_EXT);
    }
    return fdt_property(fdt, "interrupts-extended", cells, (int)(n * sizeof(cells[0])));
}

/* set by vmcfg_build_dtb for the VM being built */
static bool vm_has_plic, vm_has_aplic;
static uint32_t vm_n_vcpus;

/* A device's interrupt: a PLIC source, or with only an IMSIC, the MSI
 * identity the hypervisor sends for it (chipvisor,msi-id). */
static int add_irq(void *fdt, const struct vmcfg_dev *d)
{
    int rc = 0;
    if (!d->irq)
        return 0;
    if (vm_has_plic) {
        TRY(fdt_property_u32(fdt, "interrupts", d->irq));
        TRY(fdt_property_u32(fdt, "interrupt-parent", VMCFG_PHANDLE_PLIC));
    } else if (vm_has_aplic) {
        fdt32_t irq[2] = { cpu_to_fdt32(d->irq), cpu_to_fdt32(4) };   /* level high */
        TRY(fdt_property(fdt, "interrupts", irq, sizeof(irq)));
        TRY(fdt_property_u32(fdt, "interrupt-parent", VMCFG_PHANDLE_APLIC));
    } else {
        TRY(fdt_property_u32(fdt, "chipvisor,msi-id", d->irq));
        TRY(fdt_property_u32(fdt, "msi-parent", VMCFG_PHANDLE_IMSIC));
    }
out:
    return rc;
}

/* The IMSIC S-level interrupt files, one per vCPU (the guest's view of the
 * guest files the hypervisor gives it): vCPU i's page at base + i * 4 KiB, so
 * d->size = n * 4 KiB; no guest-index bits, hart index bits from the count. */
static int add_imsic(void *fdt, const struct vmcfg_dev *d)
{
    int rc = 0;

    TRY(begin_node_at(fdt, "imsics", d->gpa));
    TRY(fdt_property_string(fdt, "compatible", "riscv,imsics"));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(prop_cpu_irqs(fdt, vm_n_vcpus, false));
    TRY(fdt_property_u32(fdt, "riscv,num-ids", 63));
    TRY(fdt_property(fdt, "msi-controller", NULL, 0));
    TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
    TRY(fdt_property_u32(fdt, "#interrupt-cells", 0));
    TRY(fdt_property_u32(fdt, "#address-cells", 0));    /* dtc wants it on providers */
    TRY(fdt_property_u32(fdt, "phandle", VMCFG_PHANDLE_IMSIC));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

static int add_uart(void *fdt, const struct vmcfg_dev *d)
{
    int rc = 0;

    TRY(begin_node_at(fdt, "serial", d->gpa));
    TRY(fdt_property_string(fdt, "compatible", "ns16550a"));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(fdt_property_u32(fdt, "clock-frequency", UART_CLOCK_HZ));
    TRY(fdt_property_u32(fdt, "reg-shift", 0));
    TRY(fdt_property_u32(fdt, "reg-io-width", 1));
    TRY(add_irq(fdt, d));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

static int add_tick(void *fdt, const struct vmcfg_dev *d)
{
    int rc = 0;

    TRY(begin_node_at(fdt, "tick", d->gpa));
    TRY(fdt_property_string(fdt, "compatible", "chipvisor,tick"));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(add_irq(fdt, d));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

/* virtio-mmio transport (the device type is read from its registers) */
static int add_virtio(void *fdt, const struct vmcfg_dev *d)
{
    int rc = 0;

    TRY(begin_node_at(fdt, "virtio_mmio", d->gpa));
    TRY(fdt_property_string(fdt, "compatible", "virtio,mmio"));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(fdt_property(fdt, "dma-coherent", NULL, 0));
    TRY(add_irq(fdt, d));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

/* a device of the machine, as its own driver knows it */
static int add_passthrough(void *fdt, const struct vmcfg_dev *d)
{
    int rc = 0;

    TRY(begin_node_at(fdt, "device", d->gpa));
    TRY(fdt_property_string(fdt, "compatible", d->compatible));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(add_irq(fdt, d));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

/* An APLIC domain in MSI mode over the IMSIC (riscv,aplic.yaml): no
 * interrupts-extended, so Linux drives it through its MSI parent. */
static int add_aplic(void *fdt, const struct vmcfg_dev *d)
{
    static const char compat[] = "qemu,aplic\0riscv,aplic";
    int rc = 0;

    TRY(begin_node_at(fdt, "interrupt-controller", d->gpa));
    TRY(fdt_property(fdt, "compatible", compat, sizeof(compat)));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
    TRY(fdt_property_u32(fdt, "#interrupt-cells", 2));
    TRY(fdt_property_u32(fdt, "#address-cells", 0));
    TRY(fdt_property_u32(fdt, "msi-parent", VMCFG_PHANDLE_IMSIC));
    TRY(fdt_property_u32(fdt, "riscv,num-sources", VMCFG_IRQ_MAX));
    TRY(fdt_property_u32(fdt, "phandle", VMCFG_PHANDLE_APLIC));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

static int add_plic(void *fdt, const struct vmcfg_dev *d)
{
    /* Context 2i is vCPU i's M-mode external interrupt, context 2i+1 its S-mode one. */
    static const char compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    int rc = 0;

    TRY(begin_node_at(fdt, "plic", d->gpa));
    TRY(fdt_property(fdt, "compatible", compat, sizeof(compat)));
    TRY(prop_reg(fdt, d->gpa, d->size));
    TRY(fdt_property_u32(fdt, "#interrupt-cells", 1));
    TRY(fdt_property_u32(fdt, "#address-cells", 0));
    TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
    TRY(fdt_property_u32(fdt, "riscv,ndev", VMCFG_IRQ_MAX));
    TRY(prop_cpu_irqs(fdt, vm_n_vcpus, true));
    TRY(fdt_property_u32(fdt, "phandle", VMCFG_PHANDLE_PLIC));
    TRY(fdt_end_node(fdt));
out:
    return rc;
}

int vmcfg_build_dtb(const struct vmcfg_vm *vm, void *buf, size_t buf_len,
                    char *err, size_t err_len)
{
    const struct vmcfg_dev *uart = vmcfg_find_dev(vm, VM_DEV_UART16550);
    char model[64], path[64];
    int rc = 0;

    if (buf_len > VMCFG_DTB_RESERVE)
        buf_len = VMCFG_DTB_RESERVE;
    vm_has_plic = vmcfg_find_dev(vm, VM_DEV_PLIC) != NULL;
    vm_has_aplic = vmcfg_find_dev(vm, VM_DEV_APLIC) != NULL;
    vm_n_vcpus = vm->n_vcpus;
    if (vm_n_vcpus < 1 || vm_n_vcpus > VM_MAX_VCPUS) {
        snprintf(err, err_len, "vm '%s': %u vCPUs (1..%d)", vm->name, vm_n_vcpus, VM_MAX_VCPUS);
        return -1;
    }
    snprintf(model, sizeof(model), "chipvisor VM %s", vm->name);

    TRY(fdt_create(buf, (int)buf_len));
    TRY(fdt_finish_reservemap(buf));
    TRY(fdt_begin_node(buf, ""));
    TRY(fdt_property_u32(buf, "#address-cells", 2));
    TRY(fdt_property_u32(buf, "#size-cells", 2));
    TRY(fdt_property_string(buf, "compatible", "chipvisor,vm"));
    TRY(fdt_property_string(buf, "model", model));

    if (uart) {
        snprintf(path, sizeof(path), "/soc/serial@%llx", (unsigned long long)uart->gpa);
        TRY(fdt_begin_node(buf, "aliases"));
        TRY(fdt_property_string(buf, "serial0", path));
        TRY(fdt_end_node(buf));
    }
    TRY(fdt_begin_node(buf, "chosen"));
    if (uart)
        TRY(fdt_property_string(buf, "stdout-path", path));
    if (vm->bootargs[0])
        TRY(fdt_property_string(buf, "bootargs", vm->bootargs));
    if (vm->initrd[0]) {
        TRY(fdt_property_u64(buf, "linux,initrd-start", vm->initrd_gpa));
        TRY(fdt_property_u64(buf, "linux,initrd-end", vm->initrd_gpa + vm->initrd_size));
    }
    TRY(fdt_end_node(buf));

    TRY(add_cpus(buf, vm->n_vcpus, vmcfg_find_dev(vm, VM_DEV_IMSIC) != NULL));

    TRY(begin_node_at(buf, "memory", vm->ram_base));
    TRY(fdt_property_string(buf, "device_type", "memory"));
    TRY(prop_reg(buf, vm->ram_base, vm->ram_size));
    TRY(fdt_end_node(buf));

    TRY(fdt_begin_node(buf, "soc"));
    TRY(fdt_property_string(buf, "compatible", "simple-bus"));
    TRY(fdt_property_u32(buf, "#address-cells", 2));
    TRY(fdt_property_u32(buf, "#size-cells", 2));
    TRY(fdt_property(buf, "ranges", NULL, 0));     /* identity: soc addresses are GPAs */
    for (uint32_t i = 0; i < vm->n_devs; i++) {
        const struct vmcfg_dev *d = &vm->devs[i];
        switch (d->type) {
        case VM_DEV_PLIC:           TRY(add_plic(buf, d)); break;
        case VM_DEV_TICK:           TRY(add_tick(buf, d)); break;
        case VM_DEV_IMSIC:          TRY(add_imsic(buf, d)); break;
        case VM_DEV_APLIC:          TRY(add_aplic(buf, d)); break;
        case VM_DEV_PASSTHROUGH:    TRY(add_passthrough(buf, d)); break;
        case VM_DEV_VIRTIO_BLK:
        case VM_DEV_VIRTIO_CONSOLE: TRY(add_virtio(buf, d)); break;
        default:                    TRY(add_uart(buf, d)); break;
        }
    }
    TRY(fdt_end_node(buf));     /* soc */

    TRY(fdt_end_node(buf));     /* root */
    TRY(fdt_finish(buf));
    TRY(fdt_pack(buf));
    return (int)fdt_totalsize(buf);
out:
    snprintf(err, err_len, "vm '%s': cannot build device tree: %s",
             vm->name, fdt_strerror(rc));
    return -1;
}
