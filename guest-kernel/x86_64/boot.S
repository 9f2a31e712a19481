/*
 * boot.S - x86-64 entry: boot headers, then 32-bit protected mode to long mode.
 *
 * One ELF file boots two ways:
 *   - PVH (refhv, Xen, Firecracker, QEMU without multiboot): an ELF note
 *     "Xen"/XEN_ELFNOTE_PHYS32_ENTRY gives pvh_entry; ebx = hvm_start_info.
 *   - multiboot1 (QEMU -kernel tries it first): the header below, with the
 *     a.out-kludge flag so QEMU accepts a 64-bit ELF; it loads the file from
 *     the header's offset as one flat image, so guest.ld keeps the file
 *     contiguous.  eax = 0x2BADB002, ebx = multiboot info.
 * Both enter in 32-bit protected mode with paging off and interrupts off.
 *
 * The code here takes its own stack, enables long mode on the identity map
 * of the first 4 GiB below and calls x86_start(entry, ebx, eax) in C.
 *
 * It does as little as it can, because on some hosts every instruction the
 * guest runs in kernel mode is emulated (nested KVM such as kvm_pvm: about
 * 1 us each, a string instruction per element):
 *   - it does not zero .bss: both ways in, the loader does.  A PVH loader
 *     loads an ELF file, and ELF loaders zero p_memsz beyond p_filesz
 *     (refhv's elf_loader.c, QEMU's load_elf, Xen's libelf); a multiboot
 *     loader zeroes up to bss_end_addr (multiboot spec 3.1.3; QEMU's
 *     hw/i386/multiboot.c memsets it).  On kvm_pvm, rep stosb over the
 *     280 KiB of .bss took about 200 ms.
 *   - it does not build page tables: they are complete in the image (.data,
 *     at the end of this file), so the loader copies them.  The loop that
 *     filled 2048 entries took about 11 ms.
 */
#include "hvb-abi.h"
#include "boot.h"

#define MB_MAGIC        0x1BADB002
#define MB_FLAG_AOUT    (1 << 16)           /* use the address fields below */
#define MB_FLAGS        MB_FLAG_AOUT

#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define CR0_PE          (1 << 0)            /* protected mode */
#define CR0_MP          (1 << 1)            /* monitor coprocessor */
#define CR0_ET          (1 << 4)            /* extension type (always 1) */
#define CR0_NE          (1 << 5)            /* native x87 errors */
#define CR0_WP          (1 << 16)           /* write-protect in ring 0 */
#define CR0_PG          (1 << 31)           /* paging */
/* Caches on (CD = NW = 0, which not every loader leaves so), paging on. */
#define CR0_LONG_MODE   (CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG)
#define CR4_PAE         (1 << 5)
#define MSR_EFER        0xC0000080
#define EFER_LME        (1 << 8)

#define PTE_P           0x001               /* present */
#define PTE_W           0x002               /* writable */
#define PTE_PWT         0x008               /* write-through */
#define PTE_PCD         0x010               /* cache disable */
#define PTE_PS          0x080               /* 2 MiB page */
#define UNCACHED_FROM   1536                /* 2 MiB page index of 3 GiB */

#define BOOT_CS         0x08
#define BOOT_DS         0x10

/* ---- the multiboot1 header (must be in the first 8 KiB of the file) ---- */
	.section .multiboot, "a"
	.balign 4
multiboot_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long multiboot_header          /* header_addr */
	.long __image_start             /* load_addr: the file from here on */
	.long __load_end                /* load_end_addr: end of file data */
	.long __bss_end                 /* bss_end_addr: the loader zeroes up to here */
	.long multiboot_entry           /* entry_addr */

/* ---- the PVH entry note ---- */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4                         /* namesz: "Xen\0" */
	.long 8                         /* descsz: 8 bytes, as Linux emits (QEMU reads 8) */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad pvh_entry                 /* a 32-bit physical address, zero-extended */

/* ---- 32-bit entry code ---- */
	.section .text.boot, "ax"
	.code32

	.globl pvh_entry
pvh_entry:
	mov %ebx, %esi                  /* hvm_start_info */
	mov $BOOT_ENTRY_PVH, %ebx
	jmp common32

multiboot_entry:
	mov %ebx, %esi                  /* multiboot info */
	mov $BOOT_ENTRY_MULTIBOOT, %ebx

	/*
	 * From here: esi = boot information, ebp = eax at entry (the multiboot
	 * magic), edi = which entry.  The loader's stack is not to be trusted.
	 */
common32:
	cli
	cld
	mov %eax, %ebp

	mov %ebx, %edi
	mov $boot_stack_top, %esp       /* .bss: zeroed by the loader */

	/* no long mode: nothing we can do but leave */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	bt $29, %edx
	jnc no_long_mode

	/* PAE, page tables, EFER.LME, then paging: long mode (compatibility) */
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $paging_pml4, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	mov $CR0_LONG_MODE, %eax
	mov %eax, %cr0

	lgdt boot_gdt_desc
	ljmp $BOOT_CS, $entry64

no_long_mode:
	mov $HVB_GUEST_EXIT_FAIL, %eax
	mov $HVB_PORT_EXIT, %dx
	outl %eax, %dx
4:	hlt
	jmp 4b

/* ---- 64-bit entry ---- */
	.code64
entry64:
	mov $BOOT_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %eax, %eax
	mov %ax, %fs
	mov %ax, %gs
	mov $boot_stack_top, %esp       /* also clears the upper half of rsp */

	/* x86_start(entry, info, magic); 32-bit moves clear the upper halves */
	mov %edi, %edi
	mov %esi, %esi
	mov %ebp, %edx
	call x86_start
5:	cli
	hlt
	jmp 5b

/* ---- the boot GDT: just enough to reach 64-bit code (gdt.c replaces it) ---- */
	.section .rodata
	.balign 8
boot_gdt:
	.quad 0                         /* null */
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_desc:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt

/* ---- the boot stack ---- */
	.section .bss
	.balign 16
	.globl boot_stack_top
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:

/*
 * ---- the boot page tables (declared in paging.h), complete in the image ----
 * PML4[0] -> PDPT, PDPT[0..3] -> four page directories: 2048 x 2 MiB
 * identity pages, writable; the top GiB (MMIO, the LAPIC) uncached.
 */
	.section .data
	.balign 4096
	.globl paging_pml4, paging_pdpt, paging_pd
paging_pml4:
	.quad paging_pdpt + (PTE_P | PTE_W)
	.fill 511, 8, 0
paging_pdpt:
	.quad paging_pd + 0 * 4096 + (PTE_P | PTE_W)
	.quad paging_pd + 1 * 4096 + (PTE_P | PTE_W)
	.quad paging_pd + 2 * 4096 + (PTE_P | PTE_W)
	.quad paging_pd + 3 * 4096 + (PTE_P | PTE_W)
	.fill 508, 8, 0
paging_pd:
	.set page, 0
	.rept 2048
	.if page < UNCACHED_FROM
	.quad (page << 21) | PTE_P | PTE_W | PTE_PS
	.else
	.quad (page << 21) | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT
	.endif
	.set page, page + 1
	.endr
