package jaeger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// The encoder is the decoder's mirror: every real Jaeger file, decoded,
// encoded and decoded again, gives the same model, field by field.
func TestEncodeMirrorsDecode(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "jaeger-v1", "*.json"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		first, _, err := decode(t, in)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		orig := first.Traces()
		var groups [][]*trace.Span
		for _, tr := range orig {
			var g []*trace.Span
			for i := range tr.Spans {
				g = append(g, &tr.Spans[i])
			}
			groups = append(groups, g)
		}
		out, _ := AppendJSON(nil, groups)
		if !json.Valid(out) {
			t.Fatalf("%s: invalid JSON:\n%s", f, out)
		}
		second, _, err := decode(t, out)
		if err != nil {
			t.Fatalf("%s: re-decode: %v\n%s", f, err, out)
		}
		back := second.Traces()
		if len(back) != len(orig) {
			t.Fatalf("%s: %d traces, want %d", f, len(back), len(orig))
		}
		for k := range orig {
			if len(back[k].Spans) != len(orig[k].Spans) {
				t.Fatalf("%s: %d spans, want %d", f, len(back[k].Spans), len(orig[k].Spans))
			}
			for i := range orig[k].Spans {
				if d := spanDiff(&orig[k].Spans[i], &back[k].Spans[i]); d != "" {
					t.Errorf("%s span %d: %s", filepath.Base(f), i, d)
				}
			}
		}
	}
}

// spanDiff compares two spans with their resource and scope by value.
func spanDiff(a, b *trace.Span) string {
	x, y := *a, *b
	if !x.Resource.Equal(y.Resource) {
		return fmt.Sprintf("resource %+v != %+v", x.Resource, y.Resource)
	}
	if !x.Scope.Equal(y.Scope) {
		return fmt.Sprintf("scope %+v != %+v", x.Scope, y.Scope)
	}
	x.Resource, y.Resource, x.Scope, y.Scope = nil, nil, nil, nil
	if !x.Equal(&y) {
		return fmt.Sprintf("\n%+v\n%+v", x, y)
	}
	return ""
}

// What Jaeger has no place for is counted, not dropped in silence.
func TestEncodeCountsWhatIsLost(t *testing.T) {
	s := &trace.Span{Name: "x", Start: 1_000_000_500, End: 2_000_000_000,
		Attrs: []trace.Attr{{Key: "list", Value: trace.ArrayValue([]trace.Attr{{Value: trace.IntValue(1)}})}},
		Links: []trace.Link{{SpanID: trace.SpanID{1}, Attrs: []trace.Attr{{Key: "why", Value: trace.StringValue("retry")}}}},
		Scope: &trace.Scope{Name: "lib", Attrs: []trace.Attr{{Key: "a", Value: trace.StringValue("b")}}}}
	s.TraceID[15], s.SpanID[7] = 1, 2
	s.Links[0].TraceID = s.TraceID // a link into its own trace, from a root
	list := trace.ArrayValue([]trace.Attr{{Value: trace.IntValue(1)}})
	// Counted in spans, with the attributes, events or links as items.
	two := &trace.Span{Name: "two lists", Start: 1_000_000_000, End: 1_000_000_000, ParentID: s.SpanID,
		Attrs:  []trace.Attr{{Key: "a", Value: list}, {Key: "b", Value: list}},
		Events: []trace.Event{{Time: 1_000_000_000}, {Time: 1_000_000_000}}}
	untimed := &trace.Span{Name: "untimed", ParentID: s.SpanID}
	backwards := &trace.Span{Name: "backwards", Start: 2_000_000_000, End: 1_000_000_000, ParentID: s.SpanID}
	noEnd := &trace.Span{Name: "no end", Start: 2_000_000_000, ParentID: s.SpanID}
	for k, x := range []*trace.Span{two, untimed, backwards, noEnd} {
		x.TraceID, x.SpanID[7] = s.TraceID, byte(10+k)
	}
	out, lost := AppendJSON(nil, [][]*trace.Span{{s, two, untimed, backwards, noEnd}})
	want := []string{
		"array and map attributes (written as their text, a string): 2 spans (3 attributes)",
		`events with no name (read back as "log", as Jaeger names a log with no event field): 1 span (2 events)`,
		"instrumentation scope attributes (the scope's name and version are tags): 1 span (1 attribute)",
		"link attributes, trace states and flags (a reference has a type and IDs only): 1 span (1 link)",
		"links from a root span into its own trace (Jaeger reads them as its parent): 1 span (1 link)",
		"spans ending before they start (Jaeger writes a zero duration): 1 span",
		"spans with no end time (Jaeger writes a zero duration): 1 span",
		"spans with no start time (written as startTime 0, 1970-01-01): 1 span",
	}
	if !reflect.DeepEqual(lost, want) {
		t.Errorf("lost:\n%q\nwant\n%q", lost, want)
	}
	c := trace.NewCollector()
	if err := DecodeV1(bytes.NewReader(out), c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	got := c.Traces()[0].Spans[0]
	if got.Start != 1_000_000_000 || got.End != 2_000_000_000 {
		t.Errorf("times %d..%d: start and end are each cut to the µs", got.Start, got.End)
	}
}
