package datadog

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// payloadJSON writes v0.4 as JSON, as the agent's Go structs marshal it:
// IDs and times as JSON numbers.
func payloadJSON(traces ...[]ddSpan) []byte {
	var b strings.Builder
	b.WriteString("[")
	for i, tr := range traces {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("[")
		for j, s := range tr {
			if j > 0 {
				b.WriteString(",")
			}
			meta, _ := json.Marshal(s.meta)
			metrics, _ := json.Marshal(s.metrics)
			fmt.Fprintf(&b, `{"service":%q,"name":%q,"resource":%q,"type":%q,"trace_id":%d,"span_id":%d,"parent_id":%d,`+
				`"start":%d,"duration":%d,"error":%d,"meta":%s,"metrics":%s}`,
				s.service, s.name, s.resource, s.typ, s.traceID, s.spanID, s.parentID, s.start, s.duration, s.err, meta, metrics)
		}
		b.WriteString("]")
	}
	b.WriteString("]")
	return []byte(b.String())
}

// A 64-bit ID above 2^53 keeps every bit: JSON numbers are not floats here.
func TestJSONIDsAreExact(t *testing.T) {
	in := `[[{"trace_id":18446744073709551615,"span_id":9007199254740993,"parent_id":0,"name":"x","start":1700000000000000000,"duration":5}]]`
	c := trace.NewCollector()
	if err := DecodeJSON([]byte(in), Meta{}, c, &source.Warnings{}, source.NewInterner()); err != nil {
		t.Fatal(err)
	}
	s := c.Traces()[0].Spans[0]
	if s.TraceID.String() != "0000000000000000ffffffffffffffff" || s.SpanID.String() != "0020000000000001" {
		t.Errorf("IDs %s %s", s.TraceID, s.SpanID)
	}
}

func TestBadJSONPayloads(t *testing.T) {
	for in, want := range map[string]string{
		`{"trace_id":1}`:                "expected a list of traces",
		`[{"trace_id":1}]`:              "expected a trace",
		`[[1]]`:                         "expected a span",
		`[[{"trace_id":1.5}]]`:          `"trace_id"`,
		`[[{"span_id":"7"}]]`:           `"span_id"`,
		`[[{"trace_id":1}]] [[]]`:       "bytes after the payload",
		`[[{"trace_id":1,"start":`:      "byte ",
		`[[{"trace_id":1,"meta":[1]}]]`: "", // meta not an object: skipped, as other readers do
	} {
		err := DecodeJSON([]byte(in), Meta{}, trace.NewCollector(), &source.Warnings{}, source.NewInterner())
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", in, err)
			}
			continue
		}
		var pe *source.ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a positioned error saying %q", in, err, want)
		}
	}
}

func FuzzDecodeJSON(f *testing.F) {
	f.Add(payloadJSON(checkout))
	f.Add([]byte(`[[{"trace_id":18446744073709551615,"meta":{"events":"[{\"name\":\"x\"}]"}}]]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		c := trace.NewCollector()
		err := DecodeJSON(in, Meta{}, c, &source.Warnings{}, source.NewInterner())
		var pe *source.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error without a position: %v", err)
		}
		for _, tr := range c.Traces() {
			trace.Analyze(trace.Build(tr))
		}
	})
}
