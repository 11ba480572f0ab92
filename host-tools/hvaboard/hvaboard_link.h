/* hvaboard_link: the UART protocol of rtl/fpga/fpga_uart_bridge.sv over a
 * serial device (the board's FTDI port, or the simulator's pseudo-terminal):
 * register and memory accesses, one frame and one answer at a time. */
#ifndef HVABOARD_LINK_H
#define HVABOARD_LINK_H

#include <stdbool.h>
#include <stdint.h>

struct hvaboard_link {
    int fd;
    int timeout_ms;        /* per answer */
    bool bus_error;        /* an access answered SLVERR since the hook last looked */
    uint64_t frames;
};

/* Opens and configures (raw 8N1 at `baud`) the serial device; 0 or -1 (errno). */
int hvaboard_open(struct hvaboard_link *l, const char *path, unsigned baud);
void hvaboard_close(struct hvaboard_link *l);

/* Each returns the AXI response (0 OKAY, 2 SLVERR) or -1 when the link
 * failed (no answer in time, an unexpected byte): the tool gives up then. */
int hvaboard_reg_write(struct hvaboard_link *l, uint32_t off, uint32_t v);
int hvaboard_reg_read(struct hvaboard_link *l, uint32_t off, uint32_t *v);
int hvaboard_mem_write(struct hvaboard_link *l, uint64_t pa, uint64_t v);
int hvaboard_mem_read(struct hvaboard_link *l, uint64_t pa, uint64_t *v);

#endif
