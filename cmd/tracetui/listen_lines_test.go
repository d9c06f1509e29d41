package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const lateTraceID = "5ce0e4736a3ce9294bf92f3577b34da6"

// spanJSON is one OTLP JSON export of a span of trace lateTraceID with the given
// span and parent IDs (parent 0: a root), timed start..end nanoseconds.
func spanJSON(name string, id, parent, start, end int) string {
	p := ""
	if parent != 0 {
		p = fmt.Sprintf(`"parentSpanId":"%016x",`, parent)
	}
	return fmt.Sprintf(`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},"scopeSpans":[{"spans":[`+
		`{"traceId":"%s","spanId":"%016x",%s"name":"%s","startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}`, lateTraceID, id, p, name, start, end)
}

func postJSON(t *testing.T, addr, body string) {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/v1/traces", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("export answered %d", resp.StatusCode)
	}
}

// waitLines waits until the run has printed n lines on stdout.
func waitLines(t *testing.T, l *listenRun, n int) []string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if lines := strings.Split(strings.TrimSuffix(l.out.String(), "\n"), "\n"); l.out.String() != "" && len(lines) >= n {
			return lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("want %d lines, got %q; stderr %s", n, l.out.String(), l.errOut.String())
		}
	}
}

// A trace whose root comes after --trace-timeout (the root ends last, so
// its SDK exports it last): the first line says the root is missing, the
// second that it updates the first, with the new span count.
func TestListenLateRootIsAnUpdateOfAnIncompleteTrace(t *testing.T) {
	addr := freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--headless", "--trace-timeout", "100ms")
	postJSON(t, addr, spanJSON("SELECT items", 2, 1, 2e6, 5e6))
	first := waitLines(t, l, 1)[0]
	postJSON(t, addr, spanJSON("GET /cart", 1, 0, 1e6, 9e6))
	second := waitLines(t, l, 2)[1]
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	id := lateTraceID
	if want := "trace " + id + "  shop SELECT items  3.00 ms  1 span  0 errors  incomplete: root not yet received"; !strings.HasPrefix(first, want) {
		t.Errorf("first line\n got %q\nwant %q…", first, want)
	}
	if want := "trace " + id + " (update)  shop GET /cart  8.00 ms  2 spans (1 new)  0 errors"; !strings.HasPrefix(second, want) || strings.Contains(second, "incomplete") {
		t.Errorf("second line\n got %q\nwant %q…", second, want)
	}
	if n := len(strings.Split(strings.TrimSpace(l.out.String()), "\n")); n != 2 {
		t.Errorf("%d lines, want 2: %q", n, l.out.String())
	}
}

// A middle span missing: the root is there, and the line says how many
// parents are missing.
func TestListenLineSaysWhichParentsAreMissing(t *testing.T) {
	addr := freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--headless", "--trace-timeout", "50ms")
	postJSON(t, addr, `{"resourceSpans":[`+strings.TrimSuffix(strings.TrimPrefix(spanJSON("GET /cart", 1, 0, 1e6, 9e6), `{"resourceSpans":[`), "]}")+","+
		strings.TrimSuffix(strings.TrimPrefix(spanJSON("SELECT a", 3, 2, 2e6, 3e6), `{"resourceSpans":[`), "]}")+","+
		strings.TrimSuffix(strings.TrimPrefix(spanJSON("SELECT b", 4, 2, 3e6, 4e6), `{"resourceSpans":[`), "]}")+"]}")
	line := waitLines(t, l, 1)[0]
	l.stop()
	if want := "  shop GET /cart  8.00 ms  3 spans  0 errors  incomplete: 1 parent span missing"; !strings.Contains(line, want) {
		t.Errorf("line\n got %q\nwant …%q…", line, want)
	}
}

// An exporter that retries an export sends it again: the trace's line, the
// received count and the summary count its spans once and say how many
// repeats were dropped, as print does for a file holding them twice.
func TestListenCountsARetriedExportOnce(t *testing.T) {
	addr := freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--headless", "--trace-timeout", "100ms")
	for range 8 {
		postJSON(t, addr, spanJSON("GET /cart", 1, 0, 1e6, 9e6))
	}
	line := waitLines(t, l, 1)[0]
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	if want := "trace " + lateTraceID + "  shop GET /cart  8.00 ms  1 span  0 errors  7 repeated spans dropped  "; !strings.HasPrefix(line, want) {
		t.Errorf("line\n got %q\nwant %q…", line, want)
	}
	for _, want := range []string{"tracetui: received 1 span in 1 trace", "tracetui: dropped 7 repeated spans (the same span IDs and content arrived more than once)"} {
		if !strings.Contains(l.errOut.String(), want) {
			t.Errorf("stderr should say %q:\n%s", want, l.errOut.String())
		}
	}
}

// Broken times and IDs from any intake are said on the trace's line in
// print's words, never passed off as "0 ns 1 span 0 errors".
func TestListenLineCarriesPrintsDataWarnings(t *testing.T) {
	addr, zaddr, daddr := freePort(t), freePort(t), freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--headless", "--trace-timeout", "50ms", "--zipkin", zaddr, "--datadog", daddr)
	zipkin := func(body string) {
		resp, err := http.Post("http://"+zaddr+"/api/v2/spans", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	zipkin(`[{"traceId":"0000000000000a01","id":"0000000000000a01","name":"neg","timestamp":1700000000000000,"duration":-5,"localEndpoint":{"serviceName":"zk"}}]`)
	zipkin(`[{"traceId":"0000000000000a02","id":"0000000000000a02","name":"huge","timestamp":1e308,"duration":5,"localEndpoint":{"serviceName":"zk"}}]`)
	resp, err := http.Post("http://"+daddr+"/v0.4/traces", "application/json", strings.NewReader(
		`[[{"trace_id":2817,"span_id":0,"name":"noid","service":"dd","start":1700000000000000000,"duration":1000}],`+
			`[{"trace_id":2818,"span_id":1,"name":"neg","service":"dd","start":1700000000000000000,"duration":-5}],`+
			`[{"trace_id":2819,"span_id":1,"name":"late","service":"dd","start":9223372036854775807,"duration":5}]]`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	lines := waitLines(t, l, 5)
	l.stop()
	want := map[string]string{
		"trace 0000000000000a01": "zk neg  duration unknown  1 span  0 errors  ⚠ 1 span has no end time",
		"trace 0000000000000a02": "zk huge  duration unknown  1 span  0 errors  ⚠ 1 span has no start time",
		"trace 0000000000000b01": "dd noid  1.00 µs  1 span  0 errors  ⚠ 1 span has no span ID",
		"trace 0000000000000b02": "dd neg  duration unknown  1 span  0 errors  ⚠ 1 span has no end time",
		"trace 0000000000000b03": "dd late  duration unknown  1 span  0 errors  ⚠ 1 span has no end time",
	}
	for id, w := range want {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, id) })
		if i < 0 || !strings.Contains(lines[i], w) {
			t.Errorf("%s: want a line saying …%q…, got\n%s", id, w, strings.Join(lines, "\n"))
		}
	}
}

// A 128-bit root and a 64-bit child (the same low half) sent apart are one
// trace on one line, as print shows them from a file, not two traces each
// missing the other.
func TestListenJoins64BitSpansToTheir128BitRoot(t *testing.T) {
	addr, zaddr := freePort(t), freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--datadog", "off", "--headless", "--trace-timeout", "100ms", "--zipkin", zaddr)
	for _, body := range []string{
		`[{"traceId":"5af7183fb1d4cf5f","id":"0000000000000002","parentId":"0000000000000001","name":"get /db","timestamp":1600000000000100,"duration":500,"localEndpoint":{"serviceName":"db"}}]`,
		`[{"traceId":"463ac35c9f6413ad5af7183fb1d4cf5f","id":"0000000000000001","name":"get /cart","timestamp":1600000000000000,"duration":1000,"localEndpoint":{"serviceName":"cart"}}]`,
	} {
		resp, err := http.Post("http://"+zaddr+"/api/v2/spans", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	line := waitLines(t, l, 1)[0]
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	want := "trace 463ac35c9f6413ad5af7183fb1d4cf5f  cart get /cart  1.00 ms  2 spans  0 errors  ⚠ 1 span carried only the low 64 bits of this trace ID and was joined to it"
	if !strings.HasPrefix(line, want) || strings.Count(strings.TrimSpace(l.out.String()), "\n") != 0 {
		t.Errorf("lines\n%s\nwant one line starting %q", l.out.String(), want)
	}
}
