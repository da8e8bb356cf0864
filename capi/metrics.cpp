// Process-wide operation metrics; the logic lives in core/command/metrics.cpp.
#include "capi/internal.h"
#include "core/command/metrics.h"

using aero::Status;
using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

extern "C" {

AERO_EXTERN void aero_metrics_set_enabled(int enabled) { aero::metrics::set_enabled(enabled != 0); }

AERO_EXTERN int aero_metrics_enabled(void) { return aero::metrics::enabled() ? 1 : 0; }

AERO_EXTERN aero_status aero_metrics_snapshot(aero_buf* out, aero_error* err) {
    return guard_out(err, out, [&]() -> Status {
        if (out == nullptr) return null_arg("out");
        aero::metrics::snapshot(out->data);
        return Status::ok();
    });
}

AERO_EXTERN void aero_metrics_reset(void) { aero::metrics::reset(); }

}  // extern "C"
