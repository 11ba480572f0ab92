/* SBI for guests: every extension chipvisor offers, the error answers for bad
 * calls, timer and software interrupts, and the cost of one trap round trip. */
#include "guest.h"

static volatile unsigned timer_irqs, soft_irqs, illegal_traps;
static volatile uint64_t timer_seen_at, timer_deadline;

static bool handler(struct trap_frame *f)
{
    if (f->cause == (SCAUSE_IRQ | 5)) {
        timer_irqs++;
        timer_seen_at = rdtime();
        sbi_call(SBI_EXT_TIME, 0, ~0UL, 0, 0, 0, 0);    /* clears the pending timer */
        return true;
    }
    if (f->cause == (SCAUSE_IRQ | 1)) {
        soft_irqs++;
        csr_clear(sip, SIE_SSIE);
        return true;
    }
    if (f->cause == 2) {          /* illegal instruction: skip it */
        illegal_traps++;
        f->epc += 4;
        return true;
    }
    return false;
}

static void test_base(void)
{
    struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0);
    CHECK(r.error == 0 && r.value == 0x2000000, "BASE spec version is 2.0 (0x%lx)", r.value);
    r = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0, 0, 0);
    CHECK(r.error == 0 && r.value == (long)SBI_IMPL_ID_CHIPVISOR, "BASE impl id is chipvisor's");
    static const struct { uint64_t eid; long present; const char *name; } probes[] = {
        { SBI_EXT_TIME, 1, "TIME" }, { SBI_EXT_IPI, 1, "IPI" }, { SBI_EXT_RFENCE, 1, "RFENCE" },
        { SBI_EXT_HSM, 1, "HSM" }, { SBI_EXT_SRST, 1, "SRST" }, { SBI_EXT_DBCN, 1, "DBCN" },
        { SBI_EXT_LEGACY_CONSOLE_PUTCHAR, 1, "legacy putchar" },
        { SBI_EXT_LEGACY_SEND_IPI, 0, "legacy send_ipi" },
        { 0x504D55, 0, "PMU" }, { 0x12345678, 0, "an unknown extension" },
    };
    for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, probes[i].eid, 0, 0, 0, 0);
        CHECK(r.error == 0 && r.value == probes[i].present, "probe %s -> %ld", probes[i].name, r.value);
    }
    r = sbi_call(0x12345678, 0, 0, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_NOT_SUPPORTED, "unknown extension answers NOT_SUPPORTED (%ld)", r.error);
    r = sbi_call(SBI_EXT_BASE, 77, 0, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_NOT_SUPPORTED, "unknown BASE function answers NOT_SUPPORTED");
}

static void test_dbcn(void)
{
    static const char msg[] = "DBCN write of 27 bytes ok.\n";
    struct sbiret r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, sizeof(msg) - 1, (uintptr_t)msg, 0, 0, 0);
    CHECK(r.error == 0 && r.value == 27, "DBCN write returns the byte count (%ld)", r.value);
    r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, 0x1000, 0, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "DBCN write from outside the VM's RAM is refused");
    r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 4, (uintptr_t)msg, 1, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "DBCN write with base_addr_hi != 0 is refused");
    r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 1UL << 40, (uintptr_t)msg, 0, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "DBCN write running past the VM's RAM is refused");
    r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, ~0UL, (uintptr_t)msg, 0, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "DBCN write with a wrapping length is refused");
    char buf[8];
    r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_READ, sizeof(buf), (uintptr_t)buf, 0, 0, 0);
    CHECK(r.error == 0 && r.value == 0, "DBCN read with no input gives 0 bytes");
    r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, '\n', 0, 0, 0, 0);
    CHECK(r.error == 0, "DBCN write_byte");
    CHECK(sbi_legacy(SBI_EXT_LEGACY_CONSOLE_PUTCHAR, '\n') == 0, "legacy putchar");
    CHECK(sbi_legacy(SBI_EXT_LEGACY_CONSOLE_GETCHAR, 0) == -1, "legacy getchar with no input gives -1");
}

static void test_hsm_rfence_srst(void)
{
    struct sbiret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 0, 0, 0, 0, 0);
    CHECK(r.error == 0 && r.value == SBI_HSM_STATE_STARTED, "HSM status of hart 0 is STARTED");
    r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, 1, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "HSM status of a hart the VM lacks is INVALID_PARAM");
    r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, 0, 0x80000000, 0, 0, 0);
    CHECK(r.error == SBI_ERR_ALREADY_AVAILABLE, "HSM start of the running hart is ALREADY_AVAILABLE");
    r = sbi_call(SBI_EXT_RFENCE, 0, 1, 0, 0, 0, 0);
    CHECK(r.error == 0, "RFENCE remote_fence_i");
    r = sbi_call(SBI_EXT_RFENCE, 1, 1, 0, 0, ~0UL, 0);
    CHECK(r.error == 0, "RFENCE remote_sfence_vma");
    r = sbi_call(SBI_EXT_RFENCE, 2, 0, ~0UL, 0, ~0UL, 5);
    CHECK(r.error == 0, "RFENCE remote_sfence_vma_asid, all harts");
    r = sbi_call(SBI_EXT_RFENCE, 1, 2, 0, 0, ~0UL, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "RFENCE naming a hart the VM lacks is INVALID_PARAM");
    r = sbi_call(SBI_EXT_RFENCE, 3, 1, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_NOT_SUPPORTED, "RFENCE hfence_gvma is NOT_SUPPORTED (no nested H)");
    r = sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, 7, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM, "SRST with an unknown reset type is INVALID_PARAM");
    r = sbi_call(SBI_EXT_SRST, 1, 0, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_NOT_SUPPORTED, "SRST unknown function is NOT_SUPPORTED");
}

static void test_timer(void)
{
    csr_set(sie, SIE_STIE);
    csr_set(sstatus, SSTATUS_SIE);
    /* busy wait */
    timer_deadline = rdtime() + TIMEBASE_HZ / 100;
    sbi_call(SBI_EXT_TIME, 0, timer_deadline, 0, 0, 0, 0);
    uint64_t give_up = timer_deadline + TIMEBASE_HZ;
    while (!timer_irqs && rdtime() < give_up)
        ;
    CHECK(timer_irqs == 1 && timer_seen_at >= timer_deadline,
          "timer interrupt after set_timer, not before its deadline (late by %lu ticks)",
          timer_seen_at - timer_deadline);
    /* sleeping in WFI: the hypervisor must wake this VM for its timer */
    for (int i = 0; i < 5; i++) {
        unsigned before = timer_irqs;
        timer_deadline = rdtime() + TIMEBASE_HZ / 200;
        sbi_call(SBI_EXT_TIME, 0, timer_deadline, 0, 0, 0, 0);
        while (timer_irqs == before && rdtime() < timer_deadline + TIMEBASE_HZ)
            __asm__ volatile("wfi");
    }
    CHECK(timer_irqs == 6, "5 timer interrupts that end a WFI (%u)", timer_irqs - 1);
    /* a timer in the past fires at once; one far away never */
    sbi_call(SBI_EXT_TIME, 0, 0, 0, 0, 0, 0);
    CHECK(timer_irqs == 7, "set_timer in the past fires at once");
    sbi_call(SBI_EXT_TIME, 0, ~0UL, 0, 0, 0, 0);
    delay_ticks(TIMEBASE_HZ / 50);
    CHECK(timer_irqs == 7, "no interrupt with the timer at infinity");
    CHECK(sbi_legacy(SBI_EXT_LEGACY_SET_TIMER, rdtime() + 1000) == 0, "legacy set_timer");
    delay_ticks(TIMEBASE_HZ / 50);
    CHECK(timer_irqs == 8, "legacy set_timer fires");
    csr_clear(sie, SIE_STIE);
}

static void test_ipi(void)
{
    csr_set(sie, SIE_SSIE);
    struct sbiret r = sbi_call(SBI_EXT_IPI, 0, 1, 0, 0, 0, 0);
    delay_ticks(1000);
    CHECK(r.error == 0 && soft_irqs == 1, "IPI to self arrives as a supervisor software interrupt");
    r = sbi_call(SBI_EXT_IPI, 0, 0, ~0UL, 0, 0, 0);
    delay_ticks(1000);
    CHECK(r.error == 0 && soft_irqs == 2, "IPI with hart_mask_base -1 reaches every hart");
    r = sbi_call(SBI_EXT_IPI, 0, 4, 0, 0, 0, 0);
    CHECK(r.error == SBI_ERR_INVALID_PARAM && soft_irqs == 2, "IPI to a hart the VM lacks is INVALID_PARAM");
    csr_clear(sie, SIE_SSIE);
}

static void test_virtual_instruction(void)
{
    /* hgatp is not a VS-mode CSR: the hart raises a virtual-instruction
     * exception and the hypervisor answers as a hart without H would */
    __asm__ volatile("csrr t0, hgatp" ::: "t0");
    CHECK(illegal_traps == 1, "an H-mode CSR access reaches the guest as an illegal instruction");
}

/* QEMU 7.2 counts instret (and cycle) in retired instructions only under
 * -icount; without it (co-simulation, SMP runs) both read the host's
 * time-stamp counter. Under -icount shift=0 an instruction is 1 ns of guest
 * time, so instret moves exactly 100 per tick of the 10 MHz time CSR (host
 * ticks would move 100 per tick only on a 1 GHz time-stamp counter). */
static bool instret_counts_instructions(void)
{
    uint64_t t0 = rdtime(), i0 = rdinstret();
    while (rdtime() - t0 < 1000)
        ;
    uint64_t dt = rdtime() - t0, di = rdinstret() - i0;
    return di >= dt * 995 / 10 && di <= dt * 1005 / 10;
}

/* One ecall to the hypervisor and back, counted with the hart's counters
 * (instret counts every mode: guest, hypervisor and firmware). */
static void measure_round_trip(void)
{
    const unsigned n = 2000;
    bool instructions = instret_counts_instructions();
    uint64_t i0 = rdinstret();
    for (unsigned i = 0; i < n; i++)
        sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0);
    uint64_t i1 = rdinstret();
    /* the same loop with no trap, to subtract the guest's own side */
    uint64_t j0 = rdinstret();
    for (unsigned i = 0; i < n; i++)
        __asm__ volatile("" ::: "memory");
    uint64_t j1 = rdinstret();
    if (instructions)
        guest_printf("METRIC sbi_round_trip_instret=%lu unit=instructions (over %u calls; empty loop %lu per iteration)\n",
                     (i1 - i0) / n, n, (j1 - j0) / n);
    else
        guest_printf("METRIC sbi_round_trip_host_ticks=%lu unit=host-ticks timing=wall (no -icount: instret reads "
                     "the host's time-stamp counter; over %u calls)\n", (i1 - i0) / n, n);
    CHECK(i1 - i0 > n, "instret counts the trap round trips");
}

void guest_main(void)
{
    fp_check(0x5b1, TIMEBASE_HZ / 25);      /* 40 ms: several time slices */
    guest_handler = handler;
    guest_printf("SBI test guest\n");
    test_base();
    test_dbcn();
    test_hsm_rfence_srst();
    test_timer();
    test_ipi();
    test_virtual_instruction();
    measure_round_trip();
}
