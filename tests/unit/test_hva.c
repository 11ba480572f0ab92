/* Host tests of the HVA driver (hypervisor/lib/driver/hva) against a fake device: a
 * register file that answers like the RTL, whose translations come from the
 * golden model on a small memory (sim/hva/hva_mem). So every driver result is
 * compared with xlate_translate() on the same request, and the register
 * traffic (CTRL word, invalidation command) with values written by hand from
 * hva_regs.map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hva/hva.h"
#include "hva_mem.h"
#include "hva_regs.h"

#define MEM_BASE 0x80000000ull
#define MEM_SIZE (4ull << 20)

/* ---- the fake device */

static struct fake {
    uint32_t reg[0x100 / 4];
    struct hva_mem mem;
    uint32_t busy_reads;      /* STATUS reads that still show REQ_BUSY */
    uint32_t busy_after_go;   /* what GO sets busy_reads to; ~0: forever */
    bool err;                 /* sticky bus error, taken by bus_error() */
    unsigned bad_accesses;
    uint32_t head;            /* ring engine's HEAD */
    unsigned inv_cmds;
} dev;

#define R(name) dev.reg[HVA_##name##_OFFSET / 4]

static bool mapped(uint32_t off)
{
    static const uint32_t offs[] = {
        HVA_ID_OFFSET, HVA_CAP0_OFFSET, HVA_CAP1_OFFSET, HVA_CAP2_OFFSET, HVA_CAP3_OFFSET,
        HVA_REQ_VSATP_LO_OFFSET, HVA_REQ_VSATP_HI_OFFSET, HVA_REQ_HGATP_LO_OFFSET,
        HVA_REQ_HGATP_HI_OFFSET, HVA_REQ_ADDR_LO_OFFSET, HVA_REQ_ADDR_HI_OFFSET,
        HVA_REQ_CTRL_OFFSET, HVA_REQ_GO_OFFSET, HVA_STATUS_OFFSET, HVA_RSP_STATUS_OFFSET,
        HVA_RSP_INFO_OFFSET, HVA_RSP_HPA_LO_OFFSET, HVA_RSP_HPA_HI_OFFSET, HVA_RSP_GPA_LO_OFFSET,
        HVA_RSP_GPA_HI_OFFSET, HVA_RING_BASE_LO_OFFSET,
        HVA_RING_BASE_HI_OFFSET, HVA_RING_SIZE_OFFSET, HVA_RING_HEAD_OFFSET,
        HVA_RING_TAIL_OFFSET, HVA_RING_DOORBELL_OFFSET, HVA_RING_CTRL_OFFSET,
        HVA_IRQ_ENABLE_OFFSET, HVA_IRQ_STATUS_OFFSET, HVA_INV_VMID_OFFSET, HVA_INV_ASID_OFFSET,
        HVA_INV_ADDR_LO_OFFSET, HVA_INV_ADDR_HI_OFFSET, HVA_INV_CMD_OFFSET, HVA_PERF_CTRL_OFFSET,
        HVA_PERF_REQUESTS_OFFSET, HVA_PERF_TLB_HITS_OFFSET, HVA_PERF_GTLB_HITS_OFFSET,
        HVA_PERF_PWC_HITS_OFFSET, HVA_PERF_PTE_READS_OFFSET, HVA_PERF_BUSY_CYCLES_OFFSET,
    };
    for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++)
        if (offs[i] == off)
            return true;
    return false;
}

/* The device's side of the request words, written from hva_regs.map (not
 * from the driver). */
static void decode_ctrl(uint32_t w, struct xlate_ctx *c, enum xlate_access *acc)
{
    uint32_t a = (w >> HVA_REQ_CTRL_ACCESS_LSB) & 3;
    *acc = a == HVA_ACC_WRITE ? XLATE_WRITE : a == HVA_ACC_EXEC ? XLATE_EXEC : XLATE_READ;
    c->virt = w >> 2 & 1;
    c->user = w >> 3 & 1;
    c->sum = w >> 4 & 1;
    c->mxr = w >> 5 & 1;
    c->vmxr = w >> 6 & 1;
    c->hlvx = w >> 7 & 1;
    c->ad_mode = (w >> 8 & 1) ? XLATE_AD_UPDATE : XLATE_AD_FAULT;
}

static void device_translate(uint64_t vsatp, uint64_t hgatp, uint64_t addr, uint32_t ctrl,
                             uint32_t *status, uint32_t *info, struct xlate_result *r)
{
    struct xlate_ctx c = { .vsatp = vsatp, .hgatp = hgatp };
    enum xlate_access acc;
    decode_ctrl(ctrl, &c, &acc);
    xlate_translate(&c, &dev.mem.xm, addr, acc, r);
    *status = r->exc | (r->implicit ? 1u << 6 : 0) | ((ctrl >> 16 & 0xff) << 16) | 1u << 31;
    *info = (r->pte_reads & 0xff) |
            (uint32_t)(r->page_size ? __builtin_ctzll(r->page_size) : 0) << 8 |
            (uint32_t)(r->vs_perm >> 1 & 0xf) << 16 | (uint32_t)(r->g_perm >> 1 & 0xf) << 20;
    R(PERF_REQUESTS)++;
    R(PERF_PTE_READS) += r->pte_reads;
}

static void device_go(void)
{
    struct xlate_result r;
    uint32_t st, info;
    device_translate(R(REQ_VSATP_LO) | (uint64_t)R(REQ_VSATP_HI) << 32,
                     R(REQ_HGATP_LO) | (uint64_t)R(REQ_HGATP_HI) << 32,
                     R(REQ_ADDR_LO) | (uint64_t)R(REQ_ADDR_HI) << 32, R(REQ_CTRL), &st, &info, &r);
    R(RSP_STATUS) = st;
    R(RSP_INFO) = info;
    R(RSP_HPA_LO) = (uint32_t)r.hpa;   R(RSP_HPA_HI) = (uint32_t)(r.hpa >> 32);
    R(RSP_GPA_LO) = (uint32_t)r.gpa;   R(RSP_GPA_HI) = (uint32_t)(r.gpa >> 32);
    dev.busy_reads = dev.busy_after_go;
}

static void device_doorbell(void)
{
    uint64_t base = (R(RING_BASE_LO) & ~63u) | (uint64_t)R(RING_BASE_HI) << 32;
    uint32_t mask = (1u << R(RING_SIZE)) - 1;
    while (dev.head != (R(RING_TAIL) & mask)) {
        uint64_t s = base + dev.head * 64ull;
        struct xlate_result r;
        uint32_t st, info;
        device_translate(hva_mem_read(&dev.mem, s), hva_mem_read(&dev.mem, s + 8),
                         hva_mem_read(&dev.mem, s + 16), (uint32_t)hva_mem_read(&dev.mem, s + 24),
                         &st, &info, &r);
        hva_mem_write(&dev.mem, s + 0x28, r.hpa);
        hva_mem_write(&dev.mem, s + 0x30, r.gpa);
        hva_mem_write(&dev.mem, s + 0x20, st | (uint64_t)info << 32);
        dev.head = (dev.head + 1) & mask;
    }
}

static uint32_t fake_read32(void *ctx, uint32_t off)
{
    (void)ctx;
    if (!mapped(off)) {
        dev.err = true;
        dev.bad_accesses++;
        return 0;
    }
    if (off == HVA_STATUS_OFFSET) {
        uint32_t busy = dev.busy_reads != 0;
        if (dev.busy_reads && dev.busy_reads != ~0u)
            dev.busy_reads--;
        return busy << HVA_STATUS_REQ_BUSY_LSB;
    }
    if (off == HVA_RING_HEAD_OFFSET)
        return dev.head;
    return dev.reg[off / 4];
}

static void fake_write32(void *ctx, uint32_t off, uint32_t v)
{
    (void)ctx;
    if (!mapped(off)) {
        dev.err = true;
        dev.bad_accesses++;
        return;
    }
    if (off == HVA_REQ_GO_OFFSET) {
        if (v & 1)
            device_go();
    } else if (off == HVA_RING_DOORBELL_OFFSET) {
        if (v & 1)
            device_doorbell();
    } else if (off == HVA_RING_CTRL_OFFSET) {
        if (v & 1)
            dev.head = 0;
    } else if (off == HVA_PERF_CTRL_OFFSET) {
        if (v & 1)
            for (uint32_t o = HVA_PERF_REQUESTS_OFFSET; o <= HVA_PERF_BUSY_CYCLES_OFFSET; o += 4)
                dev.reg[o / 4] = 0;
    } else {
        if (off == HVA_INV_CMD_OFFSET)
            dev.inv_cmds++;
        dev.reg[off / 4] = v;
    }
}

static bool fake_bus_error(void *ctx)
{
    (void)ctx;
    bool e = dev.err;
    dev.err = false;
    return e;
}

static const struct hva_io fake_io = { fake_read32, fake_write32, fake_bus_error, NULL };

/* ---- a small world: G-stage Sv39x4 mapping the memory at GPA == HPA plus
 * data pages elsewhere; VS-stage Sv39 with a few mappings */

static uint64_t vsatp, hgatp;
#define GPA_DATA 0x4000000000ull

static int setup(void **state)
{
    (void)state;
    memset(dev.reg, 0, sizeof dev.reg);
    dev.busy_reads = 0;
    dev.busy_after_go = 3;
    dev.err = false;
    dev.bad_accesses = 0;
    dev.head = 0;
    dev.inv_cmds = 0;
    R(ID) = HVA_ID_RESVAL;
    R(CAP0) = 16 | 4 << 16 | 8u << 24;
    R(CAP1) = 32 | 2 << 16 | 32u << 24;
    R(CAP2) = 5 | 15 << 8 | 1 << 16;
    R(CAP3) = 4 | 32 << 8 | 40u << 16;
    hva_mem_init(&dev.mem, MEM_BASE, MEM_SIZE);

    const uint64_t g = XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_X | XLATE_PTE_U | XLATE_PTE_A | XLATE_PTE_D;
    const uint64_t vs = XLATE_PTE_R | XLATE_PTE_W | XLATE_PTE_A | XLATE_PTE_D;
    uint64_t groot = hva_mem_alloc(&dev.mem, 4);
    hva_mem_map(&dev.mem, groot, 3, true, MEM_BASE, MEM_BASE, 2, g);             /* 1 GiB */
    hva_mem_map(&dev.mem, groot, 3, true, GPA_DATA, 0x900000000ull, 1, g);       /* 2 MiB */
    hva_mem_map(&dev.mem, groot, 3, true, GPA_DATA + 0x200000, 0x9a0000000ull, 0,
                g & ~XLATE_PTE_W);                                                /* read-only */
    uint64_t vroot = hva_mem_alloc(&dev.mem, 1);
    hva_mem_map(&dev.mem, vroot, 3, false, 0x10000000, GPA_DATA, 0, vs);
    hva_mem_map(&dev.mem, vroot, 3, false, 0x10001000, GPA_DATA + 0x200000, 0, vs);
    hva_mem_map(&dev.mem, vroot, 3, false, 0x20000000, 0x7000000000ull, 0, vs);  /* no G map */
    hva_mem_map(&dev.mem, vroot, 3, false, 0x30000000, GPA_DATA, 1, vs | XLATE_PTE_U);
    vsatp = xlate_make_satp(XLATE_SATP_MODE_SV39, 7, vroot >> 12);
    hgatp = xlate_make_hgatp(XLATE_HGATP_MODE_SV39X4, 3, groot >> 12);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hva_mem_free(&dev.mem);
    return 0;
}

static void same_result(const struct xlate_result *got, const struct xlate_result *want)
{
    assert_int_equal(got->exc, want->exc);
    assert_int_equal(got->hpa, want->hpa);
    assert_int_equal(got->gpa, want->gpa);
    assert_int_equal(got->tval, want->tval);
    assert_int_equal(got->htval, want->htval);
    assert_int_equal(got->implicit, want->implicit);
    assert_int_equal(got->vs_perm, want->vs_perm);
    assert_int_equal(got->g_perm, want->g_perm);
    assert_int_equal(got->page_size, want->page_size);
    assert_int_equal(got->pte_reads, want->pte_reads);
}

/* ---- tests */

static void probe_reads_capabilities(void **state)
{
    struct hva h;
    (void)state;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    assert_int_equal(h.caps.version, 0x0100);
    assert_int_equal(h.caps.tlb_entries, 16);
    assert_int_equal(h.caps.tlb_ways, 4);
    assert_int_equal(h.caps.pwc_entries, 8);
    assert_int_equal(h.caps.gtlb_entries, 32);
    assert_int_equal(h.caps.gtlb_ways, 2);
    assert_int_equal(h.caps.max_pte_reads, 32);
    assert_int_equal(h.caps.axi_id_w, 5);
    assert_int_equal(h.caps.ring_max_log2, 15);
    assert_true(h.caps.vic);
    assert_int_equal(h.caps.vic_guests, 4);
    assert_int_equal(h.caps.vic_ids, 32);
    assert_int_equal(h.caps.vic_sources, 40);
}

static void probe_rejects_foreign_id(void **state)
{
    struct hva h;
    (void)state;
    R(ID) = 0x12340100;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_ERR_ID);
    R(ID) = HVA_ID_RESVAL + 0x100;   /* another major version */
    assert_int_equal(hva_probe(&h, &fake_io), HVA_ERR_ID);
}

/* every register access through a hook that answers SLVERR */
static uint32_t err_read32(void *ctx, uint32_t off) { (void)off; *(bool *)ctx = true; return 0; }
static void err_write32(void *ctx, uint32_t off, uint32_t v) { (void)off; (void)v; *(bool *)ctx = true; }
static bool err_take(void *ctx) { bool e = *(bool *)ctx; *(bool *)ctx = false; return e; }

static void bus_errors_are_reported(void **state)
{
    struct hva h;
    struct xlate_result r;
    struct xlate_ctx c = { .vsatp = vsatp, .hgatp = hgatp, .virt = true };
    bool flag = false;
    const struct hva_io bad = { err_read32, err_write32, err_take, &flag };
    (void)state;
    assert_int_equal(hva_probe(&h, &bad), HVA_ERR_BUS);
    h.io = bad;
    h.poll_limit = 10;
    assert_int_equal(hva_translate(&h, &c, 0x10000000, XLATE_READ, &r, NULL), HVA_ERR_BUS);
    /* and a good device afterwards still works: the error was not sticky */
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    assert_int_equal(hva_translate(&h, &c, 0x10000000, XLATE_READ, &r, NULL), HVA_OK);
}

static void ctrl_word_layout(void **state)
{
    struct hva h;
    struct xlate_result r;
    (void)state;
    struct xlate_ctx c = { .vsatp = vsatp, .hgatp = hgatp, .virt = true, .sum = true,
                           .ad_mode = XLATE_AD_UPDATE };
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    assert_int_equal(hva_translate(&h, &c, 0x10000123, XLATE_WRITE, &r, NULL), HVA_OK);
    /* ACCESS=1 (write), VIRT bit 2, SUM bit 4, AD_UPDATE bit 8 */
    assert_int_equal(R(REQ_CTRL), 0x1 | 0x4 | 0x10 | 0x100);
    assert_int_equal(R(REQ_ADDR_LO), 0x10000123);
    assert_int_equal(R(REQ_VSATP_HI), (uint32_t)(vsatp >> 32));
    c = (struct xlate_ctx){ .user = true, .mxr = true, .vmxr = true, .hlvx = true };
    assert_int_equal(hva_translate(&h, &c, MEM_BASE, XLATE_EXEC, &r, NULL), HVA_OK);
    assert_int_equal(R(REQ_CTRL), 0x2 | 0x8 | 0x20 | 0x40 | 0x80);
}

static const struct { uint64_t addr; enum xlate_access acc; bool user, virt; } cases[] = {
    { 0x10000abc, XLATE_READ, false, true },    /* ok, 4 KiB */
    { 0x10000abc, XLATE_EXEC, false, true },    /* page fault: no X */
    { 0x10001008, XLATE_WRITE, false, true },   /* guest-page fault: G read-only */
    { 0x20000010, XLATE_READ, false, true },    /* guest-page fault: no G mapping */
    { 0x30012345, XLATE_READ, true, true },     /* U page from VU, 2 MiB */
    { 0x30012345, XLATE_READ, false, true },    /* U page from VS without SUM */
    { 0x40000000, XLATE_READ, false, true },    /* unmapped GVA */
    { GPA_DATA + 0x1234, XLATE_WRITE, false, false },   /* G-stage only */
};

static void single_requests_match_model(void **state)
{
    struct hva h;
    unsigned faults = 0, guest_faults = 0;
    (void)state;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct xlate_ctx c = { .vsatp = vsatp, .hgatp = hgatp, .virt = cases[i].virt,
                               .user = cases[i].user };
        struct xlate_result got, want;
        xlate_translate(&c, &dev.mem.xm, cases[i].addr, cases[i].acc, &want);
        assert_int_equal(hva_translate(&h, &c, cases[i].addr, cases[i].acc, &got, NULL), HVA_OK);
        same_result(&got, &want);
        faults += got.exc != 0;
        guest_faults += got.exc == XLATE_EXC_LOAD_GUEST_PAGE || got.exc == XLATE_EXC_STORE_GUEST_PAGE;
    }
    /* the table is not all successes or all faults (written with the comments above) */
    assert_int_equal(faults, 5);
    assert_int_equal(guest_faults, 2);
    assert_int_equal(dev.bad_accesses, 0);
}

static void single_request_times_out(void **state)
{
    struct hva h;
    struct xlate_result r;
    struct xlate_ctx c = { .hgatp = hgatp };
    (void)state;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    h.poll_limit = 50;
    dev.busy_after_go = ~0u;
    assert_int_equal(hva_translate(&h, &c, MEM_BASE, XLATE_READ, &r, NULL), HVA_ERR_TIMEOUT);
    /* a second request while the first is in flight is refused, not started */
    assert_int_equal(hva_translate(&h, &c, MEM_BASE, XLATE_READ, &r, NULL), HVA_ERR_BUSY);
}

static void ring_batches_match_model(void **state)
{
    struct hva h;
    struct hva_ring ring;
    struct hva_ring_req reqs[20];
    struct xlate_result res[20], want;
    unsigned n = sizeof reqs / sizeof reqs[0], sent = 0, got = 0;
    (void)state;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    uint64_t pa = hva_mem_alloc(&dev.mem, 1);
    assert_int_equal(hva_ring_init(&h, &ring, hva_mem_ptr(&dev.mem, pa), pa, 3), HVA_OK);
    assert_int_equal(hva_ring_init(&h, &ring, hva_mem_ptr(&dev.mem, pa + 8), pa + 8, 3), HVA_ERR_ARG);
    assert_int_equal(hva_ring_init(&h, &ring, hva_mem_ptr(&dev.mem, pa), pa, 16), HVA_ERR_ARG);
    assert_int_equal(hva_ring_init(&h, &ring, hva_mem_ptr(&dev.mem, pa), pa, 3), HVA_OK);
    for (unsigned i = 0; i < n; i++) {
        size_t k = i % (sizeof cases / sizeof cases[0]);
        reqs[i] = (struct hva_ring_req){
            .ctx = { .vsatp = vsatp, .hgatp = hgatp, .virt = cases[k].virt, .user = cases[k].user },
            .addr = cases[k].addr + i * 8, .acc = cases[k].acc };
    }
    /* 8 slots hold 7 requests: the first submit stops there */
    int s = hva_ring_submit(&h, &ring, reqs, n);
    assert_int_equal(s, 7);
    sent = 7;
    while (got < n) {
        int c = hva_ring_collect(&h, &ring, &res[got], n - got);
        assert_true(c > 0);
        got += (unsigned)c;
        if (sent < n) {
            s = hva_ring_submit(&h, &ring, &reqs[sent], n - sent);
            assert_true(s > 0);
            sent += (unsigned)s;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        xlate_translate(&reqs[i].ctx, &dev.mem.xm, reqs[i].addr, reqs[i].acc, &want);
        same_result(&res[i], &want);
    }
    assert_int_equal(hva_ring_collect(&h, &ring, res, n), 0);   /* nothing outstanding */
}

static void invalidate_writes_command(void **state)
{
    struct hva h;
    (void)state;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    struct hva_inval inv = { .gvma = true, .by_vmid = true, .by_addr = true, .vmid = 3,
                             .addr = 0x123456789000ull };
    assert_int_equal(hva_invalidate(&h, &inv), HVA_OK);
    /* GO bit 0, GVMA bit 1, BY_ADDR bit 2, BY_VMID bit 4 */
    assert_int_equal(R(INV_CMD), 0x1 | 0x2 | 0x4 | 0x10);
    assert_int_equal(R(INV_VMID), 3);
    assert_int_equal(R(INV_ADDR_LO), 0x56789000);
    assert_int_equal(R(INV_ADDR_HI), 0x1234);
    inv = (struct hva_inval){ .by_asid = true, .by_vmid = true, .vmid = 1, .asid = 9 };
    assert_int_equal(hva_invalidate(&h, &inv), HVA_OK);
    assert_int_equal(R(INV_CMD), 0x1 | 0x8 | 0x10);
    assert_int_equal(R(INV_ASID), 9);
    assert_int_equal(dev.inv_cmds, 2);
}

static void counters_read_and_clear(void **state)
{
    struct hva h;
    struct hva_counters k;
    struct xlate_result r;
    struct xlate_ctx c = { .vsatp = vsatp, .hgatp = hgatp, .virt = true };
    (void)state;
    assert_int_equal(hva_probe(&h, &fake_io), HVA_OK);
    assert_int_equal(hva_translate(&h, &c, 0x10000000, XLATE_READ, &r, NULL), HVA_OK);
    assert_int_equal(hva_translate(&h, &c, 0x10000000, XLATE_READ, &r, NULL), HVA_OK);
    assert_int_equal(hva_read_counters(&h, &k), HVA_OK);
    assert_int_equal(k.requests, 2);
    assert_int_equal(k.pte_reads, 2 * r.pte_reads);
    assert_int_equal(hva_clear_counters(&h), HVA_OK);
    assert_int_equal(hva_read_counters(&h, &k), HVA_OK);
    assert_int_equal(k.requests, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(probe_reads_capabilities), T(probe_rejects_foreign_id), T(bus_errors_are_reported),
        T(ctrl_word_layout), T(single_requests_match_model), T(single_request_times_out),
        T(ring_batches_match_model), T(invalidate_writes_command), T(counters_read_and_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
