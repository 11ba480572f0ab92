/* Trap-path probe: instructions retired per round trip through the
 * hypervisor for each hot path, counted with instret (every mode counts:
 * guest, hypervisor, firmware), so under QEMU -icount shift=0 the figures do
 * not depend on host load. Each path runs N times; the same loop without the
 * trapping access is subtracted. Prints one "METRIC path_<name>=<n>" line per
 * path (tests/bench/bench_paths.sh collects them).
 *   sbi_base     ecall BASE get_spec_version
 *   sbi_time     ecall TIME set_timer (far future)
 *   uart_read    load of the UART's LSR (a device register without side effects)
 *   uart_write   store to the UART's SCR
 *   plic_claim   load of the PLIC S-context claim register (nothing pending)
 *   uart_read_sv39  the UART read with the guest's own Sv39 on 4 KiB pages
 *   timer_rt     set_timer(now), the timer interrupt, a handler that re-arms
 *                to infinity, sret back to the loop */
#include "guest.h"
#include "devices.h"

#define N 500

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define SATP_SV39 (8UL << 60)
#define RAM_GPA 0x80000000UL

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1_ram[512] __attribute__((aligned(4096)));
static uint64_t l0_ram[512] __attribute__((aligned(4096)));
static uint64_t l1_dev[512] __attribute__((aligned(4096)));
static uint64_t l0_dev[512] __attribute__((aligned(4096)));

static volatile unsigned timer_irqs;

static bool handler(struct trap_frame *f)
{
    if (f->cause == (SCAUSE_IRQ | 5)) {
        sbi_call(SBI_EXT_TIME, 0, ~0UL, 0, 0, 0, 0);
        timer_irqs++;
        return true;
    }
    return false;
}

static uint64_t pte(uint64_t pa, uint64_t flags)
{
    return (pa >> 12) << 10 | flags;
}

/* The first 2 MiB of RAM (image, data, stack) and the UART page, identity
 * mapped with 4 KiB pages. */
static void sv39_on(void)
{
    const uint64_t rwx = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
    root[(RAM_GPA >> 30) & 511] = pte((uint64_t)(uintptr_t)l1_ram, PTE_V);
    l1_ram[(RAM_GPA >> 21) & 511] = pte((uint64_t)(uintptr_t)l0_ram, PTE_V);
    for (unsigned i = 0; i < 512; i++)
        l0_ram[i] = pte(RAM_GPA + i * 4096UL, rwx);
    root[(UART_BASE >> 30) & 511] = pte((uint64_t)(uintptr_t)l1_dev, PTE_V);
    l1_dev[(UART_BASE >> 21) & 511] = pte((uint64_t)(uintptr_t)l0_dev, PTE_V);
    l0_dev[(UART_BASE >> 12) & 511] = pte(UART_BASE, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    csr_write(satp, SATP_SV39 | ((uint64_t)(uintptr_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
}

static void sv39_off(void)
{
    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
}

/* the empty loop, to subtract: the same counter reads, no access */
static uint64_t baseline(void)
{
    uint64_t i0 = rdinstret();
    for (unsigned i = 0; i < N; i++)
        __asm__ volatile("" ::: "memory");
    return (rdinstret() - i0) / N;
}

static void report(const char *name, uint64_t total, uint64_t base)
{
    uint64_t per = total / N - base;
    guest_printf("METRIC path_%s=%lu unit=instructions\n", name, per);
    CHECK(per > 10, "path %s costs %lu instructions: it trapped", name, per);
}

#define MEASURE(name, body)                                   \
    do {                                                      \
        uint64_t i0_ = rdinstret();                           \
        for (unsigned i_ = 0; i_ < N; i_++) {                 \
            body;                                             \
            __asm__ volatile("" ::: "memory");                \
        }                                                     \
        report(name, rdinstret() - i0_, base);                \
    } while (0)

void guest_main(void)
{
    guest_handler = handler;
    uint64_t base = baseline();
    guest_printf("probe: %u round trips per path, empty loop %lu instructions per iteration\n", N, base);

    MEASURE("sbi_base", sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0));
    MEASURE("sbi_time", sbi_call(SBI_EXT_TIME, 0, ~0UL, 0, 0, 0, 0));
    MEASURE("uart_read", (void)mmio_r8(UART_BASE + UART_LSR));
    MEASURE("uart_write", mmio_w8(UART_BASE + UART_SCR, 0x5a));
    MEASURE("plic_claim", (void)mmio_r32(PLIC_CLAIM_S));
    sv39_on();
    MEASURE("uart_read_sv39", (void)mmio_r8(UART_BASE + UART_LSR));
    sv39_off();

    csr_set(sie, SIE_STIE);
    csr_set(sstatus, SSTATUS_SIE);
    unsigned before = timer_irqs;
    MEASURE("timer_rt", {
        unsigned want = timer_irqs + 1;
        sbi_call(SBI_EXT_TIME, 0, rdtime(), 0, 0, 0, 0);
        while (timer_irqs != want)
            ;
    });
    csr_clear(sstatus, SSTATUS_SIE);
    CHECK(timer_irqs - before == N, "one timer interrupt per set_timer(now): %u", timer_irqs - before);
    guest_finish();
}
