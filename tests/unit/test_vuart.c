/* Host tests for the virtual ns16550a. Register numbers and bit values are
 * written out here from the 16550 data sheet rather than taken from vuart.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vuart/vuart.h"

/* registers (byte offsets, reg-shift 0) */
enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4,
       LSR = 5, MSR = 6, SCR = 7 };

/* captured transmit stream */
struct sink {
    uint8_t buf[256];
    size_t n;
};

static void sink_tx(void *ctx, uint8_t ch)
{
    struct sink *s = ctx;
    assert_true(s->n < sizeof(s->buf));
    s->buf[s->n++] = ch;
}

struct fixture {
    struct vuart u;
    struct sink out;
};

static int setup(void **state)
{
    static struct fixture f;
    f.out.n = 0;
    vuart_init(&f.u, sink_tx, &f.out);
    *state = &f;
    return 0;
}

static uint8_t rd(struct vuart *u, uint32_t off)
{
    uint8_t v = 0x5c; /* poison: a read must overwrite it */
    assert_int_equal(vuart_read(u, off, &v), 0);
    return v;
}

static void wr(struct vuart *u, uint32_t off, uint8_t v)
{
    assert_int_equal(vuart_write(u, off, v), 0);
}

/* ---- registers ------------------------------------------------------------ */

static void test_reset_state(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(rd(&f->u, LSR), 0x60);  /* THRE | TEMT, no data */
    assert_int_equal(rd(&f->u, IIR), 0x01);  /* no interrupt, FIFOs off */
    assert_int_equal(rd(&f->u, MSR), 0xb0);  /* DCD | DSR | CTS */
    assert_int_equal(rd(&f->u, IER), 0);
    assert_int_equal(rd(&f->u, LCR), 0);
    assert_int_equal(rd(&f->u, MCR), 0);
    assert_false(vuart_irq(&f->u));
    assert_false(vuart_rx_full(&f->u));
}

static void test_bad_offsets(void **state)
{
    struct fixture *f = *state;
    uint8_t v = 0;
    assert_int_equal(vuart_read(&f->u, 8, &v), -1);
    assert_int_equal(vuart_write(&f->u, 8, 0), -1);
    assert_int_equal(vuart_read(&f->u, 0xffffffffu, &v), -1);
    assert_int_equal(vuart_write(&f->u, 0x100, 0), -1);
    assert_int_equal(f->out.n, 0);
}

static void test_thr_transmits(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, THR, 'h');
    wr(&f->u, THR, 'i');
    wr(&f->u, THR, 0x00);
    wr(&f->u, THR, 0xff);
    assert_int_equal(f->out.n, 4);
    assert_memory_equal(f->out.buf, "hi\0\xff", 4);
    assert_int_equal(rd(&f->u, LSR) & 0x60, 0x60); /* still empty: transmit is instant */
}

static void test_dlab_divisor_latches(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, IER, 0x01);
    wr(&f->u, LCR, 0x83);            /* DLAB | 8 bits */
    wr(&f->u, DLL, 0x36);
    wr(&f->u, DLM, 0x01);
    assert_int_equal(f->out.n, 0);   /* DLL write is not a transmit */
    assert_int_equal(rd(&f->u, DLL), 0x36);
    assert_int_equal(rd(&f->u, DLM), 0x01);
    wr(&f->u, LCR, 0x03);
    assert_int_equal(rd(&f->u, IER), 0x01); /* IER untouched by the DLM write */
    assert_int_equal(rd(&f->u, LCR), 0x03);
    wr(&f->u, THR, 'x');
    assert_int_equal(f->out.n, 1);
    wr(&f->u, LCR, 0x80);
    assert_int_equal(rd(&f->u, DLL), 0x36); /* latches kept */
    assert_int_equal(rd(&f->u, DLM), 0x01);
}

static void test_ier_only_low_bits(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, IER, 0xff);
    assert_int_equal(rd(&f->u, IER), 0x0f);
}

static void test_scr_lcr_mcr_readback(void **state)
{
    struct fixture *f = *state;
    for (unsigned v = 0; v < 256; v += 0x33) {
        wr(&f->u, SCR, (uint8_t)v);
        assert_int_equal(rd(&f->u, SCR), v);
        wr(&f->u, LCR, (uint8_t)(v & 0x7f));
        assert_int_equal(rd(&f->u, LCR), v & 0x7f);
    }
    wr(&f->u, MCR, 0x0b); /* DTR RTS OUT2 */
    assert_int_equal(rd(&f->u, MCR), 0x0b);
    assert_int_equal(rd(&f->u, MSR), 0xb0); /* not in loopback: fixed lines */
}

static void test_status_writes_ignored(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, LSR, 0x00);
    wr(&f->u, MSR, 0x00);
    assert_int_equal(rd(&f->u, LSR), 0x60);
    assert_int_equal(rd(&f->u, MSR), 0xb0);
}

/* ---- receive -------------------------------------------------------------- */

static void test_rx_order_and_dr(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, FCR, 0x01);
    assert_true(vuart_rx_push(&f->u, 'a'));
    assert_true(vuart_rx_push(&f->u, 'b'));
    assert_int_equal(rd(&f->u, LSR), 0x61);
    assert_int_equal(rd(&f->u, RBR), 'a');
    assert_int_equal(rd(&f->u, LSR) & 1, 1);
    assert_int_equal(rd(&f->u, RBR), 'b');
    assert_int_equal(rd(&f->u, LSR), 0x60);
    assert_int_equal(rd(&f->u, RBR), 0); /* empty */
}

static void test_rx_fifo_capacity_and_wrap(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, FCR, 0x07);
    for (int round = 0; round < 3; round++) { /* rounds make the ring wrap */
        for (int i = 0; i < 64; i++) {
            assert_false(vuart_rx_full(&f->u));
            assert_true(vuart_rx_push(&f->u, (uint8_t)(round * 64 + i)));
        }
        assert_true(vuart_rx_full(&f->u));
        assert_false(vuart_rx_push(&f->u, 0xee)); /* caller keeps it */
        assert_int_equal(rd(&f->u, RBR), (uint8_t)(round * 64));
        assert_false(vuart_rx_full(&f->u));
        assert_true(vuart_rx_push(&f->u, 0x55));
        for (int i = 1; i < 64; i++)
            assert_int_equal(rd(&f->u, RBR), (uint8_t)(round * 64 + i));
        assert_int_equal(rd(&f->u, RBR), 0x55);
        assert_int_equal(rd(&f->u, LSR) & 1, 0);
    }
}

static void test_rx_one_byte_without_fifo(void **state)
{
    struct fixture *f = *state;
    /* with FIFOs disabled the 16550 holds one byte in RBR */
    assert_true(vuart_rx_push(&f->u, 'q'));
    assert_true(vuart_rx_full(&f->u));
    assert_false(vuart_rx_push(&f->u, 'r'));
    assert_int_equal(rd(&f->u, RBR), 'q');
    assert_true(vuart_rx_push(&f->u, 'r'));
    assert_int_equal(rd(&f->u, RBR), 'r');
}

static void test_fcr_clears_rx_and_iir_fifo_bits(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, FCR, 0x01);
    assert_int_equal(rd(&f->u, IIR), 0xc1);
    vuart_rx_push(&f->u, '1');
    vuart_rx_push(&f->u, '2');
    wr(&f->u, FCR, 0x01);                 /* no clear bit: data stays */
    assert_int_equal(rd(&f->u, LSR) & 1, 1);
    wr(&f->u, FCR, 0x03);                 /* clear RX */
    assert_int_equal(rd(&f->u, LSR), 0x60);
    assert_int_equal(rd(&f->u, IIR), 0xc1); /* FIFOs still on */
    vuart_rx_push(&f->u, '3');
    wr(&f->u, FCR, 0x00);                 /* disabling resets the FIFO */
    assert_int_equal(rd(&f->u, LSR), 0x60);
    assert_int_equal(rd(&f->u, IIR), 0x01);
}

/* ---- interrupts ----------------------------------------------------------- */

static void test_rx_interrupt(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, FCR, 0x01);
    vuart_rx_push(&f->u, 'z');
    assert_false(vuart_irq(&f->u));       /* ERBFI off */
    assert_int_equal(rd(&f->u, IIR), 0xc1);
    wr(&f->u, IER, 0x01);
    assert_true(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0xc4);
    assert_int_equal(rd(&f->u, IIR), 0xc4); /* reading IIR does not clear rx data */
    assert_int_equal(rd(&f->u, RBR), 'z');
    assert_false(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0xc1);
}

static void test_thre_interrupt_on_enable(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, IER, 0x02);
    assert_true(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0x02);
    /* reading IIR with THRE as the source acknowledges it */
    assert_false(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0x01);
    /* rewriting IER with ETBEI already set is not a new edge */
    wr(&f->u, IER, 0x02);
    assert_false(vuart_irq(&f->u));
    /* a THR write makes THR empty again -> pending */
    wr(&f->u, THR, 'a');
    assert_true(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0x02);
    assert_false(vuart_irq(&f->u));
}

static void test_thre_cleared_by_disable(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, IER, 0x02);
    assert_true(vuart_irq(&f->u));
    wr(&f->u, IER, 0x00);
    assert_false(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0x01);
    wr(&f->u, THR, 'b');                  /* THR write without ETBEI: nothing */
    assert_false(vuart_irq(&f->u));
}

static void test_thr_write_while_pending_stays_pending(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, IER, 0x02);
    wr(&f->u, THR, 'c');  /* clears, then the instant transmit empties THR again */
    assert_true(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0x02);
}

static void test_priority_rx_over_thre(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, FCR, 0x01);
    vuart_rx_push(&f->u, 'r');
    wr(&f->u, IER, 0x03);
    assert_int_equal(rd(&f->u, IIR), 0xc4);
    /* reading IIR while rx is the source must not acknowledge THRE */
    assert_int_equal(rd(&f->u, IIR), 0xc4);
    rd(&f->u, RBR);
    assert_true(vuart_irq(&f->u));
    assert_int_equal(rd(&f->u, IIR), 0xc2);
    assert_int_equal(rd(&f->u, IIR), 0xc1);
    assert_false(vuart_irq(&f->u));
}

static void test_loopback(void **state)
{
    struct fixture *f = *state;
    wr(&f->u, FCR, 0x01);
    wr(&f->u, MCR, 0x1a);                    /* LOOP | OUT2 | RTS */
    assert_int_equal(rd(&f->u, MSR) & 0xf0, 0x90); /* DCD | CTS */
    wr(&f->u, MCR, 0x15);                    /* LOOP | OUT1 | DTR */
    assert_int_equal(rd(&f->u, MSR) & 0xf0, 0x60); /* RI | DSR */
    wr(&f->u, THR, 'L');
    assert_int_equal(f->out.n, 0);           /* looped back, not sent */
    assert_int_equal(rd(&f->u, RBR), 'L');
    wr(&f->u, MCR, 0x03);
    assert_int_equal(rd(&f->u, MSR), 0xb0);
}

/* ---- driver sequences ----------------------------------------------------- */

/* U-Boot drivers/serial/ns16550.c: NS16550_init, setbrg, putc, getc */
static void uboot_putc(struct vuart *u, uint8_t c)
{
    int spins = 0;
    while (!(rd(u, LSR) & 0x20))
        assert_true(++spins < 10);
    wr(u, THR, c);
}

static int uboot_getc(struct vuart *u)
{
    if (!(rd(u, LSR) & 0x01)) /* tstc */
        return -1;
    return rd(u, RBR);
}

static void test_uboot_sequence(void **state)
{
    struct fixture *f = *state;
    struct vuart *u = &f->u;
    int spins = 0;
    while (!(rd(u, LSR) & 0x40)) /* wait for TEMT */
        assert_true(++spins < 10);
    wr(u, IER, 0x00);
    wr(u, MCR, 0x03);  /* DTR | RTS */
    wr(u, FCR, 0x07);  /* enable, clear both FIFOs */
    wr(u, LCR, 0x03);  /* 8N1 */
    wr(u, LCR, 0x83);  /* setbrg: BKSE */
    wr(u, DLL, 0x1b);
    wr(u, DLM, 0x00);
    wr(u, LCR, 0x03);
    assert_int_equal(f->out.n, 0);
    const char *msg = "U-Boot\r\n";
    for (const char *p = msg; *p; p++)
        uboot_putc(u, (uint8_t)*p);
    assert_int_equal(f->out.n, 8);
    assert_memory_equal(f->out.buf, msg, 8);
    assert_int_equal(uboot_getc(u), -1);
    assert_true(vuart_rx_push(u, 'y'));
    assert_true(vuart_rx_push(u, '\r'));
    assert_int_equal(uboot_getc(u), 'y');
    assert_int_equal(uboot_getc(u), '\r');
    assert_int_equal(uboot_getc(u), -1);
    assert_false(vuart_irq(u)); /* U-Boot polls: no interrupt ever */
}

/* Linux drivers/tty/serial/8250: autoconfig checks and the startup THRE test */
static void test_linux_probe(void **state)
{
    struct fixture *f = *state;
    struct vuart *u = &f->u;

    /* scratch register present (not an 8250) */
    wr(u, SCR, 0xa5);
    assert_int_equal(rd(u, SCR), 0xa5);
    wr(u, SCR, 0x5a);
    assert_int_equal(rd(u, SCR), 0x5a);

    /* IER test: 0 reads 0, 0x0f reads 0x0f, then restore */
    uint8_t saved = rd(u, IER);
    wr(u, IER, 0x00);
    assert_int_equal(rd(u, IER) & 0x0f, 0x00);
    wr(u, IER, 0x0f);
    assert_int_equal(rd(u, IER) & 0x0f, 0x0f);
    wr(u, IER, saved);

    /* loopback test: MCR = LOOP | 0x0a must show MSR 0x90 */
    uint8_t save_mcr = rd(u, MCR);
    wr(u, MCR, 0x10 | 0x0a);
    assert_int_equal(rd(u, MSR) & 0xf0, 0x90);
    wr(u, MCR, save_mcr);

    /* FIFO type: with FCR enable, IIR bits 7:6 = 11 -> 16550A; no 64-byte bit 5 */
    wr(u, LCR, 0x00);
    wr(u, FCR, 0x01);
    assert_int_equal(rd(u, IIR) >> 6, 3);
    wr(u, FCR, 0x01 | 0x20);
    assert_int_equal(rd(u, IIR) & 0x20, 0);
    wr(u, FCR, 0x00);

    /* startup: clear FIFOs, then the "THRE re-assert" (UART_BUG_THRE) test */
    wr(u, FCR, 0x01);
    wr(u, FCR, 0x07);
    wr(u, FCR, 0x00);
    rd(u, LSR);
    rd(u, RBR);
    rd(u, IIR);
    rd(u, MSR);
    wr(u, IER, 0x02);
    uint8_t iir1 = rd(u, IIR);
    wr(u, IER, 0x00);
    wr(u, IER, 0x02);
    uint8_t iir = rd(u, IIR);
    wr(u, IER, 0x00);
    assert_int_equal(iir1 & 0x01, 0);   /* interrupt was pending */
    assert_int_equal(iir & 0x01, 0);    /* and re-asserted: no UART_BUG_THRE */
    assert_int_equal(iir & 0x0f, 0x02);

    /* normal operation: FIFOs on, rx interrupts on, a received byte */
    wr(u, FCR, 0xc7);                   /* trigger 14, enable, clear */
    wr(u, MCR, 0x0b);
    wr(u, IER, 0x05);                   /* ERBFI | ELSI */
    assert_false(vuart_irq(u));
    vuart_rx_push(u, 'k');
    assert_true(vuart_irq(u));
    assert_int_equal(rd(u, IIR), 0xc4);
    assert_int_equal(rd(u, LSR) & 0x61, 0x61);
    assert_int_equal(rd(u, RBR), 'k');
    assert_false(vuart_irq(u));
    /* start_tx: enable THRI, interrupt arrives, write bytes, stop_tx */
    wr(u, IER, 0x07);
    assert_int_equal(rd(u, IIR), 0xc2);
    wr(u, THR, 'o');
    wr(u, THR, 'k');
    wr(u, IER, 0x05);
    assert_false(vuart_irq(u));
    assert_memory_equal(f->out.buf, "ok", 2);
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_reset_state),
        T(test_bad_offsets),
        T(test_thr_transmits),
        T(test_dlab_divisor_latches),
        T(test_ier_only_low_bits),
        T(test_scr_lcr_mcr_readback),
        T(test_status_writes_ignored),
        T(test_rx_order_and_dr),
        T(test_rx_fifo_capacity_and_wrap),
        T(test_rx_one_byte_without_fifo),
        T(test_fcr_clears_rx_and_iir_fifo_bits),
        T(test_rx_interrupt),
        T(test_thre_interrupt_on_enable),
        T(test_thre_cleared_by_disable),
        T(test_thr_write_while_pending_stays_pending),
        T(test_priority_rx_over_thre),
        T(test_loopback),
        T(test_uboot_sequence),
        T(test_linux_probe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
