/*
 * Virtual ns16550a UART (reg-shift 0, byte registers at offsets 0..7), as the
 * Linux 8250 and U-Boot ns16550 drivers expect it. Transmit is instant (each
 * THR write goes straight to the tx callback), so THRE and TEMT are always 1.
 * Input comes from the host through vuart_rx_push into a 64-byte RX FIFO
 * (one byte deep while the FIFOs are disabled, as on the real part).
 * Freestanding: no libc.
 */
#ifndef VUART_H
#define VUART_H

#include <stdbool.h>
#include <stdint.h>

#define VUART_FIFO_SIZE 64

/* register offsets */
#define VUART_RBR 0 /* read, DLAB=0 */
#define VUART_THR 0 /* write, DLAB=0 */
#define VUART_DLL 0 /* DLAB=1 */
#define VUART_IER 1 /* DLAB=0 */
#define VUART_DLM 1 /* DLAB=1 */
#define VUART_IIR 2 /* read */
#define VUART_FCR 2 /* write */
#define VUART_LCR 3
#define VUART_MCR 4
#define VUART_LSR 5
#define VUART_MSR 6
#define VUART_SCR 7

#define VUART_IER_ERBFI 0x01 /* received data available */
#define VUART_IER_ETBEI 0x02 /* THR empty */
#define VUART_IER_ELSI  0x04 /* line status */
#define VUART_IER_EDSSI 0x08 /* modem status */

#define VUART_IIR_NONE  0x01
#define VUART_IIR_THRE  0x02
#define VUART_IIR_RDA   0x04
#define VUART_IIR_FIFOS 0xc0 /* both bits set when the FIFOs are enabled */

#define VUART_FCR_ENABLE   0x01
#define VUART_FCR_CLEAR_RX 0x02
#define VUART_FCR_CLEAR_TX 0x04

#define VUART_LCR_DLAB 0x80
#define VUART_MCR_LOOP 0x10

#define VUART_LSR_DR   0x01
#define VUART_LSR_THRE 0x20
#define VUART_LSR_TEMT 0x40

#define VUART_MSR_CTS 0x10
#define VUART_MSR_DSR 0x20
#define VUART_MSR_RI  0x40
#define VUART_MSR_DCD 0x80

struct vuart {
    void (*tx)(void *ctx, uint8_t ch);
    void *tx_ctx;
    uint8_t rx_fifo[VUART_FIFO_SIZE];
    uint8_t rx_head;  /* index of the oldest byte */
    uint8_t rx_count;
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    bool fifo_enabled; /* FCR bit 0 (FCR itself is write-only) */
    bool thre_pending; /* THR-empty interrupt raised and not yet acknowledged */
};

void vuart_init(struct vuart *u, void (*tx)(void *ctx, uint8_t ch), void *ctx);
/* Guest byte accesses at offset off (0..7); 0, or -1 for a bad offset. */
int  vuart_read(struct vuart *u, uint32_t off, uint8_t *val);
int  vuart_write(struct vuart *u, uint32_t off, uint8_t val);
/* Host input; false if the FIFO is full (the caller keeps the byte). */
bool vuart_rx_push(struct vuart *u, uint8_t ch);
bool vuart_rx_full(const struct vuart *u);
/* Level of the UART's interrupt line. */
bool vuart_irq(const struct vuart *u);

#endif
