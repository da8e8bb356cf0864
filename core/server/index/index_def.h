// What a secondary index covers (sindex_manager.c's SMD key): namespace, optional set, bin,
// key type, collection type and optional CDT context.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aero::server::index {

// Collection types, numbered as INDEX_TYPE (field 26) numbers them.
enum IndexType : uint8_t { kDefault = 0, kList = 1, kMapKeys = 2, kMapValues = 3 };

struct IndexDef {
    std::string ns;
    std::string set;  // empty: every set
    std::string bin;
    // The particle type of the keys: 1 numeric, 3 string, 4 blob, 23 geo2dsphere.
    uint8_t ktype = 0;
    uint8_t itype = kDefault;
    // The msgpack context list, and the base64 text it came in as; both empty without one.
    std::string ctx;
    std::string ctx_b64;

    // Whether both cover the same values (a name aside).
    bool same_definition(const IndexDef& o) const {
        return set == o.set && bin == o.bin && ktype == o.ktype && itype == o.itype && ctx == o.ctx;
    }
    // Geo keys are S2 cell ids, compared unsigned (the server's unsigned_bvals).
    bool unsigned_keys() const { return ktype == 23; }
};

// "numeric", "string", "blob", "geo2dsphere" (any case) to a particle type; 0 when unknown.
uint8_t ktype_from_string(std::string_view s);
const char* ktype_name(uint8_t ktype);
// "default", "list", "mapkeys", "mapvalues" (any case); false when unknown.
bool itype_from_string(std::string_view s, uint8_t& out);
const char* itype_name(uint8_t itype);

}  // namespace aero::server::index
