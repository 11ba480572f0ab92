/* hva-device-sim: the Verilated HVA (rtl/hva/hva_top.sv through the sim/hva
 * harness) behind QEMU's chipvisor-hva device (README.md, hva_dev_proto.h).
 *
 *   hva-device-sim --socket PATH --ram FILE [--ram-base ADDR] [--accept-timeout S]
 *
 * Listens on PATH, takes one QEMU, serves its register accesses on the RTL's
 * AXI4-Lite port, the RTL's AXI4 master from FILE (QEMU's RAM, mapped shared),
 * and sends the interrupt lines back as they change. The RTL clocks while an
 * access is served and then while it is busy (AXI master active) or for
 * RUN_AFTER cycles after the last event, then sleeps in recv(). Ends when
 * QEMU closes the socket (exit 0), on SIGTERM/SIGINT (exit 1, saying so), or
 * on a protocol error. Removes PATH when it ends. HVA_DEV_TRACE=<file.fst>
 * writes a waveform (only in a build with tracing).
 *
 * HVA_DEV_SETTLE=<n>: after each register access, n more cycles before the
 * answer, so what the access sets off in the VIC (an INJECT's line, a
 * claim's drop) is in the answer's lines and QEMU applies it before the hart
 * goes on; without it a line that moves a few cycles later comes back as a
 * message of its own, taken when QEMU reads it while the hart runs on
 * (under -icount: after a number of instructions that depends on the host).
 * For counts that must not depend on the host (tests/bench/bench_irqlat.sh);
 * n cycles cost some 5n us of wall time per access. */
#define _GNU_SOURCE   /* accept4 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "hva_axi_mem.h"
#include "hva_dev_proto.h"
#include "hva_mem.h"
#include "hva_regs.h"
#include "hva_sim.h"

#define AXI_LATENCY   4        /* memory model: cycles from address to data (as sim/hva's figures) */
#define RUN_AFTER     256      /* cycles the RTL keeps running after the last event */
#define POLL_EVERY    1        /* cycles between socket polls while running (a recv costs
                                  less than a cycle of this RTL, ~5 us) */
#define LITE_TIMEOUT  10000    /* cycles an AXI4-Lite transaction may take */
#define VIC_GUESTS    4        /* hva_top's defaults (guest_eip_o width, irq_src_i width) */
#define VIC_SOURCES   32
static unsigned settle_cycles;  /* HVA_DEV_SETTLE: cycles after each access before its answer */

static struct hva_sim *sim;
static struct hva_sim_pins pin;
static struct hva_axi_mem axm;
static struct hva_mem mem;
static volatile sig_atomic_t stop_signal;
static const char *sock_path;
static int listen_fd = -1, conn = -1;

static uint64_t cycles, last_event, lite_reads, lite_writes, lite_errors, lines_sent;
static uint64_t serve_ns;            /* wall time inside accesses (request in to answer out) */
static uint64_t run_ns, run_cycles;  /* CPU time and cycles of all clocking */
static uint32_t lines_now, lines_told;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static uint64_t clock_ns(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* wall time for what QEMU waits; CPU time for the simulator's speed (other
 * load on the machine does not count in it) */
static uint64_t now_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

static uint64_t cpu_ns(void)
{
    return clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

static uint32_t lines_of(const struct hva_sim_pins *p)
{
    return (p->irq ? HVA_DEV_LINE_IRQ : 0) | (p->hyp_irq ? HVA_DEV_LINE_HYP : 0) |
           (p->guest_eip & ((1u << VIC_GUESTS) - 1)) << HVA_DEV_LINE_GUEST0;
}

/* one clock cycle; returns whether the AXI4 master asked for memory */
static bool cycle(void)
{
    hva_axi_mem_drive(&axm, &pin);
    hva_sim_eval(sim, &pin);
    bool active = pin.m_ar_valid || pin.m_aw_valid || pin.m_w_valid || axm.r_busy || axm.b_busy;
    lines_now = lines_of(&pin);
    hva_axi_mem_update(&axm, &pin);
    hva_sim_tick(sim);
    cycles++;
    return active;
}

/* one AXI4-Lite transaction; returns the AXI response */
static uint32_t lite(bool rd, uint32_t addr, uint32_t wdata, uint32_t *rdata)
{
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
        hva_axi_mem_drive(&axm, &pin);
        hva_sim_eval(sim, &pin);
        bool a = rd ? pin.s_ar_valid && pin.s_ar_ready : pin.s_aw_valid && pin.s_aw_ready;
        bool w = !rd && pin.s_w_valid && pin.s_w_ready;
        bool done = rd ? pin.s_r_valid && pin.s_r_ready : pin.s_b_valid && pin.s_b_ready;
        uint32_t resp = rd ? pin.s_r_resp : pin.s_b_resp, data = pin.s_r_data;
        lines_now = lines_of(&pin);
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
    fprintf(stderr, "hva-device-sim: AXI4-Lite %s of 0x%x got no response in %d cycles\n",
            rd ? "read" : "write", addr, LITE_TIMEOUT);
    return 2;   /* SLVERR: the hart sees a bus error, nothing hangs */
}

static bool send_msg(const struct hva_dev_msg *m)
{
    ssize_t n;
    do {
        n = send(conn, m, sizeof *m, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR && !stop_signal);
    if (n != (ssize_t)sizeof *m) {
        fprintf(stderr, "hva-device-sim: cannot send to QEMU: %s\n",
                n < 0 ? strerror(errno) : "short write");
        return false;
    }
    return true;
}

static bool tell_lines(void)
{
    if (lines_now == lines_told)
        return true;
    struct hva_dev_msg m = { .type = HVA_DEV_LINES, .lines = lines_now, .cycles = cycles };
    lines_told = lines_now;
    lines_sent++;
    return send_msg(&m);
}

/* 1: served, 0: QEMU closed the socket, -1: error */
static int serve(const struct hva_dev_msg *m)
{
    uint64_t t0 = now_ns(), p0 = cpu_ns(), c0 = cycles;
    switch (m->type) {
    case HVA_DEV_READ:
    case HVA_DEV_WRITE: {
        bool rd = m->type == HVA_DEV_READ;
        struct hva_dev_msg r = { .type = HVA_DEV_RSP };
        if (m->addr >= HVA_REGS_SIZE || (m->addr & 3)) {
            r.resp = 3;    /* DECERR: never reaches the RTL's 20-bit port */
        } else {
            r.resp = lite(rd, m->addr, m->data, &r.data);
            for (unsigned i = 0; i < settle_cycles; i++)
                cycle();
        }
        lite_reads += rd;
        lite_writes += !rd;
        lite_errors += r.resp != 0;
        r.lines = lines_told = lines_now;
        r.cycles = cycles;
        last_event = cycles;
        bool ok = send_msg(&r);
        serve_ns += now_ns() - t0;
        run_ns += cpu_ns() - p0;
        run_cycles += cycles - c0;
        return ok ? 1 : -1;
    }
    case HVA_DEV_SRC:
        pin.irq_src = m->data & (VIC_SOURCES == 32 ? ~0u : (1u << VIC_SOURCES) - 1);
        last_event = cycles;
        return 1;
    default:
        fprintf(stderr, "hva-device-sim: unexpected message type %u from QEMU\n", m->type);
        return -1;
    }
}

/* blocking: wait for a message; nonblocking: take one if there is one.
 * 1: got one, 0: none (nonblocking), -1: QEMU closed the socket, -2: error
 * or a stop signal (reported) */
static int receive(struct hva_dev_msg *m, bool block)
{
    for (;;) {
        ssize_t n = recv(conn, m, sizeof *m, block ? 0 : MSG_DONTWAIT);
        if (n == (ssize_t)sizeof *m)
            return 1;
        if (n == 0 || (n < 0 && errno == ECONNRESET)) {   /* QEMU ended, or was killed */
            fprintf(stderr, "hva-device-sim: QEMU closed the connection\n");
            return -1;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !block)
            return 0;
        if (n < 0 && errno == EINTR) {
            if (stop_signal)
                return -2;
            continue;
        }
        fprintf(stderr, "hva-device-sim: receive from QEMU: %s\n",
                n < 0 ? strerror(errno) : "message of the wrong size");
        return -2;
    }
}

static void cleanup(void)
{
    if (conn >= 0)
        close(conn);
    if (listen_fd >= 0)
        close(listen_fd);
    if (sock_path)
        unlink(sock_path);
}

static void usage(void)
{
    fprintf(stderr, "usage: hva-device-sim --socket PATH --ram FILE [--ram-base ADDR] [--accept-timeout SECONDS]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *ram_path = NULL;
    uint64_t ram_base = 0x80000000ull;
    int accept_timeout = 60;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "--socket"))
            sock_path = argv[++i];
        else if (!strcmp(argv[i], "--ram"))
            ram_path = argv[++i];
        else if (!strcmp(argv[i], "--ram-base"))
            ram_base = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--accept-timeout"))
            accept_timeout = atoi(argv[++i]);
        else
            usage();
    }
    if (!sock_path || !ram_path)
        usage();

    int fd = open(ram_path, O_RDWR);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 4096 || (st.st_size & 7)) {
        fprintf(stderr, "hva-device-sim: cannot use %s as QEMU's RAM: %s\n", ram_path,
                fd < 0 ? strerror(errno) : "empty or not a multiple of 8 bytes");
        return 1;
    }
    void *ram = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (ram == MAP_FAILED) {
        fprintf(stderr, "hva-device-sim: mmap %s: %s\n", ram_path, strerror(errno));
        return 1;
    }

    struct sigaction sa = { .sa_handler = on_signal };   /* no SA_RESTART: recv returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    if (strlen(sock_path) >= sizeof sun.sun_path) {
        fprintf(stderr, "hva-device-sim: socket path too long: %s\n", sock_path);
        return 1;
    }
    strcpy(sun.sun_path, sock_path);
    unlink(sock_path);
    listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&sun, sizeof sun) != 0 || listen(listen_fd, 1) != 0) {
        fprintf(stderr, "hva-device-sim: cannot listen on %s: %s\n", sock_path, strerror(errno));
        cleanup();
        return 1;
    }
    atexit(cleanup);

    memset(&mem, 0, sizeof mem);
    mem.base = ram_base;
    mem.size = (uint64_t)st.st_size;
    mem.words = ram;
    sim = hva_sim_new(getenv("HVA_DEV_TRACE"));
    if (getenv("HVA_DEV_SETTLE"))
        settle_cycles = (unsigned)strtoul(getenv("HVA_DEV_SETTLE"), NULL, 0);
    hva_axi_mem_init(&axm, &mem, AXI_LATENCY);
    for (int i = 0; i < 4; i++)
        cycle();
    fprintf(stderr, "hva-device-sim: listening on %s, RAM %s at 0x%" PRIx64 " (%" PRIu64 " MiB)\n",
            sock_path, ram_path, ram_base, (uint64_t)st.st_size >> 20);

    struct pollfd pl = { .fd = listen_fd, .events = POLLIN };
    int pr;
    do {
        pr = poll(&pl, 1, accept_timeout * 1000);
    } while (pr < 0 && errno == EINTR && !stop_signal);
    if (pr <= 0) {
        fprintf(stderr, "hva-device-sim: %s\n", stop_signal ? "stopped by a signal before QEMU connected"
                                                            : "no QEMU connected in time");
        return 1;
    }
    conn = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) {
        fprintf(stderr, "hva-device-sim: accept: %s\n", strerror(errno));
        return 1;
    }
    struct hva_dev_msg hello = { .type = HVA_DEV_HELLO, .addr = HVA_DEV_VERSION,
                                 .data = VIC_GUESTS | VIC_SOURCES << 16, .lines = lines_now,
                                 .cycles = ram_base };
    lines_told = lines_now;
    if (!send_msg(&hello))
        return 1;
    fprintf(stderr, "hva-device-sim: QEMU connected\n");

    int rc = 0;
    uint64_t busy_until = 0;
    while (!stop_signal) {
        struct hva_dev_msg m;
        int got;
        if (cycles >= busy_until && cycles - last_event >= RUN_AFTER) {
            got = receive(&m, true);             /* idle: sleep until QEMU speaks */
        } else {
            uint64_t p0 = cpu_ns(), c0 = cycles;
            for (int i = 0; i < POLL_EVERY; i++)
                if (cycle())
                    busy_until = cycles + RUN_AFTER;
            run_ns += cpu_ns() - p0;
            run_cycles += cycles - c0;
            if (!tell_lines()) {
                rc = 1;
                break;
            }
            got = receive(&m, false);
        }
        if (got < 0) {
            rc = got == -1 ? 0 : 1;
            break;
        }
        if (got == 0)
            continue;
        int s = serve(&m);
        if (s < 0) {
            rc = 1;
            break;
        }
    }
    if (stop_signal) {
        fprintf(stderr, "hva-device-sim: stopped by signal %d\n", (int)stop_signal);
        rc = 1;
    }
    hva_sim_free(sim);
    uint64_t acc = lite_reads + lite_writes;
    fprintf(stderr, "hva-device-sim: %" PRIu64 " cycles, %" PRIu64 " register reads, %" PRIu64 " writes, "
            "%" PRIu64 " error responses, %" PRIu64 " AXI4 memory reads, %" PRIu64 " writes, "
            "%" PRIu64 " AXI protocol errors, %" PRIu64 " line changes sent\n",
            cycles, lite_reads, lite_writes, lite_errors, axm.reads, axm.writes,
            axm.protocol_errors, lines_sent);
    if (acc && run_ns)
        fprintf(stderr, "hva-device-sim: %.2f us (wall) per access in the simulator, %.3f M cycles/s (CPU time) while clocking\n",
                serve_ns / 1e3 / (double)acc, run_cycles * 1e3 / (double)run_ns);
    return rc ? rc : (axm.protocol_errors ? 1 : 0);
}
