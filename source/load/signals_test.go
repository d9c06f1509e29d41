package load

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
)

const (
	savedTraceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	savedSpans   = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"` + savedTraceID + `","spanId":"00000000000000a1","name":"GET /cart","startTimeUnixNano":"1","endTimeUnixNano":"9"}]}]}]}`
	savedLogs    = `{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeLogs":[{"logRecords":[` +
		`{"timeUnixNano":"5","severityNumber":17,"body":{"stringValue":"cache miss"},"traceId":"` + savedTraceID + `","spanId":"00000000000000a1"},` +
		`{"timeUnixNano":"6","body":{"stringValue":"elsewhere"},"traceId":"00000000000000000000000000000099","spanId":"0000000000000001"}]}]}]}`
	savedMetrics = `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"http.requests"}]}]}]}`
)

// A `listen --save` file holds logs and metrics lines among the spans:
// the logs join their spans, the metrics are skipped with a count, and no
// line is called "not OTLP JSON".
func TestSavedLogsJoinTheirSpansAndMetricsAreCounted(t *testing.T) {
	file := strings.Join([]string{savedMetrics, savedLogs, savedSpans, savedMetrics, savedMetrics, "{bad", ""}, "\n")
	for name, data := range map[string][]byte{"saved.jsonl": []byte(file), "saved.jsonl.gz": gz(t, []byte(file))} {
		res, err := All([]Input{{Name: writeFile(t, name, data)}}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Traces) != 1 || len(res.Traces[0].Logs) != 1 {
			t.Fatalf("%s: %d traces, want 1 with its 1 log record: %+v", name, len(res.Traces), res.Traces)
		}
		if l := res.Traces[0].Logs[0]; l.Body != "cache miss" || l.Service != "cart" || l.Severity != "ERROR" || l.SpanID.String() != "00000000000000a1" {
			t.Errorf("%s: log record %+v", name, l)
		}
		var ws []string
		for _, w := range res.Warnings {
			ws = append(ws, w.String())
		}
		got := strings.Join(ws, "\n")
		for _, want := range []string{
			":6: invalid JSON", // the bad line keeps its line number
			"skipped 3 metrics exports (tracetui reads traces and their logs)",
			name + ": not shown: 1 log record naming no span of the traces read", // the file, not <input>
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: warnings\n%s\nwant %q", name, got, want)
			}
		}
		if strings.Contains(got, "not OTLP JSON") || len(ws) != 3 {
			t.Errorf("%s: want exactly those 3 warnings:\n%s", name, got)
		}
	}
}

// A file of logs and metrics only has no traces to show, and says what it
// does hold.
func TestOnlyLogsAndMetricsIsNoSpans(t *testing.T) {
	_, err := All([]Input{{Name: "x.jsonl", Reader: bytes.NewReader([]byte(savedLogs + "\n" + savedMetrics + "\n"))}}, Options{})
	if !errors.Is(err, source.ErrNoSpans) || !strings.Contains(err.Error(), "no spans found: only 1 logs export and 1 metrics export") {
		t.Errorf("err = %v", err)
	}
}
