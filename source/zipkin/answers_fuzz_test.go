package zipkin

import (
	"context"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/fuzzstore"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// FuzzAnswers: whatever the store answers to a search or a fetch, the
// client returns traces or an error; it never panics or hangs.
func FuzzAnswers(f *testing.F) {
	f.Add([]byte("\x00[[{\"traceId\":\"a1\",\"id\":\"b1\",\"name\":\"x\",\"timestamp\":1,\"duration\":2,\"localEndpoint\":{\"serviceName\":\"s\"}}]]"))
	f.Add([]byte("\x01{\"message\":\"not found\"}"))
	f.Add([]byte("\x00{\"data\":null,\"errors\":[{\"msg\":\"\x1b]52;c;aGk=\x07\"}]}"))
	srv := fuzzstore.New(f)
	cl, err := New(srv.URL, remote.Options{Timeout: 2 * time.Second})
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
