/* The C ABI exercised as another language would: only aero.h, no server needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "aero.h"
#include "test_util.h"

static void version_matches_header(void **state) {
    (void)state;
    assert_int_equal(aero_version(), AERO_VERSION_NUMBER);
    assert_int_equal(aero_abi_version(), AERO_ABI_VERSION);
    assert_string_equal(aero_version_str(), "0.1.0");
    assert_string_equal(aero_status_name(AERO_ERR_RECORD_NOT_FOUND), "AERO_ERR_RECORD_NOT_FOUND");
    assert_string_equal(aero_status_name(AERO_ERR_UDF), "AERO_ERR_UDF");
    assert_string_equal(aero_status_name(12345), "AERO_ERR_UNKNOWN");
}

static void null_handles_are_errors(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    assert_int_equal(aero_config_new(NULL, err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "out"));
    assert_int_equal(aero_client_new(NULL, NULL, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_connect(NULL, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_put(NULL, (const uint8_t *)"\x93", 1, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_get(buf, NULL, NULL, 0, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_is_connected(NULL), 0);
    /* A NULL error object is allowed: the status alone tells. */
    assert_int_equal(aero_client_close(NULL, NULL), AERO_ERR_PARAM);
    aero_client_destroy(NULL);
    aero_config_destroy(NULL);
    aero_buf_destroy(NULL);
    aero_error_destroy(NULL);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

/* Watched slots follow every call that writes the buffer, a failed one included. */
static void watched_buffer_slots_follow_each_call(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_config *cfg = NULL;
    const uint8_t *data = (const uint8_t *)"stale";
    size_t size = 99;
    assert_int_equal(aero_config_new(&cfg, err), AERO_OK);
    aero_buf_watch(buf, &data, &size);
    assert_int_equal(size, 0); /* bound: the empty buffer at once */
    assert_int_equal(aero_config_get(buf, cfg, "tend_interval", err), AERO_OK);
    assert_int_equal(size, 4);
    assert_ptr_equal(data, aero_buf_data(buf));
    assert_memory_equal(data, "1000", 4);
    assert_int_equal(aero_config_set(cfg, "hosts", "127.0.0.1:3100", err), AERO_OK);
    assert_int_equal(aero_config_get(buf, cfg, "hosts", err), AERO_OK);
    assert_int_equal(size, strlen("127.0.0.1:3100"));
    assert_ptr_equal(data, aero_buf_data(buf));
    /* A failed call refreshes them too. */
    assert_int_equal(aero_config_get(buf, cfg, "no_such_key", err), AERO_ERR_PARAM);
    assert_int_equal(size, aero_buf_size(buf));
    /* Unbound: the slots keep what they last held. */
    size_t last = size;
    aero_buf_watch(buf, NULL, NULL);
    assert_int_equal(aero_config_get(buf, cfg, "tend_interval", err), AERO_OK);
    assert_int_equal(size, last);
    assert_int_equal(aero_buf_size(buf), 4);
    aero_config_destroy(cfg);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void config_rejects_unknown_keys_and_bad_values(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_config *cfg = NULL;
    assert_int_equal(aero_config_new(&cfg, err), AERO_OK);
    assert_int_equal(aero_config_set(cfg, "no_such_key", "1", err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "no_such_key"));
    assert_int_equal(aero_config_set(cfg, "max_conns_per_node", "lots", err), AERO_ERR_PARAM);
    assert_int_equal(aero_config_set(cfg, "hosts", "a:99999", err), AERO_ERR_INVALID_HOST);
    assert_int_equal(aero_config_set(cfg, "hosts", "127.0.0.1:3100,[::1]:3200,example", err), AERO_OK);
    assert_int_equal(aero_error_code(err), AERO_OK);
    assert_int_equal(aero_config_get(buf, cfg, "hosts", err), AERO_OK);
    assert_memory_equal(aero_buf_data(buf), "127.0.0.1:3100,[::1]:3200,example:3000", aero_buf_size(buf));
    /* A rejected value leaves the old one in place. */
    assert_int_equal(aero_config_set(cfg, "tend_interval", "-5", err), AERO_ERR_PARAM);
    assert_int_equal(aero_config_get(buf, cfg, "tend_interval", err), AERO_OK);
    assert_memory_equal(aero_buf_data(buf), "1000", 4);
    /* Numbers no client can work with: no connections, a busy tend loop, no reuse. */
    assert_int_equal(aero_config_set(cfg, "max_conns_per_node", "0", err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "max_conns_per_node"));
    assert_int_equal(aero_config_set(cfg, "tend_interval", "0", err), AERO_ERR_PARAM);
    assert_int_equal(aero_config_set(cfg, "idle_timeout", "0", err), AERO_ERR_PARAM);
    assert_int_equal(aero_config_set(cfg, "idle_timeout", "86401", err), AERO_ERR_PARAM);
    /* A timeout of 0 is no limit, as total_timeout 0 is. */
    assert_int_equal(aero_config_set(cfg, "timeout", "0", err), AERO_OK);
    size_t n = aero_config_count();
    assert_true(n > 10);
    assert_string_equal(aero_config_property(0), "hosts");
    assert_null(aero_config_property(n));
    aero_config_destroy(cfg);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void client_new_refuses_contradicting_pool_bounds(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_config *cfg = NULL;
    aero_client *client = NULL;
    assert_int_equal(aero_config_new(&cfg, err), AERO_OK);
    /* Each key alone is fine (they come in any order); together they cannot both hold. */
    assert_int_equal(aero_config_set(cfg, "min_conns_per_node", "8", err), AERO_OK);
    assert_int_equal(aero_config_set(cfg, "max_conns_per_node", "4", err), AERO_OK);
    assert_int_equal(aero_client_new(&client, cfg, err), AERO_ERR_PARAM);
    assert_null(client);
    assert_non_null(strstr(aero_error_message(err), "min_conns_per_node"));
    assert_non_null(strstr(aero_error_message(err), "max_conns_per_node"));
    assert_int_equal(aero_config_set(cfg, "max_conns_per_node", "8", err), AERO_OK);
    assert_int_equal(aero_client_new(&client, cfg, err), AERO_OK);
    aero_client_destroy(client);
    aero_config_destroy(cfg);
    aero_error_destroy(err);
}

static void commands_before_connect_fail_cleanly(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = new_client("127.0.0.1:1", err);
    assert_int_equal(aero_client_is_connected(client), 0);
    size_t klen;
    const uint8_t *key = test_key("k1", &klen);
    assert_int_equal(aero_client_get(buf, client, key, klen, NULL, 0, NULL, 0, err), AERO_ERR_NOT_CONNECTED);
    /* Argument errors are found before the connection state. */
    assert_int_equal(aero_client_get(buf, client, (const uint8_t *)"\xc1", 1, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_close(client, err), AERO_OK);
    assert_int_equal(aero_client_close(client, err), AERO_OK);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void connect_to_dead_port_fails_fast(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_client *client = new_client("127.0.0.1:1", err);
    aero_status rc = aero_client_connect(client, err);
    assert_int_equal(rc, AERO_ERR_CONNECTION);
    assert_true(strlen(aero_error_message(err)) > 0);
    assert_int_equal(aero_client_is_connected(client), 0);
    aero_client_destroy(client);
    aero_error_destroy(err);
}

static void digest_matches_known_vector(void **state) {
    (void)state;
    /* ["test", "test", 1] -> f5f86f3d... (the official clients' digest of set "test", key 1). */
    static const uint8_t key[] = {0x93, 0xa4, 't', 'e', 's', 't', 0xa4, 't', 'e', 's', 't', 0x01};
    static const uint8_t expect[20] = {0xf5, 0xf8, 0x6f, 0x3d, 0x48, 0x55, 0xad, 0xff, 0xe8, 0xde,
                                       0xf9, 0xa0, 0xd9, 0x02, 0xfa, 0xc7, 0x1f, 0x57, 0x8b, 0x8f};
    uint8_t digest[20];
    aero_error *err = aero_error_new();
    assert_int_equal(aero_key_digest(digest, key, sizeof key, err), AERO_OK);
    assert_memory_equal(digest, expect, 20);
    /* Malformed keys: wrong arity, empty namespace, float user key. */
    assert_int_equal(aero_key_digest(digest, (const uint8_t *)"\x92\xa1n\xa1s", 5, err), AERO_ERR_PARAM);
    assert_int_equal(aero_key_digest(digest, (const uint8_t *)"\x93\xa0\xa1s\x01", 5, err), AERO_ERR_PARAM);
    assert_int_equal(aero_key_digest(digest, (const uint8_t *)"\x93\xa1n\xa1s\xcb\0\0\0\0\0\0\0\0", 13, err),
                     AERO_ERR_PARAM);
    /* A NUL in the namespace or the set. */
    assert_int_equal(aero_key_digest(digest, (const uint8_t *)"\x93\xa2n\0\xa1s\x01", 7, err), AERO_ERR_PARAM);
    assert_int_equal(aero_key_digest(digest, (const uint8_t *)"\x93\xa1n\xa2\0s\x01", 7, err), AERO_ERR_PARAM);
    aero_error_destroy(err);
}

int main(void) {
    const struct CMUnitTest abi[] = {
        cmocka_unit_test(version_matches_header),
        cmocka_unit_test(null_handles_are_errors),
        cmocka_unit_test(config_rejects_unknown_keys_and_bad_values),
        cmocka_unit_test(watched_buffer_slots_follow_each_call),
        cmocka_unit_test(client_new_refuses_contradicting_pool_bounds),
        cmocka_unit_test(commands_before_connect_fail_cleanly),
        cmocka_unit_test(connect_to_dead_port_fails_fast),
        cmocka_unit_test(digest_matches_known_vector),
    };
    int failed = cmocka_run_group_tests_name("abi", abi, NULL, NULL);
    return failed | run_server_tests() | run_admin_tests();
}
