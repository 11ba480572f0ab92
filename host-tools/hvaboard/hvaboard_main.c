/* hvaboard: the host side of the HVA on an FPGA board (rtl/fpga/hva_ice40_top)
 * over its UART bridge: register and memory access, loading page tables, and
 * translations run through the HVA driver (hypervisor/lib/driver/hva) on the
 * board and compared with the golden model (hypervisor/lib/model/xlate) run on
 * the same memory. The same tool drives the Verilated board
 * (sim/fpga/ice40_uart_server) through a pseudo-terminal.
 *
 *   hvaboard [-d dev] [-b baud] [-t answer timeout ms] [-m base:bytes] command ...
 *     probe                          ID and capabilities
 *     rd OFF | wr OFF VALUE          a register
 *     mrd PA [N] | mwr PA VALUE      memory words (64-bit)
 *     load FILE PA                   a binary file into memory
 *     xlate VSATP HGATP ADDR [r|w|x] one translation on the board, compared with
 *                                    the model on the board's memory (read back)
 *     selftest [N [SEED]]            page tables built here and loaded, N random
 *                                    translations (default 300) compared with the
 *                                    model, then the memory compared word by word
 * Exit status: 0 when every comparison agreed. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hva/hva.h"
#include "hva_mem.h"
#include "hva_regs.h"
#include "hvaboard_link.h"
#include "xlate/xlate.h"

static struct hvaboard_link link_;
static struct hva hva_;
static uint64_t mem_base = 0x80000000ull, mem_bytes = 16384;

static void die_link(void)
{
    fprintf(stderr, "hvaboard: the link to the board failed\n");
    exit(2);
}

/* ---- the driver's register hooks: frames over the UART */

static uint32_t io_read32(void *ctx, uint32_t off)
{
    uint32_t v = 0;
    if (hvaboard_reg_read(ctx, off, &v) < 0)
        die_link();
    return v;
}

static void io_write32(void *ctx, uint32_t off, uint32_t v)
{
    if (hvaboard_reg_write(ctx, off, v) < 0)
        die_link();
}

static bool io_bus_error(void *ctx)
{
    struct hvaboard_link *l = ctx;
    bool e = l->bus_error;
    l->bus_error = false;
    return e;
}

static uint64_t mem_rd(uint64_t pa)
{
    uint64_t v;
    int r = hvaboard_mem_read(&link_, pa, &v);
    if (r < 0)
        die_link();
    if (r) {
        fprintf(stderr, "hvaboard: memory read at %#" PRIx64 " answered SLVERR\n", pa);
        exit(2);
    }
    return v;
}

static void mem_wr(uint64_t pa, uint64_t v)
{
    int r = hvaboard_mem_write(&link_, pa, v);
    if (r < 0)
        die_link();
    if (r) {
        fprintf(stderr, "hvaboard: memory write at %#" PRIx64 " answered SLVERR\n", pa);
        exit(2);
    }
}

static int probe(bool print)
{
    struct hva_io io = { io_read32, io_write32, io_bus_error, &link_ };
    int e = hva_probe(&hva_, &io);
    if (e) {
        fprintf(stderr, "hvaboard: probe failed (%d): not an HVA behind this link?\n", e);
        return e;
    }
    hva_.poll_limit = 10000;
    const struct hva_caps *c = &hva_.caps;
    if (print)
        printf("HVA %x.%02x: TLB %u/%u-way, G-TLB %u/%u-way, PWC %u, max PTE reads %u, VIC %d "
               "(%u guests, %u ids, %u sources)\n", c->version >> 8, c->version & 0xff,
               c->tlb_entries, c->tlb_ways, c->gtlb_entries, c->gtlb_ways, c->pwc_entries,
               c->max_pte_reads, c->vic, c->vic_guests, c->vic_ids, c->vic_sources);
    return 0;
}

/* ---- comparing with the model */

static bool same(const struct xlate_result *a, const struct xlate_result *b)
{
    return a->exc == b->exc && a->hpa == b->hpa && a->gpa == b->gpa && a->tval == b->tval &&
           a->htval == b->htval && a->implicit == b->implicit && a->vs_perm == b->vs_perm &&
           a->g_perm == b->g_perm && a->page_size == b->page_size;
}

static void print_result(const char *who, const struct xlate_result *r)
{
    printf("  %s: exc %u hpa %#" PRIx64 " gpa %#" PRIx64 " tval %#" PRIx64 " htval %#" PRIx64
           " implicit %d perm %x/%x page %#" PRIx64 " pte reads %u\n", who, r->exc, r->hpa, r->gpa,
           r->tval, r->htval, r->implicit, r->vs_perm, r->g_perm, r->page_size, r->pte_reads);
}

static void download(struct hva_mem *m)
{
    for (uint64_t pa = mem_base; pa < mem_base + mem_bytes; pa += 8)
        hva_mem_write(m, pa, mem_rd(pa));
}

static void upload(struct hva_mem *m)
{
    for (uint64_t pa = mem_base; pa < mem_base + mem_bytes; pa += 8)
        mem_wr(pa, hva_mem_read(m, pa));
}

static enum xlate_access parse_acc(const char *s)
{
    return s[0] == 'w' ? XLATE_WRITE : s[0] == 'x' ? XLATE_EXEC : XLATE_READ;
}

static int cmd_xlate(int argc, char **argv)
{
    if (argc < 3)
        return -1;
    struct xlate_ctx c = { .vsatp = strtoull(argv[0], NULL, 0),
                           .hgatp = strtoull(argv[1], NULL, 0),
                           .virt = true, .ad_mode = XLATE_AD_UPDATE };
    uint64_t addr = strtoull(argv[2], NULL, 0);
    enum xlate_access acc = argc > 3 ? parse_acc(argv[3]) : XLATE_READ;
    struct hva_mem m;
    struct xlate_result want, got;

    if (probe(false))
        return 1;
    hva_mem_init(&m, mem_base, mem_bytes);
    download(&m);                          /* the model walks what the board holds */
    xlate_translate(&c, &m.xm, addr, acc, &want);
    int e = hva_translate(&hva_, &c, addr, acc, &got, NULL);
    if (e) {
        fprintf(stderr, "hvaboard: translation failed (%d)\n", e);
        return 1;
    }
    print_result("board", &got);
    print_result("model", &want);
    bool ok = same(&got, &want);
    printf("%s\n", ok ? "agree" : "DIFFER");
    hva_mem_free(&m);
    return ok ? 0 : 1;
}

/* ---- selftest: a small world of page tables in the board's memory */

static uint64_t rng;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t pte(uint64_t pa, uint64_t flags)
{
    return (pa >> 12) << XLATE_PTE_PPN_SHIFT | flags | XLATE_PTE_V;
}

static uint64_t leaf_flags(void)
{
    uint64_t f = rnd() & (XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U | XLATE_PTE_G |
                          XLATE_PTE_A | XLATE_PTE_D);
    if (!(f & (XLATE_PTE_R | XLATE_PTE_X)))
        f |= XLATE_PTE_R;
    if ((f & XLATE_PTE_W) && !(f & XLATE_PTE_R))
        f |= XLATE_PTE_R;
    return f;
}

/* Four pages P0..P3 (16 KiB). P0..P3 are the Sv39x4 G root as a whole (GPAs
 * below 512 GiB index only P0); P1 is a G L1 table, P2 a G L0 table, P3 the
 * VS root. VS tables reuse G tables (P1 as a VS L1, P2 as a VS L0), so walks
 * read PTEs written for the other stage too: the model and the board read the
 * same words, whatever they mean. GPA == HPA over the memory. */
#define GPA_BIG  0xc0000000ull   /* a 1 GiB G leaf outside the memory */
static uint64_t va_list_[16];
static unsigned n_va;

static void build_world(struct hva_mem *m, uint64_t *groot, uint64_t *vroot)
{
    const uint64_t full = XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U | XLATE_PTE_A |
                          XLATE_PTE_D;
    uint64_t p0 = mem_base, p1 = p0 + 0x1000, p2 = p0 + 0x2000, p3 = p0 + 0x3000;
    for (uint64_t pa = mem_base; pa < mem_base + mem_bytes; pa += 8)
        hva_mem_write(m, pa, 0);
    /* G: root[2] -> P1 (GPA 0x80000000..); P1[0]: 2 MiB leaf over the memory,
     * P1[1] -> P2: 4 KiB leaves at GPA 0x80200000.. with random permissions;
     * root[3]: a 1 GiB leaf */
    hva_mem_write(m, p0 + 2 * 8, pte(p1, 0));
    hva_mem_write(m, p0 + 3 * 8, pte(0x100000000ull, leaf_flags() | XLATE_PTE_U));
    hva_mem_write(m, p1 + 0 * 8, pte(mem_base, full));
    hva_mem_write(m, p1 + 1 * 8, pte(p2, 0));
    for (unsigned i = 0; i < 64; i++)
        hva_mem_write(m, p2 + i * 8, pte(0x200000000ull + i * 0x1000, leaf_flags() | XLATE_PTE_U));
    /* VS root P3: [1] a 1 GiB leaf to GPA_BIG, [2] -> P1 (as a VS L1: a 2 MiB
     * leaf onto the memory, and P2 as a VS L0), [3] -> P2 (as a VS L1) */
    hva_mem_write(m, p3 + 1 * 8, pte(GPA_BIG, leaf_flags()));
    hva_mem_write(m, p3 + 2 * 8, pte(p1, 0));
    hva_mem_write(m, p3 + 3 * 8, pte(p2, 0));
    *groot = p0;
    *vroot = p3;
    n_va = 0;
    va_list_[n_va++] = 0x40000000ull;            /* VS 1 GiB leaf */
    va_list_[n_va++] = 0x80000000ull;            /* VS 2 MiB leaf onto the memory */
    va_list_[n_va++] = 0x80200000ull;            /* VS 4 KiB leaves (P2) */
    va_list_[n_va++] = 0x80210000ull;
    va_list_[n_va++] = 0xc0000000ull;            /* VS L1 = P2 */
    va_list_[n_va++] = 0xc0200000ull;
    va_list_[n_va++] = 0xffffffffc0000000ull;    /* unmapped, sign-extended */
    va_list_[n_va++] = 0x4000000000ull;          /* not sign-extended in Sv39 */
}

static void random_request(uint64_t groot, uint64_t vroot, struct xlate_ctx *c, uint64_t *addr,
                           enum xlate_access *acc)
{
    static const unsigned vmodes[] = { XLATE_SATP_MODE_BARE, XLATE_SATP_MODE_SV39,
                                       XLATE_SATP_MODE_SV39, XLATE_SATP_MODE_SV48 };
    static const unsigned gmodes[] = { XLATE_HGATP_MODE_BARE, XLATE_HGATP_MODE_SV39X4,
                                       XLATE_HGATP_MODE_SV39X4, XLATE_HGATP_MODE_SV48X4 };
    unsigned vm = vmodes[rnd() % 4], gm = gmodes[rnd() % 4];
    *c = (struct xlate_ctx){
        .vsatp = xlate_make_satp(vm, (uint16_t)(rnd() % 3), vroot >> 12),
        .hgatp = xlate_make_hgatp(gm, (uint16_t)(rnd() % 3), groot >> 12),
        .virt = rnd() % 5 != 0,
        .user = rnd() & 1, .sum = rnd() & 1, .mxr = rnd() % 4 == 0, .vmxr = rnd() % 4 == 0,
        .hlvx = rnd() % 8 == 0,
        .ad_mode = rnd() & 1 ? XLATE_AD_UPDATE : XLATE_AD_FAULT,
    };
    if (vm == XLATE_SATP_MODE_BARE)
        c->vsatp = 0;
    if (gm == XLATE_HGATP_MODE_BARE)
        c->hgatp = 0;
    *addr = va_list_[rnd() % n_va] + (rnd() % 64) * 0x1000 * (rnd() & 1) + (rnd() & 0xff8);
    if (rnd() % 8 == 0)
        *addr = rnd() & 0x7ffffffff8ull;
    *acc = c->hlvx ? XLATE_READ : (enum xlate_access)(rnd() % 3);
}

static int cmd_selftest(int argc, char **argv)
{
    unsigned n = argc > 0 ? (unsigned)strtoul(argv[0], NULL, 0) : 300;
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x9e3779b97f4a7c15ull;
    struct hva_mem m;
    uint64_t groot, vroot;
    unsigned mismatches = 0, ok = 0, faults = 0, scribbles = 0, ad_updates = 0, tlb_hits = 0;

    printf("hvaboard selftest: seed %#" PRIx64 ", %u translations, memory %#" PRIx64 "+%#" PRIx64
           "\n", seed, n, mem_base, mem_bytes);
    rng = seed ? seed : 1;
    if (probe(true))
        return 1;
    hva_mem_init(&m, mem_base, mem_bytes);
    build_world(&m, &groot, &vroot);
    upload(&m);
    struct hva_inval all = { .gvma = true };
    if (hva_invalidate(&hva_, &all))
        return 1;

    struct xlate_ctx c, slot_ctx;
    bool ctx_loaded = false;
    unsigned fast = 0;
    uint64_t addr = 0;
    enum xlate_access acc = XLATE_READ;
    for (unsigned i = 0; i < n; i++) {
        struct xlate_result want, got;
        struct hva_hits hits;

        /* now and then a word of the tables changes (on both sides), and the
         * HVA is told, as a hypervisor would after changing a table */
        if (rnd() % 16 == 0) {
            uint64_t pa = mem_base + (rnd() % (mem_bytes / 8)) * 8;
            uint64_t v = pte(mem_base + (rnd() % (mem_bytes / 4096)) * 4096,
                             rnd() & 1 ? leaf_flags() : 0);
            if (rnd() % 4 == 0)
                v = rnd();
            hva_mem_write(&m, pa, v);
            mem_wr(pa, v);
            if (hva_invalidate(&hva_, &all))
                return 1;
            scribbles++;
        }
        /* a quarter repeat the last page (another word, another access):
         * TLB hits */
        if (i > 0 && rnd() % 4 == 0) {
            addr = (addr & ~0xfffull) | (rnd() & 0xff8);
            acc = c.hlvx ? XLATE_READ : (enum xlate_access)(rnd() % 3);
        } else
            random_request(groot, vroot, &c, &addr, &acc);
        xlate_translate(&c, &m.xm, addr, acc, &want);   /* the model's A/D writes go to m */
        /* every other one through context slot 0 (one write, one read;
         * the slot is loaded when the context changes) */
        int e;
        if (hva_.caps.ctx_slots && i % 2) {
            uint64_t hpa;
            if (!ctx_loaded || memcmp(&slot_ctx, &c, sizeof c)) {
                if ((e = hva_ctx_load(&hva_, 0, &c)))
                    return 1;
                slot_ctx = c;
                ctx_loaded = true;
            }
            int exc = hva_translate_fast(&hva_, 0, addr, acc, &hpa);
            e = exc < 0 ? exc : hva_last_result(&hva_, addr, &got, &hits);
            if (!e && ((unsigned)exc != got.exc || (exc == 0 && hpa != got.hpa)))
                printf("  fast path: exc %d hpa %#" PRIx64 " but RSP_* say exc %u hpa %#" PRIx64
                       "\n", exc, hpa, got.exc, got.hpa), got.exc = ~0u;
            fast++;
        } else
            e = hva_translate(&hva_, &c, addr, acc, &got, &hits);
        if (e) {
            fprintf(stderr, "hvaboard: translation %u failed (%d)\n", i, e);
            return 1;
        }
        bool agree = same(&got, &want);
        /* the PTEs the walk read: the board's A/D writes must be the model's */
        unsigned ns = want.n_steps < XLATE_MAX_STEPS ? want.n_steps : XLATE_MAX_STEPS;
        for (unsigned s = 0; s < ns; s++) {
            uint64_t pa = want.steps[s].pte_addr;
            if (pa < mem_base || pa >= mem_base + mem_bytes)
                continue;
            uint64_t b = mem_rd(pa), w = hva_mem_read(&m, pa);
            if (b != w) {
                agree = false;
                printf("  PTE at %#" PRIx64 ": board %#" PRIx64 " model %#" PRIx64 "\n", pa, b, w);
            }
            if (w != want.steps[s].pte)
                ad_updates++;
        }
        if (!agree && ++mismatches <= 5) {
            printf("MISMATCH %u: vsatp %#" PRIx64 " hgatp %#" PRIx64 " addr %#" PRIx64
                   " acc %d virt %d user %d sum %d mxr %d vmxr %d hlvx %d ad %d\n", i, c.vsatp,
                   c.hgatp, addr, acc, c.virt, c.user, c.sum, c.mxr, c.vmxr, c.hlvx, c.ad_mode);
            print_result("board", &got);
            print_result("model", &want);
        }
        want.exc ? faults++ : ok++;
        tlb_hits += hits.tlb;
    }

    /* the whole memory, as the board leaves it, is the model's */
    unsigned differ = 0;
    for (uint64_t pa = mem_base; pa < mem_base + mem_bytes; pa += 8)
        if (mem_rd(pa) != hva_mem_read(&m, pa) && ++differ <= 5)
            printf("  memory differs at %#" PRIx64 "\n", pa);
    hva_mem_free(&m);

    printf("hvaboard selftest: %u translated, %u faults (%u through a context slot), %u TLB hits, "
           "%u A/D updates, %u table words changed, %" PRIu64 " frames; %u mismatches, %u memory "
           "words differ\n", ok, faults, fast, tlb_hits, ad_updates, scribbles, link_.frames,
           mismatches, differ);
    /* floors: the mix must reach both outcomes, the hardware's A/D path and
     * (with a TLB) TLB hits */
    bool reached = n < 100 || (ok >= n / 10 && faults >= n / 10 && ad_updates > 0 &&
                               (tlb_hits > 0 || hva_.caps.tlb_entries == 0));
    if (!reached)
        printf("hvaboard selftest: the random mix fell below its floors\n");
    return mismatches || differ || !reached;
}

/* ---- small commands */

static int cmd_load(const char *file, uint64_t pa)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "hvaboard: %s: %s\n", file, strerror(errno));
        return 1;
    }
    uint8_t b[8];
    size_t got, words = 0;
    while ((got = fread(b, 1, 8, f)) > 0) {
        uint64_t v = 0;
        for (size_t i = 0; i < got; i++)
            v |= (uint64_t)b[i] << 8 * i;
        mem_wr(pa + 8 * words++, v);
    }
    fclose(f);
    printf("loaded %zu words at %#" PRIx64 "\n", words, pa);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: hvaboard [-d dev] [-b baud] [-t ms] [-m base:bytes] probe | rd OFF | wr OFF V |"
                    " mrd PA [N] | mwr PA V | load FILE PA | xlate VSATP HGATP ADDR [r|w|x] |"
                    " selftest [N [SEED]]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *dev = "/dev/ttyUSB1";   /* the HX8K Breakout's second FTDI channel */
    unsigned baud = 115200;
    int i = 1, timeout_ms = 2000;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "-d"))
            dev = argv[++i];
        else if (!strcmp(argv[i], "-b"))
            baud = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "-t"))
            timeout_ms = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-m")) {
            char *end;
            mem_base = strtoull(argv[++i], &end, 0);
            mem_bytes = *end == ':' ? strtoull(end + 1, NULL, 0) : mem_bytes;
        } else
            usage();
    }
    if (i >= argc)
        usage();
    if (hvaboard_open(&link_, dev, baud)) {
        fprintf(stderr, "hvaboard: %s: %s\n", dev, strerror(errno));
        return 2;
    }
    link_.timeout_ms = timeout_ms;
    const char *cmd = argv[i++];
    int rest = argc - i, rc = 0;
    char **a = argv + i;
    if (!strcmp(cmd, "probe"))
        rc = probe(true) ? 1 : 0;
    else if (!strcmp(cmd, "rd") && rest >= 1) {
        uint32_t v;
        int r = hvaboard_reg_read(&link_, (uint32_t)strtoul(a[0], NULL, 0), &v);
        if (r < 0)
            die_link();
        printf("%#010x%s\n", v, r ? " (SLVERR)" : "");
        rc = r != 0;
    } else if (!strcmp(cmd, "wr") && rest >= 2) {
        int r = hvaboard_reg_write(&link_, (uint32_t)strtoul(a[0], NULL, 0),
                                   (uint32_t)strtoul(a[1], NULL, 0));
        if (r < 0)
            die_link();
        rc = r != 0;
        if (r)
            printf("SLVERR\n");
    } else if (!strcmp(cmd, "mrd") && rest >= 1) {
        uint64_t pa = strtoull(a[0], NULL, 0);
        unsigned n = rest > 1 ? (unsigned)strtoul(a[1], NULL, 0) : 1;
        for (unsigned k = 0; k < n; k++)
            printf("%#" PRIx64 ": %#018" PRIx64 "\n", pa + 8 * k, mem_rd(pa + 8 * k));
    } else if (!strcmp(cmd, "mwr") && rest >= 2)
        mem_wr(strtoull(a[0], NULL, 0), strtoull(a[1], NULL, 0));
    else if (!strcmp(cmd, "load") && rest >= 2)
        rc = cmd_load(a[0], strtoull(a[1], NULL, 0));
    else if (!strcmp(cmd, "xlate")) {
        if (rest < 3)
            usage();
        rc = cmd_xlate(rest, a);
    }
    else if (!strcmp(cmd, "selftest"))
        rc = cmd_selftest(rest, a);
    else
        usage();
    hvaboard_close(&link_);
    return rc;
}
