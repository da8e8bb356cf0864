/**
 * @file aero.h
 * @brief libaero: an Aerospike client engine behind a stable C ABI.
 *
 * This header is the whole public contract of libaero. Anything not declared here is not API
 * and may change without notice. The comments in this file are the reference manual.
 *
 * Stability: the functions, the constants' values, and equally the msgpack shapes,
 * configuration keys and policy keys documented here are the ABI. Releases with the same
 * AERO_ABI_VERSION (the soname number) only add to them: functions, constants, keys, entries
 * of result maps; callers ignore map keys they do not know. Anything else needs a new
 * AERO_ABI_VERSION. README.md, "ABI stability", gives the rules per version number.
 *
 * Conventions
 * - Every type is an opaque handle made and freed by functions; no struct layout is public.
 * - Every fallible function returns an ::aero_status (0 = OK) and fills the caller-owned
 *   ::aero_error passed last (NULL is allowed when the caller does not want details). Each
 *   call resets the error it is given.
 * - Status codes are Aerospike's: server result codes keep their wire values (positive);
 *   client-side codes are negative and numbered as the official C client numbers them.
 * - Keys, bins, operations, policies and results cross as standard msgpack (str = text,
 *   bin = bytes). Input pointers are borrowed for the duration of the call only; the library
 *   copies whatever it keeps. Results land in a caller-owned ::aero_buf that is reused across
 *   calls, so the hot path allocates nothing; its content is valid until the next call that
 *   writes that buffer.
 * - Threads: one ::aero_client may be used from any number of threads at once. An
 *   ::aero_config belongs to one thread until it is given to aero_client_new(). An ::aero_error
 *   and an ::aero_buf belong to one call at a time. The library never calls back into the host.
 * - aero_x_destroy(NULL) is always a harmless no-op.
 *
 * Msgpack shapes
 * - key:     [namespace, set, user_key] or [namespace, set, user_key, digest]. set may be ""
 *            or nil (no set); user_key is an int (integer key), str (string key; its bytes are
 *            not checked to be UTF-8) or bin (blob key), or nil when a 20-byte digest is given
 *            as the fourth element.
 * - bins:    {name: value}; a nil value deletes the bin. Values are int (signed 64-bit),
 *            float, str, bin, bool, nil, arrays and maps (nested freely); msgpack ext
 *            AERO_EXT_GEOJSON (payload the GeoJSON text) writes a GeoJSON value, which reads
 *            back the same way (an AERO_EXT_GEOJSON ext, in bins and inside lists and maps).
 * - names:   [name, ...] (bins to read).
 * - ops:     [[op, bin_name, value], ...] with op one of AERO_OP_*; bin_name and value may be
 *            nil where the operation takes none (touch, delete, read-all). Collection ops are
 *            [AERO_OP_CDT, bin_name, [code, arg, ...], ctx] (list and map), [AERO_OP_BIT,
 *            bin_name, [code, arg, ...]] and [AERO_OP_HLL, bin_name, [code, arg, ...]]; see
 *            "Collection operations" below. Expression ops are [AERO_OP_EXP_READ, bin_name,
 *            expression, flags] (the value comes back under bin_name) and [AERO_OP_EXP_MODIFY,
 *            bin_name, expression, flags] (writes it into the bin); see "Expressions".
 * - policy:  {name: value}, see "Policies" below; NULL means the client's defaults.
 * - record:  [digest, generation, ttl, bins] where bins is a map (get) or an array of
 *            [name, value] pairs in operation order (operate). ttl is seconds left, or
 *            4294967295 for a record that never expires.
 *
 * Policies (msgpack map keys; unknown keys and wrong types give AERO_ERR_PARAM)
 * - socket_timeout, total_timeout, sleep_between_retries: milliseconds (0 = none).
 * - backoff_multiplier (number, 1..100, default 1), max_sleep_between_retries (ms, 0 = no
 *   cap), jitter (bool): the pause before retry n is sleep_between_retries ×
 *   backoff_multiplier^(n-1), at most max_sleep_between_retries, and with jitter a random time
 *   up to that. The defaults keep the official clients' fixed pause. Single-record commands,
 *   batches (node retries and row_retries) and query rounds all follow it.
 * - max_retries: attempts after the first.
 * - timeout_delay: milliseconds (0 = none). When an attempt's reply times out, its connection
 *   is not closed: the rest of the reply is read in the background for up to this long, and
 *   the connection goes back to the pool (counted as recovered in aero_client_stats(), else as
 *   aborted). The command still fails at its timeout. Single-record commands, batches and
 *   scans/queries.
 * - key: AERO_POLICY_KEY_DIGEST or AERO_POLICY_KEY_SEND (store the user key).
 * - exists: AERO_POLICY_EXISTS_*; gen: AERO_POLICY_GEN_*; generation: expected generation.
 * - ttl: seconds; 0 namespace default, -1 never expire, -2 keep the record's TTL.
 * - commit_level, read_mode_ap, read_mode_sc, replica: the AERO_POLICY_* values below
 *   (read_mode_sc applies to strong-consistency namespaces; PREFER_RACK needs a rack-aware
 *   client with rack ids, else AERO_ERR_PARAM).
 * - durable_delete: bool. read_touch_ttl_percent: 0 server default, -1 never, 1..100.
 * - timeout: milliseconds, for info and truncate (admin policy).
 * - metrics_op: str, the operation name the command's metrics are recorded under (see
 *   "Metrics").
 * - raw_errors: bool, for info (false): a node's "ERROR:<code>:<message>" answer is handed back
 *   as text (aero_client_info() succeeds, aero_client_info_all() reports code 0) instead of as
 *   that code and message.
 * - filter_expression: an expression (see "Expressions"), or nil for none. A record it does
 *   not select answers AERO_ERR_FILTERED_OUT and is left as it was. In a batch policy it
 *   applies to every row without a filter of its own; a row's policy may give its own. Info
 *   and truncate refuse it (AERO_ERR_PARAM).
 * - Batches also take: allow_inline (true), allow_inline_ssd (false), respond_all_keys (true:
 *   every row reports its own error; false: the server stops the batch at the first row error
 *   other than not-found or filtered-out), row_retries (0: how often rows that failed with a
 *   transient code, and are not in doubt, are sent again, within total_timeout),
 *   concurrency (1: the node requests run at once; 0: one after another),
 *   report_retries (false: true appends [attempts, max_attempts, truncated_by_timeout,
 *   unresolved] to the result, after the rows: the rounds sent, 1 + row_retries, whether
 *   total_timeout stopped the retries early, and the rows still failed with a transient code).
 */
#ifndef AERO_H
#define AERO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(AERO_BUILDING_LIBRARY)
#define AERO_EXTERN __attribute__((visibility("default")))
#else
#define AERO_EXTERN
#endif

/** @name Version
 * Compile-time version of this header; aero_version() gives the linked library's.
 * AERO_VERSION_NUMBER is MAJOR * 10000 + MINOR * 100 + PATCH (CMake refuses to configure when
 * it disagrees). These lines are the project's one version source: CMake reads them for the
 * library's version and soname, setup.py for the Python package's version.
 * @{ */
#define AERO_VERSION_MAJOR 0
#define AERO_VERSION_MINOR 1
#define AERO_VERSION_PATCH 0
#define AERO_VERSION_NUMBER 100
/** The soname major: bindings compare it with aero_abi_version() at load time. */
#define AERO_ABI_VERSION 0

/** @brief The linked library's version as MAJOR * 10000 + MINOR * 100 + PATCH. */
AERO_EXTERN uint32_t aero_version(void);
/** @brief The linked library's version as "MAJOR.MINOR.PATCH"; static storage. */
AERO_EXTERN const char *aero_version_str(void);
/** @brief The linked library's ABI major (its soname number). */
AERO_EXTERN int aero_abi_version(void);
/** @} */

/** @name Status codes
 * 0 is success. Positive values are Aerospike server result codes; negative values are
 * client-side conditions.
 * @{ */
typedef int aero_status;

#define AERO_OK 0
#define AERO_ERR_SERVER 1
#define AERO_ERR_RECORD_NOT_FOUND 2
#define AERO_ERR_RECORD_GENERATION 3
#define AERO_ERR_REQUEST_INVALID 4
#define AERO_ERR_RECORD_EXISTS 5
#define AERO_ERR_BIN_EXISTS 6
#define AERO_ERR_CLUSTER_CHANGE 7
#define AERO_ERR_SERVER_FULL 8
#define AERO_ERR_TIMEOUT 9
#define AERO_ERR_ALWAYS_FORBIDDEN 10
#define AERO_ERR_CLUSTER 11
#define AERO_ERR_BIN_INCOMPATIBLE_TYPE 12
#define AERO_ERR_RECORD_TOO_BIG 13
#define AERO_ERR_RECORD_BUSY 14
#define AERO_ERR_SCAN_ABORTED 15
#define AERO_ERR_UNSUPPORTED_FEATURE 16
#define AERO_ERR_BIN_NOT_FOUND 17
#define AERO_ERR_DEVICE_OVERLOAD 18
#define AERO_ERR_RECORD_KEY_MISMATCH 19
#define AERO_ERR_NAMESPACE_NOT_FOUND 20
#define AERO_ERR_BIN_NAME 21
#define AERO_ERR_FAIL_FORBIDDEN 22
#define AERO_ERR_FAIL_ELEMENT_NOT_FOUND 23
#define AERO_ERR_FAIL_ELEMENT_EXISTS 24
#define AERO_ERR_ENTERPRISE_ONLY 25
#define AERO_ERR_OP_NOT_APPLICABLE 26
#define AERO_ERR_FILTERED_OUT 27
#define AERO_ERR_LOST_CONFLICT 28
#define AERO_ERR_UDF 100
#define AERO_ERR_INDEX_FOUND 200
#define AERO_ERR_INDEX_NOT_FOUND 201
#define AERO_ERR_INDEX_NOT_READABLE 203
/** Client side: generic failure inside the library. */
#define AERO_ERR_CLIENT -1
/** Client side: an argument is invalid (NULL handle, malformed msgpack, bad policy, ...). */
#define AERO_ERR_PARAM -2
/** Client side: a seed host could not be parsed or resolved. */
#define AERO_ERR_INVALID_HOST -4
/** Client side: a scan or query was stopped by aero_query_cancel(). */
#define AERO_ERR_CLIENT_ABORT -5
/** Client side: the node's connection pool is at max_conns_per_node. */
#define AERO_ERR_NO_MORE_CONNECTIONS -7
/** Client side: no node serves the key's partition, or no node is reachable. */
#define AERO_ERR_INVALID_NODE -8
/** Client side: a socket failed (refused, reset, closed mid-reply). */
#define AERO_ERR_CONNECTION -10
/** Client side: max_retries ran out on retryable errors. */
#define AERO_ERR_MAX_RETRIES_EXCEEDED -12
/** Client side: the client has been closed. */
#define AERO_ERR_CLIENT_CLOSED -30
/** Client side: the client is not connected (call aero_client_connect() first). */
#define AERO_ERR_NOT_CONNECTED -31
/** Client side: a command waited longer than operation_queue_timeout_ms for a slot. */
#define AERO_ERR_BACKPRESSURE -32
/** Client side: the client was created in a parent process; make a new one after fork(). */
#define AERO_ERR_FORKED -33

/** @brief The symbolic name of a status code ("AERO_ERR_TIMEOUT"); static storage,
 * "AERO_ERR_UNKNOWN" for codes this library does not know. */
AERO_EXTERN const char *aero_status_name(aero_status code);
/** @} */

/** @name Errors
 * @{ */
typedef struct aero_error aero_error;

/** @brief Makes an error object; NULL when out of memory. Free with aero_error_destroy(). */
AERO_EXTERN aero_error *aero_error_new(void);
/** @brief Frees an error object. */
AERO_EXTERN void aero_error_destroy(aero_error *err);
/** @brief The status of the last call that used @p err (AERO_OK after success). */
AERO_EXTERN aero_status aero_error_code(const aero_error *err);
/** @brief A readable message; valid until @p err is reused or destroyed. Empty after success. */
AERO_EXTERN const char *aero_error_message(const aero_error *err);
/** @brief 1 when a failed write may nevertheless have been applied on the server, else 0. */
AERO_EXTERN int aero_error_in_doubt(const aero_error *err);
/** @brief The name of the node that answered or failed, or "" when no node was involved;
 * valid until @p err is reused or destroyed. */
AERO_EXTERN const char *aero_error_node(const aero_error *err);
/** @} */

/** @name Buffers
 * @{ */
typedef struct aero_buf aero_buf;

/** @brief Makes an empty result buffer; NULL when out of memory. */
AERO_EXTERN aero_buf *aero_buf_new(void);
/** @brief Frees a buffer and its content. */
AERO_EXTERN void aero_buf_destroy(aero_buf *buf);
/** @brief The buffer's bytes; valid until the next call that writes @p buf. */
AERO_EXTERN const uint8_t *aero_buf_data(const aero_buf *buf);
/** @brief The number of bytes in the buffer. */
AERO_EXTERN size_t aero_buf_size(const aero_buf *buf);
/** @brief Both at once, for hosts where each call costs: the number of bytes, with their
 * address in @p data (valid until the next call that writes @p buf). */
AERO_EXTERN size_t aero_buf_view(const aero_buf *buf, const uint8_t **data);
/** @brief Binds caller-owned slots that every call writing @p buf keeps up to date: before it
 * returns, it stores the buffer's address in @p data and its size in @p size (both NULL
 * unbind). A host where each call into the library costs (Python releases its interpreter
 * lock at each one) then reads a result without a call of its own. The slots must outlive the
 * binding; the buffer is still one call's at a time. */
AERO_EXTERN void aero_buf_watch(aero_buf *buf, const uint8_t **data, size_t *size);
/** @} */

/** @name Configuration
 * A string-keyed set of client settings. aero_config_count() and aero_config_property()
 * enumerate the known keys, so that bindings can tell which of their options to pass on.
 * Keys (all values are given as text):
 * - hosts: "host[:port][,host[:port]...]", IPv6 as "[addr]:port"; port 3000 by default.
 * - cluster_name: refuse nodes whose cluster-name differs.
 * - user, password: credentials (security-enabled servers).
 * - timeout: milliseconds each step of connecting and tending (a connection, a login, an
 *   info exchange) may take (1000). 0 is no limit of its own: aero_client_connect() waits
 *   as long as the seeds take, and a later tend's steps wait at most tend_interval.
 * - idle_timeout: seconds a pooled socket may sit idle before it is discarded (55; 1 to 86400).
 * - max_conns_per_node (256, at least 1), min_conns_per_node (0, at most max_conns_per_node):
 *   connection pool bounds per node.
 * - tend_interval: milliseconds between cluster tends (1000, at least 10).
 * - use_services_alternate: "true"/"false"; use the nodes' alternate addresses.
 * - host_lock: "true"/"false" (false); the calling program runs one thread at a time under a
 *   lock of its own (CPython's global interpreter lock). A sync command that is done while
 *   another thread of the program is outside libaero then yields its CPU for up to 20 us
 *   before it returns, so that the thread holding the lock can release it rather than this
 *   one sleep on it.
 * - max_concurrent_operations (0 = unlimited), operation_queue_timeout_ms (0 = wait forever).
 * - policies.read.<name>, policies.write.<name>: client-wide defaults for the policy keys
 *   socket_timeout, total_timeout, max_retries, sleep_between_retries.
 * @{ */
typedef struct aero_config aero_config;

/** @brief Makes a configuration holding every default. */
AERO_EXTERN aero_status aero_config_new(aero_config **out, aero_error *err);
/** @brief Frees a configuration. */
AERO_EXTERN void aero_config_destroy(aero_config *config);
/** @brief Sets @p key to @p value (copied).
 * @returns AERO_ERR_PARAM with a message naming the key, for an unknown key or a value of
 * the wrong form or out of range; the configuration is then unchanged. */
AERO_EXTERN aero_status aero_config_set(aero_config *config, const char *key, const char *value,
                                        aero_error *err);
/** @brief Writes the current value of @p key, as text, into @p out. */
AERO_EXTERN aero_status aero_config_get(aero_buf *out, const aero_config *config, const char *key,
                                        aero_error *err);
/** @brief The number of known configuration keys. */
AERO_EXTERN size_t aero_config_count(void);
/** @brief The name of known key @p index (0 <= index < aero_config_count()), else NULL;
 * static storage. */
AERO_EXTERN const char *aero_config_property(size_t index);
/** @} */

/** @name Client lifecycle
 * @{ */
typedef struct aero_client aero_client;

/** @brief Makes a client from @p config (copied; the caller keeps and frees its own).
 * No connection is made until aero_client_connect().
 * @returns AERO_ERR_PARAM, naming the keys, when settings contradict each other
 * (min_conns_per_node above max_conns_per_node). */
AERO_EXTERN aero_status aero_client_new(aero_client **out, const aero_config *config, aero_error *err);
/** @brief Connects to the seed hosts, learns the cluster's nodes and partition map, and starts
 * the tend thread.
 * @returns AERO_ERR_CLIENT if already connected; AERO_ERR_INVALID_HOST, AERO_ERR_CONNECTION,
 * AERO_ERR_TIMEOUT or AERO_ERR_INVALID_NODE when no seed gives a usable node. */
AERO_EXTERN aero_status aero_client_connect(aero_client *client, aero_error *err);
/** @brief 1 when connected and not closed, else 0. */
AERO_EXTERN int aero_client_is_connected(const aero_client *client);
/** @brief Stops the tend thread and closes every connection. Idempotent. Commands running on
 * other threads finish or fail with AERO_ERR_CLIENT_CLOSED; the client may connect again. */
AERO_EXTERN aero_status aero_client_close(aero_client *client, aero_error *err);
/** @brief Closes (if needed) and frees the client. No other thread may use it any more. */
AERO_EXTERN void aero_client_destroy(aero_client *client);
/** @brief Writes the names of the live nodes into @p out as a msgpack array of str. */
AERO_EXTERN aero_status aero_client_node_names(aero_buf *out, aero_client *client, aero_error *err);
/** @brief The client's counters into @p out (no I/O): a msgpack map {"cluster": {"nodes",
 * "epoch" (bumped each time the tender publishes a changed view), "tends"}, "nodes": [{"name",
 * "address", "connections": {"open", "in_use", "idle" (sync pool), "async_open", "recovered",
 * "aborted" (connections whose reply timed out and were drained and pooled again, or closed
 * when the drain failed: the timeout_delay policy)}, "in_flight", "commands" (attempts sent), "errors" (attempts that failed: connection,
 * timeout, transient server codes), "timeouts", "retries"}, ...]}. */
AERO_EXTERN aero_status aero_client_stats(aero_buf *out, aero_client *client, aero_error *err);
/** @brief The tender's cluster view into @p out (no I/O): {"epoch": int, "nodes": [{"name",
 * "address", "partitions": {namespace: [masters, replicas]}}, ...]}. */
AERO_EXTERN aero_status aero_client_cluster_view(aero_buf *out, aero_client *client, aero_error *err);
/** @} */

/** @name Info
 * @{ */
/** @brief Sends one info command to the node named @p node, or to a random node when @p node
 * is NULL, and writes the value returned (text, without the echoed command) into @p out.
 * An "ERROR:code:message" value is returned as the matching status. */
AERO_EXTERN aero_status aero_client_info(aero_buf *out, aero_client *client, const char *node,
                                         const char *command, const uint8_t *policy, size_t policy_len,
                                         aero_error *err);
/** @brief Sends one info command to every node and writes a msgpack array of
 * [node_name, status, value] into @p out. Per-node failures are reported in their entry. */
AERO_EXTERN aero_status aero_client_info_all(aero_buf *out, aero_client *client, const char *command,
                                             const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Removes the records of @p ns (and of @p set when it is not NULL or empty) last
 * updated before @p before_nanos (nanoseconds since the Unix epoch; 0 = now) on every node. */
AERO_EXTERN aero_status aero_client_truncate(aero_client *client, const char *ns, const char *set,
                                             uint64_t before_nanos, const uint8_t *policy,
                                             size_t policy_len, aero_error *err);
/** @} */

/** @name User and role administration
 * Needs a server with security (Aerospike Enterprise, or aero-server --security); a
 * Community server refuses every command with AERO_ERR 51 (SECURITY_NOT_SUPPORTED).
 * @{ */
/** @brief Runs one admin command on a random node (the server spreads it to the cluster).
 * @p request is a msgpack map with "command" and that command's keys:
 * - "create_user": user, password, roles; "drop_user": user;
 *   "change_password": user, password (the client's own user changes it with the old
 *   password and logs in again with the new one; any other user's is set by an admin);
 *   "grant_roles" / "revoke_roles": user, roles; "query_users": user (optional: all users);
 * - "create_role": role, privileges, whitelist (optional), read_quota, write_quota
 *   (optional, 0 = none); "drop_role": role; "grant_privileges" / "revoke_privileges":
 *   role, privileges; "set_whitelist": role, whitelist (empty clears it);
 *   "set_quotas": role, read_quota, write_quota; "query_roles": role (optional: all roles).
 *
 * user, password and role are str; roles and whitelist arrays of str; privileges an array of
 * maps {code: AERO_PRIV_* int, ns: str (optional), set: str (optional)} (codes below 10 are
 * global and take neither); quotas uint32 records per second.
 * @p out gets nil, or for the queries an array of maps: users {user, roles, conns_in_use,
 * read_info, write_info} (the info arrays hold quota, tps, rps, rps-zero count), roles
 * {name, privileges, allowlist, read_quota, write_quota}.
 * @returns AERO_ERR_PARAM for a malformed request (unknown command, key or privilege,
 * wrong type); the server's code (60 invalid user, 61 user exists, 70 invalid role,
 * 72 invalid privilege, 81 role violation, ...) when it refuses. */
AERO_EXTERN aero_status aero_client_admin(aero_buf *out, aero_client *client, const uint8_t *request,
                                          size_t request_len, const uint8_t *policy, size_t policy_len,
                                          aero_error *err);
/** Privilege codes of aero_client_admin (global only). */
#define AERO_PRIV_USER_ADMIN 0
#define AERO_PRIV_SYS_ADMIN 1
#define AERO_PRIV_DATA_ADMIN 2
#define AERO_PRIV_UDF_ADMIN 3
#define AERO_PRIV_SINDEX_ADMIN 4
/** Privilege codes of aero_client_admin (global, or scoped to a namespace or set). */
#define AERO_PRIV_READ 10
#define AERO_PRIV_READ_WRITE 11
#define AERO_PRIV_READ_WRITE_UDF 12
#define AERO_PRIV_WRITE 13
#define AERO_PRIV_TRUNCATE 14
/** @} */

/** @name Policy values
 * @{ */
#define AERO_POLICY_KEY_DIGEST 0
#define AERO_POLICY_KEY_SEND 1
/** Write whether or not the record exists (upsert). */
#define AERO_POLICY_EXISTS_IGNORE 0
/** The record must exist; bins are merged. */
#define AERO_POLICY_EXISTS_UPDATE_ONLY 1
/** Replace all bins, creating the record when missing. */
#define AERO_POLICY_EXISTS_REPLACE 2
/** Replace all bins; the record must exist. */
#define AERO_POLICY_EXISTS_REPLACE_ONLY 3
/** The record must not exist. */
#define AERO_POLICY_EXISTS_CREATE_ONLY 4
#define AERO_POLICY_GEN_IGNORE 0
#define AERO_POLICY_GEN_EQ 1
#define AERO_POLICY_GEN_GT 2
#define AERO_POLICY_COMMIT_LEVEL_ALL 0
#define AERO_POLICY_COMMIT_LEVEL_MASTER 1
#define AERO_POLICY_READ_MODE_AP_ONE 0
#define AERO_POLICY_READ_MODE_AP_ALL 1
#define AERO_POLICY_REPLICA_MASTER 0
#define AERO_POLICY_REPLICA_SEQUENCE 1
#define AERO_POLICY_REPLICA_PREFER_RACK 2
/** Strong consistency: reads see this client's own writes (the master only). */
#define AERO_POLICY_READ_MODE_SC_SESSION 0
/** Strong consistency: reads are linearized across every client (the server checks). */
#define AERO_POLICY_READ_MODE_SC_LINEARIZE 1
/** Strong consistency: a replica may serve the read. */
#define AERO_POLICY_READ_MODE_SC_ALLOW_REPLICA 2
/** Strong consistency: a replica, or an unavailable partition's stale copy, may serve the read. */
#define AERO_POLICY_READ_MODE_SC_ALLOW_UNAVAILABLE 3
/** @} */

/** @name Operations (the op codes of the "ops" msgpack shape)
 * @{ */
#define AERO_OP_READ 1
#define AERO_OP_WRITE 2
#define AERO_OP_INCR 5
#define AERO_OP_APPEND 9
#define AERO_OP_PREPEND 10
#define AERO_OP_TOUCH 11
#define AERO_OP_DELETE 12
/** A list or map operation (see "Collection operations"). */
#define AERO_OP_CDT 3
/** A bit operation on a blob bin (see "Collection operations"). */
#define AERO_OP_BIT 13
/** A HyperLogLog operation (see "Collection operations"). */
#define AERO_OP_HLL 16
/** Evaluates an expression and answers its value under the op's bin name (see "Expressions"). */
#define AERO_OP_EXP_READ 7
/** Evaluates an expression and writes its value into the op's bin (see "Expressions"). */
#define AERO_OP_EXP_MODIFY 8
/** @} */

/** @name Expressions
 * An expression (a policy's filter_expression, an expression op's argument) is Aerospike's
 * expression tree in msgpack, or a msgpack bin holding such a tree already packed (so that a
 * binding can pack an expression once and send it many times). A node is an array
 * [code, operand, ...] with Aerospike's expression codes (AERO_EXP_*, below); a leaf is a
 * value in standard msgpack: nil, bool, int, float, str (text), bin (bytes), a map, msgpack
 * ext AERO_EXT_CMP (wildcard, infinity) or ext AERO_EXT_GEOJSON (its payload the GeoJSON
 * text). A list value is quoted: [AERO_EXP_QUOTE, [...]]. The library puts the values in
 * Aerospike's dialect; names and regular expressions stay text. The shapes:
 * - [AERO_EXP_BIN, AERO_EXP_TYPE_*, name]; [AERO_EXP_BIN_TYPE, name]; [AERO_EXP_KEY, type];
 *   record metadata [AERO_EXP_META_*] without operands, [AERO_EXP_DIGEST_MODULO, modulus].
 * - Comparisons [AERO_EXP_EQ .. AERO_EXP_LE, left, right], [AERO_EXP_GEO, left, right],
 *   [AERO_EXP_IN_LIST, value, list], [AERO_EXP_REGEX, flags, regex, string] (flags: 1
 *   extended, 2 ignore case, 4 no sub-matches, 8 newline).
 * - Logic [AERO_EXP_AND / _OR / _XOR, e, ...], [AERO_EXP_NOT, e]; arithmetic and integer bit
 *   ops [code, e, ...] (AERO_EXP_ADD .. AERO_EXP_INT_RSCAN, AERO_EXP_MIN, AERO_EXP_MAX).
 * - [AERO_EXP_COND, condition, action, ..., default]; [AERO_EXP_LET, name, value, ...,
 *   scope] and [AERO_EXP_VAR, name]; [AERO_EXP_UNKNOWN]. An expression write of nil with
 *   AERO_EXP_WRITE_ALLOW_DELETE deletes its bin.
 * - A collection call [AERO_EXP_CALL, result AERO_EXP_TYPE_*, system, [code, arg, ...],
 *   collection(, ctx)]: system AERO_EXP_CALL_CDT (list and map codes of "Collection
 *   operations"), _BIT or _HLL, OR AERO_EXP_CALL_MODIFY for a modify code (which answers the
 *   changed collection); an array arg is an expression evaluated first (quote list values);
 *   collection is an expression (a bin); ctx as in "Collection operations".
 * A tree the server cannot run answers AERO_ERR_PARAM; a malformed one is refused before
 * anything is sent.
 * @{ */
#define AERO_EXT_GEOJSON 2
#define AERO_EXP_UNKNOWN 0
#define AERO_EXP_EQ 1
#define AERO_EXP_NE 2
#define AERO_EXP_GT 3
#define AERO_EXP_GE 4
#define AERO_EXP_LT 5
#define AERO_EXP_LE 6
#define AERO_EXP_REGEX 7
#define AERO_EXP_GEO 8
#define AERO_EXP_IN_LIST 9
#define AERO_EXP_AND 16
#define AERO_EXP_OR 17
#define AERO_EXP_NOT 18
#define AERO_EXP_XOR 19
#define AERO_EXP_ADD 20
#define AERO_EXP_SUB 21
#define AERO_EXP_MUL 22
#define AERO_EXP_DIV 23
#define AERO_EXP_POW 24
#define AERO_EXP_LOG 25
#define AERO_EXP_MOD 26
#define AERO_EXP_ABS 27
#define AERO_EXP_FLOOR 28
#define AERO_EXP_CEIL 29
#define AERO_EXP_TO_INT 30
#define AERO_EXP_TO_FLOAT 31
#define AERO_EXP_INT_AND 32
#define AERO_EXP_INT_OR 33
#define AERO_EXP_INT_XOR 34
#define AERO_EXP_INT_NOT 35
#define AERO_EXP_INT_LSHIFT 36
#define AERO_EXP_INT_RSHIFT 37
#define AERO_EXP_INT_ARSHIFT 38
#define AERO_EXP_INT_COUNT 39
#define AERO_EXP_INT_LSCAN 40
#define AERO_EXP_INT_RSCAN 41
#define AERO_EXP_MIN 50
#define AERO_EXP_MAX 51
#define AERO_EXP_DIGEST_MODULO 64
#define AERO_EXP_META_DEVICE_SIZE 65
#define AERO_EXP_META_LAST_UPDATE 66
#define AERO_EXP_META_SINCE_UPDATE 67
#define AERO_EXP_META_VOID_TIME 68
#define AERO_EXP_META_TTL 69
#define AERO_EXP_META_SET_NAME 70
#define AERO_EXP_META_KEY_EXISTS 71
#define AERO_EXP_META_IS_TOMBSTONE 72
#define AERO_EXP_META_MEMORY_SIZE 73
#define AERO_EXP_META_RECORD_SIZE 74
#define AERO_EXP_KEY 80
#define AERO_EXP_BIN 81
#define AERO_EXP_BIN_TYPE 82
#define AERO_EXP_REMOVE_RESULT 100
#define AERO_EXP_MAP_KEYS 101
#define AERO_EXP_MAP_VALUES 102
#define AERO_EXP_COND 123
#define AERO_EXP_VAR 124
#define AERO_EXP_LET 125
#define AERO_EXP_QUOTE 126
#define AERO_EXP_CALL 127
#define AERO_EXP_TYPE_NIL 0
#define AERO_EXP_TYPE_BOOL 1
#define AERO_EXP_TYPE_INT 2
#define AERO_EXP_TYPE_STRING 3
#define AERO_EXP_TYPE_LIST 4
#define AERO_EXP_TYPE_MAP 5
#define AERO_EXP_TYPE_BLOB 6
#define AERO_EXP_TYPE_FLOAT 7
#define AERO_EXP_TYPE_GEO 8
#define AERO_EXP_TYPE_HLL 9
#define AERO_EXP_CALL_CDT 0
#define AERO_EXP_CALL_BIT 1
#define AERO_EXP_CALL_HLL 2
#define AERO_EXP_CALL_MODIFY 0x40
/** Expression read flag: answer nil instead of failing when the expression cannot be evaluated. */
#define AERO_EXP_READ_EVAL_NO_FAIL 16
/** Expression write flags. */
#define AERO_EXP_WRITE_CREATE_ONLY 1
#define AERO_EXP_WRITE_UPDATE_ONLY 2
#define AERO_EXP_WRITE_ALLOW_DELETE 4
#define AERO_EXP_WRITE_POLICY_NO_FAIL 8
#define AERO_EXP_WRITE_EVAL_NO_FAIL 16
/** @} */

/** @name Collection operations
 * An op [AERO_OP_CDT, bin, [code, arg, ...], ctx] runs Aerospike's list or map operation
 * `code` (AERO_LIST_*, AERO_MAP_*) with its arguments in the server's order, listed below.
 * The library encodes them: it picks the read or modify wire op from the code, converts the
 * values to Aerospike's msgpack dialect and wraps the context, so callers never see the
 * dialect. Arguments are standard msgpack; a value argument may be any storable value, and
 * the value-range arguments may also be the two comparison markers: msgpack ext type 1 with
 * the one byte 0x00 (AERO_EXT_WILDCARD: equal to anything) or 0x01 (AERO_EXT_INFINITY:
 * greater than anything). Trailing optional arguments may be left out.
 *
 * ctx (optional; nil or absent addresses the bin itself) selects a nested element, outermost
 * first: [[AERO_CTX_*, value], ...]. AERO_CTX_LIST_INDEX / _RANK take an int, _VALUE a value;
 * AERO_CTX_MAP_INDEX / _RANK an int, _KEY / _VALUE a value. OR-ing AERO_CTX_LIST_INDEX with
 * AERO_CTX_CREATE_LIST_UNORDERED, _UNORDERED_UNBOUND (pad with nils) or _ORDERED, or
 * AERO_CTX_MAP_KEY with AERO_CTX_CREATE_MAP_UNORDERED, _K_ORDERED or _KV_ORDERED, creates the
 * level when it is missing (in modify ops).
 *
 * return_type is AERO_RETURN_* (optionally OR AERO_RETURN_INVERTED); list attr is an
 * AERO_LIST_ORDER_*; map attr an AERO_MAP_ORDER_*; list flags AERO_LIST_WRITE_*; map flags
 * AERO_MAP_WRITE_*; count may be left out (to the end).
 *
 * List codes and arguments:
 * - SET_TYPE 0 (attr); APPEND 1 (value[, attr, flags]); APPEND_ITEMS 2 (values[, attr, flags]);
 *   INSERT 3 (index, value[, flags]); INSERT_ITEMS 4 (index, values[, flags]); POP 5 (index);
 *   POP_RANGE 6 (index[, count]); REMOVE 7 (index); REMOVE_RANGE 8 (index[, count]);
 *   SET 9 (index, value[, flags]); TRIM 10 (index, count); CLEAR 11 (); INCREMENT 12
 *   (index[, delta, attr, flags]); SORT 13 (sort_flags: AERO_LIST_SORT_*).
 * - Reads: SIZE 16 (); GET 17 (index); GET_RANGE 18 (index[, count]);
 *   GET_BY_INDEX 19 (return_type, index); GET_BY_VALUE 20 (return_type, value);
 *   GET_BY_RANK 21 (return_type, rank); GET_ALL_BY_VALUE 22 (return_type, value);
 *   GET_ALL_BY_VALUE_LIST 23 (return_type, values); GET_BY_INDEX_RANGE 24 (return_type,
 *   index[, count]); GET_BY_VALUE_INTERVAL 25 (return_type, begin[, end]: end nil or absent
 *   is infinity); GET_BY_RANK_RANGE 26 (return_type, rank[, count]);
 *   GET_BY_VALUE_REL_RANK_RANGE 27 (return_type, value, rank[, count]).
 * - REMOVE_BY_* 32..40: the same arguments as GET_BY_INDEX .. GET_BY_VALUE_REL_RANK_RANGE
 *   (code + 13).
 * Map codes and arguments:
 * - SET_TYPE 64 (attr); ADD 65 (key, value[, attr]); ADD_ITEMS 66 (map[, attr]); PUT 67
 *   (key, value[, attr, flags]); PUT_ITEMS 68 (map[, attr, flags]); REPLACE 69 (key, value);
 *   REPLACE_ITEMS 70 (map); INCREMENT 73 / DECREMENT 74 (key[, delta, attr]); CLEAR 75 ().
 * - REMOVE_BY_KEY 76 / _INDEX 77 / _VALUE 78 / _RANK 79 (return_type, key|index|value|rank);
 *   REMOVE_BY_KEY_LIST 81 (return_type, keys); REMOVE_ALL_BY_VALUE 82 (return_type, value);
 *   REMOVE_BY_VALUE_LIST 83 (return_type, values); REMOVE_BY_KEY_INTERVAL 84 (return_type,
 *   begin[, end]); REMOVE_BY_INDEX_RANGE 85 (return_type, index[, count]);
 *   REMOVE_BY_VALUE_INTERVAL 86 (return_type, begin[, end]); REMOVE_BY_RANK_RANGE 87
 *   (return_type, rank[, count]); REMOVE_BY_KEY_REL_INDEX_RANGE 88 (return_type, key,
 *   index[, count]); REMOVE_BY_VALUE_REL_RANK_RANGE 89 (return_type, value, rank[, count]).
 * - Reads: SIZE 96 (); GET_BY_KEY 97 / _INDEX 98 / _VALUE 99 / _RANK 100, GET_ALL_BY_VALUE 102,
 *   GET_BY_KEY_INTERVAL 103, _INDEX_RANGE 104, _VALUE_INTERVAL 105, _RANK_RANGE 106,
 *   GET_BY_KEY_LIST 107, GET_BY_VALUE_LIST 108, GET_BY_KEY_REL_INDEX_RANGE 109,
 *   GET_BY_VALUE_REL_RANK_RANGE 110: the arguments of the REMOVE_BY_* of the same name.
 *
 * An op [AERO_OP_BIT, bin, [code, arg, ...]] runs a bit operation on a blob bin (bytes
 * operands are msgpack bin): RESIZE 0 (byte_size[, policy_flags, resize_flags]); INSERT 1 (byte_offset, bytes[,
 * policy_flags]); REMOVE 2 (byte_offset, byte_size[, policy_flags]); SET 3 / OR 4 / XOR 5 /
 * AND 6 (bit_offset, bit_size, bytes[, policy_flags]); NOT 7 (bit_offset, bit_size[,
 * policy_flags]); LSHIFT 8 / RSHIFT 9 (bit_offset, bit_size, shift[, policy_flags]); ADD 10 /
 * SUBTRACT 11 (bit_offset, bit_size, value[, policy_flags, action_flags]); SET_INT 12
 * (bit_offset, bit_size, value[, policy_flags]); reads GET 50 / COUNT 51 (bit_offset,
 * bit_size); LSCAN 52 / RSCAN 53 (bit_offset, bit_size, bool); GET_INT 54 (bit_offset,
 * bit_size[, signed_flag 1]). policy_flags are AERO_BIT_WRITE_*, resize_flags
 * AERO_BIT_RESIZE_*, action_flags AERO_BIT_OVERFLOW_* (with 1 for signed).
 *
 * An op [AERO_OP_HLL, bin, [code, arg, ...]] runs a HyperLogLog operation: INIT 0
 * (index_bits[, minhash_bits, flags]); ADD 1 (values[, index_bits, minhash_bits, flags]);
 * SET_UNION 2 (hlls[, flags]); REFRESH_COUNT 3 (); FOLD 4 (index_bits); reads COUNT 50 ();
 * GET_UNION 51 / UNION_COUNT 52 / INTERSECT_COUNT 53 / SIMILARITY 54 (hlls); DESCRIBE 55 ().
 * hlls is an array of HLL bin values (msgpack bin); -1 leaves a bit count to the server; flags
 * are AERO_HLL_WRITE_*.
 *
 * Results come back as the op's bin in the record shape: a value, or for several results of
 * one bin one entry each, in op order.
 * @{ */
#define AERO_EXT_CMP 1
#define AERO_EXT_WILDCARD 0
#define AERO_EXT_INFINITY 1

#define AERO_CTX_LIST_INDEX 0x10
#define AERO_CTX_LIST_RANK 0x11
#define AERO_CTX_LIST_VALUE 0x13
#define AERO_CTX_MAP_INDEX 0x20
#define AERO_CTX_MAP_RANK 0x21
#define AERO_CTX_MAP_KEY 0x22
#define AERO_CTX_MAP_VALUE 0x23
#define AERO_CTX_CREATE_LIST_UNORDERED 0x40
#define AERO_CTX_CREATE_LIST_UNORDERED_UNBOUND 0x80
#define AERO_CTX_CREATE_LIST_ORDERED 0xc0
#define AERO_CTX_CREATE_MAP_UNORDERED 0x40
#define AERO_CTX_CREATE_MAP_K_ORDERED 0x80
#define AERO_CTX_CREATE_MAP_KV_ORDERED 0xc0

#define AERO_RETURN_NONE 0
#define AERO_RETURN_INDEX 1
#define AERO_RETURN_REVERSE_INDEX 2
#define AERO_RETURN_RANK 3
#define AERO_RETURN_REVERSE_RANK 4
#define AERO_RETURN_COUNT 5
#define AERO_RETURN_KEY 6
#define AERO_RETURN_VALUE 7
#define AERO_RETURN_KEY_VALUE 8
#define AERO_RETURN_EXISTS 13
#define AERO_RETURN_UNORDERED_MAP 16
#define AERO_RETURN_ORDERED_MAP 17
#define AERO_RETURN_INVERTED 0x10000

#define AERO_LIST_ORDER_UNORDERED 0
#define AERO_LIST_ORDER_ORDERED 1
#define AERO_LIST_SORT_DEFAULT 0
#define AERO_LIST_SORT_DESCENDING 1
#define AERO_LIST_SORT_DROP_DUPLICATES 2
#define AERO_LIST_WRITE_ADD_UNIQUE 1
#define AERO_LIST_WRITE_INSERT_BOUNDED 2
#define AERO_LIST_WRITE_NO_FAIL 4
#define AERO_LIST_WRITE_PARTIAL 8
#define AERO_MAP_ORDER_UNORDERED 0
#define AERO_MAP_ORDER_KEY_ORDERED 1
#define AERO_MAP_ORDER_KEY_VALUE_ORDERED 3
#define AERO_MAP_WRITE_CREATE_ONLY 1
#define AERO_MAP_WRITE_UPDATE_ONLY 2
#define AERO_MAP_WRITE_NO_FAIL 4
#define AERO_MAP_WRITE_PARTIAL 8
#define AERO_BIT_WRITE_CREATE_ONLY 1
#define AERO_BIT_WRITE_UPDATE_ONLY 2
#define AERO_BIT_WRITE_NO_FAIL 4
#define AERO_BIT_WRITE_PARTIAL 8
#define AERO_BIT_RESIZE_FROM_FRONT 1
#define AERO_BIT_RESIZE_GROW_ONLY 2
#define AERO_BIT_RESIZE_SHRINK_ONLY 4
#define AERO_BIT_OVERFLOW_FAIL 0
#define AERO_BIT_OVERFLOW_SATURATE 2
#define AERO_BIT_OVERFLOW_WRAP 4
#define AERO_HLL_WRITE_CREATE_ONLY 1
#define AERO_HLL_WRITE_UPDATE_ONLY 2
#define AERO_HLL_WRITE_NO_FAIL 4
#define AERO_HLL_WRITE_ALLOW_FOLD 8
/** @} */

/** @name Batch row kinds (the "kind" of a row of aero_client_batch())
 * @{ */
#define AERO_BATCH_READ 0
#define AERO_BATCH_WRITE 1
#define AERO_BATCH_OPERATE 2
#define AERO_BATCH_DELETE 3
#define AERO_BATCH_UDF 4
/** @} */

/** @name Single-record commands
 * Each is one round trip to the node that owns the key's partition, retried per policy.
 * On failure the error tells the result code and whether a write is in doubt.
 * @{ */
/** @brief Writes @p bins (msgpack map) to the record. */
AERO_EXTERN aero_status aero_client_put(aero_client *client, const uint8_t *key, size_t key_len,
                                        const uint8_t *bins, size_t bins_len, const uint8_t *policy,
                                        size_t policy_len, aero_error *err);
/** @brief aero_client_put() under the client's default write policy (@p policy NULL), with
 * two arguments fewer: a caller through a dynamic FFI (libffi) pays about 45 ns an argument. */
AERO_EXTERN aero_status aero_client_put_default(aero_client *client, const uint8_t *key, size_t key_len,
                                                const uint8_t *bins, size_t bins_len, aero_error *err);
/** @brief Reads the record into @p out (record shape, bins as a map). @p names (msgpack array
 * of str) selects bins; NULL reads them all.
 * @returns AERO_ERR_RECORD_NOT_FOUND when there is no such record. */
AERO_EXTERN aero_status aero_client_get(aero_buf *out, aero_client *client, const uint8_t *key,
                                        size_t key_len, const uint8_t *names, size_t names_len,
                                        const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief aero_client_get() of every bin under the client's default read policy (@p names and
 * @p policy NULL), with four arguments fewer (see aero_client_put_default()). */
AERO_EXTERN aero_status aero_client_get_default(aero_buf *out, aero_client *client, const uint8_t *key,
                                                size_t key_len, aero_error *err);
/** @brief Reads the record's metadata into @p out as [digest, generation, ttl].
 * @returns AERO_ERR_RECORD_NOT_FOUND when there is no such record. */
AERO_EXTERN aero_status aero_client_exists(aero_buf *out, aero_client *client, const uint8_t *key,
                                           size_t key_len, const uint8_t *policy, size_t policy_len,
                                           aero_error *err);
/** @brief Deletes the record.
 * @returns AERO_ERR_RECORD_NOT_FOUND when there is no such record. */
AERO_EXTERN aero_status aero_client_remove(aero_client *client, const uint8_t *key, size_t key_len,
                                           const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Resets the record's TTL (policy "ttl") and bumps its generation.
 * @returns AERO_ERR_RECORD_NOT_FOUND when there is no such record. */
AERO_EXTERN aero_status aero_client_touch(aero_client *client, const uint8_t *key, size_t key_len,
                                          const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Runs @p ops (msgpack array, see "ops") on the record atomically and writes the
 * record shape into @p out with bins as [name, value] pairs in operation order. */
AERO_EXTERN aero_status aero_client_operate(aero_buf *out, aero_client *client, const uint8_t *key,
                                            size_t key_len, const uint8_t *ops, size_t ops_len,
                                            const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Runs the record UDF @p udf on the record: @p udf is msgpack [module, function] or
 * [module, function, args] (module without ".lua", args an array of values). The policy is a
 * write policy (the function may create, change or delete the record). @p out gets the record
 * shape with one bin, "SUCCESS", holding the function's return value (nil for none).
 * @returns AERO_ERR_UDF (100) when the function fails, with the server's message (say
 *          "<file>:5: boom" or "function not found"). */
AERO_EXTERN aero_status aero_client_apply(aero_buf *out, aero_client *client, const uint8_t *key,
                                          size_t key_len, const uint8_t *udf, size_t udf_len,
                                          const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Runs a batch of single-record rows, one request per node in parallel, and writes
 * one result per row into @p out, in input order.
 *
 * @p rows is a msgpack array of [key, kind, arg] or [key, kind, arg, policy] where kind is
 * AERO_BATCH_READ (arg: nil for every bin, or [name, ...]; [] reads the header only),
 * AERO_BATCH_WRITE (arg: bins map), AERO_BATCH_OPERATE (arg: ops), AERO_BATCH_DELETE
 * (arg: nil) or AERO_BATCH_UDF (arg: a UDF call, see aero_client_apply(); the row's bins are
 * {"SUCCESS": value}, or {"FAILURE": message} with status 100); a row's policy map overrides the batch @p policy for that row (exists, gen,
 * generation, ttl, key, durable_delete, commit_level). A row whose key holds an array of user
 * keys, [[ns, set, [user_key, ...]], kind, arg(, policy)], stands for one row per user key
 * (at least one), each with that kind, arg and policy, in order: a batch of many keys with the
 * same request need not repeat it. The result is a msgpack array of
 * [status, generation, ttl, bins, in_doubt, digest] per row: bins is a map (empty for header
 * reads and writes; for AERO_BATCH_OPERATE rows an array of [name, value] pairs in operation
 * order, as aero_client_operate() gives them) when status is AERO_OK, else nil (but for a
 * failed UDF row's FAILURE bin). Rows fail one by one (a missing record is
 * AERO_ERR_RECORD_NOT_FOUND in its row); the call fails only when the batch itself cannot run.
 * Failed node requests are retried per policy, regrouping their rows by owner. */
AERO_EXTERN aero_status aero_client_batch(aero_buf *out, aero_client *client, const uint8_t *rows, size_t rows_len,
                                          const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief aero_client_batch() for read rows whose results go straight into caller memory laid
 * out as a table (a NumPy structured array, say) instead of msgpack.
 *
 * @p records holds @p count rows of "stride" bytes, one per row of @p rows (a run of keys counts
 * a row per user key); @p layout is a msgpack map
 * {"stride": int, "fields": [[bin_name, offset, kind, size], ...]} where kind is "i"
 * (signed int), "u" (unsigned), "f" (float, 4 or 8 bytes), "S" or "V" (fixed bytes, filled
 * from string or blob bins, cut or zero-padded). Numbers are stored in native byte order.
 * For each row, @p meta gets u32 generation and u32 ttl (8 bytes) and @p codes its result
 * code; a bin whose type does not fit its field flags the row with
 * AERO_ERR_BIN_INCOMPATIBLE_TYPE. Bins without a field are skipped, fields without a bin left
 * as they were. @p out gets nil. The memory must stay valid until the call returns. */
AERO_EXTERN aero_status aero_client_batch_into(aero_buf *out, aero_client *client, const uint8_t *rows,
                                               size_t rows_len, const uint8_t *layout, size_t layout_len,
                                               uint8_t *records, uint8_t *meta, int32_t *codes, size_t count,
                                               const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Computes the 20-byte digest of @p key (msgpack key shape) into @p digest_out. */
AERO_EXTERN aero_status aero_key_digest(uint8_t *digest_out, const uint8_t *key, size_t key_len,
                                        aero_error *err);
/** @} */

/** @name Scans and queries
 * A scan reads every record of a namespace (or of one set); a query reads the records a
 * secondary index finds. Both run by partition on every node at once, in the background,
 * from aero_query_new() on; the caller drains the records a page at a time with
 * aero_query_next() (one call per page, not per record). At most "record_queue_size"
 * records wait decoded in memory: when the caller falls behind, the nodes' streams pause.
 *
 * @p spec is a msgpack map:
 * - ns (str, required), set (str; absent or "" = the whole namespace).
 * - bins: [name, ...] to read only those bins (absent = every bin); no_bins: true reads
 *   the records' metadata only.
 * - where: the index predicate, a map {bin (str) | index_name (str), begin, end, collection,
 *   ctx}: begin and end are ints (an inclusive range), or a str, bin or AERO_EXT_GEOJSON ext
 *   (equality; end absent or equal to begin). A GeoJSON begin finds the points within a
 *   region (AeroCircle for a radius) or the regions that contain a point. collection is
 *   AERO_INDEX_COLLECTION_* for an index over list elements, map keys or map values; ctx
 *   (as in collection ops) for an index on a nested element. Absent: a scan.
 * - partitions: [begin, count] (default [0, 4096]); after: a 20-byte digest, to start in its
 *   partition just after it; status: a saved aero_query_status() list, to resume where an
 *   earlier run stopped (not with partitions or after).
 * - max_records: the most records this run returns (0 = no limit), spread over the nodes.
 * - records_per_second (per node, 0 = no limit), expected_duration (AERO_QUERY_DURATION_*),
 *   record_queue_size (default 1024), max_concurrent_nodes (0 = all at once).
 * - ops: write operations (the "ops" shape) to apply to every record the scan or query finds,
 *   as a background job on the server: the query then returns no records and ends once every
 *   node has started the job; follow it with aero_query_task_id() and info "query-show". The
 *   policy's write keys (ttl, durable_delete, exists, commit_level) apply; the job never
 *   creates a record. Not with partitions, status, bins or max_records.
 * - udf: a UDF call (see aero_client_apply()) to run on every record found, as a background
 *   job like "ops" (and with the same rules; not with ops).
 * - aggregate: a UDF call naming a stream function: each node runs its map, filter, aggregate
 *   and first reduce over its records, and the client runs the rest over the nodes' values
 *   with an embedded Lua 5.4, using the module's source as registered on the cluster (read
 *   once with "udf-get"), so a cluster of any size gives one result. Pages then hold the
 *   results, one value each (not 6 values per record), all at the end. Not with partitions,
 *   status, bins or max_records.
 * @p policy takes the usual keys (timeouts, max_retries, sleep_between_retries, replica,
 * read_touch_ttl_percent, filter_expression); total_timeout covers the whole run (default
 * none) and max_retries counts rounds over failed partitions (default 5).
 *
 * Each page is one msgpack array of 6 values per record, record after record: digest,
 * set | nil, user_key | nil, generation, ttl, bins (a map, empty with no_bins); a flat array,
 * so that a host decodes no array per record. Partitions a node could not serve are asked
 * of the next replica, resuming after their last record, so a node failing mid-scan loses
 * and repeats nothing.
 * @{ */
typedef struct aero_query aero_query;

#define AERO_INDEX_COLLECTION_DEFAULT 0
#define AERO_INDEX_COLLECTION_LIST 1
#define AERO_INDEX_COLLECTION_MAPKEYS 2
#define AERO_INDEX_COLLECTION_MAPVALUES 3

#define AERO_QUERY_DURATION_LONG 0
#define AERO_QUERY_DURATION_SHORT 1
#define AERO_QUERY_DURATION_LONG_RELAX_AP 2

/** @brief Checks @p spec and @p policy and starts the scan or query.
 * @returns AERO_ERR_PARAM for a bad spec or policy; server errors (such as
 *          AERO_ERR_INDEX_NOT_FOUND) come from aero_query_next(). */
AERO_EXTERN aero_status aero_query_new(aero_query **out, aero_client *client, const uint8_t *spec,
                                       size_t spec_len, const uint8_t *policy, size_t policy_len,
                                       aero_error *err);
/** @brief Moves the records that have arrived into @p out (a page, possibly empty), waiting up
 * to @p wait_ms for the first one (-1: until one arrives or the query ends; 0: not at all).
 * Sets @p done to 1 once the query has ended and every record was handed out. A failure is
 * returned by the call after the page that holds the last records; a cancelled query ends
 * with AERO_ERR_CLIENT_ABORT. Call from one thread at a time. */
AERO_EXTERN aero_status aero_query_next(aero_buf *out, int *done, aero_query *query, int wait_ms,
                                        aero_error *err);
/** @brief An fd (owned by the query) that is readable while a page or the end waits for
 * aero_query_next(); for host event loops. -1 for NULL. */
AERO_EXTERN int aero_query_fd(const aero_query *query);
/** @brief Stops the query: its sockets are closed and aero_query_next() reports the end. Any
 * thread. */
AERO_EXTERN void aero_query_cancel(aero_query *query);
/** @brief Once the query has ended: the partitions' progress into @p out as
 * [[partition_id, done, last_digest | nil, last_bval], ...] (give it back as spec "status" to
 * continue, say after max_records), and in @p complete 1 when every partition is finished.
 * @returns AERO_ERR_CLIENT while the query still runs. */
AERO_EXTERN aero_status aero_query_status(aero_buf *out, int *complete, aero_query *query, aero_error *err);
/** @brief The id the nodes know the query by (info "query-show:id=<id>"), for a background
 * job's progress; 0 for NULL. */
AERO_EXTERN uint64_t aero_query_task_id(const aero_query *query);
/** @brief Cancels the query if it still runs, waits for its threads and frees it. */
AERO_EXTERN void aero_query_destroy(aero_query *query);

/** @brief Creates a secondary index and waits until every node has built it. @p spec is a
 * msgpack map {ns, set (optional), name, bin, type: "numeric" | "string" | "blob" |
 * "geo2dsphere", collection (AERO_INDEX_COLLECTION_*, optional), ctx (optional)}. Creating
 * an index that exists with the same definition succeeds; the same name with another
 * definition gives AERO_ERR_INDEX_FOUND. */
AERO_EXTERN aero_status aero_client_index_create(aero_client *client, const uint8_t *spec, size_t spec_len,
                                                 const uint8_t *policy, size_t policy_len, aero_error *err);
/** @brief Drops the secondary index @p name of namespace @p ns (a missing one is not an
 * error). */
AERO_EXTERN aero_status aero_client_index_remove(aero_client *client, const char *ns, const char *name,
                                                 const uint8_t *policy, size_t policy_len, aero_error *err);
/** @} */

/** @name Log
 * libaero's own log lines (connects, nodes added and removed, partition maps applied,
 * retries, tend failures) wait, process-wide, in a queue of at most 4096 lines that the host
 * drains; the library never calls into the host. A line that finds the queue full is dropped
 * and counted.
 * @{ */
#define AERO_LOG_OFF -1
#define AERO_LOG_ERROR 0
#define AERO_LOG_WARN 1
#define AERO_LOG_INFO 2
#define AERO_LOG_DEBUG 3
#define AERO_LOG_TRACE 4
/** @brief Keeps lines up to @p level (AERO_LOG_*; AERO_LOG_WARN until set). Any thread. */
AERO_EXTERN void aero_log_set_level(int level);
/** @brief The level set. */
AERO_EXTERN int aero_log_level(void);
/** @brief Moves up to @p max waiting lines into @p out as a msgpack array of [level,
 * unix_millis, message] and their number into @p count. */
AERO_EXTERN aero_status aero_log_drain(aero_buf *out, size_t *count, size_t max, aero_error *err);
/** @brief Lines dropped because the queue was full, since the process started. */
AERO_EXTERN uint64_t aero_log_dropped(void);
/** @brief An fd (owned by the library) readable while lines wait, for the host to watch; -1
 * if it cannot be made. */
AERO_EXTERN int aero_log_fd(void);
/** @} */

/** @name Metrics
 * Process-wide, for every client: each data command (single-record, batch, scan or query)
 * adds its duration, from the call (or submit) to its result, to a histogram labelled with
 * the operation, the namespace, the set and the result code. Recording is on by default; it
 * costs one clock read at each end and a short lock, and no allocation once a series exists.
 * The operation is the command's own name ("put", "get", "exists", "delete", "touch",
 * "operate", "apply", "batch", "query") unless the policy's "metrics_op" (a string of up to 31
 * bytes) names it; "exists" and "delete" record a missing record as success (code 0).
 * @{ */
/** @brief Turns recording on (non-zero) or off. Any thread. */
AERO_EXTERN void aero_metrics_set_enabled(int enabled);
/** @brief 1 while recording is on, else 0. */
AERO_EXTERN int aero_metrics_enabled(void);
/** @brief Every series into @p out as a msgpack array of [op, ns, set, code, count,
 * sum_seconds, [bucket, ...]]: the counts of durations up to 0.001, 0.005, 0.01, 0.05, 0.1,
 * 0.5, 1, 5 and 10 seconds (each bucket alone, not cumulative), then of longer ones. */
AERO_EXTERN aero_status aero_metrics_snapshot(aero_buf *out, aero_error *err);
/** @brief Forgets every series. */
AERO_EXTERN void aero_metrics_reset(void);
/** @} */

/** @name User-defined functions (Lua modules)
 * Modules are registered on the whole cluster; each call waits until every node agrees.
 * @{ */
/** @brief Registers @p content (Lua 5.4 source) as module file @p filename ("name.lua") and
 * waits until every node lists it.
 * @returns AERO_ERR_UDF (100) for source the server cannot compile, with
 *          "<file>:<line>: <message>". */
AERO_EXTERN aero_status aero_client_udf_put(aero_client *client, const char *filename, const uint8_t *content,
                                            size_t content_len, const uint8_t *policy, size_t policy_len,
                                            aero_error *err);
/** @brief Removes module file @p filename and waits until no node lists it (a module that is
 * not registered is not an error, as on the server). */
AERO_EXTERN aero_status aero_client_udf_remove(aero_client *client, const char *filename, const uint8_t *policy,
                                               size_t policy_len, aero_error *err);
/** @brief The registered modules into @p out: a msgpack array of [filename, hash, type]
 * (hash as the server computes it, type "LUA"). */
AERO_EXTERN aero_status aero_client_udf_list(aero_buf *out, aero_client *client, const uint8_t *policy,
                                             size_t policy_len, aero_error *err);
/** @brief The source of module file @p filename into @p out (raw bytes, not msgpack).
 * @returns AERO_ERR_UDF (100) when no such module is registered. */
AERO_EXTERN aero_status aero_client_udf_get(aero_buf *out, aero_client *client, const char *filename,
                                            const uint8_t *policy, size_t policy_len, aero_error *err);
/** @} */

/** @name Async commands and completion queues
 * Async commands run on the client's event-loop thread (started on first use). Each takes a
 * completion queue and a caller-chosen 64-bit token in place of the result buffer and returns
 * at once. AERO_OK means exactly one completion carrying that token will reach the queue
 * (the result, a server error, a timeout, or AERO_ERR_CLIENT_CLOSED when the client is closed
 * first); any other status means no completion will come. Inputs are copied before the call
 * returns.
 *
 * A queue's fd becomes readable when completions are waiting; aero_queue_drain() collects
 * them in one call as a msgpack array of [token, status, payload], where payload is the
 * command's result (nil for writes, the record shape for reads, [digest, generation, ttl] for
 * exists) or, when status is not AERO_OK, a map {"message": str, "in_doubt": bool,
 * "node": str}. The library never calls back into the host.
 * @{ */
typedef struct aero_queue aero_queue;

/** @brief Makes a completion queue for commands of @p client. A queue may serve one client
 * only; a client may have many queues (for example one per host event loop). */
AERO_EXTERN aero_status aero_queue_new(aero_queue **out, aero_client *client, aero_error *err);
/** @brief Frees the queue. Completions that arrive later for it are dropped. */
AERO_EXTERN void aero_queue_destroy(aero_queue *queue);
/** @brief The fd to watch for readability (owned by the queue, close-on-exec); -1 for NULL. */
AERO_EXTERN int aero_queue_fd(const aero_queue *queue);
/** @brief Moves up to @p max completions into @p out and stores how many in @p count_out.
 * When more remain the fd stays readable. Call from one thread at a time. */
AERO_EXTERN aero_status aero_queue_drain(aero_buf *out, size_t *count_out, aero_queue *queue, size_t max,
                                         aero_error *err);

/** @brief Async aero_client_put(). */
AERO_EXTERN aero_status aero_client_put_async(aero_client *client, aero_queue *queue, uint64_t token,
                                              const uint8_t *key, size_t key_len, const uint8_t *bins,
                                              size_t bins_len, const uint8_t *policy, size_t policy_len,
                                              aero_error *err);
/** @brief Async aero_client_put_default(). */
AERO_EXTERN aero_status aero_client_put_default_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                      const uint8_t *key, size_t key_len, const uint8_t *bins,
                                                      size_t bins_len, aero_error *err);
/** @brief Async aero_client_get(). */
AERO_EXTERN aero_status aero_client_get_async(aero_client *client, aero_queue *queue, uint64_t token,
                                              const uint8_t *key, size_t key_len, const uint8_t *names,
                                              size_t names_len, const uint8_t *policy, size_t policy_len,
                                              aero_error *err);
/** @brief Async aero_client_get_default(). */
AERO_EXTERN aero_status aero_client_get_default_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                      const uint8_t *key, size_t key_len, aero_error *err);
/** @brief Async aero_client_exists(). */
AERO_EXTERN aero_status aero_client_exists_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                 const uint8_t *key, size_t key_len, const uint8_t *policy,
                                                 size_t policy_len, aero_error *err);
/** @brief Async aero_client_remove(). */
AERO_EXTERN aero_status aero_client_remove_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                 const uint8_t *key, size_t key_len, const uint8_t *policy,
                                                 size_t policy_len, aero_error *err);
/** @brief Async aero_client_touch(). */
AERO_EXTERN aero_status aero_client_touch_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                const uint8_t *key, size_t key_len, const uint8_t *policy,
                                                size_t policy_len, aero_error *err);
/** @brief Async aero_client_operate(). */
AERO_EXTERN aero_status aero_client_operate_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                  const uint8_t *key, size_t key_len, const uint8_t *ops,
                                                  size_t ops_len, const uint8_t *policy, size_t policy_len,
                                                  aero_error *err);
/** @brief Async aero_client_apply(). */
AERO_EXTERN aero_status aero_client_apply_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                const uint8_t *key, size_t key_len, const uint8_t *udf,
                                                size_t udf_len, const uint8_t *policy, size_t policy_len,
                                                aero_error *err);
/** @brief Async aero_client_batch(); the completion's payload is the batch result. */
AERO_EXTERN aero_status aero_client_batch_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                const uint8_t *rows, size_t rows_len, const uint8_t *policy,
                                                size_t policy_len, aero_error *err);
/** @brief Async aero_client_batch_into(); the memory must stay valid until the completion
 * arrives. */
AERO_EXTERN aero_status aero_client_batch_into_async(aero_client *client, aero_queue *queue, uint64_t token,
                                                     const uint8_t *rows, size_t rows_len, const uint8_t *layout,
                                                     size_t layout_len, uint8_t *records, uint8_t *meta,
                                                     int32_t *codes, size_t count, const uint8_t *policy,
                                                     size_t policy_len, aero_error *err);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* AERO_H */
