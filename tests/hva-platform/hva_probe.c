/* hva_probe: a bare-metal M-mode program for the HVA platform (QEMU
 * -M virt,hva=on -bios none -kernel hva_probe.elf, the simulator behind the
 * device). It finds the HVA in the device tree QEMU made, as the hypervisor
 * does, and checks the device end to end:
 *   - the node: compatible, reg (the whole register map), interrupts, guest lines
 *   - ID and capabilities read back as the RTL's parameters (hva_top defaults)
 *   - translations through the registers give the golden model's answers,
 *     and the walker's A-bit update lands in the machine's RAM
 *   - a VIC claim is a read with a side effect; the VIC guest line drives
 *     hgeip; the VIC's hypervisor line reaches the PLIC; the UART's wire
 *     reaches the VIC's sources
 *   - an unmapped register answers with a bus error (load access fault)
 *   - wall time per register access (CLINT mtime, 10 MHz)
 * Prints "hva-probe: PASS" and ends QEMU with status 0, or "FAIL ..." and 1. */
#include <stdbool.h>
#include <stdint.h>

#include "fdt_min.h"
#include "hva/hva.h"
#include "hva_regs.h"
#include "util.h"
#include "vic_model/vic_layout.h"
#include "xlate/xlate.h"

#define UART_BASE   0x10000000ul
#define TEST_BASE   0x100000ul          /* sifive_test: 0x5555 pass, code << 16 | 0x3333 fail */
#define CLINT_MTIME 0x200bff8ul
#define PLIC_PENDING 0x0c001000ul
#define RAM_BASE    0x80000000ull
#define CSR_HGEIP   0xe12

/* RTL parameters of hva_top (rtl/hva/hva_top.sv defaults) */
#define EXP_TLB 16
#define EXP_TLB_WAYS 4
#define EXP_GTLB 16
#define EXP_GTLB_WAYS 4
#define EXP_PWC 8
#define EXP_GUESTS 4
#define EXP_IDS 32
#define EXP_SOURCES 32

static int failures;
static uintptr_t hva_base;

/* the trap handler's state (probe_start.S): one expected fault is skipped */
struct trap_save {
    uint64_t t1, t2;
    uint32_t expect, pad;
    uint64_t cause;
};
volatile struct trap_save probe_trap_save;

static void putc_(char c)
{
    volatile uint8_t *u = (volatile uint8_t *)UART_BASE;
    while (!(u[5] & 0x20))
        ;
    u[0] = (uint8_t)c;
}

static void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

static void putu(uint64_t v, unsigned base)
{
    char b[24];
    int n = 0;
    do {
        b[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n)
        putc_(b[--n]);
}

static void hex(uint64_t v)
{
    puts_("0x");
    putu(v, 16);
}

static __attribute__((noreturn)) void finish(void)
{
    volatile uint32_t *t = (volatile uint32_t *)TEST_BASE;
    puts_(failures ? "hva-probe: FAIL\n" : "hva-probe: PASS\n");
    *t = failures ? (1u << 16 | 0x3333) : 0x5555;
    for (;;)
        ;
}

void probe_trap_report(uint64_t cause, uint64_t epc, uint64_t tval)
{
    puts_("hva-probe: FAIL unexpected trap mcause ");
    hex(cause);
    puts_(" mepc ");
    hex(epc);
    puts_(" mtval ");
    hex(tval);
    putc_('\n');
    failures++;
    finish();
}

static void check(bool ok, const char *what, uint64_t got, uint64_t want)
{
    puts_(ok ? "hva-probe: ok   " : "hva-probe: FAIL ");
    puts_(what);
    puts_(": ");
    hex(got);
    if (!ok) {
        puts_(" (want ");
        hex(want);
        putc_(')');
    }
    putc_('\n');
    failures += !ok;
}

/* got is evaluated once: a register read may have side effects (a claim) */
#define CHECK_EQ(what, got, want)                                  \
    do {                                                           \
        uint64_t got_ = (uint64_t)(got), want_ = (uint64_t)(want); \
        check(got_ == want_, what, got_, want_);                   \
    } while (0)

static uint32_t rd32(uint32_t off)
{
    return *(volatile uint32_t *)(hva_base + off);
}

static void wr32(uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(hva_base + off) = v;
}

static uint32_t io_rd(void *ctx, uint32_t off)
{
    (void)ctx;
    return rd32(off);
}

static void io_wr(void *ctx, uint32_t off, uint32_t v)
{
    (void)ctx;
    wr32(off, v);
}

static uint64_t mtime(void)
{
    return *(volatile uint64_t *)CLINT_MTIME;
}

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t csr_hgeip(void)
{
    uint64_t v;
    __asm__ volatile("csrr %0, 0xe12" : "=r"(v));
    return v;
}

/* ---- the device tree node ------------------------------------------------ */
static uint32_t guest_line_first;

static void check_node(const void *dtb)
{
    uint32_t len = 0;
    const uint8_t *reg = fdt_find_compatible_property(dtb, "chipvisor,hva", "reg", &len);
    if (!reg || len != 16) {
        puts_("hva-probe: FAIL no chipvisor,hva node with a 2+2-cell reg in the device tree\n");
        failures++;
        finish();
    }
    uint64_t base = (uint64_t)be32(reg) << 32 | be32(reg + 4);
    uint64_t size = (uint64_t)be32(reg + 8) << 32 | be32(reg + 12);
    CHECK_EQ("node reg base", base, 0x10200000);
    CHECK_EQ("node reg size = HVA_REGS_SIZE", size, HVA_REGS_SIZE);
    hva_base = (uintptr_t)base;

    const uint8_t *irq = fdt_find_compatible_property(dtb, "chipvisor,hva", "interrupts", &len);
    CHECK_EQ("node interrupts (PLIC: 2 cells)", irq ? len : 0, 8);
    if (irq && len == 8) {
        CHECK_EQ("interrupt 0 (hva)", be32(irq), 12);
        CHECK_EQ("interrupt 1 (vic)", be32(irq + 4), 13);
    }
    const uint8_t *gl = fdt_find_compatible_property(dtb, "chipvisor,hva", "chipvisor,guest-lines", &len);
    CHECK_EQ("chipvisor,guest-lines cells", gl ? len : 0, 8);
    if (gl && len == 8) {
        guest_line_first = be32(gl);
        CHECK_EQ("guest-lines first (no IMSIC)", guest_line_first, 1);
        CHECK_EQ("guest-lines count", be32(gl + 4), EXP_GUESTS);
    }
    const uint8_t *src = fdt_find_compatible_property(dtb, "chipvisor,hva", "chipvisor,sources", &len);
    CHECK_EQ("chipvisor,sources", src && len == 8 ? be32(src) << 8 | be32(src + 4) : 0, 1 << 8 | 31);
}

/* ---- ID and capabilities ------------------------------------------------------ */
static struct hva hva;

static void check_caps(void)
{
    static const struct hva_io io = { io_rd, io_wr, NULL, NULL };
    int rc = hva_probe(&hva, &io);
    CHECK_EQ("hva_probe", (uint64_t)(int64_t)rc, HVA_OK);
    uint32_t id = rd32(HVA_ID_OFFSET);
    CHECK_EQ("ID (magic 'HV', version)", id, (uint32_t)HVA_MAGIC << 16 | HVA_VERSION);
    CHECK_EQ("CAP0 TLB entries", hva.caps.tlb_entries, EXP_TLB);
    CHECK_EQ("CAP0 TLB ways", hva.caps.tlb_ways, EXP_TLB_WAYS);
    CHECK_EQ("CAP0 PWC entries", hva.caps.pwc_entries, EXP_PWC);
    CHECK_EQ("CAP1 G-TLB entries", hva.caps.gtlb_entries, EXP_GTLB);
    CHECK_EQ("CAP1 G-TLB ways", hva.caps.gtlb_ways, EXP_GTLB_WAYS);
    CHECK_EQ("CAP2 VIC present", hva.caps.vic, 1);
    CHECK_EQ("CAP3 VIC guests", hva.caps.vic_guests, EXP_GUESTS);
    CHECK_EQ("CAP3 VIC ids", hva.caps.vic_ids, EXP_IDS);
    CHECK_EQ("CAP3 VIC sources", hva.caps.vic_sources, EXP_SOURCES);
    uint32_t info0 = rd32(HVA_VIC_HYP_OFFSET + VIC_INFO0);
    CHECK_EQ("VIC INFO0 guests", info0 & 0xff, EXP_GUESTS);
    CHECK_EQ("VIC INFO0 version", info0 >> 24, VIC_VERSION);
}

/* ---- translations: RTL walker vs golden model -------------------------------- */
static uint64_t g_root[2048] __attribute__((aligned(16384)));   /* Sv39x4 root: 16 KiB */
static uint64_t vs_root[512] __attribute__((aligned(4096)));
static uint64_t vs_l1[512] __attribute__((aligned(4096)));
static uint64_t vs_l0[512] __attribute__((aligned(4096)));
static uint64_t vs_l1b[512] __attribute__((aligned(4096)));
static uint8_t data_pages[4][4096] __attribute__((aligned(4096)));

static int mem_read64(void *ctx, uint64_t hpa, uint64_t *v)
{
    (void)ctx;
    if (hpa < RAM_BASE || hpa >= RAM_BASE + GiB(1) || (hpa & 7))
        return -1;
    *v = *(volatile uint64_t *)(uintptr_t)hpa;
    return 0;
}

static int mem_cas64(void *ctx, uint64_t hpa, uint64_t expect, uint64_t desired, uint64_t *old)
{
    if (mem_read64(ctx, hpa, old))
        return -1;
    if (*old == expect)
        *(volatile uint64_t *)(uintptr_t)hpa = desired;
    return 0;
}

static uint64_t pte(uint64_t pa, uint64_t flags)
{
    return xlate_make_pte(pa >> 12, flags);
}

static void build_tables(void)
{
    const uint64_t leaf = XLATE_PTE_V | XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_A | XLATE_PTE_D;
    /* G-stage: GPA 0x80000000 + 1 GiB -> the same HPA (a gigapage, U for the G-stage) */
    g_root[RAM_BASE >> 30] = pte(RAM_BASE, leaf | XLATE_PTE_U);
    /* VS-stage Sv39: GVA 0x40000000 + i * 4 KiB -> data page i */
    vs_root[1] = pte((uintptr_t)vs_l1, XLATE_PTE_V);
    vs_l1[0] = pte((uintptr_t)vs_l0, XLATE_PTE_V);
    vs_l0[0] = pte((uintptr_t)data_pages[0], leaf);
    vs_l0[1] = pte((uintptr_t)data_pages[1], XLATE_PTE_V | XLATE_PTE_R);           /* read-only, A=0 */
    vs_l0[2] = pte((uintptr_t)data_pages[2], leaf & ~XLATE_PTE_D);                 /* D=0 */
    vs_l0[3] = pte(0x200000000ull, leaf);                        /* GPA outside the G-stage */
    /* vs_l0[4]: invalid */
    /* GVA 0x80000000: a 2 MiB page (level-1 leaf) onto the probe's own RAM */
    vs_root[2] = pte((uintptr_t)vs_l1b, XLATE_PTE_V);
    vs_l1b[0] = pte(RAM_BASE, leaf);
}

static bool same(const struct xlate_result *a, const struct xlate_result *b)
{
    return a->exc == b->exc && a->hpa == b->hpa && a->gpa == b->gpa && a->tval == b->tval &&
           a->htval == b->htval && a->implicit == b->implicit && a->vs_perm == b->vs_perm &&
           a->g_perm == b->g_perm && a->page_size == b->page_size;
}

static void check_translations(void)
{
    build_tables();
    __asm__ volatile("fence rw, rw" ::: "memory");
    struct xlate_ctx c = {
        .vsatp = (uint64_t)XLATE_SATP_MODE_SV39 << 60 | 7ull << 44 | (uintptr_t)vs_root >> 12,
        .hgatp = (uint64_t)XLATE_HGATP_MODE_SV39X4 << 60 | 3ull << 44 | (uintptr_t)g_root >> 12,
        .virt = true,
        .ad_mode = XLATE_AD_UPDATE,
    };
    static const struct { uint64_t gva; enum xlate_access acc; const char *what; } cases[] = {
        { 0x40000123, XLATE_READ,  "read, 4 KiB page" },
        { 0x40000ff8, XLATE_WRITE, "write, same page (TLB)" },
        { 0x40001010, XLATE_READ,  "read, A=0 (walker sets A in RAM)" },
        { 0x40001010, XLATE_WRITE, "write to a read-only page (page fault)" },
        { 0x40002020, XLATE_WRITE, "write, D=0 (walker sets D)" },
        { 0x40003000, XLATE_READ,  "GPA outside the G-stage (guest-page fault)" },
        { 0x40004000, XLATE_READ,  "invalid PTE (page fault)" },
        { 0x80000040, XLATE_EXEC,  "exec, 2 MiB page" },
    };
    const struct xlate_mem m = { mem_read64, mem_cas64, NULL };
    uint64_t a_before = vs_l0[1] & XLATE_PTE_A;
    for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
        struct xlate_result hw, model;
        memset(&hw, 0, sizeof hw);
        memset(&model, 0, sizeof model);
        /* the RTL first: its A/D writes must land in this RAM for the model to agree */
        int rc = hva_translate(&hva, &c, cases[i].gva, cases[i].acc, &hw, NULL);
        xlate_translate(&c, &m, cases[i].gva, cases[i].acc, &model);
        bool ok = rc == HVA_OK && same(&hw, &model);
        puts_(ok ? "hva-probe: ok   " : "hva-probe: FAIL ");
        puts_("translate ");
        hex(cases[i].gva);
        puts_(" (");
        puts_(cases[i].what);
        puts_("): rtl exc ");
        putu(hw.exc, 10);
        puts_(" hpa ");
        hex(hw.hpa);
        puts_(", model exc ");
        putu(model.exc, 10);
        puts_(" hpa ");
        hex(model.hpa);
        if (rc != HVA_OK) {
            puts_(", driver error ");
            putu((uint64_t)-rc, 10);
        }
        putc_('\n');
        failures += !ok;
    }
    CHECK_EQ("PTE A bit before the walk", a_before, 0);
    CHECK_EQ("PTE A bit the RTL wrote into RAM", vs_l0[1] & XLATE_PTE_A, XLATE_PTE_A);
    CHECK_EQ("PTE D bit the RTL wrote into RAM", vs_l0[2] & XLATE_PTE_D, XLATE_PTE_D);
    struct hva_counters cnt;
    hva_read_counters(&hva, &cnt);
    CHECK_EQ("PERF_REQUESTS", cnt.requests, ARRAY_SIZE(cases));
    check(cnt.pte_reads > 0, "PERF_PTE_READS > 0", cnt.pte_reads, 1);
}

/* ---- the VIC: a read with a side effect, and the wires ---------------------- */
/* An interrupt line follows a register write a few RTL cycles later (the VIC
 * registers its outputs); each register access clocks the RTL, so poll with
 * accesses, a bounded number of them. Returns the accesses it took. */
#define LINE_POLLS 32
static unsigned wait_for(bool (*cond)(void))
{
    unsigned n = 0;
    while (!cond() && n < LINE_POLLS) {
        (void)rd32(HVA_ID_OFFSET);
        n++;
    }
    return n;
}

static uint64_t guest_line_bit;
static bool hgeip_set(void) { return (csr_hgeip() & guest_line_bit) != 0; }
static bool hgeip_clear(void) { return (csr_hgeip() & guest_line_bit) == 0; }
static bool plic13_set(void) { return (*(volatile uint32_t *)PLIC_PENDING & (1u << 13)) != 0; }
static uint32_t guest0(uint32_t off)
{
    return HVA_VIC_GUEST_OFFSET + off;
}

static void check_vic(void)
{
    const uint32_t vid = 5, hyp_vid = 3;
    uint64_t line = 1ull << guest_line_first;
    guest_line_bit = line;

    wr32(guest0(VIC_G_PRIORITY) + 4 * vid, 1);
    wr32(guest0(VIC_G_ENABLE), 1u << vid);
    wr32(guest0(VIC_G_THRESHOLD), 0);
    wr32(HVA_VIC_HYP_OFFSET + VIC_RUNNING, 1);
    CHECK_EQ("hgeip before the injection", csr_hgeip() & line, 0);
    wr32(HVA_VIC_HYP_OFFSET + VIC_INJECT, vid << VIC_ROUTE_VID_SHIFT | 0u << VIC_ROUTE_GUEST_SHIFT);
    unsigned polls = wait_for(hgeip_set);
    check(polls < LINE_POLLS, "hgeip line up within 32 register accesses (accesses taken)", polls, 0);
    CHECK_EQ("hgeip bit of guest 0's line (set by the RTL's guest_eip_o)", csr_hgeip() & line, line);
    CHECK_EQ("VIC GUEST_EIP after injecting guest 0's id 5", rd32(HVA_VIC_HYP_OFFSET + VIC_GUEST_EIP) & 1, 1);
    CHECK_EQ("guest 0 pending word (PLIC page 1)", rd32(guest0(VIC_G_PENDING)), 1u << vid);
    CHECK_EQ("guest 0 claim (a read with a side effect)", rd32(guest0(VIC_G_CLAIM)), vid);
    CHECK_EQ("guest 0 pending word after the claim", rd32(guest0(VIC_G_PENDING)), 0);
    (void)wait_for(hgeip_clear);
    CHECK_EQ("hgeip bit after the claim", csr_hgeip() & line, 0);
    CHECK_EQ("a second claim finds nothing", rd32(guest0(VIC_G_CLAIM)), 0);
    wr32(guest0(VIC_G_CLAIM), vid);   /* complete */
    wr32(HVA_VIC_HYP_OFFSET + VIC_RUNNING, 0);

    /* guest 0's second context (its vCPU 1, PLIC context 3): its own enables
     * and claim page, and its own output line (LINE: line 1) */
    uint64_t line1 = 1ull << (guest_line_first + 1);
    wr32(guest0(VIC_G_ENABLE), 0);                      /* context 0 does not take it */
    wr32(guest0(VIC_G_ENABLE_K(1)), 1u << vid);
    wr32(guest0(VIC_G_THRESHOLD_K(1)), 0);
    wr32(HVA_VIC_HYP_OFFSET + VIC_LINE + 4, VIC_LINE_RUN | 1);
    wr32(HVA_VIC_HYP_OFFSET + VIC_INJECT, vid << VIC_ROUTE_VID_SHIFT | 0u << VIC_ROUTE_GUEST_SHIFT);
    guest_line_bit = line1;
    polls = wait_for(hgeip_set);
    check(polls < LINE_POLLS, "line 1 up within 32 register accesses (accesses taken)", polls, 0);
    CHECK_EQ("hgeip: line 1 (guest 0's context 1), not line 0", csr_hgeip() & (line | line1), line1);
    CHECK_EQ("LINE of guest 0's context 1: EIP, RUN, line 1",
             rd32(HVA_VIC_HYP_OFFSET + VIC_LINE + 4), VIC_LINE_EIP | VIC_LINE_RUN | 1);
    CHECK_EQ("context 0's claim finds nothing", rd32(guest0(VIC_G_CLAIM)), 0);
    CHECK_EQ("context 1's claim (PLIC context 3's page)", rd32(guest0(VIC_G_CLAIM_K(1))), vid);
    (void)wait_for(hgeip_clear);
    CHECK_EQ("line 1 after the claim", csr_hgeip() & line1, 0);
    wr32(guest0(VIC_G_CLAIM_K(1)), vid);
    wr32(HVA_VIC_HYP_OFFSET + VIC_LINE + 4, 1);
    guest_line_bit = line;

    /* the hypervisor's own file -> hyp_irq_o -> PLIC source 13 */
    volatile uint32_t *plic_pending = (volatile uint32_t *)PLIC_PENDING;
    wr32(HVA_VIC_HYP_OFFSET + VIC_HYP_PRIORITY + 4 * hyp_vid, 1);
    wr32(HVA_VIC_HYP_OFFSET + VIC_HYP_ENABLE, 1u << hyp_vid);
    wr32(HVA_VIC_HYP_OFFSET + VIC_HYP_THRESHOLD, 0);
    CHECK_EQ("PLIC source 13 pending before", *plic_pending & (1u << 13), 0);
    wr32(HVA_VIC_HYP_OFFSET + VIC_INJECT, hyp_vid << VIC_ROUTE_VID_SHIFT | VIC_ROUTE_TO_HYP);
    CHECK_EQ("hypervisor file pending word", rd32(HVA_VIC_HYP_OFFSET + VIC_HYP_PENDING), 1u << hyp_vid);
    (void)wait_for(plic13_set);
    CHECK_EQ("PLIC source 13 pending (the VIC's hyp_irq_o)", *plic_pending & (1u << 13), 1u << 13);
    CHECK_EQ("hypervisor file claim", rd32(HVA_VIC_HYP_OFFSET + VIC_HYP_CLAIM), hyp_vid);
    wr32(HVA_VIC_HYP_OFFSET + VIC_HYP_CLAIM, hyp_vid);

    /* the UART's wire (source 10) reaches the VIC's raw source levels */
    volatile uint8_t *u = (volatile uint8_t *)UART_BASE;
    CHECK_EQ("VIC source 10 level, UART quiet", rd32(HVA_VIC_HYP_OFFSET + VIC_SRC_LEVEL) >> 10 & 1, 0);
    u[1] = 0x02;   /* IER.ETBEI: THR empty raises the UART's interrupt */
    CHECK_EQ("VIC source 10 level, UART interrupt raised", rd32(HVA_VIC_HYP_OFFSET + VIC_SRC_LEVEL) >> 10 & 1, 1);
    CHECK_EQ("PLIC source 10 pending too (the wire goes on)", *plic_pending >> 10 & 1, 1);
    u[1] = 0;
    CHECK_EQ("VIC source 10 level, UART interrupt lowered", rd32(HVA_VIC_HYP_OFFSET + VIC_SRC_LEVEL) >> 10 & 1, 0);
}

/* ---- bus error: an unmapped register is a load access fault -------------------- */
static void check_bus_error(void)
{
    probe_trap_save.cause = 0;
    probe_trap_save.expect = 1;
    (void)rd32(0x0fc);
    CHECK_EQ("read of unmapped offset 0x0fc: load access fault", probe_trap_save.cause, 5);
    probe_trap_save.expect = 0;
    CHECK_EQ("ID still answers after the error", rd32(HVA_ID_OFFSET) >> 16, HVA_MAGIC);
}

/* ---- wall time per access ------------------------------------------------------ */
static void measure(void)
{
    const unsigned n = 2000;
    uint64_t t0 = mtime();
    uint32_t x = 0;
    for (unsigned i = 0; i < n; i++)
        x ^= rd32(HVA_ID_OFFSET);
    uint64_t t1 = mtime();
    (void)x;
    /* mtime ticks at 10 MHz: 10 ticks per microsecond */
    puts_("hva-probe: timing ");
    putu(n, 10);
    puts_(" register reads in ");
    putu((t1 - t0) / 10, 10);
    puts_(" us: ");
    putu((t1 - t0) * 100 / n / 10 / 100, 10);
    putc_('.');
    uint64_t hundredths = (t1 - t0) * 100 / n / 10 % 100;
    putc_((char)('0' + hundredths / 10));
    putc_((char)('0' + hundredths % 10));
    puts_(" us per access\n");
}

/* bootargs "loop": after the checks, read ID for ever with a heartbeat (the
 * test that kills the simulator under a running machine) */
static bool want_loop(const void *dtb)
{
    uint32_t len = 0;
    const char *args = fdt_find_property(dtb, "chosen", "bootargs", &len);
    return args && len >= 4 && args[0] == 'l' && args[1] == 'o' && args[2] == 'o' && args[3] == 'p';
}

static __attribute__((noreturn)) void loop_forever(void)
{
    puts_("hva-probe: looping\n");
    for (uint64_t n = 1;; n++) {
        if (rd32(HVA_ID_OFFSET) >> 16 != HVA_MAGIC) {
            puts_("hva-probe: FAIL ID changed while looping\n");
            failures++;
            finish();
        }
        if (n % 2000 == 0) {
            puts_("hva-probe: alive, ");
            putu(n, 10);
            puts_(" reads\n");
        }
    }
}

void probe_main(uint64_t hart, const void *dtb)
{
    (void)hart;
    puts_("hva-probe: start, device tree at ");
    hex((uintptr_t)dtb);
    putc_('\n');
    check_node(dtb);
    check_caps();
    check_translations();
    check_vic();
    check_bus_error();
    measure();
    if (!failures && want_loop(dtb))
        loop_forever();
    finish();
}
