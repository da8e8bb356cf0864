// Checks shared by the read, write and delete paths, and their result codes.
#pragma once

#include <cstdint>
#include <functional>

#include "core/proto/digest.h"
#include "core/server/namespace.h"
#include "core/server/request.h"

namespace aero::server {

namespace exp {
class Program;
}

class Response;

// Server result codes used by the single-record paths (fact sheet §7).
enum ResultCode : uint8_t {
    kResultOk = 0,
    kResultNotFound = 2,
    kResultGeneration = 3,
    kResultParameter = 4,
    kResultRecordExists = 5,
    kResultIncompatibleType = 12,
    kResultRecordTooBig = 13,
    kResultUnsupportedFeature = 16,
    kResultKeyMismatch = 19,
    kResultNamespace = 20,
    kResultBinName = 21,
    kResultForbidden = 22,
    kResultEnterpriseOnly = 25,
    kResultFilteredOut = 27,
};

// Everything a single-record path works on.
struct RwContext {
    const Request& req;
    Namespace& ns;
    const proto::Digest& digest;
    // Which of the namespace's counters the command's result goes to.
    Origin origin = Origin::client;
    // A batch row's inherited filter: the parent's FILTER_EXP, for rows without their own.
    const exp::Program* parent_filter = nullptr;
};

// Runs one record command: run_record_command() on a standalone server, the cluster's
// routing (cluster_routing.h) on a node of a local cluster.
using RecordRunner = std::function<void(const RwContext& ctx, Response& resp)>;

// False when the request sent a key and the record stores a different one.
bool stored_key_matches(const Record& r, const Request& req);
// False when the request names a set (non-empty) other than the record's.
bool set_matches(const Namespace& ns, const Record& r, const Request& req);
// The generation policy (info2 GENERATION / GENERATION_GT) against the record's generation.
bool generation_allows(const proto::MsgHeader& h, uint16_t record_generation);
// The command's filter (its own FILTER_EXP, else a batch row's inherited one) against the
// existing record r, as handle_meta_filter() and read_and_filter_bins() apply it: 0 when the
// record passes or there is no filter, 27 (FILTERED_OUT) when it does not, 4 when the filter is
// malformed. The server builds a filter only once it has a record, so a malformed filter on a
// missing record is never seen.
uint8_t check_filter(const RwContext& ctx, const Record& r);
// Bin names longer than 15 bytes are refused with 21 (BIN_NAME).
inline bool bin_name_ok(std::string_view name) { return name.size() <= proto::kMaxBinNameSize; }

}  // namespace aero::server
