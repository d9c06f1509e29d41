package jaeger

import (
	"context"
	"errors"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// Client is a Jaeger query service: api/v3 where it exists (Jaeger ≥ 1.53
// and v2), the v1 HTTP JSON API otherwise. FindTraces answers with whole
// traces, which the CachingClient keeps for Fetch.
type Client struct{ *remote.CachingClient }

// New makes a client for the query service at rawURL (port 16686).
func New(rawURL string, opt remote.Options) (*Client, error) {
	c, err := remote.NewCaching("Jaeger", rawURL, opt)
	if err != nil {
		return nil, err
	}
	return &Client{c}, nil
}

const wrongPortHint = "point --jaeger at the query service (the UI's port, 16686 by default)"

// Fetch gets one trace: api/v3 first, then v1 when v3 is not served.
func (j *Client) Fetch(ctx context.Context, id string, c *trace.Collector, ws *source.Warnings) error {
	hexID, err := remote.HexTraceID(id)
	if err != nil {
		return remote.Invalid(err) // the ID was typed by the user
	}
	if j.FromCache(hexID, c) {
		return nil
	}
	resp, err := j.Get(ctx, "/api/v3/traces/"+hexID, nil, "application/json")
	switch {
	case errors.Is(err, remote.ErrNotFound) && isJaegerNotFound(err):
		return j.NotFound(id)
	case errors.Is(err, remote.ErrNotFound):
		return j.fetchV1(ctx, id, hexID, c, ws)
	case err != nil:
		return err
	}
	defer resp.Close()
	if isHTML(resp.Header.Get("Content-Type")) {
		// Older Jaeger's UI answers unknown paths with its index page.
		return j.fetchV1(ctx, id, hexID, c, ws)
	}
	return j.decodeTrace(resp, id, c, func() error { return otlpjson.Decode(resp.Body, c, ws) })
}

func (j *Client) fetchV1(ctx context.Context, id, hexID string, c *trace.Collector, ws *source.Warnings) error {
	resp, err := j.Get(ctx, "/api/traces/"+hexID, nil, "application/json")
	if errors.Is(err, remote.ErrNotFound) {
		if isJaegerNotFound(err) {
			return j.NotFound(id)
		}
		return j.WrongBackend("neither /api/v3/traces nor /api/traces answered like Jaeger", wrongPortHint)
	}
	if err != nil {
		return err
	}
	defer resp.Close()
	if isHTML(resp.Header.Get("Content-Type")) {
		return j.WrongBackend("it answers /api/traces with a web page", wrongPortHint)
	}
	return j.decodeTrace(resp, id, c, func() error { return DecodeV1(resp.Body, c, ws) })
}

func (j *Client) decodeTrace(resp *remote.Response, id string, c *trace.Collector, decode func() error) error {
	before := c.SpanCount()
	err := decode()
	var ae *APIError
	switch {
	case resp.Err() != nil:
		return resp.Err() // cut off: too big or too slow
	case errors.As(err, &ae) && ae.Code == 404:
		return j.NotFound(id)
	case err != nil:
		return resp.DecodeError(j.Client, err)
	case c.SpanCount() == before:
		return j.NotFound(id)
	}
	return nil
}

// isJaegerNotFound tells Jaeger's own 404s (v3 {"error":{…"No traces
// found"}}, v1 {"errors":[{"code":404,"msg":"trace not found"}]}) from a
// server that lacks the path.
func isJaegerNotFound(err error) bool {
	var he *remote.HTTPError
	if !errors.As(err, &he) {
		return false
	}
	body := strings.ToLower(string(he.Body))
	return strings.Contains(body, `"error`) && (strings.Contains(body, "not found") || strings.Contains(body, "no traces found"))
}

func isHTML(ct string) bool { return strings.Contains(strings.ToLower(ct), "html") }
