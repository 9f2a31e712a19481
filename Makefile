# hvbench top-level Makefile.
#
#   make          build everything into build/ (host programs, guests)
#   make run      install Debian packages (scripts/install-deps.sh), build,
#                 run the default suite, store it, draw the figures
#   make check    the same set-up, then every test (unit + integration, normal
#                 and ASan+UBSan builds); ends with "N passed, N failed"
#
# Sources are found by wildcard, so adding a file to a directory is enough:
#   harness/*.c                        -> build/bin/hvbench
#   hypervisor/*.c hypervisor/x86/*.c  -> build/bin/refhv (x86-64 host)
#   guest-kernel/*.c, guest-kernel/x86_64/*.{c,S},
#   microbench/*.c, microbench/x86_64/*.c -> build/guest/x86_64/guest.elf
#   tests/guests/x86_64/NAME.c         -> build/guest/x86_64/test-NAME.elf
#   tests/unit/harness_*.c, refhv_*.c  -> Check unit tests (ASan+UBSan)

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
HARNESS_SRC := $(wildcard harness/*.c)
REFHV_SRC   := $(wildcard hypervisor/*.c)
ifeq ($(HOST_ARCH),x86_64)
REFHV_SRC   += $(wildcard hypervisor/x86/*.c)
endif

define host_objs # $(1)=variant dir, $(2)=sources
$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$(2))
endef

all: programs guests

programs: $(BUILD)/bin/hvbench $(BUILD)/bin/refhv
asan-programs: $(BUILD)/asan/bin/hvbench $(BUILD)/asan/bin/refhv

$(BUILD)/host/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) -c $< -o $@
$(BUILD)/asan/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -c $< -o $@

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

guests: $(BUILD)/guest/x86_64/guest.elf $(TEST_GUESTS)

# ---- tests -----------------------------------------------------------------
UNIT_SRC   := $(wildcard tests/unit/*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(UNIT_SRC))

$(BUILD)/asan/tests/harness_%: tests/unit/harness_%.c $(BUILD)/asan/lib/libharness.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Iharness -o $@ $^ $(CHECK_LIBS) $(HARNESS_LIBS)
$(BUILD)/asan/tests/refhv_%: tests/unit/refhv_%.c $(BUILD)/asan/lib/librefhv.a
	@mkdir -p $(dir $@)
	$(V)$(CC) $(HOST_CFLAGS) $(ASAN_FLAGS) -Ihypervisor -o $@ $^ $(CHECK_LIBS) $(REFHV_LIBS)

test-programs: programs asan-programs guests $(UNIT_BINS)

# ---- user-facing targets -----------------------------------------------------
deps:
	$(V)scripts/install-deps.sh

run: deps
	$(V)$(MAKE) --no-print-directory all
	$(V)scripts/run-default.sh $(BUILD)

check: deps
	$(V)$(MAKE) --no-print-directory test-programs
	$(V)tests/run-all.sh $(BUILD)

clean:
	rm -rf $(BUILD)

.SECONDARY:

.PHONY: all programs asan-programs guests test-programs deps run check clean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
