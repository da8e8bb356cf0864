/* aero_client_admin through the C ABI: against a secured aero-server of its own (round trips
 * and bad requests), and against a server without security (51, as Community answers). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "aero.h"
#include "test_util.h"

static char g_secured[128];
static char g_plain[128];

/* A small msgpack writer for the requests: short strings, maps and arrays, small ints. */
typedef struct {
    uint8_t data[512];
    size_t len;
} packer;

static void put_str(packer *p, const char *s) {
    size_t n = strlen(s);
    p->data[p->len++] = (uint8_t)(0xa0 | n);
    memcpy(p->data + p->len, s, n);
    p->len += n;
}
static void put_map(packer *p, uint8_t n) { p->data[p->len++] = (uint8_t)(0x80 | n); }
static void put_array(packer *p, uint8_t n) { p->data[p->len++] = (uint8_t)(0x90 | n); }
static void put_small_int(packer *p, uint8_t v) { p->data[p->len++] = v; }

static aero_client *login(const char *hosts, const char *user, const char *password, aero_error *err) {
    aero_client *client = NULL;
    aero_config *cfg = NULL;
    assert_int_equal(aero_config_new(&cfg, err), AERO_OK);
    assert_int_equal(aero_config_set(cfg, "hosts", hosts, err), AERO_OK);
    if (user != NULL) {
        assert_int_equal(aero_config_set(cfg, "user", user, err), AERO_OK);
        assert_int_equal(aero_config_set(cfg, "password", password, err), AERO_OK);
    }
    assert_int_equal(aero_client_new(&client, cfg, err), AERO_OK);
    aero_config_destroy(cfg);
    assert_int_equal(aero_client_connect(client, err), AERO_OK);
    return client;
}

static aero_status admin(aero_client *client, const packer *p, aero_buf *out, aero_error *err) {
    return aero_client_admin(out, client, p->data, p->len, NULL, 0, err);
}

static void users_and_roles_round_trip(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *out = aero_buf_new();
    aero_client *client = login(g_secured, "root", "pw", err);

    packer create = {.len = 0};
    put_map(&create, 4);
    put_str(&create, "command"), put_str(&create, "create_user");
    put_str(&create, "user"), put_str(&create, "carol");
    put_str(&create, "password"), put_str(&create, "pw2");
    put_str(&create, "roles"), put_array(&create, 1), put_str(&create, "read");
    assert_int_equal(admin(client, &create, out, err), AERO_OK);
    assert_int_equal(aero_buf_data(out)[0], 0xc0); /* nil */
    assert_int_equal(admin(client, &create, out, err), 61); /* USER_ALREADY_EXISTS */

    packer query = {.len = 0};
    put_map(&query, 2);
    put_str(&query, "command"), put_str(&query, "query_users");
    put_str(&query, "user"), put_str(&query, "carol");
    assert_int_equal(admin(client, &query, out, err), AERO_OK);
    assert_int_equal(aero_buf_data(out)[0], 0x91); /* one user */
    assert_non_null(memmem(aero_buf_data(out), aero_buf_size(out), "carol", 5));

    packer role = {.len = 0};
    put_map(&role, 3);
    put_str(&role, "command"), put_str(&role, "create_role");
    put_str(&role, "role"), put_str(&role, "reader");
    put_str(&role, "privileges"), put_array(&role, 1), put_map(&role, 2);
    put_str(&role, "code"), put_small_int(&role, AERO_PRIV_READ);
    put_str(&role, "ns"), put_str(&role, "test");
    assert_int_equal(admin(client, &role, out, err), AERO_OK);

    packer drop = {.len = 0};
    put_map(&drop, 2);
    put_str(&drop, "command"), put_str(&drop, "drop_user");
    put_str(&drop, "user"), put_str(&drop, "carol");
    assert_int_equal(admin(client, &drop, out, err), AERO_OK);
    assert_int_equal(admin(client, &query, out, err), 60); /* INVALID_USER */

    aero_client_destroy(client);
    aero_buf_destroy(out);
    aero_error_destroy(err);
}

static void bad_requests_are_param_errors(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *out = aero_buf_new();
    aero_client *client = login(g_secured, "root", "pw", err);

    packer unknown = {.len = 0};
    put_map(&unknown, 1);
    put_str(&unknown, "command"), put_str(&unknown, "launch");
    assert_int_equal(admin(client, &unknown, out, err), AERO_ERR_PARAM);
    assert_non_null(strstr(aero_error_message(err), "unknown command"));

    packer scoped_global = {.len = 0};
    put_map(&scoped_global, 3);
    put_str(&scoped_global, "command"), put_str(&scoped_global, "create_role");
    put_str(&scoped_global, "role"), put_str(&scoped_global, "bad");
    put_str(&scoped_global, "privileges"), put_array(&scoped_global, 1), put_map(&scoped_global, 2);
    put_str(&scoped_global, "code"), put_small_int(&scoped_global, AERO_PRIV_SYS_ADMIN);
    put_str(&scoped_global, "ns"), put_str(&scoped_global, "test");
    assert_int_equal(admin(client, &scoped_global, out, err), AERO_ERR_PARAM);

    packer not_a_map = {.len = 0};
    put_array(&not_a_map, 0);
    assert_int_equal(admin(client, &not_a_map, out, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_admin(out, client, NULL, 0, NULL, 0, err), AERO_ERR_PARAM);
    assert_int_equal(aero_client_admin(NULL, client, not_a_map.data, not_a_map.len, NULL, 0, err), AERO_ERR_PARAM);

    assert_int_equal(aero_client_close(client, err), AERO_OK);
    assert_int_equal(admin(client, &unknown, out, err), AERO_ERR_PARAM); /* the request is checked first */
    packer query = {.len = 0};
    put_map(&query, 1);
    put_str(&query, "command"), put_str(&query, "query_roles");
    assert_int_equal(admin(client, &query, out, err), AERO_ERR_NOT_CONNECTED);
    aero_client_destroy(client);
    aero_buf_destroy(out);
    aero_error_destroy(err);
}

static void server_without_security_answers_51(void **state) {
    (void)state;
    aero_error *err = aero_error_new();
    aero_buf *out = aero_buf_new();
    aero_client *client = login(g_plain, NULL, NULL, err);
    packer query = {.len = 0};
    put_map(&query, 1);
    put_str(&query, "command"), put_str(&query, "query_users");
    assert_int_equal(admin(client, &query, out, err), 51); /* SECURITY_NOT_SUPPORTED */
    aero_client_destroy(client);
    aero_buf_destroy(out);
    aero_error_destroy(err);
}

int run_admin_tests(void) {
    const char *secured_args[] = {"--security", "--user", "root:pw", NULL};
    pid_t secured = spawn_aero_server(secured_args, g_secured, sizeof g_secured);
    pid_t plain = spawn_aero_server(NULL, g_plain, sizeof g_plain);
    int failed = 1;
    if (secured > 0 && plain > 0) {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(users_and_roles_round_trip),
            cmocka_unit_test(bad_requests_are_param_errors),
            cmocka_unit_test(server_without_security_answers_51),
        };
        failed = cmocka_run_group_tests_name("admin", tests, NULL, NULL);
    }
    for (int i = 0; i < 2; i++) {
        pid_t pid = i ? plain : secured;
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, NULL, 0);
        }
    }
    return failed;
}
