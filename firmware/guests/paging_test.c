/* The guest's own Sv39 paging over the hypervisor's G-stage: aliases, page
 * faults the guest handles itself, and device access through a virtual
 * address that differs from the device's guest-physical one (so the
 * hypervisor must use the guest's translation to read the instruction). */
#include "guest.h"
#include "devices.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define SATP_SV39 (8UL << 60)

#define ALIAS_VA   0x40000000UL     /* 4 KiB page -> data_page */
#define RO_VA      0x40001000UL     /* read-only alias of data_page */
#define HOLE_VA    0x40002000UL     /* not mapped */
#define UART_VA    0x40003000UL     /* -> the UART's GPA */
#define CODE_VA    0x40004000UL     /* execute-only alias of the code page holding uart_poke */

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static volatile uint64_t data_page[512] __attribute__((aligned(4096)));

static volatile unsigned faults;
static volatile uint64_t fault_cause, fault_tval;

static bool handler(struct trap_frame *f)
{
    if (f->cause == 13 || f->cause == 15 || f->cause == 12) {
        faults++;
        fault_cause = f->cause;
        fault_tval = f->tval;
        if (f->cause == 12)
            f->epc = f->ra;             /* a failed call: return to the caller */
        else
            f->epc += 4;                /* the accesses below are 4-byte instructions */
        return true;
    }
    return false;
}

static uint64_t pte(uint64_t pa, uint64_t flags)
{
    return (pa >> 12) << 10 | flags | PTE_V;
}

static void map_tables(void)
{
    /* identity gigapage over the guest's RAM (GPA 0x80000000) */
    root[2] = pte(0x80000000UL, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    /* 0x40000000..: a 4 KiB-page table for the tests */
    root[1] = pte((uintptr_t)l1, 0);
    l1[0] = pte((uintptr_t)l0, 0);
    l0[0] = pte((uintptr_t)data_page, PTE_R | PTE_W | PTE_A | PTE_D);
    l0[1] = pte((uintptr_t)data_page, PTE_R | PTE_A);
    l0[3] = pte(UART_BASE, PTE_R | PTE_W | PTE_A | PTE_D);
}

static uint32_t uart_scr_via(uint64_t uart_va, uint8_t v)
{
    uint32_t out;
    /* sb/lbu at a VA the hypervisor must translate with the guest's tables */
    __asm__ volatile("sb %1, 7(%2)\n\tlbu %0, 7(%2)" : "=&r"(out) : "r"(v), "r"(uart_va) : "memory");
    return out;
}

void guest_main(void)
{
    guest_handler = handler;
    guest_printf("paging test guest\n");
    map_tables();
    csr_write(satp, SATP_SV39 | ((uintptr_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    CHECK((csr_read(satp) >> 60) == 8, "Sv39 is on (satp 0x%lx)", csr_read(satp));

    data_page[0] = 0x1122334455667788UL;
    CHECK(*(volatile uint64_t *)ALIAS_VA == 0x1122334455667788UL, "an alias page reads the same data");
    *(volatile uint64_t *)(ALIAS_VA + 8) = 42;
    CHECK(data_page[1] == 42, "a store through the alias lands in the page");

    uint64_t v;
    __asm__ volatile("ld %0, 0(%1)" : "=r"(v) : "r"(HOLE_VA) : "memory");
    CHECK(faults == 1 && fault_cause == 13 && fault_tval == HOLE_VA,
          "a load from an unmapped page is the guest's own load page fault (cause %lu, tval 0x%lx)",
          fault_cause, fault_tval);
    __asm__ volatile("sd %0, 0(%1)" :: "r"(v), "r"(RO_VA) : "memory");
    CHECK(faults == 2 && fault_cause == 15 && fault_tval == RO_VA,
          "a store to a read-only page is the guest's store page fault");
    CHECK(*(volatile uint64_t *)RO_VA == 0x1122334455667788UL, "the read-only alias still reads");

    /* device through paging */
    CHECK(uart_scr_via(UART_VA, 0x3c) == 0x3c, "UART scratch register through a virtual mapping");

    /* change a mapping: after sfence.vma the new one is used */
    l0[0] = pte((uintptr_t)root, PTE_R | PTE_A);
    __asm__ volatile("sfence.vma" ::: "memory");
    CHECK(*(volatile uint64_t *)(ALIAS_VA + 16) == root[2], "a remapped page after sfence.vma");

    /* a page without X: fetching from it is an instruction page fault */
    l0[4] = pte((uintptr_t)data_page, PTE_R | PTE_A);
    __asm__ volatile("sfence.vma" ::: "memory");
    void (*fn)(void) = (void (*)(void))CODE_VA;
    fn();
    CHECK(faults == 3 && fault_cause == 12 && fault_tval == CODE_VA,
          "fetch from a non-executable page is the guest's instruction page fault");

    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
}
