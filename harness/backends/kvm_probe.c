/*
 * kvm_probe.c - a short KVM usability check for `list`, `env` and the
 * choice of the default backend.
 */
#include "backends/kvm_probe.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* strerror() with a lower-case first letter, to read well after a colon. */
static void describe_errno(int err, char *out, size_t size)
{
	snprintf(out, size, "%s", strerror(err));
	if (out[0])
		out[0] = (char)tolower((unsigned char)out[0]);
}

bool kvm_probe(char *reason, size_t size)
{
	char why[128];
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		describe_errno(errno, why, sizeof(why));
		snprintf(reason, size, "/dev/kvm: %s", why);
		return false;
	}
	int version = ioctl(kvm, KVM_GET_API_VERSION, 0);
	if (version != KVM_API_VERSION) {
		snprintf(reason, size, "KVM API version %d, expected %d", version, KVM_API_VERSION);
		close(kvm);
		return false;
	}
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		describe_errno(errno, why, sizeof(why));
		snprintf(reason, size, "KVM_CREATE_VM failed: %s", why);
		close(kvm);
		return false;
	}
	close(vm);
	close(kvm);
	snprintf(reason, size, "ok");
	return true;
}
