// Package aero is a small Go binding of libaero's C ABI (include/aero.h), written as an
// example of using libaero from a language other than C: connect, put, get, remove, batch,
// async commands on a completion queue, close. Failures are *Error values carrying
// Aerospike's result code.
//
// The package finds libaero through pkg-config (the aero.pc that `cmake --install` writes):
//
//	PKG_CONFIG_PATH=<prefix>/lib/pkgconfig CGO_LDFLAGS=-Wl,-rpath,<prefix>/lib go test
//
// It is safe for concurrent use: one *Client may serve any number of goroutines. A *Queue
// belongs to one goroutine at a time.
package aero

/*
#cgo pkg-config: aero
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <aero.h>

// Waits up to ms milliseconds for fd to become readable: 1 when it is, 0 on timeout, -1 on
// error. Here rather than in Go so that the package needs no system-call wrappers; EINTR
// (the Go runtime's own signals) restarts the wait.
static int aero_go_wait_readable(int fd, int ms) {
	struct pollfd p = {fd, POLLIN, 0};
	int n;
	do {
		n = poll(&p, 1, ms);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -1 : n;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"time"
	"unsafe"
)

// Result codes of libaero (the AERO_* status codes of aero.h) that callers commonly test.
// Positive codes are the server's, negative ones the client's.
const (
	OK                  = 0
	ErrCodeNotFound     = 2
	ErrCodeGeneration   = 3
	ErrCodeRecordExists = 5
	ErrCodeTimeout      = 9
	ErrCodeFilteredOut  = 27
	ErrCodeClient       = -1
	ErrCodeParam        = -2
	ErrCodeConnection   = -10
	ErrCodeClosed       = -30
	ErrCodeNotConnected = -31
)

// Batch row kinds (AERO_BATCH_* of aero.h).
const (
	batchRead  = 0
	batchWrite = 1
)

// Error is a failed libaero call: its result code, message, whether a failed write may have
// been applied anyway, and the node involved.
type Error struct {
	// Code is the AERO_* status code (server result codes are positive, client ones negative).
	Code int
	// Message is libaero's description of the failure.
	Message string
	// InDoubt is true when a failed write may nevertheless have been applied.
	InDoubt bool
	// Node is the name of the node that answered or failed, or "".
	Node string
}

// Error formats the message with the code and its symbolic name.
func (e *Error) Error() string {
	return fmt.Sprintf("aero: %s (%d %s)", e.Message, e.Code, StatusName(e.Code))
}

// Is makes errors.Is(err, &aero.Error{Code: aero.ErrCodeNotFound}) true for any error of that
// code, whatever its message.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code
}

// ErrNotFound matches (with errors.Is) every error of code ErrCodeNotFound.
var ErrNotFound = &Error{Code: ErrCodeNotFound, Message: "record not found"}

// Code returns the result code of err: OK for nil, the *Error's code, or ErrCodeClient for
// any other error.
func Code(err error) int {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrCodeClient
}

// StatusName is the symbolic name of a status code ("AERO_ERR_TIMEOUT"), as aero_status_name
// gives it.
func StatusName(code int) string {
	return C.GoString(C.aero_status_name(C.aero_status(code)))
}

// Version is the linked libaero's version, "MAJOR.MINOR.PATCH".
func Version() string {
	return C.GoString(C.aero_version_str())
}

// ABIVersion is the linked libaero's ABI major (its soname number).
func ABIVersion() int {
	return int(C.aero_abi_version())
}

// HeaderABIVersion is the ABI major of the aero.h this package was compiled against.
const HeaderABIVersion = C.AERO_ABI_VERSION

// Key names a record: namespace, set ("" for none) and a user key (string, an integer type or
// []byte).
type Key struct {
	Namespace string
	Set       string
	UserKey   any
}

// Bins are a record's bins by name. A nil value deletes the bin in a put.
type Bins map[string]any

// Record is a record read back: its digest, generation, seconds left to live
// (4294967295 for never) and bins.
type Record struct {
	Digest     []byte
	Generation uint32
	TTL        uint32
	Bins       Bins
}

// BatchResult is one row of a batch: its key, its result and, when the row succeeded, the
// record (nil otherwise, and for writes the record holds no bins).
type BatchResult struct {
	Key     Key
	Err     error
	Record  *Record
	InDoubt bool
}

// BatchOp is one row of a batch, made by BatchRead or BatchWrite.
type BatchOp struct {
	key  Key
	kind int
	arg  any
}

// BatchRead is a batch row reading the named bins of key, or all of them when none are named.
func BatchRead(key Key, binNames ...string) BatchOp {
	var arg any
	if len(binNames) > 0 {
		arg = binNames
	}
	return BatchOp{key: key, kind: batchRead, arg: arg}
}

// BatchWrite is a batch row writing bins to key.
func BatchWrite(key Key, bins Bins) BatchOp {
	return BatchOp{key: key, kind: batchWrite, arg: bins}
}

// Client is a connected libaero client.
type Client struct {
	// mu guards handle: commands hold it shared, Close exclusively, so that no command runs on
	// a destroyed handle.
	mu     sync.RWMutex
	handle *C.aero_client
}

// call holds the per-call error and result buffer. A call makes its own (two small
// allocations) so that goroutines never share them; a busy program would pool them.
type call struct {
	err *C.aero_error
	buf *C.aero_buf
}

func newCall() *call {
	return &call{err: C.aero_error_new(), buf: C.aero_buf_new()}
}

func (c *call) free() {
	C.aero_buf_destroy(c.buf)
	C.aero_error_destroy(c.err)
}

// check turns a status into nil or an *Error with the details of c.err.
func (c *call) check(status C.aero_status) error {
	if status == C.AERO_OK {
		return nil
	}
	return &Error{
		Code:    int(status),
		Message: C.GoString(C.aero_error_message(c.err)),
		InDoubt: C.aero_error_in_doubt(c.err) != 0,
		Node:    C.GoString(C.aero_error_node(c.err)),
	}
}

// bytes copies the result buffer out of C memory.
func (c *call) bytes() []byte {
	n := C.aero_buf_size(c.buf)
	if n == 0 {
		return nil
	}
	return C.GoBytes(unsafe.Pointer(C.aero_buf_data(c.buf)), C.int(n))
}

// ptr gives a C view of b, valid for the duration of the call (cgo pins b meanwhile).
func ptr(b []byte) (*C.uint8_t, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// Connect makes a client from config (aero.h's configuration keys, such as "hosts" as
// "host:port,...", "cluster_name", "timeout") and connects it to the cluster.
func Connect(config map[string]string) (*Client, error) {
	c := newCall()
	defer c.free()
	var cfg *C.aero_config
	if err := c.check(C.aero_config_new(&cfg, c.err)); err != nil {
		return nil, err
	}
	defer C.aero_config_destroy(cfg)
	for k, v := range config {
		ck, cv := C.CString(k), C.CString(v)
		status := C.aero_config_set(cfg, ck, cv, c.err)
		C.free(unsafe.Pointer(ck))
		C.free(unsafe.Pointer(cv))
		if err := c.check(status); err != nil {
			return nil, err
		}
	}
	client := &Client{}
	if err := c.check(C.aero_client_new(&client.handle, cfg, c.err)); err != nil {
		return nil, err
	}
	if err := c.check(C.aero_client_connect(client.handle, c.err)); err != nil {
		C.aero_client_destroy(client.handle)
		return nil, err
	}
	return client, nil
}

// Close disconnects and frees the client. Idempotent; later calls fail with ErrCodeClosed.
// Async commands in flight complete with ErrCodeClosed; the client's queues may still be
// drained and closed, before or after.
func (cl *Client) Close() error {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.handle == nil {
		return nil
	}
	c := newCall()
	defer c.free()
	err := c.check(C.aero_client_close(cl.handle, c.err))
	C.aero_client_destroy(cl.handle)
	cl.handle = nil
	return err
}

// run calls fn with the client's handle under the shared lock, or fails when closed.
func (cl *Client) run(fn func(h *C.aero_client) error) error {
	cl.mu.RLock()
	defer cl.mu.RUnlock()
	if cl.handle == nil {
		return &Error{Code: ErrCodeClosed, Message: "the client is closed"}
	}
	return fn(cl.handle)
}

func packKey(key Key) ([]byte, error) {
	var set any = key.Set
	if key.Set == "" {
		set = nil
	}
	return pack([]any{key.Namespace, set, key.UserKey})
}

func packNames(names []string) ([]byte, error) {
	if len(names) == 0 {
		return nil, nil
	}
	return pack(names)
}

// Put writes bins to the record of key (creating it when missing).
func (cl *Client) Put(key Key, bins Bins) error {
	k, err := packKey(key)
	if err != nil {
		return err
	}
	b, err := pack(bins)
	if err != nil {
		return err
	}
	return cl.invoke(func(h *C.aero_client, c *call) C.aero_status {
		kp, kn := ptr(k)
		bp, bn := ptr(b)
		return C.aero_client_put(h, kp, kn, bp, bn, nil, 0, c.err)
	})
}

// Get reads the record of key: the named bins, or all of them when none are named. A missing
// record is an error matching ErrNotFound.
func (cl *Client) Get(key Key, binNames ...string) (*Record, error) {
	k, err := packKey(key)
	if err != nil {
		return nil, err
	}
	names, err := packNames(binNames)
	if err != nil {
		return nil, err
	}
	v, err := cl.answer(func(h *C.aero_client, c *call) C.aero_status {
		kp, kn := ptr(k)
		np, nn := ptr(names)
		return C.aero_client_get(c.buf, h, kp, kn, np, nn, nil, 0, c.err)
	})
	if err != nil {
		return nil, err
	}
	return toRecord(v)
}

// invoke runs one entry point with a call's error and buffer, and turns its status into an
// error.
func (cl *Client) invoke(entry func(h *C.aero_client, c *call) C.aero_status) error {
	return cl.run(func(h *C.aero_client) error {
		c := newCall()
		defer c.free()
		return c.check(entry(h, c))
	})
}

// answer invokes an entry point that writes its result into the call's buffer, and decodes
// that result.
func (cl *Client) answer(entry func(h *C.aero_client, c *call) C.aero_status) (any, error) {
	var reply []byte
	err := cl.invoke(func(h *C.aero_client, c *call) C.aero_status {
		status := entry(h, c)
		if status == C.AERO_OK {
			reply = c.bytes()
		}
		return status
	})
	if err != nil {
		return nil, err
	}
	return unpack(reply)
}

// Remove deletes the record of key. A missing record is an error matching ErrNotFound.
func (cl *Client) Remove(key Key) error {
	k, err := packKey(key)
	if err != nil {
		return err
	}
	return cl.invoke(func(h *C.aero_client, c *call) C.aero_status {
		kp, kn := ptr(k)
		return C.aero_client_remove(h, kp, kn, nil, 0, c.err)
	})
}

// Batch runs rows in one request per node and returns one result per row, in order. Rows
// fail one by one (a missing record is ErrNotFound in its row); the error return is for a
// batch that could not run at all.
func (cl *Client) Batch(rows []BatchOp) ([]BatchResult, error) {
	packed := make([]any, len(rows))
	for i, r := range rows {
		var set any = r.key.Set
		if r.key.Set == "" {
			set = nil
		}
		packed[i] = []any{[]any{r.key.Namespace, set, r.key.UserKey}, r.kind, r.arg}
	}
	b, err := pack(packed)
	if err != nil {
		return nil, err
	}
	v, err := cl.answer(func(h *C.aero_client, c *call) C.aero_status {
		bp, bn := ptr(b)
		return C.aero_client_batch(c.buf, h, bp, bn, nil, 0, c.err)
	})
	if err != nil {
		return nil, err
	}
	list, ok := v.([]any)
	if !ok || len(list) < len(rows) {
		return nil, fmt.Errorf("aero: unexpected batch reply %v", v)
	}
	out := make([]BatchResult, len(rows))
	for i := range rows {
		// [status, generation, ttl, bins, in_doubt, digest]
		row, ok := list[i].([]any)
		if !ok || len(row) != 6 {
			return nil, fmt.Errorf("aero: unexpected batch row %v", list[i])
		}
		status, _ := row[0].(int64)
		inDoubt, _ := row[4].(bool)
		out[i] = BatchResult{Key: rows[i].key, InDoubt: inDoubt}
		if status != OK {
			out[i].Err = &Error{Code: int(status), Message: StatusName(int(status)), InDoubt: inDoubt}
			continue
		}
		rec, err := toRecord([]any{row[5], row[1], row[2], row[3]})
		if err != nil {
			return nil, err
		}
		out[i].Record = rec
	}
	return out, nil
}

// toRecord converts the record shape [digest, generation, ttl, bins].
func toRecord(v any) (*Record, error) {
	a, ok := v.([]any)
	if !ok || len(a) != 4 {
		return nil, fmt.Errorf("aero: not a record: %v", v)
	}
	digest, _ := a[0].([]byte)
	gen, ok1 := a[1].(int64)
	ttl, ok2 := a[2].(int64)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("aero: not a record: %v", v)
	}
	rec := &Record{Digest: digest, Generation: uint32(gen), TTL: uint32(ttl), Bins: Bins{}}
	switch bins := a[3].(type) {
	case map[string]any:
		rec.Bins = Bins(bins)
	case nil:
	default:
		return nil, fmt.Errorf("aero: record bins of type %T", a[3])
	}
	return rec, nil
}

// Queue is a completion queue for async commands of one client. Its Fd can be watched by any
// event loop; Wait does the watching itself.
type Queue struct {
	client *Client
	handle *C.aero_queue
	call   *call // the queue's own buffer for Drain: one goroutine drains at a time
}

// Completion is the outcome of one async command: its token, its error (nil on success), and
// its decoded payload (the record shape for reads, nil for writes).
type Completion struct {
	Token   uint64
	Err     error
	Payload any
}

// Record decodes the completion's payload as a record (for get commands).
func (c Completion) Record() (*Record, error) {
	if c.Err != nil {
		return nil, c.Err
	}
	return toRecord(c.Payload)
}

// NewQueue makes a completion queue for the client's async commands.
func (cl *Client) NewQueue() (*Queue, error) {
	q := &Queue{client: cl, call: newCall()}
	err := cl.run(func(h *C.aero_client) error {
		return q.call.check(C.aero_queue_new(&q.handle, h, q.call.err))
	})
	if err != nil {
		q.call.free()
		return nil, err
	}
	return q, nil
}

// Close frees the queue; completions that arrive later are dropped. Idempotent.
func (q *Queue) Close() {
	if q.handle == nil {
		return
	}
	C.aero_queue_destroy(q.handle)
	q.call.free()
	q.handle = nil
}

// Fd is the file descriptor that is readable while completions wait (owned by the queue).
func (q *Queue) Fd() int {
	return int(C.aero_queue_fd(q.handle))
}

// PutAsync submits a put; its completion carries token. An error means no completion will
// come.
func (q *Queue) PutAsync(token uint64, key Key, bins Bins) error {
	b, err := pack(bins)
	if err != nil {
		return err
	}
	return q.submit(key, b, func(h *C.aero_client, kp *C.uint8_t, kn C.size_t, bp *C.uint8_t, bn C.size_t, e *C.aero_error) C.aero_status {
		return C.aero_client_put_async(h, q.handle, C.uint64_t(token), kp, kn, bp, bn, nil, 0, e)
	})
}

// GetAsync submits a get of the named bins (all when none are named); its completion carries
// token and the record shape. An error means no completion will come.
func (q *Queue) GetAsync(token uint64, key Key, binNames ...string) error {
	names, err := packNames(binNames)
	if err != nil {
		return err
	}
	return q.submit(key, names, func(h *C.aero_client, kp *C.uint8_t, kn C.size_t, np *C.uint8_t, nn C.size_t, e *C.aero_error) C.aero_status {
		return C.aero_client_get_async(h, q.handle, C.uint64_t(token), kp, kn, np, nn, nil, 0, e)
	})
}

// submit packs key and runs one async entry point with it and its packed argument (bins or
// bin names), turning its status into an error.
func (q *Queue) submit(key Key, arg []byte, entry func(h *C.aero_client, kp *C.uint8_t, kn C.size_t,
	ap *C.uint8_t, an C.size_t, e *C.aero_error) C.aero_status) error {
	k, err := packKey(key)
	if err != nil {
		return err
	}
	return q.client.invoke(func(h *C.aero_client, c *call) C.aero_status {
		kp, kn := ptr(k)
		ap, an := ptr(arg)
		return entry(h, kp, kn, ap, an, c.err)
	})
}

// Drain collects up to max completions that are waiting, without blocking.
func (q *Queue) Drain(max int) ([]Completion, error) {
	var count C.size_t
	if err := q.call.check(C.aero_queue_drain(q.call.buf, &count, q.handle, C.size_t(max), q.call.err)); err != nil {
		return nil, err
	}
	if count == 0 {
		return nil, nil
	}
	v, err := unpack(q.call.bytes())
	if err != nil {
		return nil, err
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("aero: unexpected completions %v", v)
	}
	out := make([]Completion, 0, len(list))
	for _, item := range list {
		// [token, status, payload]; a failure's payload is {"message", "in_doubt", "node"}.
		entry, ok := item.([]any)
		if !ok || len(entry) != 3 {
			return nil, fmt.Errorf("aero: unexpected completion %v", item)
		}
		comp := Completion{Payload: entry[2]}
		switch t := entry[0].(type) {
		case int64:
			comp.Token = uint64(t)
		case uint64: // tokens above math.MaxInt64
			comp.Token = t
		}
		status, _ := entry[1].(int64)
		if status != OK {
			e := &Error{Code: int(status)}
			if details, ok := entry[2].(map[string]any); ok {
				e.Message, _ = details["message"].(string)
				e.InDoubt, _ = details["in_doubt"].(bool)
				e.Node, _ = details["node"].(string)
			}
			comp.Err, comp.Payload = e, nil
		}
		out = append(out, comp)
	}
	return out, nil
}

// Wait waits up to timeout for completions and returns those that are ready (none when the
// time ran out). It polls the queue's fd, so it blocks only its own goroutine's thread.
func (q *Queue) Wait(timeout time.Duration) ([]Completion, error) {
	deadline := time.Now().Add(timeout)
	for {
		got, err := q.Drain(256)
		if err != nil || len(got) > 0 {
			return got, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, nil
		}
		if C.aero_go_wait_readable(C.int(q.Fd()), C.int(left/time.Millisecond+1)) < 0 {
			return nil, fmt.Errorf("aero: poll on the queue's fd failed")
		}
	}
}
