/*
 * build-id.c - find the build id inside the GNU build-id ELF note.
 *
 * An ELF note is: namesz, descsz, type (32-bit each), the name padded to
 * 4 bytes, then the descriptor.  For NT_GNU_BUILD_ID the name is "GNU"
 * and the descriptor is the id (20 bytes for sha1).
 */
#include "build-id.h"
#include "kstring.h"

#define NT_GNU_BUILD_ID 3

extern const uint8_t __build_id_start[], __build_id_end[];

struct elf_note {
	uint32_t namesz;
	uint32_t descsz;
	uint32_t type;
};

size_t build_id(const uint8_t **id)
{
	const struct elf_note *note = (const void *)__build_id_start;
	size_t size = (size_t)(__build_id_end - __build_id_start);
	size_t name_bytes;

	if (size < sizeof(*note))
		return 0;
	name_bytes = (note->namesz + 3u) & ~3u;
	if (note->type != NT_GNU_BUILD_ID || note->namesz != 4 ||
	    memcmp(note + 1, "GNU", 4) != 0 ||
	    sizeof(*note) + name_bytes + note->descsz > size)
		return 0;
	*id = (const uint8_t *)(note + 1) + name_bytes;
	return note->descsz;
}
