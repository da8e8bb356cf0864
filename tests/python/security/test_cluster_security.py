"""Users and roles in a secured local cluster (--nodes 3): a change made through one node
holds on every node, and outlives a node's stop and start."""

import pytest
from cluster_tools import info
from security_tools import ROOT, config_of, unique

import aerospike_py as A
from aerospike_py.testing import EmbeddedServer


@pytest.fixture(scope="module")
def cluster():
    with EmbeddedServer(nodes=3, args=["--security", "--user", ":".join(ROOT)]) as server:
        yield server


def test_changes_reach_every_node_and_survive_a_restart(cluster):
    admin = A.client(config_of(cluster)).connect(*ROOT)
    user, role = unique("u"), unique("r")
    try:
        admin.admin_create_role(role, [{"code": A.PRIV_READ_WRITE, "ns": "test"}])
        admin.admin_create_user(user, "pw", [role])
        # Each admin call goes to a random node: every one of them knows the user.
        for _ in range(10):
            assert admin.admin_query_user_info(user)["roles"] == [role]
        client = A.client(config_of(cluster)).connect(user, "pw")
        try:
            assert len(client.get_node_names()) == 3  # logged in to every node
            keys = [("test", "c", f"k{i}") for i in range(30)]  # spread over the nodes
            for i, key in enumerate(keys):
                client.put(key, {"i": i})
        finally:
            client.close()

        info(cluster.ports[0], f"cluster-stop-node:port={cluster.ports[2]}", ROOT)
        info(cluster.ports[0], f"cluster-start-node:port={cluster.ports[2]}", ROOT)
        with A.client({"hosts": [("127.0.0.1", cluster.ports[2])], "timeout": 2000}) as restarted:
            restarted.connect(user, "pw")  # the restarted node still knows the user
            assert restarted.get(("test", "c", "k0")).bins == {"i": 0}
            with pytest.raises(A.AdminError) as err:
                restarted.admin_query_users_info()  # and still enforces its roles
            assert err.value.code == 81
    finally:
        admin.admin_drop_user(user)
        admin.admin_drop_role(role)
        admin.close()


def test_a_dropped_user_is_refused_by_every_node(cluster):
    admin = A.client(config_of(cluster)).connect(*ROOT)
    user = unique("u")
    admin.admin_create_user(user, "pw", ["read"])
    admin.admin_drop_user(user)
    for port in cluster.ports:
        with pytest.raises(A.AdminError) as err:
            A.client({"hosts": [("127.0.0.1", port)], "timeout": 2000}).connect(user, "pw")
        assert err.value.code == 60
    admin.close()
