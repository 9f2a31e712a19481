/*
 * elf_loader.c - validate an x86-64 PVH ELF and find its entry point.
 *
 * Everything in the file is untrusted.  Each header field is checked
 * against the file size and the guest's RAM before it is used, with every
 * addition checked for overflow.  The entry point comes from the Xen ELF
 * note XEN_ELFNOTE_PHYS32_ENTRY (type 18), the PVH boot protocol's marker.
 */
#include "elf_loader.h"

#include <elf.h>
#include <string.h>

#include "../arch.h"
#include "layout.h"

#define XEN_ELFNOTE_PHYS32_ENTRY 18

const char *elf_error_str(enum elf_error err)
{
	switch (err) {
	case ELF_OK: return "ok";
	case ELF_TRUNCATED_HEADER: return "file shorter than an ELF64 header";
	case ELF_BAD_MAGIC: return "not an ELF file (bad magic)";
	case ELF_NOT_64BIT: return "not a 64-bit ELF (ELFCLASS64 expected)";
	case ELF_NOT_LITTLE_ENDIAN: return "not a little-endian ELF";
	case ELF_BAD_VERSION: return "unknown ELF version";
	case ELF_NOT_X86_64: return "not an x86-64 ELF (e_machine)";
	case ELF_NOT_EXECUTABLE: return "not an executable ELF (ET_EXEC expected)";
	case ELF_BAD_PHENTSIZE: return "bad program header size (e_phentsize)";
	case ELF_NO_PHDRS: return "no program headers (e_phnum is 0 or PN_XNUM)";
	case ELF_PHDRS_OUTSIDE_FILE: return "program headers extend past the end of the file";
	case ELF_TOO_MANY_SEGMENTS: return "too many PT_LOAD segments";
	case ELF_FILESZ_OVER_MEMSZ: return "PT_LOAD segment with p_filesz > p_memsz";
	case ELF_SEGMENT_OUTSIDE_FILE: return "PT_LOAD segment extends past the end of the file";
	case ELF_SEGMENT_OUTSIDE_RAM: return "PT_LOAD segment does not fit in guest RAM";
	case ELF_SEGMENT_OVERLAPS_BOOT_AREA:
		return "PT_LOAD segment overlaps refhv's boot area [0x6000, 0x8000)";
	case ELF_NO_LOADABLE_SEGMENT: return "no PT_LOAD segment";
	case ELF_NOTE_OUTSIDE_FILE: return "PT_NOTE segment extends past the end of the file";
	case ELF_BAD_NOTE: return "malformed ELF note (sizes run past the PT_NOTE segment)";
	case ELF_BAD_PVH_NOTE: return "PVH entry note has a bad size or value (4 or 8 bytes, < 4 GiB)";
	case ELF_NO_PVH_NOTE: return "no PVH entry note (Xen, XEN_ELFNOTE_PHYS32_ENTRY): not a PVH kernel";
	case ELF_ENTRY_OUTSIDE_SEGMENTS: return "PVH entry point is not inside a loaded segment";
	}
	return "unknown error";
}

/* [start, start + len) inside [0, limit)?  No overflow possible. */
static int range_within(uint64_t start, uint64_t len, uint64_t limit)
{
	return start <= limit && len <= limit - start;
}

static int ranges_overlap(uint64_t a, uint64_t a_len, uint64_t b, uint64_t b_len)
{
	return a < b + b_len && b < a + a_len;   /* callers keep these from overflowing */
}

static enum elf_error check_header(const uint8_t *file, size_t file_size, Elf64_Ehdr *eh)
{
	if (file_size < sizeof(*eh))
		return ELF_TRUNCATED_HEADER;
	memcpy(eh, file, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return ELF_BAD_MAGIC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return ELF_NOT_64BIT;
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return ELF_NOT_LITTLE_ENDIAN;
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return ELF_BAD_VERSION;
	if (eh->e_machine != EM_X86_64)
		return ELF_NOT_X86_64;
	if (eh->e_type != ET_EXEC)
		return ELF_NOT_EXECUTABLE;
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return ELF_BAD_PHENTSIZE;
	if (eh->e_phnum == 0 || eh->e_phnum == PN_XNUM)
		return ELF_NO_PHDRS;
	if (!range_within(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), file_size))
		return ELF_PHDRS_OUTSIDE_FILE;
	return ELF_OK;
}

/* Does [gpa, gpa + len) lie wholly inside one RAM region? */
static int fits_in_ram(uint64_t gpa, uint64_t len, uint64_t mem_size)
{
	struct guest_region regions[GUEST_MAX_REGIONS];
	unsigned nr;

	arch_ram_layout(mem_size, regions, &nr);
	for (unsigned i = 0; i < nr; i++)
		if (gpa >= regions[i].gpa && range_within(gpa - regions[i].gpa, len, regions[i].size))
			return 1;
	return 0;
}

static enum elf_error add_load_segment(const Elf64_Phdr *ph, size_t file_size,
				       uint64_t mem_size, struct pvh_image *image)
{
	if (ph->p_filesz > ph->p_memsz)
		return ELF_FILESZ_OVER_MEMSZ;
	if (!range_within(ph->p_offset, ph->p_filesz, file_size))
		return ELF_SEGMENT_OUTSIDE_FILE;
	if (ph->p_memsz == 0)
		return ELF_OK;                          /* nothing to load */
	if (!fits_in_ram(ph->p_paddr, ph->p_memsz, mem_size))
		return ELF_SEGMENT_OUTSIDE_RAM;
	if (ranges_overlap(ph->p_paddr, ph->p_memsz, X86_BOOT_AREA_START,
			   X86_BOOT_AREA_END - X86_BOOT_AREA_START))
		return ELF_SEGMENT_OVERLAPS_BOOT_AREA;
	if (image->nr_segments == PVH_MAX_SEGMENTS)
		return ELF_TOO_MANY_SEGMENTS;
	image->segments[image->nr_segments++] = (struct pvh_segment){
		.file_offset = ph->p_offset,
		.file_size = ph->p_filesz,
		.gpa = ph->p_paddr,
		.mem_size = ph->p_memsz,
	};
	return ELF_OK;
}

static uint64_t align_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) & ~(align - 1);
}

/*
 * Walk the notes of one PT_NOTE segment looking for the PVH entry.
 * Each note: namesz, descsz, type (4 bytes each), name, desc, both padded.
 */
static enum elf_error scan_notes(const uint8_t *notes, uint64_t size, uint64_t align,
				 int *found, uint32_t *entry)
{
	uint64_t pos = 0;

	while (size - pos >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr nh;
		memcpy(&nh, notes + pos, sizeof(nh));
		pos += sizeof(nh);
		uint64_t name_space = align_up(nh.n_namesz, align);   /* 32-bit sizes: no overflow */
		uint64_t desc_space = align_up(nh.n_descsz, align);
		if (name_space > size - pos || nh.n_descsz > size - pos - name_space)
			return ELF_BAD_NOTE;
		const uint8_t *name = notes + pos;
		const uint8_t *desc = name + name_space;
		if (nh.n_namesz == 4 && !memcmp(name, "Xen", 4) &&
		    nh.n_type == XEN_ELFNOTE_PHYS32_ENTRY) {
			uint64_t value;
			if (nh.n_descsz == 4) {
				uint32_t v32;
				memcpy(&v32, desc, 4);
				value = v32;
			} else if (nh.n_descsz == 8) {
				memcpy(&value, desc, 8);
			} else {
				return ELF_BAD_PVH_NOTE;
			}
			if (value > UINT32_MAX)
				return ELF_BAD_PVH_NOTE;
			*entry = (uint32_t)value;
			*found = 1;
		}
		if (desc_space > size - pos - name_space)
			break;                     /* last note, padding cut short: fine */
		pos += name_space + desc_space;
	}
	return ELF_OK;
}

static int entry_is_loaded(const struct pvh_image *image, uint32_t entry)
{
	for (unsigned i = 0; i < image->nr_segments; i++) {
		const struct pvh_segment *s = &image->segments[i];
		if (entry >= s->gpa && entry - s->gpa < s->file_size)
			return 1;
	}
	return 0;
}

enum elf_error pvh_elf_parse(const uint8_t *file, size_t file_size, uint64_t mem_size,
			     struct pvh_image *image)
{
	Elf64_Ehdr eh;
	enum elf_error err;
	int found_entry = 0;

	memset(image, 0, sizeof(*image));
	if ((err = check_header(file, file_size, &eh)))
		return err;

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, file + eh.e_phoff + (uint64_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_LOAD) {
			if ((err = add_load_segment(&ph, file_size, mem_size, image)))
				return err;
		} else if (ph.p_type == PT_NOTE) {
			if (!range_within(ph.p_offset, ph.p_filesz, file_size))
				return ELF_NOTE_OUTSIDE_FILE;
			uint64_t align = ph.p_align == 8 ? 8 : 4;
			err = scan_notes(file + ph.p_offset, ph.p_filesz, align, &found_entry,
					 &image->entry);
			if (err)
				return err;
		}
	}
	if (image->nr_segments == 0)
		return ELF_NO_LOADABLE_SEGMENT;
	if (!found_entry)
		return ELF_NO_PVH_NOTE;
	if (!entry_is_loaded(image, image->entry))
		return ELF_ENTRY_OUTSIDE_SEGMENTS;
	return ELF_OK;
}

void pvh_elf_copy(const struct pvh_image *image, const uint8_t *file,
		  const struct guest_memory *mem)
{
	for (unsigned i = 0; i < image->nr_segments; i++) {
		const struct pvh_segment *s = &image->segments[i];
		uint8_t *dst = gpa_to_host(mem, s->gpa, s->mem_size);   /* checked by parse */
		if (!dst)
			continue;
		memcpy(dst, file + s->file_offset, s->file_size);
		memset(dst + s->file_size, 0, s->mem_size - s->file_size);
	}
}
