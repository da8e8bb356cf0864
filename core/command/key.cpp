#include "core/command/key.h"

#include <cstring>

#include "core/proto/message.h"
#include "core/proto/msgpack.h"
#include "core/proto/particle.h"

namespace aero {

namespace mp = proto::msgpack;

namespace {

Status bad_key(const std::string& why) { return Status(kErrParam, "invalid key: " + why); }

// Namespace and set names are C strings on the server, so a NUL would cut them short and
// the record would land in (or be read from) another namespace or set.
bool has_nul(const mp::Item& it) { return it.len != 0 && std::memchr(it.data, 0, it.len) != nullptr; }

}  // namespace

Key& Key::operator=(const Key& o) {
    ns = o.ns;
    set = o.set;
    key_type = o.key_type;
    key_len = o.key_len;
    std::memcpy(int_bytes, o.int_bytes, sizeof int_bytes);
    key_data = o.key_data == o.int_bytes ? int_bytes : o.key_data;
    digest = o.digest;
    return *this;
}

Status parse_key_names(const mp::Item& ns, const mp::Item& set, Key& out) {
    if (ns.kind != mp::Item::kStr) return bad_key("namespace must be a string");
    if (ns.len == 0 || ns.len > proto::kMaxNamespaceSize) return bad_key("namespace must be 1 to 31 bytes");
    if (has_nul(ns)) return bad_key("namespace must not contain NUL bytes");
    out.ns = std::string_view(reinterpret_cast<const char*>(ns.data), ns.len);
    if (set.kind == mp::Item::kNil) {
        out.set = {};
    } else if (set.kind == mp::Item::kStr) {
        if (set.len > proto::kMaxSetSize) return bad_key("set name longer than 63 bytes");
        if (has_nul(set)) return bad_key("set name must not contain NUL bytes");
        out.set = std::string_view(reinterpret_cast<const char*>(set.data), set.len);
    } else {
        return bad_key("set must be a string or nil");
    }
    return Status::ok();
}

Status parse_user_key(const mp::Item& it, bool has_digest, Key& out) {
    switch (it.kind) {
    case mp::Item::kInt:
        out.key_type = proto::kParticleInteger;
        proto::store_u64(out.int_bytes, uint64_t(it.i));
        out.key_data = out.int_bytes;
        out.key_len = 8;
        break;
    case mp::Item::kStr:
        out.key_type = proto::kParticleString;
        out.key_data = it.data;
        out.key_len = it.len;
        break;
    case mp::Item::kBin:
        out.key_type = proto::kParticleBlob;
        out.key_data = it.data;
        out.key_len = it.len;
        break;
    case mp::Item::kNil:
        if (!has_digest) return bad_key("a key needs a user key or a 20-byte digest");
        out.key_type = 0;
        out.key_data = nullptr;
        out.key_len = 0;
        break;
    default:
        return bad_key("user key must be an int, str, bytes or nil");
    }
    if (!has_digest) proto::compute_digest(out.set, out.key_type, out.key_data, out.key_len, out.digest);
    return Status::ok();
}

Status parse_key(const uint8_t* p, size_t n, Key& out) {
    proto::Reader r(p, n);
    mp::Item it, ns, set;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kArray || it.len < 3 || it.len > 4)
        return bad_key("expected an array [namespace, set, user_key(, digest)]");
    bool has_digest = it.len == 4;
    if (!mp::read_item(r, ns)) return bad_key("namespace must be a string");
    if (!mp::read_item(r, set)) return bad_key("malformed set");
    Status s = parse_key_names(ns, set, out);
    if (!s.is_ok()) return s;
    if (!mp::read_item(r, it)) return bad_key("malformed user key");
    if (has_digest) {
        mp::Item digest;
        if (!mp::read_item(r, digest)) return bad_key("malformed digest");
        if (digest.kind == mp::Item::kBin && digest.len == proto::kDigestSize) {
            std::memcpy(out.digest.data(), digest.data, proto::kDigestSize);
        } else if (digest.kind == mp::Item::kNil) {
            has_digest = false;
        } else {
            return bad_key("digest must be 20 bytes");
        }
    }
    if (r.left() != 0) return bad_key("trailing bytes after the key");
    return parse_user_key(it, has_digest, out);
}

}  // namespace aero
