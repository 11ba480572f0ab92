/* hvaboard_link: see hvaboard_link.h. */
#include "hvaboard_link.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define CMD_REG_WRITE 0x57
#define CMD_REG_READ  0x52
#define CMD_MEM_WRITE 0x4d
#define CMD_MEM_READ  0x6d
#define STATUS_MARK   0x80
#define ANS_UNKNOWN   0xee

static speed_t speed_of(unsigned baud)
{
    switch (baud) {
    case 9600: return B9600;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    default: return 0;
    }
}

int hvaboard_open(struct hvaboard_link *l, const char *path, unsigned baud)
{
    struct termios t;
    speed_t sp = speed_of(baud);

    memset(l, 0, sizeof *l);
    l->timeout_ms = 2000;
    if (!sp) {
        errno = EINVAL;
        return -1;
    }
    l->fd = open(path, O_RDWR | O_NOCTTY);
    if (l->fd < 0)
        return -1;
    if (tcgetattr(l->fd, &t) == 0) {   /* a terminal (a pty takes and ignores the speed) */
        cfmakeraw(&t);
        t.c_cflag |= CLOCAL | CREAD;
        t.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS);
        cfsetispeed(&t, sp);
        cfsetospeed(&t, sp);
        if (tcsetattr(l->fd, TCSANOW, &t))
            return -1;
        tcflush(l->fd, TCIOFLUSH);
    }
    return 0;
}

void hvaboard_close(struct hvaboard_link *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
}

static int send_all(struct hvaboard_link *l, const uint8_t *b, size_t n)
{
    while (n) {
        ssize_t w = write(l->fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        b += w;
        n -= (size_t)w;
    }
    return 0;
}

static int recv_all(struct hvaboard_link *l, uint8_t *b, size_t n)
{
    while (n) {
        struct pollfd p = { .fd = l->fd, .events = POLLIN };
        int r = poll(&p, 1, l->timeout_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            fprintf(stderr, "hvaboard: no answer from the board within %d ms\n", l->timeout_ms);
            return -1;
        }
        ssize_t g = read(l->fd, b, n);
        if (g < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (g <= 0)
            return -1;
        b += g;
        n -= (size_t)g;
    }
    return 0;
}

/* one frame: cmd, address, payload; the answer: status, then `data` bytes */
static int frame(struct hvaboard_link *l, uint8_t cmd, uint32_t addr, uint64_t payload,
                 unsigned payload_bytes, uint64_t *data, unsigned data_bytes)
{
    uint8_t b[13], a[9];
    unsigned n = 0;
    b[n++] = cmd;
    for (unsigned i = 0; i < 4; i++)
        b[n++] = (uint8_t)(addr >> 8 * i);
    for (unsigned i = 0; i < payload_bytes; i++)
        b[n++] = (uint8_t)(payload >> 8 * i);
    if (send_all(l, b, n) || recv_all(l, a, 1))
        return -1;
    if (a[0] == ANS_UNKNOWN || (a[0] & 0xfc) != STATUS_MARK) {
        fprintf(stderr, "hvaboard: answer 0x%02x to command 0x%02x is not a status\n", a[0], cmd);
        return -1;
    }
    if (data_bytes && recv_all(l, a + 1, data_bytes))
        return -1;
    if (data) {
        *data = 0;
        for (unsigned i = 0; i < data_bytes; i++)
            *data |= (uint64_t)a[1 + i] << 8 * i;
    }
    l->frames++;
    int resp = a[0] & 3;
    if (resp)
        l->bus_error = true;
    return resp;
}

int hvaboard_reg_write(struct hvaboard_link *l, uint32_t off, uint32_t v)
{
    return frame(l, CMD_REG_WRITE, off, v, 4, NULL, 0);
}

int hvaboard_reg_read(struct hvaboard_link *l, uint32_t off, uint32_t *v)
{
    uint64_t d = 0;
    int r = frame(l, CMD_REG_READ, off, 0, 0, &d, 4);
    *v = (uint32_t)d;
    return r;
}

/* the bridge takes 32-bit physical addresses (the board's memory is below 4 GiB) */
int hvaboard_mem_write(struct hvaboard_link *l, uint64_t pa, uint64_t v)
{
    if (pa >> 32)
        return 2;
    return frame(l, CMD_MEM_WRITE, (uint32_t)pa, v, 8, NULL, 0);
}

int hvaboard_mem_read(struct hvaboard_link *l, uint64_t pa, uint64_t *v)
{
    if (pa >> 32)
        return 2;
    return frame(l, CMD_MEM_READ, (uint32_t)pa, 0, 0, v, 8);
}
