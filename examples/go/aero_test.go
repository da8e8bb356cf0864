package aero

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"
)

// connect makes a client of the server AEROSPIKE_HOST / AEROSPIKE_PORT name (`make
// test-examples` starts an aero-server and sets them), or skips the test without one.
func connect(t *testing.T) *Client {
	t.Helper()
	host, port := os.Getenv("AEROSPIKE_HOST"), os.Getenv("AEROSPIKE_PORT")
	if host == "" && port == "" {
		t.Skip("no server: set AEROSPIKE_HOST and AEROSPIKE_PORT (make test-examples starts one)")
	}
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "3000"
	}
	config := map[string]string{"hosts": host + ":" + port}
	if name := os.Getenv("AEROSPIKE_CLUSTER_NAME"); name != "" {
		config["cluster_name"] = name
	}
	client, err := Connect(config)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func TestVersion(t *testing.T) {
	if ABIVersion() != HeaderABIVersion {
		t.Fatalf("linked ABI %d, header ABI %d", ABIVersion(), HeaderABIVersion)
	}
	if Version() == "" || StatusName(ErrCodeNotFound) != "AERO_ERR_RECORD_NOT_FOUND" {
		t.Fatalf("version %q, status name %q", Version(), StatusName(ErrCodeNotFound))
	}
}

func TestMsgpackRoundTrip(t *testing.T) {
	values := []any{
		nil, true, false, int64(0), int64(-1), int64(-33), int64(200), int64(-40000), int64(1) << 40,
		int64(-1) << 40, uint64(1) << 63, 1.5, "", "text", string(bytes.Repeat([]byte("x"), 300)),
		[]byte{0, 1, 2}, GeoJSON(`{"type":"Point","coordinates":[1,2]}`), Ext{Type: 1, Data: []byte{1}},
		[]any{int64(1), "a", []any{}}, map[string]any{"a": int64(1)}, map[any]any{int64(1): "one"},
	}
	for _, v := range values {
		b, err := pack(v)
		if err != nil {
			t.Fatalf("pack %v: %v", v, err)
		}
		got, err := unpack(b)
		if err != nil {
			t.Fatalf("unpack %v: %v", v, err)
		}
		if !reflect.DeepEqual(got, v) {
			t.Fatalf("round trip of %#v gave %#v", v, got)
		}
	}
	if _, err := unpack([]byte{0x92, 0x01}); err == nil {
		t.Fatal("a truncated array decoded")
	}
}

func TestConnectErrorsCarryTheCode(t *testing.T) {
	_, err := Connect(map[string]string{"no_such_key": "1"})
	if Code(err) != ErrCodeParam {
		t.Fatalf("unknown config key: %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Message == "" {
		t.Fatalf("not an *Error with a message: %#v", err)
	}
}

// TestRoundTrip does what examples/c/example.c does: put, get, batch, one async get, remove.
func TestRoundTrip(t *testing.T) {
	client := connect(t)
	suffix := fmt.Sprint(time.Now().UnixNano())
	key := Key{Namespace: "test", Set: "example", UserKey: "go-1-" + suffix}
	key2 := Key{Namespace: "test", Set: "example", UserKey: "go-2-" + suffix}
	missing := Key{Namespace: "test", Set: "example", UserKey: "go-missing-" + suffix}

	if err := client.Put(key, Bins{"name": "Ada", "visits": 1}); err != nil {
		t.Fatalf("put: %v", err)
	}
	rec, err := client.Get(key)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if len(rec.Digest) != 20 || rec.Generation != 1 || rec.Bins["visits"] != int64(1) || rec.Bins["name"] != "Ada" {
		t.Fatalf("get: %+v", rec)
	}
	if rec, err = client.Get(key, "name"); err != nil || !reflect.DeepEqual(rec.Bins, Bins{"name": "Ada"}) {
		t.Fatalf("get one bin: %+v, %v", rec, err)
	}
	if _, err := client.Get(missing); !errors.Is(err, ErrNotFound) || Code(err) != ErrCodeNotFound {
		t.Fatalf("get of a missing record: %v", err)
	}

	results, err := client.Batch([]BatchOp{BatchRead(key), BatchWrite(key2, Bins{"visits": 2}), BatchRead(missing)})
	if err != nil {
		t.Fatalf("batch: %v", err)
	}
	if len(results) != 3 || results[0].Err != nil || results[0].Record.Bins["visits"] != int64(1) ||
		results[1].Err != nil || !errors.Is(results[2].Err, ErrNotFound) || results[2].Record != nil {
		t.Fatalf("batch: %+v", results)
	}

	queue, err := client.NewQueue()
	if err != nil {
		t.Fatalf("queue: %v", err)
	}
	if queue.Fd() < 0 {
		t.Fatal("the queue has no fd")
	}
	if err := queue.GetAsync(42, key2); err != nil {
		t.Fatalf("get_async: %v", err)
	}
	if err := queue.GetAsync(43, missing); err != nil {
		t.Fatalf("get_async: %v", err)
	}
	byToken := map[uint64]Completion{}
	for deadline := time.Now().Add(5 * time.Second); len(byToken) < 2 && time.Now().Before(deadline); {
		got, err := queue.Wait(time.Until(deadline))
		if err != nil {
			t.Fatalf("wait: %v", err)
		}
		for _, c := range got {
			byToken[c.Token] = c
		}
	}
	if len(byToken) != 2 {
		t.Fatalf("completions: %+v", byToken)
	}
	if rec, err := byToken[42].Record(); err != nil || rec.Bins["visits"] != int64(2) {
		t.Fatalf("get_async: %+v, %v", rec, err)
	}
	if !errors.Is(byToken[43].Err, ErrNotFound) {
		t.Fatalf("get_async of a missing record: %v", byToken[43].Err)
	}

	if err := queue.PutAsync(44, key2, Bins{"visits": nil}); err != nil {
		t.Fatalf("put_async: %v", err)
	}
	got, err := queue.Wait(5 * time.Second)
	if err != nil || len(got) != 1 || got[0].Token != 44 || got[0].Err != nil {
		t.Fatalf("put_async: %+v, %v", got, err)
	}

	if err := client.Remove(key); err != nil {
		t.Fatalf("remove: %v", err)
	}
	if err := client.Remove(key2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("remove of the record whose last bin was deleted: %v", err)
	}

	queue.Close()
	if err := client.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := client.Put(key, Bins{"a": 1}); Code(err) != ErrCodeClosed {
		t.Fatalf("put after close: %v", err)
	}
}
