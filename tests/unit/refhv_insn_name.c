/*
 * refhv_insn_name.c - unit tests for the x86 instruction naming behind
 * refhv --trace (hypervisor/x86/insn_name.c): names and lengths of the
 * port I/O and memory moves that make exits, prefixes, and the refusals
 * (register operands, bytes cut short, unknown opcodes).
 */
#include <check.h>

#include "check_main.h"
#include "trace.h"

#define NAME(bytes, len) arch_insn_name((const uint8_t *)(bytes), (len), &length)

START_TEST(port_io)
{
	size_t length = 0;
	ck_assert_str_eq(NAME("\xee", 1), "out-dx");
	ck_assert_uint_eq(length, 1);
	ck_assert_str_eq(NAME("\x66\xef", 2), "out-dx");
	ck_assert_uint_eq(length, 2);
	ck_assert_str_eq(NAME("\xe7\xf4", 2), "out-imm");
	ck_assert_uint_eq(length, 2);
	ck_assert_str_eq(NAME("\xec", 1), "in-dx");
	ck_assert_str_eq(NAME("\xe4\x80", 2), "in-imm");
	ck_assert_str_eq(NAME("\xf3\x6e", 2), "rep-outs");
	ck_assert_str_eq(NAME("\xf3\x6c", 2), "rep-ins");
	ck_assert_str_eq(NAME("\x6f", 1), "outs");
}
END_TEST

START_TEST(memory_moves)
{
	size_t length = 0;
	ck_assert_str_eq(NAME("\x89\x0e", 2), "mov-store");               /* mov %ecx,(%rsi) */
	ck_assert_uint_eq(length, 2);
	ck_assert_str_eq(NAME("\x8b\x31", 2), "mov-load");                /* mov (%rcx),%esi */
	ck_assert_uint_eq(length, 2);
	ck_assert_str_eq(NAME("\x48\x89\x47\x08", 4), "mov-store");       /* mov %rax,8(%rdi) */
	ck_assert_uint_eq(length, 4);
	ck_assert_str_eq(NAME("\x89\x04\x24", 3), "mov-store");           /* mov %eax,(%rsp): SIB */
	ck_assert_uint_eq(length, 3);
	ck_assert_str_eq(NAME("\xc7\x07\x01\x00\x00\x00", 6), "mov-store"); /* movl $1,(%rdi) */
	ck_assert_uint_eq(length, 6);
	ck_assert_str_eq(NAME("\x66\xc7\x07\x01\x00", 5), "mov-store");   /* movw $1,(%rdi) */
	ck_assert_uint_eq(length, 5);
	ck_assert_str_eq(NAME("\xc6\x87\x00\x10\x00\x00\x05", 7), "mov-store"); /* disp32 + imm8 */
	ck_assert_uint_eq(length, 7);
	ck_assert_str_eq(NAME("\x8b\x05\x00\x00\x00\x00", 6), "mov-load"); /* RIP-relative */
	ck_assert_uint_eq(length, 6);
	ck_assert_str_eq(NAME("\x0f\xb6\x06", 3), "movzx-load");
	ck_assert_uint_eq(length, 3);
}
END_TEST

START_TEST(other_trapping)
{
	size_t length = 0;
	ck_assert_str_eq(NAME("\x0f\xa2", 2), "cpuid");
	ck_assert_uint_eq(length, 2);
	ck_assert_str_eq(NAME("\x0f\x01\xc1", 3), "vmcall");
	ck_assert_str_eq(NAME("\x0f\x01\xd9", 3), "vmmcall");
	ck_assert_uint_eq(length, 3);
	ck_assert_str_eq(NAME("\x0f\x32", 2), "rdmsr");
	ck_assert_str_eq(NAME("\xf4", 1), "hlt");
}
END_TEST

START_TEST(refused)
{
	size_t length = 99;
	ck_assert_ptr_null(NAME("\x89\xc0", 2));              /* mov %eax,%eax: no memory */
	ck_assert_ptr_null(NAME("\xc7\x07\x01\x00", 4));      /* immediate cut short */
	ck_assert_ptr_null(NAME("\x89", 1));                  /* ModRM missing */
	ck_assert_ptr_null(NAME("\x90", 1));                  /* nop: not named */
	ck_assert_ptr_null(NAME("\x66\x66\x66\x66\x66", 5));  /* prefixes only */
	ck_assert_ptr_null(NAME("\x0f", 1));
	ck_assert_ptr_null(NAME("\x0f\x01\xd0", 3));          /* xgetbv: not named */
	ck_assert_ptr_null(NAME("", 0));
	ck_assert_uint_eq(length, 99);                        /* untouched when refused */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("refhv_insn_name");
	TCase *tc = tcase_create("arch_insn_name");

	tcase_add_test(tc, port_io);
	tcase_add_test(tc, memory_moves);
	tcase_add_test(tc, other_trapping);
	tcase_add_test(tc, refused);
	suite_add_tcase(s, tc);

	return check_run(s);
}
