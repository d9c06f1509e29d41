package otlpproto

import (
	"math"
	"strings"
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

// An AnyValue field of another wire type than its own is skipped, as Go's
// protobuf and the Collector skip it (an unknown field), with a warning
// naming the attribute: never read as a different value (int_value 0,
// a double from a varint's bits).
func TestWrongWireTypeIsSkippedWithAWarning(t *testing.T) {
	wrong := []struct {
		num  protowire.Number
		typ  protowire.Type
		want string
	}{
		{1, protowire.VarintType, "string_value has wire type 0 (varint), not 2 (length-delimited)"},
		{2, protowire.BytesType, "bool_value has wire type 2 (length-delimited), not 0 (varint)"},
		{3, protowire.BytesType, "int_value has wire type 2 (length-delimited), not 0 (varint)"},
		{3, protowire.Fixed64Type, "int_value has wire type 1 (fixed64), not 0 (varint)"},
		{4, protowire.VarintType, "double_value has wire type 0 (varint), not 1 (fixed64)"},
		{5, protowire.VarintType, "array_value has wire type 0 (varint), not 2 (length-delimited)"},
		{6, protowire.Fixed32Type, "kvlist_value has wire type 5 (fixed32), not 2 (length-delimited)"},
		{7, protowire.VarintType, "bytes_value has wire type 0 (varint), not 2 (length-delimited)"},
	}
	for _, w := range wrong {
		var v []byte
		switch v = protowire.AppendTag(nil, w.num, w.typ); w.typ {
		case protowire.VarintType:
			v = protowire.AppendVarint(v, 7)
		case protowire.Fixed64Type:
			v = protowire.AppendFixed64(v, 7)
		case protowire.Fixed32Type:
			v = protowire.AppendFixed32(v, 7)
		default:
			v = protowire.AppendString(v, "notavarint")
		}
		kv := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "k")
		kv = protowire.AppendBytes(protowire.AppendTag(kv, 2, protowire.BytesType), v)
		attrs, ws := decodeAttrsWarned(t, appendAttr(nil, kv))
		if len(attrs) != 1 || attrs[0].Key != "k" || attrs[0].Value.Kind() != trace.ValueEmpty {
			t.Errorf("field %d wire type %d: read as %#v, want k with no value", w.num, w.typ, attrs)
		}
		if len(ws) != 1 || ws[0].Message != `attribute "k": `+w.want+"; skipped as an unknown field" {
			t.Errorf("field %d wire type %d: warnings %+v", w.num, w.typ, ws)
		}
	}
	// A right field after a wrong one still sets the value; nested, the
	// warning names the outer attribute.
	inner := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "y")
	inner = protowire.AppendBytes(protowire.AppendTag(inner, 2, protowire.BytesType), protowire.AppendString(protowire.AppendTag(nil, 2, protowire.BytesType), "x"))
	list := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), inner)
	v := protowire.AppendBytes(protowire.AppendTag(nil, 6, protowire.BytesType), list)
	kv := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "m")
	kv = protowire.AppendBytes(protowire.AppendTag(kv, 2, protowire.BytesType), v)
	attrs, ws := decodeAttrsWarned(t, appendAttr(nil, kv))
	if len(attrs) != 1 || attrs[0].Value.Kind() != trace.ValueMap || len(ws) != 1 || !strings.HasPrefix(ws[0].Message, `attribute "m": bool_value has wire type 2`) {
		t.Errorf("nested: %#v %+v", attrs, ws)
	}
}

func decodeAttrsWarned(t *testing.T, attrs []byte) ([]trace.Attr, []source.Warning) {
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
	return c.Traces()[0].Spans[0].Attrs, ws.List()
}
