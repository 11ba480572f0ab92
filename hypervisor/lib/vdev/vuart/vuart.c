/* Virtual ns16550a: see vuart.h. Register behaviour follows the TI/National
 * PC16550D data sheet, reduced to what an instant transmitter needs. */
#include "vuart/vuart.h"

static bool dlab(const struct vuart *u) { return (u->lcr & VUART_LCR_DLAB) != 0; }

static uint8_t rx_capacity(const struct vuart *u)
{
    return u->fifo_enabled ? VUART_FIFO_SIZE : 1;
}

static void rx_clear(struct vuart *u)
{
    u->rx_head = 0;
    u->rx_count = 0;
}

static bool rx_put(struct vuart *u, uint8_t ch)
{
    if (u->rx_count >= rx_capacity(u))
        return false;
    u->rx_fifo[(u->rx_head + u->rx_count) % VUART_FIFO_SIZE] = ch;
    u->rx_count++;
    return true;
}

static uint8_t rx_pop(struct vuart *u)
{
    if (u->rx_count == 0)
        return 0;
    uint8_t ch = u->rx_fifo[u->rx_head];
    u->rx_head = (uint8_t)((u->rx_head + 1) % VUART_FIFO_SIZE);
    u->rx_count--;
    return ch;
}

/* Highest-priority pending source, as IIR bits 3:0 (rx data beats THR empty). */
static uint8_t iir_source(const struct vuart *u)
{
    if ((u->ier & VUART_IER_ERBFI) && u->rx_count > 0)
        return VUART_IIR_RDA;
    if ((u->ier & VUART_IER_ETBEI) && u->thre_pending)
        return VUART_IIR_THRE;
    return VUART_IIR_NONE;
}

/* In loopback the modem outputs feed the inputs: DTR->DSR, RTS->CTS,
 * OUT1->RI, OUT2->DCD. Otherwise report a connected, ready peer so drivers
 * never wait for modem lines. */
static uint8_t msr_value(const struct vuart *u)
{
    if (!(u->mcr & VUART_MCR_LOOP))
        return VUART_MSR_DCD | VUART_MSR_DSR | VUART_MSR_CTS;
    uint8_t m = u->mcr;
    return (uint8_t)(((m & 0x01) ? VUART_MSR_DSR : 0) | ((m & 0x02) ? VUART_MSR_CTS : 0) |
                     ((m & 0x04) ? VUART_MSR_RI : 0) | ((m & 0x08) ? VUART_MSR_DCD : 0));
}

void vuart_init(struct vuart *u, void (*tx)(void *ctx, uint8_t ch), void *ctx)
{
    uint8_t *raw = (uint8_t *)u; /* no memset in freestanding builds */
    for (uint32_t i = 0; i < sizeof(*u); i++)
        raw[i] = 0;
    u->tx = tx;
    u->tx_ctx = ctx;
}

int vuart_read(struct vuart *u, uint32_t off, uint8_t *val)
{
    switch (off) {
    case VUART_RBR:
        *val = dlab(u) ? u->dll : rx_pop(u);
        return 0;
    case VUART_IER:
        *val = dlab(u) ? u->dlm : u->ier;
        return 0;
    case VUART_IIR: {
        uint8_t src = iir_source(u);
        if (src == VUART_IIR_THRE)
            u->thre_pending = false; /* reading IIR acknowledges THR empty */
        *val = (uint8_t)(src | (u->fifo_enabled ? VUART_IIR_FIFOS : 0));
        return 0;
    }
    case VUART_LCR:
        *val = u->lcr;
        return 0;
    case VUART_MCR:
        *val = u->mcr;
        return 0;
    case VUART_LSR:
        *val = (uint8_t)(VUART_LSR_THRE | VUART_LSR_TEMT | (u->rx_count ? VUART_LSR_DR : 0));
        return 0;
    case VUART_MSR:
        *val = msr_value(u);
        return 0;
    case VUART_SCR:
        *val = u->scr;
        return 0;
    default:
        return -1;
    }
}

static void write_thr(struct vuart *u, uint8_t ch)
{
    if (u->mcr & VUART_MCR_LOOP)
        rx_put(u, ch); /* dropped if full, like an overrun */
    else if (u->tx)
        u->tx(u->tx_ctx, ch);
    /* the byte left at once, so THR is empty again */
    u->thre_pending = (u->ier & VUART_IER_ETBEI) != 0;
}

static void write_ier(struct vuart *u, uint8_t val)
{
    uint8_t changed = (uint8_t)((u->ier ^ val) & 0x0f);
    u->ier = val & 0x0f;
    /* THR is always empty: enabling ETBEI raises the interrupt at once, disabling drops it */
    if (changed & VUART_IER_ETBEI)
        u->thre_pending = (u->ier & VUART_IER_ETBEI) != 0;
}

static void write_fcr(struct vuart *u, uint8_t val)
{
    bool enable = (val & VUART_FCR_ENABLE) != 0;
    /* toggling the FIFO enable resets the FIFOs, as on the 16550 */
    if ((val & VUART_FCR_CLEAR_RX) || enable != u->fifo_enabled)
        rx_clear(u);
    u->fifo_enabled = enable;
}

int vuart_write(struct vuart *u, uint32_t off, uint8_t val)
{
    switch (off) {
    case VUART_THR:
        if (dlab(u))
            u->dll = val;
        else
            write_thr(u, val);
        return 0;
    case VUART_IER:
        if (dlab(u))
            u->dlm = val;
        else
            write_ier(u, val);
        return 0;
    case VUART_FCR:
        write_fcr(u, val);
        return 0;
    case VUART_LCR:
        u->lcr = val;
        return 0;
    case VUART_MCR:
        u->mcr = val & 0x1f;
        return 0;
    case VUART_LSR:
    case VUART_MSR:
        return 0; /* read-only status; writes are ignored */
    case VUART_SCR:
        u->scr = val;
        return 0;
    default:
        return -1;
    }
}

bool vuart_rx_push(struct vuart *u, uint8_t ch)
{
    return rx_put(u, ch);
}

bool vuart_rx_full(const struct vuart *u)
{
    return u->rx_count >= rx_capacity(u);
}

bool vuart_irq(const struct vuart *u)
{
    return iir_source(u) != VUART_IIR_NONE;
}
