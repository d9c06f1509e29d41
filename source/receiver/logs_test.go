package receiver

import (
	"context"
	"net/http"
	"testing"

	collogspb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	logspb "go.opentelemetry.io/proto/otlp/logs/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/trace"
)

func logRequest(traceByte, spanByte byte, body string, severity logspb.SeverityNumber) *collogspb.ExportLogsServiceRequest {
	tid := make([]byte, 16)
	tid[15] = traceByte
	sid := make([]byte, 8)
	sid[7] = spanByte
	str := func(s string) *commonpb.AnyValue {
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: s}}
	}
	return &collogspb.ExportLogsServiceRequest{ResourceLogs: []*logspb.ResourceLogs{{
		Resource: &resourcepb.Resource{Attributes: []*commonpb.KeyValue{{Key: "service.name", Value: str("payment")}}},
		ScopeLogs: []*logspb.ScopeLogs{{LogRecords: []*logspb.LogRecord{
			{TimeUnixNano: 1_000_000_500, SeverityNumber: severity, Body: str(body), TraceId: tid, SpanId: sid,
				Attributes: []*commonpb.KeyValue{{Key: "card", Value: str("visa")},
					{Key: "attempt", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_IntValue{IntValue: 3}}},
					{Key: "retry", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_KvlistValue{KvlistValue: &commonpb.KeyValueList{
						Values: []*commonpb.KeyValue{{Key: "backoff_ms", Value: &commonpb.AnyValue{Value: &commonpb.AnyValue_DoubleValue{DoubleValue: 2.5}}}}}}}}}},
			{TimeUnixNano: 1_000_000_600, Body: str("no span, counted only")},
		}}},
	}}}
}

// Logs arrive by all three routes; the ones naming a span are kept with its
// trace (even before the trace's spans arrive), the rest only counted.
func TestLogRecordsJoinTheirSpan(t *testing.T) {
	r, st := start(t, Config{GRPCAddr: "127.0.0.1:0"})
	u := "http://" + r.HTTPAddr() + "/v1/logs"

	pb, _ := proto.Marshal(logRequest(7, 1, "card declined", logspb.SeverityNumber_SEVERITY_NUMBER_ERROR))
	if code, _, body := post(t, u, "POST", ctProto, pb); code != http.StatusOK {
		t.Fatalf("protobuf logs: %d %q", code, body)
	}
	js := `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1000000700","severityNumber":"SEVERITY_NUMBER_WARN",
		"body":{"stringValue":"retrying"},"traceId":"00000000000000000000000000000007","spanId":"0000000000000001"}]}],
		"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"payment"}}]}}]}`
	if code, _, body := post(t, u, "POST", ctJSON, []byte(js)); code != http.StatusOK {
		t.Fatalf("JSON logs: %d %q", code, body)
	}
	conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := collogspb.NewLogsServiceClient(conn).Export(context.Background(), logRequest(7, 2, "other span", 0)); err != nil {
		t.Fatalf("gRPC logs: %v", err)
	}

	if len(snapshot(st)) != 0 {
		t.Fatal("a trace with logs but no spans must not be listed yet")
	}
	if code, _, body := post(t, "http://"+r.HTTPAddr()+"/v1/traces", "POST", ctProto, tree(7)); code != 200 {
		t.Fatalf("traces: %d %q", code, body)
	}
	snap := snapshot(st)
	if len(snap) != 1 {
		t.Fatalf("%d traces, want 1", len(snap))
	}
	var span1 trace.SpanID
	span1[7] = 1
	got := snap[0].LogsFor(span1)
	if len(got) != 2 {
		t.Fatalf("span 1 has %d log records, want 2: %+v", len(got), got)
	}
	if got[0].Body != "card declined" || got[0].Severity != "ERROR" || got[0].Service != "payment" || got[0].Time != 1_000_000_500 {
		t.Errorf("protobuf record = %+v", got[0])
	}
	// Over protobuf and gRPC, attributes keep their types as over JSON.
	if v, _ := trace.Lookup(got[0].Attrs, "attempt"); v.Kind() != trace.ValueInt || v.Int() != 3 {
		t.Errorf("protobuf log attribute attempt = %v (%v), want int 3", v.AsString(), v.Kind())
	}
	if v, _ := trace.Lookup(got[0].Attrs, "retry"); v.Kind() != trace.ValueMap || len(v.Items()) != 1 ||
		v.Items()[0].Value.Kind() != trace.ValueDouble || v.Items()[0].Value.Double() != 2.5 {
		t.Errorf("protobuf log attribute retry = %v (%v), want a map holding the double 2.5", v.AsString(), v.Kind())
	}
	if got[1].Body != "retrying" || got[1].Severity != "WARN" || got[1].Service != "payment" {
		t.Errorf("JSON record = %+v", got[1])
	}
	if s := st.Stats(); s.Logs != 5 || s.Traces != 1 {
		t.Errorf("stats %+v: want 5 log records counted, 1 trace", s)
	}
}
