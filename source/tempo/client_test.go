package tempo

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// Replies built to the shapes Tempo documents (its jsonpb marshaller:
// base64 IDs, enum names, u64 as strings); Tempo is AGPL, nothing copied.
const (
	traceHex = "00000000000000000102030405060708"
	// AAAAAAAAAAABAgMEBQYHCA== is traceHex; AQIDBAUGBwg= / CQoLDA0ODxA= are span IDs.
	resourceSpans = `[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
	  "scopeSpans":[{"spans":[
	    {"traceId":"AAAAAAAAAAABAgMEBQYHCA==","spanId":"AQIDBAUGBwg=","name":"POST /checkout","kind":"SPAN_KIND_SERVER",
	     "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000"},
	    {"traceId":"AAAAAAAAAAABAgMEBQYHCA==","spanId":"CQoLDA0ODxA=","parentSpanId":"AQIDBAUGBwg=","name":"Charge",
	     "startTimeUnixNano":"1700000000100000000","endTimeUnixNano":"1700000000900000000","status":{"code":"STATUS_CODE_ERROR","message":"declined"}}]}]}]`
	v2Reply = `{"trace":{"resourceSpans":` + resourceSpans + `},"metrics":{"inspectedBytes":"1234"},"status":"PARTIAL","message":"trace exceeds max size"}`
	v1Reply = `{"batches":` + resourceSpans + `}`
)

type fakeTempo struct {
	v2, needOrg bool
	lastQuery   string
}

func (f *fakeTempo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.needOrg && r.Header.Get("X-Scope-OrgID") != "team-a" {
		http.Error(w, "no org id", http.StatusUnauthorized)
		return
	}
	switch {
	case r.URL.Path == "/api/echo":
		w.Write([]byte("echo"))
	case r.URL.Path == "/api/v2/traces/"+traceHex && f.v2:
		w.Write([]byte(v2Reply))
	case r.URL.Path == "/api/traces/"+traceHex && !f.v2:
		w.Write([]byte(v1Reply))
	case strings.HasPrefix(r.URL.Path, "/api/v2/traces/") && f.v2:
		http.Error(w, "trace not found", http.StatusNotFound)
	case strings.HasPrefix(r.URL.Path, "/api/traces/"):
		http.Error(w, "trace not found", http.StatusNotFound)
	case r.URL.Path == "/api/search":
		f.lastQuery = r.URL.RawQuery
		if strings.Contains(r.URL.Query().Get("q"), "nothing") {
			w.Write([]byte(`{"metrics":{"inspectedTraces":12}}`))
			return
		}
		w.Write([]byte(`{"traces":[{"traceID":"102030405060708","rootServiceName":"checkout","rootTraceName":"POST /checkout",
		  "startTimeUnixNano":"1700000000000000000","durationMs":1000,
		  "serviceStats":{"checkout":{"spanCount":1},"payment":{"spanCount":2,"errorCount":1}}},
		  {"traceID":"ff","rootServiceName":"<root span not yet received>","startTimeUnixNano":"1700000005000000000"}],
		  "metrics":{"inspectedTraces":12}}`))
	default:
		http.NotFound(w, r)
	}
}

func fetch(t *testing.T, url, id string, orgID string) (*trace.Collector, *source.Warnings, error) {
	t.Helper()
	cl, err := New(url, remote.Options{Timeout: 2 * time.Second}, orgID)
	if err != nil {
		t.Fatal(err)
	}
	c, ws := trace.NewCollector(), &source.Warnings{}
	return c, ws, cl.Fetch(context.Background(), id, c, ws)
}

func TestFetchV2WithPartialStatusAndV1Fallback(t *testing.T) {
	for _, v2 := range []bool{true, false} {
		srv := httptest.NewServer(&fakeTempo{v2: v2})
		// The ID as Tempo's search lists it: leading zeros trimmed.
		c, ws, err := fetch(t, srv.URL, "102030405060708", "")
		srv.Close()
		if err != nil {
			t.Fatalf("v2=%v: %v", v2, err)
		}
		if len(c.Traces()) != 1 || c.Traces()[0].ID.String() != traceHex || len(c.Traces()[0].Spans) != 2 {
			t.Fatalf("v2=%v: got %d traces", v2, len(c.Traces()))
		}
		tree := trace.Build(c.Traces()[0])
		charge := c.Traces()[0].Spans[1]
		if tree.Parent[1] != 0 || !charge.IsError() {
			t.Errorf("v2=%v: base64 parent or enum status not decoded: parent %d status %v", v2, tree.Parent[1], charge.Status)
		}
		partial := strings.Contains(warnText(ws), "partial trace")
		if partial != v2 {
			t.Errorf("v2=%v: PARTIAL warning shown = %v (%s)", v2, partial, warnText(ws))
		}
	}
}

func warnText(ws *source.Warnings) string {
	var s []string
	for _, w := range ws.List() {
		s = append(s, w.String())
	}
	return strings.Join(s, "\n")
}

func TestFetchErrors(t *testing.T) {
	srv := httptest.NewServer(&fakeTempo{v2: true, needOrg: true})
	defer srv.Close()
	if _, _, err := fetch(t, srv.URL, traceHex, "team-a"); err != nil {
		t.Errorf("with --org-id: %v", err)
	}
	_, _, err := fetch(t, srv.URL, traceHex, "")
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "--header") {
		t.Errorf("without the org ID: %v", err)
	}
	_, _, err = fetch(t, srv.URL, "abcdef", "team-a")
	if !errors.Is(err, remote.ErrNotFound) || !strings.Contains(err.Error(), "has no trace abcdef") {
		t.Errorf("missing trace: %v", err)
	}
	if _, _, err = fetch(t, srv.URL, "zz-top", "team-a"); err == nil || !strings.Contains(err.Error(), "not a trace ID") {
		t.Errorf("bad ID: %v", err)
	}

	other := httptest.NewServer(http.NotFoundHandler()) // a web server that is not Tempo
	defer other.Close()
	_, _, err = fetch(t, other.URL, traceHex, "")
	if err == nil || !strings.Contains(err.Error(), "does not look like Tempo") {
		t.Errorf("wrong backend: %v", err)
	}
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!doctype html><title>Grafana</title>"))
	}))
	defer html.Close()
	_, _, err = fetch(t, html.URL, traceHex, "")
	if err == nil || !strings.Contains(err.Error(), "<!doctype html><title>Grafana</title>") {
		t.Errorf("an HTML page should be quoted in the error: %v", err)
	}
}

func TestSearchListsSummariesAndNoTracesKeyMeansNone(t *testing.T) {
	f := &fakeTempo{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	cl, _ := New(srv.URL, remote.Options{}, "")
	start := time.Unix(1700000000, 0)
	got, err := cl.Search(context.Background(), remote.Query{Service: "checkout", MinDuration: time.Second, Start: start, End: start.Add(time.Hour), Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != traceHex || got[0].Spans != 3 || got[0].Errors != 1 || got[0].Duration != 1e9 ||
		strings.Join(got[0].Services, ",") != "checkout,payment" || got[1].Spans != -1 {
		t.Errorf("summaries = %+v", got)
	}
	for _, want := range []string{"q=%7B+resource.service.name+%3D+%22checkout%22+%26%26+duration+%3E%3D+1s+%7D", "start=1700000000", "end=1700003601", "limit=5"} {
		if !strings.Contains(f.lastQuery, want) {
			t.Errorf("query %q lacks %q", f.lastQuery, want)
		}
	}
	none, err := cl.Search(context.Background(), remote.Query{TraceQL: `{ name = "nothing" }`})
	if err != nil || len(none) != 0 {
		t.Errorf("no traces key: %v, %v", none, err)
	}
}
