/*
 * insn_name.c - name the arm64 instructions a refhv --trace line may point
 * at: loads and stores (an MMIO exit), hvc, smc, wfi/wfe, from the 32-bit
 * instruction word at the PC.  Only the classes are told apart; anything
 * else is unnamed (NULL).  Every instruction is 4 bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "../trace.h"

const char *arch_insn_name(const uint8_t *bytes, size_t n, size_t *length)
{
	if (n < 4)
		return NULL;
	*length = 4;
	uint32_t w = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
		     (uint32_t)bytes[3] << 24;

	if ((w & 0xffe0001fu) == 0xd4000002u)
		return "hvc";
	if ((w & 0xffe0001fu) == 0xd4000003u)
		return "smc";
	if (w == 0xd503207fu)
		return "wfi";
	if (w == 0xd503205fu)
		return "wfe";
	/* Loads and stores: op0 (bits 28..25) = x1x0. */
	if ((w & 0x0a000000u) == 0x08000000u)
		return (w & (1u << 22)) ? "load" : "store";
	return NULL;
}
