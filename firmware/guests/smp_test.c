/* SBI across harts: the corner cases of HSM, IPI, RFENCE and the per-hart
 * timer, one "CHECK <name> ok|FAIL ..." line each, then "SMP-SUMMARY pass=N
 * fail=M" and SRST shutdown (reason none when all passed, system failure
 * otherwise). Runs natively on OpenSBI (QEMU -smp N) and as a chipvisor VM with
 * `cpus N`; the harts come from the DTB (common/smp/smp.c).
 *
 * The boot hart drives every test; each other hart sits in serve(), runs the
 * commands the boot hart posts in its mailbox and counts the interrupts it
 * takes. Every IPI is sent only after the previous one was taken (its count
 * rose), so pending bits never merge and counts are exact. */
#include "smp/smp.h"

#define MS   (TIMEBASE_HZ / 1000)
#define WAIT (3 * TIMEBASE_HZ)          /* time limit of any one handshake */
#define TEST_VA 0x40000000UL            /* a 4 KiB page remapped between page_a and page_b */

enum {
    CMD_PING = 1,
    CMD_STOP,               /* hart_stop */
    CMD_SUSPEND_RET,        /* hart_suspend(retentive) */
    CMD_SUSPEND_NONRET,     /* hart_suspend(non-retentive, smp_resume_entry, arg0) */
    CMD_SUSPEND_BAD,        /* hart_suspend with a reserved type arg0 */
    CMD_PENDING_STOP,       /* interrupts off, wait for SSIP pending, hart_stop */
    CMD_CALL_CODE,          /* res0 = code_buf() */
    CMD_WRITE_CODE,         /* write li a0,arg0 to code_buf, remote fence.i (arg1 mask, arg2 base) */
    CMD_PAGING_ON,          /* satp = Sv39 root with ASID arg0; res0 = ASID bits */
    CMD_READ_VA,            /* arg0: sfence.vma first; res0 = *TEST_VA */
    CMD_PAGING_OFF,
    CMD_TIMER,              /* set_timer(arg0) */
};

struct hart {
    volatile unsigned long req, done;   /* mailbox: the boot hart bumps req, the hart sets done */
    volatile unsigned long cmd, arg[3];
    volatile long res[2];
    /* what the hart saw when it entered hart_main / hart_resume */
    volatile unsigned long entries, entry_a0, entry_a1, entry_satp, entry_sstatus, entry_sip;
    volatile unsigned long resumes, resume_a0, resume_a1, resume_satp, resume_sstatus, resume_sip;
    /* retentive suspend returned (count, error); CMD_PENDING_STOP saw SSIP */
    volatile unsigned long suspend_returns, pending_seen;
    volatile long suspend_err;
    bool dead;                          /* the boot hart's view: no answer, skip it */
};
static struct hart harts[SMP_MAX_HARTS];

static unsigned long exp_ipi[SMP_MAX_HARTS], exp_timer[SMP_MAX_HARTS];
static unsigned long bad_id;            /* the lowest hart id the machine lacks */
static unsigned long all_mask;          /* every hart, base 0 */

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static volatile uint64_t page_a[512] __attribute__((aligned(4096)));
static volatile uint64_t page_b[512] __attribute__((aligned(4096)));
static volatile uint32_t code_buf[16] __attribute__((aligned(64)));

/* ---- the other harts ----------------------------------------------------- */

static void run_cmd(unsigned long h, struct hart *me, unsigned long req)
{
    unsigned long a0 = me->arg[0], a1 = me->arg[1], a2 = me->arg[2];
    switch (me->cmd) {
    case CMD_PING:
        me->res[0] = (long)h;
        break;
    case CMD_STOP:
        smp_timer_quiet();
        me->done = req;
        smp_mb();
        me->res[0] = sbi_hart_stop();       /* returns only on failure */
        break;
    case CMD_SUSPEND_RET:
        smp_timer_quiet();              /* the IPI must be what wakes it */
        me->done = req;
        smp_mb();
        me->suspend_err = sbi_hart_suspend(SBI_HSM_SUSPEND_RETENTIVE, 0, 0);
        smp_mb();
        me->suspend_returns++;
        break;
    case CMD_SUSPEND_NONRET:
        smp_timer_quiet();
        me->done = req;
        smp_mb();
        me->suspend_err = sbi_hart_suspend(SBI_HSM_SUSPEND_NON_RETENTIVE,
                                           (uintptr_t)smp_resume_entry, a0);
        smp_mb();
        me->suspend_returns++;              /* only on failure */
        break;
    case CMD_SUSPEND_BAD:
        me->res[0] = sbi_hart_suspend(a0, (uintptr_t)smp_resume_entry, 0);
        break;
    case CMD_PENDING_STOP: {
        smp_irq_off();
        me->done = req;
        smp_mb();
        uint64_t end = rdtime() + WAIT;
        while (!(csr_read(sip) & SIE_SSIE) && rdtime() < end)
            smp_relax(SMP_RELAX_TICKS);     /* WFI ends for the pending SSIP (sie.SSIE is on) */
        me->pending_seen = (csr_read(sip) & SIE_SSIE) ? 1 : 2;
        smp_timer_quiet();
        smp_mb();
        me->res[0] = sbi_hart_stop();       /* with the IPI still pending */
        smp_irq_on();
        break;
    }
    case CMD_CALL_CODE:
        me->res[0] = ((long (*)(void))(uintptr_t)code_buf)();
        break;
    case CMD_WRITE_CODE:
        smp_write_li_ret(code_buf, (int)a0);
        smp_mb();
        me->res[0] = sbi_rfence(SBI_RFENCE_FENCE_I, a1, a2, 0, 0, 0);
        break;
    case CMD_PAGING_ON: {
        uint64_t ppn = (uintptr_t)root >> 12;
        csr_write(satp, SATP_SV39 | 0xffffUL << 44 | ppn);
        uint64_t bits = (csr_read(satp) >> 44) & 0xffff;
        csr_write(satp, SATP_SV39 | (a0 & bits) << 44 | ppn);
        sfence_vma_all();
        me->res[0] = (long)bits;
        break;
    }
    case CMD_READ_VA:
        if (a0)
            sfence_vma_all();
        me->res[0] = (long)*(volatile uint64_t *)TEST_VA;
        break;
    case CMD_PAGING_OFF:
        csr_write(satp, 0);
        sfence_vma_all();
        break;
    case CMD_TIMER:
        smp_set_timer(a0);
        break;
    default:
        me->res[0] = -1;
        break;
    }
    smp_mb();
    me->done = req;
}

static void serve(unsigned long h) __attribute__((noreturn));
static void serve(unsigned long h)
{
    struct hart *me = &harts[h];
    smp_irq_on();
    for (unsigned n = 0;; n++) {
        unsigned long req = me->req;
        if (req != me->done) {
            smp_mb();
            run_cmd(h, me, req);
            n = 0;
        } else if (n >= SMP_SPINS) {
            smp_relax(SMP_RELAX_TICKS);
        }
    }
}

void hart_main(unsigned long hartid, unsigned long opaque)
{
    struct hart *me = &harts[hartid];
    me->entry_sstatus = csr_read(sstatus);
    me->entry_satp = csr_read(satp);
    me->entry_sip = csr_read(sip);
    me->entry_a0 = hartid;
    me->entry_a1 = opaque;
    csr_clear(sip, SIE_SSIE);           /* a stale IPI from before a stop is dropped here */
    smp_mb();
    me->entries++;
    serve(hartid);
}

void hart_resume(unsigned long hartid, unsigned long opaque)
{
    struct hart *me = &harts[hartid];
    me->resume_sstatus = csr_read(sstatus);
    me->resume_satp = csr_read(satp);
    me->resume_sip = csr_read(sip);
    me->resume_a0 = hartid;
    me->resume_a1 = opaque;
    smp_mb();
    me->resumes++;
    serve(hartid);                      /* the IPI that woke it is still pending: taken there */
}

/* ---- the boot hart's tools -------------------------------------------------- */

/* post a command and wait for its end; false (and the hart is skipped from
 * now on) if it does not answer */
static bool cmd(unsigned long h, unsigned long c, unsigned long a0, unsigned long a1, unsigned long a2)
{
    struct hart *t = &harts[h];
    if (t->dead)
        return false;
    t->cmd = c;
    t->arg[0] = a0;
    t->arg[1] = a1;
    t->arg[2] = a2;
    t->res[0] = t->res[1] = 0;
    unsigned long req = t->req + 1;
    smp_mb();
    t->req = req;
    if (!smp_wait_eq(&t->done, req, WAIT)) {
        t->dead = true;
        smp_printf("hart %lu: no answer to command %lu\n", h, c);
        return false;
    }
    smp_mb();
    return true;
}

/* wait until hart h is in HSM state `want`; every state seen on the way
 * must be in `allowed` (a mask of 1 << state); returns the last state */
static long wait_state(unsigned long h, long want, unsigned allowed, bool *path_ok)
{
    uint64_t end = rdtime() + WAIT;
    long s;
    *path_ok = true;
    for (;;) {
        s = smp_hart_state(h);
        if (s == want)
            return s;
        if (s < 0 || s > 6 || !(allowed & (1u << s)))
            *path_ok = false;
        if (rdtime() > end)
            return s;
        smp_relax(SMP_RELAX_TICKS / 4);
    }
}

static unsigned long snap[SMP_MAX_HARTS];

static void snapshot(void)
{
    for (unsigned i = 0; i < smp_nharts; i++)
        snap[smp_ids[i]] = smp_ipi_count[smp_ids[i]];
}

/* after an IPI to the harts in `targets` (bit = hart id): wait for each to
 * take one, let a late duplicate show, and check that exactly those took one */
static bool ipis_arrived(unsigned long targets, char *detail, unsigned len)
{
    bool ok = true;
    for (unsigned i = 0; i < smp_nharts; i++) {
        unsigned long h = smp_ids[i];
        if (targets & (1UL << h)) {
            exp_ipi[h]++;
            if (!smp_wait_eq(&smp_ipi_count[h], snap[h] + 1, WAIT))
                ok = false;
        }
    }
    delay_ticks(2 * MS);
    unsigned n = 0;
    for (unsigned i = 0; i < smp_nharts; i++) {
        unsigned long h = smp_ids[i];
        unsigned long got = smp_ipi_count[h] - snap[h], want = (targets >> h) & 1;
        if (got != want)
            ok = false;
        if (n + 8 < len) {
            detail[n++] = i ? ',' : ' ';
            detail[n++] = (char)('0' + h);
            detail[n++] = ':';
            detail[n++] = (char)(got < 10 ? '0' + got : '+');
        }
    }
    detail[n] = 0;
    return ok;
}

/* an error answer where the spec wants INVALID_PARAM; OpenSBI 1.1 ignores
 * hart ids it lacks in a mask (with a valid base) and answers 0 */
static bool invalid_hart_answer(long err)
{
    return err == SBI_ERR_INVALID_PARAM || (smp_on_opensbi && err == 0);
}

static unsigned long secondary(unsigned i)     /* the i-th hart other than the boot hart */
{
    for (unsigned k = 0; k < smp_nharts; k++)
        if (smp_ids[k] != smp_boot_hart && i-- == 0)
            return smp_ids[k];
    return ~0UL;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_discovery(void)
{
    smp_check(smp_nharts >= 1 && smp_index(smp_boot_hart) >= 0 && smp_hart_source[0] == 'd',
              "harts", "n=%u from the %s, boot hart %lu", smp_nharts, smp_hart_source, smp_boot_hart);
    bool ok = true;
    for (unsigned i = 0; i < smp_nharts; i++) {
        long s = smp_hart_state(smp_ids[i]);
        long want = smp_ids[i] == smp_boot_hart ? SBI_HSM_STATE_STARTED : SBI_HSM_STATE_STOPPED;
        if (s != want) {
            ok = false;
            smp_printf("  hart %lu is %s (%ld) at boot\n", smp_ids[i], smp_state_name(s), s);
        }
    }
    smp_check(ok, "hsm-status-boot", "boot hart STARTED, %u others STOPPED", smp_nharts - 1);
    long s1 = smp_hart_state(bad_id), s2 = smp_hart_state(1000), s3 = smp_hart_state(~0UL);
    smp_check(s1 == SBI_ERR_INVALID_PARAM && s2 == SBI_ERR_INVALID_PARAM && s3 == SBI_ERR_INVALID_PARAM,
              "hsm-status-invalid", "hart %lu: %ld, hart 1000: %ld, hart -1: %ld", bad_id, s1, s2, s3);
}

static void test_hsm_start(void)
{
    /* start them all at once, then watch each come up */
    for (unsigned i = 0; i + 1 < smp_nharts; i++) {
        unsigned long h = secondary(i);
        long r = smp_start_hart(h, 0xc0ffee00UL + h);
        if (r)
            smp_printf("  hart_start(%lu) = %ld\n", h, r);
        harts[h].res[1] = r;
    }
    for (unsigned i = 0; i + 1 < smp_nharts; i++) {
        unsigned long h = secondary(i);
        struct hart *t = &harts[h];
        bool path;
        long s = wait_state(h, SBI_HSM_STATE_STARTED,
                            1u << SBI_HSM_STATE_START_PENDING, &path);
        bool in = smp_wait_eq(&t->entries, 1, WAIT);
        smp_check(t->res[1] == 0 && s == SBI_HSM_STATE_STARTED && path && in && t->entry_a0 == h &&
                  t->entry_a1 == 0xc0ffee00UL + h && t->entry_satp == 0 &&
                  !(t->entry_sstatus & SSTATUS_SIE),
                  "hsm-start", "hart %lu: start %ld, state %s (only START_PENDING before: %s), entered %lu times, a0=%lu a1=0x%lx satp=0x%lx sstatus.SIE=%lu",
                  h, t->res[1], smp_state_name(s), path ? "yes" : "no", t->entries, t->entry_a0,
                  t->entry_a1, t->entry_satp, (t->entry_sstatus >> 1) & 1);
        if (!in)
            t->dead = true;
    }
    for (unsigned i = 0; i + 1 < smp_nharts; i++) {
        unsigned long h = secondary(i);
        long r = smp_start_hart(h, 0xbad);
        delay_ticks(2 * MS);
        smp_check(r == SBI_ERR_ALREADY_AVAILABLE && harts[h].entries == 1 && cmd(h, CMD_PING, 0, 0, 0) &&
                  harts[h].res[0] == (long)h,
                  "hsm-start-twice", "hart %lu: %ld (ALREADY_AVAILABLE is %d), still entered once",
                  h, r, SBI_ERR_ALREADY_AVAILABLE);
    }
    long r1 = smp_start_hart(smp_boot_hart, 0);
    long r2 = sbi_hart_start(bad_id, (uintptr_t)smp_hart_entry, 0);
    long r3 = sbi_hart_start(1000, (uintptr_t)smp_hart_entry, 0);
    smp_check(r1 == SBI_ERR_ALREADY_AVAILABLE && r2 == SBI_ERR_INVALID_PARAM && r3 == SBI_ERR_INVALID_PARAM,
              "hsm-start-invalid", "the boot hart itself: %ld, hart %lu (none): %ld, hart 1000: %ld",
              r1, bad_id, r2, r3);
}

static void ipi_case(const char *name, unsigned long mask, unsigned long base, unsigned long targets)
{
    char d[64];
    snapshot();
    long r = sbi_send_ipi(mask, base);
    bool ok = ipis_arrived(targets, d, sizeof(d));
    smp_check(r == 0 && ok, name, "mask 0x%lx base %ld -> %ld; taken per hart:%s",
              mask, (long)base, r, d);
}

static void test_ipi(void)
{
    for (unsigned i = 0; i < smp_nharts; i++) {
        unsigned long h = smp_ids[i];
        if (harts[h].dead)
            continue;
        ipi_case("ipi-one", 1, h, 1UL << h);            /* base = the hart */
        ipi_case("ipi-one", 1UL << h, 0, 1UL << h);     /* base 0, its bit */
    }
    ipi_case("ipi-all", 0, ~0UL, all_mask);             /* base -1: every hart */
    ipi_case("ipi-mask-all", all_mask, 0, all_mask);
    if (smp_nharts > 1) {
        unsigned long b = smp_ids[1], m = all_mask >> b; /* base > 0: harts from ids[1] up */
        ipi_case("ipi-base", m, b, m << b);
        if (smp_index(b + 1) >= 0)                      /* base > 0, one hart inside the mask */
            ipi_case("ipi-base", 2, b, 1UL << (b + 1));
    }
    /* invalid: a base past every hart, and a mask naming a hart the machine lacks */
    char d[64];
    snapshot();
    long r1 = sbi_send_ipi(1, bad_id);
    long r2 = sbi_send_ipi(1, 1000);
    long r3 = sbi_send_ipi(1UL << bad_id, 0);
    bool none = ipis_arrived(0, d, sizeof(d));
    smp_check(r1 == SBI_ERR_INVALID_PARAM && r2 == SBI_ERR_INVALID_PARAM && invalid_hart_answer(r3) && none,
              "ipi-invalid", "base %lu: %ld, base 1000: %ld, mask 0x%lx: %ld%s; no IPI taken:%s",
              bad_id, r1, r2, 1UL << bad_id, r3,
              r3 == 0 ? " (OpenSBI 1.1 ignores absent harts in a mask; SBI 2.0 wants INVALID_PARAM)" : "", d);
}

/* fence.i: code written on one hart, executed on another after a remote fence.i */
static void test_rfence_i(void)
{
    static const char *const forms[] = { "base=hart", "base=0", "base=-1" };
    int k = 100;
    for (unsigned i = 0; i + 1 < smp_nharts; i++) {
        unsigned long h = secondary(i);
        if (harts[h].dead)
            continue;
        for (unsigned f = 0; f < 3; f++) {
            /* the hart runs the old code first, so it has seen (and may cache) it */
            bool ok = cmd(h, CMD_CALL_CODE, 0, 0, 0);
            long before = harts[h].res[0];
            k += 7;
            smp_write_li_ret(code_buf, k);
            smp_mb();
            unsigned long mask = f == 0 ? 1 : f == 1 ? 1UL << h : 0;
            unsigned long base = f == 0 ? h : f == 1 ? 0 : ~0UL;
            long r = sbi_rfence(SBI_RFENCE_FENCE_I, mask, base, 0, 0, 0);
            ok = ok && cmd(h, CMD_CALL_CODE, 0, 0, 0);
            smp_check(ok && r == 0 && harts[h].res[0] == k, "rfence-i",
                      "hart %lu, %s: %ld, ran the new code: %ld (want %d, before %ld)",
                      h, forms[f], r, harts[h].res[0], k, before);
        }
        /* the other way round: the hart writes code and fences the boot hart */
        ((long (*)(void))(uintptr_t)code_buf)();
        k += 7;
        bool ok = cmd(h, CMD_WRITE_CODE, (unsigned long)k, 1, smp_boot_hart);
        long r = harts[h].res[0];
        long got = ok ? ((long (*)(void))(uintptr_t)code_buf)() : -1;
        smp_check(ok && r == 0 && got == k, "rfence-i-from",
                  "hart %lu wrote code, remote fence.i to hart %lu: %ld; it ran %ld (want %d)",
                  h, smp_boot_hart, r, got, k);
    }
    /* a fence.i to the hart itself */
    k += 7;
    smp_write_li_ret(code_buf, k);
    long r = sbi_rfence(SBI_RFENCE_FENCE_I, 1, smp_boot_hart, 0, 0, 0);
    long got = ((long (*)(void))(uintptr_t)code_buf)();
    smp_check(r == 0 && got == k, "rfence-i-self", "%ld, ran %ld (want %d)", r, got, k);
}

/* sfence.vma: a PTE another hart uses is changed from page A to page B */
static void test_rfence_vma(void)
{
    static const char *const kinds[] = { "sfence.vma range", "sfence.vma all", "sfence.vma.asid range",
                                         "sfence.vma.asid all" };
    const unsigned long asid = 5;
    root[2] = smp_pte(0x80000000UL, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);   /* identity over RAM */
    root[1] = smp_pte((uintptr_t)l1, 0);
    l1[0] = smp_pte((uintptr_t)l0, 0);
    unsigned seq = 0;
    for (unsigned i = 0; i + 1 < smp_nharts; i++) {
        unsigned long h = secondary(i);
        l0[0] = smp_pte((uintptr_t)page_a, PTE_R | PTE_W | PTE_A | PTE_D);
        smp_mb();
        if (!cmd(h, CMD_PAGING_ON, asid, 0, 0))
            continue;
        unsigned long bits = (unsigned long)harts[h].res[0];
        unsigned long used = asid & bits;
        if (i == 0)
            smp_printf("  satp ASID bits of hart %lu: 0x%lx (ASID used: %lu)\n", h, bits, used);
        /* no fence at all: a stale translation may stay, or not (information only) */
        page_a[0] = 0xaaaa0000;
        page_b[0] = 0xbbbb0000;
        cmd(h, CMD_READ_VA, 1, 0, 0);
        l0[0] = smp_pte((uintptr_t)page_b, PTE_R | PTE_W | PTE_A | PTE_D);
        smp_mb();
        cmd(h, CMD_READ_VA, 0, 0, 0);
        if (i == 0)
            smp_printf("  without a fence hart %lu read %s (either is allowed)\n", h,
                       harts[h].res[0] == 0xaaaa0000 ? "page A: its TLB kept the old PTE" : "page B");
        for (unsigned v = 0; v < 4; v++, seq++) {
            unsigned f = seq % 3;
            unsigned long mask = f == 0 ? 1 : f == 1 ? 1UL << h : 0;
            unsigned long base = f == 0 ? h : f == 1 ? 0 : ~0UL;
            uint64_t va = 0xaaaa0000 + seq, vb = 0xbbbb0000 + seq;
            page_a[0] = va;
            page_b[0] = vb;
            l0[0] = smp_pte((uintptr_t)page_a, PTE_R | PTE_W | PTE_A | PTE_D);
            smp_mb();
            bool ok = cmd(h, CMD_READ_VA, 1, 0, 0);     /* the hart's own sfence.vma, then A */
            long ra = harts[h].res[0];
            ok = ok && cmd(h, CMD_READ_VA, 0, 0, 0);    /* A again, from its TLB now */
            ok = ok && harts[h].res[0] == ra;
            l0[0] = smp_pte((uintptr_t)page_b, PTE_R | PTE_W | PTE_A | PTE_D);
            smp_mb();
            long r;
            if (v == 0)
                r = sbi_rfence(SBI_RFENCE_SFENCE_VMA, mask, base, TEST_VA, 4096, 0);
            else if (v == 1)
                r = sbi_rfence(SBI_RFENCE_SFENCE_VMA, mask, base, 0, ~0UL, 0);
            else if (v == 2)
                r = sbi_rfence(SBI_RFENCE_SFENCE_VMA_ASID, mask, base, TEST_VA, 4096, used);
            else
                r = sbi_rfence(SBI_RFENCE_SFENCE_VMA_ASID, mask, base, 0, ~0UL, used);
            ok = ok && cmd(h, CMD_READ_VA, 0, 0, 0);
            long rb = harts[h].res[0];
            smp_check(ok && r == 0 && ra == (long)va && rb == (long)vb, "rfence-vma",
                      "hart %lu, %s, mask 0x%lx base %ld: %ld; read 0x%lx before, 0x%lx after (want 0x%lx)",
                      h, kinds[v], mask, (long)base, r, ra, rb, vb);
        }
        cmd(h, CMD_PAGING_OFF, 0, 0, 0);
    }
    long r1 = sbi_rfence(SBI_RFENCE_FENCE_I, 1, bad_id, 0, 0, 0);
    long r2 = sbi_rfence(SBI_RFENCE_SFENCE_VMA, 1, 1000, 0, ~0UL, 0);
    long r3 = sbi_rfence(SBI_RFENCE_SFENCE_VMA_ASID, 1UL << bad_id, 0, 0, ~0UL, 1);
    long r4 = sbi_rfence(SBI_RFENCE_FENCE_I, all_mask, 0, 0, 0, 0);
    smp_check(r1 == SBI_ERR_INVALID_PARAM && r2 == SBI_ERR_INVALID_PARAM && invalid_hart_answer(r3) && r4 == 0,
              "rfence-invalid", "fence.i base %lu: %ld, sfence.vma base 1000: %ld, sfence.vma.asid mask 0x%lx: %ld%s, fence.i to all (0x%lx): %ld",
              bad_id, r1, r2, 1UL << bad_id, r3,
              r3 == 0 ? " (OpenSBI 1.1 ignores absent harts in a mask)" : "", all_mask, r4);
}

/* set_timer on one hart interrupts that hart only */
static void test_timer(void)
{
    for (unsigned i = 0; i < smp_nharts; i++) {
        unsigned long h = smp_ids[i];
        if (harts[h].dead)
            continue;
        unsigned long before[SMP_MAX_HARTS];
        for (unsigned k = 0; k < smp_nharts; k++)
            before[smp_ids[k]] = smp_timer_count[smp_ids[k]];
        uint64_t deadline = rdtime() + 2 * MS;
        if (h == smp_boot_hart)
            smp_set_timer(deadline);
        else
            cmd(h, CMD_TIMER, deadline, 0, 0);
        exp_timer[h]++;
        bool got = smp_wait_eq(&smp_timer_count[h], before[h] + 1, WAIT);
        delay_ticks(3 * MS);
        bool others = true;
        for (unsigned k = 0; k < smp_nharts; k++) {
            unsigned long o = smp_ids[k];
            if (smp_timer_count[o] != before[o] + (o == h) || smp_timer_spurious[o])
                others = false;
        }
        smp_check(got && others && smp_timer_at[h] >= deadline, "timer",
                  "hart %lu: its timer interrupt %s, %lu ticks after the deadline; other harts untouched: %s",
                  h, got ? "came" : "never came", smp_timer_at[h] - deadline, others ? "yes" : "no");
    }
}

static void test_stop_restart(unsigned long h)
{
    struct hart *t = &harts[h];
    bool path;
    bool ok = cmd(h, CMD_STOP, 0, 0, 0);
    long s = wait_state(h, SBI_HSM_STATE_STOPPED,
                        1u << SBI_HSM_STATE_STARTED | 1u << SBI_HSM_STATE_STOP_PENDING, &path);
    smp_check(ok && s == SBI_HSM_STATE_STOPPED && path, "hsm-stop",
              "hart %lu: state %s (only STARTED/STOP_PENDING before: %s)", h, smp_state_name(s),
              path ? "yes" : "no");
    unsigned long n = t->entries;
    long r1 = smp_start_hart(h, 0x5eed0000UL + h);
    long r2 = smp_start_hart(h, 0xbad);     /* at once: it is START_PENDING or STARTED */
    bool in = smp_wait_eq(&t->entries, n + 1, WAIT);
    s = wait_state(h, SBI_HSM_STATE_STARTED, 1u << SBI_HSM_STATE_START_PENDING, &path);
    delay_ticks(2 * MS);
    smp_check(r1 == 0 && r2 != 0 && in && t->entries == n + 1 && t->entry_a0 == h &&
              t->entry_a1 == 0x5eed0000UL + h && s == SBI_HSM_STATE_STARTED && path,
              "hsm-restart", "hart %lu: start %ld, again at once %ld, entered %lu more time(s), a1=0x%lx, state %s",
              h, r1, r2, t->entries - n, t->entry_a1, smp_state_name(s));
    if (!in)
        t->dead = true;
}

static void test_suspend(unsigned long h)
{
    struct hart *t = &harts[h];
    char d[64];
    bool path;
    /* a reserved suspend type is refused (and the hart does not sleep) */
    bool ok = cmd(h, CMD_SUSPEND_BAD, 1, 0, 0);
    long rbad = t->res[0];
    ok = ok && cmd(h, CMD_SUSPEND_BAD, 0x80000001UL, 0, 0);
    smp_check(ok && rbad == SBI_ERR_INVALID_PARAM && t->res[0] == SBI_ERR_INVALID_PARAM,
              "hsm-suspend-invalid", "hart %lu: reserved types 0x1: %ld, 0x80000001: %ld", h, rbad, t->res[0]);

    /* retentive: the ecall returns after the waking IPI */
    unsigned long n = t->suspend_returns;
    ok = cmd(h, CMD_SUSPEND_RET, 0, 0, 0);
    long s = wait_state(h, SBI_HSM_STATE_SUSPENDED,
                        1u << SBI_HSM_STATE_STARTED | 1u << SBI_HSM_STATE_SUSPEND_PENDING, &path);
    snapshot();
    bool still = t->suspend_returns == n;
    long r = sbi_send_ipi(1, h);
    bool back = smp_wait_eq(&t->suspend_returns, n + 1, WAIT);
    bool taken = ipis_arrived(1UL << h, d, sizeof(d));
    bool path2;
    long s2 = wait_state(h, SBI_HSM_STATE_STARTED, 1u << SBI_HSM_STATE_RESUME_PENDING |
                         1u << SBI_HSM_STATE_SUSPENDED, &path2);
    smp_check(ok && s == SBI_HSM_STATE_SUSPENDED && still && r == 0 && back && t->suspend_err == 0 &&
              taken && s2 == SBI_HSM_STATE_STARTED && cmd(h, CMD_PING, 0, 0, 0),
              "hsm-suspend-retentive", "hart %lu: state %s, woken by an IPI (%ld): suspend returned %ld, IPI taken:%s, state %s",
              h, smp_state_name(s), r, t->suspend_err, d, smp_state_name(s2));

    /* non-retentive: resumes at smp_resume_entry with a0 = hart id, a1 = opaque */
    n = t->resumes;
    unsigned long fails = t->suspend_returns;
    ok = cmd(h, CMD_SUSPEND_NONRET, 0xfeed0000UL + h, 0, 0);
    s = wait_state(h, SBI_HSM_STATE_SUSPENDED,
                   1u << SBI_HSM_STATE_STARTED | 1u << SBI_HSM_STATE_SUSPEND_PENDING, &path);
    snapshot();
    still = t->resumes == n && t->suspend_returns == fails;
    r = sbi_send_ipi(1UL << h, 0);
    back = smp_wait_eq(&t->resumes, n + 1, WAIT);
    taken = ipis_arrived(1UL << h, d, sizeof(d));
    s2 = wait_state(h, SBI_HSM_STATE_STARTED, 1u << SBI_HSM_STATE_RESUME_PENDING |
                    1u << SBI_HSM_STATE_SUSPENDED, &path2);
    smp_check(ok && s == SBI_HSM_STATE_SUSPENDED && still && r == 0 && back && t->suspend_returns == fails &&
              t->resume_a0 == h && t->resume_a1 == 0xfeed0000UL + h && t->resume_satp == 0 &&
              !(t->resume_sstatus & SSTATUS_SIE) && taken && s2 == SBI_HSM_STATE_STARTED &&
              cmd(h, CMD_PING, 0, 0, 0),
              "hsm-suspend-nonretentive", "hart %lu: state %s, woken by an IPI (%ld): resumed %lu time(s) with a0=%lu a1=0x%lx satp=0x%lx SIE=%lu sip=0x%lx, the IPI taken after:%s, state %s",
              h, smp_state_name(s), r, t->resumes - n, t->resume_a0, t->resume_a1, t->resume_satp,
              (t->resume_sstatus >> 1) & 1, t->resume_sip, d, smp_state_name(s2));
}

/* an IPI pending (not taken) when the hart stops; more sent while it is
 * stopped; after a restart it runs and takes new IPIs one by one */
static void test_pending_stop(unsigned long h)
{
    struct hart *t = &harts[h];
    char d[64];
    bool path;
    t->pending_seen = 0;
    bool ok = cmd(h, CMD_PENDING_STOP, 0, 0, 0);
    snapshot();
    long r = sbi_send_ipi(1, h);
    smp_wait_eq(&t->pending_seen, 1, WAIT);
    long s = wait_state(h, SBI_HSM_STATE_STOPPED,
                        1u << SBI_HSM_STATE_STARTED | 1u << SBI_HSM_STATE_STOP_PENDING, &path);
    bool not_taken = smp_ipi_count[h] == snap[h];
    smp_check(ok && r == 0 && t->pending_seen == 1 && not_taken && s == SBI_HSM_STATE_STOPPED,
              "ipi-pending-stop", "hart %lu: IPI %ld, seen pending with interrupts off: %s, stopped with it: %s",
              h, r, t->pending_seen == 1 ? "yes" : "no", smp_state_name(s));
    long r2 = sbi_send_ipi(1UL << h, 0);
    long r3 = sbi_rfence(SBI_RFENCE_FENCE_I, 1, h, 0, 0, 0);
    long r4 = sbi_rfence(SBI_RFENCE_SFENCE_VMA, 1UL << h, 0, 0, ~0UL, 0);
    smp_check(r2 == 0 && r3 == 0 && r4 == 0, "ipi-rfence-stopped",
              "to the stopped hart %lu: IPI %ld, fence.i %ld, sfence.vma %ld", h, r2, r3, r4);
    unsigned long n = t->entries;
    long r5 = smp_start_hart(h, 0xa11ce000UL + h);
    bool in = smp_wait_eq(&t->entries, n + 1, WAIT);
    delay_ticks(2 * MS);
    bool pinged = in && cmd(h, CMD_PING, 0, 0, 0);
    smp_printf("  hart %lu restarted with %s IPI pending at entry (dropped; either is allowed)\n", h,
               (t->entry_sip & SIE_SSIE) ? "an old" : "no");
    bool fresh = true;
    for (int k = 0; k < 3; k++) {
        snapshot();
        long rr = sbi_send_ipi(1, h);
        fresh = fresh && rr == 0 && ipis_arrived(1UL << h, d, sizeof(d));
    }
    smp_check(r5 == 0 && in && pinged && t->entry_a1 == 0xa11ce000UL + h && fresh,
              "ipi-after-restart", "hart %lu: start %ld, a1=0x%lx, then 3 IPIs taken one each: %s",
              h, r5, t->entry_a1, fresh ? "yes" : "no");
    if (!in)
        t->dead = true;
}

static void test_counts(void)
{
    delay_ticks(5 * MS);
    for (unsigned i = 0; i < smp_nharts; i++) {
        unsigned long h = smp_ids[i];
        smp_check(smp_ipi_count[h] == exp_ipi[h] && smp_timer_count[h] == exp_timer[h] &&
                  !smp_timer_spurious[h], "counts",
                  "hart %lu: %lu IPIs taken (sent %lu), %lu timer interrupts (set %lu), %lu timer interrupts due to nothing",
                  h, smp_ipi_count[h], exp_ipi[h], smp_timer_count[h], exp_timer[h], smp_timer_spurious[h]);
    }
}

void smp_main(void)
{
    unsigned long h = smp_boot_hart;
    harts[h].entries = 1;
    smp_irq_on();
    for (bad_id = 0; smp_index(bad_id) >= 0; bad_id++)
        ;
    for (unsigned i = 0; i < smp_nharts; i++)
        all_mask |= 1UL << smp_ids[i];
    smp_write_li_ret(code_buf, 1);
    fence_i();

    test_discovery();
    test_hsm_start();
    test_ipi();
    test_rfence_i();
    test_rfence_vma();
    test_timer();
    if (smp_nharts > 1) {
        unsigned long first = secondary(0), last = secondary(smp_nharts - 2);
        test_stop_restart(first);
        test_suspend(first);
        if (smp_nharts > 2 && last != first)
            test_suspend(last);
        test_pending_stop(last);
        /* IPIs to everyone still work after all that */
        ipi_case("ipi-all-end", 0, ~0UL, all_mask);
    } else {
        smp_printf("one hart: no HSM, IPI or fence checks across harts\n");
    }
    test_counts();
}
