#include "core/command/metrics.h"

#include <array>
#include <atomic>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "core/proto/msgpack.h"

namespace aero::metrics {

namespace mp = proto::msgpack;

namespace {

// A series' labels in fixed storage, so that looking one up builds nothing on the heap.
struct SeriesKey {
    char op[kMaxOpName + 1] = {};
    char ns[kMaxNamespace + 1] = {};
    char set[kMaxSet + 1] = {};
    int32_t code = 0;

    bool operator==(const SeriesKey& o) const { return std::memcmp(this, &o, sizeof *this) == 0; }
};

struct SeriesHash {
    size_t operator()(const SeriesKey& k) const {
        // FNV-1a over the whole key (zero-padded, so equal keys hash equally).
        const auto* p = reinterpret_cast<const uint8_t*>(&k);
        uint64_t h = 1469598103934665603ull;
        for (size_t i = 0; i < sizeof k; i++) h = (h ^ p[i]) * 1099511628211ull;
        return size_t(h);
    }
};

struct Series {
    uint64_t count = 0;
    double sum = 0;
    std::array<uint64_t, kBuckets + 1> buckets{};
};

// Striped, so that threads recording different series rarely wait for each other.
constexpr size_t kStripes = 8;
struct Stripe {
    std::mutex mu;
    std::unordered_map<SeriesKey, Series, SeriesHash> series;
};
std::array<Stripe, kStripes> g_stripes;
std::atomic<bool> g_enabled{true};

void copy_label(char* to, size_t cap, std::string_view from) {
    size_t n = std::min(cap, from.size());
    if (n > 0) std::memcpy(to, from.data(), n);  // an empty view may hold a null pointer
}

size_t bucket_of(double seconds) {
    size_t i = 0;
    while (i < kBuckets && seconds > kBucketBounds[i]) i++;
    return i;
}

}  // namespace

bool enabled() { return g_enabled.load(std::memory_order_relaxed); }

void set_enabled(bool on) { g_enabled.store(on, std::memory_order_relaxed); }

void record(std::string_view op, std::string_view ns, std::string_view set, int code, Clock::duration took) {
    SeriesKey key;
    copy_label(key.op, kMaxOpName, op);
    copy_label(key.ns, kMaxNamespace, ns);
    copy_label(key.set, kMaxSet, set);
    key.code = code;
    double seconds = std::chrono::duration<double>(took).count();
    Stripe& stripe = g_stripes[SeriesHash()(key) % kStripes];
    std::lock_guard<std::mutex> lock(stripe.mu);
    Series& s = stripe.series[key];
    s.count++;
    s.sum += seconds;
    s.buckets[bucket_of(seconds)]++;
}

void snapshot(proto::Buffer& out) {
    proto::Buffer rows;
    uint32_t n = 0;
    for (Stripe& stripe : g_stripes) {
        std::lock_guard<std::mutex> lock(stripe.mu);
        for (const auto& [key, s] : stripe.series) {
            mp::pack_array_header(rows, 7);
            mp::pack_str(rows, key.op);
            mp::pack_str(rows, key.ns);
            mp::pack_str(rows, key.set);
            mp::pack_int(rows, key.code);
            mp::pack_uint(rows, s.count);
            mp::pack_double(rows, s.sum);
            mp::pack_array_header(rows, uint32_t(s.buckets.size()));
            for (uint64_t b : s.buckets) mp::pack_uint(rows, b);
            n++;
        }
    }
    out.clear();
    mp::pack_array_header(out, n);
    out.insert(out.end(), rows.begin(), rows.end());
}

void reset() {
    for (Stripe& stripe : g_stripes) {
        std::lock_guard<std::mutex> lock(stripe.mu);
        stripe.series.clear();
    }
}

}  // namespace aero::metrics
