/* A tour of libaero from C, through aero.h alone: connect, write a record, read it back, run a
 * batch, and run one async command on a completion queue watched by the program's own poll()
 * loop.
 *
 * Usage: aero-example [host[:port][,host[:port]...]]
 * Without an argument the seeds come from AEROSPIKE_HOST and AEROSPIKE_PORT (127.0.0.1:3000
 * by default); AEROSPIKE_CLUSTER_NAME, when set, is the expected cluster name.
 *
 * Keys, bins and results cross the ABI as msgpack (see "Msgpack shapes" in aero.h). A real
 * program would use a msgpack library; this one packs and walks the few values it needs by
 * hand, so that it depends on nothing but libaero and libc. */
#define _POSIX_C_SOURCE 200809L

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aero.h>

/* ---- A minimal msgpack writer: appends to a fixed buffer, enough for this program. ---- */

/** An output buffer for the pack_* functions. */
typedef struct {
    uint8_t data[512];
    size_t len;
} packer;

/** Appends one byte (dropped when the buffer is full: the values here are small). */
static void pack_byte(packer *p, uint8_t b) {
    if (p->len < sizeof p->data) p->data[p->len++] = b;
}

/** Appends the low @p bytes bytes of @p v, big-endian as msgpack wants. */
static void pack_be(packer *p, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) pack_byte(p, (uint8_t)(v >> (8 * i)));
}

/** An array header of @p n elements (n < 16). */
static void pack_array(packer *p, unsigned n) { pack_byte(p, (uint8_t)(0x90 | n)); }

/** A map header of @p n pairs (n < 16). */
static void pack_map(packer *p, unsigned n) { pack_byte(p, (uint8_t)(0x80 | n)); }

/** A text string (shorter than 256 bytes). */
static void pack_str(packer *p, const char *s) {
    size_t n = strlen(s);
    if (n < 32) {
        pack_byte(p, (uint8_t)(0xa0 | n));
    } else {
        pack_byte(p, 0xd9);
        pack_byte(p, (uint8_t)n);
    }
    for (size_t i = 0; i < n; i++) pack_byte(p, (uint8_t)s[i]);
}

/** A signed integer, in its shortest form. */
static void pack_int(packer *p, int64_t v) {
    if (v >= 0 && v < 128) {
        pack_byte(p, (uint8_t)v);
    } else if (v >= -32 && v < 0) {
        pack_byte(p, (uint8_t)(int8_t)v);
    } else {
        pack_byte(p, 0xd3);
        pack_be(p, (uint64_t)v, 8);
    }
}

/** The key shape [namespace, set, user_key] with a string user key. */
static void pack_key(packer *p, const char *ns, const char *set, const char *user_key) {
    pack_array(p, 3);
    pack_str(p, ns);
    pack_str(p, set);
    pack_str(p, user_key);
}

/* ---- A minimal msgpack reader: walks the result shapes this program asks for. ---- */

/** A position in a msgpack buffer; @c ok turns false at the first malformed or unexpected
 * value, and every later read then answers zeros. */
typedef struct {
    const uint8_t *at;
    const uint8_t *end;
    bool ok;
} reader;

/** Reads a big-endian number of @p bytes bytes. */
static uint64_t read_be(reader *r, int bytes) {
    if (!r->ok || r->end - r->at < bytes) {
        r->ok = false;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v = v << 8 | *r->at++;
    return v;
}

/** Reads one byte. */
static uint8_t read_byte(reader *r) { return (uint8_t)read_be(r, 1); }

/** Reads an integer of any width. */
static int64_t read_int(reader *r) {
    uint8_t t = read_byte(r);
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return (int8_t)t;
    switch (t) {
    case 0xcc: return (int64_t)read_be(r, 1);
    case 0xcd: return (int64_t)read_be(r, 2);
    case 0xce: return (int64_t)read_be(r, 4);
    case 0xcf: return (int64_t)read_be(r, 8);
    case 0xd0: return (int8_t)read_be(r, 1);
    case 0xd1: return (int16_t)read_be(r, 2);
    case 0xd2: return (int32_t)read_be(r, 4);
    case 0xd3: return (int64_t)read_be(r, 8);
    default: r->ok = false; return 0;
    }
}

/** Reads an array or map header; for a map, the number of pairs. */
static uint32_t read_container(reader *r, bool map) {
    uint8_t t = read_byte(r);
    uint8_t fix = map ? 0x80 : 0x90;
    if ((t & 0xf0) == fix) return t & 0x0f;
    if (t == (map ? 0xde : 0xdc)) return (uint32_t)read_be(r, 2);
    if (t == (map ? 0xdf : 0xdd)) return (uint32_t)read_be(r, 4);
    r->ok = false;
    return 0;
}

/** Reads a str or bin; returns its bytes (not terminated) and their number in @p len. */
static const uint8_t *read_bytes(reader *r, size_t *len) {
    uint8_t t = read_byte(r);
    size_t n;
    if ((t & 0xe0) == 0xa0) n = t & 0x1f;
    else if (t == 0xd9 || t == 0xc4) n = (size_t)read_be(r, 1);
    else if (t == 0xda || t == 0xc5) n = (size_t)read_be(r, 2);
    else if (t == 0xdb || t == 0xc6) n = (size_t)read_be(r, 4);
    else n = 0, r->ok = false;
    if (!r->ok || (size_t)(r->end - r->at) < n) {
        r->ok = false;
        *len = 0;
        return NULL;
    }
    const uint8_t *s = r->at;
    r->at += n;
    *len = n;
    return s;
}

/** Skips one value of any type. */
static void read_skip(reader *r) {
    if (!r->ok || r->at >= r->end) {
        r->ok = false;
        return;
    }
    uint8_t t = *r->at;
    size_t len;
    if (t <= 0x7f || t >= 0xe0 || (t >= 0xcc && t <= 0xd3)) {
        read_int(r);
    } else if (t == 0xc0 || t == 0xc2 || t == 0xc3) {
        r->at++;
    } else if (t == 0xca || t == 0xcb) {
        r->at++;
        read_be(r, t == 0xca ? 4 : 8);
    } else if ((t & 0xe0) == 0xa0 || t == 0xd9 || t == 0xda || t == 0xdb || t == 0xc4 || t == 0xc5 || t == 0xc6) {
        read_bytes(r, &len);
    } else if ((t & 0xf0) == 0x90 || t == 0xdc || t == 0xdd) {
        for (uint32_t n = read_container(r, false); n > 0 && r->ok; n--) read_skip(r);
    } else if ((t & 0xf0) == 0x80 || t == 0xde || t == 0xdf) {
        for (uint32_t n = read_container(r, true); n > 0 && r->ok; n--) read_skip(r), read_skip(r);
    } else {
        r->ok = false; /* ext types: not in the replies this program reads */
    }
}

/** A reader over a result buffer's content. */
static reader reader_of(const aero_buf *buf) {
    reader r = {aero_buf_data(buf), aero_buf_data(buf) + aero_buf_size(buf), true};
    return r;
}

/** Finds the int bin @p name in a bins map; false when it is not there. */
static bool bins_int(reader *r, const char *name, int64_t *value) {
    bool found = false;
    for (uint32_t n = read_container(r, true); n > 0 && r->ok; n--) {
        size_t len;
        const uint8_t *bin = read_bytes(r, &len);
        if (r->ok && len == strlen(name) && memcmp(bin, name, len) == 0 && !found) {
            *value = read_int(r);
            found = r->ok;
        } else {
            read_skip(r);
        }
    }
    return found && r->ok;
}

/* ---- The program. ---- */

/** Reports a failed call with its code, name and in_doubt flag; returns the exit status 1. */
static int fail(const char *what, const aero_error *err) {
    fprintf(stderr, "aero-example: %s failed: %s (%d, %s)%s\n", what, aero_error_message(err),
            aero_error_code(err), aero_status_name(aero_error_code(err)),
            aero_error_in_doubt(err) ? " [in doubt]" : "");
    return 1;
}

/** Reports a result that does not have the documented shape; returns 1. */
static int bad_reply(const char *what) {
    fprintf(stderr, "aero-example: unexpected reply to %s\n", what);
    return 1;
}

/** The seeds: the first argument, else AEROSPIKE_HOST:AEROSPIKE_PORT. */
static void seeds(char *out, size_t size, int argc, char **argv) {
    if (argc > 1) {
        snprintf(out, size, "%s", argv[1]);
        return;
    }
    const char *host = getenv("AEROSPIKE_HOST");
    const char *port = getenv("AEROSPIKE_PORT");
    snprintf(out, size, "%s:%s", host && *host ? host : "127.0.0.1", port && *port ? port : "3000");
}

/** The tour on a connected client: 0 when every step did what aero.h says. */
static int run(aero_client *client, aero_buf *buf, aero_error *err) {
    packer key = {0}, bins = {0};
    pack_key(&key, "test", "example", "c-1");
    pack_map(&bins, 2); /* {"name": "Ada", "visits": 1} */
    pack_str(&bins, "name");
    pack_str(&bins, "Ada");
    pack_str(&bins, "visits");
    pack_int(&bins, 1);

    /* Write, then read back: the record shape is [digest, generation, ttl, bins]. */
    if (aero_client_put(client, key.data, key.len, bins.data, bins.len, NULL, 0, err) != AERO_OK)
        return fail("put", err);
    if (aero_client_get(buf, client, key.data, key.len, NULL, 0, NULL, 0, err) != AERO_OK)
        return fail("get", err);
    reader r = reader_of(buf);
    int64_t visits = 0;
    size_t digest_len = 0;
    if (read_container(&r, false) != 4) return bad_reply("get");
    read_bytes(&r, &digest_len);
    int64_t generation = read_int(&r);
    read_skip(&r); /* ttl */
    if (!bins_int(&r, "visits", &visits) || digest_len != 20 || visits != 1) return bad_reply("get");
    printf("get: generation %lld, visits %lld\n", (long long)generation, (long long)visits);

    /* A batch of three rows: read the record, write a second one, read a missing one. Each row
     * answers [status, generation, ttl, bins, in_doubt, digest]; a missing record fails only
     * its own row. */
    packer rows = {0};
    pack_array(&rows, 3);
    pack_array(&rows, 3);
    pack_key(&rows, "test", "example", "c-1");
    pack_int(&rows, AERO_BATCH_READ);
    pack_byte(&rows, 0xc0); /* nil: every bin */
    pack_array(&rows, 3);
    pack_key(&rows, "test", "example", "c-2");
    pack_int(&rows, AERO_BATCH_WRITE);
    pack_map(&rows, 1);
    pack_str(&rows, "visits");
    pack_int(&rows, 2);
    pack_array(&rows, 3);
    pack_key(&rows, "test", "example", "c-missing");
    pack_int(&rows, AERO_BATCH_READ);
    pack_byte(&rows, 0xc0);
    if (aero_client_batch(buf, client, rows.data, rows.len, NULL, 0, err) != AERO_OK) return fail("batch", err);
    r = reader_of(buf);
    const aero_status expected[3] = {AERO_OK, AERO_OK, AERO_ERR_RECORD_NOT_FOUND};
    if (read_container(&r, false) != 3) return bad_reply("batch");
    for (int i = 0; i < 3; i++) {
        if (read_container(&r, false) != 6) return bad_reply("batch");
        aero_status status = (aero_status)read_int(&r);
        for (int field = 1; field < 6; field++) read_skip(&r);
        if (!r.ok || status != expected[i]) return bad_reply("batch");
        printf("batch row %d: %s\n", i, aero_status_name(status));
    }

    /* One async get: submit it with a token, then wait on the queue's fd with poll() (any
     * event loop could watch it instead) and drain the completions, [token, status, payload]
     * each. */
    aero_queue *queue = NULL;
    if (aero_queue_new(&queue, client, err) != AERO_OK) return fail("queue", err);
    packer key2 = {0};
    pack_key(&key2, "test", "example", "c-2");
    const uint64_t token = 42;
    if (aero_client_get_async(client, queue, token, key2.data, key2.len, NULL, 0, NULL, 0, err) != AERO_OK) {
        aero_queue_destroy(queue);
        return fail("get_async", err);
    }
    int rc = 1;
    size_t count = 0;
    while (count == 0) {
        struct pollfd pfd = {.fd = aero_queue_fd(queue), .events = POLLIN};
        int ready = poll(&pfd, 1, 5000);
        if (ready <= 0) {
            fprintf(stderr, "aero-example: no completion within 5 s\n");
            goto done;
        }
        if (aero_queue_drain(buf, &count, queue, 16, err) != AERO_OK) {
            rc = fail("drain", err);
            goto done;
        }
    }
    r = reader_of(buf);
    if (count != 1 || read_container(&r, false) != 1 || read_container(&r, false) != 3) {
        rc = bad_reply("get_async");
        goto done;
    }
    uint64_t got_token = (uint64_t)read_int(&r);
    aero_status status = (aero_status)read_int(&r);
    if (!r.ok || got_token != token || status != AERO_OK) {
        rc = bad_reply("get_async");
        goto done;
    }
    /* The payload is the record shape, as aero_client_get() gives it. */
    if (read_container(&r, false) != 4) {
        rc = bad_reply("get_async");
        goto done;
    }
    read_skip(&r), read_skip(&r), read_skip(&r);
    if (!bins_int(&r, "visits", &visits) || visits != 2) {
        rc = bad_reply("get_async");
        goto done;
    }
    printf("get_async: token %llu, visits %lld\n", (unsigned long long)got_token, (long long)visits);

    /* Clean up the two records. */
    if (aero_client_remove(client, key.data, key.len, NULL, 0, err) != AERO_OK ||
        aero_client_remove(client, key2.data, key2.len, NULL, 0, err) != AERO_OK) {
        rc = fail("remove", err);
        goto done;
    }
    rc = 0;
done:
    aero_queue_destroy(queue);
    return rc;
}

int main(int argc, char **argv) {
    char hosts[256];
    seeds(hosts, sizeof hosts, argc, argv);
    printf("libaero %s (ABI %d), seeds %s\n", aero_version_str(), aero_abi_version(), hosts);
    if (aero_abi_version() != AERO_ABI_VERSION) {
        fprintf(stderr, "aero-example: built for ABI %d, linked with %d\n", AERO_ABI_VERSION, aero_abi_version());
        return 1;
    }

    aero_error *err = aero_error_new();
    aero_buf *buf = aero_buf_new();
    aero_config *config = NULL;
    aero_client *client = NULL;
    int rc = 1;
    if (err == NULL || buf == NULL) goto out;
    if (aero_config_new(&config, err) != AERO_OK || aero_config_set(config, "hosts", hosts, err) != AERO_OK) {
        rc = fail("config", err);
        goto out;
    }
    const char *cluster = getenv("AEROSPIKE_CLUSTER_NAME");
    if (cluster != NULL && *cluster && aero_config_set(config, "cluster_name", cluster, err) != AERO_OK) {
        rc = fail("config", err);
        goto out;
    }
    if (aero_client_new(&client, config, err) != AERO_OK) {
        rc = fail("client", err);
        goto out;
    }
    if (aero_client_connect(client, err) != AERO_OK) {
        rc = fail("connect", err);
        goto out;
    }
    rc = run(client, buf, err);
    if (aero_client_close(client, err) != AERO_OK && rc == 0) rc = fail("close", err);
out:
    aero_client_destroy(client);
    aero_config_destroy(config);
    aero_buf_destroy(buf);
    aero_error_destroy(err);
    if (rc == 0) printf("ok\n");
    return rc;
}
