// aero_config: string-keyed client settings over the core's property table.
#include "capi/internal.h"

using aero::capi::guard;
using aero::capi::guard_out;
using aero::capi::null_arg;

extern "C" {

AERO_EXTERN aero_status aero_config_new(aero_config** out, aero_error* err) {
    return guard(err, [&]() -> aero::Status {
        if (out == nullptr) return null_arg("out");
        *out = new aero_config();
        return aero::Status::ok();
    });
}

AERO_EXTERN void aero_config_destroy(aero_config* config) { delete config; }

AERO_EXTERN aero_status aero_config_set(aero_config* config, const char* key, const char* value, aero_error* err) {
    return guard(err, [&]() -> aero::Status {
        if (config == nullptr) return null_arg("config");
        if (key == nullptr) return null_arg("key");
        if (value == nullptr) return null_arg("value");
        // Set on a copy so that a rejected value leaves the configuration unchanged.
        aero::ClientConfig next = config->config;
        aero::Status s = aero::config_set(next, key, value);
        if (s.is_ok()) config->config = std::move(next);
        return s;
    });
}

AERO_EXTERN aero_status aero_config_get(aero_buf* out, const aero_config* config, const char* key, aero_error* err) {
    return guard_out(err, out, [&]() -> aero::Status {
        if (out == nullptr) return null_arg("out");
        if (config == nullptr) return null_arg("config");
        if (key == nullptr) return null_arg("key");
        auto r = aero::config_get(config->config, key);
        if (!r.is_ok()) return r.status();
        out->data.assign(r.value().begin(), r.value().end());
        return aero::Status::ok();
    });
}

AERO_EXTERN size_t aero_config_count(void) { return aero::config_property_count(); }
AERO_EXTERN const char* aero_config_property(size_t index) { return aero::config_property_name(index); }

}  // extern "C"
