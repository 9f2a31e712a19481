/*
 * build-id.h - the guest's GNU build id (linker --build-id).
 *
 * The linker script brackets the .note.gnu.build-id section with the
 * symbols __build_id_start and __build_id_end.
 */
#ifndef BUILD_ID_H
#define BUILD_ID_H

#include <stddef.h>
#include <stdint.h>

/* Point *id at the build id bytes and return their count (0 if missing). */
size_t build_id(const uint8_t **id);

#endif
