package tempo

import (
	"context"
	"slices"
	"strconv"

	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// searchResponse is the part of Tempo's SearchResponse a list needs. A
// reply without "traces" (jsonpb omits empty lists) means none matched.
type searchResponse struct {
	Traces []struct {
		TraceID           string `json:"traceID"`
		RootServiceName   string `json:"rootServiceName"`
		RootTraceName     string `json:"rootTraceName"`
		StartTimeUnixNano string `json:"startTimeUnixNano"`
		DurationMs        int64  `json:"durationMs"`
		ServiceStats      map[string]struct {
			SpanCount  int `json:"spanCount"`
			ErrorCount int `json:"errorCount"`
		} `json:"serviceStats"`
	} `json:"traces"`
}

// Search runs a TraceQL search (q.TraceQL, or one built from the other
// fields) over q.Start–q.End.
func (t *Client) Search(ctx context.Context, q remote.Query) ([]trace.Summary, error) {
	resp, err := t.c.Get(ctx, "/api/search", searchParams(q), "application/json")
	if err != nil {
		return nil, err
	}
	defer resp.Close()
	var sr searchResponse
	if err := resp.DecodeJSON(t.c, &sr); err != nil {
		return nil, err
	}
	out := make([]trace.Summary, 0, len(sr.Traces))
	for _, tr := range sr.Traces {
		// Tempo trims leading zeros from trace IDs; pad so they match.
		id, err := remote.HexTraceID(tr.TraceID)
		if err != nil {
			id = tr.TraceID
		}
		s := trace.Summary{ID: id, RootService: tr.RootServiceName, RootName: tr.RootTraceName,
			Duration: tr.DurationMs * 1e6, Spans: -1, Errors: -1}
		s.Start, _ = strconv.ParseInt(tr.StartTimeUnixNano, 10, 64)
		if len(tr.ServiceStats) > 0 {
			s.Spans, s.Errors = 0, 0
			for name, st := range tr.ServiceStats {
				s.Spans += st.SpanCount
				s.Errors += st.ErrorCount
				s.Services = append(s.Services, name)
			}
			slices.Sort(s.Services)
		}
		out = append(out, s)
	}
	return out, nil
}
