/*
 * version.h - order version strings the way dpkg does ("[epoch:]upstream
 * [-revision]": 6.1.0-57 < 6.12.48; 4.17.7 < 4.20.1; 1.0~rc1 < 1.0), so a
 * history over kernel or Xen versions runs oldest to newest.
 */
#ifndef HVB_VERSION_H
#define HVB_VERSION_H

/* <0, 0 or >0 as a is older than, the same as or newer than b. */
int hvb_version_cmp(const char *a, const char *b);

#endif
