/* A guest in an interrupt storm: its UART's THR-empty interrupt stays
 * enabled and its handler never claims it, so the external interrupt is
 * taken again the moment the handler returns, forever. The hypervisor must
 * still preempt it (its own timer outranks every VS-level interrupt) and the
 * other VMs must run to completion. */
#include "guest.h"
#include "devices.h"

static volatile uint64_t storms;

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    if ((++storms & 0xfffff) == 0)
        guest_printf("still storming (%lu interrupts)\n", storms);
    return true;                     /* no claim, no complete: the line stays up */
}

void guest_main(void)
{
    guest_handler = handler;
    guest_printf("interrupt storm guest\n");
    mmio_w32(PLIC_PRIORITY(UART_IRQ), 1);
    mmio_w32(PLIC_ENABLE_S, 1U << UART_IRQ);
    mmio_w32(PLIC_THRESHOLD_S, 0);
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);
    mmio_w8(UART_BASE + UART_IER, IER_ETBEI);
    for (;;)
        ;
}
