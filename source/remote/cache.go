package remote

import (
	"sync"

	"github.com/tracetui/tracetui/trace"
)

// CachingClient is a Client for a store whose search answers with whole
// traces (Jaeger's FindTraces, Zipkin's /api/v2/traces): it keeps them by
// ID, so opening a search result sends no second request.
type CachingClient struct {
	*Client
	mu    sync.Mutex
	cache map[string]*trace.Trace // by lower-case 32-digit hex trace ID
}

// NewCaching checks the URL and options like New; nothing is sent yet.
func NewCaching(kind, rawURL string, opt Options) (*CachingClient, error) {
	c, err := New(kind, rawURL, opt)
	if err != nil {
		return nil, err
	}
	return &CachingClient{Client: c, cache: map[string]*trace.Trace{}}, nil
}

// String names the store for users: "Jaeger at http://host:16686", never
// with credentials.
func (c *CachingClient) String() string { return c.Kind + " at " + c.Client.String() }

// FromCache adds the spans of the kept trace hexID to col and reports
// whether there was one.
func (c *CachingClient) FromCache(hexID string, col *trace.Collector) bool {
	c.mu.Lock()
	t := c.cache[hexID]
	c.mu.Unlock()
	if t == nil {
		return false
	}
	for i := range t.Spans {
		col.Add(&t.Spans[i])
	}
	return true
}

// Remember keeps every trace of col for FromCache.
func (c *CachingClient) Remember(col *trace.Collector) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range col.Traces() {
		c.cache[t.ID.String()] = t
	}
}
