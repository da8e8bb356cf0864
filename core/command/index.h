// Secondary-index management over info commands (fact sheet §2.4): create, wait until every
// node has built it, and drop.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace aero {

class Client;

// Creates the index described by `spec` (msgpack map, see aero.h aero_client_index_create)
// and waits until every node reports it fully built.
Status index_create(Client& client, const uint8_t* spec, size_t spec_len, const uint8_t* policy, size_t policy_len);
// Drops index `name` of namespace `ns`; dropping an index that does not exist succeeds.
Status index_remove(Client& client, const char* ns, const char* name, const uint8_t* policy, size_t policy_len);

}  // namespace aero
