/* sha256.h - SHA-256 (FIPS 180-4), for questionnaire snapshot hashes. */
#ifndef ITM_SHA256_H
#define ITM_SHA256_H

#include <stddef.h>

/* Writes the digest of DATA as 64 lower-case hex digits and a NUL to HEX. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
