// Thin C++ shim around the Verilated iCE40 board top: pins and clock only.
// The UART server (sim/fpga/ice40_uart_server.c) is C.
#include "ice40_sim.h"

#include "Vhva_ice40_top.h"
#include "verilated.h"

struct ice40_sim {
    VerilatedContext ctx;
    Vhva_ice40_top *top;
};

extern "C" struct ice40_sim *ice40_sim_new(void)
{
    ice40_sim *s = new ice40_sim;
    s->top = new Vhva_ice40_top(&s->ctx, "board");
    s->top->clk_i = 0;
    s->top->uart_rx_i = 1;
    s->top->eval();
    return s;
}

extern "C" int ice40_sim_cycle(struct ice40_sim *s, int rx)
{
    s->top->uart_rx_i = rx ? 1 : 0;
    s->top->clk_i = 0;
    s->top->eval();
    s->top->clk_i = 1;
    s->top->eval();
    return s->top->uart_tx_o;
}

extern "C" unsigned ice40_sim_leds(const struct ice40_sim *s)
{
    return s->top->led_o;
}

extern "C" void ice40_sim_free(struct ice40_sim *s)
{
    s->top->final();
    delete s->top;
    delete s;
}
