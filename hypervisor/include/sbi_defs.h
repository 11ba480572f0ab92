/* SBI v2.0 extension ids, function ids and error codes. */
#ifndef CHIPVISOR_SBI_DEFS_H
#define CHIPVISOR_SBI_DEFS_H

#define SBI_SUCCESS                0
#define SBI_ERR_FAILED            -1
#define SBI_ERR_NOT_SUPPORTED     -2
#define SBI_ERR_INVALID_PARAM     -3
#define SBI_ERR_DENIED            -4
#define SBI_ERR_INVALID_ADDRESS   -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED   -7
#define SBI_ERR_ALREADY_STOPPED   -8

#define SBI_EXT_LEGACY_SET_TIMER       0x00
#define SBI_EXT_LEGACY_CONSOLE_PUTCHAR 0x01
#define SBI_EXT_LEGACY_CONSOLE_GETCHAR 0x02
#define SBI_EXT_LEGACY_CLEAR_IPI       0x03
#define SBI_EXT_LEGACY_SEND_IPI        0x04
#define SBI_EXT_LEGACY_REMOTE_FENCE_I  0x05
#define SBI_EXT_LEGACY_REMOTE_SFENCE   0x06
#define SBI_EXT_LEGACY_REMOTE_SFENCE_ASID 0x07
#define SBI_EXT_LEGACY_SHUTDOWN        0x08

#define SBI_EXT_BASE   0x10
#define SBI_EXT_TIME   0x54494D45
#define SBI_EXT_IPI    0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM    0x48534D
#define SBI_EXT_SRST   0x53525354
#define SBI_EXT_DBCN   0x4442434E
/* chipvisor's own, in the firmware-specific extension space (0x0A000000-0x0AFFFFFF) */
#define SBI_EXT_CHIPVISOR 0x0A435653
#define SBI_CHIPVISOR_TRAP_COUNT 0   /* traps this VM has taken into the hypervisor */
#define SBI_CHIPVISOR_IRQ_BACKEND 1  /* what delivers this VM's interrupts: */
#define SBI_CHIPVISOR_IRQ_NONE    0
#define SBI_CHIPVISOR_IRQ_VPLIC   1  /*   trap-and-emulate virtual PLIC */
#define SBI_CHIPVISOR_IRQ_HVA_VIC 2  /*   the HVA's VIC behind the PLIC window */
#define SBI_CHIPVISOR_IRQ_AIA     3  /*   an AIA IMSIC guest interrupt file */
#define SBI_CHIPVISOR_HOST_IRQ_COUNT 2  /* of its traps, the hypervisor's own interrupts
                                           (its slice timer, IPIs between harts) that
                                           came while this VM ran: not the VM's doing */

#define SBI_BASE_GET_SPEC_VERSION   0
#define SBI_BASE_GET_IMPL_ID        1
#define SBI_BASE_GET_IMPL_VERSION   2
#define SBI_BASE_PROBE_EXT          3
#define SBI_BASE_GET_MVENDORID      4
#define SBI_BASE_GET_MARCHID        5
#define SBI_BASE_GET_MIMPID         6

#define SBI_HSM_HART_START    0
#define SBI_HSM_HART_STOP     1
#define SBI_HSM_HART_STATUS   2
#define SBI_HSM_HART_SUSPEND  3
#define SBI_HSM_STATE_STARTED 0
#define SBI_HSM_STATE_STOPPED 1
#define SBI_HSM_STATE_SUSPENDED 4
#define SBI_HSM_SUSPEND_RETENTIVE 0

#define SBI_SRST_RESET          0
#define SBI_SRST_SHUTDOWN       0
#define SBI_SRST_COLD_REBOOT    1
#define SBI_SRST_WARM_REBOOT    2
#define SBI_SRST_REASON_NONE    0
#define SBI_SRST_REASON_FAILURE 1

#define SBI_DBCN_WRITE      0
#define SBI_DBCN_READ       1
#define SBI_DBCN_WRITE_BYTE 2

/* SBI 2.0 is encoded major << 24 | minor */
#define SBI_SPEC_VERSION_2_0 (2UL << 24)
/* implementation id for chipvisor (not in the SBI registry; above its range) */
#define SBI_IMPL_ID_CHIPVISOR 0x43485056UL   /* "CHPV" */
#define SBI_IMPL_VERSION      0x00000100UL

#endif
