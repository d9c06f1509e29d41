// Package hostile builds hostile inputs for tests: values nested past any
// sane depth, generated rather than committed because they are big.
package hostile

import (
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

// NestedProto is an OTLP ExportTraceServiceRequest (protobuf) of one span
// whose attribute "deep" holds `depth` arrays nested inside each other
// around an int. It is built by appending, never by recursion, so a depth
// of a million costs a few megabytes and no stack.
func NestedProto(depth int) []byte {
	// Inside out: AnyValue{int_value: 1}, then each level wraps the value in
	// ArrayValue{values: [v]} inside AnyValue{array_value: …}.
	core := protowire.AppendTag(nil, 3, protowire.VarintType)
	core = protowire.AppendVarint(core, 1)
	// Each level is a prefix (tags and lengths) before the level inside it;
	// lengths are known inside out, the bytes are written outside in.
	prefixes := make([][]byte, depth)
	n := len(core)
	for k := range depth {
		arr := 1 + protowire.SizeVarint(uint64(n)) + n
		p := protowire.AppendTag(nil, 5, protowire.BytesType)
		p = protowire.AppendVarint(p, uint64(arr))
		p = protowire.AppendTag(p, 1, protowire.BytesType)
		p = protowire.AppendVarint(p, uint64(n))
		prefixes[k] = p
		n = len(p) + n
	}
	v := make([]byte, 0, n)
	for k := depth - 1; k >= 0; k-- {
		v = append(v, prefixes[k]...)
	}
	v = append(v, core...)
	kv := protowire.AppendTag(nil, 1, protowire.BytesType)
	kv = protowire.AppendString(kv, "deep")
	kv = protowire.AppendTag(kv, 2, protowire.BytesType)
	kv = protowire.AppendBytes(kv, v)

	span := protowire.AppendTag(nil, 1, protowire.BytesType)
	span = protowire.AppendBytes(span, []byte("0123456789abcdef"))
	span = protowire.AppendTag(span, 2, protowire.BytesType)
	span = protowire.AppendBytes(span, []byte("01234567"))
	span = protowire.AppendTag(span, 5, protowire.BytesType)
	span = protowire.AppendString(span, "deep")
	span = protowire.AppendTag(span, 7, protowire.Fixed64Type)
	span = protowire.AppendFixed64(span, 1e9)
	span = protowire.AppendTag(span, 8, protowire.Fixed64Type)
	span = protowire.AppendFixed64(span, 2e9)
	span = protowire.AppendTag(span, 9, protowire.BytesType)
	span = protowire.AppendBytes(span, kv)

	scope := protowire.AppendTag(nil, 2, protowire.BytesType)
	scope = protowire.AppendBytes(scope, span)
	res := protowire.AppendTag(nil, 2, protowire.BytesType)
	res = protowire.AppendBytes(res, scope)
	req := protowire.AppendTag(nil, 1, protowire.BytesType)
	return protowire.AppendBytes(req, res)
}

// NestedJSON is NestedProto as one line of OTLP JSON.
func NestedJSON(depth int) string {
	var b strings.Builder
	b.WriteString(`{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"30313233343536373839616263646566","spanId":"3031323334353637","name":"deep","startTimeUnixNano":"1000000000","endTimeUnixNano":"2000000000","attributes":[{"key":"deep","value":`)
	for range depth {
		b.WriteString(`{"arrayValue":{"values":[`)
	}
	b.WriteString(`{"intValue":"1"}`)
	for range depth {
		b.WriteString(`]}}`)
	}
	b.WriteString(`}]}]}]}]}`)
	return b.String()
}
