/* hva-cosim: the HVA RTL (Verilated rtl/hva/hva_top.sv, through the
 * sim/hva harness) beside a hypervisor running in QEMU.
 *
 *   hva-cosim <shared RAM file> [ram base, default 0x80000000]
 *
 * The file is QEMU's RAM (-object memory-backend-file,...,share=on): the
 * HVA's AXI4 master reads and writes it directly, and the mailbox in its last
 * 64 KiB (hypervisor/include/cosim_mailbox.h) carries the hypervisor's
 * AXI4-Lite register accesses and the interrupt wires. The simulator runs
 * until the hypervisor sets `stop`, or until it is killed; it prints what it
 * simulated when it ends. COSIM_TRACE=<file.fst> writes a waveform. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cosim_mailbox.h"
#include "hva_axi_mem.h"
#include "hva_mem.h"
#include "hva_sim.h"

#define AXI_LATENCY 4          /* cycles from address to data in the memory model */
#define IDLE_CYCLES 16         /* cycles run between mailbox polls while idle */
#define LITE_TIMEOUT 10000     /* cycles an AXI4-Lite transaction may take */

static struct hva_sim *sim;
static struct hva_sim_pins pin;
static struct hva_axi_mem axm;
static struct hva_mem mem;
static volatile struct cosim_mailbox *mb;
static uint64_t cycles, lite_reads, lite_writes, lite_errors;
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void publish(void)
{
    mb->guest_eip = pin.guest_eip;
    mb->hva_irq = (pin.irq ? 1u : 0u) | (pin.hyp_irq ? 2u : 0u);
    mb->cycles = cycles;
}

static void step(void)
{
    pin.irq_src = mb->irq_src;
    hva_axi_mem_drive(&axm, &pin);
    hva_sim_eval(sim, &pin);
    hva_axi_mem_update(&axm, &pin);
    hva_sim_tick(sim);
    cycles++;
}

/* one AXI4-Lite transaction; returns the response code */
static uint32_t lite(uint32_t op, uint32_t addr, uint32_t wdata, uint32_t *rdata)
{
    bool rd = op == COSIM_OP_READ;
    if (rd) {
        pin.s_ar_addr = addr;
        pin.s_ar_valid = 1;
        pin.s_r_ready = 1;
    } else {
        pin.s_aw_addr = addr;
        pin.s_aw_valid = 1;
        pin.s_w_data = wdata;
        pin.s_w_strb = 0xf;
        pin.s_w_valid = 1;
        pin.s_b_ready = 1;
    }
    for (int i = 0; i < LITE_TIMEOUT; i++) {
        pin.irq_src = mb->irq_src;
        hva_axi_mem_drive(&axm, &pin);
        hva_sim_eval(sim, &pin);
        bool a = rd ? pin.s_ar_valid && pin.s_ar_ready : pin.s_aw_valid && pin.s_aw_ready;
        bool w = !rd && pin.s_w_valid && pin.s_w_ready;
        bool done = rd ? pin.s_r_valid && pin.s_r_ready : pin.s_b_valid && pin.s_b_ready;
        uint32_t resp = rd ? pin.s_r_resp : pin.s_b_resp, data = pin.s_r_data;
        hva_axi_mem_update(&axm, &pin);
        hva_sim_tick(sim);
        cycles++;
        if (a) {
            if (rd)
                pin.s_ar_valid = 0;
            else
                pin.s_aw_valid = 0;
        }
        if (w)
            pin.s_w_valid = 0;
        if (done) {
            if (rd) {
                pin.s_r_ready = 0;
                *rdata = data;
            } else {
                pin.s_b_ready = 0;
            }
            return resp;
        }
    }
    fprintf(stderr, "hva-cosim: AXI4-Lite %s of 0x%x got no response in %d cycles\n",
            rd ? "read" : "write", addr, LITE_TIMEOUT);
    return 2;   /* SLVERR: the hypervisor sees a bus error, nothing hangs */
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: hva-cosim <shared RAM file> [ram base]\n");
        return 2;
    }
    uint64_t ram_base = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x80000000ull;
    int fd = open(argv[1], O_RDWR);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < (off_t)(2 * COSIM_MAILBOX_SIZE)) {
        fprintf(stderr, "hva-cosim: cannot use %s as QEMU's RAM: %s\n", argv[1],
                fd < 0 ? strerror(errno) : "too small");
        return 1;
    }
    void *ram = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (ram == MAP_FAILED) {
        fprintf(stderr, "hva-cosim: mmap %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);

    /* the harness's memory model, over QEMU's RAM itself */
    memset(&mem, 0, sizeof(mem));
    mem.base = ram_base;
    mem.size = (uint64_t)st.st_size;
    mem.words = ram;
    mem.err_lo = mem.err_hi = 0;
    mb = (volatile struct cosim_mailbox *)((char *)ram + st.st_size - COSIM_MAILBOX_SIZE);

    sim = hva_sim_new(getenv("COSIM_TRACE"));
    hva_axi_mem_init(&axm, &mem, AXI_LATENCY);
    memset((void *)mb, 0, sizeof(*mb));
    for (int i = 0; i < 4; i++)
        step();
    mb->version = COSIM_VERSION;
    __atomic_store_n(&mb->magic, COSIM_MAGIC, __ATOMIC_SEQ_CST);
    fprintf(stderr, "hva-cosim: up, RAM %s at 0x%" PRIx64 " (%" PRIu64 " MiB), mailbox at 0x%" PRIx64 "\n",
            argv[1], ram_base, (uint64_t)st.st_size >> 20,
            ram_base + (uint64_t)st.st_size - COSIM_MAILBOX_SIZE);

    uint32_t served = __atomic_load_n(&mb->req_seq, __ATOMIC_SEQ_CST);
    while (!stop_requested && !__atomic_load_n(&mb->stop, __ATOMIC_SEQ_CST)) {
        uint32_t seq = __atomic_load_n(&mb->req_seq, __ATOMIC_SEQ_CST);
        if (seq != served) {
            uint32_t rdata = 0, op = mb->op;
            uint32_t resp = lite(op, mb->addr, mb->wdata, &rdata);
            if (op == COSIM_OP_READ)
                lite_reads++;
            else
                lite_writes++;
            lite_errors += resp != 0;
            mb->rdata = rdata;
            mb->resp = resp;
            publish();
            __atomic_store_n(&mb->rsp_seq, seq, __ATOMIC_SEQ_CST);
            served = seq;
            continue;
        }
        for (int i = 0; i < IDLE_CYCLES; i++)
            step();
        publish();
    }
    mb->magic = 0;
    hva_sim_free(sim);
    printf("hva-cosim: %" PRIu64 " cycles, %" PRIu64 " register reads, %" PRIu64 " writes, "
           "%" PRIu64 " error responses, %" PRIu64 " AXI4 memory reads, %" PRIu64 " writes, "
           "%" PRIu64 " AXI protocol errors\n", cycles, lite_reads, lite_writes, lite_errors,
           axm.reads, axm.writes, axm.protocol_errors);
    return axm.protocol_errors ? 1 : 0;
}
