/* A board of the shape ARCHITECTURE.md names (a core with the H extension,
 * the HVA beside it on an FPGA): the HVA at a fixed address whether or not
 * the device tree the boot loader passes describes it, its VIC outputs on
 * hgeip 1.., its own interrupt on the PLIC. No mailbox, no finisher; RAM is
 * not cleared at power-on. The addresses are those of the SoC's memory map
 * (an example: change them here, nothing else). Built and linked by
 * `make hv-platforms` so it cannot rot. */
#include "platform.h"

const struct platform platform = {
    .name = "fpga-soc",
    .console = { .base = 0x60000000, .reg_shift = 2 },   /* 16550 on a 32-bit bus */
    .exit = { .finisher = 0 },
    .ram_zero_at_boot = false,
    .hva = {
        .compatible = "chipvisor,hva",
        .base = 0x40000000,
        .size = 0x100000,                                /* HVA_REGS_SIZE */
        .mailbox = false,
        .hgei_prop = "chipvisor,guest-lines",
        .hgei_first = 1,
        .host_irq = 3,
    },
};
