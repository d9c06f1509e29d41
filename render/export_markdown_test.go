package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// cells splits a table row on its unescaped pipes.
func cells(row string) int {
	n := 0
	for k := 0; k < len(row); k++ {
		if row[k] == '\\' {
			k++
			continue
		}
		if row[k] == '|' {
			n++
		}
	}
	return n - 1
}

// A name from a trace cannot add a column, open a link or code span,
// break the row or drive a terminal; a value cannot close the fence.
func TestSpansMarkdownEscapesTraceStrings(t *testing.T) {
	a := build(
		spec{id: 1, svc: "web|x", name: "GET `/a` | [x](http://e) \x1b[2J\nnext", end: 100, err: "boom | `q`"},
		spec{id: 2, parent: 1, svc: "db", name: "q\u009b31m", start: 10, end: 20},
	)
	a.Tree.Span(1).Attrs = []trace.Attr{{Key: "sql", Value: trace.StringValue("```\n# heading")}}
	md := SpansMarkdown(a.Tree, a.Analysis, nil, Options{})
	rows := 0
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| ") {
			rows++
			if c := cells(l); c != 7 {
				t.Errorf("%d cells, want 7: %q", c, l)
			}
		}
	}
	if rows != 3 || strings.ContainsAny(md, "\x1b\u009b") || strings.Contains(md, "x](http") {
		t.Errorf("%d rows (want a header and 2 spans), or an escape or link got through:\n%s", rows, md)
	}
	// One span: its details follow in a fence no value can close.
	md = SpansMarkdown(a.Tree, a.Analysis, []int32{1}, Options{})
	if !strings.Contains(md, "````text\n") || !strings.HasSuffix(md, "\n````\n") || !strings.Contains(md, "| q | db |") {
		t.Errorf("single span:\n%s", md)
	}
}

// Data problems show as print shows them: an orphan is a root of its own
// with its missing parent named, not a child of the trace's root; an
// untimed or backwards span says so instead of leaving blank cells; and
// a URL in a name is not made a link by GitHub's autolinker.
func TestSpansMarkdownShowsDataProblems(t *testing.T) {
	tt := &trace.Trace{}
	tt.ID[15] = 7
	res := &trace.Resource{Service: "web"}
	add := func(id, parent byte, name string, start, end int64) {
		s := trace.Span{TraceID: tt.ID, Name: name, Resource: res, Start: start, End: end}
		s.SpanID[7], s.ParentID[7] = id, parent
		tt.Spans = append(tt.Spans, s)
	}
	add(1, 0, "root see http://evil.example and www.evil.example", t0, t0+100*msec)
	add(2, 1, "untimed", 0, 0)
	add(3, 1, "backwards", t0+50*msec, t0+10*msec)
	add(4, 9, "orphan", t0+5*msec, t0+6*msec)
	tr := trace.Build(tt)
	md := SpansMarkdown(tr, trace.Analyze(tr), nil, Options{})
	for _, want := range []string{
		"\n⚠ 1 span has no start time  \n",
		"\n⚠ 1 span ends before it starts  \n",
		"| └─ untimed | web |  |  |  | ⚠ no start time |",
		"| ⚠ ends before it starts |",
		"| orphan | web |", // a root: no elbow
		"⚠ parent missing: `0000000000000009` is not in this trace",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q in\n%s", want, md)
		}
	}
	if strings.Contains(md, "http://") || strings.Contains(md, "www.evil") {
		t.Errorf("a URL GitHub would link:\n%s", md)
	}
}
