/*
 * harness_targets.c - unit tests for harness/run/targets.c: who owns a port or
 * address in QEMU's "info mtree -f" flat views and in `refhv --devices`.
 * The fixture is a trimmed real dump of QEMU 7.2 microvm, with fw_cfg at
 * 0x510 (the port pio-out-user once wrote to).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hvb-abi.h"
#include "run/targets.h"
#include "check_main.h"

static const char mtree[] =
	"QEMU 7.2.22 monitor - type 'help' for more information\n"
	"(qemu) info mtree -f\n"
	"FlatView #0\n"
	" AS \"memory\", root: system\n"
	" AS \"cpu-memory-0\", root: system\n"
	" Root memory region: system\n"
	"  0000000000000000-00000000000effff (prio 0, ram): microvm.ram\n"
	"  0000000000100000-000000000fffffff (prio 0, ram): microvm.ram @0000000000100000\n"
	"  00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic\n"
	"  00000000fee00000-00000000feefffff (prio 4096, i/o): apic-msi\n"
	"\n"
	"FlatView #1\n"
	" AS \"I/O\", root: io\n"
	" Root memory region: io\n"
	"  0000000000000000-000000000000001f (prio 0, i/o): io\n"
	"  00000000000000f4-00000000000000f7 (prio 0, i/o): isa-debug-exit\n"
	"  00000000000000f8-000000000000050f (prio 0, i/o): io @00000000000000f8\n"
	"  0000000000000510-0000000000000511 (prio 0, i/o): fwcfg\n"
	"  0000000000000512-0000000000000513 (prio 0, i/o): io @0000000000000512\n"
	"  0000000000000514-000000000000051b (prio 0, i/o): fwcfg.dma\n"
	"  000000000000051c-000000000000ffff (prio 0, i/o): io @000000000000051c\n"
	"\n"
	"FlatView #2\n"
	" AS \"KVM-SMRAM\", root: mem-container-smram\n"
	" Root memory region: mem-container-smram\n"
	"  0000000000000000-000000000000ffff (prio 0, i/o): other\n";

START_TEST(qemu_port_owners)
{
	char owner[64];
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_PORT, 0x510, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "fwcfg");
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_PORT, 0x516, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "fwcfg.dma");
	/* the root container's own ranges are unassigned */
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_PORT, 0x512, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "");
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_PORT, HVB_PORT_BENCH_USER, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "");
	/* the next flat view (another address space) is not read as I/O */
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_PORT, 0xf4, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "isa-debug-exit");
}
END_TEST

START_TEST(qemu_mmio_owners)
{
	char owner[64];
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_MMIO, HVB_MMIO_BENCH_USER, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "");   /* no region at all covers it */
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_MMIO, 0xfee00080, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "apic-msi");
	ck_assert_int_eq(target_owner_qemu(mtree, TARGET_MMIO, 0x200000, owner, sizeof(owner)), 0);
	ck_assert_str_eq(owner, "microvm.ram");
}
END_TEST

START_TEST(qemu_without_the_view)
{
	char owner[64];
	ck_assert_int_eq(target_owner_qemu("", TARGET_PORT, 0x700, owner, sizeof(owner)), -1);
	ck_assert_int_eq(target_owner_qemu("FlatView #0\n AS \"memory\", root: system\n",
					   TARGET_PORT, 0x700, owner, sizeof(owner)), -1);
	ck_assert_int_eq(target_owner_qemu("garbage\n\n(qemu)", TARGET_MMIO, 0, owner, sizeof(owner)), -1);
}
END_TEST

static const char refhv_map[] =
	"port 0x3f8 8 uart\n"
	"port 0xf0 4 report\n"
	"mmio 0x9000000 4096 pl011\n"
	"ioeventfd port 0x702 bench-kernel\n"
	"ioeventfd mmio 0xd0001000 bench-kernel\n";

START_TEST(refhv_owners)
{
	char owner[64];
	bool ioeventfd;
	ck_assert_int_eq(target_owner_refhv(refhv_map, TARGET_PORT, 0x3fd, owner, sizeof(owner), &ioeventfd), 0);
	ck_assert_str_eq(owner, "uart");
	ck_assert(!ioeventfd);
	ck_assert_int_eq(target_owner_refhv(refhv_map, TARGET_PORT, 0x700, owner, sizeof(owner), &ioeventfd), 0);
	ck_assert_str_eq(owner, "");
	ck_assert_int_eq(target_owner_refhv(refhv_map, TARGET_PORT, 0x702, owner, sizeof(owner), &ioeventfd), 0);
	ck_assert_str_eq(owner, "");
	ck_assert(ioeventfd);
	/* the same number in the other space is not a match */
	ck_assert_int_eq(target_owner_refhv(refhv_map, TARGET_MMIO, 0x702, owner, sizeof(owner), &ioeventfd), 0);
	ck_assert(!ioeventfd);
	ck_assert_int_eq(target_owner_refhv(refhv_map, TARGET_MMIO, 0x9000fff, owner, sizeof(owner), &ioeventfd), 0);
	ck_assert_str_eq(owner, "pl011");
	ck_assert_int_eq(target_owner_refhv("refhv: usage\n", TARGET_PORT, 0x700, owner, sizeof(owner), &ioeventfd), -1);
}
END_TEST

START_TEST(table_matches_the_abi)
{
	bool user_port = false, arm_user = false;
	for (size_t i = 0; i < target_count(); i++) {
		const struct bench_target *t = target_at(i);
		if (strcmp(t->benchmark, "pio-out-user") == 0) {
			user_port = t->addr == HVB_PORT_BENCH_USER && !t->refhv_ioeventfd;
		}
		if (strcmp(t->arch, "aarch64") == 0 && strcmp(t->benchmark, "mmio-write-user") == 0)
			arm_user = t->addr == HVB_ARM64_BENCH_USER && t->space == TARGET_MMIO;
	}
	ck_assert(user_port);
	ck_assert(arm_user);
	ck_assert_ptr_null(target_at(target_count()));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("targets");
	TCase *t = tcase_create("targets");
	tcase_add_test(t, qemu_port_owners);
	tcase_add_test(t, qemu_mmio_owners);
	tcase_add_test(t, qemu_without_the_view);
	tcase_add_test(t, refhv_owners);
	tcase_add_test(t, table_matches_the_abi);
	suite_add_tcase(s, t);
	return check_run(s);
}
