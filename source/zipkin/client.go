package zipkin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// Client is a Zipkin server's /api/v2. Its search answers with whole
// traces, which the CachingClient keeps for Fetch.
type Client struct{ *remote.CachingClient }

// New makes a client for the Zipkin at rawURL.
func New(rawURL string, opt remote.Options) (*Client, error) {
	c, err := remote.NewCaching("Zipkin", rawURL, opt)
	if err != nil {
		return nil, err
	}
	return &Client{c}, nil
}

// Fetch gets one trace by ID.
func (z *Client) Fetch(ctx context.Context, id string, c *trace.Collector, ws *source.Warnings) error {
	hexID, err := remote.HexTraceID(id)
	if err != nil {
		return remote.Invalid(err) // the ID was typed by the user
	}
	if z.FromCache(hexID, c) {
		return nil
	}
	// Zipkin stores 64-bit IDs as 16 digits; ask the way it was written.
	ask := strings.ToLower(strings.TrimSpace(id))
	if len(ask) < 16 {
		ask = hexID[16:]
	}
	resp, err := z.Get(ctx, "/api/v2/trace/"+ask, nil, "application/json")
	if errors.Is(err, remote.ErrNotFound) {
		var he *remote.HTTPError
		errors.As(err, &he)
		// Zipkin says "<id> not found"; Go's "404 page not found" is a
		// server without this path.
		if body := string(he.Body); !strings.Contains(body, "not found") || strings.Contains(body, "404 page not found") {
			return z.WrongBackend("GET /api/v2/trace answered 404 without Zipkin's \"not found\"", "point --zipkin at Zipkin's HTTP port (9411 by default)")
		}
		return z.NotFound(id)
	}
	if err != nil {
		return err
	}
	defer resp.Close()
	before := c.SpanCount()
	if err := resp.Decode(z.Client, func(r io.Reader) error { return Decode(r, c, ws) }); err != nil {
		return err
	}
	if c.SpanCount() == before {
		return z.NotFound(id)
	}
	return nil
}

// Search runs /api/v2/traces. Zipkin's durations are µs, its times ms.
func (z *Client) Search(ctx context.Context, q remote.Query) ([]trace.Summary, error) {
	v := url.Values{}
	if q.Service != "" {
		v.Set("serviceName", q.Service)
	}
	if q.Operation != "" {
		v.Set("spanName", q.Operation)
	}
	if len(q.Tags) > 0 {
		var terms []string
		for k, val := range q.Tags {
			terms = append(terms, k+"="+val)
		}
		v.Set("annotationQuery", strings.Join(slices.Sorted(slices.Values(terms)), " and "))
	}
	if q.MinDuration > 0 {
		v.Set("minDuration", fmt.Sprint(q.MinDuration.Microseconds()))
	}
	if q.MaxDuration > 0 {
		v.Set("maxDuration", fmt.Sprint(q.MaxDuration.Microseconds()))
	}
	if !q.End.IsZero() {
		v.Set("endTs", fmt.Sprint(q.End.UnixMilli()))
		if !q.Start.IsZero() {
			v.Set("lookback", fmt.Sprint(q.End.Sub(q.Start).Milliseconds()))
		}
	}
	if q.Limit > 0 {
		v.Set("limit", fmt.Sprint(q.Limit))
	}
	resp, err := z.Get(ctx, "/api/v2/traces", v, "application/json")
	if err != nil {
		return nil, err
	}
	defer resp.Close()
	c := trace.NewCollector()
	if err := resp.Decode(z.Client, func(r io.Reader) error { return Decode(r, c, &source.Warnings{}) }); err != nil {
		return nil, err
	}
	z.Remember(c)
	return remote.Summaries(c), nil
}
