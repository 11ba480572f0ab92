/* A device the hypervisor does not emulate, with DMA: QEMU virt's first
 * virtio-mmio slot (0x10001000, its interrupt source 1) holding a virtio-blk
 * disk, given to this VM (configs/passthrough_virtio: `passthrough 0x10001000
 * 0x1000 virtio,mmio source 1 irq 1`, RAM `memory 16M identity` at
 * ram-base 0x88000000). The VM's RAM is mapped GPA = HPA, so the addresses
 * this driver puts in the descriptors are the ones the device's DMA uses: no
 * IOMMU in between. The device's interrupt is routed by the HVA VIC into the
 * VM's guest file and arrives through hgeip; the claim and complete land on
 * the VIC page in the G-stage, the device's registers are mapped: no request
 * traps into the hypervisor.
 *
 * The disk (made by tests/qemu/test_hva_passthrough_virtio.sh) holds byte
 * disk_byte(o) at offset o. The guest reads all of it twice, one request of
 * 8 sectors at a time, checks every byte, writes its own pattern over
 * sectors WRITE_SECTOR.., reads them back and checks them (the test checks
 * them in the disk file after the run). One interrupt per request; the SBI
 * trap count around the requests must not move.
 *
 * A small virtio 1.x driver over the modern virtio-mmio interface (version
 * 2: QEMU -global virtio-mmio.force-legacy=false), one queue, polling
 * nothing but a flag its interrupt handler sets. */
#include "guest.h"
#include "devices.h"
#include "trap_counts.h"

#define VIO_BASE          0x10001000UL
#define VIO_IRQ           1             /* the id the VIC delivers it as */
#define VIO_MAGIC         0x000
#define VIO_VERSION       0x004
#define VIO_DEVICE_ID     0x008
#define VIO_DEV_FEATURES  0x010
#define VIO_DEV_FEAT_SEL  0x014
#define VIO_DRV_FEATURES  0x020
#define VIO_DRV_FEAT_SEL  0x024
#define VIO_QUEUE_SEL     0x030
#define VIO_QUEUE_NUM_MAX 0x034
#define VIO_QUEUE_NUM     0x038
#define VIO_QUEUE_READY   0x044
#define VIO_QUEUE_NOTIFY  0x050
#define VIO_IRQ_STATUS    0x060
#define VIO_IRQ_ACK       0x064
#define VIO_STATUS        0x070
#define VIO_QUEUE_DESC    0x080         /* low word; high at +4 */
#define VIO_QUEUE_AVAIL   0x090
#define VIO_QUEUE_USED    0x0a0
#define VIO_CONFIG        0x100         /* virtio-blk: capacity in sectors (64-bit) */

#define ST_ACK         1
#define ST_DRIVER      2
#define ST_DRIVER_OK   4
#define ST_FEATURES_OK 8
#define F_VERSION_1_HI 1                /* feature bit 32 */

#define BLK_T_IN  0
#define BLK_T_OUT 1
#define DESC_NEXT  1
#define DESC_WRITE 2                    /* the device writes the buffer */

#define SECTOR        512
#define DISK_SECTORS  128               /* the test's 64 KiB image */
#define REQ_SECTORS   8
#define READ_PASSES   2
#define WRITE_SECTOR  120
#define WRITE_COUNT   4
#define QSIZE         4

#define VIO(off) (VIO_BASE + (off))

struct desc { uint64_t addr; uint32_t len; uint16_t flags, next; };
struct avail { uint16_t flags, idx, ring[QSIZE], used_event; };
struct used_elem { uint32_t id, len; };
struct used { uint16_t flags, idx; struct used_elem ring[QSIZE]; uint16_t avail_event; };
struct blk_hdr { uint32_t type, reserved; uint64_t sector; };

static struct {
    struct desc desc[QSIZE];
    struct avail avail;
} drv __attribute__((aligned(4096)));
static volatile struct used used __attribute__((aligned(4096)));
static struct blk_hdr hdr;
static volatile uint8_t status;
static uint8_t buf[REQ_SECTORS * SECTOR] __attribute__((aligned(4096)));

static volatile unsigned vio_irqs, other_irqs, acks;
static uint16_t used_seen;

/* what the test script wrote at disk offset o (the same formula there) */
static uint8_t disk_byte(uint64_t o)
{
    return (uint8_t)(o * 131 + (o >> 9) * 7 + 0x5a);
}

/* what this guest writes over sectors WRITE_SECTOR.. */
static uint8_t guest_byte(uint64_t o)
{
    return (uint8_t)(o * 29 + 0xa5);
}

static void w64(uint64_t off, uint64_t v)
{
    mmio_w32(VIO(off), (uint32_t)v);
    mmio_w32(VIO(off + 4), (uint32_t)(v >> 32));
}

static bool handler(struct trap_frame *f)
{
    if (f->cause != (SCAUSE_IRQ | 9))
        return false;
    uint32_t id = mmio_r32(PLIC_CLAIM_S);
    if (id == VIO_IRQ) {
        uint32_t st = mmio_r32(VIO(VIO_IRQ_STATUS));
        mmio_w32(VIO(VIO_IRQ_ACK), st);
        if (st & 1)
            acks++;
        vio_irqs++;
    } else if (id) {
        other_irqs++;
    }
    if (id)
        mmio_w32(PLIC_CLAIM_S, id);
    return true;
}

static bool vio_init(void)
{
    uint32_t magic = mmio_r32(VIO(VIO_MAGIC)), version = mmio_r32(VIO(VIO_VERSION));
    uint32_t id = mmio_r32(VIO(VIO_DEVICE_ID));
    CHECK(magic == 0x74726976 && version == 2 && id == 2,
          "virtio-mmio v2 block device at 0x%lx (magic 0x%x, version %u, device %u)", VIO_BASE,
          magic, version, id);
    if (magic != 0x74726976 || version != 2 || id != 2)
        return false;
    mmio_w32(VIO(VIO_STATUS), 0);
    mmio_w32(VIO(VIO_STATUS), ST_ACK | ST_DRIVER);
    mmio_w32(VIO(VIO_DEV_FEAT_SEL), 1);
    uint32_t hi = mmio_r32(VIO(VIO_DEV_FEATURES));
    mmio_w32(VIO(VIO_DRV_FEAT_SEL), 0);
    mmio_w32(VIO(VIO_DRV_FEATURES), 0);             /* none of the block features */
    mmio_w32(VIO(VIO_DRV_FEAT_SEL), 1);
    mmio_w32(VIO(VIO_DRV_FEATURES), hi & F_VERSION_1_HI);
    mmio_w32(VIO(VIO_STATUS), ST_ACK | ST_DRIVER | ST_FEATURES_OK);
    bool feat_ok = mmio_r32(VIO(VIO_STATUS)) & ST_FEATURES_OK;
    mmio_w32(VIO(VIO_QUEUE_SEL), 0);
    uint32_t qmax = mmio_r32(VIO(VIO_QUEUE_NUM_MAX));
    CHECK(feat_ok && qmax >= QSIZE, "features accepted, queue 0 takes %u >= %u entries", qmax, QSIZE);
    if (!feat_ok || qmax < QSIZE)
        return false;
    mmio_w32(VIO(VIO_QUEUE_NUM), QSIZE);
    /* GPA = HPA: the device's DMA uses these addresses as they are */
    w64(VIO_QUEUE_DESC, (uint64_t)(uintptr_t)drv.desc);
    w64(VIO_QUEUE_AVAIL, (uint64_t)(uintptr_t)&drv.avail);
    w64(VIO_QUEUE_USED, (uint64_t)(uintptr_t)&used);
    mmio_w32(VIO(VIO_QUEUE_READY), 1);
    mmio_w32(VIO(VIO_STATUS), ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK);
    uint64_t sectors = mmio_r32(VIO(VIO_CONFIG)) | (uint64_t)mmio_r32(VIO(VIO_CONFIG + 4)) << 32;
    CHECK(sectors == DISK_SECTORS, "disk of %lu sectors (expected %u)", sectors, DISK_SECTORS);
    return sectors == DISK_SECTORS;
}

/* One request of n sectors at `sector` (write: from buf, else into buf),
 * waited for by its interrupt; false on a device error or no interrupt. */
static bool vio_request(bool write, uint64_t sector, uint32_t n)
{
    unsigned before = vio_irqs;
    hdr = (struct blk_hdr){ .type = write ? BLK_T_OUT : BLK_T_IN, .sector = sector };
    status = 0xff;
    drv.desc[0] = (struct desc){ (uint64_t)(uintptr_t)&hdr, sizeof(hdr), DESC_NEXT, 1 };
    drv.desc[1] = (struct desc){ (uint64_t)(uintptr_t)buf, n * SECTOR,
                                 (uint16_t)(DESC_NEXT | (write ? 0 : DESC_WRITE)), 2 };
    drv.desc[2] = (struct desc){ (uint64_t)(uintptr_t)&status, 1, DESC_WRITE, 0 };
    drv.avail.ring[drv.avail.idx % QSIZE] = 0;
    __asm__ volatile("fence rw, rw" ::: "memory");  /* the chain before the index */
    drv.avail.idx++;
    __asm__ volatile("fence rw, rw" ::: "memory");  /* the index before the notify */
    mmio_w32(VIO(VIO_QUEUE_NOTIFY), 0);
    uint64_t give_up = rdtime() + TIMEBASE_HZ;       /* 1 s of guest time */
    while (vio_irqs == before && rdtime() < give_up)
        ;
    __asm__ volatile("fence rw, rw" ::: "memory");
    if (vio_irqs == before || used.idx != (uint16_t)(used_seen + 1))
        return false;
    used_seen++;
    return status == 0;
}

void guest_main(void)
{
    long backend = sbi_call(SBI_EXT_CHIPVISOR, SBI_CHIPVISOR_IRQ_BACKEND, 0, 0, 0, 0, 0).value;
    guest_printf("passthrough virtio-blk guest (%s), DMA buffer at 0x%lx\n",
                 backend == SBI_CHIPVISOR_IRQ_HVA_VIC ? "hva-vic" : "other", (uint64_t)(uintptr_t)buf);
    CHECK(backend == SBI_CHIPVISOR_IRQ_HVA_VIC, "the VIC serves this VM's PLIC window");
    guest_handler = handler;
    mmio_w32(PLIC_PRIORITY(VIO_IRQ), 1);
    mmio_w32(PLIC_ENABLE_S, 1U << VIO_IRQ);
    mmio_w32(PLIC_THRESHOLD_S, 0);
    csr_set(sie, SIE_SEIE);
    csr_set(sstatus, SSTATUS_SIE);
    if (!vio_init())
        return;

    struct trap_mark mark = trap_mark();
    unsigned requests = 0, failed = 0, bad_read = 0, bad_back = 0;
    for (unsigned pass = 0; pass < READ_PASSES; pass++)
        for (uint64_t s = 0; s < DISK_SECTORS; s += REQ_SECTORS) {
            for (unsigned i = 0; i < sizeof(buf); i++)
                buf[i] = 0;
            requests++;
            if (!vio_request(false, s, REQ_SECTORS)) {
                failed++;
                continue;
            }
            for (unsigned i = 0; i < sizeof(buf); i++)
                bad_read += buf[i] != disk_byte(s * SECTOR + i);
        }
    for (unsigned i = 0; i < WRITE_COUNT * SECTOR; i++)
        buf[i] = guest_byte(WRITE_SECTOR * SECTOR + i);
    requests++;
    failed += !vio_request(true, WRITE_SECTOR, WRITE_COUNT);
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = 0;
    requests++;
    failed += !vio_request(false, WRITE_SECTOR, WRITE_COUNT);
    for (unsigned i = 0; i < WRITE_COUNT * SECTOR; i++)
        bad_back += buf[i] != guest_byte(WRITE_SECTOR * SECTOR + i);
    uint64_t host, traps = traps_since(mark, &host);

    CHECK(failed == 0, "%u requests completed by the device, each with its interrupt (%u failed)",
          requests, failed);
    CHECK(bad_read == 0, "read the disk %u times by DMA: every byte as written (%u differ)",
          READ_PASSES, bad_read);
    CHECK(bad_back == 0, "wrote %u sectors by DMA and read them back (%u bytes differ)",
          WRITE_COUNT, bad_back);
    CHECK(vio_irqs == requests && acks == requests && other_irqs == 0,
          "virtio stream: %u interrupts (%u used-ring) for %u requests, %u from elsewhere", vio_irqs,
          acks, requests, other_irqs);
    guest_printf("METRIC irq_traps_per_interrupt backend=hva-vic source=passthrough-virtio-blk traps=%lu "
                 "irqs=%u per_irq=%lu.%02lu host_timer_traps=%lu\n", traps, vio_irqs,
                 traps / requests, (traps * 100 / requests) % 100, host);
    CHECK(traps == 0, "no trap into the hypervisor for %u DMA requests and their interrupts (%lu)",
          requests, traps);
}
