#include "core/net/timer_lanes.h"

#include <algorithm>

namespace aero::net {

void TimerLanes::arm(Entry& e, uint64_t timeout_ms, void (*fire)(Entry&)) {
    disarm(e);
    if (closed_) return;
    if (!ready_) {
        uv_timer_init(loop_, &timer_);
        timer_.data = this;
        ready_ = true;
    }
    timeout_ms = std::max<uint64_t>(timeout_ms, 1);
    Lane& lane = lane_for(timeout_ms);
    e.fire = fire;
    e.at_ms = uv_now(loop_) + timeout_ms;
    e.lane = &lane;
    e.next = nullptr;
    e.prev = lane.tail;
    if (lane.tail != nullptr) lane.tail->next = &e;
    else lane.head = &e;
    lane.tail = &e;
    if (!firing_ && e.at_ms < due_ms_) schedule(e.at_ms);
}

void TimerLanes::disarm(Entry& e) {
    Lane* lane = e.lane;
    if (lane == nullptr) return;
    if (e.prev != nullptr) e.prev->next = e.next;
    else lane->head = e.next;
    if (e.next != nullptr) e.next->prev = e.prev;
    else lane->tail = e.prev;
    e.prev = e.next = nullptr;
    e.lane = nullptr;
}

void TimerLanes::close() {
    if (ready_ && !closed_) uv_close(reinterpret_cast<uv_handle_t*>(&timer_), nullptr);
    closed_ = true;
}

TimerLanes::Lane& TimerLanes::lane_for(uint64_t timeout_ms) {
    for (auto& lane : lanes_)
        if (lane->timeout_ms == timeout_ms) return *lane;
    if (spare_.empty()) spare_.push_back(std::make_unique<Lane>());
    lanes_.push_back(std::move(spare_.back()));
    spare_.pop_back();
    lanes_.back()->timeout_ms = timeout_ms;
    return *lanes_.back();
}

void TimerLanes::schedule(uint64_t at_ms) {
    uint64_t now = uv_now(loop_);
    due_ms_ = at_ms;
    uv_timer_start(&timer_, on_timer, at_ms > now ? at_ms - now : 0, 0);
}

void TimerLanes::on_timer(uv_timer_t* t) { static_cast<TimerLanes*>(t->data)->fire_due(); }

void TimerLanes::fire_due() {
    firing_ = true;
    due_ms_ = UINT64_MAX;
    const uint64_t now = uv_now(loop_);
    // By index: a callback may add a lane. What it arms is due after now (timeouts are at
    // least 1 ms), so this pass ends.
    for (size_t i = 0; i < lanes_.size() && !closed_; i++) {
        for (Entry* e = lanes_[i]->head; e != nullptr && e->at_ms <= now; e = lanes_[i]->head) {
            disarm(*e);
            e->fire(*e);
        }
    }
    firing_ = false;
    if (closed_) return;
    // Emptied lanes are set aside for reuse; the earliest head left sets the timer.
    uint64_t first = UINT64_MAX;
    size_t kept = 0;
    for (size_t i = 0; i < lanes_.size(); i++) {
        if (lanes_[i]->head == nullptr) {
            spare_.push_back(std::move(lanes_[i]));
            continue;
        }
        first = std::min(first, lanes_[i]->head->at_ms);
        lanes_[kept++] = std::move(lanes_[i]);
    }
    lanes_.resize(kept);
    if (first != UINT64_MAX) schedule(first);
}

}  // namespace aero::net
