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

Status parse_key(const uint8_t* p, size_t n, Key& out) {
    proto::Reader r(p, n);
    mp::Item it;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kArray || it.len < 3 || it.len > 4)
        return bad_key("expected an array [namespace, set, user_key(, digest)]");
    const bool has_digest = it.len == 4;
    if (!mp::read_item(r, it) || it.kind != mp::Item::kStr) return bad_key("namespace must be a string");
    if (it.len == 0 || it.len > proto::kMaxNamespaceSize) return bad_key("namespace must be 1 to 31 bytes");
    if (has_nul(it)) return bad_key("namespace must not contain NUL bytes");
    out.ns = std::string_view(reinterpret_cast<const char*>(it.data), it.len);
    if (!mp::read_item(r, it)) return bad_key("malformed set");
    if (it.kind == mp::Item::kNil) {
        out.set = {};
    } else if (it.kind == mp::Item::kStr) {
        if (it.len > proto::kMaxSetSize) return bad_key("set name longer than 63 bytes");
        if (has_nul(it)) return bad_key("set name must not contain NUL bytes");
        out.set = std::string_view(reinterpret_cast<const char*>(it.data), it.len);
    } else {
        return bad_key("set must be a string or nil");
    }
    if (!mp::read_item(r, it)) return bad_key("malformed user key");
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
        out.key_type = 0;
        out.key_data = nullptr;
        out.key_len = 0;
        break;
    default:
        return bad_key("user key must be an int, str, bytes or nil");
    }
    if (has_digest) {
        if (!mp::read_item(r, it)) return bad_key("malformed digest");
        if (it.kind == mp::Item::kBin && it.len == proto::kDigestSize) {
            std::memcpy(out.digest.data(), it.data, proto::kDigestSize);
            return r.left() == 0 ? Status::ok() : bad_key("trailing bytes after the key");
        }
        if (it.kind != mp::Item::kNil) return bad_key("digest must be 20 bytes");
    }
    if (r.left() != 0) return bad_key("trailing bytes after the key");
    if (out.key_type == 0) return bad_key("a key needs a user key or a 20-byte digest");
    proto::compute_digest(out.set, out.key_type, out.key_data, out.key_len, out.digest);
    return Status::ok();
}

}  // namespace aero
