package receiver

import (
	"bytes"
	"fmt"
	"net/http"

	collogspb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// logs accepts a log export; records that name a span are kept with their
// trace so the details pane can show what the span logged.
func (r *Receiver) logs(b *body, ct string) (int64, string, int, error) {
	body, err := b.Bytes()
	if err != nil {
		return 0, "", http.StatusServiceUnavailable, err
	}
	var recs []trace.LogRecord
	line := func() ([]byte, error) { return jsonLine(body) }
	if ct == ctProto {
		var req collogspb.ExportLogsServiceRequest
		if err := proto.Unmarshal(body, &req); err != nil {
			return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode protobuf logs body: %v", err)
		}
		recs = logsFromProto(&req)
		line = func() ([]byte, error) { return protoExportLine(&req, len(req.ResourceLogs)) }
	} else if len(bytes.TrimSpace(body)) > 0 {
		var err error
		var ws source.Warnings
		if recs, err = otlpjson.DecodeLogs(bytes.NewReader(body), &ws); err != nil {
			return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode JSON logs body: %v", err)
		}
	}
	if err := r.saveLine(line); err != nil {
		return 0, "", http.StatusServiceUnavailable, err
	}
	r.store.AddLogs(recs)
	return 0, "", http.StatusOK, nil
}

// saveLine appends a logs or metrics export to the --save file, if any,
// before its exporter is answered; line is only made when there is one.
func (r *Receiver) saveLine(line func() ([]byte, error)) error {
	if r.cfg.Save == nil {
		return nil
	}
	b, err := line()
	if err != nil {
		return fmt.Errorf("cannot save: %v", err)
	}
	if b == nil {
		return nil
	}
	if err := r.cfg.Save.WriteLine(b); err != nil {
		return fmt.Errorf("cannot save: %v", err)
	}
	return nil
}

// protoExportLine is protoLine for an export of n resource entries: none
// is an empty export, with nothing to keep.
func protoExportLine(m proto.Message, n int) ([]byte, error) {
	if n == 0 {
		return nil, nil
	}
	return protoLine(m)
}

// logsFromProto keeps what a details pane shows of each record. Logs are a
// side channel here (far fewer than spans), so the generated types do.
func logsFromProto(req *collogspb.ExportLogsServiceRequest) []trace.LogRecord {
	var out []trace.LogRecord
	for _, rl := range req.ResourceLogs {
		service := ""
		for _, kv := range rl.GetResource().GetAttributes() {
			if kv.Key == "service.name" {
				service = kv.GetValue().GetStringValue()
			}
		}
		for _, sl := range rl.ScopeLogs {
			for _, lr := range sl.LogRecords {
				l := trace.LogRecord{
					Time:     int64(lr.TimeUnixNano),
					Severity: lr.SeverityText,
					Body:     anyValue(lr.Body, 0).AsString(),
					Service:  service,
				}
				if l.Time == 0 {
					l.Time = int64(lr.ObservedTimeUnixNano)
				}
				if l.Severity == "" {
					l.Severity = trace.SeverityName(int64(lr.SeverityNumber))
				}
				l.TraceID, _ = source.ParseTraceIDBytes(hexOf(lr.TraceId, 16))
				l.SpanID, _ = source.ParseSpanIDBytes(hexOf(lr.SpanId, 8))
				for _, kv := range lr.Attributes {
					l.Attrs = append(l.Attrs, trace.Attr{Key: kv.Key, Value: anyValue(kv.Value, 0)})
				}
				out = append(out, l)
			}
		}
	}
	return out
}

// hexOf turns a binary ID of the right length into hex for the shared ID
// parser; any other length is invalid and reads as empty.
func hexOf(b []byte, n int) []byte {
	if len(b) != n {
		return nil
	}
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*n)
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return out
}

// maxLogValueDepth bounds how deep a log attribute's arrays and maps are
// kept; deeper levels read as "…". Logs are shown, never re-exported, so a
// cut costs nothing but the unreadable tail.
const maxLogValueDepth = 32

// anyValue keeps a log attribute typed as sent, as the JSON path does:
// an int stays an int, a map stays a map.
func anyValue(v *commonpb.AnyValue, depth int) trace.Value {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return trace.StringValue(x.StringValue)
	case *commonpb.AnyValue_BoolValue:
		return trace.BoolValue(x.BoolValue)
	case *commonpb.AnyValue_IntValue:
		return trace.IntValue(x.IntValue)
	case *commonpb.AnyValue_DoubleValue:
		return trace.DoubleValue(x.DoubleValue)
	case *commonpb.AnyValue_BytesValue:
		return trace.BytesValue(x.BytesValue)
	case *commonpb.AnyValue_ArrayValue:
		if depth >= maxLogValueDepth {
			return trace.StringValue("…")
		}
		items := make([]trace.Attr, 0, len(x.ArrayValue.GetValues()))
		for _, e := range x.ArrayValue.GetValues() {
			items = append(items, trace.Attr{Value: anyValue(e, depth+1)})
		}
		return trace.ArrayValue(items)
	case *commonpb.AnyValue_KvlistValue:
		if depth >= maxLogValueDepth {
			return trace.StringValue("…")
		}
		items := make([]trace.Attr, 0, len(x.KvlistValue.GetValues()))
		for _, kv := range x.KvlistValue.GetValues() {
			items = append(items, trace.Attr{Key: kv.Key, Value: anyValue(kv.Value, depth+1)})
		}
		return trace.MapValue(items)
	}
	return trace.Value{}
}
