package newrelic

import (
	"bytes"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// FuzzDecodeSpanEvents: any body is spans or a ParseError, never a panic,
// and the payload counts exactly the spans added.
func FuzzDecodeSpanEvents(f *testing.F) {
	f.Add([]byte(agentPayload(Agent{App: "a"}.RunID())))
	f.Add([]byte(`["x",{"events_seen":1},[[{"traceId":"zz","guid":"","timestamp":1.5,"duration":"1e9"},{"k":[1]},{"error.message":null}]]]`))
	f.Add([]byte(`["tracetui.eyJhIjoiYSJ9",{},[[{},{},{},{}],7]]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c := trace.NewCollector()
		var ws source.Warnings
		p, _ := DecodeSpanEvents(bytes.NewReader(body), c, &ws)
		n := 0
		for _, tr := range c.Traces() {
			n += len(tr.Spans)
			for _, s := range tr.Spans {
				if s.End != 0 && s.End < s.Start {
					t.Fatalf("span ends before it starts: %d..%d", s.Start, s.End)
				}
			}
		}
		if int64(n) != p.Sent {
			t.Fatalf("payload says %d sent, collector holds %d", p.Sent, n)
		}
	})
}

// FuzzConnect: any connect body is an Agent or an error, and the run ID
// an Agent gets always reads back as that Agent.
func FuzzConnect(f *testing.F) {
	f.Add([]byte(connectBody))
	f.Add([]byte(`[{"app_name":["\u00e9\ud800"],"pid":1e3}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := DecodeConnect(body)
		if err != nil {
			return
		}
		if back, ok := ParseRunID(a.RunID()); !ok || back != a {
			t.Fatalf("agent %+v reads back from its run ID as %+v, %v", a, back, ok)
		}
	})
}
