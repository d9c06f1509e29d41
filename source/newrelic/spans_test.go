package newrelic

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// agentPayload is span_event_data as go-agent v3.45.0 sent it for a
// transaction "checkout" with a segment "load-cart" holding a segment
// "query" that noticed an error (captured from the agent; only the run
// ID is replaced, by one RunID makes).
func agentPayload(runID string) string {
	return `["` + runID + `",{"reservoir_size":10000,"events_seen":3},[` +
		`[{"type":"Span","traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"75578381d064cf23","parentId":"6806e49b2eca38ad","transactionId":"4c2a85e1c611fb3d","sampled":true,"priority":1.115705,"timestamp":1796003627290,"duration":4.025e-05,"name":"Custom/query","category":"generic"},{},{"error.class":"*errors.errorString","error.message":"boom"}],` +
		`[{"type":"Span","traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"6806e49b2eca38ad","parentId":"7162f77cb2e4f373","transactionId":"4c2a85e1c611fb3d","sampled":true,"priority":1.115705,"timestamp":1796003627287,"duration":0.003247293,"name":"Custom/load-cart","category":"generic"},{"cart.size":"3"},{}],` +
		`[{"type":"Span","traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"7162f77cb2e4f373","transactionId":"4c2a85e1c611fb3d","sampled":true,"priority":1.115705,"timestamp":1796003627287,"duration":0.00331281,"name":"OtherTransaction/Go/checkout","category":"generic","nr.entryPoint":true,"transaction.name":"OtherTransaction/Go/checkout"},{"user.id":42},{"code.lineno":56,"code.function":"TestProbe"}]]]`
}

func decode(t *testing.T, body string) (map[string]trace.Span, Payload, *source.Warnings) {
	t.Helper()
	c := trace.NewCollector()
	var ws source.Warnings
	p, err := DecodeSpanEvents(strings.NewReader(body), c, &ws)
	if err != nil {
		t.Fatalf("DecodeSpanEvents: %v", err)
	}
	spans := map[string]trace.Span{}
	for _, tr := range c.Traces() {
		for _, s := range tr.Spans {
			spans[s.Name] = s
		}
	}
	return spans, p, &ws
}

func TestAgentPayloadBecomesSpans(t *testing.T) {
	agent := Agent{App: "shop", Host: "vm", Language: "go", Version: "3.45.0", PID: 2578}
	spans, p, ws := decode(t, agentPayload(agent.RunID()))
	if ws.Len() != 0 {
		t.Errorf("warnings: %v", ws.List())
	}
	if p.Seen != 3 || p.Sent != 3 || p.Agent != agent {
		t.Errorf("payload = %+v, want 3 seen, 3 sent, agent %+v", p, agent)
	}
	root, mid, leaf := spans["OtherTransaction/Go/checkout"], spans["Custom/load-cart"], spans["Custom/query"]
	if root.TraceID.String() != "4c2a85e1c611fb3d0e26e2020818b7d9" || root.SpanID.String() != "7162f77cb2e4f373" || !root.ParentID.IsZero() {
		t.Errorf("root IDs: %s %s parent %s", root.TraceID, root.SpanID, root.ParentID)
	}
	if mid.ParentID != root.SpanID || leaf.ParentID != mid.SpanID || leaf.TraceID != root.TraceID {
		t.Errorf("parents: load-cart's %s (root %s), query's %s (load-cart %s)", mid.ParentID, root.SpanID, leaf.ParentID, mid.SpanID)
	}
	if root.Start != 1796003627287_000000 || root.End != root.Start+3312810 {
		t.Errorf("root times %d..%d, want 1796003627287 ms + 3312810 ns", root.Start, root.End)
	}
	if leaf.End-leaf.Start != 40250 {
		t.Errorf("query lasted %d ns, want 40250", leaf.End-leaf.Start)
	}
	if !leaf.IsError() || leaf.StatusMessage != "boom" || root.IsError() || mid.IsError() {
		t.Errorf("errors: query %v %q, root %v, load-cart %v", leaf.Status, leaf.StatusMessage, root.Status, mid.Status)
	}
	if v, _ := trace.Lookup(root.Attrs, "user.id"); v.Kind() != trace.ValueInt || v.Int() != 42 {
		t.Errorf("root user.id = %v", v)
	}
	if v, _ := trace.Lookup(mid.Attrs, "cart.size"); v.Str() != "3" {
		t.Errorf("load-cart cart.size = %v", v)
	}
	if v, _ := trace.Lookup(root.Attrs, "nr.entryPoint"); !v.Bool() {
		t.Errorf("root nr.entryPoint = %v", v)
	}
	if v, _ := trace.Lookup(root.Attrs, "category"); v.Str() != "generic" {
		t.Errorf("root category = %v", v)
	}
	if root.Resource.Service != "shop" || root.Service() != "shop" {
		t.Errorf("service = %q", root.Service())
	}
	if v, _ := trace.Lookup(root.Resource.Attrs, "process.pid"); v.Int() != 2578 {
		t.Errorf("process.pid = %v", v)
	}
}

// Durations come as float seconds: every nanosecond the agent measured
// must survive, for durations from 1 ns to 26 days.
func TestDurationsKeepNanoseconds(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100000; i++ {
		d := time.Duration(rng.Int64N(int64(1) << uint(1+rng.IntN(51))))
		text := strconv.FormatFloat(d.Seconds(), 'g', -1, 64) // as the agent writes it
		got, ok := nanos(text)
		if !ok || got != int64(d) {
			t.Fatalf("duration %d ns written %s read as %d", d, text, got)
		}
	}
}

func TestOutOfRangeTimesAreUnknown(t *testing.T) {
	body := `["x",{},[[{"traceId":"1","guid":"2","name":"a","timestamp":-5,"duration":1}],` +
		`[{"traceId":"1","guid":"3","name":"b","timestamp":1e300,"duration":1}],` +
		`[{"traceId":"1","guid":"4","name":"c","timestamp":1000,"duration":-1}],` +
		`[{"traceId":"1","guid":"5","name":"d","timestamp":1000.5,"duration":"0.5"}]]]`
	spans, _, ws := decode(t, body)
	for _, n := range []string{"a", "b"} {
		if s := spans[n]; s.Start != 0 || s.End != 0 {
			t.Errorf("span %s: times %d..%d, want unknown", n, s.Start, s.End)
		}
	}
	if s := spans["c"]; s.Start != 1000_000000 || s.End != 0 {
		t.Errorf("span c: times %d..%d, want start 1 s, end unknown", s.Start, s.End)
	}
	if s := spans["d"]; s.Start != 1000_500000 || s.End != s.Start+500_000000 {
		t.Errorf("span d: times %d..%d", s.Start, s.End)
	}
	text := ""
	for _, w := range ws.List() {
		text += w.Message + "\n"
	}
	for _, want := range []string{"did not connect", "timestamp -5", "timestamp 1e300", "duration -1"} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}
}

func TestBadPayloadsSayWhere(t *testing.T) {
	for _, body := range []string{``, `{}`, `["run"]`, `["run",{},{}]`, `["run",{},[[{"guid":"1"`, `["run",{},[]] x`, `[1,{},[]]`} {
		c := trace.NewCollector()
		var ws source.Warnings
		_, err := DecodeSpanEvents(strings.NewReader(body), c, &ws)
		var pe *source.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: err = %v, want a ParseError", body, err)
		}
	}
}

func TestEmptyPayloadIsNoSpans(t *testing.T) {
	spans, p, _ := decode(t, `["run",{"reservoir_size":2000,"events_seen":0},[]]`)
	if len(spans) != 0 || p.Sent != 0 {
		t.Errorf("spans %d, sent %d", len(spans), p.Sent)
	}
}
