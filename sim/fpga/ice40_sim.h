/* C interface to the Verilated iCE40 board top (rtl/fpga/hva_ice40_top.sv):
 * its UART pins, one clock cycle at a time. */
#ifndef ICE40_SIM_H
#define ICE40_SIM_H

#ifdef __cplusplus
extern "C" {
#endif

struct ice40_sim;

struct ice40_sim *ice40_sim_new(void);
/* One clock cycle with the board's UART input at level rx (1: idle);
 * returns the board's UART output after the rising edge. */
int ice40_sim_cycle(struct ice40_sim *s, int rx);
unsigned ice40_sim_leds(const struct ice40_sim *s);
void ice40_sim_free(struct ice40_sim *s);

#ifdef __cplusplus
}
#endif

#endif
