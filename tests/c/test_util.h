/* Helpers shared by the C ABI tests. */
#ifndef AERO_TEST_UTIL_H
#define AERO_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

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
/* Starts $AERO_SERVER on a free port with the extra NULL-terminated args, writes its
 * "host:port" into hosts and returns its pid (-1 on failure). */
pid_t spawn_aero_server(const char *const *args, char *hosts, size_t hosts_size);
/* Runs the admin tests against a secured aero-server of their own. */
int run_admin_tests(void);

#endif
