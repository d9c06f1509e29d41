package otlpproto

import (
	"bytes"
	"testing"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func generated(b *testing.B) []byte {
	var buf bytes.Buffer
	if err := tracegen.WriteProto(&buf, tracegen.Config{Spans: 100_000, Traces: 10, Seed: 1}, false); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	data := generated(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := trace.NewCollector()
		if err := Decode(data, c, &source.Warnings{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100_000/(b.Elapsed().Seconds()/float64(b.N)), "spans/s")
}

// BenchmarkProtoUnmarshalBaseline is proto.Unmarshal into the generated
// types, then a conversion into the model: the straightforward approach.
func BenchmarkProtoUnmarshalBaseline(b *testing.B) {
	data := generated(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var req coltracepb.ExportTraceServiceRequest
		if err := proto.Unmarshal(data, &req); err != nil {
			b.Fatal(err)
		}
		c := trace.NewCollector()
		for _, rs := range req.ResourceSpans {
			res := &trace.Resource{}
			for _, ss := range rs.ScopeSpans {
				for _, sp := range ss.Spans {
					s := trace.Span{Resource: res, Name: sp.Name, Start: int64(sp.StartTimeUnixNano), End: int64(sp.EndTimeUnixNano)}
					copy(s.TraceID[:], sp.TraceId)
					copy(s.SpanID[:], sp.SpanId)
					copy(s.ParentID[:], sp.ParentSpanId)
					for _, kv := range sp.Attributes {
						s.Attrs = append(s.Attrs, trace.Attr{Key: kv.Key, Value: trace.StringValue(kv.GetValue().GetStringValue())})
					}
					c.Add(&s)
				}
			}
		}
	}
	b.ReportMetric(100_000/(b.Elapsed().Seconds()/float64(b.N)), "spans/s")
}
