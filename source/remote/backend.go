package remote

import (
	"context"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// Backend is a trace store tracetui is a client of.
type Backend interface {
	// Fetch decodes one trace into c; ErrNotFound (wrapped) when the
	// store does not have it.
	Fetch(ctx context.Context, id string, c *trace.Collector, ws *source.Warnings) error
	// Search lists matching traces, newest first, without their spans.
	Search(ctx context.Context, q Query) ([]trace.Summary, error)
	// String names the store and its URL, without credentials.
	String() string
}

// Query is a search, in the terms every store understands; each adapter
// maps what it can and says what it cannot.
type Query struct {
	Service, Operation       string
	Tags                     map[string]string
	MinDuration, MaxDuration time.Duration
	Start, End               time.Time
	Limit                    int
	TraceQL                  string // Tempo only
}

// Summaries builds list lines for traces a store returned whole (search
// APIs that answer with spans rather than summaries).
func Summaries(c *trace.Collector) []trace.Summary {
	out := make([]trace.Summary, 0, len(c.Traces()))
	for _, t := range c.Traces() {
		out = append(out, trace.SummarizeTrace(t))
	}
	return out
}
