/* virtio-mmio transport and split virtqueues: see virtio_mmio.h. Section
 * numbers are those of VIRTIO 1.2. */
#include "virtio/virtio_mmio.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

#define QMASK(q) (1u << (q))

void virtio_mmio_init(struct virtio_mmio *m, uint32_t device_id, uint64_t device_features,
                      uint32_t num_queues, const struct virtio_device_ops *ops, void *dev,
                      virtio_gpa_to_hva_fn gpa_to_hva, void *mem_ctx)
{
    memset(m, 0, sizeof(*m));
    m->device_id = device_id;
    m->device_features = device_features | (1ull << VIRTIO_F_VERSION_1) |
                         (1ull << VIRTIO_F_INDIRECT_DESC);
    m->num_queues = num_queues > VIRTIO_MAX_QUEUES ? VIRTIO_MAX_QUEUES : num_queues;
    m->ops = ops;
    m->dev = dev;
    m->gpa_to_hva = gpa_to_hva;
    m->mem_ctx = mem_ctx;
}

/* ---- diagnostics and state ------------------------------------------------ */

void virtio_mmio_note(struct virtio_mmio *m, const char *why)
{
    m->errors++;
    m->last_error = why;
}

void virtio_mmio_fail(struct virtio_mmio *m, const char *why)
{
    virtio_mmio_note(m, why);
    if (!(m->status & VIRTIO_STATUS_DEVICE_NEEDS_RESET)) {
        m->status |= VIRTIO_STATUS_DEVICE_NEEDS_RESET;
        /* 2.1.2: with DRIVER_OK set, tell the driver by a config change */
        if (m->status & VIRTIO_STATUS_DRIVER_OK)
            m->isr |= VIRTIO_MMIO_INT_CONFIG;
    }
    m->pending = 0;
}

bool virtio_mmio_running(const struct virtio_mmio *m)
{
    return (m->status & (VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_DEVICE_NEEDS_RESET |
                         VIRTIO_STATUS_FAILED)) == VIRTIO_STATUS_DRIVER_OK;
}

bool virtio_mmio_has_feature(const struct virtio_mmio *m, unsigned bit)
{
    return bit < 64 && ((m->driver_features >> bit) & 1);
}

bool virtio_mmio_irq(const struct virtio_mmio *m) { return m->isr != 0; }

bool virtio_mmio_pending(const struct virtio_mmio *m) { return m->pending != 0; }

bool virtio_mmio_budget_left(const struct virtio_mmio *m)
{
    return m->budget_chains > 0 && m->budget_bytes > 0;
}

void virtio_mmio_spend(struct virtio_mmio *m, uint64_t bytes)
{
    if (m->budget_chains)
        m->budget_chains--;
    m->budget_bytes = bytes >= m->budget_bytes ? 0 : m->budget_bytes - bytes;
}

static bool map(struct virtio_mmio *m, uint64_t gpa, uint64_t len, bool write, uint8_t **hva)
{
    if (len == 0 || gpa + len < gpa)
        return false;
    *hva = 0;
    return m->gpa_to_hva(m->mem_ctx, gpa, len, write, hva) && *hva;
}

bool virtio_mmio_poll(struct virtio_mmio *m)
{
    m->budget_chains = VIRTIO_POLL_CHAINS;
    m->budget_bytes = VIRTIO_POLL_BYTES;
    for (uint32_t q = 0; q < m->num_queues; q++) {
        if (!(m->pending & QMASK(q)))
            continue;
        if (!virtio_mmio_running(m) || !m->vq[q].ready || m->ops->process(m, q))
            m->pending &= ~QMASK(q);
    }
    return m->pending != 0;
}

static void device_reset(struct virtio_mmio *m)
{
    m->status = 0;
    m->isr = 0;
    m->dev_features_sel = m->drv_features_sel = m->queue_sel = 0;
    m->driver_features = 0;
    memset(m->vq, 0, sizeof(m->vq));
    m->pending = 0;
    if (m->ops->reset)
        m->ops->reset(m);
}

/* ---- virtqueues (2.7) ---------------------------------------------------- */

static uint64_t desc_bytes(uint32_t num) { return 16ull * num; }
static uint64_t avail_bytes(uint32_t num) { return 4 + 2ull * num; }
static uint64_t used_bytes(uint32_t num) { return 4 + 8ull * num; }

/* Checked when the driver writes QueueReady = 1 (4.2.3.2, 2.7). */
static const char *queue_check(struct virtio_mmio *m, const struct virtq *vq)
{
    uint8_t *p;
    if (vq->num == 0 || vq->num > VIRTIO_QUEUE_NUM_MAX || (vq->num & (vq->num - 1)))
        return "queue size not a power of two up to QueueNumMax";
    if ((vq->desc & 15) || (vq->avail & 1) || (vq->used & 3))
        return "queue address misaligned";
    if (!map(m, vq->desc, desc_bytes(vq->num), false, &p) ||
        !map(m, vq->avail, avail_bytes(vq->num), false, &p) ||
        !map(m, vq->used, used_bytes(vq->num), true, &p))
        return "queue not in guest RAM";
    return 0;
}

static int walk_fail(struct virtio_mmio *m, const char *why)
{
    virtio_mmio_fail(m, why);
    return -1;
}

/* Follow the chain at head (2.7.5, 2.7.5.3) into m->chain. Each descriptor is
 * copied out of guest memory once and only the copy is looked at. */
static int walk(struct virtio_mmio *m, const uint8_t *desc, uint32_t num, uint16_t head)
{
    struct virtio_chain *c = &m->chain;
    const uint8_t *table = desc;
    uint32_t tsize = num, i = head, steps = 0;
    bool indirect = false;

    c->head = head;
    c->nseg = 0;
    c->truncated = false;
    c->rlen = c->wlen = 0;
    for (;;) {
        struct virtq_desc d;
        if (++steps > tsize)
            return walk_fail(m, "descriptor loop (chain longer than its table)");
        memcpy(&d, table + 16ull * i, sizeof(d));
        if (d.flags & VIRTQ_DESC_F_INDIRECT) {
            uint8_t *t;
            if (!virtio_mmio_has_feature(m, VIRTIO_F_INDIRECT_DESC))
                return walk_fail(m, "indirect descriptor not negotiated");
            if (indirect)
                return walk_fail(m, "indirect descriptor inside an indirect table");
            if (steps != 1 || (d.flags & VIRTQ_DESC_F_NEXT))
                return walk_fail(m, "indirect descriptor not alone in its chain");
            if (d.len == 0 || d.len % 16 || d.len / 16 > VIRTIO_MAX_INDIRECT)
                return walk_fail(m, "bad indirect table length");
            if (!map(m, d.addr, d.len, false, &t))
                return walk_fail(m, "indirect table not in guest RAM");
            table = t;
            tsize = d.len / 16;
            i = 0;
            steps = 0;
            indirect = true;
            continue;
        }
        bool w = (d.flags & VIRTQ_DESC_F_WRITE) != 0;
        if (w) {
            c->wlen += d.len;
        } else {
            if (c->wlen)
                return walk_fail(m, "device-readable buffer after a writable one");
            c->rlen += d.len;
        }
        if (c->nseg < VIRTIO_MAX_SEGS) {
            c->seg[c->nseg].gpa = d.addr;
            c->seg[c->nseg].len = d.len;
            c->seg[c->nseg].write = w;
            c->nseg++;
        } else {
            c->truncated = true;
        }
        if (!(d.flags & VIRTQ_DESC_F_NEXT))
            return 1;
        i = d.next;
        if (i >= tsize)
            return walk_fail(m, "descriptor index out of range");
    }
}

int virtio_mmio_pop(struct virtio_mmio *m, uint32_t q)
{
    if (q >= m->num_queues || !virtio_mmio_running(m) || !m->vq[q].ready)
        return 0;
    struct virtq *vq = &m->vq[q];
    uint8_t *desc, *avail;
    if (!map(m, vq->desc, desc_bytes(vq->num), false, &desc) ||
        !map(m, vq->avail, avail_bytes(vq->num), false, &avail))
        return walk_fail(m, "queue not in guest RAM");

    uint16_t idx = __atomic_load_n((uint16_t *)(avail + 2), __ATOMIC_ACQUIRE);
    if (idx == vq->last_avail)
        return 0;
    if ((uint16_t)(idx - vq->last_avail) > vq->num)
        return walk_fail(m, "avail index ahead by more than the queue size");
    /* 2.7.13: the ring entries and descriptors are read after avail->idx */
    __atomic_thread_fence(__ATOMIC_ACQUIRE);

    uint16_t head;
    memcpy(&head, avail + 4 + 2ull * (vq->last_avail & (vq->num - 1)), sizeof(head));
    if (head >= vq->num)
        return walk_fail(m, "avail ring entry out of range");
    int r = walk(m, desc, vq->num, head);
    if (r == 1)
        vq->last_avail++;
    return r;
}

void virtio_mmio_push(struct virtio_mmio *m, uint32_t q, uint16_t head, uint32_t len)
{
    if (q >= m->num_queues || !m->vq[q].ready)
        return;
    struct virtq *vq = &m->vq[q];
    uint8_t *used, *avail;
    if (!map(m, vq->used, used_bytes(vq->num), true, &used) ||
        !map(m, vq->avail, avail_bytes(vq->num), false, &avail)) {
        virtio_mmio_fail(m, "queue not in guest RAM");
        return;
    }
    uint32_t elem[2] = { head, len };
    memcpy(used + 4 + 8ull * (vq->used_idx & (vq->num - 1)), elem, sizeof(elem));
    /* 2.7.8.2: the element is visible before the index that publishes it */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vq->used_idx++;
    __atomic_store_n((uint16_t *)(used + 2), vq->used_idx, __ATOMIC_RELEASE);
    /* 2.7.10: read avail->flags only after the used index is out */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    uint16_t flags = __atomic_load_n((uint16_t *)avail, __ATOMIC_RELAXED);
    if (!(flags & VIRTQ_AVAIL_F_NO_INTERRUPT))
        m->isr |= VIRTIO_MMIO_INT_VRING;
}

/* Copy across the readable (write=false) or writable part of the chain. */
static bool chain_copy(struct virtio_mmio *m, bool write, uint64_t off, uint8_t *host,
                       uint64_t len)
{
    const struct virtio_chain *c = &m->chain;
    uint64_t pos = 0;
    for (uint32_t s = 0; s < c->nseg && len > 0; s++) {
        const struct virtio_seg *g = &c->seg[s];
        if (g->write != write)
            continue;
        if (off < pos + g->len) {
            uint64_t in = off - pos, n = g->len - in;
            uint8_t *hva;
            if (n > len)
                n = len;
            if (!map(m, g->gpa + in, n, write, &hva))
                return false;
            if (write)
                memcpy(hva, host, n);
            else
                memcpy(host, hva, n);
            host += n;
            off += n;
            len -= n;
        }
        pos += g->len;
    }
    return len == 0;
}

bool virtio_chain_read(struct virtio_mmio *m, uint64_t off, void *dst, uint64_t len)
{
    return chain_copy(m, false, off, dst, len);
}

bool virtio_chain_write(struct virtio_mmio *m, uint64_t off, const void *src, uint64_t len)
{
    return chain_copy(m, true, off, (uint8_t *)(uintptr_t)src, len);
}

/* ---- registers (4.2.2) ---------------------------------------------------- */

static uint32_t features_word(uint64_t f, uint32_t sel)
{
    return sel == 0 ? (uint32_t)f : sel == 1 ? (uint32_t)(f >> 32) : 0;
}

static struct virtq *selected(struct virtio_mmio *m)
{
    return m->queue_sel < m->num_queues ? &m->vq[m->queue_sel] : 0;
}

static bool size_ok(uint32_t off, unsigned size)
{
    return (size == 1 || size == 2 || size == 4 || size == 8) && off < VIRTIO_MMIO_WINDOW &&
           off + size <= VIRTIO_MMIO_WINDOW;
}

int virtio_mmio_read(struct virtio_mmio *m, uint32_t off, unsigned size, uint64_t *val)
{
    if (!size_ok(off, size))
        return -1;
    if (off >= VIRTIO_MMIO_CONFIG) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            uint32_t at = off - VIRTIO_MMIO_CONFIG + i;
            v |= (uint64_t)(at < m->config_len ? m->config[at] : 0) << (8 * i);
        }
        *val = v;
        return 0;
    }
    if (size != 4 || (off & 3))
        return -1;
    struct virtq *vq = selected(m);
    uint32_t v;
    switch (off) {
    case VIRTIO_MMIO_MAGIC_VALUE: v = VIRTIO_MMIO_MAGIC; break;
    case VIRTIO_MMIO_VERSION: v = 2; break;
    case VIRTIO_MMIO_DEVICE_ID: v = m->device_id; break;
    case VIRTIO_MMIO_VENDOR_ID: v = VIRTIO_MMIO_VENDOR; break;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        v = features_word(m->device_features, m->dev_features_sel);
        break;
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL: v = m->dev_features_sel; break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        v = features_word(m->driver_features, m->drv_features_sel);
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL: v = m->drv_features_sel; break;
    case VIRTIO_MMIO_QUEUE_SEL: v = m->queue_sel; break;
    case VIRTIO_MMIO_QUEUE_NUM_MAX: v = vq ? VIRTIO_QUEUE_NUM_MAX : 0; break;
    case VIRTIO_MMIO_QUEUE_NUM: v = vq ? vq->num : 0; break;
    case VIRTIO_MMIO_QUEUE_READY: v = vq ? vq->ready : 0; break;
    case VIRTIO_MMIO_QUEUE_NOTIFY: v = 0; break;
    case VIRTIO_MMIO_INTERRUPT_STATUS: v = m->isr; break;
    case VIRTIO_MMIO_INTERRUPT_ACK: v = 0; break;
    case VIRTIO_MMIO_STATUS: v = m->status; break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW: v = vq ? (uint32_t)vq->desc : 0; break;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH: v = vq ? (uint32_t)(vq->desc >> 32) : 0; break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW: v = vq ? (uint32_t)vq->avail : 0; break;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: v = vq ? (uint32_t)(vq->avail >> 32) : 0; break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW: v = vq ? (uint32_t)vq->used : 0; break;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: v = vq ? (uint32_t)(vq->used >> 32) : 0; break;
    case VIRTIO_MMIO_SHM_SEL: v = 0; break;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH: v = 0xffffffffu; break; /* no such region */
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH: v = 0; break;
    case VIRTIO_MMIO_QUEUE_RESET: v = 0; break;
    case VIRTIO_MMIO_CONFIG_GENERATION: v = m->config_generation; break;
    default: return -1;
    }
    *val = v;
    return 0;
}

static void set_half(uint64_t *reg, bool high, uint32_t v)
{
    *reg = high ? (*reg & 0xffffffffull) | (uint64_t)v << 32 : (*reg & ~0xffffffffull) | v;
}

static void write_driver_features(struct virtio_mmio *m, uint32_t v)
{
    /* 3.1.1: no feature changes once FEATURES_OK is set */
    if (m->status & VIRTIO_STATUS_FEATURES_OK) {
        virtio_mmio_note(m, "driver features written after FEATURES_OK");
        return;
    }
    if (m->drv_features_sel <= 1)
        set_half(&m->driver_features, m->drv_features_sel == 1, v);
}

static void write_queue_ready(struct virtio_mmio *m, struct virtq *vq, uint32_t v)
{
    if (!(v & 1)) {
        vq->ready = false;
        return;
    }
    if (vq->ready)
        return;
    const char *bad = queue_check(m, vq);
    if (bad) {
        virtio_mmio_fail(m, bad);
        return;
    }
    vq->ready = true;
}

static void write_status(struct virtio_mmio *m, uint32_t v)
{
    if (v == 0) {
        device_reset(m);
        return;
    }
    uint32_t old = m->status;
    uint32_t s = (v & 0xff & ~VIRTIO_STATUS_DEVICE_NEEDS_RESET) |
                 (old & VIRTIO_STATUS_DEVICE_NEEDS_RESET);
    if ((s & VIRTIO_STATUS_FEATURES_OK) && !(old & VIRTIO_STATUS_FEATURES_OK)) {
        /* 3.1.1 step 5: accept only a subset of ours that includes VERSION_1 */
        if ((m->driver_features & ~m->device_features) ||
            !virtio_mmio_has_feature(m, VIRTIO_F_VERSION_1)) {
            virtio_mmio_note(m, "driver features not accepted");
            s &= ~VIRTIO_STATUS_FEATURES_OK;
        }
    }
    if ((s & VIRTIO_STATUS_DRIVER_OK) && !(s & VIRTIO_STATUS_FEATURES_OK)) {
        virtio_mmio_note(m, "DRIVER_OK without FEATURES_OK");
        s &= ~VIRTIO_STATUS_DRIVER_OK;
    }
    m->status = s;
    if ((s & VIRTIO_STATUS_DRIVER_OK) && !(old & VIRTIO_STATUS_DRIVER_OK)) {
        if (s & VIRTIO_STATUS_DEVICE_NEEDS_RESET) {
            m->isr |= VIRTIO_MMIO_INT_CONFIG;
            return;
        }
        /* buffers made available before DRIVER_OK are looked at now */
        for (uint32_t q = 0; q < m->num_queues; q++)
            if (m->vq[q].ready)
                m->pending |= QMASK(q);
        virtio_mmio_poll(m);
    }
}

int virtio_mmio_write(struct virtio_mmio *m, uint32_t off, unsigned size, uint64_t val)
{
    if (!size_ok(off, size))
        return -1;
    if (off >= VIRTIO_MMIO_CONFIG)
        return 0; /* no writable config field is offered */
    if (size != 4 || (off & 3))
        return -1;
    uint32_t v = (uint32_t)val;
    struct virtq *vq = selected(m);
    /* queue layout is fixed while the queue is ready (4.2.3.2) */
    struct virtq *vq_cfg = vq && !vq->ready ? vq : 0;
    switch (off) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL: m->dev_features_sel = v; break;
    case VIRTIO_MMIO_DRIVER_FEATURES: write_driver_features(m, v); break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL: m->drv_features_sel = v; break;
    case VIRTIO_MMIO_QUEUE_SEL: m->queue_sel = v; break;
    case VIRTIO_MMIO_QUEUE_NUM:
        if (vq_cfg)
            vq_cfg->num = v;
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        if (vq)
            write_queue_ready(m, vq, v);
        break;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        if (v < m->num_queues && m->vq[v].ready && virtio_mmio_running(m)) {
            m->pending |= QMASK(v);
            virtio_mmio_poll(m);
        }
        break;
    case VIRTIO_MMIO_INTERRUPT_ACK: m->isr &= ~v; break;
    case VIRTIO_MMIO_STATUS: write_status(m, v); break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        if (vq_cfg)
            set_half(&vq_cfg->desc, off == VIRTIO_MMIO_QUEUE_DESC_HIGH, v);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        if (vq_cfg)
            set_half(&vq_cfg->avail, off == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, v);
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        if (vq_cfg)
            set_half(&vq_cfg->used, off == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, v);
        break;
    /* read-only registers and what is not offered: writes are ignored */
    case VIRTIO_MMIO_MAGIC_VALUE:
    case VIRTIO_MMIO_VERSION:
    case VIRTIO_MMIO_DEVICE_ID:
    case VIRTIO_MMIO_VENDOR_ID:
    case VIRTIO_MMIO_DEVICE_FEATURES:
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
    case VIRTIO_MMIO_INTERRUPT_STATUS:
    case VIRTIO_MMIO_SHM_SEL:
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
    case VIRTIO_MMIO_QUEUE_RESET:
    case VIRTIO_MMIO_CONFIG_GENERATION:
        break;
    default:
        return -1;
    }
    return 0;
}
