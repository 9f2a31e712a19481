/*
 * kvm-floor.c - the floor for `hvbench overhead`: the least a VMM can do.
 *
 *   kvm-floor [--cmdline TEXT] GUEST.elf
 *
 * It boots the same PVH guest as refhv and QEMU (one vCPU, 256 MiB, an
 * in-kernel irqchip like theirs) and then runs the bare KVM_RUN loop:
 * port 0xe9 (debugcon) bytes go to stdout line by line, a write to the exit
 * port ends the process, every other port or MMIO access is ignored (reads
 * see all-ones).  No threads, no signals, no statistics, no timeout: run it
 * under a watchdog (`timeout`, or hvbench's).  Exit status as refhv's
 * (hvb-abi.h): 0 guest ok, 1 guest failed, 3 set-up error, 4 crash.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hvb-abi.h"

#define RAM_SIZE       (256ul << 20)
#define START_INFO_GPA 0x6000u     /* hvm_start_info, then the memory map */
#define CMDLINE_GPA    0x7000u
#define TSS_GPA        0xfffbd000ul
#define PVH_NOTE_ENTRY 18          /* XEN_ELFNOTE_PHYS32_ENTRY */

struct vm {
	int kvm, vm, vcpu;
	uint8_t *ram;
	struct kvm_run *run;
	size_t run_size;
	char line[HVB_REPORT_MAX + 1];
	size_t line_len;
};

static _Noreturn void die(int status, const char *what)
{
	fprintf(stderr, "kvm-floor: %s: %s\n", what, errno ? strerror(errno) : "bad input");
	exit(status);
}

static int ioctl_or_die(int fd, unsigned long request, void *arg, const char *what)
{
	int ret = ioctl(fd, request, arg);
	if (ret < 0)
		die(REFHV_EXIT_SETUP, what);
	return ret;
}

/* The entry point in a PVH note ("Xen", type 18), or 0. */
static uint32_t pvh_entry(const uint8_t *note, size_t size)
{
	size_t at = 0;
	while (at + sizeof(Elf64_Nhdr) <= size) {
		const Elf64_Nhdr *n = (const void *)(note + at);
		size_t name_at = at + sizeof(*n), desc_at = name_at + ((n->n_namesz + 3) & ~3u);
		if (desc_at + n->n_descsz > size)
			break;
		if (n->n_type == PVH_NOTE_ENTRY && n->n_namesz == 4 &&
		    memcmp(note + name_at, "Xen", 4) == 0 && n->n_descsz >= 4)
			return *(const uint32_t *)(note + desc_at);
		at = desc_at + ((n->n_descsz + 3) & ~3u);
	}
	return 0;
}

/* Copies the PT_LOAD segments into RAM; returns the PVH entry point. */
static uint32_t load_elf(struct vm *vm, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		die(REFHV_EXIT_SETUP, path);
	size_t size = (size_t)st.st_size;
	const uint8_t *file = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (file == MAP_FAILED)
		die(REFHV_EXIT_SETUP, path);
	close(fd);
	const Elf64_Ehdr *eh = (const void *)file;
	errno = 0;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size)
		die(REFHV_EXIT_SETUP, "not an ELF64 image");
	uint32_t entry = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const void *)(file + eh->e_phoff + i * sizeof(*ph));
		if (ph->p_offset + ph->p_filesz > size || ph->p_filesz > ph->p_memsz)
			die(REFHV_EXIT_SETUP, "segment outside the file");
		if (ph->p_type == PT_NOTE && !entry)
			entry = pvh_entry(file + ph->p_offset, ph->p_filesz);
		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_paddr < CMDLINE_GPA + 0x1000 || ph->p_paddr + ph->p_memsz > RAM_SIZE)
			die(REFHV_EXIT_SETUP, "segment outside RAM");
		memcpy(vm->ram + ph->p_paddr, file + ph->p_offset, ph->p_filesz);
	}
	if (!entry)
		die(REFHV_EXIT_SETUP, "no PVH entry note");
	munmap((void *)file, size);
	return entry;
}

/* Xen's hvm_start_info, version 1, and one entry of its memory map. */
struct start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
	uint32_t memmap_entries, reserved;
	uint8_t pad[0x100 - 56];
	struct { uint64_t addr, size; uint32_t type, reserved; } memmap[1];
};

/* The start info with one RAM entry in its memory map, and the command line. */
static void write_start_info(struct vm *vm, const char *cmdline)
{
	struct start_info *info = (struct start_info *)(vm->ram + START_INFO_GPA);
	info->magic = 0x336ec578u;
	info->version = 1;
	info->cmdline_paddr = CMDLINE_GPA;
	info->memmap_paddr = START_INFO_GPA + offsetof(struct start_info, memmap);
	info->memmap_entries = 1;
	info->memmap[0].size = RAM_SIZE;
	info->memmap[0].type = 1;   /* RAM */
	snprintf((char *)vm->ram + CMDLINE_GPA, 0x1000, "%s", cmdline);
}

/* The vCPU at the PVH entry: 32-bit flat segments, paging off, ebx = start info. */
static void set_entry_state(struct vm *vm, uint32_t entry)
{
	struct kvm_sregs s;
	ioctl_or_die(vm->vcpu, KVM_GET_SREGS, &s, "KVM_GET_SREGS");
	struct kvm_segment flat = { .limit = 0xffffffff, .present = 1, .db = 1, .s = 1, .g = 1 };
	s.cs = flat, s.cs.selector = 0x10, s.cs.type = 0xb;
	s.ds = flat, s.ds.selector = 0x18, s.ds.type = 0x3;
	s.es = s.fs = s.gs = s.ss = s.ds;
	s.cr0 = 0x11, s.cr3 = 0, s.cr4 = 0, s.efer = 0;  /* PE | ET */
	ioctl_or_die(vm->vcpu, KVM_SET_SREGS, &s, "KVM_SET_SREGS");
	struct kvm_regs r = { .rflags = 2, .rip = entry, .rbx = START_INFO_GPA };
	ioctl_or_die(vm->vcpu, KVM_SET_REGS, &r, "KVM_SET_REGS");
}

/* CPUID as KVM supports it (long mode needs at least that). */
static void set_cpuid(struct vm *vm)
{
	struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + 256 * sizeof(c->entries[0]));
	if (!c)
		die(REFHV_EXIT_SETUP, "calloc");
	c->nent = 256;
	ioctl_or_die(vm->kvm, KVM_GET_SUPPORTED_CPUID, c, "KVM_GET_SUPPORTED_CPUID");
	ioctl_or_die(vm->vcpu, KVM_SET_CPUID2, c, "KVM_SET_CPUID2");
	free(c);
}

static void create_vm(struct vm *vm)
{
	vm->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm < 0)
		die(REFHV_EXIT_SETUP, "/dev/kvm");
	vm->vm = ioctl_or_die(vm->kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
	ioctl(vm->vm, KVM_SET_TSS_ADDR, TSS_GPA);   /* Intel only; harmless elsewhere */
	ioctl_or_die(vm->vm, KVM_CREATE_IRQCHIP, 0, "KVM_CREATE_IRQCHIP");
	vm->ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->ram == MAP_FAILED)
		die(REFHV_EXIT_SETUP, "mmap RAM");
	struct kvm_userspace_memory_region region = {
		.memory_size = RAM_SIZE, .userspace_addr = (uintptr_t)vm->ram,
	};
	ioctl_or_die(vm->vm, KVM_SET_USER_MEMORY_REGION, &region, "KVM_SET_USER_MEMORY_REGION");
	vm->vcpu = ioctl_or_die(vm->vm, KVM_CREATE_VCPU, 0, "KVM_CREATE_VCPU");
	vm->run_size = (size_t)ioctl_or_die(vm->kvm, KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu, 0);
	if (vm->run == MAP_FAILED)
		die(REFHV_EXIT_SETUP, "mmap kvm_run");
}

static void console_byte(struct vm *vm, char c)
{
	vm->line[vm->line_len++] = c;
	if (c == '\n' || vm->line_len == sizeof(vm->line)) {
		if (write(STDOUT_FILENO, vm->line, vm->line_len) < 0)
			exit(REFHV_EXIT_CRASH);
		vm->line_len = 0;
	}
}

/* Port I/O: debugcon prints, the exit port ends the run, the rest is ignored. */
static void handle_io(struct vm *vm)
{
	struct kvm_run *run = vm->run;
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	size_t bytes = (size_t)run->io.size * run->io.count;
	if (run->io.data_offset + bytes > vm->run_size)
		exit(REFHV_EXIT_CRASH);
	if (run->io.direction == KVM_EXIT_IO_IN)
		memset(data, 0xff, bytes);
	else if (run->io.port == HVB_PORT_DEBUGCON)
		for (size_t i = 0; i < bytes; i++)
			console_byte(vm, (char)data[i]);
	else if (run->io.port == HVB_PORT_EXIT)
		exit(data[0] == HVB_GUEST_EXIT_OK ? REFHV_EXIT_GUEST_OK : REFHV_EXIT_GUEST_FAIL);
}

int main(int argc, char **argv)
{
	const char *cmdline = "";
	static struct vm vm;

	if (argc == 4 && strcmp(argv[1], "--cmdline") == 0)
		cmdline = argv[2];
	else if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: kvm-floor [--cmdline TEXT] GUEST.elf\n");
		return REFHV_EXIT_USAGE;
	}
	create_vm(&vm);
	uint32_t entry = load_elf(&vm, argv[argc - 1]);
	write_start_info(&vm, cmdline);
	set_cpuid(&vm);
	set_entry_state(&vm, entry);

	for (;;) {   /* the floor: nothing between two KVM_RUNs but the switch */
		if (ioctl(vm.vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			die(REFHV_EXIT_CRASH, "KVM_RUN");
		}
		switch (vm.run->exit_reason) {
		case KVM_EXIT_IO:
			handle_io(&vm);
			break;
		case KVM_EXIT_MMIO:
			if (!vm.run->mmio.is_write)
				memset(vm.run->mmio.data, 0xff, sizeof(vm.run->mmio.data));
			break;
		default:
			fprintf(stderr, "kvm-floor: exit reason %u\n", vm.run->exit_reason);
			return REFHV_EXIT_CRASH;
		}
	}
}
