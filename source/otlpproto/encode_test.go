package otlpproto

import (
	"bytes"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// Encode writes what Decode reads back exactly: every field, every value
// type, nanosecond times (OTLP carries all of the model).
func TestEncodeRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 400, Traces: 4, Seed: 7, ErrorRate: 0.1})
	rich := `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}],"droppedAttributesCount":2},"schemaUrl":"s",
	"scopeSpans":[{"scope":{"name":"lib","version":"1","attributes":[{"key":"a","value":{"intValue":"1"}}]},"spans":[
	{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"0000000000000001","traceState":"k=v","flags":257,
	 "name":"n","kind":4,"startTimeUnixNano":"1700000000123456789","endTimeUnixNano":"1700000000987654321",
	 "attributes":[{"key":"d","value":{"doubleValue":"NaN"}},{"key":"y","value":{"bytesValue":"aGk="}},
	  {"key":"a","value":{"arrayValue":{"values":[{"boolValue":true},{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v"}}]}}]}}}],
	 "droppedAttributesCount":3,"events":[{"timeUnixNano":"5","name":"e","attributes":[{"key":"x","value":{"stringValue":"y"}}],"droppedAttributesCount":1}],
	 "droppedEventsCount":1,"links":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","traceState":"t","flags":1,
	 "attributes":[{"key":"l","value":{"intValue":"1"}}]}],"droppedLinksCount":2,"status":{"code":2,"message":"boom"}}]}]}]}`
	for _, in := range []string{rich, buf.String()} {
		c1 := trace.NewCollector()
		if err := otlpjson.Decode(bytes.NewReader([]byte(in)), c1, &source.Warnings{}); err != nil {
			t.Fatal(err)
		}
		var spans []*trace.Span
		for _, tr := range c1.Traces() {
			for i := range tr.Spans {
				spans = append(spans, &tr.Spans[i])
			}
		}
		out, lost, err := Encode(spans)
		if err != nil || lost != 0 {
			t.Fatalf("encode: %v, %d lost", err, lost)
		}
		c2 := trace.NewCollector()
		if err := Decode(out, c2, &source.Warnings{}); err != nil {
			t.Fatal(err)
		}
		var back []*trace.Span
		for _, tr := range c2.Traces() {
			for i := range tr.Spans {
				back = append(back, &tr.Spans[i])
			}
		}
		if len(back) != len(spans) {
			t.Fatalf("%d spans back, want %d", len(back), len(spans))
		}
		for k := range spans {
			a, b := *spans[k], *back[k]
			if !a.Resource.Equal(b.Resource) || !a.Scope.Equal(b.Scope) {
				t.Fatalf("span %d: resource or scope differs:\n%+v %+v\n%+v %+v", k, a.Resource, a.Scope, b.Resource, b.Scope)
			}
			a.Resource, b.Resource, a.Scope, b.Scope = nil, nil, nil, nil
			if !a.Equal(&b) {
				t.Fatalf("span %d differs:\n%+v\n%+v", k, a, b)
			}
		}
	}
}
