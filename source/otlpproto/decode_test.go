package otlpproto

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func str(k, v string) *commonpb.KeyValue {
	return &commonpb.KeyValue{Key: k, Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: v}}}
}

func fullRequest() *coltracepb.ExportTraceServiceRequest {
	tid := []byte{0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03, 0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c}
	return &coltracepb.ExportTraceServiceRequest{ResourceSpans: []*tracepb.ResourceSpans{{
		Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{str("service.name", "shipping")}, DroppedAttributesCount: 1},
		ScopeSpans: []*tracepb.ScopeSpans{{
			Scope: &commonpb.InstrumentationScope{Name: "lib", Version: "2.0", Attributes: []*commonpb.KeyValue{str("s", "x")}},
			Spans: []*tracepb.Span{{
				TraceId: tid, SpanId: []byte{1, 2, 3, 4, 5, 6, 7, 8}, ParentSpanId: []byte{0, 0, 0, 0, 0, 0, 0, 9},
				TraceState: "k=v", Flags: 0x301, Name: "GET /v2/rates", Kind: tracepb.Span_SPAN_KIND_SERVER,
				StartTimeUnixNano: 1_000, EndTimeUnixNano: 5_000,
				Attributes: []*commonpb.KeyValue{
					str("http.route", "/v2/rates"),
					{Key: "b", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_BoolValue{BoolValue: true}}},
					{Key: "i", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_IntValue{IntValue: -42}}},
					{Key: "d", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_DoubleValue{DoubleValue: 2.5}}},
					{Key: "y", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_BytesValue{BytesValue: []byte("hi")}}},
					{Key: "a", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_ArrayValue{ArrayValue: &commonpb.ArrayValue{
						Values: []*commonpb.AnyValue{{Value: &commonpb.AnyValue_IntValue{IntValue: 1}}}}}}},
					{Key: "m", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_KvlistValue{KvlistValue: &commonpb.KeyValueList{
						Values: []*commonpb.KeyValue{str("k", "v")}}}}},
				},
				DroppedAttributesCount: 2,
				Events:                 []*tracepb.Span_Event{{TimeUnixNano: 3_000, Name: "exception", Attributes: []*commonpb.KeyValue{str("exception.message", "boom")}}},
				DroppedEventsCount:     3,
				Links:                  []*tracepb.Span_Link{{TraceId: tid, SpanId: []byte{9, 9, 9, 9, 9, 9, 9, 9}, Attributes: []*commonpb.KeyValue{str("l", "1")}, Flags: 1}},
				DroppedLinksCount:      4,
				Status:                 &tracepb.Status{Code: tracepb.Status_STATUS_CODE_ERROR, Message: "502 Bad Gateway"},
			}},
		}},
	}}}
}

func TestEveryFieldLandsInTheModel(t *testing.T) {
	b, err := proto.Marshal(fullRequest())
	if err != nil {
		t.Fatal(err)
	}
	c := trace.NewCollector()
	var ws source.Warnings
	if err := Decode(b, c, &ws); err != nil {
		t.Fatal(err)
	}
	if c.SpanCount() != 1 {
		t.Fatalf("spans = %d", c.SpanCount())
	}
	s := c.Traces()[0].Spans[0]
	v := func(k string) trace.Value { x, _ := trace.Lookup(s.Attrs, k); return x }
	checks := map[string]bool{
		"ids":      s.TraceID.String() == "5b8efff798038103d269b633813fc60c" && s.SpanID.String() == "0102030405060708" && s.ParentID[7] == 9,
		"basics":   s.Name == "GET /v2/rates" && s.Kind == trace.KindServer && s.Start == 1000 && s.End == 5000 && s.TraceState == "k=v" && s.Flags == 0x301,
		"status":   s.IsError() && s.StatusMessage == "502 Bad Gateway",
		"attrs":    v("http.route").Str() == "/v2/rates" && v("b").Bool() && v("i").Int() == -42 && v("d").Double() == 2.5 && string(v("y").Bytes()) == "hi",
		"nested":   v("a").AsString() == "[1]" && v("m").AsString() == "{k: v}",
		"dropped":  s.DroppedAttrs == 2 && s.DroppedEvents == 3 && s.DroppedLinks == 4 && s.Resource.DroppedAttrs == 1,
		"events":   len(s.Events) == 1 && s.Events[0].Time == 3000 && s.Events[0].Name == "exception" && len(s.Events[0].Attrs) == 1,
		"links":    len(s.Links) == 1 && s.Links[0].SpanID[0] == 9 && s.Links[0].Flags == 1 && len(s.Links[0].Attrs) == 1,
		"resource": s.Service() == "shipping" && s.Scope.Name == "lib" && s.Scope.Version == "2.0" && len(s.Scope.Attrs) == 1,
	}
	for name, ok := range checks {
		if !ok {
			t.Errorf("%s wrong: %+v", name, s)
		}
	}
}

func TestLengthPrefixedStreamMergesTraces(t *testing.T) {
	var stream bytes.Buffer
	for i := 0; i < 3; i++ {
		req := fullRequest()
		req.ResourceSpans[0].ScopeSpans[0].Spans[0].SpanId[7] = byte(i)
		b, _ := proto.Marshal(req)
		binary.Write(&stream, binary.BigEndian, uint32(len(b)))
		stream.Write(b)
	}
	if k := Sniff(stream.Bytes(), int64(stream.Len())); k != LengthPrefixed {
		t.Fatalf("Sniff = %v, want LengthPrefixed", k)
	}
	c := trace.NewCollector()
	var ws source.Warnings
	if err := DecodeStream(bytes.NewReader(stream.Bytes()), c, &ws, source.MaxValueBytes); err != nil {
		t.Fatal(err)
	}
	if len(c.Traces()) != 1 || c.SpanCount() != 3 {
		t.Errorf("got %d traces / %d spans", len(c.Traces()), c.SpanCount())
	}
	// Cut in the middle of the second message: the error names its offset.
	cut := stream.Bytes()[:stream.Len()/2]
	err := DecodeStream(bytes.NewReader(cut), trace.NewCollector(), &ws, source.MaxValueBytes)
	var pe *source.ParseError
	if !errors.As(err, &pe) || pe.Offset <= 0 {
		t.Errorf("truncated stream: %v", err)
	}
}

func TestSniffTellsProtobufFromEverythingElse(t *testing.T) {
	var bare, framed bytes.Buffer
	cfg := tracegen.Config{Spans: 500, Traces: 2, Seed: 1}
	tracegen.WriteProto(&bare, cfg, false)
	tracegen.WriteProto(&framed, cfg, true)
	cases := map[string]struct {
		in   []byte
		want Kind
	}{
		"bare":      {bare.Bytes(), Bare},
		"framed":    {framed.Bytes(), LengthPrefixed},
		"json":      {[]byte(`{"resourceSpans":[]}`), NotProto},
		"text":      {[]byte("hello world, this is not a trace\n"), NotProto},
		"random":    {[]byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03}, NotProto},
		"zeros":     {make([]byte, 64), NotProto},
		"elf":       {[]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00"), NotProto},
		"head only": {bare.Bytes()[:4096], Bare},
	}
	for name, c := range cases {
		if got := Sniff(c.in, int64(len(c.in))); got != c.want {
			t.Errorf("%s: Sniff = %v, want %v", name, got, c.want)
		}
	}
}

func TestTruncatedMessageHasOffset(t *testing.T) {
	b, _ := proto.Marshal(fullRequest())
	err := Decode(b[:len(b)-7], trace.NewCollector(), &source.Warnings{})
	var pe *source.ParseError
	if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset >= int64(len(b)) {
		t.Errorf("want a positioned error, got %v", err)
	}
}

func TestGeneratedDataMatchesProtoUnmarshal(t *testing.T) {
	var bare bytes.Buffer
	tracegen.WriteProto(&bare, tracegen.Config{Spans: 2000, Traces: 4, Seed: 9, ErrorRate: 0.05}, false)
	var req coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(bare.Bytes(), &req); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, rs := range req.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			want += len(ss.Spans)
		}
	}
	c := trace.NewCollector()
	if err := Decode(bare.Bytes(), c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	if c.SpanCount() != want || want != 2000 || len(c.Traces()) != 4 {
		t.Errorf("decoded %d spans in %d traces, proto.Unmarshal saw %d", c.SpanCount(), len(c.Traces()), want)
	}
}
