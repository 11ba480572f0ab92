/* What the hypervisor needs from the board: a UART, a way to end the run. */
#ifndef CHIPVISOR_PLATFORM_H
#define CHIPVISOR_PLATFORM_H

#include <stdint.h>
#include <stdbool.h>

/* RAM reads as zero at power-on (QEMU's does): a VM's first boot need not
 * clear its memory, only a reboot does. */
extern const bool platform_ram_zero_at_boot;

void platform_putc(uint8_t ch);
int platform_getc(void);              /* -1 when no byte is waiting */
/* Ends the whole run: exit code 0 on pass, else nonzero (QEMU's exit status). */
void platform_exit(int code) __attribute__((noreturn));

#endif
