/* hva: the HVA register driver (see hva.h). Every register name and bit
 * comes from the header generated from rtl/hva/hva_regs.map. */
#include "hva/hva.h"

#include "hva_regs.h"

#define FIELD(reg, field, v) (((v) & HVA_##reg##_##field##_MASK) >> HVA_##reg##_##field##_LSB)
#define BIT(reg, field)      (1u << HVA_##reg##_##field##_LSB)

#define DEFAULT_POLLS 1000000u

/* ---- register access: errors are sticky in the hook, taken per operation */

static uint32_t rd(struct hva *h, uint32_t off)
{
    return h->io.read32(h->io.ctx, off);
}

static void wr(struct hva *h, uint32_t off, uint32_t v)
{
    h->io.write32(h->io.ctx, off, v);
}

static void wr64(struct hva *h, uint32_t lo, uint32_t hi, uint64_t v)
{
    wr(h, lo, (uint32_t)v);
    wr(h, hi, (uint32_t)(v >> 32));
}

static uint64_t rd64(struct hva *h, uint32_t lo, uint32_t hi)
{
    return rd(h, lo) | (uint64_t)rd(h, hi) << 32;
}

static int bus_status(struct hva *h)
{
    return h->io.bus_error && h->io.bus_error(h->io.ctx) ? HVA_ERR_BUS : HVA_OK;
}

/* Orders the ring's memory writes before the register write that publishes
 * them (and register reads before the memory reads they allow). */
static void io_fence(void)
{
#ifdef __riscv
    __asm__ volatile("fence iorw, iorw" ::: "memory");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* Waits until none of `bits` is set in STATUS. */
static int wait_idle(struct hva *h, uint32_t bits)
{
    for (uint32_t i = 0; i < h->poll_limit; i++) {
        uint32_t s = rd(h, HVA_STATUS_OFFSET);
        int e = bus_status(h);
        if (e)
            return e;
        if (!(s & bits))
            return HVA_OK;
    }
    return HVA_ERR_TIMEOUT;
}

int hva_probe(struct hva *h, const struct hva_io *io)
{
    uint32_t id, c0, c1, c2, c3;

    h->io = *io;
    h->poll_limit = DEFAULT_POLLS;
    if (io->bus_error)
        (void)io->bus_error(io->ctx);   /* start clean */
    id = rd(h, HVA_ID_OFFSET);
    c0 = rd(h, HVA_CAP0_OFFSET);
    c1 = rd(h, HVA_CAP1_OFFSET);
    c2 = rd(h, HVA_CAP2_OFFSET);
    c3 = rd(h, HVA_CAP3_OFFSET);
    if (bus_status(h))
        return HVA_ERR_BUS;
    if (FIELD(ID, MAGIC, id) != HVA_MAGIC || FIELD(ID, VERSION, id) >> 8 != HVA_VERSION >> 8)
        return HVA_ERR_ID;

    struct hva_caps *c = &h->caps;
    c->version = (uint16_t)FIELD(ID, VERSION, id);
    c->tlb_entries = (uint16_t)FIELD(CAP0, TLB_ENTRIES, c0);
    c->tlb_ways = (uint8_t)FIELD(CAP0, TLB_WAYS, c0);
    c->pwc_entries = (uint8_t)FIELD(CAP0, PWC_ENTRIES, c0);
    c->gtlb_entries = (uint16_t)FIELD(CAP1, GTLB_ENTRIES, c1);
    c->gtlb_ways = (uint8_t)FIELD(CAP1, GTLB_WAYS, c1);
    c->max_pte_reads = (uint8_t)FIELD(CAP1, MAX_PTE_READS, c1);
    c->axi_id_w = (uint8_t)FIELD(CAP2, AXI_ID_W, c2);
    c->ring_max_log2 = (uint8_t)FIELD(CAP2, RING_MAX_LOG2, c2);
    c->vic = FIELD(CAP2, VIC, c2) != 0;
    c->ctx_slots = (uint8_t)FIELD(CAP2, CTX_SLOTS, c2);
    h->ctx_addr_hi_valid = 0;
    c->vic_guests = (uint8_t)FIELD(CAP3, VIC_GUESTS, c3);
    c->vic_ids = (uint8_t)FIELD(CAP3, VIC_IDS, c3);
    c->vic_sources = (uint16_t)FIELD(CAP3, VIC_SOURCES, c3);
    return HVA_OK;
}

/* ---- request and response words (REQ_CTRL, RSP_STATUS, RSP_INFO layouts) */

static uint32_t ctrl_word(const struct xlate_ctx *c, enum xlate_access acc, uint8_t id)
{
    uint32_t a = acc == XLATE_WRITE ? HVA_ACC_WRITE : acc == XLATE_EXEC ? HVA_ACC_EXEC : HVA_ACC_READ;
    return a << HVA_REQ_CTRL_ACCESS_LSB |
           (c->virt ? BIT(REQ_CTRL, VIRT) : 0) |
           (c->user ? BIT(REQ_CTRL, USER) : 0) |
           (c->sum ? BIT(REQ_CTRL, SUM) : 0) |
           (c->mxr ? BIT(REQ_CTRL, MXR) : 0) |
           (c->vmxr ? BIT(REQ_CTRL, VMXR) : 0) |
           (c->hlvx ? BIT(REQ_CTRL, HLVX) : 0) |
           (c->ad_mode == XLATE_AD_UPDATE ? BIT(REQ_CTRL, AD_UPDATE) : 0) |
           (uint32_t)id << HVA_REQ_CTRL_ID_LSB;
}

/* The HVA's {U,X,W,R} nibble in the PTE bit positions xlate reports. */
static uint8_t perm_bits(uint32_t nibble)
{
    return (uint8_t)((nibble & 0xf) << 1);
}

/* The HVA keeps neither tval nor htval (issue 9, area): tval is the
 * translated address on a fault, htval the faulting GPA >> 2 on a guest-page
 * fault (the GPA the HVA reports then), both 0 otherwise. */
static void fill_result(struct xlate_result *r, uint32_t status, uint32_t info, uint64_t addr,
                        uint64_t hpa, uint64_t gpa, struct hva_hits *hits)
{
    r->exc = FIELD(RSP_STATUS, EXC, status);
    r->implicit = FIELD(RSP_STATUS, IMPLICIT, status) != 0;
    r->hpa = hpa;
    r->gpa = gpa;
    r->tval = r->exc ? addr : 0;
    r->htval = r->exc == XLATE_EXC_INST_GUEST_PAGE || r->exc == XLATE_EXC_LOAD_GUEST_PAGE ||
                       r->exc == XLATE_EXC_STORE_GUEST_PAGE
                   ? gpa >> 2
                   : 0;
    r->vs_perm = perm_bits(FIELD(RSP_INFO, VS_PERM, info));
    r->g_perm = perm_bits(FIELD(RSP_INFO, G_PERM, info));
    r->page_size = r->exc ? 0 : 1ull << FIELD(RSP_INFO, PAGE_LOG2, info);
    r->pte_reads = FIELD(RSP_INFO, PTE_READS, info);
    r->n_steps = 0;
    if (hits) {
        hits->tlb = FIELD(RSP_STATUS, TLB_HIT, status) != 0;
        hits->gtlb = FIELD(RSP_STATUS, GTLB_HIT, status) != 0;
        hits->pwc = FIELD(RSP_STATUS, PWC_HIT, status) != 0;
    }
}

int hva_last_result(struct hva *h, uint64_t addr, struct xlate_result *r, struct hva_hits *hits)
{
    uint32_t status = rd(h, HVA_RSP_STATUS_OFFSET);
    uint32_t info = rd(h, HVA_RSP_INFO_OFFSET);
    fill_result(r, status, info, addr,
                rd64(h, HVA_RSP_HPA_LO_OFFSET, HVA_RSP_HPA_HI_OFFSET),
                rd64(h, HVA_RSP_GPA_LO_OFFSET, HVA_RSP_GPA_HI_OFFSET), hits);
    int e = bus_status(h);
    if (e)
        return e;
    return FIELD(RSP_STATUS, DONE, status) ? HVA_OK : HVA_ERR_TIMEOUT;
}

int hva_translate(struct hva *h, const struct xlate_ctx *c, uint64_t addr,
                  enum xlate_access acc, struct xlate_result *r, struct hva_hits *hits)
{
    int e;

    if (rd(h, HVA_STATUS_OFFSET) & BIT(STATUS, REQ_BUSY))
        return bus_status(h) ? HVA_ERR_BUS : HVA_ERR_BUSY;
    wr64(h, HVA_REQ_VSATP_LO_OFFSET, HVA_REQ_VSATP_HI_OFFSET, c->vsatp);
    wr64(h, HVA_REQ_HGATP_LO_OFFSET, HVA_REQ_HGATP_HI_OFFSET, c->hgatp);
    wr64(h, HVA_REQ_ADDR_LO_OFFSET, HVA_REQ_ADDR_HI_OFFSET, addr);
    wr(h, HVA_REQ_CTRL_OFFSET, ctrl_word(c, acc, 0));
    if ((e = bus_status(h)))
        return e;   /* nothing started */
    wr(h, HVA_REQ_GO_OFFSET, BIT(REQ_GO, GO));
    if ((e = wait_idle(h, BIT(STATUS, REQ_BUSY))))
        return e;
    return hva_last_result(h, addr, r, hits);
}

/* ---- context slots */

static uint32_t slot_off(unsigned slot, uint32_t reg_off)
{
    return reg_off + slot * HVA_CTX_STRIDE;
}

int hva_ctx_load(struct hva *h, unsigned slot, const struct xlate_ctx *c)
{
    if (slot >= h->caps.ctx_slots)
        return HVA_ERR_ARG;
    wr64(h, slot_off(slot, HVA_CTX_VSATP_LO_OFFSET), slot_off(slot, HVA_CTX_VSATP_HI_OFFSET),
         c->vsatp);
    wr64(h, slot_off(slot, HVA_CTX_HGATP_LO_OFFSET), slot_off(slot, HVA_CTX_HGATP_HI_OFFSET),
         c->hgatp);
    wr(h, slot_off(slot, HVA_CTX_CTRL_OFFSET), ctrl_word(c, XLATE_READ, 0));
    h->ctx_addr_hi_valid &= (uint8_t)~(1u << slot);
    return bus_status(h);
}

int hva_translate_fast(struct hva *h, unsigned slot, uint64_t addr, enum xlate_access acc,
                       uint64_t *hpa)
{
    static const uint32_t xlate_reg[3] = { HVA_CTX_XLATE_READ_OFFSET, HVA_CTX_XLATE_WRITE_OFFSET,
                                           HVA_CTX_XLATE_EXEC_OFFSET };
    uint32_t hi = (uint32_t)(addr >> 32);
    int e;

    if (slot >= h->caps.ctx_slots)
        return HVA_ERR_ARG;
    if (!(h->ctx_addr_hi_valid >> slot & 1) || h->ctx_addr_hi[slot] != hi) {
        wr(h, slot_off(slot, HVA_CTX_ADDR_HI_OFFSET), hi);
        h->ctx_addr_hi[slot] = hi;
        h->ctx_addr_hi_valid |= (uint8_t)(1u << slot);
    }
    wr(h, slot_off(slot, xlate_reg[acc == XLATE_WRITE ? 1 : acc == XLATE_EXEC ? 2 : 0]),
       (uint32_t)addr);
    uint32_t res = rd(h, HVA_XLATE_RESULT_OFFSET);   /* answered once the translation is done */
    if ((e = bus_status(h))) {
        h->ctx_addr_hi_valid = 0;   /* unknown what landed */
        return e;
    }
    if (res & BIT(XLATE_RESULT, FAULT))
        return (int)FIELD(RSP_STATUS, EXC, rd(h, HVA_RSP_STATUS_OFFSET));
    if (res & BIT(XLATE_RESULT, WIDE))
        *hpa = rd64(h, HVA_RSP_HPA_LO_OFFSET, HVA_RSP_HPA_HI_OFFSET);
    else
        *hpa = (uint64_t)FIELD(XLATE_RESULT, HPA_PPN, res) << 12 | (addr & 0xfff);
    return bus_status(h);
}

int hva_invalidate(struct hva *h, const struct hva_inval *inv)
{
    int e;
    if ((e = wait_idle(h, BIT(STATUS, INV_BUSY))))
        return e;
    wr(h, HVA_INV_VMID_OFFSET, inv->vmid);
    wr(h, HVA_INV_ASID_OFFSET, inv->asid);
    wr64(h, HVA_INV_ADDR_LO_OFFSET, HVA_INV_ADDR_HI_OFFSET, inv->addr);
    wr(h, HVA_INV_CMD_OFFSET, BIT(INV_CMD, GO) | (inv->gvma ? BIT(INV_CMD, GVMA) : 0) |
                              (inv->by_addr ? BIT(INV_CMD, BY_ADDR) : 0) |
                              (inv->by_asid ? BIT(INV_CMD, BY_ASID) : 0) |
                              (inv->by_vmid ? BIT(INV_CMD, BY_VMID) : 0));
    if ((e = bus_status(h)))
        return e;
    /* done once the walker took it: later requests see the invalidation */
    return wait_idle(h, BIT(STATUS, INV_BUSY));
}

int hva_read_counters(struct hva *h, struct hva_counters *out)
{
    out->requests = rd(h, HVA_PERF_REQUESTS_OFFSET);
    out->tlb_hits = rd(h, HVA_PERF_TLB_HITS_OFFSET);
    out->gtlb_hits = rd(h, HVA_PERF_GTLB_HITS_OFFSET);
    out->pwc_hits = rd(h, HVA_PERF_PWC_HITS_OFFSET);
    out->pte_reads = rd(h, HVA_PERF_PTE_READS_OFFSET);
    out->busy_cycles = rd(h, HVA_PERF_BUSY_CYCLES_OFFSET);
    return bus_status(h);
}

int hva_clear_counters(struct hva *h)
{
    wr(h, HVA_PERF_CTRL_OFFSET, BIT(PERF_CTRL, CLEAR));
    return bus_status(h);
}

/* ---- the ring */

static volatile uint64_t *slot(const struct hva_ring *ring, uint32_t i)
{
    return ring->slots + (i & ((1u << ring->log2) - 1)) * (HVA_SLOT_BYTES / 8);
}

int hva_ring_init(struct hva *h, struct hva_ring *ring, volatile uint64_t *slots, uint64_t pa,
                  unsigned log2)
{
    int e;
    if (log2 < 1 || log2 > h->caps.ring_max_log2 || (pa & (HVA_SLOT_BYTES - 1)))
        return HVA_ERR_ARG;
    if ((e = wait_idle(h, BIT(STATUS, RING_BUSY))))
        return e;
    ring->slots = slots;
    ring->pa = pa;
    ring->log2 = log2;
    ring->head = ring->tail = 0;
    wr64(h, HVA_RING_BASE_LO_OFFSET, HVA_RING_BASE_HI_OFFSET, pa);
    wr(h, HVA_RING_SIZE_OFFSET, log2);
    wr(h, HVA_RING_TAIL_OFFSET, 0);
    wr(h, HVA_RING_CTRL_OFFSET, BIT(RING_CTRL, RESET));
    return bus_status(h);
}

int hva_ring_submit(struct hva *h, struct hva_ring *ring, const struct hva_ring_req *reqs,
                    unsigned n)
{
    uint32_t size = 1u << ring->log2, mask = size - 1;
    unsigned done = 0;
    int e;

    while (done < n && ((ring->tail - ring->head) & 0xffffffffu) < size - 1) {
        const struct hva_ring_req *q = &reqs[done];
        volatile uint64_t *s = slot(ring, ring->tail);
        s[HVA_SLOT_VSATP / 8] = q->ctx.vsatp;
        s[HVA_SLOT_HGATP / 8] = q->ctx.hgatp;
        s[HVA_SLOT_ADDR / 8] = q->addr;
        s[HVA_SLOT_CTRL / 8] = ctrl_word(&q->ctx, q->acc, (uint8_t)ring->tail);
        s[HVA_SLOT_STATUS / 8] = 0;   /* DONE clear until the HVA answers */
        ring->tail++;
        done++;
    }
    if (done) {
        io_fence();
        wr(h, HVA_RING_TAIL_OFFSET, ring->tail & mask);
        wr(h, HVA_RING_DOORBELL_OFFSET, BIT(RING_DOORBELL, RING));
        if ((e = bus_status(h)))
            return e;
    }
    return (int)done;
}

int hva_ring_collect(struct hva *h, struct hva_ring *ring, struct xlate_result *res, unsigned max)
{
    uint32_t mask = (1u << ring->log2) - 1;
    uint32_t avail = 0, hw_head = 0;
    unsigned n = 0;
    int e;

    if (ring->head == ring->tail || max == 0)
        return 0;
    for (uint32_t i = 0; i < h->poll_limit && avail == 0; i++) {
        uint32_t st = rd(h, HVA_STATUS_OFFSET);
        hw_head = rd(h, HVA_RING_HEAD_OFFSET);
        if ((e = bus_status(h)))
            return e;
        avail = (hw_head - ring->head) & mask;
        if (avail == 0 && (st & BIT(STATUS, RING_ERR)))
            return HVA_ERR_RING;
    }
    if (avail == 0)
        return HVA_ERR_TIMEOUT;
    io_fence();
    while (n < avail && n < max) {
        volatile uint64_t *s = slot(ring, ring->head);
        uint64_t sw = s[HVA_SLOT_STATUS / 8];
        /* the request's address travels in the slot: tval is it on a fault */
        fill_result(&res[n], (uint32_t)sw, (uint32_t)(sw >> 32), s[HVA_SLOT_ADDR / 8],
                    s[HVA_SLOT_HPA / 8], s[HVA_SLOT_GPA / 8], NULL);
        if (!FIELD(RSP_STATUS, DONE, (uint32_t)sw))
            return HVA_ERR_RING;   /* HEAD moved past an unanswered slot: a broken engine */
        ring->head++;
        n++;
    }
    return (int)n;
}

int hva_ring_recover(struct hva *h, struct hva_ring *ring)
{
    wr(h, HVA_RING_CTRL_OFFSET, BIT(RING_CTRL, RESET));
    wr(h, HVA_RING_TAIL_OFFSET, 0);
    ring->head = ring->tail = 0;
    return bus_status(h);
}
