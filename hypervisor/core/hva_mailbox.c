/* The HVA reached through the co-simulation mailbox (Debian's stock QEMU, the
 * RTL in Verilator on QEMU's RAM file; cosim_mailbox.h): each register access
 * is a polled round trip through shared RAM, and the interrupt wires are
 * words in it. Reads cannot have side effects the hypervisor does not see,
 * so guest claims on the VIC are forwarded from trapped accesses. */
#include "hva_transport.h"
#include "console.h"
#include "cosim_mailbox.h"
#include "csr.h"

#define CONNECT_WAIT_TICKS 20000000UL   /* 2 s of guest time for the simulator to come up */
#define ACCESS_WAIT_TICKS  50000000UL   /* 5 s for one register access (a loaded CI machine) */

static volatile struct cosim_mailbox *mb;
static bool bus_error, gone;

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
            gone = true;
            return false;
        }
    }
    fence();
    if (rdata)
        *rdata = mb->rdata;
    return mb->resp == 0;
}

static uint32_t mailbox_read32(void *ctx, uint32_t off)
{
    (void)ctx;
    uint32_t v = 0;
    if (!mailbox_access(COSIM_OP_READ, off, 0, &v))
        bus_error = true;
    return v;
}

static void mailbox_write32(void *ctx, uint32_t off, uint32_t v)
{
    (void)ctx;
    if (!mailbox_access(COSIM_OP_WRITE, off, v, NULL))
        bus_error = true;
}

static bool mailbox_bus_error(void *ctx)
{
    (void)ctx;
    bool e = bus_error;
    bus_error = false;
    return e;
}

static void mailbox_set_source(uint32_t src, bool level)
{
    if (!mb || src >= 32)
        return;
    uint32_t bits = mb->irq_src;
    mb->irq_src = level ? bits | (1u << src) : bits & ~(1u << src);
    fence();
}

static uint32_t mailbox_guest_eip(void)
{
    return mb ? mb->guest_eip : 0;
}

static void mailbox_shutdown(void)
{
    if (mb)
        mb->stop = 1;
    fence();
}

static bool mailbox_lost(void)
{
    return gone;
}

static const struct hva_transport mailbox = {
    .name = "co-simulated",
    .io = { mailbox_read32, mailbox_write32, mailbox_bus_error, NULL },
    .regs_hpa = 0,
    .set_source = mailbox_set_source,
    .guest_eip = mailbox_guest_eip,
    .shutdown = mailbox_shutdown,
    .lost = mailbox_lost,
};

const struct hva_transport *hva_mailbox_transport(uint64_t mailbox_hpa)
{
    volatile struct cosim_mailbox *m = (volatile struct cosim_mailbox *)(uintptr_t)mailbox_hpa;
    uint64_t give_up = read_time() + CONNECT_WAIT_TICKS;
    while (m->magic != COSIM_MAGIC) {
        if (read_time() > give_up) {
            hv_log("HVA: no co-simulator answered at 0x%lx (start build/sim/cosim/hva-cosim on "
                   "QEMU's RAM file); software paths\n", mailbox_hpa);
            return NULL;
        }
    }
    fence();
    mb = m;
    return &mailbox;
}
