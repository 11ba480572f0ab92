/*
 * virtio block device (VIRTIO 1.2 section 5.2) behind the virtio-mmio
 * transport, over a byte array in host memory (pointer + size, 512-byte
 * sectors; a tail shorter than a sector is not used). Requests: IN, OUT,
 * FLUSH (a no-op: writes land in the array at once) and GET_ID; anything else
 * completes with VIRTIO_BLK_S_UNSUPP. Config space: capacity, size_max,
 * seg_max, blk_size. Optional read-only disk (VIRTIO_BLK_F_RO; OUT fails with
 * VIRTIO_BLK_S_IOERR).
 *
 * Left out: multiqueue, discard, write-zeroes, secure erase, zoned devices,
 * geometry, topology, the writeback toggle (CONFIG_WCE), lifetime. One request
 * carries at most VIRTIO_BLK_SEG_MAX data buffers of at most
 * VIRTIO_BLK_SIZE_MAX bytes each (advertised); a request beyond that, a
 * sector range past the end, a data length that is not a multiple of 512, a
 * data buffer on the wrong side (device-readable for IN) or a buffer outside
 * guest RAM fails that request with VIRTIO_BLK_S_IOERR.
 */
#ifndef VIRTIO_BLK_H
#define VIRTIO_BLK_H

#include "virtio/virtio_mmio.h"

#define VIRTIO_ID_BLOCK 2

#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX  2
#define VIRTIO_BLK_F_RO       5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH    9

#define VIRTIO_BLK_T_IN     0
#define VIRTIO_BLK_T_OUT    1
#define VIRTIO_BLK_T_FLUSH  4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_SECTOR   512
#define VIRTIO_BLK_ID_BYTES 20
#define VIRTIO_BLK_SEG_MAX  126          /* data buffers per request */
#define VIRTIO_BLK_SIZE_MAX (64u << 10)  /* bytes per data buffer */

/* config space offsets (5.2.4) */
#define VIRTIO_BLK_CFG_CAPACITY 0x00 /* le64, sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX 0x08 /* le32 */
#define VIRTIO_BLK_CFG_SEG_MAX  0x0c /* le32 */
#define VIRTIO_BLK_CFG_BLK_SIZE 0x14 /* le32 */

struct virtio_blk {
    struct virtio_mmio mmio;  /* the register window: virtio_mmio_read/write on &b->mmio */
    uint8_t *disk;
    uint64_t sectors;
    bool read_only;
    char id[VIRTIO_BLK_ID_BYTES];
    /* request counters */
    uint64_t reads, writes, flushes, ioerrs;
};

/* disk: size bytes of host memory the device owns; id: up to 20 bytes for
 * GET_ID (may be NULL). gpa_to_hva/mem_ctx: the guest's memory. */
void virtio_blk_init(struct virtio_blk *b, uint8_t *disk, uint64_t size, bool read_only,
                     const char *id, virtio_gpa_to_hva_fn gpa_to_hva, void *mem_ctx);

#endif
