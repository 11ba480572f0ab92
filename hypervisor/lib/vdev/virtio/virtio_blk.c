/* virtio block device: see virtio_blk.h. Request layout from VIRTIO 1.2
 * 5.2.6: a 16-byte header (type, reserved, sector) in the device-readable
 * part, OUT data after it; IN/GET_ID data in the device-writable part, whose
 * last byte is the status. The device makes no assumption about how the
 * driver splits these into buffers. */
#include "virtio/virtio_blk.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

struct blk_hdr {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

static uint8_t ioerr(struct virtio_blk *b, const char *why)
{
    virtio_mmio_note(&b->mmio, why);
    b->ioerrs++;
    return VIRTIO_BLK_S_IOERR;
}

/* Data length and sector range of an IN/OUT; 0 if usable. */
static const char *range_check(const struct virtio_blk *b, uint64_t sector, uint64_t len)
{
    if (len % VIRTIO_BLK_SECTOR)
        return "blk: data length not a multiple of 512";
    if (len > (uint64_t)VIRTIO_BLK_SEG_MAX * VIRTIO_BLK_SIZE_MAX)
        return "blk: request larger than seg_max * size_max";
    if (sector > b->sectors || len / VIRTIO_BLK_SECTOR > b->sectors - sector)
        return "blk: sector range past the end of the disk";
    return 0;
}

/* Serve the chain in b->mmio.chain: the status byte; *bytes = data moved. */
static uint8_t blk_serve(struct virtio_blk *b, uint64_t *bytes)
{
    struct virtio_mmio *m = &b->mmio;
    const struct virtio_chain *c = &m->chain;
    struct blk_hdr h;
    const char *bad;

    if (c->truncated)
        return ioerr(b, "blk: more buffers than the device keeps");
    if (c->rlen < sizeof(h) || !virtio_chain_read(m, 0, &h, sizeof(h)))
        return ioerr(b, "blk: header missing or not in guest RAM");
    uint64_t wdata = c->wlen - 1; /* writable bytes before the status */
    switch (h.type) {
    case VIRTIO_BLK_T_IN:
        if (c->rlen != sizeof(h))
            return ioerr(b, "blk: IN with device-readable data buffer");
        if ((bad = range_check(b, h.sector, wdata)))
            return ioerr(b, bad);
        if (!virtio_chain_write(m, 0, b->disk + h.sector * VIRTIO_BLK_SECTOR, wdata))
            return ioerr(b, "blk: IN buffer not in guest RAM");
        *bytes = wdata;
        b->reads++;
        return VIRTIO_BLK_S_OK;
    case VIRTIO_BLK_T_OUT: {
        uint64_t len = c->rlen - sizeof(h);
        if (b->read_only)
            return ioerr(b, "blk: OUT on a read-only disk");
        if (wdata)
            return ioerr(b, "blk: OUT with device-writable data buffer");
        if ((bad = range_check(b, h.sector, len)))
            return ioerr(b, bad);
        if (!virtio_chain_read(m, sizeof(h), b->disk + h.sector * VIRTIO_BLK_SECTOR, len))
            return ioerr(b, "blk: OUT buffer not in guest RAM");
        *bytes = len;
        b->writes++;
        return VIRTIO_BLK_S_OK;
    }
    case VIRTIO_BLK_T_FLUSH:
        b->flushes++;
        return VIRTIO_BLK_S_OK; /* every write is already in the array */
    case VIRTIO_BLK_T_GET_ID: {
        uint64_t n = wdata < VIRTIO_BLK_ID_BYTES ? wdata : VIRTIO_BLK_ID_BYTES;
        if (n && !virtio_chain_write(m, 0, b->id, n))
            return ioerr(b, "blk: GET_ID buffer not in guest RAM");
        return VIRTIO_BLK_S_OK;
    }
    default:
        virtio_mmio_note(m, "blk: unsupported request type");
        return VIRTIO_BLK_S_UNSUPP;
    }
}

static bool blk_process(struct virtio_mmio *m, uint32_t q)
{
    struct virtio_blk *b = m->dev;
    while (virtio_mmio_budget_left(m)) {
        if (virtio_mmio_pop(m, q) <= 0)
            return true; /* nothing available, or the device stopped */
        const struct virtio_chain *c = &m->chain;
        uint64_t bytes = 0;
        uint32_t used = 0;
        if (c->wlen == 0) {
            /* no room for a status: nothing can be told, the buffers go back */
            virtio_mmio_note(m, "blk: request without a device-writable status byte");
            b->ioerrs++;
        } else {
            uint8_t st = blk_serve(b, &bytes);
            if (virtio_chain_write(m, c->wlen - 1, &st, 1))
                used = c->wlen > 0xffffffffu ? 0xffffffffu : (uint32_t)c->wlen;
            else
                virtio_mmio_note(m, "blk: status byte not in guest RAM");
        }
        virtio_mmio_push(m, q, c->head, used);
        virtio_mmio_spend(m, bytes);
    }
    return false;
}

static const struct virtio_device_ops blk_ops = { .process = blk_process, .reset = 0 };

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void virtio_blk_init(struct virtio_blk *b, uint8_t *disk, uint64_t size, bool read_only,
                     const char *id, virtio_gpa_to_hva_fn gpa_to_hva, void *mem_ctx)
{
    uint64_t f = (1ull << VIRTIO_BLK_F_SIZE_MAX) | (1ull << VIRTIO_BLK_F_SEG_MAX) |
                 (1ull << VIRTIO_BLK_F_BLK_SIZE) | (1ull << VIRTIO_BLK_F_FLUSH) |
                 (read_only ? 1ull << VIRTIO_BLK_F_RO : 0);
    memset(b, 0, sizeof(*b));
    virtio_mmio_init(&b->mmio, VIRTIO_ID_BLOCK, f, 1, &blk_ops, b, gpa_to_hva, mem_ctx);
    b->disk = disk;
    b->sectors = size / VIRTIO_BLK_SECTOR;
    b->read_only = read_only;
    for (unsigned i = 0; id && i < VIRTIO_BLK_ID_BYTES && id[i]; i++)
        b->id[i] = id[i];
    uint8_t *cfg = b->mmio.config;
    put_le(cfg + VIRTIO_BLK_CFG_CAPACITY, b->sectors, 8);
    put_le(cfg + VIRTIO_BLK_CFG_SIZE_MAX, VIRTIO_BLK_SIZE_MAX, 4);
    put_le(cfg + VIRTIO_BLK_CFG_SEG_MAX, VIRTIO_BLK_SEG_MAX, 4);
    put_le(cfg + VIRTIO_BLK_CFG_BLK_SIZE, VIRTIO_BLK_SECTOR, 4);
    b->mmio.config_len = VIRTIO_BLK_CFG_BLK_SIZE + 4;
}
