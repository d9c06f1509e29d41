package main

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Spans from a Zipkin library and a Datadog tracer reach a headless listen
// on the ports it names in its "listening:" line; each trace gets its
// line and the summary counts them.
func TestListenReceivesZipkinAndDatadog(t *testing.T) {
	addr, zaddr, daddr := freePort(t), freePort(t), freePort(t)
	l := startListenInProcess(t, nil, nil, addr, "--grpc", "off", "--zipkin", zaddr, "--datadog", daddr,
		"--headless", "--trace-timeout", "20ms")
	want := "tracetui: listening: OTLP/HTTP on http://" + addr + ", Zipkin on http://" + zaddr + ", Datadog on http://" + daddr + "\n"
	if !strings.Contains(l.errOut.String(), want) {
		t.Fatalf("stderr %q, want %q", l.errOut.String(), want)
	}
	resp, err := http.Post("http://"+zaddr+"/api/v2/spans", "application/json", strings.NewReader(
		`[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","name":"get /cart","timestamp":1600000000000000,"duration":1500,
		  "localEndpoint":{"serviceName":"cart"},"tags":{"error":"timeout"}}]`))
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("Zipkin POST: %v %v", resp, err)
	}
	resp.Body.Close()
	// A v0.4 payload of one span: [[{service, name, trace_id, span_id, start, duration}]].
	dd := []byte("\x91\x91\x86\xa7service\xa3web\xa4name\xachttp.request\xa8trace_id\x2a\xa7span_id\x07" +
		"\xa5start\xcf\x16\x3e\x95\x3b\x9a\xea\x80\x00\xa8duration\xce\x00\x0f\x42\x40")
	req, _ := http.NewRequest("PUT", "http://"+daddr+"/v0.4/traces", strings.NewReader(string(dd)))
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("Datadog PUT: %v %v", resp, err)
	}
	resp.Body.Close()
	deadline := time.Now().Add(5 * time.Second)
	for strings.Count(l.out.String(), "\n") < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(l.out.String()), "\n")
	if len(lines) != 2 || !slices.ContainsFunc(lines, func(s string) bool {
		return strings.Contains(s, "trace 5af7183fb1d4cf5f  cart get /cart  1.50 ms  1 span  1 error")
	}) || !slices.ContainsFunc(lines, func(s string) bool {
		return strings.Contains(s, "trace 000000000000002a  web http.request  1.00 ms  1 span  0 errors")
	}) {
		t.Errorf("lines:\n%s", l.out.String())
	}
	if !strings.Contains(l.errOut.String(), "received 2 spans in 2 traces") {
		t.Errorf("summary: %s", l.errOut.String())
	}
}

// A Zipkin address the user named is not optional: taken, listen stops
// with exit 3 and names the flag.
func TestListenNamedZipkinAddressTaken(t *testing.T) {
	taken := holdPort(t)
	r := runCLI(t, nil, false, "listen", freePort(t), "--grpc", "off", "--zipkin", taken, "--datadog", "off")
	want := "tracetui: listen: " + taken + " is in use (another collector running?): it is the Zipkin address; --zipkin ADDR picks another, --zipkin off turns it off\n"
	if r.code != 3 || r.stderr != want {
		t.Errorf("exit %d, stderr %q\nwant exit 3, %q", r.code, r.stderr, want)
	}
}

// `tracetui run` points Datadog tracers at its intake, over a URL the
// user's environment had.
func TestRunSetsDDTraceAgentURL(t *testing.T) {
	env := datadogEnv([]string{"PATH=/bin", "DD_TRACE_AGENT_URL=http://agent:8126", "DD_SERVICE=shop"}, "http://127.0.0.1:5555")
	want := []string{"PATH=/bin", "DD_SERVICE=shop", "DD_TRACE_AGENT_URL=http://127.0.0.1:5555"}
	if !slices.Equal(env, want) {
		t.Errorf("env %q, want %q", env, want)
	}
}
