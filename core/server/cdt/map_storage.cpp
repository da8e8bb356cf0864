#include "core/server/cdt/map_storage.h"

#include <algorithm>

#include "core/proto/particle.h"
#include "core/server/cdt/codes.h"

namespace aero::server::cdt {

namespace {

bool key_less(const MapEntry& a, const MapEntry& b) {
    return compare(a.first, b.first) < 0;
}

int prepare(Value& v) {
    switch (v.type) {
    case Type::kList:
        for (size_t k = 0; k < v.items.size(); k++) {
            if (int rc = prepare(v.items[k])) return rc;
            // An ordered list is stored as it came, so it must come sorted.
            if ((v.flags & kListOrdered) && k > 0 && compare(v.items[k - 1], v.items[k]) > 0)
                return rc::kParameter;
        }
        return 0;
    case Type::kMap: {
        bool sorted = true;
        for (size_t k = 0; k < v.pairs.size(); k++) {
            if (!is_map_key(v.pairs[k].first)) return rc::kParameter;
            if (int rc = prepare(v.pairs[k].second)) return rc;
            if (k == 0) continue;
            int c = compare(v.pairs[k - 1].first, v.pairs[k].first);
            if (c == 0) return rc::kParameter;
            if (c > 0) {
                if (v.flags & kMapKeyOrdered) return rc::kParameter;
                sorted = false;
            }
        }
        if (sorted) return 0;
        // The server sorts every map it stores, unordered ones included, to find repeats.
        std::stable_sort(v.pairs.begin(), v.pairs.end(), key_less);
        for (size_t k = 1; k < v.pairs.size(); k++)
            if (compare(v.pairs[k - 1].first, v.pairs[k].first) == 0) return rc::kParameter;
        return 0;
    }
    default:
        return 0;
    }
}

}  // namespace

bool is_map_key(const Value& v) {
    switch (v.type) {
    case Type::kInt:
    case Type::kString:
        return true;
    case Type::kBytes:
        return !v.raw.empty() && uint8_t(v.raw[0]) == proto::kParticleBlob;
    default:
        return false;
    }
}

int prepare_storage_value(Value& v) {
    if (v.has_nonstorage()) return rc::kParameter;
    return prepare(v);
}

}  // namespace aero::server::cdt
