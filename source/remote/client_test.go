package remote

import (
	"context"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHeadersTokenAndBasicAuthAreSentButNeverPrinted(t *testing.T) {
	var got http.Header
	var user, pass string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		user, pass, _ = r.BasicAuth()
		http.Error(w, "nope", http.StatusForbidden)
	}))
	defer srv.Close()

	c, err := New("Jaeger", strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1), Options{Headers: []string{"X-Tenant: blue"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "/api/x", nil, "")
	if user != "alice" || pass != "s3cret" || got.Get("X-Tenant") != "blue" {
		t.Errorf("server saw user %q pass %q headers %v", user, pass, got)
	}
	if err == nil || !strings.Contains(err.Error(), "403") || !strings.Contains(err.Error(), "--header") || !strings.Contains(err.Error(), "TRACETUI_TOKEN") {
		t.Errorf("403 error should say how to pass credentials: %v", err)
	}
	if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "alice") {
		t.Errorf("error prints credentials: %v", err)
	}

	c, _ = New("Tempo", srv.URL, Options{Token: "tok-123"})
	_, err = c.Get(context.Background(), "/", nil, "")
	if got.Get("Authorization") != "Bearer tok-123" {
		t.Errorf("Authorization = %q", got.Get("Authorization"))
	}
	if strings.Contains(err.Error(), "tok-123") {
		t.Errorf("error prints the token: %v", err)
	}
	if _, err := New("Tempo", srv.URL, Options{Headers: []string{"Authorization Bearer abc"}}); err == nil || strings.Contains(err.Error(), "abc") {
		t.Errorf("a malformed --header must be refused without echoing its value: %v", err)
	}
}

func TestTransportErrorsSayWhatHappened(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, _ := New("Jaeger", "http://"+addr, Options{})
	_, err := c.Get(context.Background(), "/api/v3/traces/1", nil, "")
	want := "cannot reach Jaeger at http://" + addr + ": connection refused"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q…", err, want)
	}

	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	c, _ = New("Zipkin", slow.URL, Options{Timeout: 50 * time.Millisecond})
	_, err = c.Get(context.Background(), "/api/v2/trace/1", nil, "")
	if err == nil || !strings.Contains(err.Error(), "no answer within 50ms (raise --timeout)") {
		t.Errorf("timeout: %v", err)
	}
}

func TestNotFoundAndBodySnippets(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>\x1b[31mno such page"+strings.Repeat("x", 500), http.StatusNotFound)
	}))
	defer srv.Close()
	c, _ := New("Tempo", srv.URL, Options{})
	_, err := c.Get(context.Background(), "/api/traces/1", nil, "")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("404 is not ErrNotFound: %v", err)
	}
	if strings.Contains(err.Error(), "\x1b") || !strings.Contains(err.Error(), "no such page") || len(err.Error()) > 400 {
		t.Errorf("body snippet not sanitized and cut: %q", err)
	}
}

func TestHexTraceIDPadsWhatStoresTrim(t *testing.T) {
	for in, want := range map[string]string{
		"4BF92F3577B34DA6A3CE929D0E0E4736": "4bf92f3577b34da6a3ce929d0e0e4736",
		"2f3577b34da6a3ce":                 "00000000000000002f3577b34da6a3ce",
		"abc":                              "00000000000000000000000000000abc",
	} {
		if got, err := HexTraceID(in); got != want || err != nil {
			t.Errorf("HexTraceID(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := HexTraceID("not-an-id"); err == nil {
		t.Error("non-hex ID accepted")
	}
}

func TestTLSTrustsTheCAFile(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	defer srv.Close()
	c, _ := New("Tempo", srv.URL, Options{})
	if _, err := c.Get(context.Background(), "/", nil, ""); err == nil || !strings.Contains(err.Error(), "--ca-file") {
		t.Errorf("a self-signed server should be refused with a hint: %v", err)
	}
	pemFile := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(pemFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600)
	c, err := New("Tempo", srv.URL, Options{CAFile: pemFile})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(context.Background(), "/", nil, "")
	if err != nil {
		t.Fatalf("with --ca-file: %v", err)
	}
	resp.Close()
	if _, err := New("Tempo", srv.URL, Options{CAFile: filepath.Join(t.TempDir(), "missing.pem")}); err == nil {
		t.Error("a missing --ca-file must be an error")
	}
}
