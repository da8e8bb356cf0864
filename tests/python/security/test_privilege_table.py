"""Every cell of privilege_table.csv (privilege x scope x command x target, from Aerospike's
access-control documentation) against aero-server --security: a user whose only role holds
that privilege runs the command; it is refused with 81 (ROLE_VIOLATION) or allowed (any
other outcome: a missing record or an unsupported job is not a refusal)."""

import csv
from pathlib import Path
from typing import Any, Callable

import pytest

from security_tools import unique

import aerospike_py as A
from aerospike_py import list_operations as lo

TABLE = Path(__file__).with_name("privilege_table.csv")
CODES = {"read": A.PRIV_READ, "read-write": A.PRIV_READ_WRITE, "read-write-udf": A.PRIV_READ_WRITE_UDF,
         "write": A.PRIV_WRITE, "truncate": A.PRIV_TRUNCATE, "user-admin": A.PRIV_USER_ADMIN,
         "sys-admin": A.PRIV_SYS_ADMIN, "data-admin": A.PRIV_DATA_ADMIN, "udf-admin": A.PRIV_UDF_ADMIN,
         "sindex-admin": A.PRIV_SINDEX_ADMIN}


def _rows() -> list[dict[str, str]]:
    with TABLE.open() as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _batch_row_code(result: Any) -> int:
    return result.batch_records[0].result


def _udf_query(client: A.Client, ns: str, set_name: str, background: bool) -> Any:
    """An aggregation, or a background UDF job, of a module the server need not have: the
    privilege check comes before the module is looked up."""
    query = client.query(ns, set_name)
    query.apply("t_none", "f")
    return query.execute_background() if background else query.results()


def _background(client: A.Client, ns: str, set_name: str) -> None:
    query = client.query(ns, set_name)
    query.add_ops([lo.list_append("l", 1)])
    query.execute_background()


COMMANDS: dict[str, Callable[[A.Client, str, str], Any]] = {
    "get": lambda c, ns, s: c.get((ns, s, "k")),
    "exists": lambda c, ns, s: c.exists((ns, s, "k")),
    "batch_read": lambda c, ns, s: _batch_row_code(c.batch_operate([(ns, s, "k")], [lo.list_size("l")])),
    "scan": lambda c, ns, s: c.query(ns, s).results(),
    "put": lambda c, ns, s: c.put((ns, s, "k"), {"l": [1]}),
    "remove": lambda c, ns, s: c.remove((ns, s, "k")),
    "batch_write": lambda c, ns, s: _batch_row_code(c.batch_write([((ns, s, "k"), {"l": [1]})])),
    "operate_write": lambda c, ns, s: c.operate((ns, s, "k"), [lo.list_append("l", 1)]),
    "operate_read_write": lambda c, ns, s: c.operate((ns, s, "k"), [lo.list_append("l", 1), lo.list_size("l")]),
    "background_ops": _background,
    "truncate": lambda c, ns, s: c.truncate(ns, s),
    "index_create": lambda c, ns, s: c.index_integer_create("test", "s1", "n", unique("ix")),
    "udf_remove": lambda c, ns, s: c.udf_remove("none"),
    "apply": lambda c, ns, s: c.apply((ns, s, "k"), "t_none", "f"),
    "aggregate": lambda c, ns, s: _udf_query(c, ns, s, False),
    "background_udf": lambda c, ns, s: _udf_query(c, ns, s, True),
    "query_users": lambda c, ns, s: c.admin_query_users_info(),
    "create_role": lambda c, ns, s: c.admin_create_role(unique("r"), [{"code": A.PRIV_READ}]),
}


def outcome(client: A.Client, command: str, target: str) -> str:
    """'81' when the server refused the command with ROLE_VIOLATION, else 'allowed'."""
    ns, _, set_name = target.partition("/")
    try:
        result = COMMANDS[command](client, ns, set_name)
    except A.AerospikeError as e:
        return "81" if getattr(e, "code", None) == 81 else "allowed"
    return "81" if result == 81 else "allowed"


@pytest.fixture(scope="module")
def clients(user_with: Callable[..., A.Client]) -> Callable[[str, str], A.Client]:
    """One logged-in user per (privilege, scope), made on first use."""
    made: dict[tuple[str, str], A.Client] = {}

    def get(privilege: str, scope: str) -> A.Client:
        if (privilege, scope) not in made:
            p: dict[str, Any] = {"code": CODES[privilege]}
            if scope != "global":
                ns, _, set_name = scope.partition("/")
                p.update({"ns": ns, "set": set_name})
            made[(privilege, scope)] = user_with([p])
        return made[(privilege, scope)]

    return get


def test_the_table_covers_every_privilege_and_command():
    rows = _rows()
    assert {r["privilege"] for r in rows} == set(CODES)
    assert {r["command"] for r in rows} == set(COMMANDS)
    assert len(rows) == len({(r["privilege"], r["scope"], r["command"], r["target"]) for r in rows})


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['privilege']}@{r['scope']}:{r['command']}:{r['target']}")
def test_cell(clients, row):
    client = clients(row["privilege"], row["scope"])
    assert outcome(client, row["command"], row["target"]) == row["expected"]
