/* A bounded SMP stress run: every hart at once, for `rounds` rounds (bootargs
 * "rounds=N", default 2000):
 *   phase 1, a ring: each round hart i sends one IPI to hart i+1 and waits
 *   until it is taken, then makes a change hart i+1 must see through a remote
 *   fence: new code in its buffer (remote fence.i; even rounds) or its page's
 *   PTE moved to the other of two pages (remote sfence.vma, by range, all,
 *   ASID range, ASID all in turn; odd rounds), and waits until hart i+1 has
 *   run the new code / read the new page. Only hart i sends to hart i+1 and
 *   never before the last IPI was taken, so every interrupt must carry exactly
 *   one message: none lost, none doubled.
 *   phase 2, all to all: for rounds/4 rounds each hart sends to every other
 *   hart in turn (message bits + IPI, waiting for each to be taken); several
 *   senders hit one hart at once, so pending bits may merge: every message must
 *   arrive exactly once, an interrupt may carry several or (after a merge) none.
 * Hart i+1 keeps the translation and code of the previous round, so a fence
 * that does not reach it shows as a stale value. All harts run Sv39 with one
 * ASID over an identity map of RAM. Ends with "STRESS rounds=.. ipis=..
 * fences=.." and "SMP-SUMMARY pass=N fail=M", then SRST shutdown. */
#include "smp/smp.h"

#define WAIT (5 * TIMEBASE_HZ)          /* any one wait: longer means a lost IPI or fence */
#define STRESS_VA 0x40000000UL          /* + i * 4 KiB: hart i's page, seen by hart i+1 */
#define ASID 7UL
/* a wait spins SPINS times, then sleeps in WFI (woken by any interrupt, at
 * the latest by its timer RELAX ticks on): a hart that waits for another
 * leaves it the host CPU */
#define SPINS spins
static unsigned long spins = SMP_SPINS;
#define RELAX SMP_RELAX_TICKS

struct hstate {
    volatile unsigned long msg;                     /* message bits (sender index), swapped by the handler */
    volatile unsigned long got[SMP_MAX_HARTS];      /* messages taken, per sender index */
    volatile unsigned long irqs, empty;             /* interrupts taken; ones with no message */
    volatile unsigned long sent[SMP_MAX_HARTS];     /* messages sent, per target index */
    volatile unsigned long fence_gen, fence_kind;   /* this hart's last change, posted to i+1 */
    volatile unsigned long fence_ack;               /* written by i+1: the change it has seen */
    volatile unsigned long seen_gen;                /* the last change of i-1 this hart checked */
    unsigned long fences_seen, fence_bad, sbi_bad;
    unsigned long ring_irqs, ring_empty, ring_got;  /* at the end of phase 1 */
    volatile unsigned long started;
} __attribute__((aligned(64)));

static struct hstate hs[SMP_MAX_HARTS];             /* index: hart index, not id */
static volatile uint32_t code[SMP_MAX_HARTS][16] __attribute__((aligned(64)));
static volatile uint64_t pages[SMP_MAX_HARTS][2][512] __attribute__((aligned(4096)));
static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static unsigned idx_of[SMP_MAX_HARTS];
static unsigned long rounds, a2a_rounds, asid_used;
static volatile unsigned long barrier_count;
static uint64_t phase_end[SMP_MAX_HARTS];
static volatile unsigned long aborted;              /* a wait ran out: everyone stops */
static volatile int abort_lock;

enum { KIND_FENCE_I = 1, KIND_VMA };

static void ipi_hook(unsigned long hartid)
{
    struct hstate *me = &hs[idx_of[hartid]];
    unsigned long m = __atomic_exchange_n(&me->msg, 0, __ATOMIC_SEQ_CST);
    me->irqs++;
    if (!m)
        me->empty++;
    for (unsigned b = 0; m; b++, m >>= 1)
        if (m & 1)
            me->got[b]++;
}

static void give_up(unsigned i, const char *what, unsigned long a, unsigned long b)
{
    smp_lock(&abort_lock);
    if (!aborted)
        smp_printf("hart %lu: %s (%lu, %lu): stopping the run\n", smp_ids[i], what, a, b);
    aborted = 1;
    smp_unlock(&abort_lock);
}

/* check the last change of hart i-1, if there is a new one */
static void service(unsigned i)
{
    unsigned p = (i + smp_nharts - 1) % smp_nharts;
    struct hstate *me = &hs[i], *prev = &hs[p];
    unsigned long g = prev->fence_gen;
    if (g == me->seen_gen)
        return;
    smp_mb();
    unsigned long kind = prev->fence_kind, v, want;
    if (kind == KIND_FENCE_I) {
        v = (unsigned long)((long (*)(void))(uintptr_t)code[p])();
        want = g & 0x7ff;
    } else {
        v = *(volatile uint64_t *)(STRESS_VA + p * 4096UL);
        want = g;
    }
    if (v != want && me->fence_bad++ < 3)
        smp_printf("hart %lu: after %s number %lu from hart %lu it %s %lu, not %lu\n", smp_ids[i],
                   kind == KIND_FENCE_I ? "remote fence.i" : "remote sfence.vma", g, smp_ids[p],
                   kind == KIND_FENCE_I ? "ran code returning" : "read", v, want);
    me->fences_seen++;
    me->seen_gen = g;
    smp_mb();
    prev->fence_ack = g;
}

/* wait (serving hart i-1) until *p == want */
static bool wait_for(unsigned i, volatile unsigned long *p, unsigned long want, const char *what)
{
    uint64_t end = rdtime() + WAIT;
    for (unsigned long n = 0; *p != want; n++) {
        service(i);
        if (aborted)
            return false;
        if (rdtime() > end) {
            give_up(i, what, *p, want);
            return false;
        }
        if (n >= SPINS)
            smp_relax(RELAX);
    }
    return true;
}

static void barrier(unsigned i, unsigned long n)
{
    __atomic_fetch_add(&barrier_count, 1, __ATOMIC_SEQ_CST);
    uint64_t end = rdtime() + WAIT * 4;
    for (unsigned long k = 0; barrier_count < n * smp_nharts && !aborted; k++) {
        service(i);
        if (rdtime() > end)
            give_up(i, "barrier", barrier_count, n * smp_nharts);
        if (k >= SPINS)
            smp_relax(RELAX);
    }
}

static void sbi_ok(unsigned i, long err, const char *what)
{
    if (err && hs[i].sbi_bad++ < 3)
        smp_printf("hart %lu: %s answered %ld\n", smp_ids[i], what, err);
}

/* one message from hart index i to hart index t; mask form by `form` */
static bool send_msg(unsigned i, unsigned t, unsigned form)
{
    unsigned long id = smp_ids[t], n = ++hs[i].sent[t];
    __atomic_fetch_or(&hs[t].msg, 1UL << i, __ATOMIC_SEQ_CST);
    unsigned long base = form == 0 ? id : form == 1 ? 0 : (id ? id - 1 : 0);
    sbi_ok(i, sbi_send_ipi(1UL << (id - base), base), "send_ipi");
    return wait_for(i, &hs[t].got[i], n, "IPI not taken");
}

static void ring_round(unsigned i, unsigned long r)
{
    unsigned nx = (i + 1) % smp_nharts;
    unsigned long id = smp_ids[nx];
    if (!send_msg(i, nx, r % 3))
        return;
    unsigned long g = r + 1, form = (r / 2) % 3;
    unsigned long mask = form == 0 ? 1 : form == 1 ? 1UL << id : 0;
    unsigned long base = form == 0 ? id : form == 1 ? 0 : ~0UL;
    if (r % 2 == 0) {
        smp_write_li_ret(code[i], (int)(g & 0x7ff));
        smp_mb();
        sbi_ok(i, sbi_rfence(SBI_RFENCE_FENCE_I, mask, base, 0, 0, 0), "remote_fence_i");
        hs[i].fence_kind = KIND_FENCE_I;
    } else {
        unsigned pg = (g / 2) & 1;
        uint64_t va = STRESS_VA + i * 4096UL;
        pages[i][pg][0] = g;
        l0[i] = smp_pte((uintptr_t)pages[i][pg], PTE_R | PTE_W | PTE_A | PTE_D);
        smp_mb();
        long e;
        switch ((r / 2) % 4) {
        case 0: e = sbi_rfence(SBI_RFENCE_SFENCE_VMA, mask, base, va, 4096, 0); break;
        case 1: e = sbi_rfence(SBI_RFENCE_SFENCE_VMA, mask, base, 0, ~0UL, 0); break;
        case 2: e = sbi_rfence(SBI_RFENCE_SFENCE_VMA_ASID, mask, base, va, 4096, asid_used); break;
        default: e = sbi_rfence(SBI_RFENCE_SFENCE_VMA_ASID, mask, base, 0, ~0UL, asid_used); break;
        }
        sbi_ok(i, e, "remote_sfence_vma");
        hs[i].fence_kind = KIND_VMA;
    }
    smp_mb();
    hs[i].fence_gen = g;
    wait_for(i, &hs[i].fence_ack, g, "fence not seen");
}

static void paging_on(void)
{
    uint64_t ppn = (uintptr_t)root >> 12;
    csr_write(satp, SATP_SV39 | asid_used << 44 | ppn);
    sfence_vma_all();
}

static void stress(unsigned i)
{
    struct hstate *me = &hs[i];
    paging_on();
    smp_irq_on();
    barrier(i, 1);
    /* phase 1: the ring */
    for (unsigned long r = 0; r < rounds && !aborted; r++)
        ring_round(i, r);
    barrier(i, 2);
    phase_end[i] = rdtime();
    me->ring_irqs = me->irqs;
    me->ring_empty = me->empty;
    me->ring_got = me->got[(i + smp_nharts - 1) % smp_nharts];
    barrier(i, 3);
    /* phase 2: all to all */
    for (unsigned long r = 0; r < a2a_rounds && !aborted; r++)
        for (unsigned k = 1; k < smp_nharts && !aborted; k++)
            send_msg(i, (i + k) % smp_nharts, r % 3);
    barrier(i, 4);
}

void hart_main(unsigned long hartid, unsigned long opaque)
{
    (void)opaque;
    hs[idx_of[hartid]].started = 1;
    stress(idx_of[hartid]);
    smp_irq_off();
    for (;;)
        __asm__ volatile("wfi");
}

void hart_resume(unsigned long hartid, unsigned long opaque)
{
    hart_main(hartid, opaque);
}

void smp_main(void)
{
    rounds = smp_bootarg("rounds", 2000);
    spins = smp_bootarg("spins", spins);
    a2a_rounds = rounds / 4 ? rounds / 4 : 1;
    for (unsigned i = 0; i < smp_nharts; i++) {
        idx_of[smp_ids[i]] = i;
        smp_write_li_ret(code[i], 0);
        pages[i][0][0] = pages[i][1][0] = 0;
        l0[i] = smp_pte((uintptr_t)pages[i][0], PTE_R | PTE_W | PTE_A | PTE_D);
    }
    fence_i();
    root[2] = smp_pte(0x80000000UL, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);   /* identity over RAM */
    root[1] = smp_pte((uintptr_t)l1, 0);
    l1[0] = smp_pte((uintptr_t)l0, 0);
    /* the ASID bits this hart has (all harts alike) */
    csr_write(satp, SATP_SV39 | 0xffffUL << 44 | (uintptr_t)root >> 12);
    asid_used = ASID & ((csr_read(satp) >> 44) & 0xffff);
    csr_write(satp, 0);
    sfence_vma_all();
    smp_ipi_hook = ipi_hook;
    smp_printf("STRESS start: %u harts, %lu ring rounds, %lu all-to-all rounds, ASID %lu\n",
               smp_nharts, rounds, a2a_rounds, asid_used);

    unsigned me = idx_of[smp_boot_hart];
    hs[me].started = 1;
    bool started = true;
    for (unsigned i = 0; i < smp_nharts; i++) {
        if (i == me)
            continue;
        long e = smp_start_hart(smp_ids[i], 0);
        if (e || !smp_wait_eq(&hs[i].started, 1, WAIT)) {
            smp_printf("hart %lu did not start (%ld)\n", smp_ids[i], e);
            started = false;
        }
    }
    smp_check(started, "stress-start", "%u harts running", smp_nharts);
    if (!started)
        return;
    uint64_t t0 = rdtime();
    stress(me);
    uint64_t t1 = rdtime();
    smp_irq_off();
    csr_write(satp, 0);
    sfence_vma_all();
    delay_ticks(TIMEBASE_HZ / 200);     /* a late duplicate interrupt would show now */

    smp_check(!aborted, "stress-complete", "every hart finished every round in time (%lu ms)",
              (unsigned long)((t1 - t0) / (TIMEBASE_HZ / 1000)));
    unsigned long ipis = 0, fences = 0;
    for (unsigned i = 0; i < smp_nharts; i++) {
        struct hstate *h = &hs[i];
        unsigned p = (i + smp_nharts - 1) % smp_nharts;
        /* the ring: from hart i-1 only, one interrupt per message */
        unsigned long a2a_sent_to_me = 0, a2a_got = 0;
        for (unsigned s = 0; s < smp_nharts; s++) {
            unsigned long sent = hs[s].sent[i];
            ipis += hs[s].sent[i];
            if (s == p)
                sent -= rounds;             /* the ring's share of what i-1 sent */
            a2a_sent_to_me += sent;
            a2a_got += h->got[s] - (s == p ? rounds : 0);
        }
        fences += h->fences_seen;
        smp_check(h->ring_got == rounds && h->ring_irqs == rounds && h->ring_empty == 0, "stress-ring-ipi",
                  "hart %lu: %lu of %lu ring IPIs from hart %lu taken, in %lu interrupts, %lu without a message",
                  smp_ids[i], h->ring_got, rounds, smp_ids[p], h->ring_irqs, h->ring_empty);
        bool exact = true;
        for (unsigned s = 0; s < smp_nharts; s++)
            if (h->got[s] != hs[s].sent[i])
                exact = false;
        smp_check(exact && smp_ipi_count[smp_ids[i]] == h->irqs, "stress-a2a-ipi",
                  "hart %lu: %lu of %lu all-to-all messages taken exactly once, in %lu interrupts (%lu merged away, %lu empty)",
                  smp_ids[i], a2a_got, a2a_sent_to_me, h->irqs - h->ring_irqs,
                  a2a_got - (h->irqs - h->ring_irqs - (h->empty - h->ring_empty)), h->empty - h->ring_empty);
        smp_check(h->fences_seen == rounds && h->fence_bad == 0 && h->sbi_bad == 0, "stress-fence",
                  "hart %lu: saw %lu of %lu remote fences from hart %lu take effect, %lu stale, %lu SBI errors",
                  smp_ids[i], h->fences_seen, rounds, smp_ids[p], h->fence_bad, h->sbi_bad);
    }
    smp_printf("STRESS rounds=%lu ipis=%lu fences=%lu harts=%u ms=%lu (ring %lu, all-to-all %lu)\n",
               rounds, ipis, fences, smp_nharts, (unsigned long)((t1 - t0) / (TIMEBASE_HZ / 1000)),
               (unsigned long)((phase_end[me] - t0) / (TIMEBASE_HZ / 1000)),
               (unsigned long)((t1 - phase_end[me]) / (TIMEBASE_HZ / 1000)));
}
