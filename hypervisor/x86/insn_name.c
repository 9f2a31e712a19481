/*
 * insn_name.c - name the x86 instructions that make exits to a VMM's
 * userspace (port I/O, string port I/O, moves to and from memory) and the
 * few other trapping ones a trace may meet, from their first bytes, for
 * refhv --trace, with their length (so the trace can look back from a PC
 * that is already past the instruction).  Not a decoder: legacy and REX
 * prefixes are skipped, then the opcode is looked up, and for the moves
 * the ModRM/SIB/displacement/immediate bytes counted; anything else is
 * unnamed (NULL).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../trace.h"

enum operands {
	NONE,        /* the opcode alone */
	IMM8,        /* an 8-bit immediate */
	MODRM,       /* a memory operand */
	MODRM_IMM8,
	MODRM_IMMZ,  /* a memory operand and a 16/32-bit immediate */
	MOFFS,       /* a 64-bit absolute address */
};

struct opcode_name {
	uint8_t opcode;
	const char *name;
	enum operands operands;
};

/* One-byte opcodes. */
static const struct opcode_name one_byte[] = {
	{ 0xe4, "in-imm", IMM8 },  { 0xe5, "in-imm", IMM8 },  { 0xec, "in-dx", NONE },  { 0xed, "in-dx", NONE },
	{ 0xe6, "out-imm", IMM8 }, { 0xe7, "out-imm", IMM8 }, { 0xee, "out-dx", NONE }, { 0xef, "out-dx", NONE },
	{ 0x6c, "ins", NONE },     { 0x6d, "ins", NONE },     { 0x6e, "outs", NONE },   { 0x6f, "outs", NONE },
	{ 0x88, "mov-store", MODRM }, { 0x89, "mov-store", MODRM },
	{ 0xc6, "mov-store", MODRM_IMM8 }, { 0xc7, "mov-store", MODRM_IMMZ },
	{ 0xa2, "mov-store", MOFFS }, { 0xa3, "mov-store", MOFFS },
	{ 0x8a, "mov-load", MODRM },  { 0x8b, "mov-load", MODRM },
	{ 0xa0, "mov-load", MOFFS },  { 0xa1, "mov-load", MOFFS },
	{ 0xaa, "stos", NONE },    { 0xab, "stos", NONE },    { 0xf4, "hlt", NONE },
};

/* 0x0f-prefixed opcodes. */
static const struct opcode_name two_byte[] = {
	{ 0xa2, "cpuid", NONE }, { 0x30, "wrmsr", NONE }, { 0x32, "rdmsr", NONE },
	{ 0x31, "rdtsc", NONE }, { 0xb6, "movzx-load", MODRM }, { 0xb7, "movzx-load", MODRM },
	{ 0x09, "wbinvd", NONE },
};

static bool is_prefix(uint8_t b)
{
	return b == 0x66 || b == 0x67 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x3e ||
	       b == 0x26 || b == 0x36 || b == 0x64 || b == 0x65 || (b >= 0x40 && b <= 0x4f);
}

static const struct opcode_name *lookup(const struct opcode_name *t, size_t n, uint8_t opcode)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].opcode == opcode)
			return &t[i];
	return NULL;
}

/* Bytes of ModRM, SIB and displacement at b[0..n), or 0 when cut short. */
static size_t modrm_length(const uint8_t *b, size_t n)
{
	if (n < 1)
		return 0;
	unsigned mod = b[0] >> 6, rm = b[0] & 7;
	size_t len = 1;

	if (mod != 3 && rm == 4) {            /* a SIB byte */
		if (n < 2)
			return 0;
		if (mod == 0 && (b[1] & 7) == 5)
			len += 4;                     /* no base: disp32 */
		len++;
	}
	if (mod == 0 && rm == 5)
		len += 4;                         /* RIP-relative disp32 */
	else if (mod == 1)
		len += 1;
	else if (mod == 2)
		len += 4;
	return len <= n ? len : 0;
}

const char *arch_insn_name(const uint8_t *bytes, size_t n, size_t *length)
{
	size_t i = 0;
	bool rep = false, opsize16 = false;
	const struct opcode_name *op;

	while (i < n && i < 4 && is_prefix(bytes[i])) {
		rep |= bytes[i] == 0xf3;
		opsize16 |= bytes[i] == 0x66;
		i++;
	}
	if (i >= n)
		return NULL;
	if (bytes[i] == 0x0f) {
		if (i + 2 < n && bytes[i + 1] == 0x01 && (bytes[i + 2] == 0xc1 || bytes[i + 2] == 0xd9)) {
			*length = i + 3;
			return bytes[i + 2] == 0xc1 ? "vmcall" : "vmmcall";
		}
		if (++i >= n)
			return NULL;
		op = lookup(two_byte, sizeof(two_byte) / sizeof(two_byte[0]), bytes[i]);
	} else {
		op = lookup(one_byte, sizeof(one_byte) / sizeof(one_byte[0]), bytes[i]);
	}
	if (!op)
		return NULL;
	i++;                                   /* past the opcode */
	size_t m = 0;
	switch (op->operands) {
	case NONE: break;
	case IMM8: i += 1; break;
	case MOFFS: i += 8; break;
	case MODRM:
	case MODRM_IMM8:
	case MODRM_IMMZ:
		if (!(m = modrm_length(bytes + i, n - i)) || (bytes[i] >> 6) == 3)
			return NULL;                   /* cut short, or a register operand */
		i += m;
		i += op->operands == MODRM_IMM8 ? 1 : op->operands == MODRM_IMMZ ? (opsize16 ? 2 : 4) : 0;
		break;
	}
	if (i > n)
		return NULL;
	*length = i;
	if (rep && (op->opcode == 0x6e || op->opcode == 0x6f))
		return "rep-outs";
	if (rep && (op->opcode == 0x6c || op->opcode == 0x6d))
		return "rep-ins";
	return op->name;
}
