package jaeger

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "jaeger-v1", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decode(t *testing.T, in []byte) (*trace.Collector, *source.Warnings, error) {
	t.Helper()
	c, ws := trace.NewCollector(), &source.Warnings{}
	return c, ws, DecodeV1(bytes.NewReader(in), c, ws)
}

func depth(tr *trace.Tree) int {
	d := 0
	for _, x := range tr.Depth {
		d = max(d, int(x)+1)
	}
	return d
}

// Every real Jaeger file loads whole, and its parent links resolve to the
// trees the Jaeger UI draws.
func TestRealJaegerFiles(t *testing.T) {
	for _, c := range []struct {
		file                string
		spans, roots, depth int
	}{
		{"jaeger_query_otlp2jaeger-out.json", 2, 1, 2}, // both orphans, under one placeholder
		{"jaeger-ui_oltp2jaeger-multi-out.json", 4, 1, 3},
		{"jaeger_uimodel_ui_01.json", 5, -1, -1},
		{"jaeger_anonymizer_trace_success.json", 2, 1, -1},
		{"jaeger-ui_spanAmongEachOtherGroupedAndSpans.json", 17, 1, 4},
		{"jaeger-ui_TraceGraph_testTrace.json", 11, 1, -1},
		{"jaeger-ui_genaiTestTrace.json", 57, 1, 8},
	} {
		col, _, err := decode(t, fixture(t, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(col.Traces()) != 1 || col.SpanCount() != c.spans {
			t.Fatalf("%s: %d traces, %d spans; want 1, %d", c.file, len(col.Traces()), col.SpanCount(), c.spans)
		}
		tree := trace.Build(col.Traces()[0])
		if c.roots >= 0 && len(tree.Roots) != c.roots {
			t.Errorf("%s: %d roots, want %d", c.file, len(tree.Roots), c.roots)
		}
		if c.depth >= 0 && depth(tree) != c.depth {
			t.Errorf("%s: depth %d, want %d", c.file, depth(tree), c.depth)
		}
		for i := range col.Traces()[0].Spans {
			if col.Traces()[0].Spans[i].Service() == "unknown" {
				t.Errorf("%s: span %d has no service: its process did not resolve", c.file, i)
				break
			}
		}
	}
}

func TestTypedTagsAndConventions(t *testing.T) {
	col, _, err := decode(t, fixture(t, "jaeger_uimodel_ui_01.json"))
	if err != nil {
		t.Fatal(err)
	}
	tr := col.Traces()[0]
	if tr.ID.String() != "00000000000000000000000000000001" {
		t.Errorf("16-char trace ID not left-padded: %s", tr.ID)
	}
	var found bool
	for _, s := range tr.Spans {
		if v, ok := trace.Lookup(s.Attrs, "javascript_limit"); ok {
			found = true
			if v.Kind() != trace.ValueInt || v.Int() != 9223372036854775222 {
				t.Errorf("int64 beyond 2^53 given as a string: %v %d", v.Kind(), v.Int())
			}
			if !s.IsError() {
				t.Error("error=true tag did not make the span an error")
			}
		}
	}
	if !found {
		t.Fatal("javascript_limit tag missing")
	}
	first := tr.Spans[0]
	if first.Start != 1485467191639875000 || first.End != first.Start+5000 {
		t.Errorf("µs → ns not exact: %d..%d", first.Start, first.End)
	}
	if len(first.Events) != 2 || first.Events[0].Name != "some-event" || first.Events[1].Name != "log" {
		t.Errorf("logs → events: %+v", first.Events)
	}
}

func TestReferencesParentsAndLinks(t *testing.T) {
	in := `{"data":[{"traceID":"abc","spans":[
	  {"traceID":"abc","spanID":"1","operationName":"root","startTime":10,"duration":100,"processID":"p1",
	   "tags":[{"key":"span.kind","type":"string","value":"server"},{"key":"otel.status_code","value":"ERROR"},
	           {"key":"otel.status_description","value":"boom"},{"key":"otel.scope.name","value":"lib"}]},
	  {"traceID":"abc","spanID":"2","operationName":"async","startTime":20,"duration":5,"processID":"p2",
	   "references":[{"refType":"CHILD_OF","traceID":"ff","spanID":"9"},{"refType":"FOLLOWS_FROM","traceID":"abc","spanID":"1"}],
	   "tags":[{"key":"flag","type":"bool","value":"true"},{"key":"blob","type":"binary","value":"AQI="}]}],
	  "processes":{"p1":{"serviceName":"front","tags":[{"key":"host","value":"a"}]},"p2":{"serviceName":"worker"}}}],
	  "total":0,"limit":0,"offset":0,"errors":null}`
	col, _, err := decode(t, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	spans := col.Traces()[0].Spans
	root, async := spans[0], spans[1]
	if root.Kind != trace.KindServer || !root.IsError() || root.StatusMessage != "boom" || root.Scope == nil || root.Scope.Name != "lib" || root.Service() != "front" {
		t.Errorf("conventions: %+v", root)
	}
	if _, ok := trace.Lookup(root.Attrs, "span.kind"); ok {
		t.Error("span.kind kept as an attribute after becoming the kind")
	}
	if async.ParentID != root.SpanID {
		t.Errorf("FOLLOWS_FROM in the same trace should be the parent when no CHILD_OF is: %s", async.ParentID)
	}
	if len(async.Links) != 1 || async.Links[0].TraceID.String() != "000000000000000000000000000000ff" {
		t.Errorf("reference to another trace should be a link: %+v", async.Links)
	}
	if v, _ := trace.Lookup(async.Attrs, "flag"); v.Kind() != trace.ValueBool || !v.Bool() {
		t.Errorf("bool given as a string: %v", v)
	}
	if v, _ := trace.Lookup(async.Attrs, "blob"); v.Kind() != trace.ValueBytes || string(v.Bytes()) != "\x01\x02" {
		t.Errorf("binary: %v", v)
	}
}

func TestOpaqueIDsGroupAndKeepTheirText(t *testing.T) {
	col, ws, err := decode(t, fixture(t, "jaeger-ui_TraceGraph_testTrace.json"))
	if err != nil {
		t.Fatal(err)
	}
	tr := col.Traces()[0]
	if tr.DisplayID() != "trace-123" || !strings.HasPrefix(tr.Spans[0].DisplaySpanID(), "span-") || ws.Len() == 0 {
		t.Errorf("display %q %q, warnings %d", tr.DisplayID(), tr.Spans[0].DisplaySpanID(), ws.Len())
	}
}

func TestErrorsAndNotJaeger(t *testing.T) {
	_, _, err := decode(t, []byte(`{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}`))
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != 404 {
		t.Errorf("envelope error: %v", err)
	}
	_, _, err = decode(t, []byte(`{"resourceSpans":[]}`))
	if !errors.Is(err, ErrNotJaeger) {
		t.Errorf("OTLP is not Jaeger: %v", err)
	}
	_, _, err = decode(t, fixture(t, "jaeger-ui_genaiTestTrace.json")[:3000])
	var pe *source.ParseError
	if !errors.As(err, &pe) || pe.Offset <= 0 {
		t.Errorf("truncated: %v", err)
	}
}

func FuzzDecodeV1(f *testing.F) {
	for _, name := range []string{"jaeger_uimodel_ui_01.json", "jaeger_anonymizer_trace_success.json", "jaeger_query_otlp2jaeger-out.json"} {
		f.Add(fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		c := trace.NewCollector()
		err := DecodeV1(bytes.NewReader(in), c, &source.Warnings{})
		var pe *source.ParseError
		var ae *APIError
		if err != nil && !errors.As(err, &pe) && !errors.As(err, &ae) {
			t.Fatalf("error without a position: %v", err)
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}

// The error tag is folded into the status, as the Collector's Jaeger
// translator does: real files with error=true and no otel.status_code
// (a bool, or "true" as the anonymizer writes it) fail, and the tag is not
// kept as an attribute beside the status, where Zipkin's error tag would
// carry "true" instead of the message.
func TestErrorTagIsTheStatus(t *testing.T) {
	for _, c := range []struct{ file, span string }{
		{"jaeger-ui_TraceGraph_testTrace.json", "span-2"},
		{"jaeger-ui_genaiTestTrace.json", "0000000000000011"},
		{"jaeger_uimodel_ui_01.json", "0000000000000002"},
	} {
		col, _, err := decode(t, fixture(t, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		found := false
		for _, s := range col.Traces()[0].Spans {
			if s.DisplaySpanID() != c.span {
				continue
			}
			found = found || s.IsError() // ui_01 has two spans 0000000000000002: one with the tag
			if _, ok := trace.Lookup(s.Attrs, "error"); ok {
				t.Errorf("%s: span %s keeps the error tag as an attribute beside the status", c.file, c.span)
			}
		}
		if !found {
			t.Errorf("%s: span %s with error=true is not an error", c.file, c.span)
		}
	}
	in := `{"data":[{"traceID":"ab","spans":[
	 {"traceID":"ab","spanID":"01","operationName":"a","startTime":1,"duration":1,"tags":[
	  {"key":"error","type":"bool","value":true},{"key":"otel.status_code","type":"string","value":"OK"},
	  {"key":"otel.status_description","type":"string","value":"502 Bad Gateway"}]},
	 {"traceID":"ab","spanID":"02","operationName":"b","startTime":1,"duration":1,"tags":[
	  {"key":"error","type":"bool","value":false}]}]}]}`
	col, _, err := decode(t, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	a, b := col.Traces()[0].Spans[0], col.Traces()[0].Spans[1]
	if !a.IsError() || a.StatusMessage != "502 Bad Gateway" || len(a.Attrs) != 0 {
		t.Errorf("error=true with otel.status_code=OK: status %v %q, attrs %v; want the error, its message, no attributes", a.Status, a.StatusMessage, a.Attrs)
	}
	if b.IsError() || len(b.Attrs) != 1 {
		t.Errorf("error=false: status %v, attrs %v; want no error and the tag kept", b.Status, b.Attrs)
	}
}
