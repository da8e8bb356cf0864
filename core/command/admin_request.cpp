#include "core/command/admin_request.h"

#include <string_view>
#include <unordered_map>

#include "core/proto/admin_fields.h"
#include "core/proto/msgpack.h"

namespace aero {

namespace mp = proto::msgpack;
using namespace proto;

namespace {

Status bad(std::string_view why) { return Status(kErrParam, "admin: " + std::string(why)); }

std::string_view text(const mp::Item& it) { return {reinterpret_cast<const char*>(it.data), it.len}; }

const std::unordered_map<std::string_view, uint8_t>& commands() {
    static const std::unordered_map<std::string_view, uint8_t> m = {
        {"create_user", kAdminCreateUser},       {"drop_user", kAdminDropUser},
        {"change_password", kAdminSetPassword},  {"grant_roles", kAdminGrantRoles},
        {"revoke_roles", kAdminRevokeRoles},     {"query_users", kAdminQueryUsers},
        {"create_role", kAdminCreateRole},       {"drop_role", kAdminDropRole},
        {"grant_privileges", kAdminGrantPrivileges}, {"revoke_privileges", kAdminRevokePrivileges},
        {"set_whitelist", kAdminSetWhitelist},   {"set_quotas", kAdminSetQuotas},
        {"query_roles", kAdminQueryRoles},
    };
    return m;
}

Status read_string(proto::Reader& r, std::string_view key, std::string& out) {
    mp::Item v;
    if (!mp::read_item(r, v) || v.kind != mp::Item::kStr) return bad("'" + std::string(key) + "' must be a string");
    out = text(v);
    return Status::ok();
}

Status read_strings(proto::Reader& r, std::string_view key, std::vector<std::string>& out) {
    mp::Item list;
    if (!mp::read_item(r, list) || list.kind != mp::Item::kArray)
        return bad("'" + std::string(key) + "' must be an array of strings");
    out.resize(list.len);
    for (auto& s : out) {
        Status st = read_string(r, key, s);
        if (!st.is_ok()) return st;
    }
    return Status::ok();
}

Status read_u32(proto::Reader& r, std::string_view key, uint32_t& out) {
    mp::Item v;
    if (!mp::read_item(r, v) || (v.kind != mp::Item::kInt && v.kind != mp::Item::kUint))
        return bad("'" + std::string(key) + "' must be an integer");
    uint64_t value = v.kind == mp::Item::kUint ? v.u : uint64_t(v.i);
    if ((v.kind == mp::Item::kInt && v.i < 0) || value > UINT32_MAX)
        return bad("'" + std::string(key) + "' must be between 0 and 4294967295");
    out = uint32_t(value);
    return Status::ok();
}

// One privilege map {code, ns (optional), set (optional)}.
Status read_privilege(proto::Reader& r, PrivilegeSpec& out) {
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return bad("a privilege must be a map");
    bool has_code = false;
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return bad("privilege keys must be strings");
        std::string_view key = text(k);
        Status s;
        if (key == "code") {
            uint32_t code = 0;
            s = read_u32(r, "code", code);
            if (s.is_ok() && (code > 255 || !is_known_privilege(uint8_t(code))))
                s = bad("unknown privilege code " + std::to_string(code));
            out.code = uint8_t(code);
            has_code = true;
        } else if (key == "ns") {
            s = read_string(r, key, out.ns);
        } else if (key == "set") {
            s = read_string(r, key, out.set);
        } else {
            s = bad("unknown privilege key '" + std::string(key) + "'");
        }
        if (!s.is_ok()) return s;
    }
    if (!has_code) return bad("a privilege needs a 'code'");
    if (!is_scoped_privilege(out.code) && !(out.ns.empty() && out.set.empty()))
        return bad("global privilege '" + std::string(privilege_name(out.code)) + "' cannot have a namespace or set");
    if (out.ns.empty() && !out.set.empty()) return bad("a privilege with a set needs a namespace");
    return Status::ok();
}

Status read_privileges(proto::Reader& r, std::string& out) {
    mp::Item list;
    if (!mp::read_item(r, list) || list.kind != mp::Item::kArray) return bad("'privileges' must be an array of maps");
    std::vector<PrivilegeSpec> privileges(list.len);
    for (auto& p : privileges) {
        Status s = read_privilege(r, p);
        if (!s.is_ok()) return s;
    }
    if (!encode_privileges(privileges, out)) return bad("too many privileges, or a namespace or set over 255 bytes");
    return Status::ok();
}

Status read_field(proto::Reader& r, std::string_view key, AdminRequest& out) {
    if (key == "user") return read_string(r, key, out.user);
    if (key == "password") return read_string(r, key, out.password);
    if (key == "role") return read_string(r, key, out.role);
    if (key == "roles") return read_strings(r, key, out.roles);
    if (key == "privileges") return read_privileges(r, out.privileges);
    if (key == "whitelist") return read_strings(r, key, out.whitelist);
    if (key == "read_quota") return read_u32(r, key, out.read_quota);
    if (key == "write_quota") return read_u32(r, key, out.write_quota);
    return bad("unknown request key '" + std::string(key) + "'");
}

}  // namespace

Status parse_admin_request(const uint8_t* p, size_t n, AdminRequest& out) {
    proto::Reader r(p, n);
    mp::Item map;
    if (!mp::read_item(r, map) || map.kind != mp::Item::kMap) return bad("the request must be a msgpack map");
    std::string command;
    for (uint32_t i = 0; i < map.len; i++) {
        mp::Item k;
        if (!mp::read_item(r, k) || k.kind != mp::Item::kStr) return bad("request keys must be strings");
        Status s = text(k) == "command" ? read_string(r, "command", command) : read_field(r, text(k), out);
        if (!s.is_ok()) return s;
    }
    auto it = commands().find(command);
    if (it == commands().end()) return bad("unknown command '" + command + "'");
    out.command = it->second;
    std::string roles;
    if (!encode_roles(out.roles, roles)) return bad("too many roles, or a role name over 255 bytes");
    return Status::ok();
}

void build_admin_message(const AdminRequest& req, const std::string& old_hash, Buffer& out) {
    AdminFields fields;
    std::string hash, roles, whitelist, read_quota, write_quota;
    uint8_t command = req.command;
    if (!req.user.empty() || command == kAdminCreateUser || command == kAdminDropUser ||
        command == kAdminSetPassword || command == kAdminGrantRoles || command == kAdminRevokeRoles)
        fields.emplace_back(kFieldUser, req.user);
    if (command == kAdminSetPassword && !old_hash.empty()) {
        command = kAdminChangePassword;
        fields.emplace_back(kFieldOldPassword, old_hash);
    }
    if (command == kAdminCreateUser || command == kAdminSetPassword || command == kAdminChangePassword) {
        hash = hash_password(req.password);
        fields.emplace_back(kFieldPassword, hash);
    }
    if (command == kAdminCreateUser || command == kAdminGrantRoles || command == kAdminRevokeRoles) {
        encode_roles(req.roles, roles);  // checked by parse_admin_request()
        fields.emplace_back(kFieldRoles, roles);
    }
    bool role_command = command >= kAdminCreateRole && command <= kAdminQueryRoles;
    if (role_command && (!req.role.empty() || command != kAdminQueryRoles)) fields.emplace_back(kFieldRole, req.role);
    bool takes_privileges = command == kAdminCreateRole || command == kAdminGrantPrivileges ||
                            command == kAdminRevokePrivileges;
    if (takes_privileges && (command != kAdminCreateRole || req.privileges.size() > 1))  // more than the count byte
        fields.emplace_back(kFieldPrivileges, req.privileges);
    if ((command == kAdminCreateRole || command == kAdminSetWhitelist) && !req.whitelist.empty()) {
        whitelist = join_whitelist(req.whitelist);
        fields.emplace_back(kFieldWhitelist, whitelist);
    }
    if ((command == kAdminCreateRole && req.read_quota) || command == kAdminSetQuotas) {
        read_quota = encode_u32(req.read_quota);
        fields.emplace_back(kFieldReadQuota, read_quota);
    }
    if ((command == kAdminCreateRole && req.write_quota) || command == kAdminSetQuotas) {
        write_quota = encode_u32(req.write_quota);
        fields.emplace_back(kFieldWriteQuota, write_quota);
    }
    out.clear();
    write_admin_message(out, command, 0, fields);
}

namespace {

void pack_strings(Buffer& out, const std::vector<std::string>& items) {
    mp::pack_array_header(out, uint32_t(items.size()));
    for (const auto& s : items) mp::pack_str(out, s);
}

void pack_uints(Buffer& out, const std::vector<uint32_t>& items) {
    mp::pack_array_header(out, uint32_t(items.size()));
    for (uint32_t v : items) mp::pack_uint(out, v);
}

}  // namespace

bool pack_user_record(const AdminMessage& record, Buffer& out) {
    std::string user;
    std::vector<std::string> roles;
    std::vector<uint32_t> read_info, write_info;
    uint32_t connections = 0;
    for (const auto& [id, data] : record.fields) {
        bool ok = true;
        if (id == kFieldUser) user = data;
        else if (id == kFieldRoles) ok = decode_roles(data, roles);
        else if (id == kFieldReadInfo) ok = decode_u32_list(data, read_info);
        else if (id == kFieldWriteInfo) ok = decode_u32_list(data, write_info);
        else if (id == kFieldConnections) ok = decode_u32(data, connections);
        if (!ok) return false;
    }
    mp::pack_map_header(out, 5);
    mp::pack_str(out, "user");
    mp::pack_str(out, user);
    mp::pack_str(out, "roles");
    pack_strings(out, roles);
    mp::pack_str(out, "conns_in_use");
    mp::pack_uint(out, connections);
    mp::pack_str(out, "read_info");
    pack_uints(out, read_info);
    mp::pack_str(out, "write_info");
    pack_uints(out, write_info);
    return true;
}

bool pack_role_record(const AdminMessage& record, Buffer& out) {
    std::string name, whitelist;
    std::vector<PrivilegeSpec> privileges;
    uint32_t read_quota = 0, write_quota = 0;
    for (const auto& [id, data] : record.fields) {
        bool ok = true;
        if (id == kFieldRole) name = data;
        else if (id == kFieldPrivileges) ok = decode_privileges(data, privileges);
        else if (id == kFieldWhitelist) whitelist = data;
        else if (id == kFieldReadQuota) ok = decode_u32(data, read_quota);
        else if (id == kFieldWriteQuota) ok = decode_u32(data, write_quota);
        if (!ok) return false;
    }
    mp::pack_map_header(out, 5);
    mp::pack_str(out, "name");
    mp::pack_str(out, name);
    mp::pack_str(out, "privileges");
    mp::pack_array_header(out, uint32_t(privileges.size()));
    for (const auto& p : privileges) {
        mp::pack_map_header(out, 3);
        mp::pack_str(out, "code");
        mp::pack_uint(out, p.code);
        mp::pack_str(out, "ns");
        mp::pack_str(out, p.ns);
        mp::pack_str(out, "set");
        mp::pack_str(out, p.set);
    }
    mp::pack_str(out, "allowlist");
    pack_strings(out, split_whitelist(whitelist));
    mp::pack_str(out, "read_quota");
    mp::pack_uint(out, read_quota);
    mp::pack_str(out, "write_quota");
    mp::pack_uint(out, write_quota);
    return true;
}

}  // namespace aero
