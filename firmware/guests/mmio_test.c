/* MMIO emulation: the virtual ns16550a and PLIC, reached with every width and
 * both instruction lengths, and the UART's interrupt through the PLIC. */
#include "guest.h"
#include "devices.h"

static volatile unsigned ext_irqs, claimed_id, spurious;
static volatile unsigned access_faults;
static volatile uint64_t last_fault_cause;

static bool handler(struct trap_frame *f)
{
    if (f->cause == 5 || f->cause == 7) {           /* load / store access fault */
        access_faults++;
        last_fault_cause = f->cause;
        f->epc += 4;                                /* the 4-byte access of test_misaligned */
        return true;
    }
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    uint32_t id = mmio_r32(PLIC_CLAIM_S);
    if (id == UART_IRQ) {
        ext_irqs++;
        claimed_id = id;
        mmio_w8(UART_BASE + UART_IER, 0);           /* THR-empty interrupt off */
    } else {
        spurious++;
    }
    if (id)
        mmio_w32(PLIC_CLAIM_S, id);                 /* complete */
    return true;
}

static void test_uart_registers(void)
{
    uint8_t lsr = mmio_r8(UART_BASE + UART_LSR);
    CHECK((lsr & (LSR_THRE | LSR_TEMT)) == (LSR_THRE | LSR_TEMT) && !(lsr & LSR_DR),
          "LSR: transmitter empty, no data (0x%x)", lsr);
    mmio_w8(UART_BASE + UART_SCR, 0x5a);
    CHECK(mmio_r8(UART_BASE + UART_SCR) == 0x5a, "scratch register keeps a byte");
    mmio_w8(UART_BASE + UART_LCR, 0x83);            /* DLAB, 8N1 */
    mmio_w8(UART_BASE + UART_DLL, 0x12);
    mmio_w8(UART_BASE + UART_DLM, 0x34);
    uint8_t dll = mmio_r8(UART_BASE + UART_DLL), dlm = mmio_r8(UART_BASE + UART_DLM);
    mmio_w8(UART_BASE + UART_LCR, 0x03);
    CHECK(dll == 0x12 && dlm == 0x34, "divisor latch behind DLAB (0x%x 0x%x)", dll, dlm);
    CHECK(mmio_r8(UART_BASE + UART_LCR) == 0x03, "LCR reads back");
    mmio_w8(UART_BASE + UART_FCR, 0x07);
    CHECK((mmio_r8(UART_BASE + UART_IIR) & 0xc0) == 0xc0, "IIR shows FIFOs enabled");

    /* sign and zero extension of byte loads from a device */
    mmio_w8(UART_BASE + UART_SCR, 0x80);
    int64_t s;
    uint64_t u;
    __asm__ volatile("lb %0, 0(%1)" : "=r"(s) : "r"(UART_BASE + UART_SCR));
    __asm__ volatile("lbu %0, 0(%1)" : "=r"(u) : "r"(UART_BASE + UART_SCR));
    CHECK(s == -128 && u == 128, "LB sign-extends, LBU zero-extends (%ld, %lu)", (long)s, u);

    const char *msg = "hello through the virtual 16550\n";
    for (const char *p = msg; *p; p++) {
        while (!(mmio_r8(UART_BASE + UART_LSR) & LSR_THRE))
            ;
        mmio_w8(UART_BASE + UART_THR, (uint8_t)*p);
    }
}

static void test_plic_registers(void)
{
    mmio_w32(PLIC_PRIORITY(UART_IRQ), 3);
    CHECK(mmio_r32(PLIC_PRIORITY(UART_IRQ)) == 3, "PLIC priority reads back");
    /* compressed loads and stores (C.SW / C.LW with x8..x15) to a device */
    uint64_t base = PLIC_PRIORITY(UART_IRQ), val = 5, out = 0;
    __asm__ volatile(".option push\n.option rvc\n"
                     "mv s0, %1\nmv s1, %2\n"
                     "c.sw s1, 0(s0)\n"
                     "c.lw a5, 0(s0)\n"
                     "mv %0, a5\n.option pop"
                     : "=r"(out) : "r"(base), "r"(val) : "s0", "s1", "a5", "memory");
    CHECK(out == 5, "C.SW then C.LW on a PLIC register (%lu)", out);
    /* a 64-bit access covers two PLIC words */
    mmio_w32(PLIC_PRIORITY(UART_IRQ + 1), 2);
    uint64_t both = *(volatile uint64_t *)(uintptr_t)PLIC_PRIORITY(UART_IRQ);
    CHECK(both == (2UL << 32 | 5), "LD of two priority words (0x%lx)", both);
    *(volatile uint64_t *)(uintptr_t)PLIC_PRIORITY(UART_IRQ) = 1UL << 32 | 1;
    CHECK(mmio_r32(PLIC_PRIORITY(UART_IRQ)) == 1 && mmio_r32(PLIC_PRIORITY(UART_IRQ + 1)) == 1,
          "SD writes two priority words");
    mmio_w32(PLIC_ENABLE_S, 1U << UART_IRQ);
    CHECK(mmio_r32(PLIC_ENABLE_S) == 1U << UART_IRQ, "PLIC enable bits read back");
    mmio_w32(PLIC_THRESHOLD_S, 0);
    CHECK(mmio_r32(PLIC_CLAIM_S) == 0, "claim with nothing pending gives 0");
}

static void test_uart_interrupt(void)
{
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);
    /* THR empty interrupt: fires as soon as it is enabled */
    mmio_w8(UART_BASE + UART_IER, IER_ETBEI);
    uint64_t give_up = rdtime() + TIMEBASE_HZ;
    while (!ext_irqs && rdtime() < give_up)
        ;
    CHECK(ext_irqs == 1 && claimed_id == UART_IRQ,
          "UART THR-empty interrupt arrives through the PLIC, claim gives id %u", claimed_id);
    /* masked by threshold: no interrupt */
    mmio_w32(PLIC_THRESHOLD_S, 1);
    mmio_w8(UART_BASE + UART_IER, IER_ETBEI);
    delay_ticks(TIMEBASE_HZ / 100);
    CHECK(ext_irqs == 1, "threshold >= priority masks the UART interrupt");
    uint32_t pending = mmio_r32(PLIC_PENDING);
    CHECK(pending & (1U << UART_IRQ), "masked interrupt is still pending in the PLIC (0x%x)", pending);
    mmio_w32(PLIC_THRESHOLD_S, 0);
    give_up = rdtime() + TIMEBASE_HZ;
    while (ext_irqs == 1 && rdtime() < give_up)
        ;
    CHECK(ext_irqs == 2 && spurious == 0, "lowering the threshold delivers it");
    csr_clear(sie, SIE_SEIE);
}

/* Device registers are naturally aligned: a misaligned access is refused
 * with an access fault, and a refused store changes nothing. */
static void test_misaligned(void)
{
    mmio_w8(UART_BASE + UART_SCR, 0x11);
    unsigned before = access_faults;
    uint64_t v = 0;
    __asm__ volatile(".option push\n.option norvc\nlw %0, 0(%1)\n.option pop"
                     : "=r"(v) : "r"(UART_BASE + 1) : "memory");
    CHECK(access_faults == before + 1 && last_fault_cause == 5,
          "a misaligned 4-byte load from the UART gives a load access fault (%u, cause %lu)",
          access_faults - before, last_fault_cause);
    __asm__ volatile(".option push\n.option norvc\nsw %0, 0(%1)\n.option pop"
                     :: "r"(0x22222222UL), "r"(UART_BASE + 5) : "memory");
    CHECK(access_faults == before + 2 && last_fault_cause == 7,
          "a misaligned 4-byte store to the UART gives a store access fault (%u, cause %lu)",
          access_faults - before, last_fault_cause);
    CHECK(mmio_r8(UART_BASE + UART_SCR) == 0x11, "the refused store changed no register (scratch 0x%x)",
          mmio_r8(UART_BASE + UART_SCR));
    (void)v;
}

void guest_main(void)
{
    fp_check(0x3310, TIMEBASE_HZ / 25);      /* 40 ms: several time slices */
    guest_handler = handler;
    guest_printf("MMIO test guest\n");
    test_uart_registers();
    test_plic_registers();
    test_misaligned();
    test_uart_interrupt();
}
