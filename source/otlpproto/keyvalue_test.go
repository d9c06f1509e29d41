package otlpproto

import (
	"math"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// keyValueFast takes KeyValues written key first; the same fields value
// first go through the general loop. Both must read alike, invalid UTF-8
// and every scalar kind included.
func TestKeyValueFastReadsAsTheGeneralPath(t *testing.T) {
	values := [][]byte{
		protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "GET"),
		protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "bad \xff\xfe"),
		protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), ""),
		protowire.AppendVarint(protowire.AppendTag(nil, 2, protowire.VarintType), 1),
		protowire.AppendVarint(protowire.AppendTag(nil, 3, protowire.VarintType), uint64(0xffffffffffffffd6)), // -42
		protowire.AppendFixed64(protowire.AppendTag(nil, 4, protowire.Fixed64Type), math.Float64bits(2.5)),
		nil, // an empty AnyValue
	}
	keys := []string{"http.method", "k\xffey", "", "http.method"}
	var canonical, reversed []byte
	for i, v := range values {
		key := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), keys[i%len(keys)])
		val := protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), v)
		canonical = appendAttr(canonical, append(append([]byte(nil), key...), val...))
		reversed = appendAttr(reversed, append(append([]byte(nil), val...), key...))
	}
	fast, slow := decodeAttrs(t, canonical), decodeAttrs(t, reversed)
	if len(fast) != len(values) || !sameAttrs(fast, slow) {
		t.Fatalf("key-first and value-first KeyValues decode differently:\n%#v\n%#v", fast, slow)
	}
}

func appendAttr(span, kv []byte) []byte {
	return protowire.AppendBytes(protowire.AppendTag(span, 9, protowire.BytesType), kv)
}

func decodeAttrs(t *testing.T, attrs []byte) []trace.Attr {
	t.Helper()
	span := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), make([]byte, 16))
	span = append(span, attrs...)
	scope := protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), span)
	rs := protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), scope)
	req := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), rs)
	c := trace.NewCollector()
	var ws source.Warnings
	if err := Decode(req, c, &ws); err != nil {
		t.Fatal(err)
	}
	return c.Traces()[0].Spans[0].Attrs
}

// sameAttrs compares attributes by value (trace.Value holds a pointer).
func sameAttrs(a, b []trace.Attr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(&b[i]) {
			return false
		}
	}
	return true
}
