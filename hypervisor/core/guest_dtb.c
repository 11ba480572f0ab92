/* vmconfig writes what every VM has; the hart decides the rest at boot. A
 * guest is told exactly what its hart gives it: Linux, for one, programs its
 * timer through SBI calls unless the ISA names `sstc`, and picks its paging
 * mode by probing satp whatever `mmu-type` says. */
#include "guest_dtb.h"
#include "csr.h"
#include "fdt_min.h"
#include "hext.h"
#include "util.h"

#define ISA_MAX 256

/* Appends `ext` to a cpu property: with '_' to the riscv,isa string, as one
 * more string to the riscv,isa-extensions list. */
static bool append_ext(void *dtb, uint32_t cap, const char *prop, const char *ext, bool list)
{
    char buf[ISA_MAX];
    uint32_t len, n = (uint32_t)strlen(ext);
    const char *old = fdt_find_node_property(dtb, "cpu", prop, prop, &len);
    if (!old || len == 0 || len + n + 1 > ISA_MAX || old[len - 1] != '\0')
        return false;
    memcpy(buf, old, len);
    if (!list)
        buf[len - 1] = '_';     /* over the NUL: one string */
    memcpy(buf + len, ext, n + 1);
    return fdt_set_property(dtb, cap, "cpu", prop, buf, len + n + 1) > 0;
}

bool guest_dtb_fixup(void *dtb, uint32_t cap)
{
    static const char *const mmu[] = {
        [SATP_MODE_SV39] = "riscv,sv39", [SATP_MODE_SV48] = "riscv,sv48",
        [SATP_MODE_SV57] = "riscv,sv57",
    };
    const char *mode = mmu[hart.vsatp_max];
    bool ok = fdt_set_property(dtb, cap, "cpu", "mmu-type", mode, (uint32_t)strlen(mode) + 1) > 0;
    if (hart.sstc)
        ok = ok && append_ext(dtb, cap, "riscv,isa", "sstc", false) &&
             append_ext(dtb, cap, "riscv,isa-extensions", "sstc", true);
    return ok;
}
