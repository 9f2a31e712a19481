/*
 * boot.h - constants shared by boot.S and the C start code.
 */
#ifndef X86_BOOT_H
#define X86_BOOT_H

#define BOOT_ENTRY_PVH        1   /* entered at pvh_entry */
#define BOOT_ENTRY_MULTIBOOT  2   /* entered at multiboot_entry */

#define BOOT_STACK_SIZE       32768

#endif
