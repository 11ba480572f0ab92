/*
 * virtio-mmio transport, version 2 ("modern", VIRTIO 1.2 section 4.2), with
 * split virtqueues (section 2.7): the register window a device library
 * (virtio_blk, virtio_console) sits behind. Every guest access to the window
 * arrives as virtio_mmio_read/virtio_mmio_write; guest memory is reached only
 * through the gpa_to_hva callback given at init, one call per buffer piece.
 *
 * Offered by the transport: VIRTIO_F_VERSION_1 (required from the driver) and
 * VIRTIO_F_INDIRECT_DESC. Left out: the legacy (version 1) interface, packed
 * virtqueues, VIRTIO_F_EVENT_IDX, VIRTIO_F_NOTIFICATION_DATA, queue reset
 * (VIRTIO_F_RING_RESET; QueueReset reads 0), shared memory regions (SHMLen
 * reads -1), VIRTIO_F_ACCESS_PLATFORM. The host must be little-endian (RISC-V,
 * x86).
 *
 * Robustness: work per call is bounded (VIRTIO_POLL_CHAINS chains and
 * VIRTIO_POLL_BYTES data bytes; what is left is reported by
 * virtio_mmio_pending and done by virtio_mmio_poll). A malformed ring
 * (descriptor loop, index out of range, bad indirect table, ring not in guest
 * RAM, avail index ahead by more than the queue size) sets DEVICE_NEEDS_RESET,
 * raises a configuration-change interrupt once DRIVER_OK is set, and stops
 * the device until the driver resets it. A bad request inside a well-formed
 * chain fails only that request. Each counts in errors/last_error.
 *
 * Freestanding: uses memcpy/memset only.
 */
#ifndef VIRTIO_MMIO_H
#define VIRTIO_MMIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* register offsets (4.2.2) */
#define VIRTIO_MMIO_MAGIC_VALUE        0x000
#define VIRTIO_MMIO_VERSION            0x004
#define VIRTIO_MMIO_DEVICE_ID          0x008
#define VIRTIO_MMIO_VENDOR_ID          0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES    0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES    0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL          0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX      0x034
#define VIRTIO_MMIO_QUEUE_NUM          0x038
#define VIRTIO_MMIO_QUEUE_READY        0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY       0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS   0x060
#define VIRTIO_MMIO_INTERRUPT_ACK      0x064
#define VIRTIO_MMIO_STATUS             0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW     0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH    0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW   0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH  0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW   0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH  0x0a4
#define VIRTIO_MMIO_SHM_SEL            0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW        0x0b0
#define VIRTIO_MMIO_SHM_LEN_HIGH       0x0b4
#define VIRTIO_MMIO_SHM_BASE_LOW       0x0b8
#define VIRTIO_MMIO_SHM_BASE_HIGH      0x0bc
#define VIRTIO_MMIO_QUEUE_RESET        0x0c0
#define VIRTIO_MMIO_CONFIG_GENERATION  0x0fc
#define VIRTIO_MMIO_CONFIG             0x100
#define VIRTIO_MMIO_WINDOW             0x1000 /* accesses at or past this fail */

#define VIRTIO_MMIO_MAGIC  0x74726976u /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x56484943u /* "CIHV" as bytes: chipvisor */

/* device status bits (2.1) */
#define VIRTIO_STATUS_ACKNOWLEDGE        1u
#define VIRTIO_STATUS_DRIVER             2u
#define VIRTIO_STATUS_DRIVER_OK          4u
#define VIRTIO_STATUS_FEATURES_OK        8u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED             128u

/* InterruptStatus bits */
#define VIRTIO_MMIO_INT_VRING  1u /* used buffer notification */
#define VIRTIO_MMIO_INT_CONFIG 2u /* configuration change */

/* transport feature bits (6) */
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX     29
#define VIRTIO_F_VERSION_1     32

/* split virtqueue layout (2.7) */
#define VIRTQ_DESC_F_NEXT      1
#define VIRTQ_DESC_F_WRITE     2
#define VIRTQ_DESC_F_INDIRECT  4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

/* limits */
#define VIRTIO_MAX_QUEUES    2
#define VIRTIO_QUEUE_NUM_MAX 256   /* QueueNumMax of every queue */
#define VIRTIO_MAX_SEGS      128   /* buffers of one chain kept (the rest only counted) */
#define VIRTIO_MAX_INDIRECT  1024  /* entries of one indirect table */
#define VIRTIO_POLL_CHAINS   64    /* chains completed per notify/poll call */
#define VIRTIO_POLL_BYTES    (4u << 20) /* data bytes per notify/poll call (at least one chain) */
#define VIRTIO_CONFIG_MAX    64    /* device config space bytes */

typedef bool (*virtio_gpa_to_hva_fn)(void *ctx, uint64_t gpa, uint64_t len, bool write,
                                     uint8_t **hva);

/* One buffer of a descriptor chain, as the driver gave it (not yet translated). */
struct virtio_seg {
    uint64_t gpa;
    uint32_t len;
    bool write; /* device-writable */
};

/* A popped descriptor chain: device-readable buffers first, then writable. */
struct virtio_chain {
    uint16_t head;        /* id for the used ring */
    uint32_t nseg;        /* buffers kept in seg[] */
    bool truncated;       /* more than VIRTIO_MAX_SEGS buffers (only the first kept) */
    uint64_t rlen, wlen;  /* total device-readable / device-writable bytes */
    struct virtio_seg seg[VIRTIO_MAX_SEGS];
};

struct virtq {
    uint32_t num;              /* QueueNum */
    bool ready;                /* QueueReady */
    uint64_t desc, avail, used; /* QueueDesc / QueueDriver / QueueDevice */
    uint16_t last_avail;       /* next avail ring entry the device takes */
    uint16_t used_idx;         /* the device's used->idx */
};

struct virtio_mmio;

/* What a device library plugs into the transport. */
struct virtio_device_ops {
    /* Take and complete buffers of queue q while virtio_mmio_budget_left();
     * return true when the queue has nothing more available. */
    bool (*process)(struct virtio_mmio *m, uint32_t q);
    /* Device reset (Status written 0); may be NULL. */
    void (*reset)(struct virtio_mmio *m);
};

struct virtio_mmio {
    /* identity, fixed at init */
    uint32_t device_id;
    uint64_t device_features;  /* including the transport's */
    uint32_t num_queues;
    uint8_t config[VIRTIO_CONFIG_MAX]; /* device config space, little-endian */
    uint32_t config_len;
    const struct virtio_device_ops *ops;
    void *dev;                 /* the device library's own struct */
    virtio_gpa_to_hva_fn gpa_to_hva;
    void *mem_ctx;

    /* driver-visible state */
    uint32_t status, isr, config_generation;
    uint32_t dev_features_sel, drv_features_sel, queue_sel;
    uint64_t driver_features;
    struct virtq vq[VIRTIO_MAX_QUEUES];

    /* work */
    uint32_t pending;          /* bit q: queue q may have buffers left */
    uint32_t budget_chains;
    uint64_t budget_bytes;
    struct virtio_chain chain; /* scratch for the chain being processed */

    /* diagnostics for the hypervisor's (rate-limited) log */
    uint32_t errors;
    const char *last_error;
};

/* Set up the transport; device libraries call this from their own init. */
void virtio_mmio_init(struct virtio_mmio *m, uint32_t device_id, uint64_t device_features,
                      uint32_t num_queues, const struct virtio_device_ops *ops, void *dev,
                      virtio_gpa_to_hva_fn gpa_to_hva, void *mem_ctx);

/* Guest access at byte offset off of the window, size 1, 2, 4 or 8. Registers
 * below 0x100 take aligned 32-bit accesses only; the config space any size.
 * 0, or -1 for an offset or size that is not there (nothing changes then). */
int virtio_mmio_read(struct virtio_mmio *m, uint32_t off, unsigned size, uint64_t *val);
int virtio_mmio_write(struct virtio_mmio *m, uint32_t off, unsigned size, uint64_t val);

/* Level of the device's interrupt line (InterruptStatus != 0). */
bool virtio_mmio_irq(const struct virtio_mmio *m);
/* Work left after a notify that ran out of budget: call virtio_mmio_poll later. */
bool virtio_mmio_pending(const struct virtio_mmio *m);
/* Continue queued work (a fresh budget); returns virtio_mmio_pending(). */
bool virtio_mmio_poll(struct virtio_mmio *m);

/* ---- for device libraries --------------------------------------------- */

/* Next available chain of queue q into m->chain: 1 got one, 0 none available
 * (or device stopped), -1 malformed ring (device now needs reset). */
int virtio_mmio_pop(struct virtio_mmio *m, uint32_t q);
/* Complete the chain with head id, len bytes written into it; raises the used
 * buffer interrupt unless the driver suppressed it. */
void virtio_mmio_push(struct virtio_mmio *m, uint32_t q, uint16_t head, uint32_t len);
/* Copy between host memory and the chain's device-readable (from) or
 * device-writable (to) bytes, starting off bytes into that part; false if any
 * piece is not guest RAM or the range is past the part's end. */
bool virtio_chain_read(struct virtio_mmio *m, uint64_t off, void *dst, uint64_t len);
bool virtio_chain_write(struct virtio_mmio *m, uint64_t off, const void *src, uint64_t len);
bool virtio_mmio_budget_left(const struct virtio_mmio *m);
void virtio_mmio_spend(struct virtio_mmio *m, uint64_t bytes);
bool virtio_mmio_running(const struct virtio_mmio *m); /* DRIVER_OK, not NEEDS_RESET/FAILED */
bool virtio_mmio_has_feature(const struct virtio_mmio *m, unsigned bit); /* negotiated */
/* Driver error: DEVICE_NEEDS_RESET, config interrupt, device stops. */
void virtio_mmio_fail(struct virtio_mmio *m, const char *why);
/* Request error: counted and remembered, nothing else. */
void virtio_mmio_note(struct virtio_mmio *m, const char *why);

#endif
