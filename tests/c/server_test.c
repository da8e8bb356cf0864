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

/* Starts aero-server on a free port and fills g_hosts from the line it prints. */
static int start_server(void) {
    const char *host = getenv("AEROSPIKE_HOST");
    if (host != NULL) {
        const char *port = getenv("AEROSPIKE_PORT");
        snprintf(g_hosts, sizeof g_hosts, "%s:%s", host, port ? port : "3000");
        return 0;
    }
    const char *bin = getenv("AERO_SERVER");
    if (bin == NULL) {
        fprintf(stderr, "AERO_SERVER is not set; skipping the server tests\n");
        return -1;
    }
    int fds[2];
    if (pipe(fds) != 0) return -1;
    g_server = fork();
    if (g_server == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(bin, bin, "--port", "0", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *out = fdopen(fds[0], "r");
    char line[256];
    if (out == NULL || fgets(line, sizeof line, out) == NULL) return -1;
    const char *addr = strstr(line, "listening on ");
    if (addr == NULL) return -1;
    snprintf(g_hosts, sizeof g_hosts, "%s", addr + strlen("listening on "));
    g_hosts[strcspn(g_hosts, "\r\n")] = 0;
    return 0;
}

int run_server_tests(void) {
    if (start_server() != 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(put_get_remove_round_trip),
        cmocka_unit_test(policies_and_bad_input),
        cmocka_unit_test(info_and_node_names),
    };
    int failed = cmocka_run_group_tests_name("server", tests, NULL, NULL);
    if (g_server > 0) {
        kill(g_server, SIGTERM);
        waitpid(g_server, NULL, 0);
    }
    return failed;
}
