package main

import (
	"bytes"
	"compress/gzip"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source/receiver"
)

// nrClient is an HTTPS client that trusts only the PEM file at certPath,
// as an agent told to trust it does.
func nrClient(t *testing.T, certPath string) *http.Client {
	t.Helper()
	pem, err := os.ReadFile(certPath)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		t.Fatalf("%s holds no certificate", certPath)
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}, Timeout: 10 * time.Second}
}

func nrPost(t *testing.T, c *http.Client, addr, method, runID, body string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(body))
	zw.Close()
	req, _ := http.NewRequest("POST", "https://"+addr+"/agent_listener/invoke_raw_method?protocol_version=17&method="+method+"&run_id="+runID, &buf)
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// `tracetui listen --newrelic ADDR` makes a certificate, says where it is
// and how to point an agent here, and an agent that trusts that file gets
// its spans into the headless lines; a second run serves the same one.
func TestListenNewRelicMakesACertificateAgentsCanTrust(t *testing.T) {
	cache := t.TempDir()
	nrAddr := freePort(t)
	setup := func(o *ListenOptions) { o.cacheDir = func() (string, error) { return cache, nil } }
	l := startListenInProcess(t, nil, setup, freePort(t), "--grpc", "off", "--newrelic", nrAddr, "--trace-timeout", "50ms")
	certPath := filepath.Join(cache, "tracetui", "newrelic-cert.pem")
	if want := "New Relic on https://" + nrAddr + "\n"; !strings.Contains(l.errOut.String(), want) ||
		!strings.Contains(l.errOut.String(), "NEW_RELIC_HOST="+nrAddr) || !strings.Contains(l.errOut.String(), "trust "+certPath) {
		t.Errorf("stderr does not say where and how:\n%s", l.errOut.String())
	}
	if fi, err := os.Stat(filepath.Join(cache, "tracetui", "newrelic-key.pem")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v, %v; want mode 0600", fi, err)
	}
	c := nrClient(t, certPath)
	code, resp := nrPost(t, c, nrAddr, "connect", "", `[{"app_name":["shop"],"language":"go"}]`)
	run := resp[strings.Index(resp, `"agent_run_id":"`)+16:]
	run = run[:strings.IndexByte(run, '"')]
	if code != 200 {
		t.Fatalf("connect: %d %s", code, resp)
	}
	body := `["` + run + `",{"events_seen":1},[[{"traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"7162f77cb2e4f373","timestamp":1796003627287,"duration":0.25,"name":"OtherTransaction/Go/checkout"},{},{}]]]`
	if code, resp := nrPost(t, c, nrAddr, "span_event_data", run, body); code != 200 {
		t.Fatalf("span_event_data: %d %s", code, resp)
	}
	nrPost(t, c, nrAddr, "metric_data", run, `[]`)
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(l.out.String(), "4c2a85e1c611fb3d0e26e2020818b7d9"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no line for the trace: %s", l.out.String())
		}
	}
	if line := l.out.String(); !strings.Contains(line, "shop OtherTransaction/Go/checkout  250 ms  1 span  0 errors") {
		t.Errorf("trace line: %s", line)
	}
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	if !strings.Contains(l.errOut.String(), "tracetui: accepted 1 New Relic payload besides span events (metrics, errors, events), not kept\n") {
		t.Errorf("summary does not count the other payload:\n%s", l.errOut.String())
	}

	first, _ := os.ReadFile(certPath)
	l = startListenInProcess(t, nil, setup, freePort(t), "--grpc", "off", "--newrelic", nrAddr)
	l.stop()
	if again, _ := os.ReadFile(certPath); !bytes.Equal(first, again) {
		t.Error("a second run made a new certificate: apps told to trust the first would fail")
	}
}

func TestListenNewRelicFlags(t *testing.T) {
	dir := t.TempDir()
	cert, key := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	if _, err := makeCert(dir, cert, key, certHosts("127.0.0.1:1"), time.Now()); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, false, "listen", freePort(t), "--grpc", "off", "--newrelic", "127.0.0.1:0", "--newrelic-cert", cert)
	if r.code != 2 || !strings.Contains(r.stderr, "--newrelic-cert and --newrelic-key go together") {
		t.Errorf("cert without key: exit %d, %q", r.code, r.stderr)
	}
	taken := holdPort(t)
	r = runCLI(t, nil, false, "listen", freePort(t), "--grpc", "off", "--newrelic", taken, "--newrelic-cert", cert, "--newrelic-key", key)
	want := "tracetui: listen: " + taken + " is in use (another collector running?): it is the New Relic address; --newrelic ADDR picks another\n"
	if r.code != 3 || r.stderr != want {
		t.Errorf("taken: exit %d, stderr %q\nwant exit 3, %q", r.code, r.stderr, want)
	}
	r = runCLI(t, nil, false, "listen", freePort(t), "--grpc", "off", "--newrelic", "127.0.0.1:0", "--newrelic-cert", key, "--newrelic-key", key)
	if r.code != 3 || !strings.Contains(r.stderr, "--newrelic-cert, --newrelic-key:") {
		t.Errorf("a key given as the certificate: exit %d, %q", r.code, r.stderr)
	}
}

// A kept certificate that no longer serves (expiring, or without the host
// --newrelic names) is made again.
func TestNewRelicCertificateIsRemadeWhenItNoLongerServes(t *testing.T) {
	dir := t.TempDir()
	cert, key := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	now := time.Now()
	pair, err := makeCert(dir, cert, key, certHosts("127.0.0.1:1"), now)
	if err != nil {
		t.Fatal(err)
	}
	if !covers(pair, certHosts(":8443"), now) {
		t.Error("a fresh certificate does not cover the loopback hosts")
	}
	if covers(pair, certHosts("10.1.2.3:8443"), now) {
		t.Error("a certificate for loopback covers 10.1.2.3")
	}
	if covers(pair, certHosts(":8443"), now.Add(365*24*time.Hour-time.Hour)) {
		t.Error("a certificate expiring within the day is kept")
	}
}

func TestLiveStatusCountsOtherNewRelicPayloads(t *testing.T) {
	if s := liveStatus(receiver.Stats{Received: 4, Traces: 1, AgentOther: 3}, 1, "addr"); !strings.Contains(s, " · 3 other New Relic payloads") {
		t.Errorf("status: %s", s)
	}
	if s := liveStatus(receiver.Stats{Received: 4, Traces: 1}, 1, "addr"); strings.Contains(s, "New Relic") {
		t.Errorf("status without New Relic payloads: %s", s)
	}
}

// Plain HTTP to the New Relic HTTPS port: Go's server logs a TLS
// handshake error; listen says it as its own prefixed warning and counts
// it in the summary, never as a raw, dated Go log line.
func TestListenSaysTLSHandshakeErrorsInItsOwnWords(t *testing.T) {
	cache := t.TempDir()
	nrAddr := freePort(t)
	setup := func(o *ListenOptions) { o.cacheDir = func() (string, error) { return cache, nil } }
	l := startListenInProcess(t, nil, setup, freePort(t), "--grpc", "off", "--zipkin", "off", "--datadog", "off",
		"--newrelic", nrAddr, "--headless", "--trace-timeout", "50ms")
	for range 3 {
		if resp, err := http.Post("http://"+nrAddr+"/agent_listener/invoke_raw_method?method=connect", "application/json", strings.NewReader("[]")); err == nil {
			resp.Body.Close()
		}
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(l.errOut.String(), "TLS handshake error"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no warning: %s", l.errOut.String())
		}
	}
	if code := l.stop(); code != 0 {
		t.Fatalf("exit %d: %s", code, l.errOut.String())
	}
	stderr := l.errOut.String()
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(line, "tracetui: ") {
			t.Errorf("unprefixed line %q", line)
		}
	}
	for _, want := range []string{"tracetui: warning: New Relic: TLS handshake error from 127.0.0.1:",
		"tracetui: 3 connections failed before a request was read (the last: New Relic: TLS handshake error"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr should say %q:\n%s", want, stderr)
		}
	}
}
