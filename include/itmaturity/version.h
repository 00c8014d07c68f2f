/* version.h - the tool's version, shown by --version and the wizard. */
#ifndef ITM_VERSION_H
#define ITM_VERSION_H

#define ITM_VERSION "0.1.0"

#endif
