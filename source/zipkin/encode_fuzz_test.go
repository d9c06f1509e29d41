package zipkin

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// FuzzEncodeMirrorsDecode: whatever Zipkin JSON decodes, its encoding is
// valid JSON that decodes again to the same spans: IDs, names, parents,
// times, kinds, statuses, endpoints and attributes (as a set).
func FuzzEncodeMirrorsDecode(f *testing.F) {
	f.Add([]byte(`[{"traceId":"463ac35c9f6413ad","id":"72485a3953bb6124","parentId":"a2fb4a1d1a96d312","name":"get","kind":"SERVER",
		"timestamp":1600000000123456,"duration":7,"localEndpoint":{"serviceName":"backend","ipv4":"10.0.0.1","port":8080},
		"remoteEndpoint":{"serviceName":"frontend","ipv6":"::1"},"annotations":[{"timestamp":1600000000123458,"value":"wr"}],
		"tags":{"http.path":"/api","error":"timeout"},"shared":true,"debug":true}]`))
	f.Add([]byte(`[[{"traceId":"x","id":"y","tags":{"peer.service":"p","zipkin.shared":"true"}}]]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		c1 := trace.NewCollector()
		if Decode(bytes.NewReader(in), c1, &source.Warnings{}) != nil {
			return
		}
		var spans []*trace.Span
		for _, tr := range c1.Traces() {
			for i := range tr.Spans {
				spans = append(spans, &tr.Spans[i])
			}
		}
		out, _ := AppendJSON(nil, spans)
		if !json.Valid(out) {
			t.Fatalf("invalid JSON:\n%s", out)
		}
		c2 := trace.NewCollector()
		if err := Decode(bytes.NewReader(out), c2, &source.Warnings{}); err != nil {
			t.Fatalf("re-decode: %v\n%s", err, out)
		}
		a, b := c1.Traces(), c2.Traces()
		if len(a) != len(b) {
			t.Fatalf("%d traces, then %d", len(a), len(b))
		}
		for k := range a {
			if len(a[k].Spans) != len(b[k].Spans) {
				t.Fatalf("trace %d: %d spans, then %d", k, len(a[k].Spans), len(b[k].Spans))
			}
			for i := range a[k].Spans {
				if repeatsAKey(a[k].Spans[i].Attrs) {
					continue // tags are a map: a repeat is left out, and said so
				}
				x := a[k].Spans[i]
				x.Raw = nil // an ID that was not hex is written as the hex of its hash, which reads back as that hash
				if d := spanDiff(x, b[k].Spans[i]); d != "" {
					t.Fatalf("span %d: %s\n%s", i, d, out)
				}
			}
		}
	})
}

func repeatsAKey(attrs []trace.Attr) bool {
	seen := map[string]bool{}
	for _, a := range attrs {
		if seen[a.Key] {
			return true
		}
		seen[a.Key] = true
	}
	return false
}
