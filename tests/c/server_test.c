/* The C ABI against a live server: aero-server started here, or $AEROSPIKE_HOST:$AEROSPIKE_PORT. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "aero.h"
#include "test_util.h"

static char g_hosts[128];
static pid_t g_server = 0;

aero_client *new_client(const char *hosts, aero_error *err) {
    aero_config *cfg = NULL;
    aero_client *client = NULL;
    assert_int_equal(aero_config_new(&cfg, err), AERO_OK);
    assert_int_equal(aero_config_set(cfg, "hosts", hosts, err), AERO_OK);
    assert_int_equal(aero_config_set(cfg, "timeout", "500", err), AERO_OK);
    const char *cluster = getenv("AEROSPIKE_CLUSTER_NAME");
    if (cluster != NULL) assert_int_equal(aero_config_set(cfg, "cluster_name", cluster, err), AERO_OK);
    assert_int_equal(aero_client_new(&client, cfg, err), AERO_OK);
    aero_config_destroy(cfg); /* the client keeps its own copy */
    return client;
}

const uint8_t *test_key(const char *user_key, size_t *len) {
    static uint8_t buf[64];
    size_t n = strlen(user_key);
    size_t i = 0;
    buf[i++] = 0x93;
    buf[i++] = 0xa4;
    memcpy(buf + i, "test", 4), i += 4;
    buf[i++] = 0xa5;
    memcpy(buf + i, "ctest", 5), i += 5;
    buf[i++] = (uint8_t)(0xa0 | n);
    memcpy(buf + i, user_key, n), i += n;
    *len = i;
    return buf;
}

static aero_client *connected(aero_error *err) {
    aero_client *client = new_client(g_hosts, err);
    assert_int_equal(aero_client_connect(client, err), AERO_OK);
    return client;
}

static void put_get_remove_round_trip(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    size_t klen;
    const uint8_t *key = test_key("rt", &klen);
    /* {"a": 7, "s": "hi"} */
    static const uint8_t bins[] = {0x82, 0xa1, 'a', 0x07, 0xa1, 's', 0xa2, 'h', 'i'};
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    assert_int_equal(aero_client_get(buf, client, key, klen, NULL, 0, NULL, 0, err), AERO_OK);
    /* [digest(20), gen=1, ttl, {"a": 7, "s": "hi"}]: check the tail holds the bins map. */
    const uint8_t *p = aero_buf_data(buf);
    size_t n = aero_buf_size(buf);
    assert_int_equal(p[0], 0x94);
    assert_int_equal(p[1], 0xc4);
    assert_int_equal(p[2], 20);
    assert_int_equal(p[23], 0x01);
    assert_memory_equal(p + n - sizeof bins, bins, sizeof bins);
    assert_int_equal(aero_client_exists(buf, client, key, klen, NULL, 0, err), AERO_OK);
    assert_int_equal(aero_client_remove(client, key, klen, NULL, 0, err), AERO_OK);
    assert_int_equal(aero_client_get(buf, client, key, klen, NULL, 0, NULL, 0, err), AERO_ERR_RECORD_NOT_FOUND);
    assert_int_equal(aero_error_code(err), AERO_ERR_RECORD_NOT_FOUND);
    /* The message names the code as the official clients do. */
    assert_string_equal(aero_error_message(err),
                        "server result code 2 (AEROSPIKE_ERR_RECORD_NOT_FOUND): record not found");
    assert_int_equal(aero_error_in_doubt(err), 0);
    assert_true(strlen(aero_error_node(err)) > 0);
    assert_int_equal(aero_client_remove(client, key, klen, NULL, 0, err), AERO_ERR_RECORD_NOT_FOUND);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void policies_and_bad_input(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    size_t klen;
    const uint8_t *key = test_key("pol", &klen);
    static const uint8_t bins[] = {0x81, 0xa1, 'a', 0x01};
    static const uint8_t create_only[] = {0x81, 0xa6, 'e', 'x', 'i', 's', 't', 's', AERO_POLICY_EXISTS_CREATE_ONLY};
    aero_client_remove(client, key, klen, NULL, 0, NULL);
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, create_only, sizeof create_only, err), AERO_OK);
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, create_only, sizeof create_only, err),
                     AERO_ERR_RECORD_EXISTS);
    /* Unknown policy key, malformed bins, a policy that is not a map. */
    static const uint8_t unknown[] = {0x81, 0xa3, 'z', 'z', 'z', 0x01};
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, unknown, sizeof unknown, err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "zzz"));
    assert_int_equal(aero_client_put(client, key, klen, (const uint8_t *)"\x81\xa1", 2, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, (const uint8_t *)"\x01", 1, err), AERO_ERR_PARAM);
    /* A NUL in a bin name is refused before sending: {"a\0": 1}. */
    static const uint8_t nul_bin[] = {0x81, 0xa2, 'a', 0x00, 0x01};
    assert_int_equal(aero_client_put(client, key, klen, nul_bin, sizeof nul_bin, NULL, 0, err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "NUL"));
    /* ... and in a set name: ["test", "c\0t", "pol"]. */
    static const uint8_t nul_set[] = {0x93, 0xa4, 't', 'e', 's', 't', 0xa3, 'c', 0x00, 't', 0xa3, 'p', 'o', 'l'};
    assert_int_equal(aero_client_put(client, nul_set, sizeof nul_set, bins, sizeof bins, NULL, 0, err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "NUL"));
    /* operate: incr "a" by 5 then read it: [[5, "a", 5], [1, "a"]] */
    static const uint8_t ops[] = {0x92, 0x93, 0x05, 0xa1, 'a', 0x05, 0x92, 0x01, 0xa1, 'a'};
    assert_int_equal(aero_client_operate(buf, client, key, klen, ops, sizeof ops, NULL, 0, err), AERO_OK);
    const uint8_t *p = aero_buf_data(buf);
    size_t n = aero_buf_size(buf);
    static const uint8_t tail[] = {0x91, 0x92, 0xa1, 'a', 0x06};
    assert_memory_equal(p + n - sizeof tail, tail, sizeof tail);
    aero_client_remove(client, key, klen, NULL, 0, NULL);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

/* A map put and a map read inside a nested list context, through the ABI's collection op
 * form: the library does the CDT encoding, the caller only names codes and arguments. */
static void map_op_in_nested_list_context(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    size_t klen;
    const uint8_t *key = test_key("cdt", &klen);
    /* {"l": [[1, 2], [{"a": 1}]]} */
    static const uint8_t bins[] = {0x81, 0xa1, 'l', 0x92, 0x92, 0x01, 0x02, 0x91, 0x81, 0xa1, 'a', 0x01};
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    /* ctx [[AERO_CTX_LIST_INDEX, 1], [AERO_CTX_LIST_INDEX, 0]] selects {"a": 1}. Ops:
     * [AERO_OP_CDT, "l", [PUT 67, "b", 2], ctx], [AERO_OP_CDT, "l", [GET_BY_KEY 97,
     * AERO_RETURN_VALUE, "b"], ctx], [AERO_OP_READ, "l"]. */
    static const uint8_t ops[] = {
        0x93,
        0x94, AERO_OP_CDT, 0xa1, 'l', 0x93, 67, 0xa1, 'b', 0x02,
        0x92, 0x92, AERO_CTX_LIST_INDEX, 0x01, 0x92, AERO_CTX_LIST_INDEX, 0x00,
        0x94, AERO_OP_CDT, 0xa1, 'l', 0x93, 97, AERO_RETURN_VALUE, 0xa1, 'b',
        0x92, 0x92, AERO_CTX_LIST_INDEX, 0x01, 0x92, AERO_CTX_LIST_INDEX, 0x00,
        0x92, AERO_OP_READ, 0xa1, 'l'};
    assert_int_equal(aero_client_operate(buf, client, key, klen, ops, sizeof ops, NULL, 0, err), AERO_OK);
    /* [["l", 2], ["l", 2], ["l", [[1, 2], [{"a": 1, "b": 2}]]]]: the put answers the map's
     * size, the get the value, the read the whole bin. */
    static const uint8_t tail[] = {0x93, 0x92, 0xa1, 'l', 0x02, 0x92, 0xa1, 'l', 0x02, 0x92, 0xa1, 'l',
                                   0x92, 0x92, 0x01, 0x02, 0x91, 0x82, 0xa1, 'a', 0x01, 0xa1, 'b', 0x02};
    const uint8_t *p = aero_buf_data(buf);
    size_t n = aero_buf_size(buf);
    assert_true(n > sizeof tail);
    assert_memory_equal(p + n - sizeof tail, tail, sizeof tail);
    /* A map op on the list level itself is the server's bin-type error. */
    static const uint8_t wrong[] = {0x91, 0x93, AERO_OP_CDT, 0xa1, 'l', 0x91, 96};
    assert_int_equal(aero_client_operate(buf, client, key, klen, wrong, sizeof wrong, NULL, 0, err),
                     AERO_ERR_BIN_INCOMPATIBLE_TYPE);
    /* An unknown code is refused before anything is sent. */
    static const uint8_t unknown[] = {0x91, 0x93, AERO_OP_CDT, 0xa1, 'l', 0x91, 0x3f};
    assert_int_equal(aero_client_operate(buf, client, key, klen, unknown, sizeof unknown, NULL, 0, err), AERO_ERR_PARAM);
    aero_client_remove(client, key, klen, NULL, 0, NULL);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

/* A write guarded by a filter expression that is false does not apply; an expression op
 * reads a computed value. The expression is Aerospike's tree in standard msgpack. */
static void filter_expression_and_expression_op(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    size_t klen;
    const uint8_t *key = test_key("exp", &klen);
    static const uint8_t bins[] = {0x81, 0xa1, 'a', 0x05}; /* {"a": 5} */
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    /* {"filter_expression": [AERO_EXP_EQ, [AERO_EXP_BIN, AERO_EXP_TYPE_INT, "a"], 6]} */
    static const uint8_t false_filter[] = {0x81, 0xb1, 'f', 'i', 'l', 't', 'e', 'r', '_', 'e', 'x', 'p', 'r', 'e',
                                           's', 's', 'i', 'o', 'n', 0x93, AERO_EXP_EQ, 0x93, AERO_EXP_BIN,
                                           AERO_EXP_TYPE_INT, 0xa1, 'a', 0x06};
    static const uint8_t other[] = {0x81, 0xa1, 'a', 0x07};
    assert_int_equal(aero_client_put(client, key, klen, other, sizeof other, false_filter, sizeof false_filter, err),
                     AERO_ERR_FILTERED_OUT);
    /* [[AERO_OP_EXP_READ, "r", [AERO_EXP_ADD, [AERO_EXP_BIN, AERO_EXP_TYPE_INT, "a"], 10], 0]] */
    static const uint8_t ops[] = {0x91, 0x94, AERO_OP_EXP_READ, 0xa1, 'r', 0x93, AERO_EXP_ADD, 0x93, AERO_EXP_BIN,
                                  AERO_EXP_TYPE_INT, 0xa1, 'a', 0x0a, 0x00};
    assert_int_equal(aero_client_operate(buf, client, key, klen, ops, sizeof ops, NULL, 0, err), AERO_OK);
    /* ... [["r", 15]]: a still holds 5. */
    static const uint8_t tail[] = {0x91, 0x92, 0xa1, 'r', 0x0f};
    const uint8_t *p = aero_buf_data(buf);
    size_t n = aero_buf_size(buf);
    assert_true(n > sizeof tail);
    assert_memory_equal(p + n - sizeof tail, tail, sizeof tail);
    /* An unknown expression code is refused before anything is sent. */
    static const uint8_t bad_filter[] = {0x81, 0xb1, 'f', 'i', 'l', 't', 'e', 'r', '_', 'e', 'x', 'p', 'r', 'e', 's',
                                         's', 'i', 'o', 'n', 0x91, 0x0a};
    assert_int_equal(aero_client_put(client, key, klen, other, sizeof other, bad_filter, sizeof bad_filter, err),
                     AERO_ERR_PARAM);
    aero_client_remove(client, key, klen, NULL, 0, NULL);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

/* The number of elements of the msgpack array at p (fixarray or array16). */
static size_t array_len(const uint8_t *p) {
    if ((p[0] & 0xf0) == 0x90) return p[0] & 0x0f;
    assert_int_equal(p[0], 0xdc);
    return (size_t)p[1] << 8 | p[2];
}

/* A scan of a set, drained page by page, returns each record once and ends complete; a
 * cancelled scan ends with AERO_ERR_CLIENT_ABORT; a bad spec is refused before it starts. */
static void scan_pages_and_status(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    static const uint8_t bins[] = {0x81, 0xa1, 'a', 0x01};
    char name[8];
    for (int i = 0; i < 20; i++) {
        size_t klen;
        snprintf(name, sizeof name, "q%d", i);
        const uint8_t *key = test_key(name, &klen);
        assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    }
    /* {"ns": "test", "set": "ctest", "record_queue_size": 3} */
    static const uint8_t spec[] = {0x83, 0xa2, 'n', 's', 0xa4, 't', 'e', 's', 't', 0xa3, 's', 'e', 't', 0xa5, 'c',
                                   't', 'e', 's', 't', 0xb1, 'r', 'e', 'c', 'o', 'r', 'd', '_', 'q', 'u', 'e', 'u',
                                   'e', '_', 's', 'i', 'z', 'e', 0x03};
    aero_query *q = NULL;
    assert_int_equal(aero_query_new(&q, client, spec, sizeof spec, NULL, 0, err), AERO_OK);
    assert_true(aero_query_fd(q) >= 0);
    int done = 0, complete = 0;
    size_t records = 0;
    while (!done) {
        assert_int_equal(aero_query_next(buf, &done, q, -1, err), AERO_OK);
        size_t values = array_len(aero_buf_data(buf));
        assert_int_equal(values % 6, 0); /* 6 values per record, flat */
        size_t page = values / 6;
        assert_true(page <= 3);
        records += page;
    }
    assert_int_equal(records, 20);
    assert_int_equal(aero_query_status(buf, &complete, q, err), AERO_OK);
    assert_int_equal(complete, 1);
    assert_int_equal(array_len(aero_buf_data(buf)), 4096); /* one state per partition */
    aero_query_destroy(q);

    assert_int_equal(aero_query_new(&q, client, spec, sizeof spec, NULL, 0, err), AERO_OK);
    aero_query_cancel(q);
    do {
    } while (aero_query_next(buf, &done, q, -1, err) == AERO_OK && !done);
    assert_int_equal(aero_error_code(err), AERO_ERR_CLIENT_ABORT);
    aero_query_destroy(q);

    static const uint8_t no_ns[] = {0x81, 0xa3, 's', 'e', 't', 0xa1, 'x'};
    assert_int_equal(aero_query_new(&q, client, no_ns, sizeof no_ns, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_query_new(&q, client, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);
    for (int i = 0; i < 20; i++) {
        size_t klen;
        snprintf(name, sizeof name, "q%d", i);
        const uint8_t *key = test_key(name, &klen);
        aero_client_remove(client, key, klen, NULL, 0, NULL);
    }
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void udf_register_apply_and_fail(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    static const char source[] = "function add(rec, a, b) return a + b end\nfunction boom(rec) error('boom') end\n";
    assert_int_equal(aero_client_udf_put(client, "ctest_udf.lua", (const uint8_t *)source, strlen(source), NULL, 0, err),
                     AERO_OK);
    assert_int_equal(aero_client_udf_list(buf, client, NULL, 0, err), AERO_OK);
    assert_non_null(memmem(aero_buf_data(buf), aero_buf_size(buf), "ctest_udf.lua", 13));
    assert_int_equal(aero_client_udf_get(buf, client, "ctest_udf.lua", NULL, 0, err), AERO_OK);
    assert_int_equal(aero_buf_size(buf), strlen(source));
    assert_memory_equal(aero_buf_data(buf), source, strlen(source));

    size_t klen;
    const uint8_t *key = test_key("udf", &klen);
    static const uint8_t bins[] = {0x81, 0xa1, 'a', 0x01};
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    /* ["ctest_udf", "add", [2, 3]] answers the record shape with {"SUCCESS": 5} last */
    static const uint8_t add[] = {0x93, 0xa9, 'c', 't', 'e', 's', 't', '_', 'u', 'd', 'f', 0xa3, 'a', 'd', 'd', 0x92, 0x02, 0x03};
    assert_int_equal(aero_client_apply(buf, client, key, klen, add, sizeof add, NULL, 0, err), AERO_OK);
    static const uint8_t success[] = {0x81, 0xa7, 'S', 'U', 'C', 'C', 'E', 'S', 'S', 0x05};
    assert_true(aero_buf_size(buf) > sizeof success);
    assert_memory_equal(aero_buf_data(buf) + aero_buf_size(buf) - sizeof success, success, sizeof success);
    /* ["ctest_udf", "boom"] fails with the server's message */
    static const uint8_t boom[] = {0x92, 0xa9, 'c', 't', 'e', 's', 't', '_', 'u', 'd', 'f', 0xa4, 'b', 'o', 'o', 'm'};
    assert_int_equal(aero_client_apply(buf, client, key, klen, boom, sizeof boom, NULL, 0, err), AERO_ERR_UDF);
    assert_non_null(strstr(aero_error_message(err), "ctest_udf.lua:2: boom"));
    static const uint8_t no_module[] = {0x92, 0xa0, 0xa1, 'f'};
    assert_int_equal(aero_client_apply(buf, client, key, klen, no_module, sizeof no_module, NULL, 0, err),
                     AERO_ERR_PARAM);
    assert_int_equal(aero_client_apply(buf, client, key, klen, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);

    assert_int_equal(aero_client_udf_remove(client, "ctest_udf.lua", NULL, 0, err), AERO_OK);
    assert_int_equal(aero_client_udf_get(buf, client, "ctest_udf.lua", NULL, 0, err), AERO_ERR_UDF);
    assert_int_equal(aero_client_udf_put(client, "bad;name.lua", (const uint8_t *)source, 1, NULL, 0, err), AERO_ERR_PARAM);
    aero_client_remove(client, key, klen, NULL, 0, NULL);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void info_and_node_names(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    assert_int_equal(aero_client_node_names(buf, client, err), AERO_OK);
    assert_int_equal(aero_buf_data(buf)[0], 0x91);
    assert_int_equal(aero_client_info(buf, client, NULL, "namespaces", NULL, 0, err), AERO_OK);
    assert_non_null(memmem(aero_buf_data(buf), aero_buf_size(buf), "test", 4));
    assert_int_equal(aero_client_info(buf, client, "NO_SUCH_NODE", "build", NULL, 0, err), AERO_ERR_INVALID_NODE);
    assert_int_equal(aero_client_close(client, err), AERO_OK);
    assert_int_equal(aero_client_info(buf, client, NULL, "build", NULL, 0, err), AERO_ERR_NOT_CONNECTED);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

/* Waits on the queue's fd and drains until `want` completions arrived; returns how many of
 * them had status `expect` and checks each token in [first, first + want) came exactly once. */
static size_t drain_all(aero_queue *q, uint64_t first, size_t want, aero_status expect, aero_buf *buf,
                        aero_error *err) {
    uint8_t seen[512] = {0};
    size_t got = 0, matched = 0;
    assert_true(want <= sizeof seen);
    while (got < want) {
        struct pollfd p = {aero_queue_fd(q), POLLIN, 0};
        assert_int_equal(poll(&p, 1, 5000), 1);
        size_t n = 0;
        assert_int_equal(aero_queue_drain(buf, &n, q, 64, err), AERO_OK);
        const uint8_t *d = aero_buf_data(buf);
        const uint8_t *at = d + ((d[0] & 0xf0) == 0x90 ? 1 : 3); /* past the array header */
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(*at, 0x93); /* [token, status, payload] */
            uint64_t token = (uint64_t)mp_int(at + 1);
            const uint8_t *status_at = mp_skip(at + 1);
            aero_status status = (aero_status)mp_int(status_at);
            assert_true(token >= first && token < first + want);
            assert_int_equal(seen[token - first], 0);
            seen[token - first] = 1;
            if (status == expect) matched++;
            at = mp_skip(mp_skip(status_at));
        }
        assert_ptr_equal(at, d + aero_buf_size(buf));
        got += n;
    }
    return matched;
}

/* The calls without policy are the full calls with NULL policy (and bin names): same records
 * written, same replies, same refusals. */
static void default_calls_match_full_calls(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    size_t klen;
    const uint8_t *key = test_key("dflt", &klen);
    static const uint8_t bins[] = {0x81, 0xa1, 'd', 0x05};
    assert_int_equal(aero_client_put_default(client, key, klen, bins, sizeof bins, err), AERO_OK);
    assert_int_equal(aero_client_get(buf, client, key, klen, NULL, 0, NULL, 0, err), AERO_OK);
    size_t n = aero_buf_size(buf);
    uint8_t full[64];
    assert_true(n <= sizeof full);
    memcpy(full, aero_buf_data(buf), n);
    assert_memory_equal(full + n - sizeof bins, bins, sizeof bins);
    assert_int_equal(aero_client_get_default(buf, client, key, klen, err), AERO_OK);
    assert_int_equal(aero_buf_size(buf), n);
    assert_memory_equal(aero_buf_data(buf), full, n);
    assert_int_equal(aero_client_put_default(client, key, klen, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_get_default(buf, client, (const uint8_t *)"\xc1", 1, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_get_default(NULL, client, key, klen, err), AERO_ERR_PARAM);

    aero_queue *q = NULL;
    assert_int_equal(aero_queue_new(&q, client, err), AERO_OK);
    assert_int_equal(aero_client_put_default_async(client, q, 0, key, klen, bins, sizeof bins, err), AERO_OK);
    assert_int_equal(drain_all(q, 0, 1, AERO_OK, buf, err), 1);
    assert_int_equal(aero_client_get_default_async(client, q, 0, key, klen, err), AERO_OK);
    assert_int_equal(drain_all(q, 0, 1, AERO_OK, buf, err), 1);
    assert_int_equal(aero_client_remove(client, key, klen, NULL, 0, err), AERO_OK);
    assert_int_equal(aero_client_get_default_async(client, q, 0, key, klen, err), AERO_OK);
    assert_int_equal(drain_all(q, 0, 1, AERO_ERR_RECORD_NOT_FOUND, buf, err), 1);
    assert_int_equal(aero_client_put_default_async(client, q, 1, key, klen, NULL, 0, err), AERO_ERR_PARAM);
    aero_queue_destroy(q);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void async_commands_complete_once(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    aero_queue *q = NULL;
    assert_int_equal(aero_queue_new(&q, client, err), AERO_OK);
    assert_true(aero_queue_fd(q) >= 0);
    static const uint8_t bins[] = {0x81, 0xa1, 'v', 0x2a};
    char name[16];
    size_t klen;
    for (uint64_t t = 0; t < 100; t++) {
        snprintf(name, sizeof name, "a%llu", (unsigned long long)t);
        const uint8_t *key = test_key(name, &klen);
        assert_int_equal(aero_client_put_async(client, q, t, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    }
    assert_int_equal(drain_all(q, 0, 100, AERO_OK, buf, err), 100);
    for (uint64_t t = 0; t < 100; t++) {
        snprintf(name, sizeof name, "a%llu", (unsigned long long)t);
        const uint8_t *key = test_key(name, &klen);
        assert_int_equal(aero_client_remove_async(client, q, t, key, klen, NULL, 0, err), AERO_OK);
    }
    assert_int_equal(drain_all(q, 0, 100, AERO_OK, buf, err), 100);
    /* Every record is gone now: each get completes with "not found". */
    for (uint64_t t = 0; t < 50; t++) {
        snprintf(name, sizeof name, "a%llu", (unsigned long long)t);
        const uint8_t *key = test_key(name, &klen);
        assert_int_equal(aero_client_get_async(client, q, t, key, klen, NULL, 0, NULL, 0, err), AERO_OK);
    }
    assert_int_equal(drain_all(q, 0, 50, AERO_ERR_RECORD_NOT_FOUND, buf, err), 50);
    /* Bad input is refused at submit, with no completion. */
    assert_int_equal(aero_client_get_async(client, q, 7, (const uint8_t *)"Á", 1, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);
    /* Closing with work in flight completes every command exactly once. */
    for (uint64_t t = 0; t < 200; t++) {
        const uint8_t *key = test_key("inflight", &klen);
        assert_int_equal(aero_client_put_async(client, q, t, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    }
    assert_int_equal(aero_client_close(client, err), AERO_OK);
    size_t ok = drain_all(q, 0, 200, AERO_OK, buf, err);
    assert_true(ok <= 200);
    size_t n = 0;
    assert_int_equal(aero_queue_drain(buf, &n, q, 64, err), AERO_OK);
    assert_int_equal(n, 0);
    const uint8_t *key = test_key("late", &klen);
    assert_int_equal(aero_client_put_async(client, q, 1, key, klen, bins, sizeof bins, NULL, 0, err), AERO_ERR_NOT_CONNECTED);
    aero_queue_destroy(q);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

static void batch_rows_report_one_by_one(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_client *client = connected(err);
    size_t klen;
    const uint8_t *key = test_key("batch1", &klen);
    static const uint8_t bins[] = {0x81, 0xa1, 'v', 0x07};
    assert_int_equal(aero_client_put(client, key, klen, bins, sizeof bins, NULL, 0, err), AERO_OK);
    /* [[key1, READ, nil], [missing, READ, nil]] */
    uint8_t rows[128];
    size_t n = 0;
    rows[n++] = 0x92;
    rows[n++] = 0x93;
    memcpy(rows + n, key, klen), n += klen;
    rows[n++] = AERO_BATCH_READ;
    rows[n++] = 0xc0;
    key = test_key("batch-missing", &klen);
    rows[n++] = 0x93;
    memcpy(rows + n, key, klen), n += klen;
    rows[n++] = AERO_BATCH_READ;
    rows[n++] = 0xc0;
    assert_int_equal(aero_client_batch(buf, client, rows, n, NULL, 0, err), AERO_OK);
    /* [[0, gen, ttl, {"v": 7}, false, digest], [2, 0, ttl, nil, false, digest]] */
    const uint8_t *d = aero_buf_data(buf);
    assert_int_equal(d[0], 0x92);
    assert_int_equal(d[1], 0x96);
    assert_int_equal(mp_int(d + 2), AERO_OK);
    const uint8_t *bins_at = mp_skip(mp_skip(mp_skip(d + 2)));
    assert_memory_equal(bins_at, bins, sizeof bins);
    const uint8_t *second = mp_skip(mp_skip(mp_skip(bins_at)));
    assert_int_equal(*second, 0x96);
    assert_int_equal(mp_int(second + 1), AERO_ERR_RECORD_NOT_FOUND);
    assert_ptr_equal(mp_skip(second), d + aero_buf_size(buf));
    /* The same two keys as one run row, [["test", "ctest", ["batch1", "batch-missing"]], READ,
     * nil], answer the same two results. */
    uint8_t *plain = malloc(aero_buf_size(buf));
    size_t plain_len = aero_buf_size(buf);
    memcpy(plain, d, plain_len);
    n = 0;
    rows[n++] = 0x91;
    rows[n++] = 0x93;
    memcpy(rows + n, key, 12), n += 12; /* the key's array header, namespace and set */
    rows[n++] = 0x92;
    static const char *const user_keys[] = {"batch1", "batch-missing"};
    for (int i = 0; i < 2; i++) {
        rows[n++] = (uint8_t)(0xa0 | strlen(user_keys[i]));
        memcpy(rows + n, user_keys[i], strlen(user_keys[i])), n += strlen(user_keys[i]);
    }
    rows[n++] = AERO_BATCH_READ;
    rows[n++] = 0xc0;
    assert_int_equal(aero_client_batch(buf, client, rows, n, NULL, 0, err), AERO_OK);
    assert_int_equal(aero_buf_size(buf), plain_len);
    assert_memory_equal(aero_buf_data(buf), plain, plain_len);
    free(plain);
    /* A malformed row fails the call before anything is sent. */
    assert_int_equal(aero_client_batch(buf, client, (const uint8_t *)"\x91\x93\xc0\x00\xc0", 5, NULL, 0, err),
                     AERO_ERR_PARAM);
    aero_client_destroy(client);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
}

pid_t spawn_aero_server(const char *const *args, char *hosts, size_t hosts_size) {
    const char *bin = getenv("AERO_SERVER");
    if (bin == NULL) {
        fprintf(stderr, "AERO_SERVER is not set; skipping the server tests\n");
        return -1;
    }
    const char *argv[16] = {bin, "--port", "0"};
    size_t n = 3;
    for (; args != NULL && *args != NULL && n < 15; args++) argv[n++] = *args;
    argv[n] = NULL;
    int fds[2];
    if (pipe(fds) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    FILE *out = fdopen(fds[0], "r");
    char line[256];
    if (out == NULL || fgets(line, sizeof line, out) == NULL) return -1;
    const char *addr = strstr(line, "listening on ");
    if (addr == NULL) return -1;
    snprintf(hosts, hosts_size, "%s", addr + strlen("listening on "));
    hosts[strcspn(hosts, "\r\n")] = 0;
    return pid;
}

/* Uses $AEROSPIKE_HOST, or starts aero-server on a free port. */
static int start_server(void) {
    const char *host = getenv("AEROSPIKE_HOST");
    if (host != NULL) {
        const char *port = getenv("AEROSPIKE_PORT");
        snprintf(g_hosts, sizeof g_hosts, "%s:%s", host, port ? port : "3000");
        return 0;
    }
    g_server = spawn_aero_server(NULL, g_hosts, sizeof g_hosts);
    return g_server > 0 ? 0 : -1;
}

int run_server_tests(void) {
    if (start_server() != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(put_get_remove_round_trip),
        cmocka_unit_test(policies_and_bad_input),
        cmocka_unit_test(map_op_in_nested_list_context),
        cmocka_unit_test(filter_expression_and_expression_op),
        cmocka_unit_test(scan_pages_and_status),
        cmocka_unit_test(info_and_node_names),
        cmocka_unit_test(async_commands_complete_once),
        cmocka_unit_test(default_calls_match_full_calls),
        cmocka_unit_test(batch_rows_report_one_by_one),
        cmocka_unit_test(udf_register_apply_and_fail),
    };
    int failed = cmocka_run_group_tests_name("server", tests, NULL, NULL);
    if (g_server > 0) {
        kill(g_server, SIGTERM);
        waitpid(g_server, NULL, 0);
    }
    return failed;
}
