package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// Kind: the same data twice is still one trace. Spans that arrive again
// with the same IDs and content count once, with a warning; an ID asked for
// twice (in another case, or a 64-bit ID as 16 or 32 digits) is fetched once.

// listCounts runs list --format json and returns each trace's span and
// error counts and warnings.
func listCounts(t *testing.T, args ...string) []struct {
	Spans    int `json:"span_count"`
	Errors   int `json:"error_count"`
	Warnings []string
} {
	t.Helper()
	r := runCLI(t, nil, false, append([]string{"list", "--format", "json"}, args...)...)
	var rep struct {
		Traces []struct {
			Spans    int `json:"span_count"`
			Errors   int `json:"error_count"`
			Warnings []string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 {
		t.Fatalf("list %v: exit %d, %v\n%s%s", args, r.code, err, r.stdout, r.stderr)
	}
	return rep.Traces
}

func TestSpansDeliveredTwiceCountOnce(t *testing.T) {
	for _, c := range []struct {
		name          string
		files         []string
		spans, errors int
		warning       string
	}{
		{"zipkin file with its trace twice", []string{caseFile("zipkin-trace-twice.json")}, 4, 1,
			"dropped 4 repeated spans (the same span IDs and content arrived more than once)"},
		{"collector file with a retried batch", []string{caseFile("otlp-batch-retried.jsonl")}, 4, 2,
			"dropped 2 repeated spans (the same span IDs and content arrived more than once)"},
		{"one file given twice", []string{caseFile("04-zipkin-orphan-in-complete-trace.json"), caseFile("04-zipkin-orphan-in-complete-trace.json")}, 3, 0,
			"dropped 3 repeated spans (the same span IDs and content arrived more than once)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := listCounts(t, c.files...)
			if len(got) != 1 || got[0].Spans != c.spans || got[0].Errors != c.errors {
				t.Fatalf("got %+v, want one trace of %d spans, %d errors", got, c.spans, c.errors)
			}
			for _, w := range got[0].Warnings {
				if strings.Contains(w, "root spans") || strings.Contains(w, "share a span ID") {
					t.Errorf("repeats read as broken data: %q", got[0].Warnings)
				}
			}
			if !strings.Contains(strings.Join(got[0].Warnings, "\n"), c.warning) {
				t.Errorf("warnings = %q, want %q", got[0].Warnings, c.warning)
			}
		})
	}
	// Zipkin's client and server halves share an ID but differ: still paired.
	r := runCLI(t, nil, false, "print", "--width", "120", caseFile("zipkin-trace-twice.json"))
	if !strings.Contains(r.stdout, "  └─ users get /users ⚠ shares ID with clien") {
		t.Errorf("the server half must stay under its client:\n%s", r.stdout)
	}
}

// A 64-bit trace as Jaeger's api/v3 returns it: three spans, one error.
const jaeger64Trace = `{"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"probe"}}]},
"scopeSpans":[{"spans":[
{"traceId":"00000000000000008e9fa0b1c2d3e4f5","spanId":"0000000000000001","name":"GET /live","kind":2,"startTimeUnixNano":"1795168800000000000","endTimeUnixNano":"1795168800060000000"},
{"traceId":"00000000000000008e9fa0b1c2d3e4f5","spanId":"0000000000000002","parentSpanId":"0000000000000001","name":"HTTP GET","kind":3,"startTimeUnixNano":"1795168800010000000","endTimeUnixNano":"1795168800050000000"},
{"traceId":"00000000000000008e9fa0b1c2d3e4f5","spanId":"0000000000000003","parentSpanId":"0000000000000002","name":"GET /ready","kind":2,"startTimeUnixNano":"1795168800020000000","endTimeUnixNano":"1795168800040000000","status":{"code":2}}
]}]}]}}`

func TestTraceIDAskedTwiceIsFetchedOnce(t *testing.T) {
	var fetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v3/traces/00000000000000008e9fa0b1c2d3e4f5" {
			http.NotFound(w, r)
			return
		}
		fetches.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(jaeger64Trace))
	}))
	t.Cleanup(srv.Close)
	got := listCounts(t, "--jaeger", srv.URL, "8e9fa0b1c2d3e4f5", "8E9FA0B1C2D3E4F5", "00000000000000008e9fa0b1c2d3e4f5")
	if n := fetches.Load(); n != 1 {
		t.Errorf("one trace asked for in three forms was fetched %d times", n)
	}
	if len(got) != 1 || got[0].Spans != 3 || got[0].Errors != 1 || len(got[0].Warnings) != 0 {
		t.Errorf("got %+v, want one trace of 3 spans and 1 error, no warnings", got)
	}
}
