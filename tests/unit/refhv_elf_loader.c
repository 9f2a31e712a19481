/*
 * refhv_elf_loader.c - unit tests for refhv's x86 PVH ELF loader: one valid
 * synthetic image, then one malformation at a time, each expecting its own
 * specific error.
 */
#include <check.h>
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "x86/elf_loader.h"
#include "check_main.h"

#define MEM_SIZE (16u << 20)
#define IMAGE_SIZE 0x2000u
#define NOTE_OFFSET 0x200u
#define LOAD_OFFSET 0x1000u
#define LOAD_GPA 0x100000u
#define ENTRY (LOAD_GPA + 0x10u)

/* A minimal PVH kernel: ELF header, PT_LOAD + PT_NOTE, one Xen note. */
struct image {
	uint8_t bytes[IMAGE_SIZE];
};

static Elf64_Ehdr *ehdr(struct image *im) { return (Elf64_Ehdr *)im->bytes; }
static Elf64_Phdr *phdr(struct image *im, unsigned i)
{
	return (Elf64_Phdr *)(im->bytes + sizeof(Elf64_Ehdr)) + i;
}
static Elf64_Nhdr *note(struct image *im) { return (Elf64_Nhdr *)(im->bytes + NOTE_OFFSET); }

static void build_valid(struct image *im)
{
	memset(im, 0, sizeof(*im));
	Elf64_Ehdr *eh = ehdr(im);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = ENTRY;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 2;

	*phdr(im, 0) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = LOAD_OFFSET,
		.p_paddr = LOAD_GPA, .p_vaddr = LOAD_GPA, .p_filesz = 0x100, .p_memsz = 0x2000,
		.p_align = 0x1000 };
	*phdr(im, 1) = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = NOTE_OFFSET,
		.p_filesz = sizeof(Elf64_Nhdr) + 4 + 4, .p_align = 4 };

	Elf64_Nhdr *nh = note(im);
	*nh = (Elf64_Nhdr){ .n_namesz = 4, .n_descsz = 4, .n_type = 18 };
	memcpy(nh + 1, "Xen", 4);
	uint32_t entry = ENTRY;
	memcpy((uint8_t *)(nh + 1) + 4, &entry, 4);
	im->bytes[LOAD_OFFSET + 0x10] = 0xf4;   /* hlt */
}

static enum elf_error parse(struct image *im, size_t size)
{
	struct pvh_image out;
	return pvh_elf_parse(im->bytes, size, MEM_SIZE, &out);
}

static struct image im;

START_TEST(valid_image_parses)
{
	struct pvh_image out;
	build_valid(&im);
	ck_assert_int_eq(pvh_elf_parse(im.bytes, sizeof(im.bytes), MEM_SIZE, &out), ELF_OK);
	ck_assert_uint_eq(out.entry, ENTRY);
	ck_assert_uint_eq(out.nr_segments, 1);
	ck_assert_uint_eq(out.segments[0].gpa, LOAD_GPA);
	ck_assert_uint_eq(out.segments[0].file_size, 0x100);
	ck_assert_uint_eq(out.segments[0].mem_size, 0x2000);
}
END_TEST

START_TEST(eight_byte_note_parses)
{
	struct pvh_image out;
	build_valid(&im);
	note(&im)->n_descsz = 8;
	uint64_t entry = ENTRY;
	memcpy((uint8_t *)(note(&im) + 1) + 4, &entry, 8);
	phdr(&im, 1)->p_filesz += 4;
	ck_assert_int_eq(pvh_elf_parse(im.bytes, sizeof(im.bytes), MEM_SIZE, &out), ELF_OK);
	ck_assert_uint_eq(out.entry, ENTRY);
}
END_TEST

START_TEST(copy_loads_and_zeroes)
{
	struct pvh_image out;
	uint8_t *ram = malloc(MEM_SIZE);
	struct guest_memory mem = { .nr_regions = 1, .size = MEM_SIZE,
		.regions = { { .gpa = 0, .size = MEM_SIZE, .host = ram } } };
	ck_assert_ptr_nonnull(ram);
	memset(ram, 0xaa, MEM_SIZE);
	build_valid(&im);
	ck_assert_int_eq(pvh_elf_parse(im.bytes, sizeof(im.bytes), MEM_SIZE, &out), ELF_OK);
	pvh_elf_copy(&out, im.bytes, &mem);
	ck_assert_uint_eq(ram[ENTRY], 0xf4);
	ck_assert_uint_eq(ram[LOAD_GPA + 0x1fff], 0);          /* bss zeroed */
	ck_assert_uint_eq(ram[LOAD_GPA + 0x2000], 0xaa);       /* nothing beyond */
	free(ram);
}
END_TEST

START_TEST(truncated_header)
{
	build_valid(&im);
	ck_assert_int_eq(parse(&im, 0), ELF_TRUNCATED_HEADER);
	ck_assert_int_eq(parse(&im, sizeof(Elf64_Ehdr) - 1), ELF_TRUNCATED_HEADER);
}
END_TEST

START_TEST(bad_magic)
{
	build_valid(&im);
	im.bytes[1] = 'F';
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_MAGIC);
}
END_TEST

START_TEST(wrong_class)
{
	build_valid(&im);
	ehdr(&im)->e_ident[EI_CLASS] = ELFCLASS32;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NOT_64BIT);
}
END_TEST

START_TEST(big_endian)
{
	build_valid(&im);
	ehdr(&im)->e_ident[EI_DATA] = ELFDATA2MSB;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NOT_LITTLE_ENDIAN);
}
END_TEST

START_TEST(bad_version)
{
	build_valid(&im);
	ehdr(&im)->e_version = 2;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_VERSION);
}
END_TEST

START_TEST(wrong_machine)
{
	build_valid(&im);
	ehdr(&im)->e_machine = EM_AARCH64;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NOT_X86_64);
}
END_TEST

START_TEST(wrong_type)
{
	build_valid(&im);
	ehdr(&im)->e_type = ET_DYN;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NOT_EXECUTABLE);
}
END_TEST

START_TEST(bad_phentsize)
{
	build_valid(&im);
	ehdr(&im)->e_phentsize = sizeof(Elf64_Phdr) - 1;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_PHENTSIZE);
}
END_TEST

START_TEST(no_phdrs)
{
	build_valid(&im);
	ehdr(&im)->e_phnum = 0;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NO_PHDRS);
	ehdr(&im)->e_phnum = PN_XNUM;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NO_PHDRS);
}
END_TEST

START_TEST(phoff_out_of_file)
{
	build_valid(&im);
	ehdr(&im)->e_phoff = sizeof(im.bytes);
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_PHDRS_OUTSIDE_FILE);
	ehdr(&im)->e_phoff = UINT64_MAX - 8;   /* would overflow */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_PHDRS_OUTSIDE_FILE);
}
END_TEST

START_TEST(phnum_huge)
{
	build_valid(&im);
	ehdr(&im)->e_phnum = 0xfffe;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_PHDRS_OUTSIDE_FILE);
}
END_TEST

START_TEST(filesz_over_memsz)
{
	build_valid(&im);
	phdr(&im, 0)->p_filesz = phdr(&im, 0)->p_memsz + 1;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_FILESZ_OVER_MEMSZ);
}
END_TEST

START_TEST(segment_beyond_file)
{
	build_valid(&im);
	phdr(&im, 0)->p_filesz = IMAGE_SIZE - LOAD_OFFSET + 1;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OUTSIDE_FILE);
	build_valid(&im);
	phdr(&im, 0)->p_offset = UINT64_MAX - 0x10;   /* offset + filesz overflows */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OUTSIDE_FILE);
}
END_TEST

START_TEST(segment_beyond_ram)
{
	build_valid(&im);
	phdr(&im, 0)->p_paddr = MEM_SIZE - 0x1000;   /* memsz 0x2000 sticks out */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OUTSIDE_RAM);
	build_valid(&im);
	phdr(&im, 0)->p_memsz = UINT64_MAX;          /* paddr + memsz overflows */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OUTSIDE_RAM);
	build_valid(&im);
	phdr(&im, 0)->p_paddr = UINT64_MAX - 0xfff;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OUTSIDE_RAM);
}
END_TEST

START_TEST(segment_in_mmio_hole)
{
	struct pvh_image out;
	build_valid(&im);
	phdr(&im, 0)->p_paddr = 0xbffff000;   /* straddles 3 GiB with 4 GiB of RAM */
	ck_assert_int_eq(pvh_elf_parse(im.bytes, sizeof(im.bytes), 4ull << 30, &out),
			 ELF_SEGMENT_OUTSIDE_RAM);
}
END_TEST

START_TEST(overlaps_boot_area)
{
	build_valid(&im);
	phdr(&im, 0)->p_paddr = 0x5000;    /* [0x5000, 0x7000) hits [0x6000, 0x8000) */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OVERLAPS_BOOT_AREA);
	build_valid(&im);
	phdr(&im, 0)->p_paddr = 0x7fff;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_SEGMENT_OVERLAPS_BOOT_AREA);
}
END_TEST

START_TEST(no_load_segment)
{
	build_valid(&im);
	phdr(&im, 0)->p_type = PT_NULL;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NO_LOADABLE_SEGMENT);
}
END_TEST

START_TEST(missing_pvh_note)
{
	build_valid(&im);
	phdr(&im, 1)->p_type = PT_NULL;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NO_PVH_NOTE);
	build_valid(&im);
	memcpy(note(&im) + 1, "Gnu", 4);     /* another vendor's note */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NO_PVH_NOTE);
	build_valid(&im);
	note(&im)->n_type = 17;              /* another Xen note */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NO_PVH_NOTE);
}
END_TEST

START_TEST(note_outside_file)
{
	build_valid(&im);
	phdr(&im, 1)->p_filesz = IMAGE_SIZE;
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_NOTE_OUTSIDE_FILE);
}
END_TEST

START_TEST(note_bad_sizes)
{
	build_valid(&im);
	note(&im)->n_namesz = 0xfffffff0;    /* name runs past the segment */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_NOTE);
	build_valid(&im);
	note(&im)->n_descsz = 0x1000;        /* desc runs past the segment */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_NOTE);
	build_valid(&im);
	note(&im)->n_descsz = 2;             /* neither 4 nor 8 bytes */
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_PVH_NOTE);
	build_valid(&im);
	note(&im)->n_descsz = 8;             /* 8 bytes, entry above 4 GiB */
	phdr(&im, 1)->p_filesz += 4;
	uint64_t entry = 0x100000000ull + ENTRY;
	memcpy((uint8_t *)(note(&im) + 1) + 4, &entry, 8);
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_BAD_PVH_NOTE);
}
END_TEST

START_TEST(entry_outside_segments)
{
	build_valid(&im);
	uint32_t entry = LOAD_GPA + 0x100;   /* in bss, not in the file's bytes */
	memcpy((uint8_t *)(note(&im) + 1) + 4, &entry, 4);
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_ENTRY_OUTSIDE_SEGMENTS);
	entry = 0x200000;
	memcpy((uint8_t *)(note(&im) + 1) + 4, &entry, 4);
	ck_assert_int_eq(parse(&im, sizeof(im.bytes)), ELF_ENTRY_OUTSIDE_SEGMENTS);
}
END_TEST

START_TEST(every_error_has_a_message)
{
	for (int e = ELF_OK; e <= ELF_ENTRY_OUTSIDE_SEGMENTS; e++)
		ck_assert_str_ne(elf_error_str((enum elf_error)e), "unknown error");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("refhv_elf_loader");
	TCase *tc = tcase_create("pvh_elf_parse");

	tcase_add_test(tc, valid_image_parses);
	tcase_add_test(tc, eight_byte_note_parses);
	tcase_add_test(tc, copy_loads_and_zeroes);
	tcase_add_test(tc, truncated_header);
	tcase_add_test(tc, bad_magic);
	tcase_add_test(tc, wrong_class);
	tcase_add_test(tc, big_endian);
	tcase_add_test(tc, bad_version);
	tcase_add_test(tc, wrong_machine);
	tcase_add_test(tc, wrong_type);
	tcase_add_test(tc, bad_phentsize);
	tcase_add_test(tc, no_phdrs);
	tcase_add_test(tc, phoff_out_of_file);
	tcase_add_test(tc, phnum_huge);
	tcase_add_test(tc, filesz_over_memsz);
	tcase_add_test(tc, segment_beyond_file);
	tcase_add_test(tc, segment_beyond_ram);
	tcase_add_test(tc, segment_in_mmio_hole);
	tcase_add_test(tc, overlaps_boot_area);
	tcase_add_test(tc, no_load_segment);
	tcase_add_test(tc, missing_pvh_note);
	tcase_add_test(tc, note_outside_file);
	tcase_add_test(tc, note_bad_sizes);
	tcase_add_test(tc, entry_outside_segments);
	tcase_add_test(tc, every_error_has_a_message);
	suite_add_tcase(s, tc);

	return check_run(s);
}
