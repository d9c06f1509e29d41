package jaeger

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

func apiv3(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "jaeger-apiv3", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const genaiID = "4a1b2c3d4e5f60718293a4b5c6d7e8f9"

// modernJaeger replays Jaeger's own api/v3 snapshots; its v1 search is
// gone (as on Jaeger main).
func modernJaeger(t *testing.T, seen *string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v3/traces/00000000000000000000000000000001":
			w.Write(apiv3(t, "jaeger_apiv3_GetTrace.json"))
		case "/api/v3/trace-summaries":
			*seen = r.URL.RawQuery
			w.Write(apiv3(t, "jaeger_apiv3_FindTraceSummaries.json"))
		case "/api/v3/services":
			w.Write(apiv3(t, "jaeger_apiv3_GetServices.json"))
		case "/api/v3/operations":
			w.Write(apiv3(t, "jaeger_apiv3_GetOperations.json"))
		default:
			if strings.HasPrefix(r.URL.Path, "/api/v3/traces/") {
				http.Error(w, `{"error":{"httpCode":404,"message":"No traces found"}}`, http.StatusNotFound)
				return
			}
			http.NotFound(w, r)
		}
	})
}

// oldJaeger is a Jaeger before api/v3: the UI answers unknown paths with
// its index page, the v1 API with the real envelope files.
func oldJaeger(t *testing.T, seen *string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/api/traces/"+genaiID:
			w.Write([]byte(`{"data":[` + string(fixture(t, "jaeger-ui_genaiTestTrace.json")) + `],"total":0,"limit":0,"offset":0,"errors":null}`))
		case strings.HasPrefix(r.URL.Path, "/api/traces/"):
			http.Error(w, `{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}`, http.StatusNotFound)
		case r.URL.Path == "/api/traces":
			*seen = r.URL.RawQuery
			w.Write(fixture(t, "jaeger-ui_oltp2jaeger-multi-out.json"))
		case r.URL.Path == "/api/services":
			w.Write([]byte(`{"data":["b","a"],"total":2,"limit":0,"offset":0,"errors":null}`))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<!doctype html><html><title>Jaeger UI</title></html>"))
		}
	})
}

func client(t *testing.T, h http.Handler) *Client {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	j, err := New(srv.URL, remote.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func fetchInto(j *Client, id string) (*trace.Collector, error) {
	c := trace.NewCollector()
	return c, j.Fetch(context.Background(), id, c, &source.Warnings{})
}

func TestFetchFromModernAndOldJaeger(t *testing.T) {
	var seen string
	c, err := fetchInto(client(t, modernJaeger(t, &seen)), "1")
	if err != nil || c.SpanCount() != 1 || c.Traces()[0].Spans[0].Name != "foobar" {
		t.Fatalf("api/v3: %v", err)
	}
	c, err = fetchInto(client(t, oldJaeger(t, &seen)), genaiID)
	if err != nil || c.SpanCount() != 57 {
		t.Fatalf("v1 fallback: %v, %d spans", err, c.SpanCount())
	}
	for _, h := range []http.Handler{modernJaeger(t, &seen), oldJaeger(t, &seen)} {
		_, err := fetchInto(client(t, h), "abcdef")
		if !errors.Is(err, remote.ErrNotFound) || !strings.Contains(err.Error(), "has no trace abcdef") {
			t.Errorf("a missing trace is 'not found', not an error page: %v", err)
		}
	}
	_, err = fetchInto(client(t, http.NotFoundHandler()), "abcdef")
	if err == nil || !strings.Contains(err.Error(), "does not look like Jaeger") || !strings.Contains(err.Error(), "16686") {
		t.Errorf("wrong backend: %v", err)
	}
	garbage := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{\"hello\": \"\x1b[2Jworld\"}")) })
	_, err = fetchInto(client(t, garbage), "abcdef")
	if err == nil || !strings.Contains(err.Error(), `it starts: «{"hello": "?[2Jworld"}»`) {
		t.Errorf("unexpected JSON should be quoted, sanitized: %v", err)
	}
}

func TestSearchSummariesAndFallbacks(t *testing.T) {
	end := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	q := remote.Query{Service: "frontend", Operation: "HTTP GET /", MinDuration: 1500 * time.Millisecond,
		Start: end.Add(-time.Hour), End: end, Limit: 20, Tags: map[string]string{"http.status_code": "500"}}

	var seen string
	j := client(t, modernJaeger(t, &seen))
	got, err := j.Search(context.Background(), q)
	if err != nil || len(got) != 1 || got[0].Spans != 2 || got[0].Errors != 1 || got[0].Duration != 1e9 || got[0].RootService != "frontend" {
		t.Fatalf("trace summaries: %+v, %v", got, err)
	}
	for _, want := range []string{"query.service_name=frontend", "query.operation_name=HTTP+GET+%2F", "query.duration_min=1.5s",
		"query.start_time_min=2026-11-25T11%3A00%3A00Z", "query.start_time_max=2026-11-25T12%3A00%3A00Z", "query.search_depth=20",
		"query.attributes=%7B%22http.status_code%22%3A%22500%22%7D"} {
		if !strings.Contains(seen, want) {
			t.Errorf("v3 query %q lacks %s", seen, want)
		}
	}
	if s, err := j.Services(context.Background()); err != nil || strings.Join(s, ",") != "foo" {
		t.Errorf("services %v %v", s, err)
	}
	if s, err := j.Operations(context.Background(), "foo"); err != nil || strings.Join(s, ",") != "get_users" {
		t.Errorf("operations %v %v", s, err)
	}

	j = client(t, oldJaeger(t, &seen))
	got, err = j.Search(context.Background(), q)
	if err != nil || len(got) != 1 || got[0].Spans != 4 {
		t.Fatalf("v1 search: %+v, %v", got, err)
	}
	for _, want := range []string{"service=frontend", "minDuration=1.5s", "start=1795604400000000", "end=1795608000000000", "limit=20"} {
		if !strings.Contains(seen, want) {
			t.Errorf("v1 query %q lacks %s", seen, want)
		}
	}
	if s, err := j.Services(context.Background()); err != nil || strings.Join(s, ",") != "a,b" {
		t.Errorf("v1 services %v %v", s, err)
	}
	// Opening a v1 search result is served from what the search returned.
	c := trace.NewCollector()
	if err := j.Fetch(context.Background(), got[0].ID, c, &source.Warnings{}); err != nil || c.SpanCount() != 4 {
		t.Errorf("cached: %v %d", err, c.SpanCount())
	}
	if _, err := j.Search(context.Background(), remote.Query{}); err == nil || !strings.Contains(err.Error(), "--service") {
		t.Errorf("search without a service: %v", err)
	}
}
