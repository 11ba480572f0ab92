/* The HVA reached through the co-simulation mailbox: the lib/driver/hva driver's
 * register hook becomes a mailbox round trip (see cosim_mailbox.h). */
#include "hva_hw.h"
#include "console.h"
#include "cosim_mailbox.h"
#include "csr.h"
#include "hva/hva.h"
#include "util.h"

#define CONNECT_WAIT_TICKS 20000000UL   /* 2 s of guest time for the simulator to come up */
#define ACCESS_WAIT_TICKS  50000000UL   /* 5 s for one register access (a loaded CI machine) */

static volatile struct cosim_mailbox *mb;
static struct hva hva;
static bool present, bus_error, walker_on;

static void fence(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}

static bool mailbox_access(uint32_t op, uint32_t off, uint32_t wdata, uint32_t *rdata)
{
    if (!mb)
        return false;
    mb->op = op;
    mb->addr = off;
    mb->wdata = wdata;
    fence();
    uint32_t seq = mb->req_seq + 1;
    mb->req_seq = seq;
    fence();
    uint64_t give_up = read_time() + ACCESS_WAIT_TICKS;
    while (mb->rsp_seq != seq) {
        if (read_time() > give_up) {
            hv_log("HVA co-simulation stopped answering (register 0x%x); software paths from now on\n", off);
            mb = NULL;
            present = false;
            return false;
        }
    }
    fence();
    if (rdata)
        *rdata = mb->rdata;
    return mb->resp == 0;
}

static uint32_t hook_read32(void *ctx, uint32_t off)
{
    (void)ctx;
    uint32_t v = 0;
    if (!mailbox_access(COSIM_OP_READ, off, 0, &v))
        bus_error = true;
    return v;
}

static void hook_write32(void *ctx, uint32_t off, uint32_t v)
{
    (void)ctx;
    if (!mailbox_access(COSIM_OP_WRITE, off, v, NULL))
        bus_error = true;
}

static bool hook_bus_error(void *ctx)
{
    (void)ctx;
    bool e = bus_error;
    bus_error = false;
    return e;
}

static const struct hva_io cosim_io = { hook_read32, hook_write32, hook_bus_error, NULL };

bool hva_hw_connect_cosim(uint64_t mailbox_hpa)
{
    volatile struct cosim_mailbox *m = (volatile struct cosim_mailbox *)(uintptr_t)mailbox_hpa;
    uint64_t give_up = read_time() + CONNECT_WAIT_TICKS;
    while (m->magic != COSIM_MAGIC) {
        if (read_time() > give_up) {
            hv_log("HVA: no co-simulator answered at 0x%lx (start build/sim/cosim/hva-cosim on "
                   "QEMU's RAM file); software paths\n", mailbox_hpa);
            return false;
        }
    }
    fence();
    mb = m;
    int e = hva_probe(&hva, &cosim_io);
    if (e != HVA_OK) {
        hv_log("HVA: the co-simulated device does not identify as an HVA (error %d); software paths\n", e);
        mb = NULL;
        return false;
    }
    present = true;
    const struct hva_caps *c = &hva.caps;
    hv_log("HVA %u.%u (co-simulated, mailbox 0x%lx): TLB %u/%u-way, G-TLB %u/%u-way, PWC %u, "
           "VIC %s (%u guests, %u ids, %u sources)\n", c->version >> 8, c->version & 0xff,
           mailbox_hpa, c->tlb_entries, c->tlb_ways, c->gtlb_entries, c->gtlb_ways, c->pwc_entries,
           c->vic ? "yes" : "no", c->vic_guests, c->vic_ids, c->vic_sources);
    return true;
}

uint32_t hva_hw_vic_guests(void)
{
    return present && hva.caps.vic ? hva.caps.vic_guests : 0;
}

uint32_t hva_hw_vic_sources(void)
{
    return present && hva.caps.vic ? hva.caps.vic_sources : 0;
}

uint32_t hva_hw_vic_ids(void)
{
    return present && hva.caps.vic ? hva.caps.vic_ids : 0;
}

bool hva_hw_read(uint32_t off, uint32_t *val)
{
    return present && mailbox_access(COSIM_OP_READ, off, 0, val);
}

bool hva_hw_write(uint32_t off, uint32_t val)
{
    return present && mailbox_access(COSIM_OP_WRITE, off, val, NULL);
}

void hva_hw_set_source(uint32_t src, bool level)
{
    if (!mb || src >= 32)
        return;
    uint32_t bits = mb->irq_src;
    mb->irq_src = level ? bits | (1u << src) : bits & ~(1u << src);
    fence();
}

void hva_hw_use_walker(bool on)
{
    walker_on = on;
}

bool hva_hw_walker_on(void)
{
    return present && walker_on;
}

bool hva_hw_translate(const struct xlate_ctx *c, uint64_t addr, int access, struct xlate_result *r)
{
    return present && hva_translate(&hva, c, addr, (enum xlate_access)access, r, NULL) == HVA_OK;
}

void hva_hw_flush_vmid(uint16_t vmid)
{
    struct hva_inval inv = { .gvma = false, .by_vmid = true, .vmid = vmid };
    if (present)
        hva_invalidate(&hva, &inv);
}

uint32_t hva_hw_guest_eip(void)
{
    return mb ? mb->guest_eip : 0;
}

void hva_hw_shutdown(void)
{
    if (mb)
        mb->stop = 1;
    fence();
}
