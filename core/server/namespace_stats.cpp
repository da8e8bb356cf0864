#include "core/server/namespace_stats.h"

#include "core/server/rw_utils.h"

namespace aero::server {

namespace {

constexpr const char* kOriginNames[] = {"client_", "from_proxy_", "batch_sub_", "from_proxy_batch_sub_"};
constexpr const char* kKindNames[] = {"read_", "write_", "delete_"};
constexpr const char* kOutcomeNames[] = {"success", "error", "not_found", "filtered_out"};

}  // namespace

void NamespaceStats::count(Origin origin, const proto::MsgHeader& h, uint8_t result) {
    Kind kind = !(h.info2 & proto::kInfo2Write) ? kRead : (h.info2 & proto::kInfo2Delete) ? kDelete : kWrite;
    // Writes have no "not found" counter: a write that needs the record counts as an error.
    Outcome outcome = result == kResultOk                           ? kSuccess
                      : result == kResultNotFound && kind != kWrite ? kNotFound
                      : result == kResultFilteredOut                ? kFilteredOut
                                                                    : kError;
    counts_[(size_t(origin) * kKinds + kind) * kOutcomes + outcome]++;
}

void NamespaceStats::count_proxy(Origin origin) { proxy_complete_[size_t(origin)]++; }

void NamespaceStats::append_info(std::string& out) const {
    for (size_t origin = 0; origin < kOrigins; origin++) {
        // Only commands that arrived here from a client or a batch can be proxied on.
        if (Origin(origin) == Origin::client || Origin(origin) == Origin::batch_sub)
            out.append(";").append(kOriginNames[origin]).append("proxy_complete=").append(std::to_string(proxy_complete_[origin]));
        for (size_t kind = 0; kind < kKinds; kind++)
            for (size_t outcome = 0; outcome < kOutcomes; outcome++) {
                if (kind == kWrite && outcome == kNotFound) continue;
                out.append(";").append(kOriginNames[origin]).append(kKindNames[kind]).append(kOutcomeNames[outcome]);
                out.append("=").append(std::to_string(counts_[(origin * kKinds + kind) * kOutcomes + outcome]));
            }
    }
}

}  // namespace aero::server
