/* virtio console, one port: see virtio_console.h. */
#include "virtio/virtio_console.h"

void *memset(void *dst, int c, size_t n);

/* Move FIFO bytes into posted receive buffers, one chain at a time. Bounded:
 * every chain taken either empties bytes out of the FIFO or is one of the at
 * most queue-size entries the driver made available. */
static void rx_deliver(struct virtio_console *c)
{
    struct virtio_mmio *m = &c->mmio;
    while (c->rx_count > 0 && virtio_mmio_pop(m, VIRTIO_CONSOLE_RXQ) == 1) {
        const struct virtio_chain *ch = &m->chain;
        uint32_t done = 0;
        if (ch->rlen || !ch->wlen) {
            virtio_mmio_note(m, "console: receive buffer not device-writable");
        } else {
            uint64_t room = ch->wlen;
            while (c->rx_count > 0 && done < room) {
                uint32_t n = VIRTIO_CONSOLE_RX_FIFO - c->rx_head; /* contiguous */
                if (n > c->rx_count)
                    n = c->rx_count;
                if (n > room - done)
                    n = (uint32_t)(room - done);
                if (!virtio_chain_write(m, done, c->rx_fifo + c->rx_head, n)) {
                    virtio_mmio_note(m, "console: receive buffer not in guest RAM");
                    break;
                }
                c->rx_head = (c->rx_head + n) % VIRTIO_CONSOLE_RX_FIFO;
                c->rx_count -= n;
                done += n;
            }
            c->rx_bytes += done;
        }
        virtio_mmio_push(m, VIRTIO_CONSOLE_RXQ, ch->head, done);
    }
}

static void tx_chain(struct virtio_console *c, uint64_t *bytes)
{
    struct virtio_mmio *m = &c->mmio;
    uint64_t len = m->chain.rlen;
    if (len > VIRTIO_CONSOLE_TX_MAX) {
        virtio_mmio_note(m, "console: transmit buffer too long, tail dropped");
        len = VIRTIO_CONSOLE_TX_MAX;
    }
    uint8_t buf[64];
    for (uint64_t off = 0; off < len; off += sizeof(buf)) {
        uint64_t n = len - off < sizeof(buf) ? len - off : sizeof(buf);
        if (!virtio_chain_read(m, off, buf, n)) {
            virtio_mmio_note(m, "console: transmit buffer not in guest RAM");
            return;
        }
        for (uint64_t i = 0; i < n; i++)
            if (c->tx)
                c->tx(c->tx_ctx, buf[i]);
        c->tx_bytes += n;
        *bytes += n;
    }
}

static bool console_process(struct virtio_mmio *m, uint32_t q)
{
    struct virtio_console *c = m->dev;
    if (q == VIRTIO_CONSOLE_RXQ) {
        rx_deliver(c);
        return true;
    }
    while (virtio_mmio_budget_left(m)) {
        if (virtio_mmio_pop(m, q) <= 0)
            return true;
        uint64_t bytes = 0;
        tx_chain(c, &bytes);
        virtio_mmio_push(m, q, m->chain.head, 0);
        virtio_mmio_spend(m, bytes);
    }
    return false;
}

static const struct virtio_device_ops console_ops = { .process = console_process, .reset = 0 };

void virtio_console_init(struct virtio_console *c, void (*tx)(void *ctx, uint8_t ch),
                         void *tx_ctx, virtio_gpa_to_hva_fn gpa_to_hva, void *mem_ctx)
{
    memset(c, 0, sizeof(*c));
    virtio_mmio_init(&c->mmio, VIRTIO_ID_CONSOLE, 0, 2, &console_ops, c, gpa_to_hva, mem_ctx);
    c->tx = tx;
    c->tx_ctx = tx_ctx;
    c->mmio.config_len = 12; /* cols, rows, max_nr_ports, emerg_wr: all 0 */
}

bool virtio_console_rx_full(const struct virtio_console *c)
{
    return c->rx_count >= VIRTIO_CONSOLE_RX_FIFO;
}

bool virtio_console_rx_push(struct virtio_console *c, uint8_t ch)
{
    if (virtio_console_rx_full(c))
        rx_deliver(c);
    if (virtio_console_rx_full(c))
        return false;
    c->rx_fifo[(c->rx_head + c->rx_count) % VIRTIO_CONSOLE_RX_FIFO] = ch;
    c->rx_count++;
    rx_deliver(c);
    return true;
}
