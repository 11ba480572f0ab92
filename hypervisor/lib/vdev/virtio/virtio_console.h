/*
 * virtio console (VIRTIO 1.2 section 5.3) behind the virtio-mmio transport:
 * one port (Linux's hvc0), receiveq = queue 0, transmitq = queue 1. Bytes the
 * guest transmits go one by one to the tx callback (as vuart's do). Host input
 * goes in through virtio_console_rx_push into a VIRTIO_CONSOLE_RX_FIFO-byte
 * FIFO and from there into receive buffers the guest has posted, at once when
 * it has some, else when it posts them; a full FIFO refuses the byte (the
 * caller keeps it), as vuart_rx_push does.
 *
 * Left out: VIRTIO_CONSOLE_F_SIZE (cols/rows read 0), F_MULTIPORT (control
 * queues, more ports), F_EMERG_WRITE. One transmit buffer chain sends at most
 * VIRTIO_CONSOLE_TX_MAX bytes; the rest is dropped and counted as an error.
 */
#ifndef VIRTIO_CONSOLE_H
#define VIRTIO_CONSOLE_H

#include "virtio/virtio_mmio.h"

#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_CONSOLE_RXQ 0
#define VIRTIO_CONSOLE_TXQ 1
#define VIRTIO_CONSOLE_RX_FIFO 256
#define VIRTIO_CONSOLE_TX_MAX (64u << 10)

struct virtio_console {
    struct virtio_mmio mmio; /* the register window: virtio_mmio_read/write on &c->mmio */
    void (*tx)(void *ctx, uint8_t ch);
    void *tx_ctx;
    uint8_t rx_fifo[VIRTIO_CONSOLE_RX_FIFO];
    uint32_t rx_head, rx_count;
    uint64_t tx_bytes, rx_bytes;
};

void virtio_console_init(struct virtio_console *c, void (*tx)(void *ctx, uint8_t ch),
                         void *tx_ctx, virtio_gpa_to_hva_fn gpa_to_hva, void *mem_ctx);
/* Host input; false if the FIFO is full (the caller keeps the byte). May
 * complete a receive buffer: look at virtio_mmio_irq afterwards. */
bool virtio_console_rx_push(struct virtio_console *c, uint8_t ch);
bool virtio_console_rx_full(const struct virtio_console *c);

#endif
