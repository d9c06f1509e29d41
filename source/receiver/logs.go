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
func (r *Receiver) logs(body []byte, ct string) (int64, string, int, error) {
	var recs []trace.LogRecord
	if ct == ctProto {
		var req collogspb.ExportLogsServiceRequest
		if err := proto.Unmarshal(body, &req); err != nil {
			return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode protobuf logs body: %v", err)
		}
		recs = logsFromProto(&req)
	} else if len(bytes.TrimSpace(body)) > 0 {
		var err error
		var ws source.Warnings
		if recs, err = otlpjson.DecodeLogs(bytes.NewReader(body), &ws); err != nil {
			return 0, "", http.StatusBadRequest, fmt.Errorf("cannot decode JSON logs body: %v", err)
		}
	}
	r.store.AddLogs(recs)
	return 0, "", http.StatusOK, nil
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
					Body:     anyText(lr.Body),
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
					l.Attrs = append(l.Attrs, trace.Attr{Key: kv.Key, Value: trace.StringValue(anyText(kv.Value))})
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

func anyText(v *commonpb.AnyValue) string {
	switch x := v.GetValue().(type) {
	case nil:
		return ""
	case *commonpb.AnyValue_StringValue:
		return x.StringValue
	case *commonpb.AnyValue_BoolValue:
		return fmt.Sprint(x.BoolValue)
	case *commonpb.AnyValue_IntValue:
		return fmt.Sprint(x.IntValue)
	case *commonpb.AnyValue_DoubleValue:
		return fmt.Sprint(x.DoubleValue)
	case *commonpb.AnyValue_BytesValue:
		return fmt.Sprintf("0x%x", x.BytesValue)
	case *commonpb.AnyValue_ArrayValue:
		s := "["
		for i, e := range x.ArrayValue.GetValues() {
			if i > 0 {
				s += ", "
			}
			s += anyText(e)
		}
		return s + "]"
	case *commonpb.AnyValue_KvlistValue:
		s := "{"
		for i, kv := range x.KvlistValue.GetValues() {
			if i > 0 {
				s += ", "
			}
			s += kv.Key + ": " + anyText(kv.Value)
		}
		return s + "}"
	}
	return ""
}
