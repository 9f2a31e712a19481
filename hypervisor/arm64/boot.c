/*
 * boot.c - put an arm64 Image and its device tree into guest RAM:
 * check the Image (image_loader.c), copy it to RAM base + text_offset,
 * zero the rest of image_size (its BSS), and write the DTB describing
 * this VM (fdt_build.c) into the last 2 MiB of RAM.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "../file.h"
#include "../log.h"
#include "../vm.h"
#include "arm64.h"
#include "fdt_build.h"
#include "image_loader.h"
#include "layout.h"

static int write_dtb(struct vm *vm, const char *cmdline)
{
	uint64_t dtb_gpa = arm64_dtb_gpa(vm->mem.size);
	void *dtb = gpa_to_host(&vm->mem, dtb_gpa, ARM64_DTB_MAX);
	const struct arm64_machine machine = {
		.ram_base = ARM64_RAM_BASE,
		.ram_size = vm->mem.size,
		.nr_cpus = vm->opts->vcpus,
		.gic_dist_base = ARM64_GIC_DIST_BASE,
		.gic_dist_size = ARM64_GIC_DIST_SIZE,
		.gic_redist_base = ARM64_GIC_REDIST_BASE,
		.gic_redist_size = ARM64_GIC_REDIST_SIZE * vm->opts->vcpus,
		.uart_base = ARM64_UART_BASE,
		.uart_size = ARM64_UART_SIZE,
		.uart_spi = ARM64_UART_SPI,
		.uart_clock_hz = ARM64_UART_CLOCK_HZ,
		.bootargs = cmdline,
	};

	if (!dtb) {
		refhv_err("no room for the device tree in guest RAM");
		return -1;
	}
	int err = arm64_fdt_build(&machine, dtb, ARM64_DTB_MAX);
	if (err) {
		refhv_err("cannot build the device tree: %s", fdt_strerror(err));
		return -1;
	}
	return 0;
}

int arm64_load_guest(struct vm *vm, const char *path, const char *cmdline)
{
	const struct arm64_ram ram = {
		.base = ARM64_RAM_BASE,
		.size = vm->mem.size,
		.dtb_gpa = arm64_dtb_gpa(vm->mem.size),
		.dtb_size = ARM64_DTB_MAX,
	};
	struct arm64_image image;
	size_t size;
	uint8_t *file = read_whole_file(path, vm->mem.size, &size);

	if (!file)
		return -1;
	enum image_error err = arm64_image_parse(file, size, &ram, &image);
	if (err) {
		refhv_err("%s: %s", path, image_error_str(err));
		free(file);
		return -1;
	}
	uint8_t *dst = gpa_to_host(&vm->mem, image.load_gpa, image.image_size);
	memcpy(dst, file, image.file_size);
	memset(dst + image.file_size, 0, image.image_size - image.file_size);
	free(file);
	vm->boot_entry = image.load_gpa;
	return write_dtb(vm, cmdline);
}
