package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// hugeValueTrace is a two-span trace whose first span carries an attribute
// of size bytes (accented and wide text, escape sequences included).
func hugeValueTrace(size int) (*trace.Tree, *trace.Analysis) {
	text := strings.Repeat("payload é漢字 \x1b[31mred\x1b[0m line; ", size/32+1)[:size]
	t := &trace.Trace{Spans: []trace.Span{
		{Name: "POST /ingest", Start: 1, End: 100, SpanID: trace.SpanID{1}, Attrs: []trace.Attr{{Key: "body", Value: trace.StringValue(text)}}},
		{Name: "ack", Start: 10, End: 20, SpanID: trace.SpanID{2}, ParentID: trace.SpanID{1}},
	}}
	tr := trace.Build(t)
	return tr, trace.Analyze(tr)
}

// BenchmarkDetailsWindow is the details pane of a span carrying one huge
// attribute, 30 lines at 80 columns, as the explorer draws it every
// keypress: the same cost for 1 KB as for 1 MB.
func BenchmarkDetailsWindow(b *testing.B) {
	for _, size := range []int{1 << 10, 200 << 10, 1 << 20} {
		tr, a := hugeValueTrace(size)
		b.Run(fmt.Sprintf("value=%dKB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = DetailsWindow(tr, a, 0, Options{Width: 80}, 0, 30)
			}
		})
	}
}
