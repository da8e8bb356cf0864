"""Writes the seed inputs of the fuzz targets into corpus/<target>/ (run once; the files are
committed). Each seed is a well-formed message the decoder meets in practice."""

import base64
import ctypes
import ctypes.util
import os
import struct

import msgpack

HERE = os.path.dirname(os.path.abspath(__file__))


def as_str(s: bytes, kind: int = 3) -> bytes:
    """A string in Aerospike's msgpack dialect: str header over a particle-type byte + data."""
    return msgpack.packb(bytes([kind]) + s, use_bin_type=False)


def msg(info1=0, info2=0, info3=0, result=0, gen=0, ttl=0, tran=0, fields=(), ops=()) -> bytes:
    """An AS_MSG body: the 22-byte header, fields [(type, data)], ops [(op, particle, name, value)]."""
    out = struct.pack(">BBBBBBIIIHH", 22, info1, info2, info3, 0, result, gen, ttl, tran, len(fields), len(ops))
    for ftype, data in fields:
        out += struct.pack(">IB", len(data) + 1, ftype) + data
    for op, particle, name, value in ops:
        out += struct.pack(">IBBBB", 4 + len(name) + len(value), op, particle, 0, len(name)) + name + value
    return out


def proto(kind: int, body: bytes, version: int = 2) -> bytes:
    """A whole proto message: the 8-byte header (version, type, 48-bit size), then body."""
    return struct.pack(">Q", version << 56 | kind << 48 | len(body)) + body


def admin(command: int, fields=(), result: int = 0) -> bytes:
    """An admin (security) message body: the 16-byte header, then fields [(id, data)]."""
    out = bytes([0, result, command, len(fields)]) + bytes(12)
    for fid, data in fields:
        out += struct.pack(">IB", len(data) + 1, fid) + data
    return out


def password_hash(password: bytes) -> bytes:
    """What LOGIN sends: bcrypt with the salt every client uses (core/proto/admin.cpp)."""
    libcrypt = ctypes.CDLL(ctypes.util.find_library("crypt"))
    libcrypt.crypt.restype = ctypes.c_char_p
    return libcrypt.crypt(password, b"$2a$10$7EqJtq98hPqEX7fNZaFWoO")


def key_fields(digest: bytes) -> list:
    return [(0, b"test"), (1, b"demo"), (4, digest)]


def write(target: str, name: str, data: bytes) -> None:
    os.makedirs(os.path.join(HERE, "corpus", target), exist_ok=True)
    with open(os.path.join(HERE, "corpus", target, name), "wb") as f:
        f.write(data)


def main() -> None:
    write("fuzz_msgpack", "map", msgpack.packb({"a": [1, -2, 3.5, None, True, b"x", "y", {"k": {}}]}))
    write("fuzz_msgpack", "as_ordered_map", b"\x82\xc7\x00\x01\xc0\x01" + as_str(b"a"))
    write("fuzz_msgpack", "as_list", b"\x93" + as_str(b"s") + as_str(b"\x01", 4) + as_str(b"{}", 23))

    digest = bytes(range(20))
    bins = [(1, 1, b"i", struct.pack(">q", -5)), (1, 3, b"s", b"text"),
            (1, 20, b"l", b"\x92\x01" + as_str(b"v")), (1, 19, b"m", b"\x81\x01\xc3"), (1, 2, b"f", struct.pack(">d", 1.5))]
    write("fuzz_reply", "record", msg(gen=3, ttl=1000, ops=bins))
    write("fuzz_reply", "error", msg(result=2))

    column = base64.b64encode(b"\xff" * 512)
    write("fuzz_info", "tend", b"node\tBB9000\npeers-generation\t3\npartition-generation\t7\n"
          b"peers-clear-std\t3,3000,[[BB9001,,[127.0.0.1:3001]],[BB9002,tls,[[::1]:3002]]]\n"
          b"replicas\ttest:0,2," + column + b"," + base64.b64encode(b"\x0f" * 512) + b";bar:0,1," + column + b"\n")
    write("fuzz_info", "error", b"namespace/x\tERROR:4:unrecognized command\n")
    write("fuzz_info", "racks", b"test:1;bar:22")
    write("fuzz_info", "sc_replicas", b"test:7,1," + column + b";bar:0,1," + column)

    rows = [msg(result=0, gen=1, ttl=0, tran=i, ops=bins[:2]) for i in range(3)] + [msg(result=2, tran=3)]
    write("fuzz_batch_reply", "rows", b"".join(rows))
    write("fuzz_batch_reply", "last", msg(info3=1))

    write("fuzz_server_request", "put", msg(info2=1, fields=key_fields(digest), ops=[(2, 1, b"i", struct.pack(">q", 7)),
                                                                                  (2, 3, b"s", b"v")]))
    write("fuzz_server_request", "get", msg(info1=3, fields=key_fields(digest)))
    write("fuzz_server_request", "operate", msg(info1=1, info2=1, fields=key_fields(digest),
                                                ops=[(5, 1, b"i", struct.pack(">q", 1)), (1, 0, b"i", b"")]))
    row = struct.pack(">I", 0) + digest + bytes([0x0A, 3, 0, 0]) + struct.pack(">IHH", 0, 2, 0)
    row += struct.pack(">IB", 5, 0) + b"test" + struct.pack(">IB", 5, 1) + b"demo"
    repeat = struct.pack(">I", 1) + bytes(range(1, 21)) + b"\x01"
    batch = struct.pack(">IB", 2, 0x05) + row + repeat
    write("fuzz_server_request", "batch", msg(info1=8, fields=[(41, batch)]))

    # Admin commands and fields (fact sheet §13): AUTHENTICATE 0, LOGIN 20; user 0,
    # credential 3, session token 5, session TTL 6. Results: 52 security not enabled, 65
    # invalid credential.
    login = admin(20, [(0, b"admin"), (3, password_hash(b"admin"))])
    authenticate = admin(0, [(0, b"admin"), (5, b"")])  # fuzz_security fills in the token
    token = bytes(range(32))
    granted = proto(2, admin(0, [(5, token), (6, struct.pack(">I", 86400))]))
    write("fuzz_admin_reply", "login_then_authenticate", granted + proto(2, admin(0)))
    write("fuzz_admin_reply", "token_refused", granted + proto(2, admin(0, result=65)))
    write("fuzz_admin_reply", "short_ttl", proto(2, admin(0, [(5, token), (6, struct.pack(">I", 1))])) + proto(2, admin(0)))
    write("fuzz_admin_reply", "not_enabled", proto(2, admin(0, result=52)))
    write("fuzz_admin_reply", "wrong_type", proto(3, msg(result=80)))

    write("fuzz_security", "login_authenticate", proto(2, login) + proto(2, authenticate) + proto(2, admin(9)))
    write("fuzz_security", "refused", proto(2, admin(20, [(0, b"admin"), (3, b"x")])) + proto(2, admin(20, [(0, b"eve")]))
                           + proto(2, admin(0, [(0, b"admin"), (5, b"guess")])) + proto(2, admin(1, [(0, b"bob")])))

    # The rest of the admin protocol: users (1 create, 2 drop, 4 change password, 5 grant
    # roles, 9 query), roles (10 create, 12 grant privileges, 14 allow-list, 15 quotas, 16
    # query); fields 1 password, 2 old password, 10 roles, 11 role, 12 privileges, 13
    # allow-list, 14/15 quotas. The default server's admin has user-admin.
    pw = password_hash(b"pw")
    roles = bytes([1, 4]) + b"read"
    privileges = bytes([2, 10, 4]) + b"test" + bytes([2]) + b"s1" + bytes([1])
    quotas = [(14, struct.pack(">I", 5)), (15, struct.pack(">I", 6))]
    write("fuzz_security", "users_and_roles", proto(2, login) + b"".join(proto(2, m) for m in (
        admin(10, [(11, b"r1"), (12, privileges), (13, b"127.0.0.1,10.0.0.0/8")] + quotas),
        admin(1, [(0, b"bob"), (1, pw), (10, roles + b"")]), admin(5, [(0, b"bob"), (10, bytes([1, 2]) + b"r1")]),
        admin(4, [(0, b"admin"), (2, password_hash(b"admin")), (1, pw)]), admin(9, []), admin(9, [(0, b"bob")]),
        admin(12, [(11, b"r1"), (12, bytes([1, 13, 0, 0]))]), admin(14, [(11, b"r1")]), admin(15, [(11, b"r1")] + quotas),
        admin(16, []), admin(2, [(0, b"bob")]), admin(11, [(11, b"r1")]))))
    user_record = admin(0, [(0, b"bob"), (10, roles), (16, bytes([4]) + bytes(16)), (17, bytes([4]) + bytes(16)),
                            (18, struct.pack(">I", 2))])
    role_record = admin(0, [(11, b"r1"), (12, privileges), (13, b"127.0.0.1"), (14, struct.pack(">I", 5)),
                            (15, struct.pack(">I", 0))])
    write("fuzz_admin_records", "users", user_record + user_record + admin(0, result=50))
    write("fuzz_admin_records", "roles", role_record + admin(0, result=50))
    write("fuzz_admin_records", "request", msgpack.packb({"command": "create_role", "role": "r", "privileges": [
        {"code": 10, "ns": "test", "set": "s"}, {"code": 1}], "whitelist": ["127.0.0.1"], "read_quota": 3}))

    info = b"node\nbuild\nnamespace/test\nsets\nstatistics\nreplicas:max=1\ntruncate:namespace=test;set=demo\n"
    put = msg(info2=1, fields=key_fields(digest), ops=[(2, 1, b"i", struct.pack(">q", 7))])
    get = msg(info1=3, fields=key_fields(digest))
    write("fuzz_server_stream", "session", proto(1, info) + proto(3, put) + proto(3, get) + proto(3, msg(info1=8, fields=[(41, batch)])))
    write("fuzz_server_stream", "secured", proto(2, login, version=0) + proto(1, b"peers-clear-std\n") + proto(3, put)
                                 + proto(2, admin(9)))
    write("fuzz_server_stream", "compressed_then_xdr", proto(4, struct.pack(">Q", 30) + put) + proto(5, b"") + proto(1, info))

    # fuzz_cdt: [bin, op type, payload]; bins 1 list, 2 map, 3 key-ordered map, 4 blob, 5 HLL;
    # op types 0/1 CDT read/modify, 2/3 bit, 4/5 HLL.
    cdt_ops = {
        "list_append": (1, 1, msgpack.packb([1, 7, 1, 0])),
        "list_get_by_value_range": (1, 0, msgpack.packb([25, 7, 1])),
        "list_remove_by_rank_range_inverted": (1, 1, msgpack.packb([39, 0x10007, -2, 1])),
        "list_sort": (1, 1, msgpack.packb([13, 3])),
        "map_put_in_list_ctx": (2, 1, b"\x93\xcc\xff\x94\x22" + as_str(b"a") + b"\x10\x01" + msgpack.packb([67, 9, 1])),
        "map_key_create": (2, 1, b"\x93\xcc\xff\x92\x62" + as_str(b"z") + msgpack.packb([67, 1, 2])),
        "map_get_by_key_interval": (3, 0, msgpack.packb([103, 8, 1, 3])),
        "map_increment": (3, 1, msgpack.packb([73, 2, 5])),
        "bit_add": (4, 3, msgpack.packb([10, 8, 16, 300, 0, 2])),
        "bit_set": (4, 3, b"\x94\x03\x04\x08" + as_str(b"\xff", 4)),
        "bit_get_int": (4, 2, msgpack.packb([54, -16, 12, 1])),
        "hll_add": (5, 5, b"\x92\x01\x92" + as_str(b"c") + as_str(b"d")),
        "hll_describe": (5, 4, msgpack.packb([55])),
        "hll_init": (0, 5, msgpack.packb([0, 12, 4, 0])),
    }
    for name, (bin_kind, op_type, payload) in cdt_ops.items():
        write("fuzz_cdt", name, bytes([bin_kind, op_type]) + payload)

    write_exp_corpus()
    write_udf_corpus()


def write_udf_corpus() -> None:
    """fuzz_udf_args: UDF argument lists as clients send them."""
    write("fuzz_udf_args", "none", b"\x90")
    write("fuzz_udf_args", "scalars", b"\x95\x01\xd3\xff\xff\xff\xff\xff\xff\xff\xfe\xcb" + struct.pack(">d", 2.5)
          + as_str(b"text") + b"\xc3")
    write("fuzz_udf_args", "nested", b"\x92\x93\x01" + as_str(b"\x00\x01", 4) + b"\xc0\x81" + as_str(b"k") + b"\x91\x02"
          + as_str(b'{"type":"Point","coordinates":[1,2]}', 23))
    write("fuzz_udf_args", "ordered", b"\x91\x82\xc7\x00\x01\xc0" + as_str(b"a") + b"\x01")


def write_query_corpus(digest: bytes, bins: list) -> None:
    """fuzz_query_reply: a block of a scan's records, partition-done messages and the end."""
    user_key = bytes([3]) + b"k1"
    record = msg(gen=2, ttl=500, fields=[(0, b"test"), (4, digest), (1, b"demo"), (2, user_key)], ops=bins)
    indexed = msg(gen=1, fields=[(0, b"test"), (4, digest), (15, struct.pack("<q", -7))], ops=bins[:1])
    bare = msg(info1=0x20, gen=1, fields=[(0, b"test"), (4, digest)])
    done = msg(info3=4, result=11, gen=4095)
    write("fuzz_query_reply", "block", record + indexed + bare + done + msg(info3=1))
    write("fuzz_query_reply", "startup_error", msg(result=201))


def write_exp_corpus() -> None:
    """fuzz_exp: [mode, tree]; the trees of the seeded expression cases (tests/python/exp), in
    the ABI's form (mode bit 2), each as a filter or a value, on the full or the bare record."""
    import sys

    sys.path.insert(0, os.path.join(HERE, "..", "python"))
    from aerospike_py import _exp
    from exp import trees

    for seed in range(40):
        case = trees.case(seed)
        for i, field in enumerate(("read_filter", "value", "write_filter", "write_value")):
            mode = 4 | (1 if "filter" in field else 0) | (2 if seed % 3 == 0 else 0)
            write("fuzz_exp", f"case{seed}_{i}", bytes([mode]) + _exp.pack(case[field]))


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["udf"]:  # only the UDF argument seeds
        write_udf_corpus()
    elif sys.argv[1:] == ["query"]:  # only the scan/query reply seeds
        write_query_corpus(bytes(range(20)), [(1, 1, b"i", struct.pack(">q", -5)), (1, 3, b"s", b"text")])
    else:
        main()
