package receiver

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	collogspb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	colmetricspb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	logspb "go.opentelemetry.io/proto/otlp/logs/v1"
	metricspb "go.opentelemetry.io/proto/otlp/metrics/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
)

func metricsRequest(name string) *colmetricspb.ExportMetricsServiceRequest {
	return &colmetricspb.ExportMetricsServiceRequest{ResourceMetrics: []*metricspb.ResourceMetrics{{
		ScopeMetrics: []*metricspb.ScopeMetrics{{Metrics: []*metricspb.Metric{{Name: name,
			Data: &metricspb.Metric_Sum{Sum: &metricspb.Sum{AggregationTemporality: metricspb.AggregationTemporality_AGGREGATION_TEMPORALITY_CUMULATIVE,
				DataPoints: []*metricspb.NumberDataPoint{{Value: &metricspb.NumberDataPoint_AsInt{AsInt: 42},
					Exemplars: []*metricspb.Exemplar{{TraceId: bytes.Repeat([]byte{0xab}, 16), SpanId: bytes.Repeat([]byte{0xcd}, 8)}}}}}}}}}},
	}}}
}

// --save keeps log records and metrics as well as spans: each accepted
// export, by either transport and in either encoding, is one OTLP JSON
// line (IDs in hex, as OTLP JSON has them), and the log lines read back.
func TestSaveKeepsLogsAndMetrics(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.jsonl")
	sv, err := OpenSaver(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := start(t, Config{Save: sv, GRPCAddr: "127.0.0.1:0"})
	base := "http://" + r.HTTPAddr()
	pb, _ := proto.Marshal(logRequest(7, 1, "card declined", logspb.SeverityNumber_SEVERITY_NUMBER_ERROR))
	mb, _ := proto.Marshal(metricsRequest("http.requests"))
	for _, p := range []struct {
		path, ct string
		body     []byte
	}{
		{"/v1/logs", ctProto, pb},
		{"/v1/logs", ctJSON, []byte("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[\n{\"body\":{\"stringValue\":\"json\"},\"traceId\":\"00000000000000000000000000000007\",\"spanId\":\"0000000000000002\"}]}]}]}")},
		{"/v1/logs", ctJSON, []byte("{}")}, // empty: nothing to keep
		{"/v1/metrics", ctProto, mb},
		{"/v1/metrics", ctJSON, []byte("{\"resourceMetrics\":[\n{\"scopeMetrics\":[]}]}")},
	} {
		if code, _, body := post(t, base+p.path, "POST", p.ct, p.body); code != http.StatusOK {
			t.Fatalf("%s %s: %d %q", p.path, p.ct, code, body)
		}
	}
	conn, err := grpc.NewClient(r.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := collogspb.NewLogsServiceClient(conn).Export(context.Background(), logRequest(8, 1, "grpc", 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := colmetricspb.NewMetricsServiceClient(conn).Export(context.Background(), metricsRequest("grpc.calls")); err != nil {
		t.Fatal(err)
	}
	r.Shutdown(context.Background())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	var logs, metrics int
	var logLines bytes.Buffer
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, `{"resourceLogs":`):
			logs++
			logLines.WriteString(l + "\n")
		case strings.HasPrefix(l, `{"resourceMetrics":`):
			metrics++
			if strings.Contains(l, "http.requests") && (!strings.Contains(l, `"traceId":"abababababababababababababababab"`) || !strings.Contains(l, `"aggregationTemporality":2`)) {
				t.Errorf("a protobuf metrics export in OTLP JSON has hex IDs and enum numbers: %s", l)
			}
		default:
			t.Errorf("not a logs or metrics line: %q", l)
		}
	}
	if logs != 3 || metrics != 3 {
		t.Errorf("%d logs lines and %d metrics lines, want 3 each:\n%s", logs, metrics, data)
	}
	var ws source.Warnings
	recs, err := otlpjson.DecodeLogs(&logLines, &ws)
	if err != nil || len(recs) != 5 {
		t.Fatalf("the saved logs read back as %d records, %v", len(recs), err)
	}
	if recs[0].TraceID.String() != "00000000000000000000000000000007" || recs[0].Body != "card declined" || recs[0].Severity != "ERROR" {
		t.Errorf("the protobuf log record read back as %+v", recs[0])
	}
}
