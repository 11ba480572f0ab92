/* Host console input: one VM at a time has it; the escape key moves it on. */
#ifndef CHIPVISOR_INPUT_H
#define CHIPVISOR_INPUT_H

#define INPUT_SWITCH_KEY 0x1d       /* Ctrl-] moves console input to the next VM */

void input_init(void);
/* Reads what the host UART holds (only as much as the VM with input can take,
 * so nothing is dropped) and hands it to the guests' UARTs. */
void input_poll(void);

#endif
