/* What the hypervisor needs from the board, as data: one `struct platform`
 * per board (hypervisor/platform/<name>/, e.g. qemu-virt/virt_desc.c; chosen with
 * `make HV_PLATFORM=<name>`, default qemu-virt), read by the generic drivers in
 * hypervisor/platform/ and by core code. Core code never asks which board it
 * runs on; a new board is a new description (and, for a console or exit device
 * of another kind, a new driver in hypervisor/platform/). */
#ifndef CHIPVISOR_PLATFORM_H
#define CHIPVISOR_PLATFORM_H

#include <stdint.h>
#include <stdbool.h>

/* An ns16550-compatible UART: the hypervisor's own console. */
struct platform_console {
    uint64_t base;
    uint32_t reg_shift;          /* register i at base + (i << reg_shift) */
};

/* How the run ends. A test finisher (SiFive's "sifive,test0") makes QEMU's
 * exit status carry the code; without one, SBI SRST (OpenSBI 1.1 exits QEMU
 * with 0 whatever the reason). */
struct platform_exit {
    uint64_t finisher;           /* 0: none */
};

/* Where the HVA may be and how its wires reach the harts. The host device
 * tree comes first (a node with `compatible`, as QEMU -M virt,hva=on or an
 * SoC's tree says); then a fixed address (a board whose tree lacks the node);
 * then, when the board allows it and the boot option chipvisor.hva=cosim asks
 * for it, the co-simulation mailbox at the end of host RAM (Debian's stock
 * QEMU, cosim_mailbox.h). */
struct platform_hva {
    const char *compatible;      /* NULL: not looked for in the device tree */
    uint64_t base, size;         /* a fixed register block; size 0: none */
    bool mailbox;                /* the co-simulation mailbox may be used */
    /* interrupt wiring, where the tree does not say it (hgei_prop): VIC
     * guest g's output drives hgeip bit hgei_first + g on every hart */
    const char *hgei_prop;       /* device-tree property <first count>: VIC guest g
                                  * drives hgeip bit first + g of every hart */
    uint32_t hgei_first;         /* 0: the VIC's outputs reach no hgeip (polled) */
    uint32_t host_irq;           /* the HVA's own interrupt at the host PLIC (0: not wired) */
};

struct platform {
    const char *name;
    struct platform_console console;
    struct platform_exit exit;
    /* RAM reads as zero at power-on (QEMU's does): a VM's first boot need
     * not clear its memory, only a reboot does. */
    bool ram_zero_at_boot;
    struct platform_hva hva;
};

/* The board this hypervisor was built for. */
extern const struct platform platform;

void platform_putc(uint8_t ch);
int platform_getc(void);              /* -1 when no byte is waiting */
/* Ends the whole run: exit code 0 on pass, else nonzero (QEMU's exit status). */
void platform_exit(int code) __attribute__((noreturn));

#endif
