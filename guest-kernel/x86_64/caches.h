/*
 * caches.h - turn memory caching on where the loader left it off.
 */
#ifndef X86_CACHES_H
#define X86_CACHES_H

void caches_enable(void);

#endif
