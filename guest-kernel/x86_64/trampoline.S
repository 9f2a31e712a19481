/*
 * trampoline.S - where a secondary CPU starts: real mode -> long mode.
 *
 * ap_trampoline_start .. ap_trampoline_end is position-independent 16-bit
 * code that smp.c copies to SMP_TRAMPOLINE; the startup IPI makes the AP
 * run it with CS = SMP_TRAMPOLINE >> 4, IP = 0.  It loads ap_gdt (in the
 * kernel image), turns on protected mode and far-jumps to ap_entry32 in the
 * kernel image, which enables PAE, the boot CPU's page tables, EFER.LME and
 * paging, then jumps to 64-bit code that takes the stack smp.c left in
 * smp_ap_boot and calls smp_ap_main().
 */
#define CR0_PE          (1 << 0)
#define CR0_MP          (1 << 1)
#define CR0_ET          (1 << 4)
#define CR0_NE          (1 << 5)
#define CR0_WP          (1 << 16)
#define CR0_PG          (1 << 31)
#define CR0_LONG_MODE   (CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG)
#define CR4_PAE         (1 << 5)
#define MSR_EFER        0xC0000080
#define EFER_LME        (1 << 8)

#define AP_CS64         0x08        /* the same selectors as the kernel's GDT */
#define AP_DS           0x10
#define AP_CS32         0x18

/* ---- the real-mode part, copied below 1 MiB ---- */
	.section .rodata
	.code16
	.globl ap_trampoline_start, ap_trampoline_end
ap_trampoline_start:
	cli
	cld
	mov %cs, %ax
	mov %ax, %ds
	lgdtl ap_gdt_desc - ap_trampoline_start
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	ljmpl $AP_CS32, $ap_entry32

	.balign 8
ap_gdt_desc:
	.word ap_gdt_end - ap_gdt - 1
	.long ap_gdt
ap_trampoline_end:

/* ---- the GDT the AP keeps ---- */
	.balign 8
ap_gdt:
	.quad 0                         /* null */
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff        /* 0x10: data, ring 0 */
	.quad 0x00cf9a000000ffff        /* 0x18: 32-bit code, ring 0 */
ap_gdt_end:

/* ---- protected mode, in the kernel image ---- */
	.text
	.code32
ap_entry32:
	mov $AP_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
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
	ljmp $AP_CS64, $ap_entry64

	.code64
ap_entry64:
	mov $AP_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %eax, %eax
	mov %ax, %fs
	mov %ax, %gs
	mov smp_ap_boot(%rip), %rsp     /* smp_ap_boot.stack_top */
	call smp_ap_main
1:	cli
	hlt
	jmp 1b
