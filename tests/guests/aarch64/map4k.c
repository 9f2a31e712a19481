/*
 * map4k.c - an arm64 test guest for the MMU API: it maps a 4 KiB page of
 * RAM at a second address (splitting the 2 MiB block there) and checks that
 * a value written through one address reads back through the other.
 * Expected output: "HVB done benches=0" on success, "HVB error msg=map4k-..."
 * otherwise.
 */
#include "console.h"
#include "hvb-abi.h"
#include "kernel.h"
#include "machine.h"
#include "report.h"

#define TEST_OFFSET (4ull << 20)   /* pages this far below the end of RAM */

int guest_main(const struct guest_env *env)
{
	uint64_t page = env->ram_end - TEST_OFFSET;
	uint64_t alias = page + MMU_BLOCK_2M;   /* in the next 2 MiB block */
	volatile uint64_t *direct = (volatile uint64_t *)(uintptr_t)page;
	volatile uint64_t *aliased = (volatile uint64_t *)(uintptr_t)alias;

	if (env->ram_end == 0 || mmu_map_4k(arm64_mmu(), alias, page, MEM_NORMAL) != 0) {
		report_error("map4k-refused");
		return HVB_GUEST_EXIT_FAIL;
	}
	*direct = 0x1234567887654321ull;
	if (*aliased != 0x1234567887654321ull) {
		report_error("map4k-mismatch");
		return HVB_GUEST_EXIT_FAIL;
	}
	if (mmu_map_4k(arm64_mmu(), (uint64_t)(uintptr_t)&guest_main, page, MEM_NORMAL) == 0) {
		report_error("map4k-image-not-protected");
		return HVB_GUEST_EXIT_FAIL;
	}
	console_log("map4k: alias reads back, image protected");
	report_done(0);
	return HVB_GUEST_EXIT_OK;
}
