/* The HVA as a device on the bus (QEMU -M virt,hva=on; an SoC): the driver's
 * register hook is a 32-bit load or store at the register block. A read may
 * have side effects (a VIC claim), which is why guests get the VIC's pages
 * and the hypervisor never reads them speculatively. */
#include "hva_transport.h"

static uint64_t regs;

static uint32_t mmio_read32(void *ctx, uint32_t off)
{
    (void)ctx;
    return *(volatile uint32_t *)(uintptr_t)(regs + off);
}

static void mmio_write32(void *ctx, uint32_t off, uint32_t v)
{
    (void)ctx;
    *(volatile uint32_t *)(uintptr_t)(regs + off) = v;
}

/* a bus error on a load or store here would be an access fault (a panic):
 * the driver's own checks (ID, status bits) are what is left */
static struct hva_transport mmio = {
    .name = "device",
    .io = { mmio_read32, mmio_write32, NULL, NULL },
};

const struct hva_transport *hva_mmio_transport(uint64_t hpa)
{
    regs = hpa;
    mmio.regs_hpa = hpa;
    return &mmio;
}
