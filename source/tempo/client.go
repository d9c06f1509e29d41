package tempo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// Client is a Tempo query frontend.
type Client struct {
	c *remote.Client
}

// New makes a client; orgID, when set, goes out as X-Scope-OrgID on every
// request (multi-tenant Tempo refuses requests without it).
func New(rawURL string, opt remote.Options, orgID string) (*Client, error) {
	if orgID != "" {
		opt.Headers = append(opt.Headers, "X-Scope-OrgID: "+orgID)
	}
	c, err := remote.New("Tempo", rawURL, opt)
	if err != nil {
		return nil, err
	}
	return &Client{c: c}, nil
}

func (t *Client) String() string { return "Tempo at " + t.c.String() }

// Fetch gets one trace. Tempo answers api/v2 with {"trace": …} and the v1
// path with {"batches": …}, both with base64 IDs and enum names, which
// the OTLP JSON decoder reads as they are.
func (t *Client) Fetch(ctx context.Context, id string, c *trace.Collector, ws *source.Warnings) error {
	hexID, err := remote.HexTraceID(id)
	if err != nil {
		return remote.Invalid(err) // the ID was typed by the user
	}
	var firstErr error
	for _, path := range []string{"/api/v2/traces/" + hexID, "/api/traces/" + hexID} {
		resp, err := t.c.Get(ctx, path, nil, "application/json")
		if errors.Is(err, remote.ErrNotFound) {
			if firstErr == nil {
				firstErr = err
			}
			continue // v2 missing on Tempo < 2.5, or the trace is not there
		}
		if err != nil {
			return err
		}
		defer resp.Close()
		before := c.SpanCount()
		if err := resp.Decode(t.c, func(r io.Reader) error { return otlpjson.Decode(r, c, ws) }); err != nil {
			return err
		}
		if c.SpanCount() == before {
			return t.c.NotFound(id)
		}
		return nil
	}
	if isMuxNotFound(firstErr) && !t.isTempo(ctx) {
		return t.c.WrongBackend("no /api/traces or /api/echo", "point --tempo at Tempo's HTTP port (3200 by default, or the query frontend)")
	}
	return t.c.NotFound(id)
}

// isMuxNotFound spots Go's default "404 page not found": the path does
// not exist there, which is not Tempo saying it lacks the trace.
func isMuxNotFound(err error) bool {
	var he *remote.HTTPError
	return errors.As(err, &he) && strings.TrimSpace(string(he.Body)) == "404 page not found"
}

// isTempo asks /api/echo, which every Tempo answers with "echo".
func (t *Client) isTempo(ctx context.Context) bool {
	resp, err := t.c.Get(ctx, "/api/echo", nil, "")
	if err != nil {
		return false
	}
	defer resp.Close()
	var b [16]byte
	n, _ := resp.Body.Read(b[:])
	return resp.StatusCode == http.StatusOK && strings.HasPrefix(string(b[:n]), "echo")
}

// TraceQL turns a structured query into TraceQL for users who give flags
// rather than a query.
func TraceQL(q remote.Query) string {
	var conds []string
	if q.Service != "" {
		conds = append(conds, "resource.service.name = "+quote(q.Service))
	}
	if q.Operation != "" {
		conds = append(conds, "name = "+quote(q.Operation))
	}
	for _, k := range sortedKeys(q.Tags) {
		conds = append(conds, "."+k+" = "+quote(q.Tags[k]))
	}
	if q.MinDuration > 0 {
		conds = append(conds, "duration >= "+q.MinDuration.String())
	}
	if q.MaxDuration > 0 {
		conds = append(conds, "duration <= "+q.MaxDuration.String())
	}
	if len(conds) == 0 {
		return "{}"
	}
	return "{ " + strings.Join(conds, " && ") + " }"
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// searchParams are /api/search's: q, start/end in unix seconds, limit.
func searchParams(q remote.Query) url.Values {
	v := url.Values{}
	ql := q.TraceQL
	if ql == "" {
		ql = TraceQL(q)
	}
	v.Set("q", ql)
	if !q.Start.IsZero() {
		v.Set("start", fmt.Sprint(q.Start.Unix()))
	}
	if !q.End.IsZero() {
		v.Set("end", fmt.Sprint(q.End.Unix()+1)) // end is exclusive to the second
	}
	if q.Limit > 0 {
		v.Set("limit", fmt.Sprint(q.Limit))
	}
	return v
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
