// UDF module registration over info commands (fact sheet §16.1): put, remove, list and get,
// each put or remove waiting until every node of the cluster agrees, as the official
// clients' register tasks do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/proto/bytes.h"
#include "core/status.h"

namespace aero {

class Client;

// Registers `content` (Lua source) as module file `filename` (say "mod.lua") and waits until
// every node lists it. A compile error is a UDF error (100) "<file>:<line>: <message>".
Status udf_put(Client& client, std::string_view filename, const uint8_t* content, size_t len, const uint8_t* policy,
               size_t policy_len);
// Removes module file `filename` and waits until no node lists it; removing a module that is
// not registered succeeds, as on the server.
Status udf_remove(Client& client, std::string_view filename, const uint8_t* policy, size_t policy_len);
// The modules one node has: a msgpack array of [filename, hash, type].
Status udf_list(Client& client, proto::Buffer& out, const uint8_t* policy, size_t policy_len);
// The source of module file `filename` as registered.
Status udf_get(Client& client, std::string_view filename, std::vector<uint8_t>& out, const uint8_t* policy,
               size_t policy_len);
// The source from a `udf-get` answer; a missing module is a UDF error (100).
Status parse_udf_get(std::string_view answer, std::string_view filename, std::vector<uint8_t>& out);

}  // namespace aero
