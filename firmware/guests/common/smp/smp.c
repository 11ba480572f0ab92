/* Runtime of the SMP test guests: SBI calls, a console every hart can write
 * to, per-hart interrupt counts, and the harts found in the device tree. */
#include "smp.h"

unsigned smp_nharts;
unsigned long smp_ids[SMP_MAX_HARTS];
unsigned long smp_boot_hart;
const char *smp_hart_source = "none";
const char *smp_bootargs = "";
long smp_impl_id, smp_impl_version, smp_spec_version;
bool smp_on_opensbi;

volatile unsigned long smp_ipi_count[SMP_MAX_HARTS];
volatile unsigned long smp_timer_count[SMP_MAX_HARTS];
volatile uint64_t smp_timer_at[SMP_MAX_HARTS];
void (*volatile smp_ipi_hook)(unsigned long hartid);
bool (*volatile smp_trap_hook)(unsigned long hartid, struct trap_frame *f);
volatile unsigned smp_pass, smp_fail;

struct sbiret sbi_call(uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2,
                       uint64_t a3, uint64_t a4)
{
    register uint64_t r0 __asm__("a0") = a0;
    register uint64_t r1 __asm__("a1") = a1;
    register uint64_t r2 __asm__("a2") = a2;
    register uint64_t r3 __asm__("a3") = a3;
    register uint64_t r4 __asm__("a4") = a4;
    register uint64_t r6 __asm__("a6") = fid;
    register uint64_t r7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
                     : "memory");
    return (struct sbiret){ (long)r0, (long)r1 };
}

/* ---- console ------------------------------------------------------------ */

static bool have_dbcn;
static volatile int console_lock;

struct outbuf {
    char b[200];
    unsigned n;
};

static void out_write(const char *s, unsigned n)
{
    if (!n)
        return;
    if (have_dbcn) {
        /* the buffer is on this hart's stack: identity-mapped RAM, so its
         * virtual address is its (guest-)physical one even under paging */
        sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, n, (uintptr_t)s, 0, 0, 0);
    } else {
        for (unsigned i = 0; i < n; i++)
            sbi_call(SBI_EXT_LEGACY_CONSOLE_PUTCHAR, 0, (uint8_t)s[i], 0, 0, 0, 0);
    }
}

static void ob_putc(struct outbuf *o, char c)
{
    if (o->n == sizeof(o->b)) {
        out_write(o->b, o->n);      /* only with the lock held (see vprint) */
        o->n = 0;
    }
    o->b[o->n++] = c;
}

static void ob_num(struct outbuf *o, uint64_t v, unsigned base, int width, char pad)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    for (; n < width; width--)
        ob_putc(o, pad);
    while (n)
        ob_putc(o, tmp[--n]);
}

static void vformat(struct outbuf *o, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            ob_putc(o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + *fmt++ - '0';
        while (*fmt == 'l')
            lng = 1, fmt++;
        switch (*fmt) {
        case 'd': {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0)
                ob_putc(o, '-'), v = -v;
            ob_num(o, (uint64_t)v, 10, width, pad);
            break;
        }
        case 'u': ob_num(o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, pad); break;
        case 'x': ob_num(o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, pad); break;
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) ob_putc(o, *s); break;
        case 'c': ob_putc(o, (char)va_arg(ap, int)); break;
        case '\0': fmt--; break;
        default: ob_putc(o, *fmt); break;
        }
    }
}

static void vprint(const char *prefix, const char *fmt, va_list ap, bool newline)
{
    struct outbuf o;
    o.n = 0;
    /* the lock is held while formatting so an overlong piece flushes in order */
    smp_lock(&console_lock);
    for (const char *p = prefix; *p; p++)
        ob_putc(&o, *p);
    vformat(&o, fmt, ap);
    if (newline)
        ob_putc(&o, '\n');
    out_write(o.b, o.n);
    smp_unlock(&console_lock);
}

void smp_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint("", fmt, ap, false);
    va_end(ap);
}

void smp_check(bool ok, const char *name, const char *fmt, ...)
{
    char prefix[64];
    unsigned n = 0;
    for (const char *p = "CHECK "; *p; p++)
        prefix[n++] = *p;
    for (const char *p = name; *p && n < sizeof(prefix) - 8; p++)
        prefix[n++] = *p;
    for (const char *p = ok ? " ok " : " FAIL "; *p; p++)
        prefix[n++] = *p;
    prefix[n] = 0;
    __atomic_fetch_add(ok ? &smp_pass : &smp_fail, 1, __ATOMIC_RELAXED);
    va_list ap;
    va_start(ap, fmt);
    vprint(prefix, fmt, ap, true);
    va_end(ap);
}

static void shutdown(bool pass) __attribute__((noreturn));
static void shutdown(bool pass)
{
    sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_SHUTDOWN,
             pass ? SBI_SRST_REASON_NONE : SBI_SRST_REASON_FAILURE, 0, 0, 0);
    sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0);
    for (;;)
        __asm__ volatile("wfi");
}

void smp_finish(void)
{
    unsigned p = smp_pass, f = smp_fail;
    smp_printf("SMP-SUMMARY pass=%u fail=%u\n", p, f);
    shutdown(f == 0 && p > 0);
}

/* The one SBI timer of each hart serves two: the guest's own deadline
 * (smp_set_timer; its interrupts count in smp_timer_count) and the wake-up of
 * smp_relax. The timer holds the earlier of the two; its handler works out
 * which came due (an interrupt with neither due counts in smp_timer_spurious). */
static volatile uint64_t relax_until[SMP_MAX_HARTS];   /* 0: none */
static volatile uint64_t user_deadline[SMP_MAX_HARTS]; /* 0: none */
static volatile uint64_t programmed[SMP_MAX_HARTS];    /* what the SBI timer holds */
volatile unsigned long smp_timer_spurious[SMP_MAX_HARTS];
volatile bool smp_relax_off;

/* with interrupts off (or in the handler) */
static void timer_program(unsigned long h, bool force)
{
    uint64_t next = ~0UL;
    if (user_deadline[h])
        next = user_deadline[h];
    if (relax_until[h] && relax_until[h] < next)
        next = relax_until[h];
    if (force || next != programmed[h]) {
        programmed[h] = next;
        sbi_set_timer(next);
    }
}

static uint64_t irq_save(void)
{
    uint64_t was = csr_read(sstatus) & SSTATUS_SIE;
    csr_clear(sstatus, SSTATUS_SIE);
    return was;
}

void smp_set_timer(uint64_t deadline)
{
    unsigned long h = smp_hartid();
    uint64_t was = irq_save();
    user_deadline[h] = deadline == ~0UL ? 0 : deadline ? deadline : 1;
    timer_program(h, true);
    csr_set(sstatus, was);
}

void smp_timer_quiet(void)
{
    unsigned long h = smp_hartid();
    uint64_t was = irq_save();
    user_deadline[h] = relax_until[h] = 0;
    timer_program(h, true);
    csr_set(sstatus, was);
}

void smp_relax(uint64_t ticks)
{
    if (smp_relax_off)
        return;
    unsigned long h = smp_hartid();
    /* interrupts off from the check to the WFI: one that comes in between
     * stays pending and ends the WFI at once (WFI ends for an interrupt
     * enabled in sie whatever sstatus.SIE says), so the timer's handler
     * cannot use up the wake-up just before the hart sleeps */
    uint64_t was = irq_save();
    csr_set(sie, SIE_STIE);             /* WFI ends only for interrupts enabled here */
    uint64_t now = rdtime();
    if (!relax_until[h] || relax_until[h] > now + ticks) {
        relax_until[h] = now + ticks;
        timer_program(h, false);
    }
    __asm__ volatile("wfi" ::: "memory");
    csr_set(sstatus, was);
}

void delay_ticks(uint64_t ticks)
{
    uint64_t end = rdtime() + ticks;
    for (uint64_t now; (now = rdtime()) < end;)
        smp_relax(end - now < SMP_RELAX_TICKS ? end - now : SMP_RELAX_TICKS);
}

/* every hart's first step (smp_start.S): no timer yet */
void smp_hart_init(void);
void smp_hart_init(void)
{
    unsigned long h = smp_hartid();
    user_deadline[h] = relax_until[h] = 0;
    timer_program(h, true);
}

/* ---- traps -------------------------------------------------------------- */

void smp_trap(struct trap_frame *f);
void smp_trap(struct trap_frame *f)
{
    unsigned long h = smp_hartid();
    if (f->cause == (SCAUSE_IRQ | 1)) {
        csr_clear(sip, SIE_SSIE);
        __atomic_fetch_add(&smp_ipi_count[h], 1, __ATOMIC_SEQ_CST);
        if (smp_ipi_hook)
            smp_ipi_hook(h);
        return;
    }
    if (f->cause == (SCAUSE_IRQ | 5)) {
        uint64_t now = rdtime();
        bool due = false;
        if (relax_until[h] && now >= relax_until[h])
            relax_until[h] = 0, due = true;
        if (user_deadline[h] && now >= user_deadline[h]) {
            user_deadline[h] = 0;
            due = true;
            smp_timer_at[h] = now;
            __atomic_fetch_add(&smp_timer_count[h], 1, __ATOMIC_SEQ_CST);
        }
        if (!due)
            __atomic_fetch_add(&smp_timer_spurious[h], 1, __ATOMIC_SEQ_CST);
        timer_program(h, true);         /* the next one, or none: clears the pending timer */
        return;
    }
    if (smp_trap_hook && smp_trap_hook(h, f))
        return;
    /* no lock wait here: the trap may have come with the lock held */
    console_lock = 0;
    smp_printf("hart %lu: unexpected trap: scause 0x%lx sepc 0x%lx stval 0x%lx\n",
               h, f->cause, f->epc, f->tval);
    __atomic_fetch_add(&smp_fail, 1, __ATOMIC_RELAXED);
    smp_finish();
}

/* ---- helpers ------------------------------------------------------------ */

long smp_hart_state(unsigned long hartid)
{
    struct sbiret r = sbi_hart_status(hartid);
    return r.error ? r.error : r.value;
}

const char *smp_state_name(long s)
{
    static const char *const names[] = { "STARTED", "STOPPED", "START_PENDING", "STOP_PENDING",
                                         "SUSPENDED", "SUSPEND_PENDING", "RESUME_PENDING" };
    if (s >= 0 && s < 7)
        return names[s];
    if (s == SBI_ERR_INVALID_PARAM)
        return "INVALID_PARAM";
    return s < 0 ? "error" : "unknown";
}

bool smp_wait_eq(volatile unsigned long *p, unsigned long want, uint64_t ticks)
{
    uint64_t end = rdtime() + ticks;
    for (unsigned n = 0; *p != want; n++) {
        if (rdtime() > end)
            return *p == want;
        if (n >= SMP_SPINS)
            smp_relax(SMP_RELAX_TICKS);
    }
    return true;
}

int smp_index(unsigned long hartid)
{
    for (unsigned i = 0; i < smp_nharts; i++)
        if (smp_ids[i] == hartid)
            return (int)i;
    return -1;
}

static bool streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

unsigned long smp_bootarg(const char *key, unsigned long dflt)
{
    for (const char *p = smp_bootargs; *p;) {
        while (*p == ' ')
            p++;
        const char *k = key, *q = p;
        while (*k && *q == *k)
            k++, q++;
        if (!*k && *q == '=') {
            unsigned long v = 0;
            for (q++; *q >= '0' && *q <= '9'; q++)
                v = v * 10 + (unsigned long)(*q - '0');
            return v;
        }
        while (*p && *p != ' ')
            p++;
    }
    return dflt;
}

/* ---- device tree: /cpus/cpu@N (device_type "cpu", status okay) and
 * /chosen/bootargs -------------------------------------------------------- */

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void add_hart(unsigned long id)
{
    if (id >= SMP_MAX_HARTS || smp_nharts == SMP_MAX_HARTS || smp_index(id) >= 0)
        return;
    unsigned i = smp_nharts++;
    while (i && smp_ids[i - 1] > id) {      /* keep them sorted */
        smp_ids[i] = smp_ids[i - 1];
        i--;
    }
    smp_ids[i] = id;
}

static unsigned dtb_cpus_ignored;

static bool parse_dtb(const void *dtb)
{
    const uint8_t *base = dtb;
    if (!dtb || ((uintptr_t)dtb & 3) || be32(base) != 0xd00dfeed)
        return false;
    const uint8_t *st = base + be32(base + 8);
    const char *strs = (const char *)base + be32(base + 12);
    uint32_t size = be32(base + 36);
    const uint8_t *end = st + size;
    int depth = 0;
    bool in_cpus = false, in_chosen = false;
    bool cpu_type = false, cpu_ok = true;
    unsigned long cpu_reg = ~0UL;
    const uint8_t *p = st;
    while (p + 4 <= end) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == 1) {             /* FDT_BEGIN_NODE */
            const char *name = (const char *)p;
            unsigned len = 0;
            while (name[len])
                len++;
            p += (len + 4) & ~3u;
            depth++;
            if (depth == 2) {
                in_cpus = streq(name, "cpus");
                in_chosen = streq(name, "chosen");
            }
            if (depth == 3 && in_cpus) {
                cpu_type = false;
                cpu_ok = true;
                cpu_reg = ~0UL;
            }
        } else if (tok == 2) {      /* FDT_END_NODE */
            if (depth == 3 && in_cpus && cpu_type) {
                if (cpu_ok && cpu_reg < SMP_MAX_HARTS)
                    add_hart(cpu_reg);
                else
                    dtb_cpus_ignored++;
            }
            if (depth == 2)
                in_cpus = in_chosen = false;
            depth--;
        } else if (tok == 3) {      /* FDT_PROP: len, nameoff, value */
            uint32_t len = be32(p), nameoff = be32(p + 4);
            const char *val = (const char *)p + 8;
            const char *pname = strs + nameoff;
            p += 8 + ((len + 3) & ~3u);
            if (depth == 3 && in_cpus) {
                if (streq(pname, "device_type"))
                    cpu_type = streq(val, "cpu");
                else if (streq(pname, "status"))
                    cpu_ok = streq(val, "okay") || streq(val, "ok");
                else if (streq(pname, "reg"))
                    cpu_reg = len == 8 ? (uint64_t)be32(val) << 32 | be32(val + 4)
                                       : len == 4 ? be32(val) : ~0UL;
            } else if (depth == 2 && in_chosen && streq(pname, "bootargs") && len) {
                smp_bootargs = val;
            }
        } else if (tok == 4) {      /* FDT_NOP */
            continue;
        } else {                    /* FDT_END or garbage */
            break;
        }
    }
    return smp_nharts > 0;
}

/* ---- boot --------------------------------------------------------------- */

void smp_boot(unsigned long hartid, const void *dtb) __attribute__((noreturn));
void smp_boot(unsigned long hartid, const void *dtb)
{
    smp_boot_hart = hartid;
    have_dbcn = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, SBI_EXT_DBCN, 0, 0, 0, 0).value > 0;
    smp_spec_version = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0).value;
    smp_impl_id = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0, 0, 0).value;
    smp_impl_version = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION, 0, 0, 0, 0, 0).value;
    smp_on_opensbi = smp_impl_id == SBI_IMPL_ID_OPENSBI;
    smp_hart_init();
    if (parse_dtb(dtb)) {
        smp_hart_source = "dtb";
    } else {
        smp_nharts = 0;
        for (unsigned long id = 0; id < SMP_MAX_HARTS; id++)
            if (sbi_hart_status(id).error == 0)
                add_hart(id);
        smp_hart_source = "hsm";
    }
    char ids[3 * SMP_MAX_HARTS + 1];
    unsigned n = 0;
    for (unsigned i = 0; i < smp_nharts; i++) {     /* ids < 8: one digit each */
        if (i)
            ids[n++] = ',';
        ids[n++] = (char)('0' + smp_ids[i]);
    }
    ids[n] = 0;
    smp_printf("SMP guest: boot hart %lu, %u harts from the %s (%s%s), SBI spec 0x%lx impl %ld version 0x%lx, console %s\n",
               hartid, smp_nharts, smp_hart_source, ids, dtb_cpus_ignored ? ", some cpus ignored" : "",
               smp_spec_version, smp_impl_id, smp_impl_version, have_dbcn ? "DBCN" : "legacy putchar");
    smp_main();
    smp_finish();
}
