// Info replies, peers lists and partition bitmaps, as the tender reads them.
#include <string_view>

#include "core/cluster/partition_map.h"
#include "core/cluster/peers.h"
#include "core/proto/info.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& [command, value] : aero::proto::parse_info_response(text)) {
        int code = 0;
        std::string message;
        aero::proto::parse_info_error(value, code, message);
        aero::proto::split_pairs(value);
    }
    aero::parse_peers(text).is_ok();
    aero::PartitionMap map;
    map.apply_replicas(text, reinterpret_cast<aero::Node*>(uintptr_t(0x10))).ignore();
    map.apply_racks(text, reinterpret_cast<aero::Node*>(uintptr_t(0x10))).ignore();
    return 0;
}
