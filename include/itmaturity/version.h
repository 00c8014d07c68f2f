/* version.h - the tool's version, shown by --version and the wizard. It
 * has one source, the Makefile (VERSION: its VERSION_BASE, 'git describe'
 * or a release tarball's .tarball-version), which defines ITM_VERSION. */
#ifndef ITM_VERSION_H
#define ITM_VERSION_H

#ifndef ITM_VERSION
#error "ITM_VERSION is defined by the Makefile (-DITM_VERSION=...)"
#endif

#endif
