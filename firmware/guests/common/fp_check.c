/* FP state across vCPU switches: fill f0..f31 and fcsr with this guest's own
 * pattern, keep the hart busy for several time slices (so other VMs run and
 * use the FPU meanwhile), and check that every register came back intact. */
#include "guest.h"

#define SSTATUS_FS_INITIAL (1UL << 13)

#define FOR_EACH_FREG(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) \
    X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) \
    X(26) X(27) X(28) X(29) X(30) X(31)

static void fregs_write(const uint64_t *v)
{
#define WRITE_F(n) __asm__ volatile(".option push\n.option arch, +d\nfmv.d.x f" #n ", %0\n.option pop" :: "r"(v[n]));
    FOR_EACH_FREG(WRITE_F)
#undef WRITE_F
}

static void fregs_read(uint64_t *v)
{
#define READ_F(n) __asm__ volatile(".option push\n.option arch, +d\nfmv.x.d %0, f" #n "\n.option pop" : "=r"(v[n]));
    FOR_EACH_FREG(READ_F)
#undef READ_F
}

void fp_check(uint64_t seed, uint64_t busy_ticks)
{
    uint64_t want[32], got[32];
    uint64_t fcsr_want = seed & 0xff, fcsr_got;

    csr_set(sstatus, SSTATUS_FS_INITIAL);
    for (int i = 0; i < 32; i++)
        want[i] = seed * 0x9e3779b97f4a7c15ULL + (uint64_t)i;
    fregs_write(want);
    __asm__ volatile(".option push\n.option arch, +f\nfscsr %0\n.option pop" :: "r"(fcsr_want));
    delay_ticks(busy_ticks);
    fregs_read(got);
    __asm__ volatile(".option push\n.option arch, +f\nfrcsr %0\n.option pop" : "=r"(fcsr_got));
    int bad = 0;
    for (int i = 0; i < 32; i++)
        bad += got[i] != want[i];
    CHECK(bad == 0 && fcsr_got == fcsr_want,
          "FP registers and fcsr intact across vCPU switches (%d of 32 wrong, fcsr 0x%lx)", bad, fcsr_got);
}
