/* A stream of device interrupts: the UART's THR-empty interrupt re-armed
 * from its own handler, and the timer-driven tick source. Checks that none is
 * lost or doubled, and measures how many traps into the hypervisor each
 * delivered interrupt costs (chipvisor's SBI extension reports the VM's trap
 * count). Built twice: for the trap-and-emulate virtual PLIC (this file) and
 * for an AIA IMSIC guest file (irqstream_aia.c, IRQSTREAM_AIA), where claims
 * go through the guest's own stopei CSR and never trap. */
#include "guest.h"
#include "devices.h"
#include "trap_counts.h"

#ifdef IRQSTREAM_AIA
/* the guest's IMSIC file through its S-level CSRs (VS-mode: the vs* ones) */
#define CSR_SISELECT 0x150
#define CSR_SIREG    0x151
#define CSR_STOPEI   0x15C
#define IMSIC_EIDELIVERY  0x70
#define IMSIC_EITHRESHOLD 0x72
#define IMSIC_EIE0        0xC0

static void ireg_write(uint64_t sel, uint64_t val)
{
    __asm__ volatile("csrw 0x150, %0\n\tcsrw 0x151, %1" :: "r"(sel), "r"(val) : "memory");
}

static void controller_init(void)
{
    ireg_write(IMSIC_EIDELIVERY, 1);
    ireg_write(IMSIC_EITHRESHOLD, 0);
    ireg_write(IMSIC_EIE0, 1UL << UART_IRQ | 1UL << TICK_IRQ);
}

static uint32_t claim(void)
{
    uint64_t top;
    __asm__ volatile("csrrw %0, 0x15C, zero" : "=r"(top) :: "memory");
    return (uint32_t)(top >> 16);
}

static void complete(uint32_t id)
{
    (void)id;                       /* an IMSIC claim is the whole handshake */
}
#else
static void controller_init(void)
{
    mmio_w32(PLIC_PRIORITY(UART_IRQ), 1);
    mmio_w32(PLIC_PRIORITY(TICK_IRQ), 2);
    mmio_w32(PLIC_ENABLE_S, 1U << UART_IRQ | 1U << TICK_IRQ);
    mmio_w32(PLIC_THRESHOLD_S, 0);
}

static uint32_t claim(void)
{
    return mmio_r32(PLIC_CLAIM_S);
}

static void complete(uint32_t id)
{
    mmio_w32(PLIC_CLAIM_S, id);
}
#endif

#ifndef UART_IRQS                       /* a variant may take fewer (irqstream_smp.c) */
#define UART_IRQS 200
#define TICK_IRQS 100
#endif
#ifndef STREAM_LIMIT_S
#define STREAM_LIMIT_S 5                 /* guest seconds a stream may take */
#endif
#define TICK_PERIOD_TICKS 20000          /* 2 ms */

static volatile unsigned uart_irqs, uart_rearms, tick_irqs, tick_acked, other_irqs;
static volatile bool uart_phase;

/* who serves this VM's interrupts, as the hypervisor says */
static const char *backend(void)
{
    switch (sbi_call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_IRQ_BACKEND, 0, 0, 0, 0, 0).value) {
    case SBI_CHIPVISOR_IRQ_VPLIC:   return "vplic";
    case SBI_CHIPVISOR_IRQ_HVA_VIC: return "hva-vic";
    case SBI_CHIPVISOR_IRQ_AIA:     return "aia-imsic";
    default:                        return "none";
    }
}

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    uint32_t id = claim();
    if (id == UART_IRQ) {
        uint8_t iir = mmio_r8(UART_BASE + UART_IIR);      /* reading it clears THR-empty */
        if ((iir & 0x0f) == 0x02)
            uart_irqs++;
        if (uart_phase && uart_rearms < UART_IRQS) {
            mmio_w8(UART_BASE + UART_IER, 0);
            mmio_w8(UART_BASE + UART_IER, IER_ETBEI);      /* 0 -> 1 raises it once more */
            uart_rearms++;
        } else {
            mmio_w8(UART_BASE + UART_IER, 0);
        }
    } else if (id == TICK_IRQ) {
        uint32_t n = mmio_r32(TICK_PENDING);
        mmio_w32(TICK_ACK, n);
        tick_irqs++;
        tick_acked += n;
    } else {
        other_irqs++;
    }
    if (id)
        complete(id);
    return true;
}

static void uart_stream(void)
{
    uint64_t t0 = trap_count();
    uart_phase = true;
    uart_rearms = 1;
    mmio_w8(UART_BASE + UART_IER, IER_ETBEI);
    uint64_t give_up = rdtime() + STREAM_LIMIT_S * TIMEBASE_HZ;
    while (uart_irqs < UART_IRQS && rdtime() < give_up)
        ;
    uart_phase = false;
    delay_ticks(TIMEBASE_HZ / 100);               /* nothing more may come */
    uint64_t traps = trap_count() - t0 - 1;        /* minus the trap_count call itself */
    CHECK(uart_irqs == UART_IRQS && uart_rearms == UART_IRQS,
          "UART stream: %u interrupts for %u re-arms, none lost or doubled", uart_irqs, uart_rearms);
    guest_printf("METRIC irq_traps_per_interrupt backend=%s source=uart traps=%lu irqs=%u per_irq=%lu.%02lu\n",
                 backend(), traps, uart_irqs, traps / uart_irqs, (traps * 100 / uart_irqs) % 100);
}

static void tick_stream(void)
{
    uint64_t t0 = trap_count();
    mmio_w32(TICK_PERIOD, TICK_PERIOD_TICKS);
    mmio_w32(TICK_CTRL, 1);
    uint64_t give_up = rdtime() + STREAM_LIMIT_S * TIMEBASE_HZ;
    while (tick_acked < TICK_IRQS && rdtime() < give_up)
        __asm__ volatile("wfi");
    mmio_w32(TICK_CTRL, 0);
    /* one snapshot with interrupts off: an interrupt still on its way when
     * the tick stopped (its line up, not yet taken) acknowledges `left` once
     * they are on again, and must not count twice */
    csr_clear(sstatus, SSTATUS_SIE);
    uint32_t fired = mmio_r32(TICK_FIRED), left = mmio_r32(TICK_PENDING), acked = tick_acked;
    csr_set(sstatus, SSTATUS_SIE);
    delay_ticks(TIMEBASE_HZ / 100);
    uint64_t traps = trap_count() - t0 - 1;
    CHECK(acked + left == fired && fired >= TICK_IRQS,
          "tick stream: %u expiries, %u acknowledged in %u interrupts, %u left: none lost",
          fired, acked, tick_irqs, left);
    /* per delivered interrupt (handler run); a run may take several expiries
     * when the hypervisor is slower than the period (co-simulation) */
    guest_printf("METRIC irq_traps_per_interrupt backend=%s source=tick traps=%lu irqs=%u expiries=%u per_irq=%lu.%02lu\n",
                 backend(), traps, tick_irqs, fired, traps / tick_irqs, (traps * 100 / tick_irqs) % 100);
}

void guest_main(void)
{
    guest_handler = handler;
    guest_printf("interrupt stream guest (%s)\n", backend());
    controller_init();
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);
    uart_stream();
    tick_stream();
    CHECK(other_irqs == 0, "no interrupt from an unknown source (%u)", other_irqs);
}
