/* Helpers shared by the C ABI tests. */
#ifndef AERO_TEST_UTIL_H
#define AERO_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "aero.h"

/* A client for `hosts` with a short connect timeout; fails the test on error. */
aero_client *new_client(const char *hosts, aero_error *err);
/* The msgpack key ["test", "ctest", user_key] in static storage (one key at a time). */
const uint8_t *test_key(const char *user_key, size_t *len);
/* The position after the msgpack value at p. */
const uint8_t *mp_skip(const uint8_t *p);
/* The msgpack integer at p. */
int64_t mp_int(const uint8_t *p);
/* Runs the tests that need a server (aero-server from $AERO_SERVER, or $AEROSPIKE_HOST). */
int run_server_tests(void);

#endif
