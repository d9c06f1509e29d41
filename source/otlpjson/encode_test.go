package otlpjson

import (
	"bytes"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// A request encoded with AppendRequest decodes back to the same model: what
// `listen --save` writes, `open` reads losslessly.
func TestEncodeRoundTrip(t *testing.T) {
	in := request(`{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"0000000000000001",
		"traceState":"k=v","flags":257,"name":"GET \"x\"\n","kind":2,"startTimeUnixNano":"1","endTimeUnixNano":"9",
		"attributes":[{"key":"s","value":{"stringValue":"注文"}},{"key":"i","value":{"intValue":"-5"}},{"key":"d","value":{"doubleValue":"NaN"}},
		{"key":"y","value":{"bytesValue":"aGk="}},{"key":"a","value":{"arrayValue":{"values":[{"boolValue":true}]}}},
		{"key":"m","value":{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v"}}]}}}],"droppedAttributesCount":3,
		"events":[{"timeUnixNano":"5","name":"e","attributes":[]}],"droppedEventsCount":1,
		"links":[{"traceId":"01","spanId":"02","attributes":[{"key":"l","value":{"intValue":"1"}}]}],
		"status":{"code":2,"message":"boom"}}`)
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 300, Traces: 3, Seed: 2, ErrorRate: 0.1})
	for _, input := range []string{in, buf.String()} {
		c1, _, err := decode(t, input)
		if err != nil {
			t.Fatal(err)
		}
		var line []byte
		for _, tr := range c1.Traces() {
			ptrs := make([]*trace.Span, len(tr.Spans))
			for i := range tr.Spans {
				ptrs[i] = &tr.Spans[i]
			}
			line = append(AppendRequest(line, ptrs), '\n')
		}
		c2 := trace.NewCollector()
		if err := Decode(bytes.NewReader(line), c2, &source.Warnings{}); err != nil {
			t.Fatalf("re-decode: %v\n%s", err, line)
		}
		if c1.SpanCount() != c2.SpanCount() {
			t.Fatalf("span count %d -> %d", c1.SpanCount(), c2.SpanCount())
		}
		for k, tr := range c1.Traces() {
			for i := range tr.Spans {
				a, b := tr.Spans[i], c2.Traces()[k].Spans[i]
				a.Resource, b.Resource, a.Scope, b.Scope = nil, nil, nil, nil
				if !a.Equal(&b) {
					t.Fatalf("span differs:\n%+v\n%+v", a, b)
				}
			}
		}
	}
}
