# hvbench top-level Makefile.
#
#   make          build everything into build/ (host programs, guests)
#   make run      install Debian packages (scripts/install-deps.sh), build,
#                 run the default suite, store it, draw the figures
#   make check    the same set-up, then the test-beds' set-up (make testbeds:
#                 Debian packages fetched and verified, test-beds built), then
#                 every test (unit + integration, normal and ASan+UBSan
#                 builds); ends with "N passed, N failed"
#   make install  PREFIX=/usr/local DESTDIR=...: programs, guests, scripts,
#                 man pages (make uninstall removes them)
#   make bench    refhv's own overhead: kvm-floor vs refhv vs QEMU microvm,
#                 interleaved (BENCH_ROUNDS=30, BENCH_DB=results/hvbench.db)
#   make release-study  each test-bed from Debian 12 and from Debian 13, the
#                 same guest and benchmarks interleaved A B B A, compared per
#                 test-bed: results/release-study-TIME/report.md
#                 (scripts/release-study.sh; STUDY_ARGS=... passes options)
#
# Sources are found by wildcard, so adding a file to a directory is enough:
#   harness/*.c harness/*/*.c          -> build/bin/hvbench (commands on top,
#                                         subsystems in folders: docs/design.md)
#   hypervisor/*.c hypervisor/x86/*.c  -> build/bin/refhv (x86-64 host)
#   hypervisor/*.c hypervisor/arm64/*.c -> build/bin/refhv-aarch64 (static, cross)
#   bench/kvm-floor.c                  -> build/bin/kvm-floor (the floor of `make bench`)
#   microbench/native/*.c + the runner -> build/bin/tlb-native-aarch64 (static, cross:
#                                         tlb-native inside the arm64 KVM test-beds)
#   guest-kernel/*.c, guest-kernel/x86_64/*.{c,S},
#   microbench/*.c, microbench/x86_64/*.c -> build/guest/x86_64/guest.elf
#   tests/guests/x86_64/NAME.c         -> build/guest/x86_64/test-NAME.elf
#   guest-kernel/*.c, guest-kernel/aarch64/*.{c,S},
#   microbench/*.c, microbench/aarch64/*.c -> build/guest/aarch64/guest.img (+ .elf)
#   tests/guests/aarch64/NAME.c        -> build/guest/aarch64/test-NAME.img
#   tests/unit/harness_*.c, refhv_*.c, guest_*.c -> Check unit tests (ASan+UBSan)

BUILD   ?= build
CC      ?= gcc
V       ?= @

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) -Iinclude -MMD -MP
ASAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

HARNESS_LIBS := $(shell pkg-config --libs sqlite3 hwloc 2>/dev/null || echo -lsqlite3 -lhwloc) -lpfm -lm
REFHV_LIBS   := -lpthread
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lrt -lm -lpthread)

HOST_ARCH := $(shell uname -m)

# ---- host programs ---------------------------------------------------------
# The pointer chase is shared with the guest: tlb-native runs the same code.
HARNESS_SRC := $(wildcard harness/*.c harness/*/*.c) microbench/pointer_chase.c \
	microbench/native/chase_map.c
REFHV_SRC   := $(wildcard hypervisor/*.c)
ifeq ($(HOST_ARCH),x86_64)
REFHV_SRC   += $(wildcard hypervisor/x86/*.c)
endif

define host_objs # $(1)=variant dir, $(2)=sources
$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$(2))
endef

all: programs guests

programs: $(BUILD)/bin/hvbench $(BUILD)/bin/refhv $(BUILD)/bin/refhv-aarch64 $(BUILD)/bin/kvm-floor \
	$(BUILD)/bin/appb $(BUILD)/bin/tlb-native-aarch64 $(BUILD)/bin/hvb-xen-iolat \
	$(BUILD)/bin/hvb-xen-iolat-aarch64
asan-programs: $(BUILD)/asan/bin/hvbench $(BUILD)/asan/bin/refhv $(BUILD)/asan/bin/appb

$(BUILD)/host/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) -c $< -o $@
$(BUILD)/asan/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -c $< -o $@
# The harness includes its headers by folder: #include "store/store.h".
$(BUILD)/host/obj/harness/%.o $(BUILD)/asan/obj/harness/%.o: HOST_CFLAGS += -Iharness

# Everything but main.o goes into a library, so unit tests can link it.
HARNESS_LIBOBJ_host := $(filter-out %/main.o,$(call host_objs,host,$(HARNESS_SRC)))
HARNESS_LIBOBJ_asan := $(filter-out %/main.o,$(call host_objs,asan,$(HARNESS_SRC)))
REFHV_LIBOBJ_host   := $(filter-out %/main.o,$(call host_objs,host,$(REFHV_SRC)))
REFHV_LIBOBJ_asan   := $(filter-out %/main.o,$(call host_objs,asan,$(REFHV_SRC)))

# results-schema.sql is compiled into hvbench as the string hvb_schema_sql.
$(BUILD)/gen/schema_sql.c: results-schema.sql scripts/embed-text.sh
	@mkdir -p $(dir $@)
	$(V)scripts/embed-text.sh hvb_schema_sql < $< > $@
$(BUILD)/host/obj/gen/schema_sql.o: $(BUILD)/gen/schema_sql.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) -c $< -o $@
$(BUILD)/asan/obj/gen/schema_sql.o: $(BUILD)/gen/schema_sql.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -c $< -o $@

$(BUILD)/host/lib/libharness.a: $(HARNESS_LIBOBJ_host) $(BUILD)/host/obj/gen/schema_sql.o
$(BUILD)/asan/lib/libharness.a: $(HARNESS_LIBOBJ_asan) $(BUILD)/asan/obj/gen/schema_sql.o
$(BUILD)/host/lib/librefhv.a: $(REFHV_LIBOBJ_host)
$(BUILD)/asan/lib/librefhv.a: $(REFHV_LIBOBJ_asan)
$(BUILD)/host/lib/%.a:
	@mkdir -p $(dir $@)
	$(V)rm -f $@ && ar rcs $@ $^
$(BUILD)/asan/lib/%.a:
	@mkdir -p $(dir $@)
	$(V)rm -f $@ && ar rcs $@ $^

$(BUILD)/bin/hvbench: $(BUILD)/host/obj/harness/main.o $(BUILD)/host/lib/libharness.a
	@mkdir -p $(dir $@)
	$(V)$(CC) -o $@ $^ $(HARNESS_LIBS)
$(BUILD)/bin/refhv: $(BUILD)/host/obj/hypervisor/main.o $(BUILD)/host/lib/librefhv.a
	@mkdir -p $(dir $@)
	$(V)$(CC) -o $@ $^ $(REFHV_LIBS)
$(BUILD)/asan/bin/hvbench: $(BUILD)/asan/obj/harness/main.o $(BUILD)/asan/lib/libharness.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(ASAN_FLAGS) -o $@ $^ $(HARNESS_LIBS)
$(BUILD)/asan/bin/refhv: $(BUILD)/asan/obj/hypervisor/main.o $(BUILD)/asan/lib/librefhv.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(ASAN_FLAGS) -o $@ $^ $(REFHV_LIBS)

# ---- guest kernel (x86-64) -------------------------------------------------
GUEST_CC     := $(CC)
GUEST_CFLAGS := -std=c11 -O2 -g $(WARN) -Iinclude -Iguest-kernel -Imicrobench \
	-ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -mno-red-zone -mgeneral-regs-only \
	-mcmodel=small -MMD -MP
GUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=sha1 -Wl,-z,max-page-size=0x1000 \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -T guest-kernel/x86_64/guest.ld

GUEST_KERNEL_SRC := $(wildcard guest-kernel/*.c guest-kernel/x86_64/*.c guest-kernel/x86_64/*.S)
MICROBENCH_SRC   := $(wildcard microbench/*.c microbench/x86_64/*.c)
GUEST_KERNEL_OBJ := $(patsubst %,$(BUILD)/guest/x86_64/obj/%.o,$(GUEST_KERNEL_SRC))
MICROBENCH_OBJ   := $(patsubst %,$(BUILD)/guest/x86_64/obj/%.o,$(MICROBENCH_SRC))
TEST_GUEST_SRC   := $(wildcard tests/guests/x86_64/*.c)
TEST_GUESTS      := $(patsubst tests/guests/x86_64/%.c,$(BUILD)/guest/x86_64/test-%.elf,$(TEST_GUEST_SRC))

$(BUILD)/guest/x86_64/obj/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@
$(BUILD)/guest/x86_64/obj/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(V)$(GUEST_CC) $(GUEST_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(BUILD)/guest/x86_64/guest.elf: $(GUEST_KERNEL_OBJ) $(MICROBENCH_OBJ) guest-kernel/x86_64/guest.ld
	$(V)$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $(GUEST_KERNEL_OBJ) $(MICROBENCH_OBJ)
$(BUILD)/guest/x86_64/test-%.elf: $(BUILD)/guest/x86_64/obj/tests/guests/x86_64/%.c.o $(GUEST_KERNEL_OBJ) guest-kernel/x86_64/guest.ld
	$(V)$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $< $(GUEST_KERNEL_OBJ)

# ---- guest kernel (aarch64) ------------------------------------------------
#   guest-kernel/*.c, guest-kernel/aarch64/*.{c,S}, microbench/*.c,
#   microbench/aarch64/*.c -> build/guest/aarch64/guest.elf (for debugging)
#   and guest.img (the raw Linux arm64 Image that loaders boot);
#   tests/guests/aarch64/NAME.c -> build/guest/aarch64/test-NAME.img
# Linked at 0 as a static PIE: head.S applies its relative relocations at
# boot, so the image runs wherever the loader puts it.  -mstrict-align: the
# early code runs with the MMU off, where unaligned accesses fault.
AARCH64_CROSS   ?= aarch64-linux-gnu-
A64_CC          := $(AARCH64_CROSS)gcc
A64_OBJCOPY     := $(AARCH64_CROSS)objcopy
A64_CFLAGS      := -std=c11 -O2 -g $(WARN) -Iinclude -Iguest-kernel -Iguest-kernel/aarch64 \
	-Imicrobench -ffreestanding -fno-builtin -nostdlib -fpie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -mgeneral-regs-only -mstrict-align -mno-outline-atomics -MMD -MP
A64_LDFLAGS     := -nostdlib -static-pie -Wl,--no-dynamic-linker -Wl,--build-id=sha1 \
	-Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
	-T guest-kernel/aarch64/guest.ld
A64_KERNEL_SRC  := $(wildcard guest-kernel/*.c guest-kernel/aarch64/*.c guest-kernel/aarch64/*.S)
A64_BENCH_SRC   := $(wildcard microbench/*.c microbench/aarch64/*.c)
A64_KERNEL_OBJ  := $(patsubst %,$(BUILD)/guest/aarch64/obj/%.o,$(A64_KERNEL_SRC))
A64_BENCH_OBJ   := $(patsubst %,$(BUILD)/guest/aarch64/obj/%.o,$(A64_BENCH_SRC))
A64_TEST_SRC    := $(wildcard tests/guests/aarch64/*.c)
A64_TEST_GUESTS := $(patsubst tests/guests/aarch64/%.c,$(BUILD)/guest/aarch64/test-%.img,$(A64_TEST_SRC))

$(BUILD)/guest/aarch64/obj/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(A64_CC) $(A64_CFLAGS) -c $< -o $@
$(BUILD)/guest/aarch64/obj/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(V)$(A64_CC) $(A64_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(BUILD)/guest/aarch64/guest.elf: $(A64_KERNEL_OBJ) $(A64_BENCH_OBJ) guest-kernel/aarch64/guest.ld
	$(V)$(A64_CC) $(A64_CFLAGS) $(A64_LDFLAGS) -o $@ $(A64_KERNEL_OBJ) $(A64_BENCH_OBJ)
$(BUILD)/guest/aarch64/test-%.elf: $(BUILD)/guest/aarch64/obj/tests/guests/aarch64/%.c.o $(A64_KERNEL_OBJ) guest-kernel/aarch64/guest.ld
	$(V)$(A64_CC) $(A64_CFLAGS) $(A64_LDFLAGS) -o $@ $< $(A64_KERNEL_OBJ)
$(BUILD)/guest/aarch64/%.img: $(BUILD)/guest/aarch64/%.elf
	$(V)$(A64_OBJCOPY) -O binary $< $@

guests: $(BUILD)/guest/x86_64/guest.elf $(TEST_GUESTS) \
	$(BUILD)/guest/aarch64/guest.img $(A64_TEST_GUESTS)

# ---- refhv for arm64 hosts (cross-built, static) -----------------------------
# The test-beds copy build/bin/refhv-aarch64 into an emulated arm64 machine,
# so it is linked statically, against arm64 libraries (libfdt, ...) that
# scripts/cross-sysroot.sh unpacks from Debian arm64 packages into
# build/cross-sysroot/ (once; the host's dpkg is not touched).
CROSS_CC        ?= aarch64-linux-gnu-gcc
CROSS_SYSROOT   := $(BUILD)/cross-sysroot/root
CROSS_CFLAGS    := $(HOST_CFLAGS) -isystem $(CROSS_SYSROOT)/usr/include
CROSS_LDFLAGS   := -static -L$(CROSS_SYSROOT)/usr/lib/aarch64-linux-gnu
REFHV_ARM64_SRC := $(wildcard hypervisor/*.c hypervisor/arm64/*.c)
REFHV_ARM64_OBJ := $(patsubst %.c,$(BUILD)/aarch64/obj/%.o,$(REFHV_ARM64_SRC))
# The pure parts, also built for the host's unit tests (tests/unit/refhv_arm64_*.c).
REFHV_ARM64_PURE := hypervisor/arm64/image_loader.c hypervisor/arm64/fdt_build.c

$(CROSS_SYSROOT)/.done:
	$(V)scripts/cross-sysroot.sh $(BUILD)/cross-sysroot
$(BUILD)/aarch64/obj/%.o: %.c | $(CROSS_SYSROOT)/.done
	@mkdir -p $(dir $@)
	$(V)$(CROSS_CC) $(CROSS_CFLAGS) -c $< -o $@
$(BUILD)/bin/refhv-aarch64: $(REFHV_ARM64_OBJ)
	@mkdir -p $(dir $@)
	$(V)$(CROSS_CC) $(CROSS_LDFLAGS) -o $@ $^ -lfdt $(REFHV_LIBS)

# ---- the native runner (tlb-native inside the arm64 test-beds) ----------------
# The guest's runner, report records and pointer chase without the guest
# kernel, as a static arm64 Linux program (microbench/native/main.c); the
# KVM test-beds run it in their own Linux.  The guest's libc-named helpers
# are renamed as for the unit tests (GUEST_ON_HOST_FLAGS, below).
NATIVE_SRC := microbench/native/main.c microbench/native/chase_map.c microbench/runner.c \
	microbench/pointer_chase.c microbench/empty_loop.c guest-kernel/report.c \
	guest-kernel/line.c guest-kernel/kstring.c guest-kernel/cmdline.c
$(BUILD)/bin/tlb-native-aarch64: $(NATIVE_SRC) $(wildcard microbench/*.h microbench/native/*.h \
		guest-kernel/*.h include/*.h)
	@mkdir -p $(dir $@)
	$(V)$(CROSS_CC) -std=c11 -D_GNU_SOURCE -O2 -g $(WARN) -Iinclude -Imicrobench \
		$(GUEST_ON_HOST_FLAGS) -static -o $@ $(NATIVE_SRC)

# ---- the Xen test-beds' dom0 program (io-latency), static for both arches ----
DOM0_SRC := dom0/xen_iolat.c dom0/xen_iolat_proto.c
DOM0_DEPS := $(DOM0_SRC) dom0/xen_iolat_proto.h include/hvb-abi.h harness/util/host_tick.h
$(BUILD)/bin/hvb-xen-iolat: $(DOM0_DEPS)
	@mkdir -p $(dir $@)
	$(V)$(CC) $(filter-out -MMD -MP,$(HOST_CFLAGS)) -Iharness -static -o $@ $(DOM0_SRC)
$(BUILD)/bin/hvb-xen-iolat-aarch64: $(DOM0_DEPS) | $(CROSS_SYSROOT)/.done
	@mkdir -p $(dir $@)
	$(V)$(CROSS_CC) $(filter-out -MMD -MP,$(CROSS_CFLAGS)) -Iharness -static -o $@ $(DOM0_SRC)

# ---- tests -----------------------------------------------------------------
UNIT_SRC   := $(wildcard tests/unit/*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(UNIT_SRC))

$(BUILD)/asan/tests/harness_%: tests/unit/harness_%.c $(BUILD)/asan/lib/libharness.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Iharness -o $@ $(filter %.c %.a,$^) $(CHECK_LIBS) $(HARNESS_LIBS)
$(BUILD)/asan/tests/refhv_%: tests/unit/refhv_%.c $(BUILD)/asan/lib/librefhv.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Ihypervisor -o $@ $(filter %.c %.a,$^) $(CHECK_LIBS) $(REFHV_LIBS)
# dom0_* test the dom0 program's request handling, without Xen.
$(BUILD)/asan/tests/dom0_%: tests/unit/dom0_%.c dom0/xen_iolat_proto.c dom0/xen_iolat_proto.h
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Idom0 -o $@ $(filter %.c,$^) $(CHECK_LIBS)
# guest_* run the guest's own protocol code (report, line, command line),
# built for the host, against the harness's parser.  The guest's libc-named
# helpers get other names so they do not clash with the host's C library.
GUEST_ON_HOST_SRC   := guest-kernel/report.c guest-kernel/line.c guest-kernel/kstring.c \
	guest-kernel/cmdline.c
GUEST_ON_HOST_FLAGS := -Iguest-kernel -fno-builtin -Dmemset=guest_memset -Dmemcpy=guest_memcpy \
	-Dmemcmp=guest_memcmp -Dstrlen=guest_strlen
$(BUILD)/asan/guest-on-host/%.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) $(GUEST_ON_HOST_FLAGS) -c $< -o $@
$(BUILD)/asan/tests/guest_%: tests/unit/guest_%.c \
		$(patsubst %.c,$(BUILD)/asan/guest-on-host/%.o,$(GUEST_ON_HOST_SRC)) $(BUILD)/asan/lib/libharness.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Iharness $(GUEST_ON_HOST_FLAGS) -o $@ \
		$(filter %.c %.o %.a,$^) $(CHECK_LIBS) $(HARNESS_LIBS)

# refhv_arm64_* test the arm64 pure parts (Image loader, DTB builder), built for the host.
REFHV_ARM64_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(wildcard tests/unit/refhv_arm64_*.c))
$(REFHV_ARM64_TESTS): $(BUILD)/asan/tests/%: tests/unit/%.c $(call host_objs,asan,$(REFHV_ARM64_PURE))
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Ihypervisor -o $@ $(filter %.c %.o,$^) $(CHECK_LIBS) -lfdt

test-programs: programs asan-programs guests $(UNIT_BINS) fuzz-programs

# ---- fuzz targets (libFuzzer, clang) ---------------------------------------
#   fuzz/fuzz_NAME.c + FUZZ_DEPS_NAME -> build/fuzz/fuzz_NAME
# `make check` runs each for a few seconds (tests/integration/fuzz.sh);
# `make fuzz FUZZ_SECONDS=3600` runs each for an hour (see fuzz/README.md).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# clang warns about things gcc does not: only fuzz/ itself is built with
# -Werror here; the code under test already is, by the gcc builds.
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -O1 -g $(WARN) -Wno-error -Iinclude -Ihypervisor -Iharness -MMD -MP
$(BUILD)/fuzz/obj/fuzz/%.o: FUZZ_STRICT := -Werror
FUZZ_TARGETS := pvh_elf arm64_image record exit_dispatch
FUZZ_DEPS_pvh_elf       := hypervisor/x86/elf_loader.c hypervisor/x86/layout.c \
	hypervisor/memory.c hypervisor/log.c
FUZZ_DEPS_arm64_image   := hypervisor/arm64/image_loader.c
FUZZ_DEPS_record        := harness/record/record.c harness/record/record_session.c \
	harness/util/errmsg.c
FUZZ_DEPS_exit_dispatch := $(filter-out hypervisor/main.c,$(REFHV_SRC))
ifeq ($(HOST_ARCH)$(shell command -v $(FUZZ_CC) 2>/dev/null),x86_64)
FUZZ_BINS :=    # no clang: tests/integration/fuzz.sh reports SKIP
else ifeq ($(HOST_ARCH),x86_64)
FUZZ_BINS := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))
endif

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_STRICT) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -c $< -o $@
define fuzz_rule
$(BUILD)/fuzz/fuzz_$(1): $(BUILD)/fuzz/obj/fuzz/fuzz_$(1).o $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(FUZZ_DEPS_$(1)))
	$$(V)$$(FUZZ_CC) -fsanitize=fuzzer,$$(FUZZ_SAN) -o $$@ $$^ -lpthread
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

fuzz-programs: $(FUZZ_BINS)
fuzz: fuzz-programs
	$(V)HVB_TOP=$(CURDIR) HVB_BUILD=$(BUILD) HVB_BIN=$(BUILD)/asan/bin HVB_VARIANT=asan \
		HVB_FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/integration/fuzz.sh
# Long fuzzing: FUZZ_RUNS executions per target (default 10 million; about
# 15 minutes for the four targets on one core), then `make fuzz-corpus`
# merges what they found into the kept corpus fuzz/corpus/NAME (committed).
FUZZ_RUNS ?= 10000000
fuzz-long: fuzz-programs
	$(V)HVB_TOP=$(CURDIR) HVB_BUILD=$(BUILD) HVB_BIN=$(BUILD)/asan/bin HVB_VARIANT=asan \
		HVB_FUZZ_RUNS=$(FUZZ_RUNS) sh tests/integration/fuzz.sh
fuzz-corpus: fuzz-programs
	$(V)for t in $(FUZZ_TARGETS); do mkdir -p fuzz/corpus/$$t $(BUILD)/fuzz/corpus/$$t; \
		$(BUILD)/fuzz/fuzz_$$t -merge=1 fuzz/corpus/$$t $(BUILD)/fuzz/corpus/$$t 2>&1 | tail -n 1; done


# ---- install -------------------------------------------------------------------
#   make install [PREFIX=/usr/local] [DESTDIR=...]   make uninstall (same variables)
# An installed hvbench finds everything relative to its own prefix
# (harness/util/paths.c): PREFIX/bin/{hvbench,refhv,refhv-aarch64,tlb-native-aarch64,
# hvb-xen-iolat[-aarch64]},
# PREFIX/lib/hvbench/{guest/ARCH/guest.*,appb},
# PREFIX/share/hvbench/{plots,testbeds,appbench}, PREFIX/share/man/man1.
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL_BIN   := $(DESTDIR)$(PREFIX)/bin
INSTALL_LIB   := $(DESTDIR)$(PREFIX)/lib/hvbench
INSTALL_SHARE := $(DESTDIR)$(PREFIX)/share/hvbench
INSTALL_MAN   := $(DESTDIR)$(PREFIX)/share/man/man1
INSTALLED_PROGRAMS := hvbench refhv refhv-aarch64 tlb-native-aarch64 hvb-xen-iolat \
	hvb-xen-iolat-aarch64
MAN_PAGES := docs/man/hvbench.1 docs/man/refhv.1

install: programs guests
	$(V)install -d $(INSTALL_BIN) $(INSTALL_LIB)/guest/x86_64 $(INSTALL_LIB)/guest/aarch64 \
		$(INSTALL_SHARE)/plots $(INSTALL_SHARE)/testbeds $(INSTALL_SHARE)/appbench $(INSTALL_MAN)
	$(V)install -m 755 $(addprefix $(BUILD)/bin/,$(INSTALLED_PROGRAMS)) $(INSTALL_BIN)/
	$(V)install -m 755 $(BUILD)/bin/appb $(INSTALL_LIB)/appb
	$(V)install -m 644 $(BUILD)/guest/x86_64/guest.elf $(INSTALL_LIB)/guest/x86_64/
	$(V)install -m 644 $(BUILD)/guest/aarch64/guest.img $(INSTALL_LIB)/guest/aarch64/
	$(V)install -p -m 644 plots/*.gp $(INSTALL_SHARE)/plots/
	$(V)install -p -m 755 testbeds/*.sh $(INSTALL_SHARE)/testbeds/
	$(V)install -p -m 644 testbeds/*.awk $(INSTALL_SHARE)/testbeds/
	$(V)install -p -m 755 appbench/*.sh $(INSTALL_SHARE)/appbench/
	$(V)install -p -m 644 appbench/*.c appbench/*.h $(INSTALL_SHARE)/appbench/
	$(V)install -m 644 $(MAN_PAGES) $(INSTALL_MAN)/
	$(V)echo "installed hvbench into $(DESTDIR)$(PREFIX) (man hvbench, man refhv)"

uninstall:
	$(V)rm -f $(addprefix $(INSTALL_BIN)/,$(INSTALLED_PROGRAMS)) \
		$(addprefix $(INSTALL_MAN)/,$(notdir $(MAN_PAGES)))
	$(V)rm -rf $(INSTALL_LIB) $(INSTALL_SHARE)
	$(V)echo "removed hvbench from $(DESTDIR)$(PREFIX)"

# ---- user-facing targets -----------------------------------------------------
deps:
	$(V)scripts/install-deps.sh

# appb: the application suite's workloads and load generators (appbench/*.c),
# static so the same file runs in the Linux guest, the native chroot and here.
APPB_SRC := $(wildcard appbench/*.c)
$(BUILD)/bin/appb: $(APPB_SRC) appbench/appb.h
	@mkdir -p $(dir $@)
	$(V)$(CC) -std=c11 -D_GNU_SOURCE -O2 $(WARN) -static -o $@ $(APPB_SRC)
# (no sanitizers in a static binary: the ASan hvbench uses the same appb)
$(BUILD)/asan/bin/appb: $(BUILD)/bin/appb
	@mkdir -p $(dir $@)
	$(V)cp $< $@

# The floor: a bare KVM_RUN loop that boots the same guest (bench/kvm-floor.c).
$(BUILD)/bin/kvm-floor: bench/kvm-floor.c include/hvb-abi.h
	@mkdir -p $(dir $@) $(BUILD)/host
	$(V)$(CC) $(HOST_CFLAGS) -MF $(BUILD)/host/kvm-floor.d -o $@ $<

# refhv's own overhead: kvm-floor vs refhv vs QEMU microvm, interleaved.
BENCH_ROUNDS ?= 30
BENCH_DB     ?= results/hvbench.db
bench:
	$(V)$(MAKE) --no-print-directory $(BUILD)/bin/hvbench $(BUILD)/bin/refhv $(BUILD)/bin/kvm-floor \
		$(BUILD)/guest/x86_64/guest.elf
	$(V)mkdir -p $(dir $(BENCH_DB))
	$(V)$(BUILD)/bin/hvbench overhead --rounds $(BENCH_ROUNDS) --db $(BENCH_DB)

run: deps
	$(V)$(MAKE) --no-print-directory all
	$(V)scripts/run-default.sh $(BUILD)

# The set-up step: fetch and build the emulated test-beds and the app
# suite's guest into $(HVBENCH_CACHE) (default ~/.cache/hvbench/testbeds),
# before any timed test; resumable; HVBENCH_NO_TESTBEDS=1 skips it.
testbeds: programs
	$(V)scripts/prepare-testbeds.sh $(BUILD)

check: deps
	$(V)$(MAKE) --no-print-directory test-programs
	$(V)scripts/prepare-testbeds.sh $(BUILD)
	$(V)tests/run-all.sh $(BUILD)

release-study: programs guests
	$(V)scripts/release-study.sh $(STUDY_ARGS)

clean:
	rm -rf $(BUILD)

.SECONDARY:

.PHONY: install uninstall testbeds all programs asan-programs guests test-programs fuzz-programs fuzz fuzz-long fuzz-corpus deps run check clean bench release-study

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
