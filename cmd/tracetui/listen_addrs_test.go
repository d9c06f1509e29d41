package main

import (
	"net/http"
	"strings"
	"testing"
)

// Two of listen's own flags naming one address is the user's slip, said
// up front as a usage error naming both (exit 2), not "in use (another
// collector running?)" after a half start.
func TestListenSameAddressForTwoIntakesIsAUsageError(t *testing.T) {
	addr := freePort(t)
	for _, args := range [][]string{
		{"listen", addr, "--grpc", "off", "--zipkin", addr},
		{"listen", addr, "--grpc", "off", "--datadog", "localhost" + addr[strings.LastIndex(addr, ":"):]},
		{"listen", addr, "--grpc", "off", "--zipkin", "off", "--datadog", "off", "--newrelic", "0.0.0.0" + addr[strings.LastIndex(addr, ":"):]},
	} {
		r := runCLI(t, nil, false, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "ADDR "+addr+" and --") || !strings.Contains(r.stderr, "are the same address") || strings.Contains(r.stderr, "another collector") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error naming ADDR and the flag", args[2:], r.code, r.stderr)
		}
	}
}

// A default address meeting one the user named steps aside with a warning
// saying so, and listen goes on; "OFF" turns an intake off in any case.
func TestListenDefaultStepsAsideAndOffInAnyCase(t *testing.T) {
	addr, zaddr := freePort(t), freePort(t)
	l := startListenInProcess(t, nil, func(o *ListenOptions) { o.GRPC = zaddr /* stands for the default 4317 */ }, addr,
		"--zipkin", zaddr, "--datadog", "OFF", "--newrelic", "Off")
	resp, err := http.Post("http://"+zaddr+"/api/v2/spans", "application/json", strings.NewReader(`[]`))
	if err != nil {
		t.Fatalf("Zipkin not served: %v; stderr %s", err, l.errOut.String())
	}
	resp.Body.Close()
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	want := "tracetui: warning: OTLP/gRPC not started: its default address " + zaddr + " is the one --zipkin names (--grpc ADDR listens elsewhere)\n" +
		"tracetui: listening: OTLP/HTTP on http://" + addr + ", Zipkin on http://" + zaddr + "\n"
	if !strings.HasPrefix(l.errOut.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to start with\n%s", l.errOut.String(), want)
	}
}
