package aero

// The msgpack values that cross libaero's ABI (aero.h, "Msgpack shapes"): a small encoder and
// decoder of standard msgpack, so that the package needs nothing outside the standard library.

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
)

// GeoJSON is a GeoJSON value: written as msgpack ext AERO_EXT_GEOJSON, and read back as one.
type GeoJSON string

// Ext is a msgpack extension value other than GeoJSON, kept as its type and payload.
type Ext struct {
	Type int8
	Data []byte
}

// extGeoJSON is AERO_EXT_GEOJSON of aero.h.
const extGeoJSON = 2

// encoder appends msgpack to a byte slice.
type encoder struct {
	buf []byte
}

func (e *encoder) byte1(b byte) { e.buf = append(e.buf, b) }

func (e *encoder) uint16(tag byte, v uint16) {
	e.buf = append(e.buf, tag)
	e.buf = binary.BigEndian.AppendUint16(e.buf, v)
}

func (e *encoder) uint32(tag byte, v uint32) {
	e.buf = append(e.buf, tag)
	e.buf = binary.BigEndian.AppendUint32(e.buf, v)
}

func (e *encoder) uint64(tag byte, v uint64) {
	e.buf = append(e.buf, tag)
	e.buf = binary.BigEndian.AppendUint64(e.buf, v)
}

func (e *encoder) nil() { e.byte1(0xc0) }

func (e *encoder) arrayHeader(n int) {
	switch {
	case n < 16:
		e.byte1(0x90 | byte(n))
	case n <= math.MaxUint16:
		e.uint16(0xdc, uint16(n))
	default:
		e.uint32(0xdd, uint32(n))
	}
}

func (e *encoder) mapHeader(n int) {
	switch {
	case n < 16:
		e.byte1(0x80 | byte(n))
	case n <= math.MaxUint16:
		e.uint16(0xde, uint16(n))
	default:
		e.uint32(0xdf, uint32(n))
	}
}

func (e *encoder) int(v int64) {
	switch {
	case v >= 0:
		e.uint(uint64(v))
	case v >= -32:
		e.byte1(byte(int8(v)))
	case v >= math.MinInt8:
		e.buf = append(e.buf, 0xd0, byte(int8(v)))
	case v >= math.MinInt16:
		e.uint16(0xd1, uint16(int16(v)))
	case v >= math.MinInt32:
		e.uint32(0xd2, uint32(int32(v)))
	default:
		e.uint64(0xd3, uint64(v))
	}
}

func (e *encoder) uint(v uint64) {
	switch {
	case v < 128:
		e.byte1(byte(v))
	case v <= math.MaxUint8:
		e.buf = append(e.buf, 0xcc, byte(v))
	case v <= math.MaxUint16:
		e.uint16(0xcd, uint16(v))
	case v <= math.MaxUint32:
		e.uint32(0xce, uint32(v))
	default:
		e.uint64(0xcf, v)
	}
}

func (e *encoder) str(s string) {
	n := len(s)
	switch {
	case n < 32:
		e.byte1(0xa0 | byte(n))
	case n <= math.MaxUint8:
		e.buf = append(e.buf, 0xd9, byte(n))
	case n <= math.MaxUint16:
		e.uint16(0xda, uint16(n))
	default:
		e.uint32(0xdb, uint32(n))
	}
	e.buf = append(e.buf, s...)
}

func (e *encoder) bin(b []byte) {
	n := len(b)
	switch {
	case n <= math.MaxUint8:
		e.buf = append(e.buf, 0xc4, byte(n))
	case n <= math.MaxUint16:
		e.uint16(0xc5, uint16(n))
	default:
		e.uint32(0xc6, uint32(n))
	}
	e.buf = append(e.buf, b...)
}

func (e *encoder) ext(t int8, data []byte) {
	n := len(data)
	switch n {
	case 1, 2, 4, 8, 16:
		tags := map[int]byte{1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8}
		e.byte1(tags[n])
	default:
		switch {
		case n <= math.MaxUint8:
			e.buf = append(e.buf, 0xc7, byte(n))
		case n <= math.MaxUint16:
			e.uint16(0xc8, uint16(n))
		default:
			e.uint32(0xc9, uint32(n))
		}
	}
	e.buf = append(e.buf, byte(t))
	e.buf = append(e.buf, data...)
}

// value encodes v: nil, bool, the integer and float types, string, []byte, GeoJSON, Ext,
// []any, []string, map[string]any, map[any]any and Bins. Map keys are written in sorted order
// when they are strings, so that the same map always gives the same bytes.
func (e *encoder) value(v any) error {
	switch x := v.(type) {
	case nil:
		e.nil()
	case bool:
		if x {
			e.byte1(0xc3)
		} else {
			e.byte1(0xc2)
		}
	case int:
		e.int(int64(x))
	case int8:
		e.int(int64(x))
	case int16:
		e.int(int64(x))
	case int32:
		e.int(int64(x))
	case int64:
		e.int(x)
	case uint:
		e.uint(uint64(x))
	case uint8:
		e.uint(uint64(x))
	case uint16:
		e.uint(uint64(x))
	case uint32:
		e.uint(uint64(x))
	case uint64:
		e.uint(x)
	case float32:
		e.uint32(0xca, math.Float32bits(x))
	case float64:
		e.uint64(0xcb, math.Float64bits(x))
	case string:
		e.str(x)
	case []byte:
		e.bin(x)
	case GeoJSON:
		e.ext(extGeoJSON, []byte(x))
	case Ext:
		e.ext(x.Type, x.Data)
	case []string:
		e.arrayHeader(len(x))
		for _, s := range x {
			e.str(s)
		}
	case []any:
		e.arrayHeader(len(x))
		for _, item := range x {
			if err := e.value(item); err != nil {
				return err
			}
		}
	case Bins:
		return e.stringMap(x)
	case map[string]any:
		return e.stringMap(x)
	case map[any]any:
		e.mapHeader(len(x))
		for k, item := range x {
			if err := e.value(k); err != nil {
				return err
			}
			if err := e.value(item); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("aero: cannot encode a value of type %T as msgpack", v)
	}
	return nil
}

func (e *encoder) stringMap(m map[string]any) error {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	e.mapHeader(len(m))
	for _, k := range names {
		e.str(k)
		if err := e.value(m[k]); err != nil {
			return err
		}
	}
	return nil
}

// decoder reads msgpack values from a byte slice.
type decoder struct {
	data []byte
	at   int
}

var errTruncated = fmt.Errorf("aero: truncated msgpack")

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || len(d.data)-d.at < n {
		return nil, errTruncated
	}
	b := d.data[d.at : d.at+n]
	d.at += n
	return b, nil
}

func (d *decoder) be(n int) (uint64, error) {
	b, err := d.take(n)
	if err != nil {
		return 0, err
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, nil
}

// value decodes one value: int64 (uint64 above math.MaxInt64), float64, string, []byte,
// bool, nil, GeoJSON, Ext, []any, and map[string]any when every key is a string, else
// map[any]any.
func (d *decoder) value() (any, error) {
	tb, err := d.take(1)
	if err != nil {
		return nil, err
	}
	t := tb[0]
	switch {
	case t <= 0x7f:
		return int64(t), nil
	case t >= 0xe0:
		return int64(int8(t)), nil
	case t&0xe0 == 0xa0:
		return d.str(int(t & 0x1f))
	case t&0xf0 == 0x90:
		return d.array(int(t & 0x0f))
	case t&0xf0 == 0x80:
		return d.mapOf(int(t & 0x0f))
	}
	switch t {
	case 0xc0:
		return nil, nil
	case 0xc2:
		return false, nil
	case 0xc3:
		return true, nil
	case 0xcc, 0xcd, 0xce, 0xcf:
		v, err := d.be(1 << (t - 0xcc))
		if err != nil {
			return nil, err
		}
		if v > math.MaxInt64 {
			return v, nil
		}
		return int64(v), nil
	case 0xd0:
		v, err := d.be(1)
		return int64(int8(v)), err
	case 0xd1:
		v, err := d.be(2)
		return int64(int16(v)), err
	case 0xd2:
		v, err := d.be(4)
		return int64(int32(v)), err
	case 0xd3:
		v, err := d.be(8)
		return int64(v), err
	case 0xca:
		v, err := d.be(4)
		return float64(math.Float32frombits(uint32(v))), err
	case 0xcb:
		v, err := d.be(8)
		return math.Float64frombits(v), err
	case 0xd9, 0xda, 0xdb:
		n, err := d.be(1 << (t - 0xd9))
		if err != nil {
			return nil, err
		}
		return d.str(int(n))
	case 0xc4, 0xc5, 0xc6:
		n, err := d.be(1 << (t - 0xc4))
		if err != nil {
			return nil, err
		}
		b, err := d.take(int(n))
		if err != nil {
			return nil, err
		}
		return append([]byte(nil), b...), nil
	case 0xdc, 0xdd:
		n, err := d.be(2 << (t - 0xdc))
		if err != nil {
			return nil, err
		}
		return d.array(int(n))
	case 0xde, 0xdf:
		n, err := d.be(2 << (t - 0xde))
		if err != nil {
			return nil, err
		}
		return d.mapOf(int(n))
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8:
		return d.ext(1 << (t - 0xd4))
	case 0xc7, 0xc8, 0xc9:
		n, err := d.be(1 << (t - 0xc7))
		if err != nil {
			return nil, err
		}
		return d.ext(int(n))
	}
	return nil, fmt.Errorf("aero: msgpack type 0x%02x is not valid", t)
}

func (d *decoder) str(n int) (any, error) {
	b, err := d.take(n)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func (d *decoder) array(n int) (any, error) {
	if n > len(d.data)-d.at { // every element takes at least one byte
		return nil, errTruncated
	}
	out := make([]any, n)
	for i := range out {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (d *decoder) mapOf(n int) (any, error) {
	if 2*n > len(d.data)-d.at {
		return nil, errTruncated
	}
	keys := make([]any, n)
	values := make([]any, n)
	allStrings := true
	for i := 0; i < n; i++ {
		k, err := d.value()
		if err != nil {
			return nil, err
		}
		if _, ok := k.(string); !ok {
			allStrings = false
		}
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		keys[i], values[i] = k, v
	}
	if allStrings {
		m := make(map[string]any, n)
		for i, k := range keys {
			m[k.(string)] = values[i]
		}
		return m, nil
	}
	m := make(map[any]any, n)
	for i, k := range keys {
		switch k.(type) {
		case []any, map[string]any, map[any]any, []byte:
			return nil, fmt.Errorf("aero: a map key of type %T cannot be a Go map key", k)
		}
		m[k] = values[i]
	}
	return m, nil
}

func (d *decoder) ext(n int) (any, error) {
	tb, err := d.take(1)
	if err != nil {
		return nil, err
	}
	b, err := d.take(n)
	if err != nil {
		return nil, err
	}
	if int8(tb[0]) == extGeoJSON {
		return GeoJSON(b), nil
	}
	return Ext{Type: int8(tb[0]), Data: append([]byte(nil), b...)}, nil
}

// pack encodes one value.
func pack(v any) ([]byte, error) {
	var e encoder
	if err := e.value(v); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// unpack decodes exactly one value from b.
func unpack(b []byte) (any, error) {
	d := decoder{data: b}
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	if d.at != len(b) {
		return nil, fmt.Errorf("aero: %d bytes after the msgpack value", len(b)-d.at)
	}
	return v, nil
}
