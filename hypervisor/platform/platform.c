/* The board's console and exit, driven from its description (platform.h):
 * an ns16550 UART, and a SiFive test finisher where the board has one. */
#include "platform.h"
#include "sbi_host.h"

#define UART_THR 0
#define UART_RBR 0
#define UART_LSR 5
#define LSR_DR   0x01
#define LSR_THRE 0x20

#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

static volatile uint8_t *uart_reg(uint32_t reg)
{
    return (volatile uint8_t *)(uintptr_t)(platform.console.base + ((uint64_t)reg << platform.console.reg_shift));
}

void platform_putc(uint8_t ch)
{
    while (!(*uart_reg(UART_LSR) & LSR_THRE))
        ;
    *uart_reg(UART_THR) = ch;
}

int platform_getc(void)
{
    if (!(*uart_reg(UART_LSR) & LSR_DR))
        return -1;
    return *uart_reg(UART_RBR);
}

void platform_exit(int code)
{
    if (platform.exit.finisher) {
        volatile uint32_t *finisher = (volatile uint32_t *)(uintptr_t)platform.exit.finisher;
        *finisher = code == 0 ? FINISHER_PASS : ((uint32_t)(code & 0xffff) << 16) | FINISHER_FAIL;
    }
    /* not reached where the finisher ends the machine */
    sbi_host_shutdown(code != 0);
    for (;;)
        __asm__ volatile("wfi");
}
