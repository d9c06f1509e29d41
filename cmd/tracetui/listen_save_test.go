package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// The README's CI recipe with an app that exports all three signals:
// listen --save keeps the logs and metrics too, and print reads the file
// back without calling any line "not OTLP JSON", counting the metrics it
// skips.
func TestListenSaveThenPrintWithLogsAndMetrics(t *testing.T) {
	save := filepath.Join(t.TempDir(), "traces.jsonl")
	addr := freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--headless", "--save", save)
	post := func(path, body string) {
		resp, err := http.Post("http://"+addr+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s answered %d", path, resp.StatusCode)
		}
	}
	post("/v1/metrics", `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"http.requests"}]}]}]}`)
	post("/v1/logs", `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"cache miss"},"traceId":"`+lateTraceID+`","spanId":"0000000000000001"}]}]}]}`)
	post("/v1/traces", spanJSON("GET /cart", 1, 0, 1e6, 9e6))
	post("/v1/metrics", `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"http.requests"}]}]}]}`)
	if code := l.stop(); code != 0 {
		t.Fatalf("listen exit %d: %s", code, l.errOut.String())
	}
	r := runCLI(t, nil, false, "print", save)
	if r.code != 0 || !strings.Contains(r.stdout, "trace "+lateTraceID) {
		t.Fatalf("print: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	want := "warning: " + save + ": skipped 2 metrics exports (tracetui reads traces and their logs)\n"
	if r.stderr != want {
		t.Errorf("print's stderr\n got %q\nwant %q", r.stderr, want)
	}
}
