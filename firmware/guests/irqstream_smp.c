/* The interrupt stream guest, shorter, for a machine of several harts run in
 * real time (configs/irqstream-smp, tests/qemu/test_hva_smp.sh): its vCPU
 * shares the harts with busy VMs and moves between them, and every
 * interrupt costs wall time on the simulated HVA (about 20 ms here when the
 * harts get the host's CPUs, up to a second at a load of 11 when they do
 * not): fewer interrupts, and 60 s of guest time (= wall time) to take them. */
#define UART_IRQS 50
#define TICK_IRQS 20
#define STREAM_LIMIT_S 60
#include "irqstream.c"
