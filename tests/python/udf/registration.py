"""udf-put / udf-get / udf-list / udf-remove commands sent as raw info requests, so that
answers compare byte for byte: every validation error of udf-put, Lua compile errors (file,
line and base64 message), listing hashes, and removal. The real server's answers are the
goldens (``tools/record_udf_goldens.py``)."""

import base64
import json
import socket
import struct

from .cases import GOLDENS

SOURCE = b"function f(rec)\n  return 1\nend\n"


def _put(name: str, source: bytes, extra: str = "") -> str:
    text = base64.b64encode(source).decode()
    return f"udf-put:filename={name};content={text};content-len={len(text)};udf-type=LUA;{extra}"


def commands() -> list:
    b = base64.b64encode(SOURCE).decode()
    n = len(b)
    return [
        _put("t_reg_a.lua", SOURCE),
        f"udf-put:filename=t_reg_a;content={b};content-len={n};",
        f"udf-put:filename=.lua;content={b};content-len={n};",
        f"udf-put:filename=t_reg_a.;content={b};content-len={n};",
        f"udf-put:filename=t_reg.b.c;content={b};content-len={n};",
        f"udf-put:content={b};content-len={n};",
        f"udf-put:filename=t_reg_a.lua;content={b};",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len={n};udf-type=PY;",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len={n};udf-type=;",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len={n};udf-type=LUAAAAAAAAAAAAAAAAAAAA;",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len={n + 4};",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len={n - 1};",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len={n - 4};",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len=abc;",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len=;",
        f"udf-put:filename=t_reg_a.lua;content={b};content-len=12345678901;",
        "udf-put:filename=t_reg_a.lua;content=!!!!;content-len=4;",
        "udf-put:filename=t_reg_a.lua;content=QQ=A;content-len=4;",
        "udf-put:filename=t_reg_a.lua;content=;content-len=0;",
        "udf-put:filename=t_reg_a.lua;content-len=0;",
        "udf-put:filename=t_" + "x" * 130 + ".lua;" + f"content={b};content-len={n};",
        _put("t_reg_bad1.lua", b"function f(\n x = \n"),
        _put("t_reg_bad2.lua", b"error('x')\n"),
        _put("t_reg_bad3.lua", b"local x = = 1\n"),
        _put("t_reg_bad4.lua", b"\n\nfunction f() retur 1 end\n"),
        _put("t_reg_bad5.lua", b"error({})\n"),
        _put("t_reg_bad6.lua", b"error('no position', 0)\n"),
        _put("t_reg_bad7.lua", b"foo"),
        _put("t_reg_txt.txt", SOURCE),
        _put("t_reg_c.lua", b"-- only a comment\n"),
        "udf-get:filename=t_reg_a.lua",
        "udf-get:filename=t_reg_txt.txt",
        "udf-get:filename=t_reg_none.lua",
        "udf-get",
        "udf-remove:filename=t_reg_none.lua",
        "udf-remove",
        _put("t_reg_a.lua", SOURCE + b"-- changed\n"),
        "udf-get:filename=t_reg_a.lua",
        "udf-remove:filename=t_reg_a.lua",
        "udf-get:filename=t_reg_a.lua",
        "udf-remove:filename=t_reg.b.c",
        "udf-remove:filename=t_reg_txt.txt",
        "udf-remove:filename=t_reg_c.lua",
    ]


def info(host: str, port: int, command: str) -> str:
    """The answer to one info command, without the echoed command (as text)."""
    with socket.create_connection((host, port), timeout=10) as sock:
        body = (command + "\n").encode()
        sock.sendall(struct.pack(">Q", (2 << 56) | (1 << 48) | len(body)) + body)
        size = struct.unpack(">Q", sock.recv(8, socket.MSG_WAITALL))[0] & 0xFFFFFFFFFFFF
        reply = sock.recv(size, socket.MSG_WAITALL).decode()
    return reply.split("\t", 1)[1] if "\t" in reply else reply


def listed(host: str, port: int) -> list:
    """udf-list's t_reg_ entries, in the server's order."""
    return [e for e in info(host, port, "udf-list").strip().split(";") if e.startswith("filename=t_reg")]


def run(host: str, port: int) -> list:
    """Each command's answer, with udf-list's t_reg_ entries after every udf-put."""
    out = []
    for command in commands():
        answer = info(host, port, command)
        out.append([command[:80], answer, listed(host, port) if command.startswith("udf-put") else None])
    return out


def load_goldens() -> list:
    path = GOLDENS / "registration.json"
    return json.loads(path.read_text()) if path.exists() else []
