/* Where the test guests' configurations put their virtual devices
 * (the configs: `uart 0x10000000 irq 10`, `plic 0x0c000000`,
 * `tick 0x10001000 irq 11`). */
#ifndef GUEST_DEVICES_H
#define GUEST_DEVICES_H

#define UART_BASE 0x10000000UL
#define UART_IRQ  10
#define PLIC_BASE 0x0c000000UL
#define TICK_BASE 0x10001000UL
#define TICK_IRQ  11

/* chipvisor,tick (hypervisor/lib/vtick/vtick.h) */
#define TICK_CTRL    (TICK_BASE + 0x04)
#define TICK_PERIOD  (TICK_BASE + 0x08)
#define TICK_PENDING (TICK_BASE + 0x0c)
#define TICK_ACK     (TICK_BASE + 0x10)
#define TICK_FIRED   (TICK_BASE + 0x14)

#define UART_RBR 0
#define UART_THR 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_LSR 5
#define UART_SCR 7
#define LSR_DR   0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define IER_ERBFI 0x01
#define IER_ETBEI 0x02

/* PLIC context 1 = the hart's S-mode external interrupt */
#define PLIC_PRIORITY(id)  (PLIC_BASE + 4 * (id))
#define PLIC_PENDING       (PLIC_BASE + 0x1000)
#define PLIC_ENABLE_S      (PLIC_BASE + 0x2080)
#define PLIC_THRESHOLD_S   (PLIC_BASE + 0x201000)
#define PLIC_CLAIM_S       (PLIC_BASE + 0x201004)

#endif
