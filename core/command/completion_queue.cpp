#include "core/command/completion_queue.h"

#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;

bool CompletionQueue::push(uint64_t token, int status, const uint8_t* payload, size_t len) {
    std::lock_guard lock(mu_);
    entries_.push_back(Entry{token, status, bytes_.size(), len});
    proto::put_bytes(bytes_, payload, len);
    if (signalled_ || wake_due_) return false;
    wake_due_ = true;
    return true;
}

void CompletionQueue::wake() {
    std::lock_guard lock(mu_);
    wake_due_ = false;
    if (!signalled_ && head_ < entries_.size()) {
        signalled_ = true;
        wakeup_.signal();
    }
}

size_t CompletionQueue::drain(proto::Buffer& out, size_t max) {
    out.clear();
    std::lock_guard lock(mu_);
    wakeup_.clear();
    size_t n = std::min(max, entries_.size() - head_);
    mp::pack_array_header(out, uint32_t(n));
    for (size_t i = 0; i < n; i++) {
        const Entry& e = entries_[head_ + i];
        mp::pack_array_header(out, 3);
        mp::pack_uint(out, e.token);
        mp::pack_int(out, e.status);
        proto::put_bytes(out, bytes_.data() + e.offset, e.len);
    }
    head_ += n;
    if (head_ == entries_.size()) {
        // Everything is out: reset the storage (keeping its capacity) and re-arm the wake-up.
        entries_.clear();
        bytes_.clear();
        head_ = 0;
        signalled_ = false;
    } else {
        // More is waiting: keep the fd readable so the host comes back. A host that drains a
        // little at a time may never find the queue empty, so once the drained entries are
        // at least as many as those waiting, they are dropped: moving the waiting ones costs
        // no more than the drains since the last time.
        if (head_ >= entries_.size() - head_) compact();
        wakeup_.signal();
    }
    return n;
}

void CompletionQueue::compact() {
    size_t base = entries_[head_].offset;
    bytes_.erase(bytes_.begin(), bytes_.begin() + std::ptrdiff_t(base));
    entries_.erase(entries_.begin(), entries_.begin() + std::ptrdiff_t(head_));
    for (Entry& e : entries_) e.offset -= base;
    head_ = 0;
}

}  // namespace aero
