package zipkin

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

// fakeZipkin replays the Zipkin UI's real test traces the way the server
// answers: /api/v2/trace/{id} a list, /api/v2/traces a list of lists.
func fakeZipkin(t *testing.T, seen *string) *httptest.Server {
	yelp := fixture(t, "zipkin-lens_yelp.json")
	skew := fixture(t, "zipkin-lens_skew.json")
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/api/v2/traces":
			*seen = r.URL.RawQuery
			w.Write([]byte("[" + string(yelp) + "," + string(skew) + "]"))
		case strings.HasPrefix(r.URL.Path, "/api/v2/trace/"+yelpID[16:]):
			w.Write(yelp)
		case strings.HasPrefix(r.URL.Path, "/api/v2/trace/"):
			http.Error(w, strings.TrimPrefix(r.URL.Path, "/api/v2/trace/")+" not found", http.StatusNotFound)
		default:
			http.NotFound(w, r)
		}
	}))
}

var yelpID = "0000000000000000" + "a03ee8fff1dcd9b9"

func TestZipkinFetchSearchAndErrors(t *testing.T) {
	var seen string
	srv := fakeZipkin(t, &seen)
	defer srv.Close()
	z, _ := New(srv.URL, remote.Options{})
	c := trace.NewCollector()
	if err := z.Fetch(context.Background(), yelpID[16:], c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	if c.SpanCount() != 16 {
		t.Errorf("fetched %d spans, want 16", c.SpanCount())
	}
	err := z.Fetch(context.Background(), "abc", trace.NewCollector(), &source.Warnings{})
	if !errors.Is(err, remote.ErrNotFound) {
		t.Errorf("missing trace: %v", err)
	}

	end := time.UnixMilli(1_600_000_000_000)
	got, err := z.Search(context.Background(), remote.Query{Service: "api", MinDuration: 500 * time.Millisecond,
		Tags: map[string]string{"http.status_code": "500"}, Start: end.Add(-time.Hour), End: end, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Spans != 16 || got[1].Spans != 4 {
		t.Fatalf("summaries %+v", got)
	}
	for _, want := range []string{"serviceName=api", "minDuration=500000", "endTs=1600000000000", "lookback=3600000", "limit=10", "annotationQuery=http.status_code%3D500"} {
		if !strings.Contains(seen, want) {
			t.Errorf("search query %q lacks %s", seen, want)
		}
	}
	// The search answered with whole traces: opening one asks nothing more.
	srv.Close()
	c = trace.NewCollector()
	if err := z.Fetch(context.Background(), got[1].ID, c, &source.Warnings{}); err != nil || c.SpanCount() != 4 {
		t.Errorf("cached result: %v, %d spans", err, c.SpanCount())
	}

	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	z, _ = New(other.URL, remote.Options{})
	err = z.Fetch(context.Background(), "abc", trace.NewCollector(), &source.Warnings{})
	if err == nil || !strings.Contains(err.Error(), "does not look like Zipkin") {
		t.Errorf("wrong backend: %v", err)
	}
}
