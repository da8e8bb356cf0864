// The library's log lines, drained by the host; the logic lives in core/log.cpp.
#include "capi/internal.h"
#include "core/log.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

extern "C" {

AERO_EXTERN void aero_log_set_level(int level) { aero::log::set_level(level); }

AERO_EXTERN int aero_log_level(void) { return aero::log::level(); }

AERO_EXTERN aero_status aero_log_drain(aero_buf* out, size_t* count, size_t max, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        if (count == nullptr) return null_arg("count");
        *count = aero::log::drain(out->data, max);
        return Status::ok();
    });
}

AERO_EXTERN uint64_t aero_log_dropped(void) { return aero::log::dropped(); }

AERO_EXTERN int aero_log_fd(void) {
    auto fd = aero::log::fd();
    return fd.is_ok() ? fd.value() : -1;
}

}  // extern "C"
