/* Console input through the virtual UART's receive interrupt: echoes each
 * line it gets as "echo: <line>", and shuts down (pass) on the line "quit". */
#include "guest.h"
#include "devices.h"

static char line[80];
static volatile unsigned len;
static volatile bool line_ready;

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    uint32_t id = mmio_r32(PLIC_CLAIM_S);
    while (mmio_r8(UART_BASE + UART_LSR) & LSR_DR) {
        char c = (char)mmio_r8(UART_BASE + UART_RBR);
        if (line_ready)
            continue;                    /* the main loop has not taken the last line */
        if (c == '\r' || c == '\n') {
            line[len] = 0;
            line_ready = true;
        } else if (len < sizeof(line) - 1) {
            line[len++] = c;
        }
    }
    if (id)
        mmio_w32(PLIC_CLAIM_S, id);
    return true;
}

static bool is(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

void guest_main(void)
{
    guest_handler = handler;
    mmio_w8(UART_BASE + UART_FCR, 0x07);
    mmio_w32(PLIC_PRIORITY(UART_IRQ), 1);
    mmio_w32(PLIC_ENABLE_S, 1U << UART_IRQ);
    mmio_w32(PLIC_THRESHOLD_S, 0);
    mmio_w8(UART_BASE + UART_IER, IER_ERBFI);
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);
    guest_printf("echo guest ready\n");
    for (;;) {
        __asm__ volatile("wfi");
        if (!line_ready)
            continue;
        if (len == 0) {
            line_ready = false;
            continue;
        }
        guest_printf("echo: %s\n", line);
        if (is(line, "quit"))
            guest_exit(true);
        len = 0;
        line_ready = false;
    }
}
