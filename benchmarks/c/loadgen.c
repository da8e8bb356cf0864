/*
 * aero-loadgen: a load generator on libaero alone (include/aero.h), to show the core's own
 * ceiling next to the Python clients, and, pointed at a server, that server's ceiling here.
 *
 *   aero-loadgen --host H --port P [--cluster-name X] --op put|get --mode sync|async
 *                [--parallel N] [--size small|medium] [--nkeys N] [--warmup S] [--duration S]
 *                [--set KEY=VALUE ...]
 *
 * --set passes any client setting on (aero_config_set, after hosts), e.g. TLS:
 *   --set tls.enable=true --set tls.cafile=ca.pem --set hosts=127.0.0.1:name:4333
 *
 * sync: N threads share one client, each calling aero_client_put/get in a loop.
 * async: one thread keeps N commands in flight on one aero_queue, waiting on its fd with poll()
 *        and draining completions in batches.
 * Keys and records are those of benchmarks/workloads.py (set bench_<size>, user key k%07d).
 * Prints one JSON line with the figures of benchmarks/measure.py, latencies in the log-bucketed
 * histogram of benchmarks/histogram.py (same bucket indexes).
 */
#define _GNU_SOURCE
#include <aero.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* ---- histogram (benchmarks/histogram.py) ---- */
#define SUB_BITS 5
#define HALF (1 << (SUB_BITS - 1))
#define BUCKETS (40 * HALF + (1 << SUB_BITS))

typedef struct {
    uint64_t counts[BUCKETS];
} histogram;

static void hist_record(histogram *h, uint64_t v) {
    size_t index;
    if (v < (1u << SUB_BITS)) {
        index = (size_t)v;
    } else {
        int shift = (64 - __builtin_clzll(v)) - SUB_BITS;
        index = (size_t)shift * HALF + (size_t)(v >> shift);
        if (index >= BUCKETS) index = BUCKETS - 1;
    }
    h->counts[index]++;
}

static double bucket_value(size_t index) {
    if (index < (1u << SUB_BITS)) return (double)index;
    int shift = (int)(index >> (SUB_BITS - 1)) - 1;
    uint64_t mantissa = index - (uint64_t)shift * HALF;
    double low = (double)(mantissa << shift), high = (double)(((mantissa + 1) << shift) - 1);
    return (low + high) / 2.0;
}

static double hist_percentile(const histogram *h, double pct) {
    uint64_t total = 0, seen = 0;
    for (size_t i = 0; i < BUCKETS; i++) total += h->counts[i];
    if (total == 0) return 0.0;
    uint64_t rank = (uint64_t)((double)total * pct / 100.0);
    if ((double)rank < (double)total * pct / 100.0) rank++;
    if (rank < 1) rank = 1;
    for (size_t i = 0; i < BUCKETS; i++) {
        seen += h->counts[i];
        if (seen >= rank) return bucket_value(i);
    }
    return bucket_value(BUCKETS - 1);
}

/* ---- msgpack writing (keys and bins) ---- */
typedef struct {
    uint8_t *p;
    size_t len, cap;
} wbuf;

static void put_bytes(wbuf *b, const void *data, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}
static void put_u8(wbuf *b, uint8_t v) { put_bytes(b, &v, 1); }
static void put_be(wbuf *b, uint64_t v, int n) {
    for (int i = n - 1; i >= 0; i--) put_u8(b, (uint8_t)(v >> (8 * i)));
}
static void put_str(wbuf *b, const char *s) {
    size_t n = strlen(s);
    if (n < 32) put_u8(b, (uint8_t)(0xa0 | n));
    else if (n < 256) { put_u8(b, 0xd9); put_u8(b, (uint8_t)n); }
    else { put_u8(b, 0xda); put_be(b, n, 2); }
    put_bytes(b, s, n);
}
static void put_int(wbuf *b, int64_t v) {
    if (v >= 0 && v < 128) put_u8(b, (uint8_t)v);
    else { put_u8(b, 0xd3); put_be(b, (uint64_t)v, 8); }
}
static void put_double(wbuf *b, double d) {
    uint64_t bits;
    memcpy(&bits, &d, 8);
    put_u8(b, 0xcb);
    put_be(b, bits, 8);
}

/* The record of benchmarks/workloads.py: record(index, size). */
static void encode_record(wbuf *b, long index, int medium) {
    char text[256];
    put_u8(b, medium ? 0xde : 0x83);
    if (medium) put_be(b, 30, 2);
    put_str(b, "i"); put_int(b, index);
    put_str(b, "s"); snprintf(text, sizeof text, "user-%08ld", index); put_str(b, text);
    put_str(b, "f"); put_double(b, (double)index * 0.5);
    for (int j = 0; medium && j < 9; j++) {
        char name[8], seg[32];
        snprintf(name, sizeof name, "n%d", j); put_str(b, name); put_int(b, index + j);
        snprintf(name, sizeof name, "g%d", j); put_str(b, name); put_double(b, (double)(index + j) * 0.25);
        int seglen = snprintf(seg, sizeof seg, "%d:%08ld-", j, index);
        size_t n = 0;
        while (n < 200) {
            size_t take = (size_t)seglen < 200 - n ? (size_t)seglen : 200 - n;
            memcpy(text + n, seg, take);
            n += take;
        }
        text[200] = '\0';
        snprintf(name, sizeof name, "t%d", j); put_str(b, name); put_str(b, text);
    }
}

/* ---- msgpack reading (completion batches) ---- */
typedef struct {
    const uint8_t *p, *end;
} rbuf;

static uint64_t get_be(rbuf *r, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n && r->p < r->end; i++) v = (v << 8) | *r->p++;
    return v;
}

/* Reads an integer (any msgpack int form). */
static int64_t read_int(rbuf *r) {
    uint8_t t = *r->p++;
    if (t < 0x80) return t;
    if (t >= 0xe0) return (int8_t)t;
    switch (t) {
    case 0xcc: return (int64_t)get_be(r, 1);
    case 0xcd: return (int64_t)get_be(r, 2);
    case 0xce: return (int64_t)get_be(r, 4);
    case 0xcf: return (int64_t)get_be(r, 8);
    case 0xd0: return (int8_t)get_be(r, 1);
    case 0xd1: return (int16_t)get_be(r, 2);
    case 0xd2: return (int32_t)get_be(r, 4);
    case 0xd3: return (int64_t)get_be(r, 8);
    default: return 0;
    }
}

/* Reads an array or map header; returns the element count (pairs count double for maps). */
static uint64_t read_container(rbuf *r, int *is_map) {
    uint8_t t = *r->p++;
    *is_map = 0;
    if ((t & 0xf0) == 0x90) return t & 0x0f;
    if ((t & 0xf0) == 0x80) { *is_map = 1; return t & 0x0f; }
    if (t == 0xdc) return get_be(r, 2);
    if (t == 0xdd) return get_be(r, 4);
    if (t == 0xde) { *is_map = 1; return get_be(r, 2); }
    if (t == 0xdf) { *is_map = 1; return get_be(r, 4); }
    return 0;
}

static void skip(rbuf *r) {
    uint8_t t = *r->p;
    if (t < 0x80 || t >= 0xe0 || t == 0xc0 || t == 0xc2 || t == 0xc3) { r->p++; return; }
    if ((t & 0xe0) == 0xa0) { r->p += 1 + (t & 0x1f); return; }
    if ((t & 0xf0) == 0x90 || (t & 0xf0) == 0x80 || t == 0xdc || t == 0xdd || t == 0xde || t == 0xdf) {
        int is_map;
        uint64_t n = read_container(r, &is_map);
        for (uint64_t i = 0; i < n * (is_map ? 2 : 1); i++) skip(r);
        return;
    }
    r->p++;
    switch (t) {
    case 0xcc: case 0xd0: r->p += 1; break;
    case 0xcd: case 0xd1: r->p += 2; break;
    case 0xce: case 0xd2: case 0xca: r->p += 4; break;
    case 0xcf: case 0xd3: case 0xcb: r->p += 8; break;
    case 0xd9: case 0xc4: r->p += get_be(r, 1); break;
    case 0xda: case 0xc5: r->p += get_be(r, 2); break;
    case 0xdb: case 0xc6: r->p += get_be(r, 4); break;
    case 0xd4: r->p += 2; break;
    case 0xd5: r->p += 3; break;
    case 0xd6: r->p += 5; break;
    case 0xd7: r->p += 9; break;
    case 0xd8: r->p += 17; break;
    case 0xc7: r->p += 1 + get_be(r, 1); break;
    case 0xc8: r->p += 1 + get_be(r, 2); break;
    case 0xc9: r->p += 1 + get_be(r, 4); break;
    default: break;
    }
}

/* ---- the run ---- */
typedef struct {
    const char *host, *cluster_name, *op, *mode, *size;
    int port, parallel;
    long nkeys;
    double warmup, duration;
    const char *settings[16];
    int nsettings;
} options;

static wbuf *g_keys, *g_bins;
static aero_client *g_client;
static options g_opt;
static _Atomic uint64_t g_start = UINT64_MAX, g_end = UINT64_MAX;
static atomic_int g_stop;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static void sleep_s(double s) {
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

typedef struct {
    histogram hist;
    uint64_t ops, errors;
    int worker;
    char first_error[200];
} thread_state;

static int is_put(void) { return strcmp(g_opt.op, "put") == 0; }

static void note_error(thread_state *st, aero_status s, aero_error *err) {
    if (st->errors++ == 0)
        snprintf(st->first_error, sizeof st->first_error, "%s: %s", aero_status_name(s), err ? aero_error_message(err) : "");
    for (char *c = st->first_error; *c; c++)
        if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20) *c = '\'';  /* stays valid JSON */
}

static void *sync_thread(void *arg) {
    thread_state *st = arg;
    aero_buf *out = aero_buf_new();
    aero_error *err = aero_error_new();
    long index = st->worker * g_opt.nkeys / g_opt.parallel;
    while (!atomic_load(&g_stop)) {
        long i = index++ % g_opt.nkeys;
        uint64_t t0 = now_ns();
        aero_status s = is_put()
            ? aero_client_put(g_client, g_keys[i].p, g_keys[i].len, g_bins[i].p, g_bins[i].len, NULL, 0, err)
            : aero_client_get(out, g_client, g_keys[i].p, g_keys[i].len, NULL, 0, NULL, 0, err);
        uint64_t t1 = now_ns();
        if (s != AERO_OK) { note_error(st, s, err); continue; }
        if (t0 >= atomic_load(&g_start) && t1 <= atomic_load(&g_end)) {
            hist_record(&st->hist, t1 - t0);
            st->ops++;
        }
    }
    aero_buf_destroy(out);
    aero_error_destroy(err);
    return NULL;
}

static double g_cpu0, g_cpu1;

static void run_sync(thread_state *states) {
    pthread_t *threads = calloc((size_t)g_opt.parallel, sizeof *threads);
    for (int t = 0; t < g_opt.parallel; t++) pthread_create(&threads[t], NULL, sync_thread, &states[t]);
    sleep_s(g_opt.warmup);
    g_cpu0 = cpu_seconds();
    atomic_store(&g_start, now_ns());
    sleep_s(g_opt.duration);
    atomic_store(&g_end, now_ns());
    g_cpu1 = cpu_seconds();
    atomic_store(&g_stop, 1);
    for (int t = 0; t < g_opt.parallel; t++) pthread_join(threads[t], NULL);
    free(threads);
}

/* Submits the command of slot @p slot for key index @p i; returns its status. */
static aero_status submit(aero_queue *q, int slot, long i, aero_error *err) {
    return is_put()
        ? aero_client_put_async(g_client, q, (uint64_t)slot, g_keys[i].p, g_keys[i].len, g_bins[i].p, g_bins[i].len, NULL, 0, err)
        : aero_client_get_async(g_client, q, (uint64_t)slot, g_keys[i].p, g_keys[i].len, NULL, 0, NULL, 0, err);
}

static void run_async(thread_state *st) {
    aero_error *err = aero_error_new();
    aero_buf *out = aero_buf_new();
    aero_queue *q = NULL;
    if (aero_queue_new(&q, g_client, err) != AERO_OK) {
        note_error(st, aero_error_code(err), err);
        return;
    }
    int n = g_opt.parallel, in_flight = 0;
    uint64_t *started = calloc((size_t)n, sizeof *started);
    long *cursor = calloc((size_t)n, sizeof *cursor);
    for (int s = 0; s < n; s++) {
        cursor[s] = (long)s * g_opt.nkeys / n;
        started[s] = now_ns();
        aero_status rc = submit(q, s, cursor[s]++ % g_opt.nkeys, err);
        if (rc == AERO_OK) in_flight++; else note_error(st, rc, err);
    }
    uint64_t open_at = now_ns() + (uint64_t)(g_opt.warmup * 1e9), close_at = UINT64_MAX;
    struct pollfd pfd = {.fd = aero_queue_fd(q), .events = POLLIN};
    while (in_flight > 0) {
        uint64_t now = now_ns();
        if (now >= open_at && atomic_load(&g_start) == UINT64_MAX) {
            g_cpu0 = cpu_seconds();
            atomic_store(&g_start, now);
            close_at = now + (uint64_t)(g_opt.duration * 1e9);
        }
        if (now >= close_at && !atomic_load(&g_stop)) {
            atomic_store(&g_end, now);
            g_cpu1 = cpu_seconds();
            atomic_store(&g_stop, 1);
        }
        if (poll(&pfd, 1, 10) <= 0) continue;
        size_t count = 0;
        if (aero_queue_drain(out, &count, q, 1024, err) != AERO_OK) { note_error(st, aero_error_code(err), err); break; }
        rbuf r = {aero_buf_data(out), aero_buf_data(out) + aero_buf_size(out)};
        int is_map;
        uint64_t items = read_container(&r, &is_map);
        uint64_t t1 = now_ns();
        for (uint64_t k = 0; k < items; k++) {
            read_container(&r, &is_map);
            int slot = (int)read_int(&r);
            aero_status status = (aero_status)read_int(&r);
            skip(&r);
            in_flight--;
            if (status != AERO_OK) note_error(st, status, NULL);
            else if (started[slot] >= atomic_load(&g_start) && t1 <= atomic_load(&g_end)) {
                hist_record(&st->hist, t1 - started[slot]);
                st->ops++;
            }
            if (!atomic_load(&g_stop)) {
                started[slot] = now_ns();
                aero_status rc = submit(q, slot, cursor[slot]++ % g_opt.nkeys, err);
                if (rc == AERO_OK) in_flight++; else note_error(st, rc, err);
            }
        }
    }
    free(started);
    free(cursor);
    aero_queue_destroy(q);
    aero_buf_destroy(out);
    aero_error_destroy(err);
}

static void print_json(thread_state *states, int nstates) {
    histogram *total = calloc(1, sizeof *total);
    uint64_t ops = 0, errors = 0;
    const char *first_error = "";
    for (int t = 0; t < nstates; t++) {
        for (size_t i = 0; i < BUCKETS; i++) total->counts[i] += states[t].hist.counts[i];
        ops += states[t].ops;
        errors += states[t].errors;
        if (!*first_error && states[t].errors) first_error = states[t].first_error;
    }
    double seconds = (double)(atomic_load(&g_end) - atomic_load(&g_start)) / 1e9, cpu = g_cpu1 - g_cpu0;
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    if (ops == 0 || errors > 0) {
        printf("{\"status\": \"error\", \"error\": \"%llu errors, %llu ops; first: %s\", \"client_version\": \"%s\"}\n",
               (unsigned long long)errors, (unsigned long long)ops, first_error, aero_version_str());
        free(total);
        return;
    }
    printf("{\"status\": \"ok\", \"client\": \"libaero-c\", \"client_version\": \"libaero %s\", "
           "\"runs_as\": \"%s\", \"ops\": %llu, \"seconds\": %.4f, \"ops_per_s\": %.1f, \"records_per_s\": %.1f, "
           "\"percentiles_us\": {\"p50\": %.2f, \"p90\": %.2f, \"p99\": %.2f, \"p99_9\": %.2f}, "
           "\"cpu_s\": %.4f, \"cpu_s_per_1k_ops\": %.5f, \"peak_rss_mb\": %.1f, \"hist\": {",
           aero_version_str(), strcmp(g_opt.mode, "sync") == 0 ? "threads" : "aero_queue + poll()",
           (unsigned long long)ops, seconds, (double)ops / seconds, (double)ops / seconds,
           hist_percentile(total, 50) / 1000, hist_percentile(total, 90) / 1000, hist_percentile(total, 99) / 1000,
           hist_percentile(total, 99.9) / 1000, cpu, cpu * 1000.0 / (double)ops, (double)u.ru_maxrss / 1024.0);
    const char *sep = "";
    for (size_t i = 0; i < BUCKETS; i++) {
        if (!total->counts[i]) continue;
        printf("%s\"%zu\": %llu", sep, i, (unsigned long long)total->counts[i]);
        sep = ", ";
    }
    printf("}}\n");
    free(total);
}

/* The --set KEY=VALUE settings, in order; the first refused one stops. */
static aero_status apply_settings(aero_config *cfg, aero_error *err) {
    for (int i = 0; i < g_opt.nsettings; i++) {
        char key[128];
        const char *eq = strchr(g_opt.settings[i], '=');
        snprintf(key, sizeof key, "%.*s", (int)(eq - g_opt.settings[i]), g_opt.settings[i]);
        aero_status s = aero_config_set(cfg, key, eq + 1, err);
        if (s != AERO_OK) return s;
    }
    return AERO_OK;
}

static int usage(void) {
    fprintf(stderr, "usage: aero-loadgen --host H --port P [--cluster-name X] --op put|get --mode sync|async "
                    "[--parallel N] [--size small|medium] [--nkeys N] [--warmup S] [--duration S] "
                    "[--set KEY=VALUE ...]\n");
    return 2;
}

int main(int argc, char **argv) {
    g_opt = (options){"127.0.0.1", NULL, "get", "sync", "small", 3000, 1, 10000, 0.5, 3.0, {NULL}, 0};
    for (int a = 1; a + 1 < argc; a += 2) {
        const char *k = argv[a], *v = argv[a + 1];
        if (!strcmp(k, "--host")) g_opt.host = v;
        else if (!strcmp(k, "--port")) g_opt.port = atoi(v);
        else if (!strcmp(k, "--cluster-name")) g_opt.cluster_name = v;
        else if (!strcmp(k, "--op")) g_opt.op = v;
        else if (!strcmp(k, "--mode")) g_opt.mode = v;
        else if (!strcmp(k, "--parallel")) g_opt.parallel = atoi(v);
        else if (!strcmp(k, "--size")) g_opt.size = v;
        else if (!strcmp(k, "--nkeys")) g_opt.nkeys = atol(v);
        else if (!strcmp(k, "--warmup")) g_opt.warmup = atof(v);
        else if (!strcmp(k, "--duration")) g_opt.duration = atof(v);
        else if (!strcmp(k, "--set") && strchr(v, '=') && g_opt.nsettings < 16) g_opt.settings[g_opt.nsettings++] = v;
        else return usage();
    }
    if ((argc % 2) == 0 || g_opt.parallel < 1 || g_opt.nkeys < 1 || (strcmp(g_opt.op, "put") && strcmp(g_opt.op, "get")) ||
        (strcmp(g_opt.mode, "sync") && strcmp(g_opt.mode, "async")))
        return usage();

    int medium = strcmp(g_opt.size, "medium") == 0;
    char set[32], text[64];
    snprintf(set, sizeof set, "bench_%s", g_opt.size);
    g_keys = calloc((size_t)g_opt.nkeys, sizeof *g_keys);
    g_bins = calloc((size_t)g_opt.nkeys, sizeof *g_bins);
    for (long i = 0; i < g_opt.nkeys; i++) {
        put_u8(&g_keys[i], 0x93);
        put_str(&g_keys[i], "test");
        put_str(&g_keys[i], set);
        snprintf(text, sizeof text, "k%07ld", i);
        put_str(&g_keys[i], text);
        encode_record(&g_bins[i], i, medium);
    }

    aero_error *err = aero_error_new();
    aero_config *cfg = NULL;
    char hosts[300];
    snprintf(hosts, sizeof hosts, strchr(g_opt.host, ':') ? "[%s]:%d" : "%s:%d", g_opt.host, g_opt.port);
    if (aero_config_new(&cfg, err) || aero_config_set(cfg, "hosts", hosts, err) ||
        (g_opt.cluster_name && aero_config_set(cfg, "cluster_name", g_opt.cluster_name, err)) ||
        apply_settings(cfg, err) || aero_client_new(&g_client, cfg, err) || aero_client_connect(g_client, err)) {
        printf("{\"status\": \"error\", \"error\": \"connect: %s\"}\n", aero_error_message(err));
        return 1;
    }
    aero_config_destroy(cfg);

    int nstates = strcmp(g_opt.mode, "sync") == 0 ? g_opt.parallel : 1;
    thread_state *states = calloc((size_t)nstates, sizeof *states);
    for (int t = 0; t < nstates; t++) states[t].worker = t;
    if (nstates == g_opt.parallel && strcmp(g_opt.mode, "sync") == 0) run_sync(states);
    else run_async(states);
    print_json(states, nstates);
    fflush(stdout);

    aero_client_destroy(g_client);
    aero_error_destroy(err);
    return 0;
}
