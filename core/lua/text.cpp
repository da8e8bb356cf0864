#include "core/lua/text.h"

#include <cstdio>

namespace aero::lua {

std::string to_text(const Value& v) {
    switch (v.type) {
    case Value::kNil: return "NIL";
    case Value::kBool: return v.b ? "true" : "false";
    case Value::kInt: return std::to_string(v.i);
    case Value::kDouble: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.16g", v.d);
        return buf;
    }
    case Value::kString: return "\"" + v.s + "\"";
    case Value::kGeoJson: return v.s;
    case Value::kBytes: {
        std::string out;
        char buf[4];
        for (unsigned char c : v.bytes->data) {
            std::snprintf(buf, sizeof buf, "%02X", c);
            out += buf;
        }
        return out;
    }
    case Value::kList: {
        std::string out = "[";
        for (size_t i = 0; i < v.list->items.size(); i++) out += (i ? ", " : "") + to_text(v.list->items[i]);
        return out + "]";
    }
    case Value::kMap: {
        std::string out = "{";
        bool first = true;
        for (const auto& [k, x] : v.map->entries) {
            out += (first ? "" : ", ") + to_text(k) + ":" + to_text(x);
            first = false;
        }
        return out + "}";
    }
    }
    return "";
}

}  // namespace aero::lua
