package zipkin

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func field(b []byte, num protowire.Number, msg []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, msg)
}

func unhex(s string) []byte { b, _ := hex.DecodeString(s); return b }

// oneSpanProto is TestMappingOfOneSpan's span in proto3, as zipkin.proto
// numbers its fields.
func oneSpanProto() []byte {
	var sp []byte
	sp = field(sp, 1, unhex("463ac35c9f6413ad"))
	sp = field(sp, 2, unhex("a2fb4a1d1a96d312"))
	sp = field(sp, 3, unhex("72485a3953bb6124"))
	sp = protowire.AppendTag(sp, 4, protowire.VarintType)
	sp = protowire.AppendVarint(sp, 2) // SERVER
	sp = field(sp, 5, []byte("get /api"))
	sp = protowire.AppendTag(sp, 6, protowire.Fixed64Type)
	sp = protowire.AppendFixed64(sp, 1600000000123456)
	sp = protowire.AppendTag(sp, 7, protowire.VarintType)
	sp = protowire.AppendVarint(sp, 7)
	var local []byte
	local = field(local, 1, []byte("backend"))
	local = field(local, 2, []byte{10, 0, 0, 1})
	local = protowire.AppendTag(local, 4, protowire.VarintType)
	local = protowire.AppendVarint(local, 8080)
	sp = field(sp, 8, local)
	var remote []byte
	remote = field(remote, 1, []byte("frontend"))
	remote = field(remote, 2, []byte{10, 0, 0, 2})
	sp = field(sp, 9, remote)
	var ann []byte
	ann = protowire.AppendTag(ann, 1, protowire.Fixed64Type)
	ann = protowire.AppendFixed64(ann, 1600000000123458)
	ann = field(ann, 2, []byte("wr"))
	sp = field(sp, 10, ann)
	sp = field(sp, 11, field(field(nil, 1, []byte("http.path")), 2, []byte("/api")))
	sp = field(sp, 11, field(field(nil, 1, []byte("error")), 2, []byte("timeout")))
	sp = protowire.AppendTag(sp, 13, protowire.VarintType)
	sp = protowire.AppendVarint(sp, 1)
	sp = field(sp, 99, []byte("a field from the future")) // skipped
	return field(nil, 1, sp)
}

// The same span in JSON and in proto3 maps to the same model span: one
// mapping serves both encodings.
func TestProtoMapsAsJSON(t *testing.T) {
	c := trace.NewCollector()
	if err := DecodeProto(oneSpanProto(), c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	want, _, err := decodeString(t, `[{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","parentId":"a2fb4a1d1a96d312",
	  "name":"get /api","kind":"SERVER","timestamp":1600000000123456,"duration":7,
	  "localEndpoint":{"serviceName":"backend","ipv4":"10.0.0.1","port":8080},"remoteEndpoint":{"serviceName":"frontend","ipv4":"10.0.0.2"},
	  "annotations":[{"timestamp":1600000000123458,"value":"wr"}],"tags":{"http.path":"/api","error":"timeout"},"shared":true}]`)
	if err != nil {
		t.Fatal(err)
	}
	got, exp := c.Traces()[0].Spans[0], want.Traces()[0].Spans[0]
	if !got.Equal(&exp) {
		t.Errorf("proto3:\n%+v\nJSON:\n%+v", got, exp)
	}
	if got.Resource.Service != "backend" || got.Start != 1600000000123456000 || got.StatusMessage != "timeout" {
		t.Errorf("span %+v", got)
	}
}

// A malformed message is an error naming the offset of its span, not a
// panic or a half-read list.
func TestProtoBadInput(t *testing.T) {
	good := oneSpanProto()
	for name, in := range map[string][]byte{
		"cut":         append(append([]byte{}, good...), good[:len(good)-3]...),
		"wrong type":  append(append([]byte{}, good...), field(nil, 1, protowire.AppendVarint(protowire.AppendTag(nil, 5, protowire.VarintType), 1))...),
		"bad varint":  {0x0a, 0x02, 0x20, 0xff},
		"bad tag":     {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
		"nested junk": field(nil, 1, field(nil, 8, []byte{0x0a, 0x05, 'a'})),
	} {
		err := DecodeProto(in, trace.NewCollector(), &source.Warnings{})
		var pe *source.ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "Zipkin protobuf") {
			t.Errorf("%s: %v, want a positioned Zipkin protobuf error", name, err)
			continue
		}
		if name != "bad tag" && name != "bad varint" && name != "nested junk" && pe.Offset != int64(len(good)) {
			t.Errorf("%s: offset %d, want %d (the second span)", name, pe.Offset, len(good))
		}
	}
}

func FuzzDecodeProto(f *testing.F) {
	f.Add(oneSpanProto())
	f.Add([]byte{0x0a, 0x00})
	f.Fuzz(func(t *testing.T, in []byte) {
		c := trace.NewCollector()
		err := DecodeProto(in, c, &source.Warnings{})
		var pe *source.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error without a position: %v", err)
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}

// IDs of a length Zipkin refuses are refused, naming the span and the
// field, never zero-padded into another trace's ID.
func TestProtoIDLengthsAsZipkin(t *testing.T) {
	span := func(traceID, id, parent []byte) []byte {
		var sp []byte
		if traceID != nil {
			sp = field(sp, 1, traceID)
		}
		if parent != nil {
			sp = field(sp, 2, parent)
		}
		if id != nil {
			sp = field(sp, 3, id)
		}
		return field(nil, 1, field(sp, 5, []byte("op")))
	}
	id8, id16 := unhex("463ac35c9f6413ad"), unhex("463ac35c9f6413ad463ac35c9f6413ad")
	for name, c := range map[string]struct {
		in   []byte
		want string
	}{
		"64-bit":        {span(id8, id8, nil), ""},
		"128-bit":       {span(id16, id8, id8), ""},
		"5-byte trace":  {span(id8[:5], id8, nil), "span 0: trace_id is 5 bytes, want 8 or 16 bytes"},
		"no trace":      {span(nil, id8, nil), "span 0: no trace_id"},
		"short id":      {append(span(id8, id8, nil), span(id8, id8[:4], nil)...), "span 1: id is 4 bytes, want 8 bytes"},
		"16-byte id":    {span(id16, id16, nil), "id is 16 bytes"},
		"no id":         {span(id8, nil, nil), "no id"},
		"short parent":  {span(id8, id8, id8[:7]), "parent_id is 7 bytes"},
		"garbage":       {[]byte{0x0a, 0x09, 0x01}, "malformed field"},
		"garbage later": {append(span(id8, id8, nil), 0xff), "malformed field"},
	} {
		err := DecodeProto(c.in, trace.NewCollector(), &source.Warnings{})
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.ContainsRune(err.Error(), '\u00a0') {
			t.Errorf("%s: %q, want an error saying %q in plain spaces", name, err, c.want)
		}
	}
	err := DecodeProto(append(span(id8, id8, nil), 0xff), trace.NewCollector(), &source.Warnings{})
	var pe *source.ParseError
	if !errors.As(err, &pe) || pe.Offset != int64(len(span(id8, id8, nil))) {
		t.Errorf("garbage after a span: %v, want its byte offset %d", err, len(span(id8, id8, nil)))
	}
}
