// Package fuzzstore serves fuzz inputs as a trace store's answers, so the
// store clients' whole decode path (status, content type, body) is fuzzed
// without a refactor that would open it up only for tests.
package fuzzstore

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// Server answers every request with the current Body and Status.
type Server struct {
	*httptest.Server
	Body   []byte
	Status int
}

// New starts a server closed when the fuzz test ends. Fuzz calls run one at
// a time within a process, so the fields need no lock.
func New(tb testing.TB) *Server {
	s := &Server{Status: 200}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(s.Status)
		w.Write(s.Body)
	}))
	tb.Cleanup(s.Close)
	return s
}

// Set picks the status from the input's first byte (mostly 200, sometimes
// an error code) and serves the rest as the body.
func (s *Server) Set(in []byte) {
	s.Status, s.Body = 200, in
	if len(in) > 0 {
		switch in[0] % 16 {
		case 1:
			s.Status = 404
		case 2:
			s.Status = 500
		case 3:
			s.Status = 401
		}
		s.Body = in[1:]
	}
}

// Client is what every store client offers.
type Client interface {
	Search(ctx context.Context, q remote.Query) ([]trace.Summary, error)
	Fetch(ctx context.Context, id string, c *trace.Collector, ws *source.Warnings) error
}

// Answers fuzzes a store client: whatever the fake store answers to a
// search or a fetch (the seeds first), the client returns traces or an
// error, and what it returns analyzes; never a panic or a hang.
func Answers(f *testing.F, seeds []string, connect func(url string) (Client, error)) {
	for _, s := range seeds {
		f.Add([]byte("\x00" + s))
	}
	f.Add([]byte("\x00{\"data\":null,\"errors\":[{\"msg\":\"\x1b]52;c;aGk=\x07\"}]}"))
	srv := New(f)
	cl, err := connect(srv.URL)
	if err != nil {
		f.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	f.Fuzz(func(t *testing.T, in []byte) {
		srv.Set(in)
		ctx := context.Background()
		cl.Search(ctx, remote.Query{Service: "s", Start: now.Add(-time.Hour), End: now, Limit: 20})
		c := trace.NewCollector()
		if cl.Fetch(ctx, "00000000000000a1", c, &source.Warnings{}) == nil {
			for _, tr := range c.Traces() {
				trace.AnalyzeOne(tr, trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
			}
		}
	})
}
