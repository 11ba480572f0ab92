/* ice40_uart_server: the Verilated iCE40 board top (rtl/fpga/hva_ice40_top.sv)
 * behind a pseudo-terminal, so host-tools/hvaboard talks to it exactly as to
 * the board's serial device. Bytes written to the terminal are sent into the
 * board's UART input bit by bit (8N1, ICE40_CLKS_PER_BIT cycles per bit, the
 * value the simulation was built with); the board's UART output is sampled
 * in the middle of each bit and the bytes go back to the terminal.
 *
 *   ice40_uart_server <link> [seconds]
 * makes <link> a symlink to the terminal's device, serves until SIGTERM /
 * SIGINT (exit 0) or for at most `seconds` (default 600; then exit 1), and
 * prints cycles and bytes moved. When the link has been quiet for a while
 * it waits for the terminal instead of clocking an idle board. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ice40_sim.h"

#ifndef ICE40_CLKS_PER_BIT
#error "ICE40_CLKS_PER_BIT: the board top's CLKS_PER_BIT of this build"
#endif
#define CPB ICE40_CLKS_PER_BIT
/* Idle this long (no bit on either line): wait up to QUIET_WAIT_MS for the
 * terminal instead of clocking an idle board. Longer than anything the board
 * does between a frame and its answer (a walk), so a wait that times out
 * costs at most QUIET_WAIT_MS per QUIET_CYCLES cycles of work. */
#define QUIET_CYCLES  4000
#define QUIET_WAIT_MS 20

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

/* host -> board: one byte at a time on the board's rx pin */
struct uart_out {
    uint8_t buf[4096];
    unsigned head, tail;    /* buffered bytes: buf[head..tail) */
    unsigned frame, bits;   /* bits still to send, LSB first */
    unsigned cnt;
};

/* board -> host: the board's tx pin, sampled mid-bit */
struct uart_in {
    int busy, prev;
    unsigned cnt, nbit, shift;
};

static int out_level(struct uart_out *o)
{
    if (o->bits == 0 && o->head != o->tail) {
        o->frame = 1u << 9 | (unsigned)o->buf[o->head++] << 1;   /* stop, data, start */
        o->bits = 10;
        o->cnt = CPB;
        if (o->head == o->tail)
            o->head = o->tail = 0;
    }
    if (o->bits == 0)
        return 1;
    int level = o->frame & 1;
    if (--o->cnt == 0) {
        o->frame >>= 1;
        o->bits--;
        o->cnt = CPB;
    }
    return level;
}

/* returns a received byte, or -1 */
static int in_sample(struct uart_in *u, int tx)
{
    int byte = -1;
    if (!u->busy) {
        if (u->prev && !tx) {   /* start bit: sample its middle first */
            u->busy = 1;
            u->cnt = CPB / 2;
            u->nbit = 0;
            u->shift = 0;
        }
    } else if (--u->cnt == 0) {
        u->cnt = CPB;
        if (u->nbit == 0 && tx)
            u->busy = 0;                               /* a glitch */
        else if (u->nbit >= 1 && u->nbit <= 8)
            u->shift |= (unsigned)tx << (u->nbit - 1);
        else if (u->nbit == 9) {
            u->busy = 0;
            if (tx)
                byte = (int)u->shift;                  /* stop bit seen */
            else
                fprintf(stderr, "ice40_uart_server: framing error\n");
        }
        u->nbit++;
    }
    u->prev = tx;
    return byte;
}

static int open_terminal(const char *link, int *slave)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) || unlockpt(m))
        return -1;
    const char *name = ptsname(m);
    /* our own slave descriptor keeps the terminal up between clients and
     * sets raw mode: no echo, no line editing, 8-bit clean */
    *slave = open(name, O_RDWR | O_NOCTTY);
    struct termios t;
    if (*slave < 0 || tcgetattr(*slave, &t))
        return -1;
    cfmakeraw(&t);
    if (tcsetattr(*slave, TCSANOW, &t))
        return -1;
    fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
    unlink(link);
    if (symlink(name, link))
        return -1;
    printf("ice40_uart_server: board UART on %s (%s), %d cycles per bit\n", link, name, CPB);
    fflush(stdout);
    return m;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s <link> [seconds]\n", argv[0]);
        return 2;
    }
    const char *link = argv[1];
    double limit = argc > 2 ? atof(argv[2]) : 600;
    int slave, m = open_terminal(link, &slave);
    if (m < 0) {
        fprintf(stderr, "ice40_uart_server: terminal: %s\n", strerror(errno));
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);

    struct ice40_sim *s = ice40_sim_new();
    static struct uart_out o;
    struct uart_in in = { .prev = 1 };
    uint64_t cycles = 0, quiet = 0, bytes_in = 0, bytes_out = 0;
    int tx = 1, rc = 0;
    time_t start = time(NULL);

    while (!stop) {
        if (o.bits == 0 && o.head == o.tail && (cycles & 15) == 0) {
            if (quiet > QUIET_CYCLES && !in.busy) {
                struct pollfd p = { .fd = m, .events = POLLIN };
                if (poll(&p, 1, QUIET_WAIT_MS) == 0)
                    quiet = 0;
            }
            ssize_t n = read(m, o.buf, sizeof o.buf);
            if (n > 0) {
                o.head = 0;
                o.tail = (unsigned)n;
                bytes_in += (uint64_t)n;
            }
            if (difftime(time(NULL), start) > limit) {
                fprintf(stderr, "ice40_uart_server: time limit of %.0f s reached\n", limit);
                rc = 1;
                break;
            }
        }
        int rx = out_level(&o);
        tx = ice40_sim_cycle(s, rx);
        cycles++;
        int b = in_sample(&in, tx);
        if (b >= 0) {
            uint8_t c = (uint8_t)b;
            if (write(m, &c, 1) == 1)
                bytes_out++;
        }
        quiet = (o.bits || in.busy || !rx || !tx) ? 0 : quiet + 1;
    }
    printf("ice40_uart_server: %llu cycles, %llu bytes in, %llu bytes out\n",
           (unsigned long long)cycles, (unsigned long long)bytes_in,
           (unsigned long long)bytes_out);
    ice40_sim_free(s);
    unlink(link);
    close(slave);
    close(m);
    return rc;
}
