package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

// endlessStore answers every path with the start of what that store
// sends there, then one string that never ends: the value a decoder must
// buffer whole, the shape that took gigabytes. It stops on its own only
// after stop bytes, so a regression costs a bounded amount, not the
// machine; a fixed client hangs up long before.
func endlessStore(t *testing.T, prefixes map[string]string, stop int64) *httptest.Server {
	block := []byte(strings.Repeat("a", 64<<10))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		prefix, ok := prefixes[r.URL.Path]
		for p, v := range prefixes {
			if strings.HasSuffix(p, "/") && strings.HasPrefix(r.URL.Path, p) {
				prefix, ok = v, true
			}
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, prefix)
		for sent := int64(0); sent < stop; sent += int64(len(block)) {
			if _, err := w.Write(block); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

const otlpSpanStart = `{"resourceSpans":[{"resource":{},"scopeSpans":[{"spans":[{"traceId":"00000000000000000000000000000001","spanId":"0000000000000002","name":"`

// Every store, search and fetch alike: an answer that never ends stops at
// --max-response with an error naming the store, exit 3, and memory that
// follows the limit, not the stream.
func TestEndlessStoreAnswersStopAtMaxResponse(t *testing.T) {
	jaeger := endlessStore(t, map[string]string{
		"/api/v3/traces/":         `{"result":` + otlpSpanStart,
		"/api/v3/trace-summaries": `{"summaries":[{"traceId":"1","rootServiceName":"`,
		"/api/v3/services":        `{"services":["`,
	}, 128<<20)
	jaegerV1 := endlessStore(t, map[string]string{
		"/api/traces/": `{"data":[{"traceID":"1","spans":[{"traceID":"1","spanID":"2","operationName":"`,
		"/api/traces":  `{"data":[{"traceID":"1","spans":[{"traceID":"1","spanID":"2","operationName":"`,
	}, 128<<20)
	tempo := endlessStore(t, map[string]string{
		"/api/v2/traces/": `{"trace":` + otlpSpanStart,
		"/api/search":     `{"traces":[{"traceID":"1","rootServiceName":"`,
	}, 128<<20)
	zipkin := endlessStore(t, map[string]string{
		"/api/v2/trace/": `[{"traceId":"1","id":"2","name":"`,
		"/api/v2/traces": `[[{"traceId":"1","id":"2","name":"`,
	}, 128<<20)
	cases := []struct {
		name, url string
		args      []string
	}{
		{"jaeger fetch", jaeger.URL, []string{"print", "--jaeger", jaeger.URL, "1"}},
		{"jaeger search", jaeger.URL, []string{"search", "--jaeger", jaeger.URL, "--service", "x"}},
		{"jaeger services", jaeger.URL, []string{"search", "--jaeger", jaeger.URL, "--list", "services"}},
		{"jaeger v1 fetch", jaegerV1.URL, []string{"print", "--jaeger", jaegerV1.URL, "1"}},
		{"jaeger v1 search", jaegerV1.URL, []string{"search", "--jaeger", jaegerV1.URL, "--service", "x"}},
		{"tempo fetch", tempo.URL, []string{"print", "--tempo", tempo.URL, "1"}},
		{"tempo search", tempo.URL, []string{"search", "--tempo", tempo.URL, "{}"}},
		{"zipkin fetch", zipkin.URL, []string{"print", "--zipkin", zipkin.URL, "1"}},
		{"zipkin search", zipkin.URL, []string{"search", "--zipkin", zipkin.URL, "--service", "x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// TotalAlloc counts every byte allocated during the run, so it
			// bounds the peak from above: a client that buffered the stream
			// allocates at least what it read (up to 128 MB here).
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			r := runCLI(t, nil, false, append(c.args, "--max-response", "1MB", "--timeout", "20s")...)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			want := " at " + c.url + " sent more than 1MB for GET /api/"
			if r.code != 3 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "--max-response") {
				t.Errorf("exit %d, want 3 and %q:\n%s", r.code, want, r.stderr)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
				t.Errorf("allocated %d MB for a 1 MB limit", got>>20)
			}
			if took > 10*time.Second {
				t.Errorf("took %s to stop", took)
			}
		})
	}
}

func TestMaxResponseFlag(t *testing.T) {
	for _, bad := range []string{"0", "-5MB", "lots", "12x"} {
		if r := runCLI(t, nil, false, "print", "--jaeger", "http://127.0.0.1:1", "--max-response", bad, "1"); r.code != 2 {
			t.Errorf("--max-response %s: exit %d, want 2 (usage)\n%s", bad, r.code, r.stderr)
		}
	}
	r := runCLI(t, nil, false, "print", "--help")
	if !strings.Contains(r.stdout, "--max-response size") || !strings.Contains(r.stdout, "(default 256MB)") {
		t.Errorf("print --help should show --max-response and its default:\n%s", r.stdout)
	}
}

// --timeout is for the whole answer: a store that sends its headers and
// then one byte at a time stops there too, with the store named.
func TestTricklingStoreStopsAtTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `[{"traceId":"1","id":"2","name":"`)
		for {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
				io.WriteString(w, "a")
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	start := time.Now()
	r := runCLI(t, nil, false, "print", "--zipkin", srv.URL, "--timeout", "500ms", "1")
	want := "Zipkin at " + srv.URL + " did not finish its answer to GET /api/v2/trace/0000000000000001 within 500ms (raise --timeout)"
	if r.code != 3 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, want 3 and %q:\n%s", r.code, want, r.stderr)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %s with --timeout 500ms", took)
	}
}

// What the user gives for their store (--header, --org-id, the token)
// does not follow a redirect to another host.
func TestRedirectedStoreRequestLeavesCredentialsBehind(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range []string{"X-Api-Key", "X-Scope-OrgID", "Authorization"} {
			if v := r.Header.Get(h); v != "" {
				leaked = append(leaked, h+": "+v)
			}
		}
		http.NotFound(w, r)
	}))
	defer other.Close()
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer store.Close()
	r := runWithEnv(t, map[string]string{"TRACETUI_TOKEN": "tok-s3cret"},
		"print", "--tempo", store.URL, "--org-id", "team-a", "--header", "X-Api-Key: k3y-s3cret", "1")
	if r.code != 3 {
		t.Errorf("exit %d, want 3 (the other host has no trace)\n%s", r.code, r.stderr)
	}
	if len(leaked) > 0 {
		t.Errorf("sent to another host after a redirect: %v", leaked)
	}
	if strings.Contains(r.stderr, "s3cret") {
		t.Errorf("a secret was printed: %s", r.stderr)
	}
}

// --max-value bounds one value in a store's answer as it does in a file:
// padding or one endless string stops there, long before --max-response.
func TestStoreAnswerStopsAtMaxValue(t *testing.T) {
	jaeger := endlessStore(t, map[string]string{"/api/v3/traces/": `{"result":` + otlpSpanStart}, 128<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := runCLI(t, nil, false, "print", "--jaeger", jaeger.URL, "--max-value", "1MB", "1")
	runtime.ReadMemStats(&after)
	want := "Jaeger at " + jaeger.URL + " sent more than 1MB of JSON with no string boundary"
	if r.code != 3 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "(--max-value 1MB") {
		t.Errorf("exit %d, want 3 and %q naming --max-value:\n%s", r.code, want, r.stderr)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
		t.Errorf("allocated %d MB for a 1 MB value limit", got>>20)
	}
}
