// Package naive is the straightforward OTLP/JSON loader tracetui does NOT
// use: protojson into the generated types, then a conversion into the
// model. Benchmarks compare against it; nothing else may import it.
package naive

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"io"

	"google.golang.org/protobuf/encoding/protojson"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// ProtoToModel converts generated OTLP types into the model. protojson reads OTLP's hex IDs as
// base64, so IDs are re-encoded to recover the hex text first.
func ProtoToModel(req *coltracepb.ExportTraceServiceRequest, c *trace.Collector) {
	for _, rs := range req.ResourceSpans {
		res := &trace.Resource{Attrs: attrs(rs.GetResource().GetAttributes())}
		if v, ok := trace.Lookup(res.Attrs, "service.name"); ok {
			res.Service = v.Str()
		}
		for _, ss := range rs.ScopeSpans {
			scope := &trace.Scope{Name: ss.GetScope().GetName(), Version: ss.GetScope().GetVersion()}
			for _, sp := range ss.Spans {
				s := trace.Span{Resource: res, Scope: scope, Name: sp.Name, Kind: trace.SpanKind(sp.Kind),
					Start: int64(sp.StartTimeUnixNano), End: int64(sp.EndTimeUnixNano), Attrs: attrs(sp.Attributes),
					Status: trace.StatusCode(sp.GetStatus().GetCode()), StatusMessage: sp.GetStatus().GetMessage()}
				s.TraceID, _ = source.ParseTraceID(base64.StdEncoding.EncodeToString(sp.TraceId))
				s.SpanID, _ = source.ParseSpanID(base64.StdEncoding.EncodeToString(sp.SpanId))
				s.ParentID, _ = source.ParseSpanID(base64.StdEncoding.EncodeToString(sp.ParentSpanId))
				for _, e := range sp.Events {
					s.Events = append(s.Events, trace.Event{Time: int64(e.TimeUnixNano), Name: e.Name, Attrs: attrs(e.Attributes)})
				}
				c.Add(&s)
			}
		}
	}
}

func attrs(kvs []*commonpb.KeyValue) []trace.Attr {
	out := make([]trace.Attr, 0, len(kvs))
	for _, kv := range kvs {
		var v trace.Value
		switch x := kv.GetValue().GetValue().(type) {
		case *commonpb.AnyValue_StringValue:
			v = trace.StringValue(x.StringValue)
		case *commonpb.AnyValue_IntValue:
			v = trace.IntValue(x.IntValue)
		case *commonpb.AnyValue_BoolValue:
			v = trace.BoolValue(x.BoolValue)
		case *commonpb.AnyValue_DoubleValue:
			v = trace.DoubleValue(x.DoubleValue)
		}
		out = append(out, trace.Attr{Key: kv.Key, Value: v})
	}
	return out
}

// LoadJSONLines reads OTLP JSON lines the naive way.
func LoadJSONLines(r io.Reader) (*trace.Collector, error) {
	c := trace.NewCollector()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var req coltracepb.ExportTraceServiceRequest
		if err := protojson.Unmarshal(line, &req); err != nil {
			return nil, err
		}
		ProtoToModel(&req, c)
	}
	return c, sc.Err()
}
