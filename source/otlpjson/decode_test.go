package otlpjson

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

func decode(t *testing.T, in string) (*trace.Collector, []source.Warning, error) {
	t.Helper()
	c := trace.NewCollector()
	var ws source.Warnings
	err := Decode(strings.NewReader(in), c, &ws)
	return c, ws.List(), err
}

func only(t *testing.T, c *trace.Collector) *trace.Span {
	t.Helper()
	if len(c.Traces()) != 1 || len(c.Traces()[0].Spans) != 1 {
		t.Fatalf("want one span, got %d traces / %d spans", len(c.Traces()), c.SpanCount())
	}
	return &c.Traces()[0].Spans[0]
}

func request(span string) string {
	return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeSpans":[{"scope":{"name":"lib","version":"1.2"},"spans":[` + span + `]}]}]}`
}

func TestToleratesWhatRealProducersSend(t *testing.T) {
	cases := map[string]struct {
		span  string
		check func(*trace.Span) bool
	}{
		"uppercase hex ids": {`{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174"}`,
			func(s *trace.Span) bool {
				return s.TraceID.String() == "5b8efff798038103d269b633813fc60c" && s.SpanID.String() == "eee19b7ec3c1b174"
			}},
		"base64 ids (tempo)": {`{"traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXQ="}`,
			func(s *trace.Span) bool { return s.TraceID.String() == "5b8efff798038103d269b633813fc60c" }},
		"short ids padded": {`{"traceId":"00000000000000ff","spanId":"1"}`,
			func(s *trace.Span) bool {
				return s.TraceID.String() == "000000000000000000000000000000ff" && s.SpanID[7] == 1
			}},
		"enum names": {`{"traceId":"01","spanId":"02","kind":"SPAN_KIND_SERVER","status":{"code":"STATUS_CODE_ERROR"}}`,
			func(s *trace.Span) bool { return s.Kind == trace.KindServer && s.Status == trace.StatusError }},
		"enum numeric strings": {`{"traceId":"01","spanId":"02","kind":"3","status":{"code":"2","message":"boom"}}`,
			func(s *trace.Span) bool {
				return s.Kind == trace.KindClient && s.IsError() && s.StatusMessage == "boom"
			}},
		"int64 as number or string": {`{"traceId":"01","spanId":"02","startTimeUnixNano":1700000000000000000,"endTimeUnixNano":"1700000000500000000"}`,
			func(s *trace.Span) bool { return s.Duration() == 5e8 }},
		"snake_case keys": {`{"trace_id":"01","span_id":"02","parent_span_id":"03","start_time_unix_nano":"1","end_time_unix_nano":"9","dropped_attributes_count":4}`,
			func(s *trace.Span) bool { return s.ParentID[7] == 3 && s.End == 9 && s.DroppedAttrs == 4 }},
		"unknown fields at any depth": {`{"traceId":"01","spanId":"02","x":{"y":[1,{"z":null}]},"attributes":[{"key":"a","value":{"stringValue":"b","extra":1},"more":true}]}`,
			func(s *trace.Span) bool { return len(s.Attrs) == 1 && s.Attrs[0].Value.Str() == "b" }},
		"every AnyValue kind": {`{"traceId":"01","spanId":"02","attributes":[
			{"key":"s","value":{"stringValue":"x"}},{"key":"b","value":{"boolValue":true}},
			{"key":"i","value":{"intValue":"-9007199254740993"}},{"key":"d","value":{"doubleValue":"NaN"}},
			{"key":"y","value":{"bytesValue":"aGk="}},{"key":"a","value":{"arrayValue":{"values":[{"intValue":1},{"stringValue":"two"}]}}},
			{"key":"m","value":{"kvlistValue":{"values":[{"key":"k","value":{"boolValue":false}}]}}},{"key":"e","value":{}}]}`,
			func(s *trace.Span) bool {
				v := func(k string) trace.Value { x, _ := trace.Lookup(s.Attrs, k); return x }
				return v("s").Str() == "x" && v("b").Bool() && v("i").Int() == -9007199254740993 && math.IsNaN(v("d").Double()) &&
					string(v("y").Bytes()) == "hi" && v("a").AsString() == "[1, two]" && v("m").AsString() == "{k: false}" &&
					v("e").Kind() == trace.ValueEmpty
			}},
		"events links flags state": {`{"traceId":"01","spanId":"02","traceState":"k=v","flags":257,
			"events":[{"timeUnixNano":"5","name":"exception","attributes":[{"key":"exception.message","value":{"stringValue":"x"}}],"droppedAttributesCount":1}],
			"links":[{"traceId":"0a","spanId":"0b","attributes":[{"key":"l","value":{"intValue":"1"}}]}],"droppedEventsCount":2,"droppedLinksCount":3}`,
			func(s *trace.Span) bool {
				return s.TraceState == "k=v" && s.Flags == 257 && len(s.Events) == 1 && s.Events[0].Time == 5 &&
					len(s.Links) == 1 && s.Links[0].SpanID[7] == 0x0b && s.DroppedEvents == 2 && s.DroppedLinks == 3
			}},
		"null lists": {`{"traceId":"01","spanId":"02","attributes":null,"events":null}`,
			func(s *trace.Span) bool { return s.Attrs == nil }},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			col, _, err := decode(t, request(c.span))
			if err != nil {
				t.Fatal(err)
			}
			s := only(t, col)
			if !c.check(s) {
				t.Errorf("decoded %+v", *s)
			}
			if s.Service() != "svc" || s.Scope.Name != "lib" || s.Scope.Version != "1.2" {
				t.Errorf("resource/scope lost: %q %+v", s.Service(), s.Scope)
			}
		})
	}
}

func TestOpaqueIDsAreKeptWithAWarning(t *testing.T) {
	c, ws, err := decode(t, request(`{"traceId":"trace-123","spanId":"span-1","parentSpanId":"span-0"}`))
	if err != nil {
		t.Fatal(err)
	}
	s := only(t, c)
	if s.Raw == nil || s.Raw.TraceID != "trace-123" || s.DisplaySpanID() != "span-1" || s.DisplayParentID() != "span-0" {
		t.Errorf("raw IDs = %+v", s.Raw)
	}
	if c.Traces()[0].DisplayID() != "trace-123" || len(ws) == 0 || !strings.Contains(ws[0].Message, "trace-123") {
		t.Errorf("display %q, warnings %v", c.Traces()[0].DisplayID(), ws)
	}
}

func TestResourceAfterSpansStillApplies(t *testing.T) {
	in := `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"01","spanId":"02"}]}],"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"late"}}]}}]}`
	c, _, err := decode(t, in)
	if err != nil || only(t, c).Service() != "late" {
		t.Errorf("service = %q, err %v", only(t, c).Service(), err)
	}
}

func TestShapesAndWrappers(t *testing.T) {
	one := request(`{"traceId":"01","spanId":"02"}`)
	cases := map[string]string{
		"array":            "[" + one + "," + request(`{"traceId":"01","spanId":"03"}`) + "]",
		"json lines":       one + "\n" + request(`{"traceId":"01","spanId":"03"}`) + "\n",
		"concatenated":     one + one[:len(one)-0],
		"jaeger api_v3":    `{"result":` + one + `}` + "\n" + request(`{"traceId":"01","spanId":"03"}`),
		"tempo v2 partial": `{"trace":` + strings.Replace(one, `"spanId":"02"}`, `"spanId":"02"},{"traceId":"01","spanId":"03"}`, 1) + `,"status":"PARTIAL"}`,
		"tempo batches":    strings.Replace(strings.Replace(one, "resourceSpans", "batches", 1), `"spanId":"02"}`, `"spanId":"02"},{"traceId":"01","spanId":"03"}`, 1),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			c, ws, err := decode(t, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Traces()) != 1 || c.SpanCount() != 2 {
				t.Errorf("got %d traces, %d spans", len(c.Traces()), c.SpanCount())
			}
			if name == "tempo v2 partial" && (len(ws) == 0 || !strings.Contains(ws[0].Message, "partial")) {
				t.Errorf("PARTIAL must warn: %v", ws)
			}
		})
	}
}

func TestBadLineIsAWarningAndOthersLoad(t *testing.T) {
	lines := []string{
		request(`{"traceId":"01","spanId":"02"}`),
		`{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"01","spanId":"03"},{"traceId":"01" oops`,
		request(`{"traceId":"01","spanId":"04"}`),
	}
	c, ws, err := decode(t, strings.Join(lines, "\n")+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Line != 2 {
		t.Fatalf("want one warning on line 2, got %+v", ws)
	}
	// Line 2's complete span is kept; lines 1 and 3 load.
	if c.SpanCount() != 3 {
		t.Errorf("spans = %d, want 3", c.SpanCount())
	}
	// A bad first line is forgiven once later lines prove it is JSON lines.
	c, ws, err = decode(t, "not json at all\n"+lines[0]+"\n")
	if err != nil || c.SpanCount() != 1 || len(ws) != 1 || ws[0].Line != 1 {
		t.Errorf("bad first line: err %v spans %d warnings %+v", err, c.SpanCount(), ws)
	}
}

func TestFatalErrorsCarryPositions(t *testing.T) {
	pretty := "{\n  \"resourceSpans\": [\n    {\"scopeSpans\": [ {\"spans\": [ {\"traceId\": 01} ] } ] }\n  ]\n}\n"
	cases := map[string]struct {
		in         string
		line       int
		wantErr    string
		notOTLP    bool
		wantOffset int64
	}{
		"empty":       {"", 0, "empty input", false, 0},
		"whitespace":  {" \n\t\n", 0, "empty input", false, 0},
		"truncated":   {request(`{"traceId":"01","spanId":"02"}`)[:60], 1, "truncated JSON", false, -1},
		"syntax":      {pretty, 3, "invalid JSON", false, -1},
		"not otlp":    {`{"data":[{"traceID":"x","spans":[]}]}`, 1, "not OTLP JSON", true, -1},
		"zipkin list": {`[{"traceId":"a","id":"b"}]`, 1, "not OTLP JSON", true, -1},
		"scalar":      {`42`, 1, "not OTLP JSON", true, -1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := decode(t, c.in)
			var pe *source.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a ParseError, got %v", err)
			}
			if !strings.Contains(err.Error(), c.wantErr) || pe.Line != c.line {
				t.Errorf("error %q (line %d), want %q on line %d", err, pe.Line, c.wantErr, c.line)
			}
			if c.notOTLP != errors.Is(err, ErrNotOTLP) {
				t.Errorf("errors.Is(ErrNotOTLP) = %v", !c.notOTLP)
			}
			if c.wantOffset >= 0 && pe.Offset != c.wantOffset {
				t.Errorf("offset %d, want %d", pe.Offset, c.wantOffset)
			}
		})
	}
}

func TestRealFiles(t *testing.T) {
	cases := map[string]struct{ traces, spans int }{
		"otlp/otel-proto_examples_trace.json":                                          {1, 1},
		"otlp/jaeger_memory_otel_traces_01.json":                                       {2, 4},
		"otlp/jaeger_query_otlp2jaeger-in.json":                                        {1, 2},
		"otlp/jaeger_integration_link_attributes_trace.json":                           {1, 1},
		"otlp/jaeger-ui_otlp2jaeger-multi-in.jsonl":                                    {1, 4},
		"otlp/otel-spec_file-exporter_traces.jsonl":                                    {1, 8},
		"otlp/otel-spec_file-exporter_traces_legacy-instrumentationLibrarySpans.jsonl": {1, 8},
		"jaeger-apiv3/jaeger_apiv3_GetTrace.json":                                      {1, 1},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := decode(t, string(b))
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Traces()) != want.traces || c.SpanCount() != want.spans {
				t.Errorf("got %d traces / %d spans, want %d / %d", len(c.Traces()), c.SpanCount(), want.traces, want.spans)
			}
		})
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "otlp", "otel-proto_examples_trace.json"))
	c, _, _ := decode(t, string(b))
	if s := only(t, c); s.TraceID.String() != "5b8efff798038103d269b633813fc60c" || s.Kind != trace.KindServer {
		t.Errorf("uppercase IDs must be read as hex: %s kind %v", s.TraceID, s.Kind)
	}
	b, _ = os.ReadFile(filepath.Join("..", "..", "testdata", "otlp", "otel-spec_file-exporter_traces_legacy-instrumentationLibrarySpans.jsonl"))
	c, _, _ = decode(t, string(b))
	errs := 0
	for _, s := range c.Traces()[0].Spans {
		if s.IsError() {
			errs++
		}
	}
	if errs == 0 || c.Traces()[0].Spans[0].Scope == nil {
		t.Error(`legacy "code":"2" must read as an error status, and scopes must be kept`)
	}
}
