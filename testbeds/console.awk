# console.awk - the filter run.sh streams a test-bed's serial console
# through (busybox awk: it reads and writes line by line).
#
#   awk -v con=FILE -v st=FILE -v pid=FILE -v stuck_limit=SEC -f console.awk
#
# Every line (CR dropped) goes to con, the whole console.  On stdout: every
# line but "HVB " records outside a benchmark's "HVBTB start" / "HVBTB end"
# frame.  st gets "finished" on "HVBTB finished", the line itself on
# "HVBTB fail ...", and the reason when the filter stops QEMU (the pid
# file's process) early:
#   - the kernel or Xen panicked ("HVBTB panic LINE");
#   - the test-bed's kernel reports a CPU stuck (soft lockup) for longer
#     than stuck_limit seconds ("HVBTB stuck LINE"): its scheduler has not
#     run for longer than a benchmark's whole budget, so the watchdog
#     inside cannot fire either; without this the run would wait for the
#     outer timeout, minutes later.
function stop(why) {
	dead = 1
	print why > st
	system("sleep 1; kill $(cat " pid ") 2>/dev/null")
}
{ sub(/\r$/, ""); print > con }
/^HVBTB start / { inb = 1 }
/^HVBTB end / { inb = 0 }
/^HVBTB fail / { print $0 > st; next }
/^HVBTB finished/ { print; fflush(); print "finished" > st; next }
/^HVB / && !inb { next }
{ print; fflush() }
/Kernel panic - not syncing|Panic on CPU|Hardware Dom0 crashed/ && !dead {
	stop("HVBTB panic " $0)
}
/soft lockup - CPU#[0-9]+ stuck for [0-9]+s!/ && !dead && stuck_limit > 0 {
	if (match($0, /stuck for [0-9]+s!/) && substr($0, RSTART + 10, RLENGTH - 12) + 0 > stuck_limit + 0)
		stop("HVBTB stuck " $0)
}
