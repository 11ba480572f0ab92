/* Console input routing. Bytes wait in the VM's ring until its UART FIFO (or
 * an SBI console read) takes them; while the ring is full the host UART is
 * not read, so the host side holds them instead of losing them. */
#include "input.h"
#include "console.h"
#include "util.h"
#include "devices.h"
#include "vm_input.h"
#include "vm.h"

static struct vm *focus;

/* input goes only to VMs that were created (a refused VM has no UART to feed) */
void input_init(void)
{
    focus = NULL;
    for (uint32_t i = 0; i < vm_count; i++)
        if (vms[i].created && vms[i].cfg->console_input && !focus)
            focus = &vms[i];
    for (uint32_t i = 0; i < vm_count && !focus; i++)
        if (vms[i].created)
            focus = &vms[i];
    if (focus)
        hv_log("console input goes to vm %s (Ctrl-] switches)\n", focus->cfg->name);
}

static void switch_focus(void)
{
    if (!focus)
        return;
    for (uint32_t step = 1; step <= vm_count; step++) {
        struct vm *next = &vms[(focus->index + step) % vm_count];
        if (next->created) {
            focus = next;
            break;
        }
    }
    hv_log("console input goes to vm %s\n", focus->cfg->name);
    /* a reading point for benchmarks: traps counted within one run
     * (tests/bench/bench_linux.sh, linux_idle_traps_per_s) */
    for (uint32_t i = 0; i < vm_count; i++)
        hv_log("  vm %s: traps %lu so far\n", vms[i].cfg->name, vms[i].stats.traps);
}

static bool ring_full(const struct vm *vm)
{
    return (vm->input_head + 1) % VM_INPUT_RING == vm->input_tail;
}

void input_poll(void)
{
    if (!focus)
        return;
    while (!ring_full(focus)) {
        int c = console_getc();
        if (c < 0)
            break;
        if (c == INPUT_SWITCH_KEY)
            switch_focus();
        else
            vm_input_push(focus, (uint8_t)c);
    }
    /* only VMs with input waiting: this runs on every trap */
    for (uint32_t i = 0; i < vm_count; i++)
        if (vms[i].state != VM_STOPPED && vms[i].input_head != vms[i].input_tail)
            vm_input_feed_uart(&vms[i]);
}
