/* Host tests for the virtio-mmio transport, block device and console. A fake
 * guest driver does what Linux's virtio_mmio/virtio_ring do: the init
 * sequence of VIRTIO 1.2 3.1.1, split virtqueues in a guest RAM array reached
 * only through gpa_to_hva, requests, notifications and interrupts. Register
 * offsets and bit values are written out here from the spec rather than taken
 * from the headers. Random test: VIRTIO_SEED=<n> replays a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "virtio/virtio_blk.h"
#include "virtio/virtio_console.h"

/* registers (4.2.2) */
enum {
    MAGIC = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c, DEV_FEAT = 0x010,
    DEV_FEAT_SEL = 0x014, DRV_FEAT = 0x020, DRV_FEAT_SEL = 0x024, QUEUE_SEL = 0x030,
    QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038, QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050,
    INT_STATUS = 0x060, INT_ACK = 0x064, STATUS = 0x070, DESC_LO = 0x080, DESC_HI = 0x084,
    DRIVER_LO = 0x090, DRIVER_HI = 0x094, DEVICE_LO = 0x0a0, DEVICE_HI = 0x0a4,
    SHM_LEN_LO = 0x0b0, CONFIG_GEN = 0x0fc, CONFIG = 0x100,
};
enum { S_ACK = 1, S_DRIVER = 2, S_DRIVER_OK = 4, S_FEATURES_OK = 8, S_NEEDS_RESET = 64 };
enum { D_NEXT = 1, D_WRITE = 2, D_INDIRECT = 4 };
enum { T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8, T_BOGUS = 77 };
enum { ST_OK = 0, ST_IOERR = 1, ST_UNSUPP = 2 };
#define F_VERSION_1 (1ull << 32)
#define F_INDIRECT  (1ull << 28)
#define F_BLK_RO    (1ull << 5)
#define F_BLK_FLUSH (1ull << 9)
#define F_ALL       (~0ull)

/* ---- guest memory ------------------------------------------------------ */

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (4u << 20)
#define RO_BASE  (RAM_BASE + RAM_SIZE - 0x10000) /* last 64 KiB: gpa_to_hva refuses writes */
#define RING_GPA(q) (RAM_BASE + 0x4000ull * (q))  /* desc +0, avail +0x1000, used +0x2000 */
#define HEAP_GPA (RAM_BASE + 0x10000)

struct guest {
    uint8_t *ram;
    unsigned calls;
};

static bool g2h(void *ctx, uint64_t gpa, uint64_t len, bool write, uint8_t **hva)
{
    struct guest *g = ctx;
    g->calls++;
    if (gpa < RAM_BASE || len > RAM_SIZE || gpa - RAM_BASE > RAM_SIZE - len)
        return false;
    if (write && gpa + len > RO_BASE)
        return false;
    *hva = g->ram + (gpa - RAM_BASE);
    return true;
}

static uint8_t *gp(struct guest *g, uint64_t gpa) { return g->ram + (gpa - RAM_BASE); }

/* ---- registers --------------------------------------------------------- */

static uint32_t r32(struct virtio_mmio *m, uint32_t off)
{
    uint64_t v = 0xdeadbeefdeadbeefull;
    assert_int_equal(virtio_mmio_read(m, off, 4, &v), 0);
    assert_true(v <= 0xffffffffull);
    return (uint32_t)v;
}

static void w32(struct virtio_mmio *m, uint32_t off, uint32_t v)
{
    assert_int_equal(virtio_mmio_write(m, off, 4, v), 0);
}

/* ---- fake driver ------------------------------------------------------- */

struct seg {
    uint64_t gpa;
    uint32_t len;
    uint16_t flags; /* D_WRITE, or D_INDIRECT for a raw table descriptor */
};

struct drv_q {
    uint32_t num;
    uint16_t avail_idx, last_used;
    uint16_t next_desc;
};

struct drv {
    struct virtio_mmio *m;
    struct guest *g;
    uint32_t nq;
    struct drv_q q[2];
    uint64_t heap;      /* bump allocator for buffers */
    uint64_t features;
};

static uint64_t alloc(struct drv *d, uint64_t len)
{
    uint64_t a = d->heap;
    d->heap = (d->heap + len + 15) & ~15ull;
    assert_true(d->heap < RO_BASE);
    return a;
}

static void heap_reset(struct drv *d) { d->heap = HEAP_GPA; }

/* 3.1.1, as Linux's virtio_mmio probe and virtio_dev_probe do it */
static void drv_init_num(struct drv *d, uint64_t want, uint32_t num)
{
    struct virtio_mmio *m = d->m;
    w32(m, STATUS, 0);
    assert_int_equal(r32(m, STATUS), 0);
    assert_int_equal(r32(m, MAGIC), 0x74726976);
    assert_int_equal(r32(m, VERSION), 2);
    w32(m, STATUS, S_ACK);
    w32(m, STATUS, S_ACK | S_DRIVER);
    w32(m, DEV_FEAT_SEL, 0);
    uint64_t f = r32(m, DEV_FEAT);
    w32(m, DEV_FEAT_SEL, 1);
    f |= (uint64_t)r32(m, DEV_FEAT) << 32;
    assert_true(f & F_VERSION_1);
    d->features = f & want;
    w32(m, DRV_FEAT_SEL, 0);
    w32(m, DRV_FEAT, (uint32_t)d->features);
    w32(m, DRV_FEAT_SEL, 1);
    w32(m, DRV_FEAT, (uint32_t)(d->features >> 32));
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    assert_true(r32(m, STATUS) & S_FEATURES_OK);
    for (uint32_t q = 0; q < d->nq; q++) {
        w32(m, QUEUE_SEL, q);
        assert_int_equal(r32(m, QUEUE_READY), 0);
        uint32_t max = r32(m, QUEUE_NUM_MAX);
        assert_true(max >= num);
        memset(gp(d->g, RING_GPA(q)), 0, 0x4000);
        w32(m, QUEUE_NUM, num);
        w32(m, DESC_LO, (uint32_t)RING_GPA(q));
        w32(m, DESC_HI, (uint32_t)(RING_GPA(q) >> 32));
        w32(m, DRIVER_LO, (uint32_t)(RING_GPA(q) + 0x1000));
        w32(m, DRIVER_HI, 0);
        w32(m, DEVICE_LO, (uint32_t)(RING_GPA(q) + 0x2000));
        w32(m, DEVICE_HI, 0);
        w32(m, QUEUE_READY, 1);
        assert_int_equal(r32(m, QUEUE_READY), 1);
        d->q[q] = (struct drv_q){ .num = num };
    }
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    assert_int_equal(r32(m, STATUS), S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    heap_reset(d);
}

static void drv_init(struct drv *d, uint64_t want) { drv_init_num(d, want, 64); }

static void put_desc(uint8_t *table, uint32_t i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint8_t *p = table + 16 * i;
    memcpy(p, &addr, 8);
    memcpy(p + 8, &len, 4);
    memcpy(p + 12, &flags, 2);
    memcpy(p + 14, &next, 2);
}

static uint8_t *desc_table(struct drv *d, uint32_t q) { return gp(d->g, RING_GPA(q)); }
static uint8_t *avail_ring(struct drv *d, uint32_t q) { return gp(d->g, RING_GPA(q) + 0x1000); }
static uint8_t *used_ring(struct drv *d, uint32_t q) { return gp(d->g, RING_GPA(q) + 0x2000); }

/* Make head available (without notifying). */
static void publish(struct drv *d, uint32_t q, uint16_t head)
{
    struct drv_q *dq = &d->q[q];
    uint8_t *av = avail_ring(d, q);
    memcpy(av + 4 + 2 * (dq->avail_idx % dq->num), &head, 2);
    dq->avail_idx++;
    memcpy(av + 2, &dq->avail_idx, 2);
}

/* Chain of n buffers, direct or through one indirect table; returns head. */
static uint16_t add_chain(struct drv *d, uint32_t q, const struct seg *s, uint32_t n,
                          bool indirect)
{
    struct drv_q *dq = &d->q[q];
    uint8_t *t = desc_table(d, q);
    uint16_t head = dq->next_desc;
    if (indirect) {
        uint64_t tab = alloc(d, 16ull * n);
        for (uint32_t i = 0; i < n; i++)
            put_desc(gp(d->g, tab), i, s[i].gpa, s[i].len,
                     (uint16_t)(s[i].flags | (i + 1 < n ? D_NEXT : 0)), (uint16_t)(i + 1));
        put_desc(t, head, tab, 16 * n, D_INDIRECT, 0);
        dq->next_desc = (uint16_t)((dq->next_desc + 1) % dq->num);
    } else {
        assert_true(n <= dq->num);
        for (uint32_t i = 0; i < n; i++) {
            uint16_t at = dq->next_desc;
            dq->next_desc = (uint16_t)((dq->next_desc + 1) % dq->num);
            put_desc(t, at, s[i].gpa, s[i].len, (uint16_t)(s[i].flags | (i + 1 < n ? D_NEXT : 0)),
                     dq->next_desc);
        }
    }
    publish(d, q, head);
    return head;
}

static void kick(struct drv *d, uint32_t q) { w32(d->m, QUEUE_NOTIFY, q); }

static bool get_used(struct drv *d, uint32_t q, uint32_t *id, uint32_t *len)
{
    struct drv_q *dq = &d->q[q];
    uint8_t *u = used_ring(d, q);
    uint16_t idx;
    memcpy(&idx, u + 2, 2);
    if (idx == dq->last_used)
        return false;
    uint32_t e[2];
    memcpy(e, u + 4 + 8 * (dq->last_used % dq->num), 8);
    dq->last_used++;
    if (id)
        *id = e[0];
    if (len)
        *len = e[1];
    return true;
}

static uint16_t used_idx(struct drv *d, uint32_t q)
{
    uint16_t idx;
    memcpy(&idx, used_ring(d, q) + 2, 2);
    return idx;
}

static bool needs_reset(struct drv *d) { return (r32(d->m, STATUS) & S_NEEDS_RESET) != 0; }

/* ---- block helpers ------------------------------------------------------ */

#define DISK_SECTORS 512
#define DISK_SIZE (DISK_SECTORS * 512)

struct blk_fx {
    struct guest g;
    struct virtio_blk b;
    uint8_t *disk;
    struct drv d;
};

static struct blk_fx *blk_fx_new(bool ro)
{
    struct blk_fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->g.ram = aligned_alloc(4096, RAM_SIZE);
    f->disk = malloc(DISK_SIZE);
    assert_non_null(f->g.ram);
    assert_non_null(f->disk);
    memset(f->g.ram, 0xa5, RAM_SIZE);
    for (uint32_t i = 0; i < DISK_SIZE; i++)
        f->disk[i] = (uint8_t)(i * 7 + i / 512);
    virtio_blk_init(&f->b, f->disk, DISK_SIZE, ro, "chipvisor-disk0", g2h, &f->g);
    f->d = (struct drv){ .m = &f->b.mmio, .g = &f->g, .nq = 1 };
    return f;
}

static int blk_setup(void **state)
{
    struct blk_fx *f = blk_fx_new(false);
    drv_init(&f->d, F_ALL);
    *state = f;
    return 0;
}

static int blk_teardown(void **state)
{
    struct blk_fx *f = *state;
    free(f->g.ram);
    free(f->disk);
    free(f);
    return 0;
}

/* A request: header, data (len bytes at data, device-writable for IN and
 * GET_ID) and status, one buffer each; returns the head. */
static uint16_t blk_add(struct drv *d, uint32_t type, uint64_t sector, uint64_t data,
                        uint32_t len, uint64_t status, bool indirect)
{
    struct seg s[4];
    uint32_t n = 0;
    uint64_t h = alloc(d, 16);
    uint32_t hdr[4] = { type, 0, (uint32_t)sector, (uint32_t)(sector >> 32) };
    memcpy(gp(d->g, h), hdr, 16);
    s[n++] = (struct seg){ h, 16, 0 };
    bool w = type == T_IN || type == T_GET_ID;
    if (len)
        s[n++] = (struct seg){ data, len, w ? D_WRITE : 0 };
    *gp(d->g, status) = 0xee;
    s[n++] = (struct seg){ status, 1, D_WRITE };
    return add_chain(d, 0, s, n, indirect);
}

/* One request, notified and completed: its status byte. */
static uint8_t blk_rq(struct drv *d, uint32_t type, uint64_t sector, uint64_t data, uint32_t len)
{
    uint64_t st = alloc(d, 1);
    uint16_t head = blk_add(d, type, sector, data, len, st, false);
    kick(d, 0);
    uint32_t id = 0, ulen = 0;
    assert_true(get_used(d, 0, &id, &ulen));
    assert_int_equal(id, head);
    assert_false(get_used(d, 0, NULL, NULL));
    return *gp(d->g, st);
}

/* ---- block tests --------------------------------------------------------- */

static void test_blk_identity_and_config(void **state)
{
    struct blk_fx *f = *state;
    struct virtio_mmio *m = &f->b.mmio;
    assert_int_equal(r32(m, DEVICE_ID), 2);
    assert_int_not_equal(r32(m, VENDOR_ID), 0);
    assert_true(f->d.features & F_VERSION_1);
    assert_true(f->d.features & F_INDIRECT);
    assert_true(f->d.features & F_BLK_FLUSH);
    assert_false(f->d.features & F_BLK_RO);
    /* capacity as Linux reads a u64 field: two 32-bit reads, and also whole */
    uint64_t cap = r32(m, CONFIG) | (uint64_t)r32(m, CONFIG + 4) << 32;
    assert_int_equal(cap, DISK_SECTORS);
    uint64_t v = 0;
    assert_int_equal(virtio_mmio_read(m, CONFIG, 8, &v), 0);
    assert_int_equal(v, DISK_SECTORS);
    assert_int_equal(virtio_mmio_read(m, CONFIG + 1, 1, &v), 0);
    assert_int_equal(v, DISK_SECTORS >> 8);
    assert_int_equal(r32(m, CONFIG + 0x14), 512); /* blk_size */
    assert_int_equal(r32(m, CONFIG + 0x0c), 126); /* seg_max */
    assert_int_equal(r32(m, CONFIG + 0x08), 65536); /* size_max */
    assert_int_equal(r32(m, CONFIG + 0x80), 0);   /* past the fields */
    assert_int_equal(r32(m, CONFIG_GEN), r32(m, CONFIG_GEN));
    /* one queue */
    w32(m, QUEUE_SEL, 0);
    assert_int_equal(r32(m, QUEUE_NUM_MAX), 256);
    w32(m, QUEUE_SEL, 1);
    assert_int_equal(r32(m, QUEUE_NUM_MAX), 0);
    assert_int_equal(r32(m, SHM_LEN_LO), 0xffffffffu);
    assert_int_equal(r32(m, INT_STATUS), 0);
    assert_false(virtio_mmio_irq(m));
}

static void test_bad_register_accesses(void **state)
{
    struct blk_fx *f = *state;
    struct virtio_mmio *m = &f->b.mmio;
    uint64_t v;
    assert_int_equal(virtio_mmio_read(m, MAGIC, 2, &v), -1);   /* registers are 32-bit */
    assert_int_equal(virtio_mmio_read(m, MAGIC + 1, 4, &v), -1);
    assert_int_equal(virtio_mmio_read(m, 0x0f0, 4, &v), -1);   /* no register there */
    assert_int_equal(virtio_mmio_read(m, 0x1000, 4, &v), -1);
    assert_int_equal(virtio_mmio_read(m, 0xffe, 4, &v), -1);
    assert_int_equal(virtio_mmio_read(m, CONFIG, 3, &v), -1);
    assert_int_equal(virtio_mmio_write(m, STATUS, 1, 0), -1);
    assert_int_equal(virtio_mmio_write(m, 0x0f0, 4, 0), -1);
    assert_int_equal(virtio_mmio_write(m, 0xffffff00u, 4, 0), -1);
    w32(m, MAGIC, 0);  /* read-only: ignored */
    w32(m, CONFIG, 0); /* config space is read-only here: ignored */
    assert_int_equal(r32(m, MAGIC), 0x74726976);
    assert_int_equal(r32(m, CONFIG), DISK_SECTORS);
    assert_int_equal(r32(m, STATUS), S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
}

static void test_blk_read_write(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    uint64_t buf = alloc(d, 3 * 512);
    assert_int_equal(blk_rq(d, T_IN, 3, buf, 3 * 512), ST_OK);
    assert_memory_equal(gp(&f->g, buf), f->disk + 3 * 512, 3 * 512);

    uint64_t wb = alloc(d, 2 * 512);
    for (int i = 0; i < 1024; i++)
        gp(&f->g, wb)[i] = (uint8_t)(0x30 + i % 61);
    assert_int_equal(blk_rq(d, T_OUT, 10, wb, 1024), ST_OK);
    assert_memory_equal(f->disk + 10 * 512, gp(&f->g, wb), 1024);

    uint64_t rb = alloc(d, 1024);
    assert_int_equal(blk_rq(d, T_IN, 10, rb, 1024), ST_OK);
    assert_memory_equal(gp(&f->g, rb), gp(&f->g, wb), 1024);
    /* the last sector is in range */
    assert_int_equal(blk_rq(d, T_IN, DISK_SECTORS - 1, rb, 512), ST_OK);
    assert_memory_equal(gp(&f->g, rb), f->disk + DISK_SIZE - 512, 512);
    assert_int_equal(f->b.reads, 3);
    assert_int_equal(f->b.writes, 1);
    assert_int_equal(f->b.mmio.errors, 0);
}

static void test_blk_used_len(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    uint64_t buf = alloc(d, 512), st = alloc(d, 1);
    blk_add(d, T_IN, 0, buf, 512, st, false);
    kick(d, 0);
    uint32_t len = 0;
    assert_true(get_used(d, 0, NULL, &len));
    assert_int_equal(len, 513); /* data and status */
    blk_add(d, T_OUT, 0, buf, 512, st, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, &len));
    assert_int_equal(len, 1);
}

static void test_blk_flush_get_id(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    assert_int_equal(blk_rq(d, T_FLUSH, 0, 0, 0), ST_OK);
    uint64_t id = alloc(d, 20);
    assert_int_equal(blk_rq(d, T_GET_ID, 0, id, 20), ST_OK);
    assert_memory_equal(gp(&f->g, id), "chipvisor-disk0\0\0\0\0\0", 20);
    assert_int_equal(f->b.flushes, 1);
    assert_int_equal(blk_rq(d, T_BOGUS, 0, 0, 0), ST_UNSUPP);
}

static void test_blk_indirect_and_framing(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    /* indirect chain */
    uint64_t buf = alloc(d, 2048), st = alloc(d, 1);
    uint16_t head = blk_add(d, T_IN, 7, buf, 2048, st, true);
    kick(d, 0);
    uint32_t id;
    assert_true(get_used(d, 0, &id, NULL));
    assert_int_equal(id, head);
    assert_int_equal(*gp(&f->g, st), ST_OK);
    assert_memory_equal(gp(&f->g, buf), f->disk + 7 * 512, 2048);

    /* header split 5+11, data split at odd places, status in its own buffer;
     * the data comes from scattered guest pages */
    uint64_t h = alloc(d, 16), a = alloc(d, 100), b = alloc(d, 1000), c = alloc(d, 436);
    st = alloc(d, 1);
    uint32_t hdr[4] = { T_OUT, 0, 20, 0 };
    memcpy(gp(&f->g, h), hdr, 16);
    for (int i = 0; i < 100; i++) gp(&f->g, a)[i] = (uint8_t)i;
    for (int i = 0; i < 1000; i++) gp(&f->g, b)[i] = (uint8_t)(i ^ 0x5a);
    for (int i = 0; i < 436; i++) gp(&f->g, c)[i] = (uint8_t)(i + 3);
    struct seg s[] = { { h, 5, 0 }, { h + 5, 11, 0 }, { a, 100, 0 }, { b, 1000, 0 },
                       { c, 436, 0 }, { st, 1, D_WRITE } };
    add_chain(d, 0, s, 6, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, NULL));
    assert_int_equal(*gp(&f->g, st), ST_OK);
    assert_memory_equal(f->disk + 20 * 512, gp(&f->g, a), 100);
    assert_memory_equal(f->disk + 20 * 512 + 100, gp(&f->g, b), 1000);
    assert_memory_equal(f->disk + 20 * 512 + 1100, gp(&f->g, c), 436);
    /* the read side split the same way, status sharing the last data buffer */
    uint64_t r = alloc(d, 1025);
    struct seg s2[] = { { h, 16, 0 }, { r, 7, D_WRITE }, { r + 7, 1018, D_WRITE } };
    hdr[0] = T_IN;
    memcpy(gp(&f->g, h), hdr, 16);
    add_chain(d, 0, s2, 3, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, NULL));
    assert_int_equal(*gp(&f->g, r + 1024), ST_OK);
    assert_memory_equal(gp(&f->g, r), f->disk + 20 * 512, 1024);
}

static void test_blk_write_survives_reset(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    uint64_t wb = alloc(d, 512);
    memset(gp(&f->g, wb), 0x42, 512);
    assert_int_equal(blk_rq(d, T_OUT, 99, wb, 512), ST_OK);
    drv_init(d, F_ALL); /* writes Status 0 first */
    assert_int_equal(used_idx(d, 0), 0);
    uint64_t rb = alloc(d, 512);
    assert_int_equal(blk_rq(d, T_IN, 99, rb, 512), ST_OK);
    for (int i = 0; i < 512; i++)
        assert_int_equal(gp(&f->g, rb)[i], 0x42);
    /* and with a different queue size after the reset */
    drv_init_num(d, F_ALL, 8);
    rb = alloc(d, 512);
    for (int i = 0; i < 20; i++) /* wraps the 8-entry rings */
        assert_int_equal(blk_rq(d, T_IN, 99, rb, 512), ST_OK);
    assert_int_equal(gp(&f->g, rb)[511], 0x42);
}

static void test_blk_before_driver_ok(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    struct virtio_mmio *m = d->m;
    /* buffers made available and notified before DRIVER_OK wait for it */
    w32(m, STATUS, 0);
    w32(m, STATUS, S_ACK);
    w32(m, STATUS, S_ACK | S_DRIVER);
    w32(m, DRV_FEAT_SEL, 1);
    w32(m, DRV_FEAT, 1); /* VERSION_1 */
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    w32(m, QUEUE_SEL, 0);
    w32(m, QUEUE_NUM, 16);
    memset(gp(&f->g, RING_GPA(0)), 0, 0x4000);
    w32(m, DESC_LO, (uint32_t)RING_GPA(0));
    w32(m, DRIVER_LO, (uint32_t)RING_GPA(0) + 0x1000);
    w32(m, DEVICE_LO, (uint32_t)RING_GPA(0) + 0x2000);
    w32(m, QUEUE_READY, 1);
    d->q[0] = (struct drv_q){ .num = 16 };
    uint64_t buf = alloc(d, 512), st = alloc(d, 1);
    blk_add(d, T_IN, 1, buf, 512, st, false);
    kick(d, 0);
    assert_int_equal(used_idx(d, 0), 0);
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    assert_int_equal(used_idx(d, 0), 1);
    assert_int_equal(*gp(&f->g, st), ST_OK);
}

static void test_irq_and_ack(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    struct virtio_mmio *m = d->m;
    uint64_t buf = alloc(d, 512);
    assert_false(virtio_mmio_irq(m));
    assert_int_equal(blk_rq(d, T_IN, 0, buf, 512), ST_OK);
    assert_true(virtio_mmio_irq(m));
    assert_int_equal(r32(m, INT_STATUS), 1);
    w32(m, INT_ACK, 2); /* acking another bit leaves it */
    assert_true(virtio_mmio_irq(m));
    w32(m, INT_ACK, 1);
    assert_false(virtio_mmio_irq(m));
    assert_int_equal(r32(m, INT_STATUS), 0);
    /* VIRTQ_AVAIL_F_NO_INTERRUPT: completed without an interrupt */
    uint16_t no_int = 1;
    memcpy(avail_ring(d, 0), &no_int, 2);
    assert_int_equal(blk_rq(d, T_IN, 0, buf, 512), ST_OK);
    assert_false(virtio_mmio_irq(m));
    no_int = 0;
    memcpy(avail_ring(d, 0), &no_int, 2);
    assert_int_equal(blk_rq(d, T_IN, 0, buf, 512), ST_OK);
    assert_true(virtio_mmio_irq(m));
    /* reset drops the interrupt */
    w32(m, STATUS, 0);
    assert_false(virtio_mmio_irq(m));
}

static void test_blk_batch_and_budget(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    drv_init_num(d, F_ALL, 256);
    enum { N = 80 }; /* more than VIRTIO_POLL_CHAINS (64) */
    uint64_t st[N], buf = alloc(d, 512);
    for (int i = 0; i < N; i++) {
        st[i] = alloc(d, 1);
        blk_add(d, T_IN, (uint64_t)i, buf, 512, st[i], false);
    }
    kick(d, 0);
    assert_int_equal(used_idx(d, 0), 64);
    assert_true(virtio_mmio_pending(d->m));
    assert_false(virtio_mmio_poll(d->m));
    assert_int_equal(used_idx(d, 0), N);
    for (int i = 0; i < N; i++)
        assert_int_equal(*gp(&f->g, st[i]), ST_OK);
    /* byte budget: 3 requests of 2 MiB (capped by the disk: use a bigger one) */
    assert_false(virtio_mmio_poll(d->m)); /* nothing left: no-op */
}

static void test_blk_byte_budget(void **state)
{
    (void)state;
    struct guest g = { .ram = aligned_alloc(4096, RAM_SIZE) };
    uint64_t big = 16u << 20;
    uint8_t *disk = calloc(1, big);
    assert_non_null(g.ram);
    assert_non_null(disk);
    struct virtio_blk *b = calloc(1, sizeof(*b));
    virtio_blk_init(b, disk, big, false, NULL, g2h, &g);
    struct drv d = { .m = &b->mmio, .g = &g, .nq = 1 };
    drv_init(&d, F_ALL);
    /* 3 reads of 1.5 MiB each into the same buffer: 4 MiB budget per call */
    uint64_t buf = alloc(&d, 3u << 19);
    for (int i = 0; i < 3; i++)
        blk_add(&d, T_IN, (uint64_t)i * 3072, buf, 3u << 19, alloc(&d, 1), false);
    kick(&d, 0);
    assert_int_equal(used_idx(&d, 0), 3); /* 1.5 + 1.5 < 4, third starts with 1 MiB left */
    for (int i = 0; i < 4; i++)
        blk_add(&d, T_IN, (uint64_t)i * 3072, buf, 3u << 19, alloc(&d, 1), false);
    kick(&d, 0);
    assert_int_equal(used_idx(&d, 0), 6);
    assert_true(virtio_mmio_pending(&b->mmio));
    assert_false(virtio_mmio_poll(&b->mmio));
    assert_int_equal(used_idx(&d, 0), 7);
    /* a request bigger than seg_max * size_max fails alone */
    uint64_t st = alloc(&d, 1);
    blk_add(&d, T_IN, 0, buf, 126 * 65536 + 512, st, false);
    kick(&d, 0);
    assert_int_equal(*gp(&g, st), ST_IOERR);
    assert_false(needs_reset(&d));
    free(b);
    free(disk);
    free(g.ram);
}

static void test_blk_readonly(void **state)
{
    (void)state;
    struct blk_fx *f = blk_fx_new(true);
    struct drv *d = &f->d;
    drv_init(d, F_ALL);
    assert_true(d->features & F_BLK_RO);
    uint8_t before[512];
    memcpy(before, f->disk + 512, 512);
    uint64_t wb = alloc(d, 512);
    memset(gp(&f->g, wb), 0x11, 512);
    assert_int_equal(blk_rq(d, T_OUT, 1, wb, 512), ST_IOERR);
    assert_memory_equal(f->disk + 512, before, 512);
    assert_int_equal(blk_rq(d, T_IN, 1, wb, 512), ST_OK);
    assert_memory_equal(gp(&f->g, wb), before, 512);
    assert_int_equal(blk_rq(d, T_FLUSH, 0, 0, 0), ST_OK);
    assert_false(needs_reset(d));
    void *st = f;
    blk_teardown(&st);
}

/* Bad requests in well-formed chains: IOERR for that request only. */
static void test_blk_request_errors(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    uint8_t *snap = malloc(DISK_SIZE);
    memcpy(snap, f->disk, DISK_SIZE);
    uint64_t buf = alloc(d, 4096);
    uint32_t errs = f->b.mmio.errors;

    assert_int_equal(blk_rq(d, T_IN, DISK_SECTORS, buf, 512), ST_IOERR);       /* past end */
    assert_int_equal(blk_rq(d, T_IN, DISK_SECTORS - 1, buf, 1024), ST_IOERR);  /* straddles */
    assert_int_equal(blk_rq(d, T_OUT, DISK_SECTORS - 1, buf, 1024), ST_IOERR);
    assert_int_equal(blk_rq(d, T_OUT, ~0ull, buf, 512), ST_IOERR);             /* wraps */
    assert_int_equal(blk_rq(d, T_IN, ~0ull - 1, buf, 1024), ST_IOERR);
    assert_int_equal(blk_rq(d, T_IN, 0, buf, 100), ST_IOERR);                  /* not *512 */
    assert_int_equal(blk_rq(d, T_OUT, 0, buf, 513), ST_IOERR);
    /* data outside guest RAM, and crossing out of it */
    assert_int_equal(blk_rq(d, T_IN, 0, 0x1000, 512), ST_IOERR);
    assert_int_equal(blk_rq(d, T_OUT, 0, RAM_BASE + RAM_SIZE - 256, 512), ST_IOERR);
    assert_int_equal(blk_rq(d, T_IN, 0, ~0ull - 255, 512), ST_IOERR);
    /* IN into memory gpa_to_hva grants for reading only */
    assert_int_equal(blk_rq(d, T_IN, 0, RO_BASE, 512), ST_IOERR);
    assert_int_equal(blk_rq(d, T_OUT, 2, RO_BASE, 512), ST_OK); /* reading it is fine */
    memcpy(snap + 1024, gp(&f->g, RO_BASE), 512);

    /* IN whose data buffer is device-readable: the device must not write it */
    uint64_t h = alloc(d, 16), st = alloc(d, 1);
    uint32_t hdr[4] = { T_IN, 0, 0, 0 };
    memcpy(gp(&f->g, h), hdr, 16);
    memset(gp(&f->g, buf), 0x77, 512);
    struct seg s[] = { { h, 16, 0 }, { buf, 512, 0 }, { st, 1, D_WRITE } };
    add_chain(d, 0, s, 3, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, NULL));
    assert_int_equal(*gp(&f->g, st), ST_IOERR);
    for (int i = 0; i < 512; i++)
        assert_int_equal(gp(&f->g, buf)[i], 0x77);
    /* OUT with a device-writable data buffer */
    hdr[0] = T_OUT;
    memcpy(gp(&f->g, h), hdr, 16);
    struct seg s2[] = { { h, 16, 0 }, { buf, 512, D_WRITE }, { st, 1, D_WRITE } };
    add_chain(d, 0, s2, 3, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, NULL));
    assert_int_equal(*gp(&f->g, st), ST_IOERR);
    /* short header */
    struct seg s3[] = { { h, 8, 0 }, { st, 1, D_WRITE } };
    add_chain(d, 0, s3, 2, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, NULL));
    assert_int_equal(*gp(&f->g, st), ST_IOERR);
    /* header outside RAM */
    struct seg s4[] = { { 0x10, 16, 0 }, { st, 1, D_WRITE } };
    add_chain(d, 0, s4, 2, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, NULL));
    assert_int_equal(*gp(&f->g, st), ST_IOERR);
    /* no writable status at all: completed with len 0, nothing written */
    uint32_t len = 99;
    struct seg s5[] = { { h, 16, 0 }, { st, 1, 0 } };
    *gp(&f->g, st) = 0xee;
    add_chain(d, 0, s5, 2, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, &len));
    assert_int_equal(len, 0);
    assert_int_equal(*gp(&f->g, st), 0xee);
    /* status outside writable RAM: completed with len 0 */
    struct seg s6[] = { { h, 16, 0 }, { RO_BASE + 5, 1, D_WRITE } };
    add_chain(d, 0, s6, 2, false);
    kick(d, 0);
    assert_true(get_used(d, 0, NULL, &len));
    assert_int_equal(len, 0);

    assert_memory_equal(f->disk, snap, DISK_SIZE);
    assert_false(needs_reset(d));
    assert_true(f->b.mmio.errors >= errs + 17);
    assert_non_null(f->b.mmio.last_error);
    /* and the device still works */
    assert_int_equal(blk_rq(d, T_IN, 0, buf, 512), ST_OK);
    free(snap);
}

/* After a driver error: NEEDS_RESET, a config interrupt, nothing more done
 * until a reset, after which the device works again. */
#define expect_dead_then_recover(f) expect_dead_then_recover_at(f, __LINE__)
static void expect_dead_then_recover_at(struct blk_fx *f, int line)
{
    struct drv *d = &f->d;
    struct virtio_mmio *m = d->m;
    if (!needs_reset(d))
        fail_msg("case at line %d: device did not stop (last error: %s)", line,
                 m->last_error ? m->last_error : "none");
    assert_true(r32(m, INT_STATUS) & 2);
    assert_true(virtio_mmio_irq(m));
    uint16_t before = used_idx(d, 0);
    uint64_t buf = alloc(d, 512), st = alloc(d, 1);
    blk_add(d, T_IN, 0, buf, 512, st, false);
    kick(d, 0);
    assert_false(virtio_mmio_poll(m));
    assert_int_equal(used_idx(d, 0), before);
    /* the driver cannot clear the bit by writing Status */
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    assert_true(needs_reset(d));
    drv_init(d, F_ALL);
    assert_false(needs_reset(d));
    assert_false(virtio_mmio_irq(m));
    buf = alloc(d, 512);
    assert_int_equal(blk_rq(d, T_IN, 1, buf, 512), ST_OK);
    assert_memory_equal(gp(&f->g, buf), f->disk + 512, 512);
}

static void put_raw_desc(struct drv *d, uint16_t i, uint64_t addr, uint32_t len, uint16_t fl,
                         uint16_t next)
{
    put_desc(desc_table(d, 0), i, addr, len, fl, next);
}

static void test_ring_errors(void **state)
{
    struct blk_fx *f = *state;
    struct drv *d = &f->d;
    uint64_t h = alloc(d, 16), st = alloc(d, 1), buf = alloc(d, 512);
    uint32_t hdr[4] = { T_IN, 0, 0, 0 };
    memcpy(gp(&f->g, h), hdr, 16);

    /* descriptor loop: 0 -> 1 -> 0 */
    put_raw_desc(d, 0, h, 16, D_NEXT, 1);
    put_raw_desc(d, 1, buf, 512, D_NEXT | D_WRITE, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* self loop */
    put_raw_desc(d, 5, buf, 512, D_NEXT | D_WRITE, 5);
    publish(d, 0, 5);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* next index out of range */
    put_raw_desc(d, 0, h, 16, D_NEXT, 64);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* head out of range */
    publish(d, 0, 1000);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* avail index ahead by more than the queue size */
    uint16_t idx = (uint16_t)(d->q[0].avail_idx + 65);
    memcpy(avail_ring(d, 0) + 2, &idx, 2);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* readable after writable */
    put_raw_desc(d, 0, h, 16, D_NEXT, 1);
    put_raw_desc(d, 1, st, 1, D_NEXT | D_WRITE, 2);
    put_raw_desc(d, 2, buf, 512, 0, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* indirect: inside an indirect table */
    uint64_t tab = alloc(d, 64);
    put_desc(gp(&f->g, tab), 0, tab, 32, D_INDIRECT, 0);
    put_raw_desc(d, 0, tab, 32, D_INDIRECT, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* indirect together with NEXT */
    put_desc(gp(&f->g, tab), 0, h, 16, D_NEXT, 1);
    put_desc(gp(&f->g, tab), 1, st, 1, D_WRITE, 0);
    put_raw_desc(d, 0, tab, 32, D_INDIRECT | D_NEXT, 1);
    put_raw_desc(d, 1, st, 1, D_WRITE, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* indirect table length not a multiple of 16, zero, huge, outside RAM */
    const struct { uint64_t addr; uint32_t len; } bad[] = {
        { tab, 24 }, { tab, 0 }, { tab, 16 * 2048 }, { 0x1000, 32 }, { RAM_BASE + RAM_SIZE - 16, 32 },
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        put_raw_desc(d, 0, bad[i].addr, bad[i].len, D_INDIRECT, 0);
        publish(d, 0, 0);
        kick(d, 0);
        expect_dead_then_recover(f);
    }
    /* loop inside an indirect table */
    put_desc(gp(&f->g, tab), 0, h, 16, D_NEXT, 1);
    put_desc(gp(&f->g, tab), 1, st, 1, D_WRITE | D_NEXT, 0);
    put_raw_desc(d, 0, tab, 32, D_INDIRECT, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* indirect next out of the table */
    put_desc(gp(&f->g, tab), 1, st, 1, D_WRITE | D_NEXT, 2);
    put_raw_desc(d, 0, tab, 32, D_INDIRECT, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* indirect not negotiated */
    drv_init(d, F_ALL & ~F_INDIRECT);
    put_desc(gp(&f->g, tab), 0, h, 16, D_NEXT, 1);
    put_desc(gp(&f->g, tab), 1, st, 1, D_WRITE, 0);
    put_raw_desc(d, 0, tab, 32, D_INDIRECT, 0);
    publish(d, 0, 0);
    kick(d, 0);
    expect_dead_then_recover(f);
    /* a valid indirect chain right after all this */
    hdr[0] = T_IN;
    memcpy(gp(&f->g, h), hdr, 16);
    put_desc(gp(&f->g, tab), 0, h, 16, D_NEXT, 1);
    put_desc(gp(&f->g, tab), 1, buf, 512, D_WRITE | D_NEXT, 2);
    put_desc(gp(&f->g, tab), 2, st, 1, D_WRITE, 0);
    put_raw_desc(d, 0, tab, 48, D_INDIRECT, 0);
    publish(d, 0, 0);
    kick(d, 0);
    assert_int_equal(used_idx(d, 0), 2); /* after the one of the last recovery */
    assert_int_equal(*gp(&f->g, st), ST_OK);
    assert_memory_equal(gp(&f->g, buf), f->disk, 512);
    assert_true(f->b.mmio.errors >= 16);
}

/* Queue setup errors (before DRIVER_OK: NEEDS_RESET, no interrupt yet). */
static void queue_setup(struct blk_fx *f, uint32_t num, uint64_t desc, uint64_t avail,
                        uint64_t used)
{
    struct virtio_mmio *m = &f->b.mmio;
    w32(m, STATUS, 0);
    w32(m, STATUS, S_ACK | S_DRIVER);
    w32(m, DRV_FEAT_SEL, 1);
    w32(m, DRV_FEAT, 1);
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    w32(m, QUEUE_SEL, 0);
    w32(m, QUEUE_NUM, num);
    w32(m, DESC_LO, (uint32_t)desc);
    w32(m, DESC_HI, (uint32_t)(desc >> 32));
    w32(m, DRIVER_LO, (uint32_t)avail);
    w32(m, DRIVER_HI, (uint32_t)(avail >> 32));
    w32(m, DEVICE_LO, (uint32_t)used);
    w32(m, DEVICE_HI, (uint32_t)(used >> 32));
    w32(m, QUEUE_READY, 1);
}

static void test_queue_setup_errors(void **state)
{
    struct blk_fx *f = *state;
    struct virtio_mmio *m = &f->b.mmio;
    const uint64_t D = RING_GPA(0), A = D + 0x1000, U = D + 0x2000;
    const struct { uint32_t num; uint64_t d, a, u; } bad[] = {
        { 0, D, A, U }, { 3, D, A, U }, { 48, D, A, U }, { 512, D, A, U }, { 1u << 31, D, A, U },
        { 16, D + 8, A, U }, { 16, D, A + 1, U }, { 16, D, A, U + 2 },
        { 16, 0x1000, A, U }, { 16, D, 0x1000, U }, { 16, D, A, RO_BASE },
        { 256, RAM_BASE + RAM_SIZE - 0x800, A, U }, { 16, D, A, ~0ull - 63 },
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        queue_setup(f, bad[i].num, bad[i].d, bad[i].a, bad[i].u);
        assert_int_equal(r32(m, QUEUE_READY), 0);
        assert_true(r32(m, STATUS) & S_NEEDS_RESET);
        assert_false(virtio_mmio_irq(m));
        /* DRIVER_OK on a device that needs a reset: config interrupt */
        w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
        assert_true(r32(m, INT_STATUS) & 2);
    }
    /* a good setup after all of them */
    queue_setup(f, 16, D, A, U);
    assert_int_equal(r32(m, QUEUE_READY), 1);
    assert_false(r32(m, STATUS) & S_NEEDS_RESET);
    /* layout is fixed while ready; QueueReady 0 stops the queue */
    w32(m, QUEUE_NUM, 3);
    assert_int_equal(r32(m, QUEUE_NUM), 16);
    w32(m, QUEUE_READY, 0);
    assert_int_equal(r32(m, QUEUE_READY), 0);
}

static void test_feature_negotiation(void **state)
{
    struct blk_fx *f = *state;
    struct virtio_mmio *m = &f->b.mmio;
    /* without VERSION_1: FEATURES_OK does not stick */
    w32(m, STATUS, 0);
    w32(m, STATUS, S_ACK | S_DRIVER);
    w32(m, DRV_FEAT_SEL, 0);
    w32(m, DRV_FEAT, 1u << 9);
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    assert_false(r32(m, STATUS) & S_FEATURES_OK);
    /* a feature the device does not offer */
    w32(m, STATUS, 0);
    w32(m, STATUS, S_ACK | S_DRIVER);
    w32(m, DRV_FEAT_SEL, 1);
    w32(m, DRV_FEAT, 1 | 1u << 2); /* VERSION_1 | RING_PACKED */
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    assert_false(r32(m, STATUS) & S_FEATURES_OK);
    /* DRIVER_OK without FEATURES_OK is refused */
    w32(m, STATUS, S_ACK | S_DRIVER | S_DRIVER_OK);
    assert_false(r32(m, STATUS) & S_DRIVER_OK);
    /* accepted subset; then the features cannot change */
    w32(m, STATUS, 0);
    w32(m, STATUS, S_ACK | S_DRIVER);
    w32(m, DRV_FEAT_SEL, 1);
    w32(m, DRV_FEAT, 1);
    w32(m, STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    assert_true(r32(m, STATUS) & S_FEATURES_OK);
    w32(m, DRV_FEAT, 0);
    assert_int_equal(r32(m, DRV_FEAT), 1);
    /* reset clears everything the driver set */
    w32(m, STATUS, 0);
    assert_int_equal(r32(m, STATUS), 0);
    w32(m, DRV_FEAT_SEL, 1);
    assert_int_equal(r32(m, DRV_FEAT), 0);
}

/* ---- randomized block test ------------------------------------------------ */

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng_state >> 33);
}
static uint32_t rnd_n(uint32_t n) { return rnd() % n; }

/* Split [gpa, gpa+len) into 1..4 random buffers. */
static uint32_t split(struct seg *s, uint64_t gpa, uint32_t len, uint16_t flags)
{
    uint32_t n = 0;
    while (len) {
        uint32_t piece = (n == 3 || rnd_n(2)) ? len : 1 + rnd_n(len);
        s[n++] = (struct seg){ gpa, piece, flags };
        gpa += piece;
        len -= piece;
    }
    return n;
}

struct pend {
    uint16_t head;
    uint64_t status, data;
    uint32_t type, len;
    uint8_t expect;
    uint8_t *expect_data; /* IN: the reference at submit time */
};

static void test_blk_random(void **state)
{
    (void)state;
    const char *env = getenv("VIRTIO_SEED");
    uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
    printf("test_blk_random: VIRTIO_SEED=%llu\n", (unsigned long long)seed);
    rng_state = seed;

    struct blk_fx *f = blk_fx_new(false);
    struct drv *d = &f->d;
    uint8_t *ref = malloc(DISK_SIZE);
    memcpy(ref, f->disk, DISK_SIZE);
    drv_init(d, F_ALL);
    unsigned reads = 0, writes = 0, ioerrs = 0, ring_errors = 0, resets = 0, flushes = 0;

    for (int iter = 0; iter < 3000; iter++) {
        uint32_t r = rnd_n(100);
        if (r < 2) { /* reset and start over, sometimes with another queue size */
            drv_init_num(d, rnd_n(2) ? F_ALL : F_ALL & ~F_INDIRECT, 16u << rnd_n(5));
            resets++;
            continue;
        }
        if (r < 4) { /* a malformed chain: descriptor loop */
            uint16_t i = (uint16_t)rnd_n(d->q[0].num);
            put_raw_desc(d, i, HEAP_GPA, 16, D_NEXT, i);
            publish(d, 0, i);
            kick(d, 0);
            assert_true(needs_reset(d));
            assert_true(virtio_mmio_irq(d->m));
            ring_errors++;
            drv_init_num(d, F_ALL, 64);
            continue;
        }
        /* a batch of requests, one notify */
        struct pend p[8];
        uint32_t most = d->q[0].num / 9 < 8 ? d->q[0].num / 9 : 8; /* <= 9 buffers each */
        uint32_t nb = 1 + rnd_n(most), ndesc = 0;
        heap_reset(d);
        for (uint32_t k = 0; k < nb; k++) {
            struct pend *q = &p[k];
            struct seg s[16];
            uint32_t n = 0;
            uint32_t sel = rnd_n(100);
            uint32_t sectors = 1 + rnd_n(16);
            uint64_t sector = rnd_n(DISK_SECTORS);
            q->type = sel < 45 ? T_IN : sel < 90 ? T_OUT : sel < 95 ? T_FLUSH : T_GET_ID;
            q->len = q->type == T_GET_ID ? 20 : q->type == T_FLUSH ? 0 : sectors * 512;
            if (rnd_n(20) == 0)
                q->len += 1 + rnd_n(511); /* not a multiple of 512 */
            q->expect_data = NULL;
            bool in_range = sector + sectors <= DISK_SECTORS;
            bool ok_len = q->len % 512 == 0;
            q->expect = ST_OK;
            if ((q->type == T_IN || q->type == T_OUT) && (!in_range || !ok_len))
                q->expect = ST_IOERR;
            if (q->type == T_GET_ID)
                q->len = 20;
            uint64_t h = alloc(d, 16);
            uint32_t hdr[4] = { q->type, 0, (uint32_t)sector, 0 };
            memcpy(gp(d->g, h), hdr, 16);
            n += split(&s[n], h, 16, 0);
            q->data = alloc(d, q->len);
            if (q->type == T_OUT) {
                for (uint32_t i = 0; i < q->len; i++)
                    gp(d->g, q->data)[i] = (uint8_t)rnd();
                if (q->expect == ST_OK)
                    memcpy(ref + sector * 512, gp(d->g, q->data), q->len);
            }
            if (q->type == T_IN && q->expect == ST_OK) {
                q->expect_data = malloc(q->len);
                memcpy(q->expect_data, ref + sector * 512, q->len);
            }
            if (q->len)
                n += split(&s[n], q->data, q->len, q->type == T_OUT ? 0 : D_WRITE);
            q->status = alloc(d, 1);
            *gp(d->g, q->status) = 0xee;
            s[n++] = (struct seg){ q->status, 1, D_WRITE };
            bool ind = (d->features & F_INDIRECT) && rnd_n(3) == 0;
            ndesc += ind ? 1 : n;
            assert_true(ndesc <= d->q[0].num);
            q->head = add_chain(d, 0, s, n, ind);
        }
        kick(d, 0);
        while (virtio_mmio_pending(d->m))
            virtio_mmio_poll(d->m);
        for (uint32_t k = 0; k < nb; k++) {
            uint32_t id;
            assert_true(get_used(d, 0, &id, NULL));
            assert_int_equal(id, p[k].head);
            assert_int_equal(*gp(d->g, p[k].status), p[k].expect);
            if (p[k].expect == ST_IOERR)
                ioerrs++;
            else if (p[k].type == T_IN)
                reads++;
            else if (p[k].type == T_OUT)
                writes++;
            else if (p[k].type == T_FLUSH)
                flushes++;
            if (p[k].expect_data) {
                assert_memory_equal(gp(d->g, p[k].data), p[k].expect_data, p[k].len);
                free(p[k].expect_data);
            }
        }
        assert_false(get_used(d, 0, NULL, NULL));
        assert_false(needs_reset(d));
        if (rnd_n(4) == 0)
            w32(d->m, INT_ACK, r32(d->m, INT_STATUS));
    }
    assert_memory_equal(f->disk, ref, DISK_SIZE);
    printf("test_blk_random: %u reads, %u writes, %u flushes, %u IOERR, %u ring errors, "
           "%u resets\n", reads, writes, flushes, ioerrs, ring_errors, resets);
    assert_true(reads >= 2500);
    assert_true(writes >= 2500);
    assert_true(ioerrs >= 300);
    assert_true(ring_errors >= 20);
    assert_true(resets >= 20);
    free(ref);
    void *st = f;
    blk_teardown(&st);
}


/* ---- console -------------------------------------------------------------- */

enum { RXQ = 0, TXQ = 1 };

struct con_fx {
    struct guest g;
    struct virtio_console c;
    struct drv d;
    uint8_t out[1u << 17];
    size_t nout;
};

static void con_tx(void *ctx, uint8_t ch)
{
    struct con_fx *f = ctx;
    assert_true(f->nout < sizeof(f->out));
    f->out[f->nout++] = ch;
}

static int con_setup(void **state)
{
    struct con_fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->g.ram = aligned_alloc(4096, RAM_SIZE);
    assert_non_null(f->g.ram);
    memset(f->g.ram, 0xa5, RAM_SIZE);
    virtio_console_init(&f->c, con_tx, f, g2h, &f->g);
    f->d = (struct drv){ .m = &f->c.mmio, .g = &f->g, .nq = 2 };
    drv_init(&f->d, F_ALL);
    *state = f;
    return 0;
}

static int con_teardown(void **state)
{
    struct con_fx *f = *state;
    free(f->g.ram);
    free(f);
    return 0;
}

static void con_send(struct con_fx *f, const char *s, bool indirect)
{
    struct drv *d = &f->d;
    uint32_t n = (uint32_t)strlen(s);
    uint64_t b = alloc(d, n);
    memcpy(gp(&f->g, b), s, n);
    struct seg sg[3];
    uint32_t k = split(sg, b, n, 0);
    add_chain(d, TXQ, sg, k, indirect);
    kick(d, TXQ);
}

/* post a receive buffer of len bytes; its guest address */
static uint64_t con_post(struct con_fx *f, uint32_t len, bool notify)
{
    uint64_t b = alloc(&f->d, len);
    struct seg sg = { b, len, D_WRITE };
    add_chain(&f->d, RXQ, &sg, 1, false);
    if (notify)
        kick(&f->d, RXQ);
    return b;
}

static void test_con_identity(void **state)
{
    struct con_fx *f = *state;
    struct virtio_mmio *m = &f->c.mmio;
    assert_int_equal(r32(m, DEVICE_ID), 3);
    assert_true(f->d.features & F_VERSION_1);
    assert_int_equal(f->d.features & 0xffffff, 0); /* no SIZE/MULTIPORT/EMERG_WRITE */
    assert_int_equal(r32(m, CONFIG), 0);
    assert_int_equal(r32(m, CONFIG + 4), 0);
    w32(m, QUEUE_SEL, 1);
    assert_int_equal(r32(m, QUEUE_NUM_MAX), 256);
    w32(m, QUEUE_SEL, 2);
    assert_int_equal(r32(m, QUEUE_NUM_MAX), 0);
}

static void test_con_tx(void **state)
{
    struct con_fx *f = *state;
    struct drv *d = &f->d;
    rng_state = 1;
    con_send(f, "hello, ", false);
    con_send(f, "world\n", true);
    assert_int_equal(f->nout, 13);
    assert_memory_equal(f->out, "hello, world\n", 13);
    uint32_t len = 99;
    assert_true(get_used(d, TXQ, NULL, &len));
    assert_int_equal(len, 0);
    assert_true(get_used(d, TXQ, NULL, NULL));
    assert_true(virtio_mmio_irq(d->m));
    w32(d->m, INT_ACK, 1);
    assert_false(virtio_mmio_irq(d->m));
    /* many lines in one notify */
    for (int i = 0; i < 10; i++) {
        uint64_t b = alloc(d, 3);
        memcpy(gp(&f->g, b), "ab\n", 3);
        struct seg sg = { b, 3, 0 };
        add_chain(d, TXQ, &sg, 1, false);
    }
    kick(d, TXQ);
    assert_int_equal(f->nout, 13 + 30);
    assert_int_equal(f->c.tx_bytes, 43);
    /* a transmit buffer outside guest RAM: no bytes, completed, device runs on */
    struct seg bad = { 0x1000, 8, 0 };
    add_chain(d, TXQ, &bad, 1, false);
    kick(d, TXQ);
    assert_int_equal(f->nout, 43);
    assert_int_equal(used_idx(d, TXQ), 13);
    assert_false(needs_reset(d));
    /* a huge one is cut at VIRTIO_CONSOLE_TX_MAX */
    struct seg huge = { HEAP_GPA, 1u << 20, 0 };
    add_chain(d, TXQ, &huge, 1, false);
    kick(d, TXQ);
    assert_int_equal(f->nout, 43 + 65536);
    assert_int_equal(used_idx(d, TXQ), 14);
    assert_true(f->c.mmio.errors >= 2);
}

static void test_con_rx(void **state)
{
    struct con_fx *f = *state;
    struct drv *d = &f->d;
    /* a posted buffer: a pushed byte goes in at once */
    uint64_t b = con_post(f, 64, true);
    assert_int_equal(used_idx(d, RXQ), 0);
    assert_false(virtio_mmio_irq(d->m));
    assert_true(virtio_console_rx_push(&f->c, 'x'));
    uint32_t len = 0;
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 1);
    assert_int_equal(*gp(&f->g, b), 'x');
    assert_true(virtio_mmio_irq(d->m));
    w32(d->m, INT_ACK, 1);

    /* no buffers: the FIFO fills, then refuses (back-pressure) */
    int accepted = 0;
    for (int i = 0; i < 300; i++)
        if (virtio_console_rx_push(&f->c, (uint8_t)i))
            accepted++;
        else
            break;
    assert_int_equal(accepted, 256);
    assert_true(virtio_console_rx_full(&f->c));
    assert_false(virtio_mmio_irq(d->m));
    /* the guest posts 100 bytes of room: that much comes out, in order */
    b = con_post(f, 100, true);
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 100);
    for (int i = 0; i < 100; i++)
        assert_int_equal(gp(&f->g, b)[i], (uint8_t)i);
    assert_false(virtio_console_rx_full(&f->c));
    assert_true(virtio_mmio_irq(d->m));
    /* more input wraps the FIFO */
    for (int i = 256; i < 300; i++)
        assert_true(virtio_console_rx_push(&f->c, (uint8_t)i));
    /* two buffers posted before one notify: the rest (200 bytes) fills them */
    uint64_t b1 = con_post(f, 150, false), b2 = con_post(f, 150, true);
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 150);
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 50);
    for (int i = 0; i < 150; i++)
        assert_int_equal(gp(&f->g, b1)[i], (uint8_t)(100 + i));
    for (int i = 0; i < 50; i++)
        assert_int_equal(gp(&f->g, b2)[i], (uint8_t)(250 + i));
    assert_int_equal(f->c.rx_bytes, 301);
    assert_int_equal(f->c.mmio.errors, 0);
}

static void test_con_rx_errors_and_reset(void **state)
{
    struct con_fx *f = *state;
    struct drv *d = &f->d;
    /* a device-readable receive buffer: completed empty, the byte stays */
    uint64_t b = alloc(d, 8);
    struct seg sg = { b, 8, 0 };
    add_chain(d, RXQ, &sg, 1, false);
    kick(d, RXQ);
    assert_true(virtio_console_rx_push(&f->c, 'q'));
    uint32_t len = 9;
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 0);
    assert_int_equal(f->c.rx_count, 1);
    /* one outside writable RAM */
    struct seg ro = { RO_BASE, 8, D_WRITE };
    add_chain(d, RXQ, &ro, 1, false);
    kick(d, RXQ);
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 0);
    assert_int_equal(f->c.rx_count, 1);
    assert_true(f->c.mmio.errors >= 2);
    assert_false(needs_reset(d));
    /* input kept across a device reset and delivered after DRIVER_OK */
    assert_true(virtio_console_rx_push(&f->c, 'r'));
    w32(d->m, STATUS, 0);
    assert_true(virtio_console_rx_push(&f->c, 's'));
    drv_init(d, F_ALL);
    b = con_post(f, 16, true);
    assert_true(get_used(d, RXQ, NULL, &len));
    assert_int_equal(len, 3);
    assert_memory_equal(gp(&f->g, b), "qrs", 3);
    /* a malformed transmit ring stops the device until reset */
    put_desc(desc_table(d, TXQ), 0, HEAP_GPA, 4, D_NEXT, 0);
    publish(d, TXQ, 0);
    kick(d, TXQ);
    assert_true(needs_reset(d));
    assert_true(r32(d->m, INT_STATUS) & 2);
    assert_true(virtio_console_rx_push(&f->c, 't')); /* held, not delivered */
    drv_init(d, F_ALL);
    con_send(f, "ok", false);
    assert_memory_equal(f->out + f->nout - 2, "ok", 2);
}

#define C(fn) cmocka_unit_test_setup_teardown(fn, con_setup, con_teardown)
#define B(fn) cmocka_unit_test_setup_teardown(fn, blk_setup, blk_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        B(test_blk_identity_and_config),
        B(test_bad_register_accesses),
        B(test_blk_read_write),
        B(test_blk_used_len),
        B(test_blk_flush_get_id),
        B(test_blk_indirect_and_framing),
        B(test_blk_write_survives_reset),
        B(test_blk_before_driver_ok),
        B(test_irq_and_ack),
        B(test_blk_batch_and_budget),
        cmocka_unit_test(test_blk_byte_budget),
        cmocka_unit_test(test_blk_readonly),
        B(test_blk_request_errors),
        B(test_ring_errors),
        B(test_queue_setup_errors),
        B(test_feature_negotiation),
        cmocka_unit_test(test_blk_random),
        C(test_con_identity),
        C(test_con_tx),
        C(test_con_rx),
        C(test_con_rx_errors_and_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
