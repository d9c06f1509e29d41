package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// Issue 15 item 7: the details pane showed ["1","2"] as [1, 2] and
// ["a, b"] as if it were two elements; a root span's flags 0x101 read
// "local parent"; link trace IDs were cut even at 200 columns.
func TestDetailsShowValuesTypedFlagsAndWholeLinks(t *testing.T) {
	a := build(spec{id: 1, svc: "api", name: "GET /", end: 10}, spec{id: 2, parent: 1, svc: "db", name: "SELECT", end: 5})
	arr := func(vs ...trace.Value) trace.Value {
		items := make([]trace.Attr, len(vs))
		for k, v := range vs {
			items[k] = trace.Attr{Value: v}
		}
		return trace.ArrayValue(items)
	}
	root := &a.Tree.Trace.Spans[0]
	root.Attrs = []trace.Attr{
		{Key: "ids", Value: arr(trace.StringValue("1"), trace.StringValue("2"))},
		{Key: "nums", Value: arr(trace.IntValue(1), trace.IntValue(2))},
		{Key: "one", Value: arr(trace.StringValue("a, b"))},
	}
	root.Flags = 0x101
	link := trace.Link{SpanID: trace.SpanID{0xb7, 0xad, 0x6b, 0x71, 0x69, 0x20, 0x33, 0x31}}
	copy(link.TraceID[:], []byte{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36})
	root.Links = []trace.Link{link}
	a.Tree.Trace.Spans[1].Flags = 0x301
	for _, w := range []int{40, 80, 200} {
		lines := Details(a.Tree, a.Analysis, 0, Options{Width: w})
		text := strings.Join(lines, "\n")
		flat := strings.Join(strings.Fields(text), " ") // wrapped values read as one
		for _, want := range []string{`ids: ["1", "2"]`, "nums: [1, 2]", `one: ["a, b"]`, "flags: 0x101 sampled, no remote caller (started here)"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%d columns: no %q in\n%s", w, want, text)
			}
		}
		if strings.Contains(text, "local parent") {
			t.Errorf("%d columns: a root span reads as if it had a parent:\n%s", w, text)
		}
		joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
		if !strings.Contains(joined, "4bf92f3577b34da6a3ce929d0e0e4736") || !strings.Contains(joined, "b7ad6b7169203331") {
			t.Errorf("%d columns: the link's IDs are whole (wrapped if need be):\n%s", w, text)
		}
	}
	child := strings.Join(Details(a.Tree, a.Analysis, 1, Options{Width: 100}), "\n")
	if !strings.Contains(child, "flags: 0x301 sampled, parent in another process") {
		t.Errorf("a span with a remote parent:\n%s", child)
	}
}
