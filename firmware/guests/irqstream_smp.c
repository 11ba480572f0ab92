/* The interrupt stream guest, shorter, for a machine of several harts run in
 * real time (configs/irqstream-smp, tests/qemu/hva_smp_stream.sh): its vCPU
 * shares the harts with busy VMs and moves between them, and every
 * interrupt costs wall time on the simulated HVA, so fewer of them fit the
 * guest's 5 s. */
#define UART_IRQS 50
#define TICK_IRQS 20
#include "irqstream.c"
