#include "core/command/metrics.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "core/proto/msgpack.h"

namespace aero::metrics {

namespace mp = proto::msgpack;

namespace {

// A series' labels in fixed storage, so that looking one up builds nothing on the heap, and
// its hash, computed once per record().
struct SeriesKey {
    char op[kMaxOpName + 1] = {};
    char ns[kMaxNamespace + 1] = {};
    char set[kMaxSet + 1] = {};
    int32_t code = 0;
    int32_t pad = 0;  // zero, so that every byte before `hash` is defined
    uint64_t hash = 0;

    bool operator==(const SeriesKey& o) const { return std::memcmp(this, &o, sizeof *this) == 0; }

    // Mixes the labels 8 bytes at a time (zero-padded, so equal keys hash equally).
    void seal() {
        uint64_t h = 1469598103934665603ull;
        const auto* p = reinterpret_cast<const uint8_t*>(this);
        for (size_t at = 0; at < offsetof(SeriesKey, hash); at += 8) {
            uint64_t w;
            std::memcpy(&w, p + at, 8);
            h = (h ^ w) * 0x9E3779B97F4A7C15ull;
            h ^= h >> 29;
        }
        hash = h;
    }
};
static_assert(offsetof(SeriesKey, hash) % 8 == 0 && sizeof(SeriesKey) == offsetof(SeriesKey, hash) + 8,
              "SeriesKey must have no padding the hash or equality would read");

struct SeriesHash {
    size_t operator()(const SeriesKey& k) const { return size_t(k.hash); }
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
    key.seal();
    double seconds = std::chrono::duration<double>(took).count();
    Stripe& stripe = g_stripes[(key.hash >> 32) % kStripes];
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
