#include "core/log.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>

#include "core/net/wakeup.h"
#include "core/proto/msgpack.h"

namespace aero::log {

namespace mp = proto::msgpack;

namespace {

struct Line {
    int level;
    int64_t unix_ms;
    std::string text;
};

std::atomic<int> g_level{kWarn};
std::atomic<uint64_t> g_dropped{0};
std::mutex g_mu;
std::deque<Line> g_lines;
net::Wakeup* g_wakeup = nullptr;  // opened by fd(); lives as long as the process

}  // namespace

int level() { return g_level.load(std::memory_order_relaxed); }

void set_level(int l) { g_level.store(l < kOff ? kOff : l > kTrace ? kTrace : l, std::memory_order_relaxed); }

void write(int l, std::string_view message) {
    if (!enabled(l) || l < kError) return;
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
    std::lock_guard<std::mutex> lock(g_mu);
    if (g_lines.size() >= kCapacity) {
        g_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    g_lines.push_back(Line{l, now, std::string(message)});
    if (g_wakeup != nullptr) g_wakeup->signal();
}

size_t drain(proto::Buffer& out, size_t max) {
    std::lock_guard<std::mutex> lock(g_mu);
    size_t n = std::min(max, g_lines.size());
    out.clear();
    mp::pack_array_header(out, uint32_t(n));
    for (size_t i = 0; i < n; i++) {
        const Line& line = g_lines.front();
        mp::pack_array_header(out, 3);
        mp::pack_int(out, line.level);
        mp::pack_int(out, line.unix_ms);
        mp::pack_str(out, line.text);
        g_lines.pop_front();
    }
    if (g_lines.empty() && g_wakeup != nullptr) g_wakeup->clear();
    return n;
}

uint64_t dropped() { return g_dropped.load(std::memory_order_relaxed); }

Result<int> fd() {
    std::lock_guard<std::mutex> lock(g_mu);
    if (g_wakeup == nullptr) {
        auto* w = new net::Wakeup();
        Status s = w->open();
        if (!s.is_ok()) {
            delete w;
            return s;
        }
        g_wakeup = w;
        if (!g_lines.empty()) g_wakeup->signal();
    }
    return g_wakeup->fd();
}

}  // namespace aero::log
