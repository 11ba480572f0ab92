/* QEMU `virt`: ns16550a at 0x10000000, SiFive test finisher at 0x100000.
 * The finisher (not SBI SRST) is what makes QEMU's exit status carry a code:
 * OpenSBI 1.1's SRST shutdown always exits QEMU with 0. */
#include "platform.h"
#include "sbi_host.h"

#define UART_BASE 0x10000000UL
#define UART_THR 0
#define UART_RBR 0
#define UART_LSR 5
#define LSR_DR   0x01
#define LSR_THRE 0x20

#define FINISHER_BASE 0x100000UL
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

static volatile uint8_t *const uart = (volatile uint8_t *)UART_BASE;

/* QEMU backs guest RAM with fresh anonymous memory */
const bool platform_ram_zero_at_boot = true;

void platform_putc(uint8_t ch)
{
    while (!(uart[UART_LSR] & LSR_THRE))
        ;
    uart[UART_THR] = ch;
}

int platform_getc(void)
{
    if (!(uart[UART_LSR] & LSR_DR))
        return -1;
    return uart[UART_RBR];
}

void platform_exit(int code)
{
    volatile uint32_t *finisher = (volatile uint32_t *)FINISHER_BASE;
    *finisher = code == 0 ? FINISHER_PASS : ((uint32_t)(code & 0xffff) << 16) | FINISHER_FAIL;
    /* not reached on QEMU; elsewhere fall back to SBI */
    sbi_host_shutdown(code != 0);
    for (;;)
        __asm__ volatile("wfi");
}
