/* QEMU's `virt` machine: Debian 12's stock QEMU, and the patched one with the
 * HVA (-M virt,hva=on), which says where the HVA is in its device tree. */
#include "platform.h"

const struct platform platform = {
    .name = "qemu-virt",
    .console = { .base = 0x10000000, .reg_shift = 0 },   /* ns16550a */
    .exit = { .finisher = 0x100000 },                    /* sifive,test0 */
    .ram_zero_at_boot = true,                            /* fresh anonymous memory */
    .hva = {
        .compatible = "chipvisor,hva",
        .mailbox = true,             /* stock QEMU: co-simulation (chipvisor.hva=cosim) */
        .hgei_prop = "chipvisor,guest-lines",
    },
};
