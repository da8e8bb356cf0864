// Secondary-index info commands (fact sheet §2.4; sindex_manager.c and thr_info.c):
// sindex-create, sindex-delete, sindex-exists, sindex-list, sindex-stat and the older
// sindex[/<ns>[/<name>]]. Creating and dropping act on every node, as the server spreads them
// through its system metadata.
#include <openssl/evp.h>

#include <set>

#include "core/proto/bytes.h"
#include "core/server/cdt/value.h"
#include "core/server/index/catalog.h"
#include "core/server/info_commands.h"

namespace aero::server::info {

namespace {

using index::IndexDef;

// The server's parameter buffers (INAME_MAX_SZ, AS_ID_NAMESPACE_SZ, ...), NUL included: a
// value that does not fit is "too long".
constexpr size_t kIndexNameSize = 64, kNamespaceSize = 32, kSetSize = 64, kBinSize = 16, kIndexTypeSize = 10,
                 kTypeSize = 12, kIndexDataSize = kBinSize + kTypeSize, kContextSize = 2048;

// as_info_parameter_get() + as_info_optional_param_is_ok(): absent is fine (found = false),
// empty or too long is an error. `ns_alias` also accepts the deprecated `ns`.
bool optional(const Command& cmd, std::string_view key, size_t size, std::string_view& out, bool& found,
              std::string& err) {
    const std::string_view* v = cmd.param(key);
    if (!v && key == "namespace") v = cmd.param("ns");
    found = v != nullptr;
    if (!v) return true;
    int code = key == "namespace" ? 20 : 4;
    if (v->size() >= size) return err = error(code, "'" + std::string(key) + "' value too long"), false;
    if (v->empty()) return err = error(code, "missing '" + std::string(key) + "' value"), false;
    out = *v;
    return true;
}

bool required(const Command& cmd, std::string_view key, size_t size, std::string_view& out, std::string& err) {
    bool found = false;
    if (!optional(cmd, key, size, out, found, err)) return false;
    if (!found) err = error(key == "namespace" ? 20 : 4, "missing '" + std::string(key) + "'");
    return found;
}

// as_sindex_cdt_ctx_b64_decode(): base64, then a msgpack list of (type, value) pairs.
std::string check_context(std::string_view b64, std::string& ctx) {
    if (b64.size() % 4 != 0) return "'context' invalid base64";
    std::string out(b64.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(b64.data()),
                            int(b64.size()));
    if (n < 0) return "'context' invalid base64";
    size_t pad = b64.size() >= 2 ? size_t(b64[b64.size() - 1] == '=') + size_t(b64[b64.size() - 2] == '=') : 0;
    out.resize(size_t(n) - pad);
    cdt::Value v;
    if (!cdt::decode(reinterpret_cast<const uint8_t*>(out.data()), out.size(), v) || !v.is_list() || v.items.empty() ||
        v.items.size() % 2 != 0)
        return "'context' invalid cdt context";
    for (size_t i = 0; i < v.items.size(); i += 2)
        if (!v.items[i].is_int()) return "'context' invalid cdt context";
    proto::Buffer packed;
    cdt::encode(v, packed);
    if (std::string_view(reinterpret_cast<const char*>(packed.data()), packed.size()) != out)
        return "'context' not normalized msgpack";
    ctx = std::move(out);
    return {};
}

// The bin, key type and collection type of a bin index: `type` and `bin`, or the older
// `indexdata=<bin>,<type>`.
std::string read_definition(const Command& cmd, IndexDef& def) {
    std::string err;
    std::string_view itype, indexdata, type, bin;
    bool has_itype = false, has_indexdata = false, has_type = false, has_bin = false;
    if (!optional(cmd, "indextype", kIndexTypeSize, itype, has_itype, err)) return err;
    if (has_itype && !index::itype_from_string(itype, def.itype))
        return error(4, "bad 'indextype' - must be one of 'default', 'list', 'mapkeys', 'mapvalues'");
    if (!optional(cmd, "indexdata", kIndexDataSize, indexdata, has_indexdata, err)) return err;
    if (!optional(cmd, "type", kTypeSize, type, has_type, err)) return err;
    if (!has_indexdata && !has_type) return error(4, "both 'indexdata' and 'type' are missing");
    if (has_indexdata && has_type) return error(4, "both 'indexdata' and 'type' are specified");
    if (has_type) {
        def.ktype = index::ktype_from_string(type);
        if (!def.ktype) return error(4, "bad 'type' - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'");
        if (!optional(cmd, "bin", kBinSize, bin, has_bin, err)) return err;
        if (cmd.param("exp")) return error(4, "expression indexes are not supported");
        if (!has_bin) return error(4, "both 'bin' and 'exp' are missing");
    } else {
        size_t comma = indexdata.find(',');
        if (comma == std::string_view::npos) return error(4, "'indexdata' missing bin type");
        bin = indexdata.substr(0, comma);
        if (bin.empty()) return error(4, "'indexdata' missing bin name");
        if (bin.size() >= kBinSize) return error(4, "'indexdata' bin name too long");
        def.ktype = index::ktype_from_string(indexdata.substr(comma + 1));
        if (!def.ktype)
            return error(4, "bad 'indexdata' bin type - must be one of 'numeric', 'string', 'blob', 'geo2dsphere'");
    }
    if (def.itype == index::kMapKeys && def.ktype == 23)
        return error(4, "bad 'indexdata' bin type for 'indextype' 'mapkeys' - must be one of 'numeric', 'string', 'blob'");
    def.bin = bin;
    return {};
}

// The index's namespace on this node, or the error the server gives for a missing one.
index::NamespaceIndexes* local(ServerContext& ctx, const Command& cmd, std::string& err) {
    std::string_view ns;
    if (!required(cmd, "namespace", kNamespaceSize, ns, err)) return nullptr;
    index::NamespaceIndexes* ix = ctx.sindexes.find(ns);
    if (!ix) err = error(20, "namespace not found on node");
    return ix;
}

// cdt_ctx_to_dynbuf(): "[map_key(k), list_index(2)]"; values shown as numbers or text.
std::string cdt_context_text(const std::string& ctx) {
    static const char* const kNames[] = {"index", "rank", "key", "value", "exp"};
    cdt::Value v;
    cdt::decode(reinterpret_cast<const uint8_t*>(ctx.data()), ctx.size(), v);
    std::string out = "[";
    for (size_t i = 0; i + 1 < v.items.size(); i += 2) {
        int64_t type = v.items[i].i;
        const cdt::Value& arg = v.items[i + 1];
        if (i) out += ", ";
        out += (type & 0x10) ? "list_" : (type & 0x20) ? "map_" : "";
        out += (type & 0x0F) < 5 ? kNames[type & 0x0F] : "?";
        out += "(" + (arg.is_int() ? std::to_string(arg.i) : arg.raw.empty() ? std::string() : arg.raw.substr(1)) + ")";
    }
    return out + "]";
}

// ROUND_FRACTION: the nearest whole number of a / b.
uint64_t round_fraction(uint64_t a, uint64_t b) { return b == 0 ? 0 : (a + b / 2) / b; }

std::string stats(ServerContext& ctx, const std::string& ns_name, const index::SecondaryIndex& si) {
    Namespace& ns = *ctx.storage.find(ns_name);
    std::set<int64_t> bvals;
    std::set<proto::Digest> records;
    for (uint32_t pid = 0; pid < proto::kPartitions; pid++)
        ns.with_partition(pid, [&](const Namespace::Finder&) {
            for (const index::Entry& e : si.partition(pid)) {
                bvals.insert(si.bval(e.order));
                records.insert(e.digest);
            }
        });
    uint64_t entries = si.entries();
    uint64_t per_rec = si.def().itype == index::kDefault ? (entries ? 1 : 0) : round_fraction(entries, records.size());
    // One entry of the server's sindex trees: an 8-byte bval, a digest stub and a 5-byte handle.
    constexpr uint64_t kEntryBytes = 14;
    return "entries=" + std::to_string(entries) + ";used_bytes=" + std::to_string(entries * kEntryBytes) +
           ";entries_per_bval=" + std::to_string(round_fraction(entries, bvals.size())) +
           ";entries_per_rec=" + std::to_string(per_rec) + ";load_pct=100;load_time=0;stat_gc_recs=0";
}

void append_list(std::string& out, const std::string& ns, const index::NamespaceIndexes& ix, bool b64) {
    for (const auto& [name, si] : ix.list()) {
        const IndexDef& d = si->def();
        out += "ns=" + ns + ":indexname=" + name + ":set=" + (d.set.empty() ? "null" : d.set) + ":bin=" + d.bin +
               ":type=" + index::ktype_name(d.ktype) + ":indextype=" + index::itype_name(d.itype) +
               ":context=" + (d.ctx.empty() ? "null" : (b64 ? d.ctx_b64 : cdt_context_text(d.ctx))) +
               ":exp=null:state=RW;";
    }
}

}  // namespace

std::string sindex_create(ServerContext& ctx, const Command& cmd) {
    std::string err;
    std::string_view name, ns, set, context;
    bool has_set = false, has_context = false;
    if (!required(cmd, "indexname", kIndexNameSize, name, err)) return err;
    if (!required(cmd, "namespace", kNamespaceSize, ns, err)) return err;
    if (const std::string_view* t = cmd.param("indextype"); t && *t == "set")
        return error(4, "set indexes are not supported");
    IndexDef def;
    def.ns = ns;
    if (!optional(cmd, "set", kSetSize, set, has_set, err)) return err;
    def.set = set;
    if (!optional(cmd, "context", kContextSize, context, has_context, err)) return err;
    if (has_context) {
        if (std::string msg = check_context(context, def.ctx); !msg.empty()) return error(4, msg);
        def.ctx_b64 = context;
    }
    if (std::string e = read_definition(cmd, def); !e.empty()) return e;
    // The server accepts the definition before any node looks for the namespace; nodes
    // without it ignore it.
    std::string result = "ok";
    for (ServerContext* node : ctx.cluster_contexts()) {
        index::NamespaceIndexes* ix = node->sindexes.find(ns);
        if (!ix) continue;
        switch (ix->create(std::string(name), def)) {
        case index::NamespaceIndexes::Created::kDifferent:
            return error(200, "'indexname' already exists with different definition");
        case index::NamespaceIndexes::Created::kTooMany: return error(206, "already at sindex definition limit");
        default: break;
        }
    }
    return result;
}

std::string sindex_delete(ServerContext& ctx, const Command& cmd) {
    std::string err;
    std::string_view name, ns;
    if (!required(cmd, "indexname", kIndexNameSize, name, err)) return err;
    if (!required(cmd, "namespace", kNamespaceSize, ns, err)) return err;
    // Dropping an index that does not exist is not an error.
    for (ServerContext* node : ctx.cluster_contexts())
        if (index::NamespaceIndexes* ix = node->sindexes.find(ns)) ix->drop(std::string(name));
    return "ok";
}

std::string sindex_exists(ServerContext& ctx, const Command& cmd) {
    std::string err;
    std::string_view name;
    if (!required(cmd, "indexname", kIndexNameSize, name, err)) return err;
    index::NamespaceIndexes* ix = local(ctx, cmd, err);
    if (!ix) return err;
    return ix->find(std::string(name)) ? "true" : "false";
}

std::string sindex_stat(ServerContext& ctx, const Command& cmd) {
    std::string err;
    std::string_view name, ns;
    if (!required(cmd, "indexname", kIndexNameSize, name, err)) return err;
    index::NamespaceIndexes* ix = local(ctx, cmd, err);
    if (!ix) return err;
    auto si = ix->find(std::string(name));
    if (!si) return error(201, "no index");
    required(cmd, "namespace", kNamespaceSize, ns, err);
    return stats(ctx, std::string(ns), *si);
}

std::string sindex_list(ServerContext& ctx, const Command& cmd) {
    std::string err;
    std::string_view ns, b64_text;
    bool has_ns = false, has_b64 = false;
    if (!optional(cmd, "namespace", 128, ns, has_ns, err)) return err;
    if (has_ns && !ctx.sindexes.find(ns)) return error(20, "namespace not found on node");
    if (!optional(cmd, "b64", 6, b64_text, has_b64, err)) return err;
    if (has_b64 && b64_text != "true" && b64_text != "false") return error(4, "bad b64");
    bool b64 = has_b64 && b64_text == "true";
    std::string out;
    for (const auto& n : ctx.storage.namespaces())
        if (!has_ns || n->name() == ns) append_list(out, n->name(), *ctx.sindexes.find(n->name()), b64);
    if (!out.empty()) out.pop_back();
    return out;
}

std::string sindex_legacy(ServerContext& ctx, const Command& cmd) {
    std::string out;
    if (cmd.args.empty()) {
        for (const auto& n : ctx.storage.namespaces()) append_list(out, n->name(), *ctx.sindexes.find(n->name()), false);
    } else {
        index::NamespaceIndexes* ix = ctx.sindexes.find(cmd.args[0]);
        if (!ix) return "ns_type=unknown";
        if (cmd.args.size() > 1) {
            auto si = ix->find(std::string(cmd.args[1]));
            return si ? stats(ctx, std::string(cmd.args[0]), *si) : error(201, "no index");
        }
        append_list(out, std::string(cmd.args[0]), *ix, false);
    }
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace aero::server::info
