package datadog

import (
	"errors"
	"strings"
	"testing"

	"github.com/tinylib/msgp/msgp"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// ddSpan is a span as a test writes it: every field v0.4 and v0.5 carry.
type ddSpan struct {
	service, name, resource, typ string
	traceID, spanID, parentID    uint64
	start, duration              int64
	err                          int32
	meta                         map[string]string
	metrics                      map[string]float64
}

func (s ddSpan) v04(b []byte) []byte {
	b = msgp.AppendMapHeader(b, 12)
	for _, kv := range [][2]string{{"service", s.service}, {"name", s.name}, {"resource", s.resource}, {"type", s.typ}} {
		b = msgp.AppendString(msgp.AppendString(b, kv[0]), kv[1])
	}
	b = msgp.AppendUint64(msgp.AppendString(b, "trace_id"), s.traceID)
	b = msgp.AppendUint64(msgp.AppendString(b, "span_id"), s.spanID)
	b = msgp.AppendUint64(msgp.AppendString(b, "parent_id"), s.parentID)
	b = msgp.AppendInt64(msgp.AppendString(b, "start"), s.start)
	b = msgp.AppendInt64(msgp.AppendString(b, "duration"), s.duration)
	b = msgp.AppendInt32(msgp.AppendString(b, "error"), s.err)
	b = msgp.AppendMapHeader(msgp.AppendString(b, "meta"), uint32(len(s.meta)))
	for k, v := range s.meta {
		b = msgp.AppendString(msgp.AppendString(b, k), v)
	}
	b = msgp.AppendMapHeader(msgp.AppendString(b, "metrics"), uint32(len(s.metrics)))
	for k, v := range s.metrics {
		b = msgp.AppendFloat64(msgp.AppendString(b, k), v)
	}
	return b
}

func payload04(traces ...[]ddSpan) []byte {
	b := msgp.AppendArrayHeader(nil, uint32(len(traces)))
	for _, tr := range traces {
		b = msgp.AppendArrayHeader(b, uint32(len(tr)))
		for _, s := range tr {
			b = s.v04(b)
		}
	}
	return b
}

// payload05 writes the v0.5 form: a string table, spans as arrays of 12.
func payload05(traces ...[]ddSpan) []byte {
	var strs []string
	index := map[string]uint32{}
	idx := func(s string) uint32 {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = uint32(len(strs))
		strs = append(strs, s)
		return index[s]
	}
	idx("")
	var body []byte
	body = msgp.AppendArrayHeader(body, uint32(len(traces)))
	for _, tr := range traces {
		body = msgp.AppendArrayHeader(body, uint32(len(tr)))
		for _, s := range tr {
			body = msgp.AppendArrayHeader(body, 12)
			body = msgp.AppendUint32(body, idx(s.service))
			body = msgp.AppendUint32(body, idx(s.name))
			body = msgp.AppendUint32(body, idx(s.resource))
			body = msgp.AppendUint64(body, s.traceID)
			body = msgp.AppendUint64(body, s.spanID)
			body = msgp.AppendUint64(body, s.parentID)
			body = msgp.AppendInt64(body, s.start)
			body = msgp.AppendInt64(body, s.duration)
			body = msgp.AppendInt32(body, s.err)
			body = msgp.AppendMapHeader(body, uint32(len(s.meta)))
			for k, v := range s.meta {
				body = msgp.AppendUint32(msgp.AppendUint32(body, idx(k)), idx(v))
			}
			body = msgp.AppendMapHeader(body, uint32(len(s.metrics)))
			for k, v := range s.metrics {
				body = msgp.AppendFloat64(msgp.AppendUint32(body, idx(k)), v)
			}
			body = msgp.AppendUint32(body, idx(s.typ))
		}
	}
	b := msgp.AppendArrayHeader(nil, 2)
	b = msgp.AppendArrayHeader(b, uint32(len(strs)))
	for _, s := range strs {
		b = msgp.AppendString(b, s)
	}
	return append(b, body...)
}

// checkout is a chunk as tracers send it: the root carries the high half
// of the trace ID and the sampling priority, the child an error.
var checkout = []ddSpan{
	{service: "web", name: "http.request", resource: "POST /checkout", typ: "web", traceID: 0xa1b2c3d4e5f60718, spanID: 1,
		start: 1_700_000_000_123_456_789, duration: 7_003_000,
		meta:    map[string]string{"_dd.p.tid": "65f1a2b300000000", "span.kind": "server", "http.method": "POST"},
		metrics: map[string]float64{"_sampling_priority_v1": 2, "_dd.top_level": 1}},
	{service: "payments", name: "grpc.client", resource: "", traceID: 0xa1b2c3d4e5f60718, spanID: 2, parentID: 1,
		start: 1_700_000_000_125_456_789, duration: 4_001_000, err: 1,
		meta: map[string]string{"span.kind": "client", "error.message": "card declined", "error.type": "*status.Error",
			"error.stack": "main.charge()\n\tmain.go:12"},
		metrics: map[string]float64{"amount": 42.5, "retries": 3}},
}

func decode(t *testing.T, b []byte, version string) []trace.Span {
	t.Helper()
	c := trace.NewCollector()
	meta := Meta{Lang: "go", TracerVersion: "v2.12.0"}
	decode := func() error { return Decode(b, version, meta, c, &source.Warnings{}) }
	if version == "v0.4 JSON" {
		decode = func() error { return DecodeJSON(b, meta, c, &source.Warnings{}, source.NewInterner()) }
	}
	if err := decode(); err != nil {
		t.Fatal(err)
	}
	if len(c.Traces()) != 1 {
		t.Fatalf("%d traces, want 1", len(c.Traces()))
	}
	return c.Traces()[0].Spans
}

func TestBothVersionsMapTheSameSpans(t *testing.T) {
	for _, v := range []struct {
		name string
		b    []byte
	}{{"v0.4", payload04(checkout)}, {"v0.5", payload05(checkout)}, {"v0.4 JSON", payloadJSON(checkout)}} {
		t.Run(v.name, func(t *testing.T) {
			spans := decode(t, v.b, v.name)
			root, pay := spans[0], spans[1]
			if root.TraceID.String() != "65f1a2b300000000a1b2c3d4e5f60718" || pay.TraceID != root.TraceID {
				t.Errorf("trace IDs %s, %s: want the tid as the high half, on both", root.TraceID, pay.TraceID)
			}
			if root.SpanID.String() != "0000000000000001" || pay.ParentID != root.SpanID || !root.ParentID.IsZero() {
				t.Errorf("span IDs: root %s parent %s, child's parent %s", root.SpanID, root.ParentID, pay.ParentID)
			}
			if root.Name != "POST /checkout" || pay.Name != "grpc.client" {
				t.Errorf("names %q, %q: want the resource, else the operation", root.Name, pay.Name)
			}
			if root.Start != 1_700_000_000_123_456_789 || root.End-root.Start != 7_003_000 {
				t.Errorf("root times %d..%d", root.Start, root.End)
			}
			if root.Kind != trace.KindServer || pay.Kind != trace.KindClient || root.Service() != "web" || pay.Service() != "payments" {
				t.Errorf("kinds %v %v, services %s %s", root.Kind, pay.Kind, root.Service(), pay.Service())
			}
			for key, want := range map[string]string{"operation.name": "http.request", "span.type": "web", "http.method": "POST", "sampling.priority": "2"} {
				if got, _ := trace.Lookup(root.Attrs, key); got.AsString() != want {
					t.Errorf("root %s = %q, want %q", key, got.AsString(), want)
				}
			}
			if _, ok := trace.Lookup(root.Attrs, "_dd.p.tid"); ok {
				t.Errorf("_dd.p.tid kept as an attribute though it is in the trace ID")
			}
			if root.Flags&trace.TraceFlagSampled == 0 || pay.Flags&trace.TraceFlagSampled == 0 {
				t.Errorf("priority 2 (user keep) must read sampled on the chunk's spans: flags %#x %#x", root.Flags, pay.Flags)
			}
			if pay.Status != trace.StatusError || pay.StatusMessage != "card declined" {
				t.Errorf("error: %v %q", pay.Status, pay.StatusMessage)
			}
			if len(pay.Events) != 1 || pay.Events[0].Name != "exception" || pay.Events[0].Time != pay.End {
				t.Fatalf("events %+v", pay.Events)
			}
			exc := map[string]string{}
			for _, a := range pay.Events[0].Attrs {
				exc[a.Key] = a.Value.AsString()
			}
			if exc["exception.type"] != "*status.Error" || !strings.Contains(exc["exception.stacktrace"], "main.go:12") {
				t.Errorf("exception %v", exc)
			}
			if _, ok := trace.Lookup(pay.Attrs, "error.message"); ok {
				t.Errorf("error.message repeated as an attribute")
			}
			if a, _ := trace.Lookup(pay.Attrs, "amount"); a.Kind() != trace.ValueDouble || a.Double() != 42.5 {
				t.Errorf("amount %v", a.AsString())
			}
			if r, _ := trace.Lookup(pay.Attrs, "retries"); r.Kind() != trace.ValueInt || r.Int() != 3 {
				t.Errorf("retries %v: an integral metric reads as an int", r.AsString())
			}
			if l, _ := trace.Lookup(root.Resource.Attrs, "telemetry.sdk.language"); l.AsString() != "go" {
				t.Errorf("resource %+v", root.Resource.Attrs)
			}
		})
	}
}

// Priority 0 or below (dropped by the sampler, sent anyway because the
// receiver asks for everything) is not sampled.
func TestDroppedPriorityIsNotSampled(t *testing.T) {
	s := checkout[0]
	s.metrics = map[string]float64{"_sampling_priority_v1": -1}
	if sp := decode(t, payload04([]ddSpan{s}), "v0.4")[0]; sp.Flags&trace.TraceFlagSampled != 0 {
		t.Errorf("flags %#x", sp.Flags)
	}
}

func TestBadPayloads(t *testing.T) {
	good := payload04(checkout)
	for name, c := range map[string]struct {
		b       []byte
		version string
		want    string
	}{
		"cut":            {good[:len(good)-5], "v0.4", "msgpack"},
		"json":           {[]byte(`[{"trace_id":1}]`), "v0.4", "msgpack"},
		"trailing":       {append(append([]byte{}, good...), 0x90), "v0.4", "bytes after the payload"},
		"lying length":   {msgp.AppendArrayHeader(nil, 1<<30), "v0.4", "longer than the payload"},
		"v0.5 as v0.4":   {payload05(checkout), "v0.4", "msgpack"},
		"v0.5 bad index": {badIndex(), "v0.5", "string index 5 out of the table's 1"},
	} {
		err := Decode(c.b, c.version, Meta{}, trace.NewCollector(), &source.Warnings{})
		var pe *source.ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a positioned error saying %q", name, err, c.want)
		}
	}
}

// badIndex is a v0.5 payload whose span names string 5 of a table of 1.
func badIndex() []byte {
	b := msgp.AppendArrayHeader(nil, 2)
	b = msgp.AppendString(msgp.AppendArrayHeader(b, 1), "")
	b = msgp.AppendArrayHeader(msgp.AppendArrayHeader(msgp.AppendArrayHeader(b, 1), 1), 12)
	for range 12 {
		b = msgp.AppendUint(b, 5)
	}
	return b
}

func FuzzDecode(f *testing.F) {
	f.Add(payload04(checkout), false)
	f.Add(payload05(checkout), true)
	f.Fuzz(func(t *testing.T, in []byte, v05 bool) {
		version := "v0.4"
		if v05 {
			version = "v0.5"
		}
		c := trace.NewCollector()
		err := Decode(in, version, Meta{}, c, &source.Warnings{})
		var pe *source.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error without a position: %v", err)
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}

// Span events sent in meta "events" become events; text that is not that
// JSON stays an attribute.
func TestMetaEvents(t *testing.T) {
	s := checkout[0]
	s.meta = map[string]string{"events": `[{"name":"retry","time_unix_nano":1700000000124000000,"attributes":{"n":2,"why":"timeout","tags":["a",true]}}]`}
	sp := decode(t, payload04([]ddSpan{s}), "v0.4")[0]
	if len(sp.Events) != 1 || sp.Events[0].Name != "retry" || sp.Events[0].Time != 1700000000124000000 {
		t.Fatalf("events %+v", sp.Events)
	}
	attrs := sp.Events[0].Attrs
	if len(attrs) != 3 || attrs[0].Key != "n" || attrs[0].Value.Kind() != trace.ValueInt || attrs[1].Key != "tags" ||
		len(attrs[1].Value.Items()) != 2 || attrs[2].Value.AsString() != "timeout" {
		t.Errorf("event attributes %+v", attrs)
	}
	if _, ok := trace.Lookup(sp.Attrs, "events"); ok {
		t.Errorf("events also kept as an attribute")
	}
	s.meta = map[string]string{"events": "not json"}
	sp = decode(t, payload04([]ddSpan{s}), "v0.4")[0]
	if v, _ := trace.Lookup(sp.Attrs, "events"); v.AsString() != "not json" || len(sp.Events) != 0 {
		t.Errorf("unreadable events: attrs %+v events %+v", sp.Attrs, sp.Events)
	}
}
