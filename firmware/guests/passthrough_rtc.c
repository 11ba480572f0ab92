/* A device the hypervisor does not emulate at all: the machine's own RTC
 * (QEMU virt's goldfish RTC at 0x101000, its interrupt source 11), mapped
 * into this VM GPA = HPA and its interrupt routed by the HVA VIC into the VM's
 * guest file (config `passthrough 0x101000 0x1000 google,goldfish-rtc source
 * 11 irq 5`, on the HVA platform). The guest arms the RTC alarm, takes the
 * interrupt, claims it on the VIC page, clears it at the RTC and completes:
 * none of that traps, so a stream of alarms costs the hypervisor no trap at
 * all. The SBI trap count is read before and after (one call); the
 * hypervisor's own slice timer, where it lands in the stream, is its business
 * and counted apart. */
#include "guest.h"
#include "devices.h"
#include "trap_counts.h"

#define RTC_BASE          0x101000UL
#define RTC_IRQ           5              /* the id the VIC delivers it as */
#define RTC_TIME_LOW      (RTC_BASE + 0x00)
#define RTC_TIME_HIGH     (RTC_BASE + 0x04)
#define RTC_ALARM_LOW     (RTC_BASE + 0x08)
#define RTC_ALARM_HIGH    (RTC_BASE + 0x0c)
#define RTC_IRQ_ENABLED   (RTC_BASE + 0x10)
#define RTC_CLEAR_ALARM   (RTC_BASE + 0x14)
#define RTC_CLEAR_INTERRUPT (RTC_BASE + 0x1c)

#define ALARMS     50
#define ALARM_NS   20000                 /* 20 us apart */

static volatile unsigned rtc_irqs, other_irqs;

static uint64_t rtc_now_ns(void)
{
    uint32_t lo = mmio_r32(RTC_TIME_LOW);    /* latches the high word */
    return (uint64_t)mmio_r32(RTC_TIME_HIGH) << 32 | lo;
}

static void rtc_arm(uint64_t at_ns)
{
    mmio_w32(RTC_ALARM_HIGH, (uint32_t)(at_ns >> 32));
    mmio_w32(RTC_ALARM_LOW, (uint32_t)at_ns);     /* the low word sets it */
}

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    uint32_t id = mmio_r32(PLIC_CLAIM_S);
    if (id == RTC_IRQ) {
        mmio_w32(RTC_CLEAR_INTERRUPT, 1);
        rtc_irqs++;
    } else if (id) {
        other_irqs++;
    }
    if (id)
        mmio_w32(PLIC_CLAIM_S, id);
    return true;
}

void guest_main(void)
{
    long backend = sbi_call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_IRQ_BACKEND, 0, 0, 0, 0, 0).value;
    guest_printf("passthrough RTC guest (%s)\n", backend == SBI_CHIPVISOR_IRQ_HVA_VIC ? "hva-vic" : "other");
    CHECK(backend == SBI_CHIPVISOR_IRQ_HVA_VIC, "the VIC serves this VM's PLIC window");
    guest_handler = handler;
    mmio_w32(PLIC_PRIORITY(RTC_IRQ), 1);
    mmio_w32(PLIC_ENABLE_S, 1U << RTC_IRQ);
    mmio_w32(PLIC_THRESHOLD_S, 0);
    mmio_w32(RTC_IRQ_ENABLED, 1);
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);

    struct trap_mark mark = trap_mark();
    unsigned missed = 0;
    for (unsigned i = 0; i < ALARMS; i++) {
        rtc_arm(rtc_now_ns() + ALARM_NS);
        uint64_t give_up = rdtime() + TIMEBASE_HZ / 10;
        while (rtc_irqs <= i && rdtime() < give_up)
            ;
        if (rtc_irqs <= i)
            missed++;
    }
    uint64_t host, traps = traps_since(mark, &host);
    mmio_w32(RTC_IRQ_ENABLED, 0);
    mmio_w32(RTC_CLEAR_ALARM, 1);
    CHECK(rtc_irqs == ALARMS && missed == 0, "RTC stream: %u interrupts for %u alarms", rtc_irqs, ALARMS);
    CHECK(other_irqs == 0, "no interrupt from an unknown source (%u)", other_irqs);
    guest_printf("METRIC irq_traps_per_interrupt backend=hva-vic source=passthrough traps=%lu irqs=%u "
                 "per_irq=%lu.%02lu host_timer_traps=%lu\n", traps, rtc_irqs, traps / ALARMS,
                 (traps * 100 / ALARMS) % 100, host);
    CHECK(traps == 0, "no trap into the hypervisor for %u interrupts of a passthrough device (%lu)",
          ALARMS, traps);
}
